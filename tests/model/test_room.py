"""The room's rules without a network: entities, planners, what phones may see, the room's curve."""

from __future__ import annotations

import pytest

from model import ops
from model.domain import InboxCard, Participant, RoomRating
from model.entities import room_rating_id
from model.errors import NotAllowedError, NotFoundError, ValidationError
from model.interchange.json_format import dumps, loads
from model.layout import compute_layout
from model.persistence import MapFile
from model.room import intents, plans
from model.room.curve import rating_summary, room_curves
from model.room.snapshot import build_snapshot
from model.room.step import RoomStep

from .factories import small_map


@pytest.fixture
def doc():
    return small_map()


def _lanes(doc):
    return {lane.name: lane for lane in doc.lanes}


def _join(doc, name="Ana"):
    op = plans.join(doc, name)
    doc.apply(op)
    return op.value.id


def _write(doc, pid, text="Long queue", step=RoomStep(), lane="Pain points", stage=0):
    intent = intents.AddInboxCard(pid, text, _lanes(doc)[lane].id, doc.stages[stage].id)
    op = plans.plan(doc, step, intent)
    doc.apply(op)
    return op.value.id


def test_a_rating_is_one_per_card_and_participant(doc):
    pid = _join(doc)
    card = doc.cards()[0].id
    doc.apply(ops.AddItem(RoomRating(card, pid, 1, id=room_rating_id(card, pid))))
    with pytest.raises(ValidationError, match="once"):
        doc.apply(ops.AddItem(RoomRating(card, pid, 2)))  # a second rating of the same pair
    with pytest.raises(ValidationError, match="already used"):
        doc.apply(ops.AddItem(RoomRating(card, pid, 2, id=room_rating_id(card, pid))))
    with pytest.raises(ValidationError, match="-2 to \\+2"):
        RoomRating(card, pid, 3)
    assert len(doc.items("room_rating")) == 1


def test_an_inbox_card_is_short_and_waits_in_a_lane_of_cards(doc):
    pid = _join(doc)
    emotions, stage = _lanes(doc)["Emotions"].id, doc.stages[0].id
    with pytest.raises(ValidationError, match="500"):
        InboxCard("x" * 501, _lanes(doc)["Actions"].id, stage, pid)
    with pytest.raises(ValidationError, match="emotions lane"):
        doc.apply(ops.AddItem(InboxCard("idea", emotions, stage, pid)))


def test_removing_a_participant_removes_their_ratings_and_cards_and_undo_restores_them(doc):
    pid, other = _join(doc), _join(doc, "Ben")
    card = RoomStep().touchpoints(doc)[0].id
    doc.apply(plans.rate(doc, RoomStep(), pid, card, 2))
    doc.apply(plans.rate(doc, RoomStep(), other, card, -1))
    _write(doc, pid)
    before = doc.content()
    undo = doc.apply(plans.remove_participant(doc, pid))
    assert [r.participant_id for r in doc.items("room_rating")] == [other] and not doc.items("inbox_card")
    doc.apply(undo)
    assert doc.content() == before


def test_join_is_refused_when_locked_and_names_are_tidied(doc):
    with pytest.raises(NotAllowedError, match="locked"):
        plans.plan(doc, RoomStep(), intents.Join("Ana"), joining_locked=True)
    op = plans.plan(doc, RoomStep(), intents.Join("  Ana \n Lee "))
    assert op.value.name == "Ana Lee"


def test_cards_go_only_where_the_step_allows(doc):
    pid = _join(doc)
    lanes = _lanes(doc)
    focus = RoomStep(stage_ids=(doc.stages[1].id,), lane_ids=(lanes["Pain points"].id,))
    with pytest.raises(NotAllowedError, match="stage"):
        _write(doc, pid, step=focus, stage=0)
    with pytest.raises(NotAllowedError, match="lane"):
        _write(doc, pid, step=focus, lane="Actions", stage=1)
    with pytest.raises(NotAllowedError, match="adding cards"):
        _write(doc, pid, step=RoomStep(writing=False))
    with pytest.raises(NotFoundError):
        plans.plan(doc, focus, intents.AddInboxCard(pid, "x", "nolane", doc.stages[1].id))
    with pytest.raises(NotFoundError, match="join again"):
        plans.plan(doc, focus, intents.AddInboxCard("stranger", "x", lanes["Pain points"].id, doc.stages[1].id))
    inbox_id = _write(doc, pid, step=RoomStep(private_writing=True), stage=1)
    assert doc.item("inbox_card", inbox_id).hidden


