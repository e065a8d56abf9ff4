"""Dot voting in the model: sessions, ballots, wall dots, the limits kept whatever the path, exact undo."""

from __future__ import annotations

import pytest

from model import ops, voting
from model.document import Document
from model.domain import CardKind, Participant, Vote, VoteOrigin, VotingSession
from model.errors import NotFoundError, ValidationError
from tests.model.factories import small_map


@pytest.fixture
def doc() -> Document:
    doc = small_map()
    for name in ("Dana", "Eli"):
        doc.apply(ops.AddItem(Participant(name)))
    return doc


def people(doc):
    return [p.id for p in doc.items("participant")]


def new_session(doc, **rules) -> VotingSession:
    session = VotingSession("Top pains", **{"votes_per_participant": 3, "max_per_card": 2, **rules})
    doc.apply(voting.add_session(doc, session))
    return session


def test_a_budget_of_zero_is_refused_with_its_own_words():
    with pytest.raises(ValidationError, match="at least one vote per participant"):
        VotingSession("Top", votes_per_participant=0)
    with pytest.raises(ValidationError, match="at least one vote"):
        VotingSession("Top", max_per_card=0)
    with pytest.raises(ValidationError, match="votes per participant"):
        VotingSession("Top", votes_per_participant=-2)
    with pytest.raises(ValidationError, match="card kind"):
        VotingSession("Top", votable_kinds=("banana",))
    with pytest.raises(ValidationError, match="no participant|every other vote"):
        Vote("s", None, "c", 1, VoteOrigin.BOOTH)


def test_casting_spends_the_budget_and_stops_at_the_cap(doc):
    session = new_session(doc)
    dana, eli = people(doc)
    a, b, c = doc.cards()[:3]
    doc.apply(voting.cast(doc, session.id, dana, a.id))
    doc.apply(voting.cast(doc, session.id, dana, a.id))
    assert voting.ballot(doc, session.id, dana) == {a.id: 2}
    with pytest.raises(ValidationError, match="at most 2 votes per card"):
        voting.cast(doc, session.id, dana, a.id)
    doc.apply(voting.cast(doc, session.id, dana, b.id))
    assert voting.remaining(doc, session.id, dana) == 0
    with pytest.raises(ValidationError, match="Dana has no votes left"):
        voting.cast(doc, session.id, dana, c.id)
    assert voting.remaining(doc, session.id, eli) == 3
    doc.apply(voting.take_back(doc, session.id, dana, a.id))
    assert voting.ballot(doc, session.id, dana) == {a.id: 1, b.id: 1}
    assert voting.take_back(doc, session.id, dana, c.id) is None  # nothing given, nothing to take


def test_the_limits_hold_whatever_the_path(doc):
    """Operations built by hand (an import, a phone, a bug) meet the declarations' own checks."""
    session = new_session(doc, current=True)
    dana, _ = people(doc)
    a, b, c = doc.cards()[:3]
    before = doc.content()
    with pytest.raises(ValidationError, match="at most 2 votes per card"):
        doc.apply(ops.AddItem(Vote(session.id, dana, a.id, 3)))
    doc.apply(ops.AddItem(Vote(session.id, dana, a.id, 2)))
    with pytest.raises(ValidationError, match="Dana has 1 vote left of 3"):
        doc.apply(ops.AddItem(Vote(session.id, dana, b.id, 2)))
    with pytest.raises(ValidationError, match="already kept"):
        doc.apply(ops.AddItem(Vote(session.id, dana, a.id, 1)))
    vote = voting.votes_in(doc, session.id)[0]
    with pytest.raises(ValidationError, match="at most 2"):
        doc.apply(ops.UpdateItem("vote", vote.id, {"count": 3}))
    with pytest.raises(ValidationError, match="from 1"):
        doc.apply(ops.UpdateItem("vote", vote.id, {"count": 0}))
    doc.apply(ops.AddItem(Vote(session.id, dana, c.id, 1)))
    # A tighter rule than the ballots cast is refused, saying whose ballot.
    with pytest.raises(ValidationError, match="Dana already cast 3 votes: the budget cannot go below 3"):
        doc.apply(voting.edit_session(doc, session.id, votes_per_participant=2))
    with pytest.raises(ValidationError, match="cap cannot go below 2"):
        doc.apply(voting.edit_session(doc, session.id, max_per_card=1))
    with pytest.raises(ValidationError, match="only one voting session can be current"):
        doc.apply(ops.AddItem(VotingSession("Second", current=True)))
    assert len(voting.votes_in(doc, session.id)) == 2 and before != doc.content()


