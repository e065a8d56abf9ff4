"""The workshop plan: its values, planners, focus, prompts and bundled plans, without Qt."""

from __future__ import annotations

import json

import pytest

from model import ops
from model.document import Document
from model.errors import ImportRefusedError, NotFoundError, ValidationError
from model.interchange.json_format import content_to_dict, dumps, loads
from model.templates import TEMPLATE_NAMES, build_template
from model.workshop import (ACTIVITY_PROMPTS, STEP, add_step, capture_cell, delete_step, edit_step, focus_card_ids,
                            focus_cells, focus_of, focus_summary, move_step, set_focus_member, step_prompt, steps,
                            total_minutes)
from model.workshop_domain import Activity, JournalEntry, JournalKind, WorkshopStep
from model.workshop_plans import PLAN_NAMES, PLANS, apply_plan, plan_steps
from tests.hostile.corpus import hostile_texts
from tests.model.factories import small_map


def _apply_undoable(doc: Document, op: ops.Op) -> None:
    """Apply, check the undo is exact, redo."""
    before = doc.content()
    inverse = doc.apply(op)
    after = doc.content()
    doc.apply(inverse)
    assert doc.content() == before
    doc.apply(op)
    assert doc.content() == after


def _lane(doc, name):
    return next(lane for lane in doc.lanes if lane.name == name)


# -- the values ------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [0, -5, 481, 100_000, 2.5, True, "10", None])
def test_a_timebox_outside_1_to_480_whole_minutes_is_refused(minutes):
    with pytest.raises(ValidationError, match="minutes"):
        WorkshopStep("Capture", minutes=minutes)


def test_a_step_is_checked_when_built():
    assert WorkshopStep("Capture", minutes=480).minutes == 480
    with pytest.raises(ValidationError, match="title"):
        WorkshopStep("  ")
    with pytest.raises(ValidationError, match="activity"):
        WorkshopStep("x", activity="juggle")
    with pytest.raises(ValidationError, match="twice"):
        WorkshopStep("x", focus_stages=("a", "a"))
    with pytest.raises(ValidationError, match="ids"):
        WorkshopStep("x", focus_lanes=("",))
    with pytest.raises(ValidationError, match="list"):
        WorkshopStep("x", focus_lanes="abc")


def test_a_journal_time_is_iso_8601_utc():
    entry = JournalEntry("2024-05-01T12:02:03+02:00", JournalKind.CARD_ADDED)
    assert entry.at == "2024-05-01T10:02:03Z"
    assert JournalEntry("2024-05-01T10:02:03.75Z", "note").at == "2024-05-01T10:02:03Z"
    with pytest.raises(ValidationError, match="time zone"):
        JournalEntry("2024-05-01T10:02:03", JournalKind.NOTE)
    with pytest.raises(ValidationError, match="ISO 8601"):
        JournalEntry("yesterday", JournalKind.NOTE)
    with pytest.raises(ValidationError, match="kind"):
        JournalEntry("2024-05-01T10:02:03Z", "coffee")


# -- planners --------------------------------------------------------------------------------------


def test_plan_edits_are_one_operation_each_and_undo_exactly():
    doc = small_map()
    pains = _lane(doc, "Pain points")
    first = WorkshopStep("Welcome", Activity.INTRODUCE, 5)
    second = WorkshopStep("Pains", minutes=15, focus_lanes=(pains.id,))
    _apply_undoable(doc, add_step(doc, first))
    _apply_undoable(doc, add_step(doc, second))
    _apply_undoable(doc, edit_step(doc, second.id, {"minutes": 20, "notes": "silent writing first"}))
    _apply_undoable(doc, move_step(doc, second.id, 0))
    assert [s.title for s in steps(doc)] == ["Pains", "Welcome"] and total_minutes(doc) == 25
    _apply_undoable(doc, delete_step(doc, first.id))
    assert [s.title for s in steps(doc)] == ["Pains"]


def test_planners_plan_nothing_when_nothing_would_change():
    doc = small_map()
    step = WorkshopStep("Pains", minutes=15)
    doc.apply(add_step(doc, step))
    assert edit_step(doc, step.id, {"minutes": 15, "title": "Pains"}) is None
    assert move_step(doc, step.id, 0) is None
    assert set_focus_member(doc, step.id, "stage", doc.stages[0].id, False) is None


def test_an_edit_to_an_absurd_timebox_is_refused_and_changes_nothing():
    doc = small_map()
    step = WorkshopStep("Pains", minutes=15)
    doc.apply(add_step(doc, step))
    before = doc.content()
    for minutes in (-1, 0, 481, 9999):
        with pytest.raises(ValidationError, match="1–480 minutes"):
            doc.apply(edit_step(doc, step.id, {"minutes": minutes}))
    assert doc.content() == before


def test_a_focus_on_something_the_map_does_not_have_is_refused():
    doc = small_map()
    with pytest.raises(ValidationError, match="no stage"):
        add_step(doc, WorkshopStep("x", focus_stages=("nope",)))
    step = WorkshopStep("x")
    doc.apply(add_step(doc, step))
    with pytest.raises(ValidationError, match="no lane"):
        edit_step(doc, step.id, {"focus_lanes": ["nope"]})
    with pytest.raises(NotFoundError):
        edit_step(doc, "no-such-step", {"minutes": 3})


