"""Dot voting: the planners every client casts through, and the questions asked of a map's votes.

Planners return the one operation that does what was asked (None when nothing
would change) and raise ValidationError, saying why, when it may not be done:
a vote into a closed session, on a card the session does not take, beyond a
budget. The budget and the cap are also kept by the declarations' own checks
(model/voting_rules.py), whatever the path; whether the session is open and the
card votable is decided here, when a vote is cast, because undo and loading
must be able to bring back what was cast before a session closed.

The facilitator's planners (sessions, reveal, close, wall totals, clearing a
ballot) are pushed on the undo stack; a participant's casts and take-backs
(booth, room) are applied directly with their origin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from . import ops
from .document import Content, Document, content_items
from .domain import Vote, VoteOrigin, VotingSession
from .edits import update_item
from .errors import NotFoundError, ValidationError
from .voting_rules import SESSION, VOTE, plural

LEGACY_SESSION_NAME = "Votes before sessions"  # where a card's old `votes` field went (schema 3)
IMPORTED_SESSION_NAME = "Imported votes"  # a spreadsheet's "votes" column


# -- questions ------------------------------------------------------------------------------------


def sessions(doc: Document) -> list[VotingSession]:
    return doc.items(SESSION)


def current_session(doc: Document) -> VotingSession | None:
    return next((s for s in doc.items(SESSION) if s.current), None)


def votes_in(doc: Document, session_id: str) -> list[Vote]:
    return [v for v in doc.items(VOTE) if v.session_id == session_id]


def totals(doc: Document, session_id: str) -> dict[str, int]:
    """Each card's total in a session (participants' votes and wall dots), for cards that have any."""
    out: dict[str, int] = {}
    for vote in votes_in(doc, session_id):
        out[vote.card_id] = out.get(vote.card_id, 0) + vote.count
    return out


@dataclass(frozen=True)
class Ranked:
    rank: int  # equal totals share a rank: 1, 2, 2, 4
    card_id: str
    votes: int


def ranked(doc: Document, session_id: str) -> list[Ranked]:
    """The cards with votes, most first; equal totals in journey order, sharing their rank."""
    counts = totals(doc, session_id)
    order = [c.id for c in doc.cards() if c.id in counts]
    order.sort(key=lambda card_id: -counts[card_id])  # stable: journey order within equal totals
    out: list[Ranked] = []
    for i, card_id in enumerate(order):
        same = out and out[-1].votes == counts[card_id]
        out.append(Ranked(out[-1].rank if same else i + 1, card_id, counts[card_id]))
    return out


def ballot(doc: Document, session_id: str, participant_id: str) -> dict[str, int]:
    """A participant's votes in a session: card id -> count."""
    return {v.card_id: v.count for v in votes_in(doc, session_id) if v.participant_id == participant_id}


def ballots(doc: Document, session_id: str) -> dict[str, dict[str, int]]:
    """Every participant's votes in a session, in one look at the votes: participant id -> card id -> count
    (participants who cast none are left out; wall dots are no one's)."""
    out: dict[str, dict[str, int]] = {}
    for v in votes_in(doc, session_id):
        if v.participant_id is not None:
            out.setdefault(v.participant_id, {})[v.card_id] = v.count
    return out


def votes_left(session: VotingSession, ballot: Mapping[str, int]) -> int:
    """What a participant with this ballot may still cast in the session."""
    return max(session.votes_per_participant - sum(ballot.values()), 0)


def remaining(doc: Document, session_id: str, participant_id: str) -> int:
    return votes_left(doc.item(SESSION, session_id), ballot(doc, session_id, participant_id))


def voters(doc: Document, session_id: str) -> list[str]:
    """The participants who cast at least one vote in a session, in the participants' order."""
    cast = {v.participant_id for v in votes_in(doc, session_id)}
    return [p.id for p in doc.items("participant") if p.id in cast]


def card_voters(doc: Document, session_id: str, card_id: str) -> list[tuple[str, int]]:
    """(participant name, count) of a named session's votes on a card; none for an anonymous one."""
    if doc.item(SESSION, session_id).anonymous:
        return []
    given = {v.participant_id: v.count for v in votes_in(doc, session_id)
             if v.card_id == card_id and v.participant_id is not None}
    return [(p.name, given[p.id]) for p in doc.items("participant") if p.id in given]


def current_count(doc: Document, card_id: str) -> int:
    """The current session's total for a card (0 without a current session)."""
    session = current_session(doc)
    return 0 if session is None else totals(doc, session.id).get(card_id, 0)


