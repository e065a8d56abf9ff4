"""Every gesture signal of the canvas becomes exactly one undoable command (nothing when nothing changed)."""

from __future__ import annotations

import pytest

from model.domain import LaneKind


@pytest.fixture
def w(window):
    return window


def one_step(window, before):
    """The map changed, by exactly one undo step that restores it exactly."""
    assert window.document.content() != before
    assert window.stack.count() == 1
    assert window.actions["edit.undo"].isEnabled()
    after = window.document.content()
    window.actions["edit.undo"].trigger()
    assert window.document.content() == before
    assert not window.actions["edit.undo"].isEnabled()
    window.actions["edit.redo"].trigger()
    assert window.document.content() == after


def test_cards_dropped_moves_them_as_one_step(w):
    doc = w.document
    lane = doc.lanes[0]
    ids = [c.id for c in doc.cell_cards(doc.stages[0].id, lane.id)]
    before = doc.content()
    w.scene.cards_dropped.emit(ids, doc.stages[2].id, lane.id, 1)
    assert [c.id for c in doc.cell_cards(doc.stages[2].id, lane.id)][1:3] == ids
    one_step(w, before)


def test_drop_in_place_pushes_nothing(w):
    doc = w.document
    lane = doc.lanes[0]
    ids = [c.id for c in doc.cell_cards(doc.stages[0].id, lane.id)]
    w.scene.cards_dropped.emit(ids, doc.stages[0].id, lane.id, 0)
    w.scene.stage_dropped.emit(doc.stages[1].id, 1)
    w.scene.stage_resized.emit(doc.stages[1].id, doc.stages[1].width)
    w.scene.card_text_edited.emit(ids[0], doc.card(ids[0]).text)
    assert w.stack.count() == 0 and not w.actions["edit.undo"].isEnabled()


def test_stage_dropped_and_resized(w):
    doc = w.document
    before = doc.content()
    w.scene.stage_dropped.emit(doc.stages[2].id, 0)
    one_step(w, before)
    w.stack.clear()
    before = doc.content()
    w.scene.stage_resized.emit(doc.stages[0].id, 420.0)
    assert doc.stages[0].width == 420.0
    one_step(w, before)


def test_lane_dropped_and_collapse_toggled(w):
    doc = w.document
    before = doc.content()
    w.scene.lane_dropped.emit(doc.lanes[2].id, 0)
    one_step(w, before)
    w.stack.clear()
    before = doc.content()
    w.scene.lane_collapse_toggled.emit(doc.lanes[0].id)
    assert doc.lanes[0].collapsed or doc.lanes[1].collapsed
    one_step(w, before)


def test_text_edit_rename_and_quick_add(w):
    doc = w.document
    card = doc.cards()[0]
    before = doc.content()
    w.scene.card_text_edited.emit(card.id, "Reads the reviews")
    assert doc.card(card.id).text == "Reads the reviews"
    one_step(w, before)
    for signal, target in ((w.scene.stage_renamed, doc.stages[0]), (w.scene.lane_renamed, doc.lanes[0])):
        w.stack.clear()
        before = doc.content()
        signal.emit(target.id, "  Renamed  ")
        one_step(w, before)
    w.stack.clear()
    before = doc.content()
    w.scene.cards_captured.emit(doc.stages[1].id, doc.lanes[2].id, ["Too many forms"])
    assert doc.cell_cards(doc.stages[1].id, doc.lanes[2].id)[-1].text == "Too many forms"
    one_step(w, before)


def test_quick_capture_of_several_cards_is_one_step_each(w):
    doc = w.document
    stage, lane = doc.stages[2], doc.lanes[0]
    start = len(doc.cell_cards(stage.id, lane.id))
    for text in ("Calls support", "Waits", "Gives up"):
        w.scene.cards_captured.emit(stage.id, lane.id, [text])
    assert [c.text for c in doc.cell_cards(stage.id, lane.id)][start:] == ["Calls support", "Waits", "Gives up"]
    assert w.stack.count() == 3
    w.stack.undo()
    assert [c.text for c in doc.cell_cards(stage.id, lane.id)][start:] == ["Calls support", "Waits"]


def test_lines_captured_at_once_are_one_step(w):
    """Regression: pasting several lines in quick capture made one undo step per line."""
    doc = w.document
    stage, lane = doc.stages[2], doc.lanes[0]
    start = len(doc.cell_cards(stage.id, lane.id))
    w.scene.cards_captured.emit(stage.id, lane.id, ["Calls support", "Waits", "Gives up"])
    assert [c.text for c in doc.cell_cards(stage.id, lane.id)][start:] == ["Calls support", "Waits", "Gives up"]
    assert w.stack.count() == 1 and w.stack.undoText() == "Add 3 cards"
    w.stack.undo()
    assert len(doc.cell_cards(stage.id, lane.id)) == start


def test_emotions_dragged_and_added(w):
    doc = w.document
    persona = doc.personas[0]
    card = next(c for c in doc.cards() if doc.emotion(c.id, persona.id) is not None)
    before = doc.content()
    w.scene.emotion_dragged.emit(card.id, persona.id, -1.5)
    assert doc.emotion(card.id, persona.id) == -1.5
    one_step(w, before)
    w.stack.clear()
    bare = next(c for c in doc.cards() if doc.emotion(c.id, persona.id) is None)
    before = doc.content()
    w.scene.emotion_added.emit(bare.id, persona.id, 1.0)
    one_step(w, before)


def test_connection_drawn_and_refused_duplicate(w):
    doc = w.document
    cards = doc.cards()
    before = doc.content()
    w.scene.connection_drawn.emit(cards[2].id, cards[7].id)
    one_step(w, before)
    existing = doc.connections[0]
    w.scene.connection_drawn.emit(existing.source_id, existing.target_id)
    assert w.stack.count() == 1  # refused, told in the status bar
    assert "already connected" in w.statusBar().currentMessage()


def test_delete_selected_stage_restores_its_cards(w):
    doc = w.document
    stage = doc.stages[1]
    before = doc.content()
    w.scene.select("stage", [stage.id])
    w.actions["edit.delete"].trigger()
    assert stage.id not in [s.id for s in doc.stages]
    one_step(w, before)


def test_delete_selected_emotion_point_and_lane(w):
    doc = w.document
    persona = doc.personas[0]
    card = next(c for c in doc.cards() if doc.emotion(c.id, persona.id) is not None)
    before = doc.content()
    w.scene.select("emotion", [card.id, persona.id])
    w.actions["edit.delete"].trigger()
    assert doc.emotion(card.id, persona.id) is None
    one_step(w, before)
    w.stack.clear()
    lane = next(l for l in doc.lanes if l.kind == LaneKind.CARDS)
    before = doc.content()
    w.scene.select("lane", [lane.id])
    w.actions["edit.delete"].trigger()
    one_step(w, before)


def test_quick_capture_in_a_thoughts_lane_makes_quotes(w):
    # Every template has a Thoughts lane, and the example map's thoughts are quotes; typed
    # there, cards came out as yellow notes among the grey quotes.
    from model import ops
    from model.domain import KIND_COLOURS, CardKind, Lane

    doc = w.document
    lane = Lane("Thoughts")
    doc.apply(ops.AddLane(lane))
    w.scene.cards_captured.emit(doc.stages[0].id, lane.id, ["Will this really save time?"])
    card = doc.cell_cards(doc.stages[0].id, lane.id)[0]
    assert card.kind == CardKind.QUOTE and card.colour == KIND_COLOURS[CardKind.QUOTE]