def test_a_focus_is_kept_in_map_order():
    doc = small_map()
    step = WorkshopStep("x")
    doc.apply(add_step(doc, step))
    a, b, c = (s.id for s in doc.stages)
    for stage_id in (c, a):
        doc.apply(set_focus_member(doc, step.id, "stage", stage_id, True))
    assert doc.item(STEP, step.id).focus_stages == (a, c)


def test_a_deleted_focus_stage_is_ignored_then_dropped_and_undo_brings_the_focus_back():
    doc = small_map()
    awareness, decision, _ = doc.stages
    step = WorkshopStep("Early stages", focus_stages=(awareness.id, decision.id))
    doc.apply(add_step(doc, step))
    undo = doc.apply(ops.RemoveStage(awareness.id))
    kept = doc.item(STEP, step.id)
    assert kept.focus_stages == (awareness.id, decision.id)  # history: the id stays in the step
    focus = focus_of(doc, kept)
    assert focus.stages == (decision.id,) and focus.missing == (awareness.id,)
    assert {doc.card(i).stage_id for i in focus_card_ids(doc, kept)} == {decision.id}
    doc.apply(undo)
    assert focus_of(doc, doc.item(STEP, step.id)).stages == (awareness.id, decision.id)
    doc.apply(ops.RemoveStage(awareness.id))
    # Editing the focus drops the id the map no longer has; it is not refused.
    doc.apply(edit_step(doc, step.id, {"focus_stages": [awareness.id, decision.id]}))
    assert doc.item(STEP, step.id).focus_stages == (decision.id,)
    # Ticking a box in the plan panel does the same.
    doc.apply(set_focus_member(doc, step.id, "stage", doc.stages[1].id, True))
    assert doc.item(STEP, step.id).focus_stages == (decision.id, doc.stages[1].id)


def test_a_step_whose_only_focus_stage_went_covers_the_whole_map():
    doc = small_map()
    stage = doc.stages[0]
    step = WorkshopStep("One stage", focus_stages=(stage.id,))
    doc.apply(add_step(doc, step))
    doc.apply(ops.RemoveStage(stage.id))
    assert focus_of(doc, doc.item(STEP, step.id)).whole_map
    assert focus_card_ids(doc, doc.item(STEP, step.id)) is None
    assert focus_summary(doc, doc.item(STEP, step.id)) == "Whole map"


# -- focus, prompt, capture ---------------------------------------------------------------------------


def test_the_focus_covers_the_cards_of_its_cells():
    doc = small_map()
    pains = _lane(doc, "Pain points")
    decision = doc.stages[1]
    whole = WorkshopStep("All")
    assert focus_card_ids(doc, whole) is None
    lane_only = WorkshopStep("Pains", focus_lanes=(pains.id,))
    assert focus_card_ids(doc, lane_only) == {c.id for c in doc.cards() if c.lane_id == pains.id}
    both = WorkshopStep("Pains in decision", focus_lanes=(pains.id,), focus_stages=(decision.id,))
    assert focus_card_ids(doc, both) == {c.id for c in doc.cell_cards(decision.id, pains.id)}
    assert focus_cells(doc, both) == [(decision.id, pains.id)]
    assert focus_summary(doc, both) == "Pain points · Decision"


def test_a_focus_on_the_emotions_lane_keeps_the_cards_the_points_hang_on():
    doc = small_map()
    emotions = _lane(doc, "Emotions")
    step = WorkshopStep("Feel", Activity.RATE_EMOTIONS, focus_lanes=(emotions.id,))
    assert focus_card_ids(doc, step) == {c.id for c in doc.cards()}


def test_quick_capture_goes_into_the_focus():
    doc = small_map()
    pains = _lane(doc, "Pain points")
    actions = _lane(doc, "Actions")
    a, b, _ = doc.stages
    step = WorkshopStep("Pains", focus_lanes=(pains.id,), focus_stages=(b.id,))
    assert capture_cell(doc, step) == (b.id, pains.id)
    assert capture_cell(doc, step, preferred=(a.id, actions.id)) == (b.id, pains.id)  # outside the focus
    whole = WorkshopStep("All")
    assert capture_cell(doc, whole, preferred=(b.id, actions.id)) == (b.id, actions.id)
    assert capture_cell(Document(), whole) is None


def test_the_prompt_defaults_to_the_focused_lanes_then_stages_question():
    doc = small_map()
    pains = _lane(doc, "Pain points")
    stage = doc.stages[1]
    doc.apply(ops.UpdateLane(pains.id, {"question": "What frustrates them?"}))
    doc.apply(ops.UpdateStage(stage.id, {"question": "What convinces them?"}))
    assert step_prompt(doc, WorkshopStep("x", focus_lanes=(pains.id,), focus_stages=(stage.id,))) == \
        "What frustrates them?"
    assert step_prompt(doc, WorkshopStep("x", focus_stages=(stage.id,))) == "What convinces them?"
    assert step_prompt(doc, WorkshopStep("x", Activity.VOTE)) == ACTIVITY_PROMPTS[Activity.VOTE]
    assert step_prompt(doc, WorkshopStep("x", prompt="Our own words", focus_lanes=(pains.id,))) == "Our own words"