def shown_votes(doc: Document) -> dict[str, int]:
    """The counts the map shows (canvas, inspector, poster, exports): the current session's, once revealed.

    Until the facilitator reveals them nobody sees totals, not even on a screen passed round the room.
    """
    session = current_session(doc)
    return totals(doc, session.id) if session is not None and session.revealed else {}


def missing_lanes(doc: Document, session: VotingSession) -> list[str]:
    """The votable lanes that the map no longer has (deleted since the session was made)."""
    lanes = {lane.id for lane in doc.lanes}
    return [lane_id for lane_id in session.votable_lanes if lane_id not in lanes]


def votable_cards(doc: Document, session: VotingSession) -> list:
    """The cards a session takes, in journey order (the booth's focus, the wall's walk, the phones' list)."""
    return [c for c in doc.cards() if session.takes(c)]


def is_votable(doc: Document, session: VotingSession, card_id: str) -> bool:
    return doc.has_card(card_id) and session.takes(doc.card(card_id))


# -- the facilitator's planners (undoable) ----------------------------------------------------------


def _named(op: ops.Op | None, name: str) -> ops.Op | None:
    return None if op is None else ops.Batch((op,), name)


def _unset_current(doc: Document, keep: str | None = None) -> list[ops.Op]:
    return [ops.UpdateItem(SESSION, s.id, {"current": False}) for s in doc.items(SESSION) if s.current and s.id != keep]


def add_session(doc: Document, session: VotingSession) -> ops.Op:
    """Add a session; a current one takes over from the session that was current."""
    return ops.Batch((*(_unset_current(doc) if session.current else ()), ops.AddItem(session)),
                     f"New voting session {session.name!r}")


def edit_session(doc: Document, session_id: str, **changes) -> ops.Op | None:
    """Change a session's name or rules (not whether it is current: make_current does that).

    Rules tighter than the ballots already cast are refused by the model, saying whose ballot.
    """
    if "current" in changes:
        raise ValidationError("make a session current with make_current, not an edit")
    return update_item(doc, SESSION, session_id, changes)  # a field edit: a typing burst merges into one step


def reveal(doc: Document, session_id: str, revealed: bool = True) -> ops.Op | None:
    name = doc.item(SESSION, session_id).name
    op = update_item(doc, SESSION, session_id, {"revealed": revealed})
    return _named(op, f"{'Reveal' if revealed else 'Hide'} the votes of {name!r}")


def close(doc: Document, session_id: str) -> ops.Op | None:
    name = doc.item(SESSION, session_id).name
    return _named(update_item(doc, SESSION, session_id, {"closed": True}), f"Close voting in {name!r}")


def reopen(doc: Document, session_id: str) -> ops.Op | None:
    name = doc.item(SESSION, session_id).name
    return _named(update_item(doc, SESSION, session_id, {"closed": False}), f"Reopen voting in {name!r}")


def make_current(doc: Document, session_id: str | None) -> ops.Op | None:
    """Make one session the one the map shows (None: no session), the one current before no longer."""
    steps = _unset_current(doc, keep=session_id)
    if session_id is not None and not doc.item(SESSION, session_id).current:
        steps.append(ops.UpdateItem(SESSION, session_id, {"current": True}))
    if not steps:
        return None
    name = "Show no voting session" if session_id is None else f"Show the votes of {doc.item(SESSION, session_id).name!r}"
    return ops.Batch(tuple(steps), name)


def delete_session(doc: Document, session_id: str) -> ops.Op:
    """Remove a session with all its votes (undone exactly)."""
    return _named(ops.RemoveItem(SESSION, session_id), f"Delete voting session {doc.item(SESSION, session_id).name!r}")


def _open_session(doc: Document, session_id: str) -> VotingSession:
    session = doc.item(SESSION, session_id)
    if session.closed:
        raise ValidationError(f"voting in {session.name!r} is closed: reopen it to change its votes")
    return session


def _check_votable(doc: Document, session: VotingSession, card_id: str) -> None:
    if not doc.has_card(card_id):
        raise NotFoundError("this card is no longer on the map")
    if not session.takes(doc.card(card_id)):
        gone = " (its lanes were deleted)" if session.votable_lanes and len(missing_lanes(doc, session)) == len(
            session.votable_lanes) else ""
        raise ValidationError(f"this card cannot be voted on in {session.name!r}{gone}")


def _find(doc: Document, session_id: str, participant_id: str | None, card_id: str) -> Vote | None:
    return next((v for v in doc.items(VOTE) if v.session_id == session_id and v.card_id == card_id
                 and v.participant_id == participant_id), None)


