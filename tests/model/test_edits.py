"""The edit planners (model/edits.py), without Qt: each plans one exact operation, or None when nothing would change.

Every plan is checked the way undo uses it: applied, the map changes; its
inverse gives back the map before exactly (ids and order); applied again,
the same map after.
"""

from __future__ import annotations

import pytest

from model import edits, voting
from model import ops
from model.document import Content, Document
from model.errors import ValidationError
from model.domain import Card, CardKind, Connection, Kpi, Lane, LaneKind, Persona, Stage
from tests.model.factories import give_votes, small_map


def ids(doc):
    return [card.id for card in doc.cards()]


def check_exact(doc: Document, op, *, expect_text=None):
    """Apply, undo with the inverse, apply again: the map equals before / after exactly."""
    assert op is not None, "the planner found nothing to change"
    before = doc.content()
    inverse = doc.apply(op)
    after = doc.content()
    assert after != before
    if expect_text:
        assert op.label == expect_text
    doc.apply(inverse)
    assert doc.content() == before
    again = doc.apply(op)
    assert doc.content() == after
    doc.apply(again)
    assert doc.content() == before
    return after


def apply_if(doc: Document, op):
    """Apply a plan if there is one; what a session's push does with it."""
    if op is not None:
        doc.apply(op)
    return op


def cell(doc, stage, lane):
    return [card.id for card in doc.cell_cards(stage.id, lane.id)]


def test_add_card_at_index_is_exact():
    doc = small_map()
    stage, lane = doc.stages[1], doc.lanes[0]
    card = Card(stage.id, lane.id, "New")
    after = check_exact(doc, edits.add_cards(doc, [card], 1), expect_text="Add card")
    assert [x.id for x in after.cards if x.cell == card.cell][1] == card.id


def test_quick_capture_of_several_lines_is_one_step():
    doc = small_map()
    stage, lane = doc.stages[0], doc.lanes[2]
    cards = [Card(stage.id, lane.id, t) for t in ("one", "two", "three")]
    check_exact(doc, edits.add_cards(doc, cards, 0), expect_text="Add 3 cards")
    apply_if(doc, edits.add_cards(doc, cards, 0))
    assert [x.text for x in doc.cell_cards(stage.id, lane.id)][:3] == ["one", "two", "three"]


@pytest.mark.parametrize("which, target_stage, index", [
    ([0], 1, 0), ([0], 0, 1), ([0, 1], 2, 1), ([1, 0], 2, 0), ([0, 2], 0, 1), ([1], 0, 0),
])
def test_move_cards_is_exact_and_lands_in_order(which, target_stage, index):
    doc = small_map()
    lane = doc.lanes[0]
    source = doc.stages[0]
    target = doc.stages[target_stage]
    pool = cell(doc, source, lane) + [x for x in cell(doc, doc.stages[1], lane)]
    moving = [pool[i] for i in which]
    others = [x for x in cell(doc, target, lane) if x not in moving]
    expected = others[:index] + moving + others[index:]
    op = edits.move_cards(doc, moving, target.id, lane.id, index)
    if expected == cell(doc, target, lane):
        assert op is None
        return
    check_exact(doc, op)
    doc.apply(op)
    assert cell(doc, target, lane) == expected


def test_move_to_the_same_place_plans_nothing():
    doc = small_map()
    stage, lane = doc.stages[0], doc.lanes[0]
    first = cell(doc, stage, lane)[0]
    assert edits.move_cards(doc, [first], stage.id, lane.id, 0) is None
    assert edits.move_cards(doc, [first], stage.id, lane.id, 1) is not None


def test_delete_cards_restores_emotions_connections_and_order():
    doc = small_map()
    victims = [ids(doc)[0], ids(doc)[4]]
    assert doc.card_connections(victims[0]) and doc.emotion(victims[0], doc.personas[0].id) is not None
    after = check_exact(doc, edits.delete_cards(doc, victims), expect_text="Delete 2 cards")
    assert not {card.id for card in after.cards} & set(victims)


def test_recolour_and_change_kind_of_a_selection_are_one_step_each():
    doc = small_map()
    chosen = ids(doc)[:4]
    check_exact(doc, edits.update_cards(doc, chosen, {"colour": "teal"}, "Recolour cards"))
    check_exact(doc, edits.update_cards(doc, chosen, {"kind": CardKind.IDEA}, "Change kind"))
    apply_if(doc, edits.update_cards(doc, chosen, {"colour": "teal"}))
    assert apply_if(doc, edits.update_cards(doc, chosen, {"colour": "teal"})) is None