def test_rating_sets_changes_and_takes_back_and_plans_nothing_for_the_same_face(doc):
    pid, step = _join(doc), RoomStep()
    card = step.touchpoints(doc)[0].id
    doc.apply(plans.rate(doc, step, pid, card, 1))
    assert plans.rate(doc, step, pid, card, 1) is None
    doc.apply(plans.rate(doc, step, pid, card, -2))
    assert doc.item("room_rating", room_rating_id(card, pid)).value == -2
    doc.apply(plans.rate(doc, step, pid, card, None))
    assert not doc.items("room_rating") and plans.rate(doc, step, pid, card, None) is None
    pain = next(c for c in doc.cards() if c.kind != "touchpoint").id
    with pytest.raises(NotAllowedError, match="touchpoints"):
        plans.rate(doc, step, pid, pain, 1)
    with pytest.raises(NotAllowedError, match="rating"):
        plans.rate(doc, RoomStep(rating=False), pid, card, 1)


def test_accepting_is_one_step_into_the_right_cell_and_undone_exactly(doc):
    pid = _join(doc)
    inbox_id = _write(doc, pid, "Parking is hard", stage=2)
    before = doc.content()
    op = plans.accept(doc, inbox_id)
    assert isinstance(op, ops.Batch) and op.name == "Accept card from the room"
    undo = doc.apply(op)
    lane, stage = _lanes(doc)["Pain points"], doc.stages[2]
    made = doc.cell_cards(stage.id, lane.id)[-1]
    assert made.text == "Parking is hard" and made.kind == "pain_point" and not doc.items("inbox_card")
    doc.apply(undo)
    assert doc.content() == before


def test_edit_reveal_and_discard(doc):
    pid = _join(doc)
    first = _write(doc, pid, "one", step=RoomStep(private_writing=True))
    second = _write(doc, pid, "two", step=RoomStep(private_writing=True))
    assert plans.edit_inbox_text(doc, first, " one ") is None
    doc.apply(plans.edit_inbox_text(doc, first, "uno"))
    doc.apply(plans.reveal(doc))
    assert not any(c.hidden for c in doc.items("inbox_card")) and plans.reveal(doc) is None
    doc.apply(plans.discard(doc, [second]))
    assert [c.text for c in doc.items("inbox_card")] == ["uno"]


@pytest.mark.parametrize("payload, message", [
    ([], "JSON object"), ({"text": "x", "lane": "a"}, "lacks"), ({"text": "x", "lane": "a", "stage": "b", "y": 1}, "unknown"),
    ({"text": "x" * 501, "lane": "a", "stage": "b"}, "500"), ({"text": "  ", "lane": "a", "stage": "b"}, "empty"),
    ({"text": 5, "lane": "a", "stage": "b"}, "text"), ({"text": "x", "lane": "../etc", "stage": "b"}, "not an id"),
    ({"text": "a\x00", "lane": "a", "stage": "b"}, "NUL"), ({"text": "\ud800", "lane": "a", "stage": "b"}, "invalid"),
])
def test_a_card_request_is_read_strictly(payload, message):
    with pytest.raises(ValidationError, match=message):
        intents.read_card("p", payload)


@pytest.mark.parametrize("value", [3, -3, 1.5, True, "1"])
def test_a_rating_request_takes_whole_faces_only(value):
    with pytest.raises(ValidationError):
        intents.read_rating("p", {"card": "c", "value": value})
    assert intents.read_rating("p", {"card": "c", "value": None}).value is None


def test_a_phone_sees_its_own_hidden_cards_and_nobody_elses_names(doc):
    ana, ben = _join(doc), _join(doc, "Ben")
    _write(doc, ana, "secret idea", step=RoomStep(private_writing=True))
    _write(doc, ben, "shared idea")
    card = RoomStep().touchpoints(doc)[0].id
    doc.apply(plans.rate(doc, RoomStep(), ana, card, 2))
    snap = build_snapshot(doc, RoomStep(prompt="Where does it hurt?"), version=3, sent_out={ben})
    mine, theirs = snap.view_for(ana), snap.view_for(ben)
    assert [c["text"] for c in mine["cards"]] == ["secret idea", "shared idea"]
    assert [c["text"] for c in theirs["cards"]] == ["shared idea"]
    assert [c["mine"] for c in mine["cards"]] == [True, False] and theirs["cards"][0]["mine"]
    assert mine["ratings"] == {card: 2} and theirs["ratings"] == {}
    assert mine["you"]["name"] == "Ana" and "Ben" not in repr(mine) and ben not in repr(mine)
    assert mine["voting"] is None and mine["step"]["prompt"] == "Where does it hurt?"
    assert snap.members == {ana} and snap.version == 3
    closed = build_snapshot(doc, RoomStep(writing=False, rating=False), version=4).view_for(ana)
    assert closed["lanes"] == closed["stages"] == closed["touchpoints"] == []


