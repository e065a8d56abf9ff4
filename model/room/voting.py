"""Where dot voting plugs into the room: the `RoomVoting` protocol, and `CurrentSessionVoting`, the
adapter over the map's current voting session (model/voting.py) that the room uses.

Each method reads the document or plans ONE operation, exactly like model/edits.py; the budgets and
caps are the voting model's own (Entity.check and model/voting.py's planners), whatever the path.
The server, the page and the bridge route POST /api/votes and /api/votes/take-back here and show
what this reports. With no current open session, phones see no vote section and a vote is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from .. import ops, voting
from ..document import Document
from ..domain import Card, VoteOrigin
from ..errors import ValidationError


@runtime_checkable
class RoomVoting(Protocol):
    def votable_cards(self, doc: Document) -> Sequence[Card]:
        """The cards phones may vote on now, in the order to show them."""

    def takes(self, doc: Document, card_id: str) -> bool:
        """Whether phones may vote on the card now (it is one of `votable_cards`)."""

    def ballot(self, doc: Document, participant_id: str) -> Mapping[str, int]:
        """The participant's own votes: card id -> number of dots."""

    def remaining(self, doc: Document, participant_id: str) -> int:
        """How many votes the participant has left (always shown on the phone)."""

    def standing(self, doc: Document, participant_ids: Sequence[str]) -> tuple[Mapping[str, Mapping[str, int]],
                                                                                 Mapping[str, int]]:
        """Each participant's `ballot` and `remaining` at once (the room's snapshot asks after every
        change, for everyone in the room: one look at the votes, not one per participant)."""

    def results(self, doc: Document) -> Mapping[str, int] | None:
        """Card id -> votes once revealed; None while results are hidden."""

    def cast(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        """The one operation adding a vote (ValidationError past the budget or the per-card cap)."""

    def take_back(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        """The one operation taking one of the participant's votes on the card back; None if it has none."""


class CurrentSessionVoting:
    """The room's votes go to the map's current voting session, while it is open (votes from phones
    carry VoteOrigin.ROOM); no current or a closed session: nothing is votable and a vote is refused."""

    @staticmethod
    def _open(doc: Document):
        session = voting.current_session(doc)
        return session if session is not None and not session.closed else None

    def votable_cards(self, doc: Document) -> Sequence[Card]:
        session = self._open(doc)
        return [] if session is None else voting.votable_cards(doc, session)

    def takes(self, doc: Document, card_id: str) -> bool:
        session = self._open(doc)
        return session is not None and voting.is_votable(doc, session, card_id)

    def ballot(self, doc: Document, participant_id: str) -> Mapping[str, int]:
        session = self._open(doc)
        return {} if session is None else voting.ballot(doc, session.id, participant_id)

    def remaining(self, doc: Document, participant_id: str) -> int:
        session = self._open(doc)
        return 0 if session is None else voting.remaining(doc, session.id, participant_id)

    def standing(self, doc: Document, participant_ids: Sequence[str]) -> tuple[Mapping[str, Mapping[str, int]],
                                                                                 Mapping[str, int]]:
        session = self._open(doc)
        if session is None:
            return {p: {} for p in participant_ids}, {p: 0 for p in participant_ids}
        cast = voting.ballots(doc, session.id)
        given = {p: cast.get(p, {}) for p in participant_ids}
        return given, {p: voting.votes_left(session, b) for p, b in given.items()}

    def results(self, doc: Document) -> Mapping[str, int] | None:
        session = voting.current_session(doc)
        return voting.totals(doc, session.id) if session is not None and session.revealed else None

    def cast(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        session = self._open(doc)
        if session is None:
            raise ValidationError("voting is not open")
        return voting.cast(doc, session.id, participant_id, card_id, VoteOrigin.ROOM)

    def take_back(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        session = self._open(doc)
        return None if session is None else voting.take_back(doc, session.id, participant_id, card_id)