def test_duplicate_puts_copies_after_originals_with_emotions_and_no_votes():
    doc = small_map()
    original, second = ids(doc)[0], ids(doc)[1]
    give_votes(doc, {original: 7})
    op = edits.duplicate_cards(doc, [original, second])
    check_exact(doc, op)
    doc.apply(op)
    copies = edits.added_card_ids(op)
    lane_cards = cell(doc, doc.stages[0], doc.lanes[0])
    assert lane_cards == [original, copies[0], second, copies[1]]
    persona = doc.personas[0].id
    assert doc.emotion(copies[0], persona) == doc.emotion(original, persona)
    # A copy is the card, not the room's verdict on it: votes are not duplicated (they inflated totals).
    assert voting.shown_votes(doc) == {original: 7}
    assert doc.card(copies[0]).text == doc.card(original).text


def test_set_emotion_and_clear_are_exact_and_same_value_plans_nothing():
    doc = small_map()
    card_id, persona_id = ids(doc)[0], doc.personas[0].id
    value = doc.emotion(card_id, persona_id)
    assert apply_if(doc, edits.set_emotion(doc, card_id, persona_id, value)) is None
    check_exact(doc, edits.set_emotion(doc, card_id, persona_id, 1.5))
    check_exact(doc, edits.set_emotion(doc, card_id, persona_id, None), expect_text="Remove emotion")


def test_stage_commands_are_exact():
    doc = small_map()
    stage = doc.stages[1]
    check_exact(doc, edits.add_stage(doc, Stage("Advocacy"), 1))
    check_exact(doc, ops.RemoveStage(stage.id))
    check_exact(doc, edits.move_stage(doc, stage.id, 0))
    check_exact(doc, edits.resize_stage(doc, stage.id, 400))
    check_exact(doc, edits.rename_stage(doc, stage.id, "Choosing"))
    assert apply_if(doc, edits.move_stage(doc, stage.id, 1)) is None
    assert apply_if(doc, edits.resize_stage(doc, stage.id, stage.width)) is None
    assert apply_if(doc, edits.rename_stage(doc, stage.id, stage.name)) is None


def test_lane_commands_are_exact():
    doc = small_map()
    lane = doc.lanes[2]
    check_exact(doc, edits.add_lane(doc, Lane("Backstage"), 0))
    check_exact(doc, edits.add_lane(doc, Lane("Feelings", kind=LaneKind.EMOTIONS)))
    check_exact(doc, ops.RemoveLane(lane.id))
    check_exact(doc, edits.move_lane(doc, lane.id, 0))
    check_exact(doc, edits.toggle_lane_collapsed(doc, lane.id), expect_text="Collapse lane")
    check_exact(doc, edits.rename_lane(doc, lane.id, "Hurts"))
    assert apply_if(doc, edits.move_lane(doc, lane.id, 2)) is None


def test_persona_connection_kpi_commands_are_exact():
    doc = small_map()
    persona = doc.personas[0]
    check_exact(doc, edits.add_persona(doc, Persona("Cleo"), 0))
    check_exact(doc, ops.RemovePersona(persona.id))
    check_exact(doc, edits.move_persona(doc, persona.id, 1))
    check_exact(doc, edits.update(doc, ops.UpdatePersona, persona.id, {"colour": "#112233", "visible": False}))
    cards = ids(doc)
    check_exact(doc, edits.connect(doc, cards[1], cards[5], "maybe", 20))
    conn = doc.connections[0]
    check_exact(doc, edits.update(doc, ops.UpdateConnection, conn.id, {"label": "x", "share": 10.0}))
    check_exact(doc, edits.delete_connections(doc, [conn.id]))
    stage = doc.stages[0]
    check_exact(doc, edits.add_kpi(doc, Kpi(stage.id, "CSAT", 3, 4)))
    kpi = doc.kpis[0]
    check_exact(doc, edits.update(doc, ops.UpdateKpi, kpi.id, {"value": 15.0}))
    check_exact(doc, ops.RemoveKpi(kpi.id))
    check_exact(doc, edits.update(doc, ops.UpdateMap, None, {"title": "New title", "owner": "CX team"}))


def test_kpi_added_after_its_stages_other_kpis():
    doc = small_map()
    stage = doc.stages[1]
    apply_if(doc, edits.add_kpi(doc, Kpi(doc.stages[0].id, "Reach")))
    apply_if(doc, edits.add_kpi(doc, Kpi(stage.id, "NPS")))
    assert [k.name for k in doc.stage_kpis(stage.id)] == ["Conversion", "NPS"]


def test_delete_selection_of_mixed_things_is_one_step():
    doc = small_map()
    cards = ids(doc)
    conn = doc.connections[0]
    emotion = (cards[1], doc.personas[1].id)
    if doc.emotion(*emotion) is None:
        doc.apply(ops.SetEmotion(*emotion, 1.0))
    op = edits.delete_selection(
        doc, cards=[cards[0], cards[8]], connections=[conn.id], stages=[doc.stages[2].id], emotion=emotion)
    check_exact(doc, op, expect_text="Delete selection")