def test_the_room_curve_sits_at_the_mean_with_the_spread_as_a_band(doc):
    people = [_join(doc, n) for n in ("A", "B", "C")]
    step = RoomStep()
    first, second = step.touchpoints(doc)[:2]
    for pid, value in zip(people, (-2, 0, 2)):
        doc.apply(plans.rate(doc, step, pid, first.id, value))
    doc.apply(plans.rate(doc, step, people[0], second.id, 1))
    assert rating_summary(doc)[first.id] == (0.0, -2, 2, 3)
    layout = compute_layout(doc)
    (curve,) = room_curves(doc, layout)
    scale = next(s for s in layout.scales if s.lane_id == curve.lane_id)
    a, b = curve.points
    assert (a.card_id, a.y, a.y_low, a.y_high) == (first.id, scale.y_for(0), scale.y_for(-2), scale.y_for(2))
    assert b.low == b.high == 1 and b.y == scale.y_for(1) and a.x < b.x
    assert len(curve.line) == len(curve.upper) == len(curve.lower) == 1
    assert room_curves(small_map(), compute_layout(small_map())) == ()


def test_room_items_survive_the_file_and_json(doc, tmp_path):
    pid = _join(doc)
    _write(doc, pid, "héllo <b>")
    doc.apply(plans.rate(doc, RoomStep(), pid, RoomStep().touchpoints(doc)[0].id, -1))
    path = tmp_path / "room.journey"
    MapFile.create(path, doc.content()).close()
    reopened = MapFile.open(path)
    try:
        assert reopened.document.content() == doc.content()
    finally:
        reopened.close()
    assert loads(dumps(doc.content())) == doc.content()


def test_phones_vote_in_the_current_open_session_within_its_budget_and_cap(doc):
    """The room's votes go through the voting model: budgets and caps hold, results hidden until revealed."""
    from model import voting
    from model.domain import VoteOrigin, VotingSession
    from model.room.voting import CurrentSessionVoting, RoomVoting

    room = CurrentSessionVoting()
    assert isinstance(room, RoomVoting)
    pid = _join(doc)
    step = RoomStep(voting=True)
    card = doc.cards()[0].id
    with pytest.raises(NotFoundError):  # no session yet: nothing is votable
        plans.plan(doc, step, intents.CastVote(pid, card), voting=room)
    session = VotingSession("Where to start", votes_per_participant=2, max_per_card=1, current=True)
    doc.apply(voting.add_session(doc, session))
    assert card in {c.id for c in room.votable_cards(doc)}
    doc.apply(plans.plan(doc, step, intents.CastVote(pid, card), voting=room))
    assert room.ballot(doc, pid) == {card: 1} and room.remaining(doc, pid) == 1
    assert [v.origin for v in doc.items("vote")] == [VoteOrigin.ROOM]
    with pytest.raises(ValidationError, match="per card"):
        plans.plan(doc, step, intents.CastVote(pid, card), voting=room)
    assert room.results(doc) is None  # hidden until the facilitator reveals
    doc.apply(voting.reveal(doc, session.id))
    assert room.results(doc) == {card: 1}
    doc.apply(plans.plan(doc, step, intents.TakeBackVote(pid, card), voting=room))
    assert room.ballot(doc, pid) == {} and room.remaining(doc, pid) == 2
    with pytest.raises(NotAllowedError):  # a step that does not allow voting
        plans.plan(doc, RoomStep(voting=False), intents.CastVote(pid, card), voting=room)
    doc.apply(voting.close(doc, session.id))
    assert room.votable_cards(doc) == [] and room.remaining(doc, pid) == 0