def test_no_vote_into_a_closed_session_nor_on_a_card_it_does_not_take(doc):
    pain_lane = doc.lanes[2]
    session = new_session(doc, votable_lanes=(pain_lane.id,))
    dana, _ = people(doc)
    action = doc.cards()[0]
    pain = next(c for c in doc.cards() if c.lane_id == pain_lane.id)
    with pytest.raises(ValidationError, match="cannot be voted on"):
        voting.cast(doc, session.id, dana, action.id)
    with pytest.raises(ValidationError, match="cannot be voted on"):
        voting.set_wall_total(doc, session.id, action.id, 2)
    doc.apply(voting.cast(doc, session.id, dana, pain.id))
    doc.apply(voting.close(doc, session.id))
    for attempt in (lambda: voting.cast(doc, session.id, dana, pain.id),
                    lambda: voting.take_back(doc, session.id, dana, pain.id),
                    lambda: voting.set_wall_total(doc, session.id, pain.id, 4),
                    lambda: voting.clear_ballot(doc, session.id, dana)):
        with pytest.raises(ValidationError, match="closed: reopen it"):
            attempt()
    assert voting.close(doc, session.id) is None  # already closed: nothing to push
    doc.apply(voting.reopen(doc, session.id))
    doc.apply(voting.cast(doc, session.id, dana, pain.id))
    kinds = new_session(doc, votable_kinds=(CardKind.TOUCHPOINT,))
    doc.apply(voting.cast(doc, kinds.id, dana, action.id))
    with pytest.raises(ValidationError, match="cannot be voted on"):
        voting.cast(doc, kinds.id, dana, pain.id)


def test_wall_totals_are_one_item_per_card_set_and_cleared(doc):
    session = new_session(doc)
    dana, _ = people(doc)
    a, b = doc.cards()[:2]
    doc.apply(voting.set_wall_total(doc, session.id, a.id, 7))  # no cap: the room's total
    assert voting.set_wall_total(doc, session.id, a.id, 7) is None
    doc.apply(voting.set_wall_total(doc, session.id, a.id, 4))
    doc.apply(voting.cast(doc, session.id, dana, b.id))
    doc.apply(voting.cast(doc, session.id, dana, a.id))
    assert voting.totals(doc, session.id) == {a.id: 5, b.id: 1}
    doc.apply(voting.set_wall_total(doc, session.id, a.id, 0))
    assert voting.totals(doc, session.id) == {a.id: 1, b.id: 1}
    assert voting.set_wall_total(doc, session.id, b.id, 0) is None
    with pytest.raises(ValidationError, match="0 or more"):
        voting.set_wall_total(doc, session.id, a.id, -1)
    with pytest.raises(ValidationError, match="as totals"):
        voting.cast(doc, session.id, dana, a.id, VoteOrigin.WALL)


def test_ranked_results_share_ranks_and_keep_journey_order(doc):
    session = new_session(doc, votes_per_participant=5)
    dana, eli = people(doc)
    cards = doc.cards()
    doc.apply(voting.set_wall_total(doc, session.id, cards[4].id, 3))
    doc.apply(voting.set_wall_total(doc, session.id, cards[1].id, 1))
    doc.apply(voting.cast(doc, session.id, dana, cards[2].id))
    doc.apply(voting.cast(doc, session.id, eli, cards[2].id))
    doc.apply(voting.cast(doc, session.id, eli, cards[0].id))
    assert [(r.rank, r.card_id, r.votes) for r in voting.ranked(doc, session.id)] == [
        (1, cards[4].id, 3), (2, cards[2].id, 2), (3, cards[0].id, 1), (3, cards[1].id, 1)]
    assert voting.card_voters(doc, session.id, cards[2].id) == [("Dana", 1), ("Eli", 1)]
    assert voting.voters(doc, session.id) == [dana, eli]
    doc.apply(voting.edit_session(doc, session.id, anonymous=True))
    assert voting.card_voters(doc, session.id, cards[2].id) == []