# -- bundled plans ---------------------------------------------------------------------------------------


def test_bundled_plans_add_up_to_their_length():
    assert PLANS["as-is-90"].minutes == 90
    assert PLANS["pains-to-opportunities"].minutes == 120
    assert PLANS["service-blueprint-half-day"].minutes == 240
    assert "As-is journey in 90 minutes" in {p.title for p in PLANS.values()}


@pytest.mark.parametrize("plan", PLAN_NAMES)
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_every_plan_fits_every_map_template(template, plan):
    doc = Document(build_template(template, plan=plan))
    assert total_minutes(doc) == PLANS[plan].minutes
    for step in steps(doc):
        assert not focus_of(doc, step).missing
        assert step_prompt(doc, step).strip()


def test_a_plan_focuses_on_the_maps_own_lanes():
    doc = Document(build_template("five-phase", plan="pains-to-opportunities"))
    pains, opportunities = _lane(doc, "Pain points"), _lane(doc, "Opportunities")
    by_title = {s.title: s for s in steps(doc)}
    assert by_title["Pain points, stage by stage"].focus_lanes == (pains.id,)
    assert by_title["Opportunities for the top pains"].focus_lanes == (opportunities.id,)
    assert by_title["Break"].focus_lanes == ()


def test_applying_a_plan_replaces_the_plan_in_one_undoable_step():
    doc = small_map()
    doc.apply(add_step(doc, WorkshopStep("Ours")))
    op = apply_plan(doc, "as-is-90")
    assert op.label == "Use plan “As-is journey in 90 minutes”"
    _apply_undoable(doc, op)
    assert "Ours" not in [s.title for s in steps(doc)] and total_minutes(doc) == 90
    assert len(plan_steps(doc, "as-is-90")) == len(steps(doc))
    with pytest.raises(ValidationError, match="no workshop plan named"):
        apply_plan(doc, "afternoon-nap")
    with pytest.raises(ValidationError, match="no workshop plan named"):
        build_template("five-phase", plan="nope")


# -- interchange -------------------------------------------------------------------------------------------


def _workshop_map() -> Document:
    doc = small_map()
    pains = _lane(doc, "Pain points")
    for i, text in enumerate(hostile_texts()[:12]):
        doc.apply(add_step(doc, WorkshopStep(text.strip() or f"step {i}", Activity.CAPTURE, 1 + i,
                                             focus_lanes=(pains.id,) if i % 2 else (), prompt=text, notes=text)))
        doc.apply(ops.AddItem(JournalEntry("2024-05-01T10:00:00Z", JournalKind.CARD_ADDED, steps(doc)[-1].id,
                                           doc.cards()[0].id, text)))
    return doc


def test_plans_and_journal_round_trip_through_json():
    doc = _workshop_map()
    text = dumps(doc.content())
    data = json.loads(text)
    assert len(data["workshop_steps"]) == 12 and len(data["journal_entries"]) == 12
    assert data["workshop_steps"][1]["focus_lanes"] == [_lane(doc, "Pain points").id]
    assert loads(text) == doc.content()


def test_json_with_an_absurd_timebox_is_refused_with_its_place():
    data = content_to_dict(_workshop_map().content())
    data["workshop_steps"][3]["minutes"] = -20
    with pytest.raises(ImportRefusedError, match=r"workshop_steps\[3\].*1–480 minutes"):
        loads(json.dumps(data))


def test_json_keeps_a_journal_entry_whose_card_is_gone():
    doc = _workshop_map()
    card = doc.cards()[0]
    doc.apply(ops.RemoveCard(card.id))
    assert [e.card_id for e in doc.items("journal_entry")].count(card.id) == 12
    assert loads(dumps(doc.content())) == doc.content()


def test_framed_lanes_are_the_emotions_lanes_a_step_needs_seen_whole():
    from model.workshop import framed_lanes
    from model.workshop_domain import Activity, WorkshopStep
    from tests.model.factories import small_map

    doc = small_map()
    actions, emotions, pains = doc.lanes  # small_map: Actions, Emotions, Pain points
    stage = doc.stages[1].id
    rate = WorkshopStep("How they feel", Activity.RATE_EMOTIONS, focus_stages=(stage,), focus_lanes=(actions.id,))
    assert framed_lanes(doc, rate) == (emotions.id,)  # the curves hang under the touchpoints
    capture = WorkshopStep("Pains", Activity.CAPTURE, focus_lanes=(pains.id,))
    assert framed_lanes(doc, capture) == ()
    named = WorkshopStep("Feelings", Activity.DISCUSS, focus_lanes=(actions.id, emotions.id))
    assert framed_lanes(doc, named) == (emotions.id,)
    assert framed_lanes(doc, WorkshopStep("All", Activity.RATE_EMOTIONS)) == ()  # the whole map is shown anyway