def test_what_one_intent_asks_agrees_with_what_phones_are_shown():
    """A rating or a vote asks about its one card, and the snapshot about everyone's ballots at once:
    the answers are the lists' (the touchpoints, the votable cards, each ballot and votes left)."""
    from model import voting
    from model.domain import VotingSession
    from model.room.voting import CurrentSessionVoting

    from .realistic_maps import realistic_map

    doc = realistic_map(300)
    lanes, room = _lanes(doc), CurrentSessionVoting()
    people = [_join(doc, name) for name in ("Ana", "Ben", "Cy")]
    everywhere = RoomStep().touchpoints(doc)
    for step in (RoomStep(stage_ids=(doc.stages[1].id, doc.stages[3].id)), RoomStep(stage_ids=("no-such-stage",)),
                 RoomStep(lane_ids=(lanes["Touchpoints"].id,)), RoomStep(lane_ids=(lanes["Pain points"].id,)),
                 RoomStep()):
        assert [c for c in doc.cards() if step.rates(doc, c)] == step.touchpoints(doc)
    assert 0 < len(RoomStep(stage_ids=(doc.stages[1].id,)).touchpoints(doc)) < len(everywhere)
    assert RoomStep(lane_ids=(lanes["Pain points"].id,)).touchpoints(doc) == []
    doc.apply(voting.make_current(doc, None))
    assert room.standing(doc, people) == ({p: {} for p in people}, {p: 0 for p in people})  # no session
    session = VotingSession("Pains first", votable_lanes=(lanes["Pain points"].id,), votes_per_participant=3,
                            max_per_card=2, current=True)
    doc.apply(voting.add_session(doc, session))
    votable = room.votable_cards(doc)
    assert votable and len(votable) < doc.card_count
    assert [c for c in doc.cards() if room.takes(doc, c.id)] == votable and not room.takes(doc, "no-such-card")
    for pid, card in ((people[0], votable[0]), (people[0], votable[0]), (people[1], votable[-1])):
        doc.apply(room.cast(doc, pid, card.id))
    doc.apply(voting.set_wall_total(doc, session.id, votable[0].id, 4))  # the wall's dots are no one's ballot
    ballots, left = room.standing(doc, people)
    assert ballots == {p: room.ballot(doc, p) for p in people} and left == {p: room.remaining(doc, p) for p in people}
    assert left == {people[0]: 1, people[1]: 2, people[2]: 3}
    view = build_snapshot(doc, RoomStep(voting=True), version=1, voting=room)
    ana, cy = view.view_for(people[0])["voting"], view.view_for(people[2])["voting"]
    assert ana["cards"] == cy["cards"] == [{"id": c.id, "text": c.text} for c in votable]
    assert (ana["mine"], ana["remaining"], cy["mine"], cy["remaining"]) == ({votable[0].id: 2}, 1, {}, 3)
    doc.apply(voting.close(doc, session.id))
    assert room.standing(doc, people)[1] == {p: 0 for p in people} and not room.takes(doc, votable[0].id)


def test_a_workshop_step_becomes_what_phones_may_do(doc):
    from model.room.step import from_workshop
    from model.workshop_domain import Activity, WorkshopStep

    lanes = _lanes(doc)
    capture = WorkshopStep("Pains", Activity.CAPTURE, 20, focus_stages=(doc.stages[1].id,),
                           focus_lanes=(lanes["Pain points"].id,))
    step = from_workshop(capture, "What hurts here?")
    assert (step.writing, step.rating, step.voting, step.prompt) == (True, False, False, "What hurts here?")
    assert step.stage_ids == (doc.stages[1].id,) and step.card_lanes(doc) == [lanes["Pain points"]]
    rate = WorkshopStep("Feelings", Activity.RATE_EMOTIONS, 10, focus_lanes=(lanes["Emotions"].id,))
    step = from_workshop(rate, "How does it feel?", private_writing=True)
    assert (step.writing, step.rating, step.voting, step.private_writing) == (False, True, False, True)
    assert step.touchpoints(doc) and step.lane_ids == ()  # the touchpoints of its stages, not of the Emotions lane
    vote = from_workshop(WorkshopStep("Vote", Activity.VOTE, 10), "")
    assert (vote.writing, vote.rating, vote.voting) == (False, False, True)
    talk = from_workshop(WorkshopStep("Discuss", Activity.DISCUSS, 10), "")
    assert not (talk.writing or talk.rating or talk.voting)  # phones follow along
