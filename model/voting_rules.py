"""The rules a map's voting keeps whatever the path (booth, room, wall, import, undo): budgets and caps.

`check_vote` and `check_session` are the declarations' own checks
(model/entities.py, Entity.check): the Document runs them on every add and
update of a vote or a session, after the references were found. They judge
the state the change would leave, so they hold for everything a map can
contain: a ballot within its budget, a participant's votes on one card within
the cap, one vote item per participant and card (and one wall total per card),
one current session at most.

Whether a vote may be *cast* (the session is open, the card is votable) is a
rule about the act, not the state: a closed session's votes come back with a
card whose deletion is undone, and a map whose card moved out of a votable lane
must still open. Those rules live in the planners (model/voting.py), which
every client casts through.
"""

from __future__ import annotations

from typing import Any

from .errors import ValidationError

SESSION = "voting_session"
VOTE = "vote"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _voter(document: Any, participant_id: str) -> str:
    return document.item("participant", participant_id).name


def check_vote(document: Any, vote: Any) -> None:
    """Refuse a vote that would be a second item for its participant and card, or break the budget or cap."""
    session = document.item(SESSION, vote.session_id)
    used = 0
    for other in document.items(VOTE):
        if other.id == vote.id or other.session_id != vote.session_id or other.participant_id != vote.participant_id:
            continue
        if other.card_id == vote.card_id:
            whose = "the wall's total" if vote.participant_id is None else "this participant's vote"
            raise ValidationError(f"{whose} on this card in {session.name!r} is already kept")
        used += other.count
    if vote.participant_id is None:
        return  # wall dots are the room's total: no one person's budget or cap
    if vote.count > session.max_per_card:
        raise ValidationError(f"at most {plural(session.max_per_card, 'vote')} per card in {session.name!r}")
    if used + vote.count > session.votes_per_participant:
        left = max(session.votes_per_participant - used, 0)
        raise ValidationError(f"{_voter(document, vote.participant_id)} has {plural(left, 'vote')} left "
                              f"of {session.votes_per_participant} in {session.name!r}")


def check_session(document: Any, session: Any) -> None:
    """Refuse a second current session, and rules tighter than the ballots already cast."""
    for other in document.items(SESSION):
        if other.current and session.current and other.id != session.id:
            raise ValidationError(f"only one voting session can be current, and {other.name!r} is")
    used: dict[str, int] = {}
    for vote in document.items(VOTE):
        if vote.session_id != session.id or vote.participant_id is None:
            continue
        if vote.count > session.max_per_card:
            raise ValidationError(f"{_voter(document, vote.participant_id)} already gave a card "
                                  f"{plural(vote.count, 'vote')}: the cap cannot go below {vote.count}")
        used[vote.participant_id] = used.get(vote.participant_id, 0) + vote.count
    for participant_id, count in used.items():
        if count > session.votes_per_participant:
            raise ValidationError(f"{_voter(document, participant_id)} already cast {plural(count, 'vote')}: "
                                  f"the budget cannot go below {count}")