def test_the_count_shown_is_the_current_sessions_once_revealed(doc):
    first = new_session(doc, current=True)
    a = doc.cards()[0]
    doc.apply(voting.set_wall_total(doc, first.id, a.id, 2))
    assert voting.current_count(doc, a.id) == 2
    assert voting.shown_votes(doc) == {}  # hidden until revealed
    doc.apply(voting.reveal(doc, first.id))
    assert voting.shown_votes(doc) == {a.id: 2}
    second = VotingSession("Ideas", current=True)
    doc.apply(voting.add_session(doc, second))  # takes over: one current at most
    assert [s.current for s in voting.sessions(doc)] == [False, True]
    assert voting.current_count(doc, a.id) == 0 and voting.shown_votes(doc) == {}
    doc.apply(voting.make_current(doc, first.id))
    assert voting.current_session(doc).id == first.id
    assert voting.make_current(doc, first.id) is None
    doc.apply(voting.make_current(doc, None))
    assert voting.current_session(doc) is None
    with pytest.raises(ValidationError, match="make_current"):
        voting.edit_session(doc, first.id, current=True)


def test_removing_a_card_participant_or_session_takes_its_votes_and_undo_brings_them_back(doc):
    session = new_session(doc)
    dana, eli = people(doc)
    a, b = doc.cards()[:2]
    doc.apply(voting.cast(doc, session.id, dana, a.id))
    doc.apply(voting.cast(doc, session.id, eli, a.id))
    doc.apply(voting.cast(doc, session.id, eli, b.id))
    doc.apply(voting.set_wall_total(doc, session.id, a.id, 4))
    doc.apply(voting.close(doc, session.id))  # undo must bring votes back even into a closed session
    for op in (ops.RemoveCard(a.id), ops.RemoveItem("participant", eli), voting.delete_session(doc, session.id),
               ops.RemoveLane(doc.lanes[0].id), ops.RemoveStage(doc.stages[0].id)):
        before = doc.content()
        undo = doc.apply(op)
        assert doc.content() != before
        doc.apply(undo)
        assert doc.content() == before
    assert len(voting.votes_in(doc, session.id)) == 4


def test_clearing_a_ballot_is_one_step_undone_exactly(doc):
    session = new_session(doc)
    dana, eli = people(doc)
    a, b = doc.cards()[:2]
    for card in (a, b):
        doc.apply(voting.cast(doc, session.id, dana, card.id))
    doc.apply(voting.cast(doc, session.id, eli, a.id))
    before = doc.content()
    op = voting.clear_ballot(doc, session.id, dana)
    assert op.label == "Clear Dana's votes in 'Top pains'"
    undo = doc.apply(op)
    assert voting.ballot(doc, session.id, dana) == {} and voting.ballot(doc, session.id, eli) == {a.id: 1}
    assert voting.clear_ballot(doc, session.id, dana) is None
    doc.apply(undo)
    assert doc.content() == before


def test_a_participant_removed_mid_vote_gets_a_clear_message_and_loses_nothing_else(doc):
    session = new_session(doc)
    dana, eli = people(doc)
    a = doc.cards()[0]
    doc.apply(voting.cast(doc, session.id, dana, a.id))
    doc.apply(voting.cast(doc, session.id, eli, a.id))
    doc.apply(ops.RemoveItem("participant", dana))
    before = doc.content()
    with pytest.raises(NotFoundError, match="no longer in the workshop"):
        voting.cast(doc, session.id, dana, a.id)
    with pytest.raises(NotFoundError, match="no participant"):
        doc.apply(ops.AddItem(Vote(session.id, dana, a.id)))  # whatever the path
    assert doc.content() == before and voting.totals(doc, session.id) == {a.id: 1}


def test_a_session_whose_votable_lane_is_deleted_says_so_and_keeps_the_rest(doc):
    pain_lane = doc.lanes[2]
    session = new_session(doc, votable_lanes=(pain_lane.id,))
    dana, _ = people(doc)
    pain = next(c for c in doc.cards() if c.lane_id == pain_lane.id)
    doc.apply(voting.cast(doc, session.id, dana, pain.id))
    undo = doc.apply(ops.RemoveLane(pain_lane.id))
    assert voting.votes_in(doc, session.id) == []  # they went with their cards
    assert voting.sessions(doc)[0].votable_lanes == (pain_lane.id,)  # kept: undo may bring the lane back
    assert voting.missing_lanes(doc, voting.sessions(doc)[0]) == [pain_lane.id]
    with pytest.raises(ValidationError, match="its lanes were deleted"):
        voting.cast(doc, session.id, dana, doc.cards()[0].id)
    doc.apply(undo)
    assert voting.ballot(doc, session.id, dana) == {pain.id: 1}
