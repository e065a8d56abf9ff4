"""Where dot voting plugs into the room: the `RoomVoting` protocol.

NOT IMPLEMENTED YET, on purpose. Dot voting (VotingSession and Vote entities, their budgets and caps
enforced by Entity.check, planners in model/voting.py) is being built on its own branch. Until it
lands, the room has no voting: `plans.plan` refuses votes ("voting is not open"), the room's view
carries `"voting": null` and the phone page keeps its vote section hidden. Nothing pretends to count.

To plug it in, write one adapter over the open VotingSession that satisfies this protocol (each method
reads the document or plans ONE operation, exactly like model/edits.py), and hand it to the room
(editor/room/controller.py `RoomController.set_voting`). The server, the page and the bridge need no
change: they already route POST /api/votes and /api/votes/take-back here and show what this reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from .. import ops
from ..document import Document
from ..domain import Card


@runtime_checkable
class RoomVoting(Protocol):
    def votable_cards(self, doc: Document) -> Sequence[Card]:
        """The cards phones may vote on now, in the order to show them."""

    def ballot(self, doc: Document, participant_id: str) -> Mapping[str, int]:
        """The participant's own votes: card id -> number of dots."""

    def remaining(self, doc: Document, participant_id: str) -> int:
        """How many votes the participant has left (always shown on the phone)."""

    def results(self, doc: Document) -> Mapping[str, int] | None:
        """Card id -> votes once revealed; None while results are hidden."""

    def cast(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        """The one operation adding a vote (ValidationError past the budget or the per-card cap)."""

    def take_back(self, doc: Document, participant_id: str, card_id: str) -> ops.Op | None:
        """The one operation taking one of the participant's votes on the card back; None if it has none."""