def set_wall_total(doc: Document, session_id: str, card_id: str, total: int) -> ops.Op | None:
    """The dots counted on the printed poster for one card (0 takes the card's wall dots away)."""
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValidationError("a wall total must be a whole number, 0 or more")
    session = _open_session(doc, session_id)
    if total:
        _check_votable(doc, session, card_id)
    kept = _find(doc, session_id, None, card_id)
    if kept is None:
        op = ops.AddItem(Vote(session_id, None, card_id, total, VoteOrigin.WALL)) if total else None
    elif total == 0:
        op = ops.RemoveItem(VOTE, kept.id)
    else:
        op = ops.UpdateItem(VOTE, kept.id, {"count": total}) if total != kept.count else None
    return _named(op, f"Wall dots: {plural(total, 'vote')}")


def clear_ballot(doc: Document, session_id: str, participant_id: str) -> ops.Op | None:
    """Take away all of one participant's votes in a session (undoable: the facilitator's action)."""
    session = _open_session(doc, session_id)
    steps = tuple(ops.RemoveItem(VOTE, v.id) for v in votes_in(doc, session_id) if v.participant_id == participant_id)
    if not steps:
        return None
    who = doc.item("participant", participant_id).name
    return ops.Batch(steps, f"Clear {who}'s votes in {session.name!r}")


# -- a participant's planners (booth, room: applied with their origin, not undoable) ------------------


def _participant(doc: Document, participant_id: str):
    try:
        return doc.item("participant", participant_id)
    except NotFoundError:
        raise NotFoundError("this participant is no longer in the workshop") from None


def cast(doc: Document, session_id: str, participant_id: str, card_id: str,
         origin: VoteOrigin = VoteOrigin.BOOTH) -> ops.Op:
    """One more of a participant's votes on a card; ValidationError saying why not."""
    if origin == VoteOrigin.WALL:
        raise ValidationError("wall dots are entered as totals (set_wall_total)")
    person = _participant(doc, participant_id)
    session = _open_session(doc, session_id)
    _check_votable(doc, session, card_id)
    mine = [v for v in votes_in(doc, session_id) if v.participant_id == participant_id]  # one look at the votes
    kept = next((v for v in mine if v.card_id == card_id), None)
    if kept is not None and kept.count >= session.max_per_card:
        raise ValidationError(f"at most {plural(session.max_per_card, 'vote')} per card in {session.name!r}")
    if sum(v.count for v in mine) >= session.votes_per_participant:
        raise ValidationError(f"{person.name} has no votes left in {session.name!r}")
    if kept is None:
        return ops.AddItem(Vote(session_id, participant_id, card_id, 1, origin))
    return ops.UpdateItem(VOTE, kept.id, {"count": kept.count + 1})


def take_back(doc: Document, session_id: str, participant_id: str, card_id: str) -> ops.Op | None:
    """One of a participant's votes on a card taken back; None when they gave it none."""
    _participant(doc, participant_id)
    _open_session(doc, session_id)
    kept = _find(doc, session_id, participant_id, card_id)
    if kept is None:
        return None
    if kept.count == 1:
        return ops.RemoveItem(VOTE, kept.id)
    return ops.UpdateItem(VOTE, kept.id, {"count": kept.count - 1})


# -- votes that came as plain numbers per card (older maps and files, spreadsheets) -------------------


def _stable_id(*parts: str) -> str:
    # The same file read twice (a read-only view, a snapshot) gives the same ids.
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def legacy_session(name: str = LEGACY_SESSION_NAME, *, current: bool = True) -> VotingSession:
    """The session that holds votes counted before there were sessions: revealed, their wall totals."""
    return VotingSession(name, revealed=True, current=current, id=_stable_id("journeymap votes", name))


def legacy_votes(session: VotingSession, card_votes: Mapping[str, int]) -> list[Vote]:
    """Wall totals for the cards with votes, in the order given."""
    return [Vote(session.id, None, card_id, count, VoteOrigin.WALL, id=_stable_id(session.id, card_id))
            for card_id, count in card_votes.items() if count]


def with_wall_votes(content: Content, card_votes: Mapping[str, int], name: str) -> Content:
    """`content` with the cards' votes as wall totals of a new revealed session (current unless one is).

    Nothing is added when no card has a vote. The votes are kept in journey order.
    """
    order = [c.id for c in content.cards if card_votes.get(c.id)]
    if not order:
        return content
    held = content.items_of(SESSION)
    session = legacy_session(name, current=not any(s.current for s in held))
    by_kind = {kind: list(values) for kind, values in content.items}
    by_kind[SESSION] = [*held, session]
    by_kind[VOTE] = [*content.items_of(VOTE), *legacy_votes(session, {c: card_votes[c] for c in order})]
    return replace(content, items=content_items(by_kind))