def test_paste_keeps_every_field_of_the_copied_cards_in_one_step():
    doc = small_map()
    source = doc.card(ids(doc)[0])
    doc.apply(ops.UpdateCard(source.id, {"notes": "from the interviews", "owner": "Sales",
                                       "impact": 4, "effort": 2}))
    copied = [doc.card(source.id), doc.card(ids(doc)[1])]
    stage, lane = doc.stages[2], doc.lanes[2]
    op = edits.paste_cards(doc, copied, stage.id, lane.id, 0)
    after = check_exact(doc, op, expect_text="Paste 2 cards")
    pasted = [c for c in after.cards if c.cell == (stage.id, lane.id)][:2]
    assert [c.text for c in pasted] == [c.text for c in copied]
    assert (pasted[0].kind, pasted[0].notes, pasted[0].owner, pasted[0].impact) == \
        (copied[0].kind, "from the interviews", "Sales", 4)
    assert not {c.id for c in pasted} & {c.id for c in copied}  # new ids


def test_captured_lines_are_one_step_of_cards_the_lane_makes():
    doc = small_map()
    stage, pains = doc.stages[0], doc.lanes[2]
    op = edits.capture_lines(doc, stage.id, pains.id, ["  slow  ", "", "costly"])
    after = check_exact(doc, op, expect_text="Add 2 cards")
    added = [c for c in after.cards if c.cell == (stage.id, pains.id)][-2:]
    assert [(c.text, c.kind) for c in added] == [("slow", CardKind.PAIN_POINT), ("costly", CardKind.PAIN_POINT)]
    assert edits.capture_lines(doc, stage.id, pains.id, ["", "  "]) is None
    assert edits.capture_lines(doc, stage.id, doc.lanes[1].id, ["into the emotions lane"]) is None


def test_capture_refuses_an_absurd_paste():
    doc = small_map()
    with pytest.raises(ValidationError, match="too many"):
        edits.capture_lines(doc, doc.stages[0].id, doc.lanes[0].id, ["x"] * (edits.MAX_CAPTURED_LINES + 1))


def test_an_emotion_in_an_empty_stage_brings_its_touchpoint_in_one_step():
    doc = small_map()
    empty = Stage("Advocacy")
    doc.apply(ops.AddStage(empty))
    persona = doc.personas[1].id
    op = edits.add_emotion_in_empty_stage(doc, empty.id, persona, -1.5)
    after = check_exact(doc, op, expect_text="Add touchpoint and emotion")
    (card,) = [c for c in after.cards if c.stage_id == empty.id]
    assert card.kind == CardKind.TOUCHPOINT and card.lane_id == doc.lanes[0].id  # the first lane taking cards
    assert (card.id, persona, -1.5) in after.emotions
    bare = Document()
    bare.apply(ops.AddStage(empty))
    bare.apply(ops.AddPersona(Persona("Only")))
    assert edits.add_emotion_in_empty_stage(bare, empty.id, bare.personas[0].id, 1.0) is None  # no lane for it


def test_connect_plans_nothing_for_a_loop_on_one_card_or_a_second_arrow():
    doc = small_map()
    existing = doc.connections[0]
    assert edits.connect(doc, existing.source_id, existing.target_id) is None
    assert edits.connect(doc, existing.source_id, existing.source_id) is None
    assert edits.connect(doc, existing.target_id, existing.source_id) is not None  # the other way is new


def test_renames_tidy_spaces_and_refuse_empty_names():
    doc = small_map()
    stage = doc.stages[0]
    assert edits.rename_stage(doc, stage.id, "   ") is None
    assert edits.rename_stage(doc, stage.id, f"  {stage.name} ") is None
    check_exact(doc, edits.rename_stage(doc, stage.id, " Getting\n  started "), expect_text="Rename stage")
    doc.apply(edits.rename_stage(doc, stage.id, " Getting\n  started "))
    assert doc.stage(stage.id).name == "Getting started"


def test_moving_cards_leaves_out_those_that_went_meanwhile():
    doc = small_map()
    a, b = ids(doc)[0], ids(doc)[1]
    doc.apply(ops.RemoveCard(a))
    op = edits.move_cards(doc, [a, b], doc.stages[2].id, doc.lanes[0].id, 0)
    after = check_exact(doc, op)
    assert [c.id for c in after.cards if c.cell == (doc.stages[2].id, doc.lanes[0].id)][0] == b


def test_a_value_the_model_keeps_in_another_form_plans_nothing():
    """Found by the undo model: "#aabbcc" over "#AABBCC" planned an edit that changed nothing."""
    doc = small_map()
    persona = doc.personas[0]
    doc.apply(ops.UpdatePersona(persona.id, {"colour": "#AABBCC"}))
    assert edits.update(doc, ops.UpdatePersona, persona.id, {"colour": "#aabbcc"}) is None
    assert edits.update(doc, ops.UpdatePersona, persona.id, {"colour": "#aabbcd"}) is not None
    bad = edits.update(doc, ops.UpdatePersona, persona.id, {"colour": "teal"})  # refused by the document, not here
    with pytest.raises(ValidationError):
        doc.apply(bad)
