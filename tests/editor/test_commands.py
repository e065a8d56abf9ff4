"""Every command is exact: redo gives the edited map, undo gives back the map before (ids and order)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from editor import commands as c
from editor.editing import EditSession
from model import ops as o
from model.domain import Card, CardKind, Connection, Kpi, Lane, LaneKind, Persona, Stage
from tests.model.factories import small_map


@pytest.fixture
def session(qapp):
    doc = small_map()
    return EditSession(doc, QUndoStack())


def ids(doc):
    return [card.id for card in doc.cards()]


def check_exact(session, command, *, expect_text=None):
    """Push, then undo, redo: the map equals before / after exactly; one undo step."""
    doc, stack = session.document, session.stack
    before = doc.content()
    depth = stack.index()
    assert session.push(command) is True
    after = doc.content()
    assert after != before
    assert stack.index() == depth + 1 and stack.count() == depth + 1
    if expect_text:
        assert stack.undoText() == expect_text
    stack.undo()
    assert doc.content() == before
    stack.redo()
    assert doc.content() == after
    stack.undo()
    assert doc.content() == before
    return after


def cell(doc, stage, lane):
    return [card.id for card in doc.cell_cards(stage.id, lane.id)]


def test_add_card_at_index_is_exact(session):
    doc = session.document
    stage, lane = doc.stages[1], doc.lanes[0]
    card = Card(stage.id, lane.id, "New")
    after = check_exact(session, c.AddCardCommand(doc, card, 1), expect_text="Add card")
    assert [x.id for x in after.cards if x.cell == card.cell][1] == card.id


def test_quick_capture_of_several_lines_is_one_step(session):
    doc = session.document
    stage, lane = doc.stages[0], doc.lanes[2]
    cards = [Card(stage.id, lane.id, t) for t in ("one", "two", "three")]
    check_exact(session, c.AddCardsCommand(doc, cards, 0), expect_text="Add 3 cards")
    session.push(c.AddCardsCommand(doc, cards, 0))
    assert [x.text for x in doc.cell_cards(stage.id, lane.id)][:3] == ["one", "two", "three"]


@pytest.mark.parametrize("which, target_stage, index", [
    ([0], 1, 0), ([0], 0, 1), ([0, 1], 2, 1), ([1, 0], 2, 0), ([0, 2], 0, 1), ([1], 0, 0),
])
def test_move_cards_is_exact_and_lands_in_order(session, which, target_stage, index):
    doc = session.document
    lane = doc.lanes[0]
    source = doc.stages[0]
    target = doc.stages[target_stage]
    pool = cell(doc, source, lane) + [x for x in cell(doc, doc.stages[1], lane)]
    moving = [pool[i] for i in which]
    others = [x for x in cell(doc, target, lane) if x not in moving]
    expected = others[:index] + moving + others[index:]
    command = c.MoveCardsCommand(doc, moving, target.id, lane.id, index)
    if expected == cell(doc, target, lane):
        assert not command.changes_something
        return
    check_exact(session, command)
    session.stack.redo()
    assert cell(doc, target, lane) == expected


def test_move_to_the_same_place_pushes_nothing(session):
    doc = session.document
    stage, lane = doc.stages[0], doc.lanes[0]
    first = cell(doc, stage, lane)[0]
    assert session.push(c.MoveCardsCommand(doc, [first], stage.id, lane.id, 0)) is False
    assert session.stack.count() == 0


def test_delete_cards_restores_emotions_connections_and_order(session):
    doc = session.document
    victims = [ids(doc)[0], ids(doc)[4]]
    assert doc.card_connections(victims[0]) and doc.emotion(victims[0], doc.personas[0].id) is not None
    after = check_exact(session, c.DeleteCardsCommand(doc, victims), expect_text="Delete 2 cards")
    assert not {card.id for card in after.cards} & set(victims)


def test_recolour_and_change_kind_of_a_selection_are_one_step_each(session):
    doc = session.document
    chosen = ids(doc)[:4]
    check_exact(session, c.UpdateCardsCommand(doc, chosen, {"colour": "teal"}, "Recolour cards"))
    check_exact(session, c.UpdateCardsCommand(doc, chosen, {"kind": CardKind.IDEA}, "Change kind"))
    session.push(c.UpdateCardsCommand(doc, chosen, {"colour": "teal"}))
    assert session.push(c.UpdateCardsCommand(doc, chosen, {"colour": "teal"})) is False


def test_duplicate_puts_copies_after_originals_with_emotions(session):
    doc = session.document
    original = ids(doc)[0]
    command = c.DuplicateCardsCommand(doc, [original, ids(doc)[1]])
    check_exact(session, command)
    session.stack.redo()
    lane_cards = cell(doc, doc.stages[0], doc.lanes[0])
    assert lane_cards == [original, command.copy_ids[0], ids(doc)[2], command.copy_ids[1]]
    persona = doc.personas[0].id
    assert doc.emotion(command.copy_ids[0], persona) == doc.emotion(original, persona)


def test_set_emotion_and_clear_are_exact_and_same_value_pushes_nothing(session):
    doc = session.document
    card_id, persona_id = ids(doc)[0], doc.personas[0].id
    value = doc.emotion(card_id, persona_id)
    assert session.push(c.SetEmotionCommand(doc, card_id, persona_id, value)) is False
    check_exact(session, c.SetEmotionCommand(doc, card_id, persona_id, 1.5))
    check_exact(session, c.SetEmotionCommand(doc, card_id, persona_id, None), expect_text="Remove emotion")


def test_stage_commands_are_exact(session):
    doc = session.document
    stage = doc.stages[1]
    check_exact(session, c.AddStageCommand(doc, Stage("Advocacy"), 1))
    check_exact(session, c.DeleteStageCommand(doc, stage.id))
    check_exact(session, c.MoveStageCommand(doc, stage.id, 0))
    check_exact(session, c.ResizeStageCommand(doc, stage.id, 400))
    check_exact(session, c.RenameStageCommand(doc, stage.id, "Choosing"))
    assert session.push(c.MoveStageCommand(doc, stage.id, 1)) is False
    assert session.push(c.ResizeStageCommand(doc, stage.id, stage.width)) is False
    assert session.push(c.RenameStageCommand(doc, stage.id, stage.name)) is False


def test_lane_commands_are_exact(session):
    doc = session.document
    lane = doc.lanes[2]
    check_exact(session, c.AddLaneCommand(doc, Lane("Backstage"), 0))
    check_exact(session, c.AddLaneCommand(doc, Lane("Feelings", kind=LaneKind.EMOTIONS)))
    check_exact(session, c.DeleteLaneCommand(doc, lane.id))
    check_exact(session, c.MoveLaneCommand(doc, lane.id, 0))
    check_exact(session, c.ToggleLaneCollapsedCommand(doc, lane.id), expect_text="Collapse lane")
    check_exact(session, c.RenameLaneCommand(doc, lane.id, "Hurts"))
    assert session.push(c.MoveLaneCommand(doc, lane.id, 2)) is False


def test_persona_connection_kpi_commands_are_exact(session):
    doc = session.document
    persona = doc.personas[0]
    check_exact(session, c.AddPersonaCommand(doc, Persona("Cleo"), 0))
    check_exact(session, c.DeletePersonaCommand(doc, persona.id))
    check_exact(session, c.MovePersonaCommand(doc, persona.id, 1))
    check_exact(session, c.EditPersonaCommand(doc, persona.id, {"colour": "#112233", "visible": False}))
    cards = ids(doc)
    check_exact(session, c.AddConnectionCommand(doc, Connection(cards[1], cards[5], "maybe", 20)))
    conn = doc.connections[0]
    check_exact(session, c.EditConnectionCommand(doc, conn.id, {"label": "x", "share": 10.0}))
    check_exact(session, c.DeleteConnectionsCommand(doc, [conn.id]))
    stage = doc.stages[0]
    check_exact(session, c.AddKpiCommand(doc, Kpi(stage.id, "CSAT", 3, 4)))
    kpi = doc.kpis[0]
    check_exact(session, c.EditKpiCommand(doc, kpi.id, {"value": 15.0}))
    check_exact(session, c.DeleteKpiCommand(doc, kpi.id))
    check_exact(session, c.EditMapCommand(doc, {"title": "New title", "owner": "CX team"}))


def test_kpi_added_after_its_stages_other_kpis(session):
    doc = session.document
    stage = doc.stages[1]
    session.push(c.AddKpiCommand(doc, Kpi(doc.stages[0].id, "Reach")))
    session.push(c.AddKpiCommand(doc, Kpi(stage.id, "NPS")))
    assert [k.name for k in doc.stage_kpis(stage.id)] == ["Conversion", "NPS"]


def test_delete_selection_of_mixed_things_is_one_step(session):
    doc = session.document
    cards = ids(doc)
    conn = doc.connections[0]
    emotion = (cards[1], doc.personas[1].id)
    if doc.emotion(*emotion) is None:
        doc.apply(o.SetEmotion(*emotion, 1.0))
    command = c.DeleteSelectionCommand(
        doc, cards=[cards[0], cards[8]], connections=[conn.id], stages=[doc.stages[2].id], emotion=emotion)
    check_exact(session, command, expect_text="Delete selection")


def test_typing_burst_merges_into_one_step_and_ends_with_a_new_key(session):
    doc = session.document
    card_id = ids(doc)[0]
    original = doc.card(card_id).text
    burst = object()
    for text in ("H", "He", "Hel", "Hello"):
        session.push(c.EditCardTextCommand(doc, card_id, text, merge_key=burst))
    assert session.stack.count() == 1
    assert doc.card(card_id).text == "Hello"
    session.push(c.EditCardTextCommand(doc, card_id, "Hello!", merge_key=object()))
    assert session.stack.count() == 2
    session.stack.undo()
    assert doc.card(card_id).text == "Hello"
    session.stack.undo()
    assert doc.card(card_id).text == original
    assert not session.stack.canUndo()


def test_typing_back_to_the_start_leaves_nothing_to_undo(session):
    doc = session.document
    card_id = ids(doc)[0]
    original = doc.card(card_id).text
    burst = object()
    session.push(c.EditCardTextCommand(doc, card_id, original + "x", merge_key=burst))
    session.push(c.EditCardTextCommand(doc, card_id, original, merge_key=burst))
    assert doc.card(card_id).text == original
    assert not session.stack.canUndo()


def test_refused_edit_is_reported_and_not_pushed(session, qtbot):
    doc = session.document
    cards = ids(doc)
    existing = doc.connections[0]
    before = doc.content()
    with qtbot.waitSignal(session.refused) as blocker:
        ok = session.push(c.AddConnectionCommand(doc, Connection(existing.source_id, existing.target_id)))
    assert ok is False and "already connected" in blocker.args[0]
    assert doc.content() == before and session.stack.count() == 0
    assert cards


def test_read_only_session_pushes_nothing(session):
    session.set_read_only(True)
    doc = session.document
    assert session.push(c.EditMapCommand(doc, {"title": "Nope"})) is False
    assert doc.info.title != "Nope"


def test_replace_content_reverts_and_undo_restores(session):
    doc = session.document
    from model.document import Content

    target = Content(stages=(Stage("Only"),))
    after = check_exact(session, c.ReplaceContentCommand(doc, target, "Revert to snapshot"))
    assert after == target
    assert session.push(c.ReplaceContentCommand(doc, doc.content(), "Revert")) is False


def test_merged_burst_restores_a_field_only_the_later_edit_changed(session):
    doc = session.document
    before = doc.content()
    owner = doc.info.owner
    burst = object()
    session.push(c.EditMapCommand(doc, {"title": "A", "owner": owner}, merge_key=burst))  # owner unchanged
    session.push(c.EditMapCommand(doc, {"title": "B", "owner": "Team"}, merge_key=burst))
    assert session.stack.count() == 1
    session.stack.undo()
    assert doc.content() == before
    session.stack.redo()
    assert (doc.info.title, doc.info.owner) == ("B", "Team")
