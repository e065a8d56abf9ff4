"""Real mouse and keyboard on the real main window: each gesture changes the map by one undo step, undo restores it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
K = Qt.Key


@pytest.fixture
def w(window, qtbot):
    """The small map at 100 %, scrolled to the top-left corner, in a big window."""
    window.resize(1800, 1000)
    qtbot.wait(1)  # let the resize settle
    window.view.reset_zoom()
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    return window


def at(w, x: float, y: float) -> QPoint:
    return w.view.mapFromScene(QPointF(x, y))


def centre(w, rect) -> QPoint:
    return at(w, *rect.center)


def drag(qtbot, w, start: QPoint, end: QPoint, modifier=NO_MOD, steps: int = 6) -> None:
    port = w.view.viewport()
    qtbot.mousePress(port, LEFT, modifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        qtbot.mouseMove(port, QPoint(round(p.x()), round(p.y())))
    qtbot.mouseRelease(port, LEFT, modifier, end)


def hover(w, point: QPoint) -> None:
    port = w.view.viewport()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(port.mapToGlobal(point)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, NO_MOD)
    QApplication.sendEvent(port, event)


def cell(doc, stage, lane):
    return [c.id for c in doc.cell_cards(stage.id, lane.id)]


def one_undo_step_restores(w, before) -> None:
    doc = w.document
    assert doc.content() != before
    assert w.stack.count() == 1
    undo = w.actions["edit.undo"]
    assert undo.isEnabled()
    undo.trigger()
    assert doc.content() == before
    assert not undo.isEnabled()


def test_drag_a_card_to_another_cell(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    actions = doc.lanes[0]
    card_id = cell(doc, doc.stages[0], actions)[0]
    target = layout.cells[(doc.stages[2].id, actions.id)].rect
    before = doc.content()
    drag(qtbot, w, centre(w, layout.cards[card_id].rect), at(w, target.center[0], target.bottom - 4))
    assert doc.card(card_id).stage_id == doc.stages[2].id
    assert cell(doc, doc.stages[2], actions)[-1] == card_id
    one_undo_step_restores(w, before)


def test_drag_a_card_within_its_cell(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    stage, lane = doc.stages[1], doc.lanes[0]
    first, second = cell(doc, stage, lane)
    below = layout.cards[second].rect
    before = doc.content()
    drag(qtbot, w, centre(w, layout.cards[first].rect), at(w, below.center[0], below.bottom + 3))
    assert cell(doc, stage, lane) == [second, first]
    one_undo_step_restores(w, before)


def test_multi_select_with_ctrl_click_and_move_together(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    actions, pains = doc.lanes[0], doc.lanes[2]
    a = cell(doc, doc.stages[0], actions)[1]
    b = cell(doc, doc.stages[1], actions)[0]
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, centre(w, layout.cards[a].rect))
    qtbot.mouseClick(w.view.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier, centre(w, layout.cards[b].rect))
    assert set(w.scene.selected_ids().cards) == {a, b}
    assert w.inspector.current_page() is w.inspector.cards_page
    target = layout.cells[(doc.stages[2].id, pains.id)].rect
    before = doc.content()
    drag(qtbot, w, centre(w, layout.cards[b].rect), at(w, target.center[0], target.bottom - 4))
    assert cell(doc, doc.stages[2], pains)[-2:] == [a, b]
    one_undo_step_restores(w, before)


def test_reorder_stages_by_dragging_a_header(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    first, third = layout.stages[0], layout.stages[2]
    before = doc.content()
    drag(qtbot, w, at(w, *first.header.center), at(w, third.column.center[0] + 20, first.header.center[1]))
    assert doc.stages[-1].id == first.stage_id
    one_undo_step_restores(w, before)


def test_reorder_lanes_by_dragging_a_header(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    lane = layout.lanes[2]
    before = doc.content()
    drag(qtbot, w, at(w, lane.header.center[0], lane.header.center[1]),
         at(w, lane.header.center[0], layout.lanes[0].row.y + 8))
    assert doc.lanes[0].id == lane.lane_id
    one_undo_step_restores(w, before)


def test_resize_a_stage_by_its_edge(w, qtbot):
    doc = w.document
    box = w.scene.layout().stages[0]
    y = box.header.center[1]
    width = doc.stages[0].width
    before = doc.content()
    drag(qtbot, w, at(w, box.header.right - 2, y), at(w, box.header.right + 58, y))
    assert abs(doc.stages[0].width - (width + 60)) <= 2
    one_undo_step_restores(w, before)


def test_double_click_edits_the_text_in_place(w, qtbot):
    doc = w.document
    card = doc.cards()[0]
    qtbot.mouseDClick(w.view.viewport(), LEFT, pos=centre(w, w.scene.layout().cards[card.id].rect))
    before = doc.content()
    qtbot.keyClicks(w.view, "Sees an advert")
    qtbot.keyClick(w.view, K.Key_Return)
    assert doc.card(card.id).text == "Sees an advert"
    one_undo_step_restores(w, before)
    assert w.inspector.current_page() is w.inspector.card_page


def test_quick_capture_of_several_cards(w, qtbot):
    doc = w.document
    stage, pains = doc.stages[1], doc.lanes[2]
    w.scene.select_cell(stage.id, pains.id)
    w.view.setFocus()
    start = cell(doc, stage, pains)
    for text in ("Too many forms", "Slow answers", "Hidden fees"):
        qtbot.keyClicks(w.view, text)
        qtbot.keyClick(w.view, K.Key_Return)
    qtbot.keyClick(w.view, K.Key_Escape)
    texts = [c.text for c in doc.cell_cards(stage.id, pains.id)]
    assert texts[len(start):] == ["Too many forms", "Slow answers", "Hidden fees"]
    assert w.stack.count() == 3
    for _ in range(3):
        w.actions["edit.undo"].trigger()
    assert cell(doc, stage, pains) == start
    assert not w.actions["edit.undo"].isEnabled()


def test_drag_an_emotion_point(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    curve = next(c for c in layout.curves if c.points)
    point = curve.points[0]
    scale = layout.scales[0]
    before = doc.content()
    drag(qtbot, w, at(w, point.x, point.y), at(w, point.x, scale.y_for(1.3)))
    assert doc.emotion(point.card_id, curve.persona_id) == 1.5
    one_undo_step_restores(w, before)


def test_draw_a_connection_from_a_card_handle(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    source = cell(doc, doc.stages[1], doc.lanes[0])[1]
    target = cell(doc, doc.stages[2], doc.lanes[2])[0]
    r = layout.cards[source].rect
    hover(w, centre(w, r))
    before = doc.content()
    drag(qtbot, w, at(w, r.right, r.center[1]), centre(w, layout.cards[target].rect))
    assert any((c.source_id, c.target_id) == (source, target) for c in doc.connections)
    one_undo_step_restores(w, before)


def test_delete_key_removes_the_selected_card_and_undo_brings_it_back(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    card = doc.cards()[0]
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, centre(w, layout.cards[card.id].rect))
    before = doc.content()
    qtbot.keyClick(w.view, K.Key_Delete)
    assert not doc.has_card(card.id)
    one_undo_step_restores(w, before)
    qtbot.keyClick(w.view, K.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not doc.has_card(card.id)  # redo by its shortcut


def test_keys_typed_in_the_card_editor_stay_in_the_editor(w, qtbot):
    """Backspace and Delete edit the text being typed; they do not delete the selected card."""
    doc = w.document
    stage, pains = doc.stages[0], doc.lanes[2]
    w.scene.select_cell(stage.id, pains.id)
    w.view.setFocus()
    count = doc.card_count
    qtbot.keyClicks(w.view, "Slowx")
    qtbot.keyClick(w.view, K.Key_Backspace)
    qtbot.keyClick(w.view, K.Key_Return)
    qtbot.keyClick(w.view, K.Key_Escape)
    assert doc.card_count == count + 1
    assert doc.cell_cards(stage.id, pains.id)[-1].text == "Slow"


def test_ctrl_v_on_a_selected_cell_makes_one_card_per_line_once(w, qtbot):
    from PySide6.QtGui import QGuiApplication

    doc = w.document
    stage, lane = doc.stages[2], doc.lanes[0]
    start = len(doc.cell_cards(stage.id, lane.id))
    w.scene.select_cell(stage.id, lane.id)
    w.view.setFocus()
    QGuiApplication.clipboard().setText("Track the truck\nRate the driver\nTip")
    qtbot.keyClick(w.view, K.Key_V, Qt.KeyboardModifier.ControlModifier)
    texts = [c.text for c in doc.cell_cards(stage.id, lane.id)]
    assert texts[start:] == ["Track the truck", "Rate the driver", "Tip"]
    assert w.stack.count() == 1  # one undo step, not one per line


def test_ctrl_v_on_a_selected_cell_pastes_copied_cards_whole_in_one_step(w, qtbot):
    """Regression: with a cell selected, Ctrl+V pasted copied cards as plain notes (kind, notes and
    owner lost), one undo step per card."""
    from model import ops

    doc = w.document
    source = doc.cards()[0]
    doc.apply(ops.UpdateCard(source.id, {"notes": "seen in 4 of 6 interviews", "owner": "Sales"}))
    copied = [doc.card(source.id), doc.cards()[1]]
    w.scene.select("cards", [c.id for c in copied])
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_C, Qt.KeyboardModifier.ControlModifier)
    stage, lane = doc.stages[2], doc.lanes[2]
    start = len(doc.cell_cards(stage.id, lane.id))
    before = doc.content()
    w.scene.select_cell(stage.id, lane.id)
    qtbot.keyClick(w.view, K.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = doc.cell_cards(stage.id, lane.id)[start:]
    assert [(c.text, c.kind, c.notes, c.owner) for c in pasted] == \
        [(c.text, c.kind, c.notes, c.owner) for c in copied]
    assert w.stack.undoText() == "Paste 2 cards"
    one_undo_step_restores(w, before)


def test_a_click_in_the_emotions_lane_of_an_empty_stage_adds_a_touchpoint_with_its_point(w, qtbot):
    """Regression: the click did nothing, silently, because a point can only hang on a card."""
    from model import ops
    from model.domain import CardKind, Stage

    doc = w.document
    empty = Stage("Advocacy")
    doc.apply(ops.AddStage(empty))
    w.set_tool("emotion")
    persona = w.scene.active_persona()
    layout = w.scene.layout()
    emotions = next(lane for lane in layout.lanes if lane.kind == "emotions")
    column = layout.stage_index[empty.id].column
    scale = next(s for s in layout.scales if s.lane_id == emotions.lane_id)
    before = doc.content()
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, at(w, column.center[0], scale.y_for(-1.0)))
    (card,) = [c for c in doc.cards() if c.stage_id == empty.id]
    assert card.kind == CardKind.TOUCHPOINT and doc.emotion(card.id, persona) == -1.0
    assert "deleting the card deletes its points" in w.statusBar().currentMessage()
    one_undo_step_restores(w, before)


def test_rubber_band_selects_cards_then_one_drag_moves_them_all(w, qtbot):
    doc = w.document
    layout = w.scene.layout()
    stage, actions, pains = doc.stages[1], doc.lanes[0], doc.lanes[2]
    ids = cell(doc, stage, actions)
    cell_rect = layout.cells[(stage.id, actions.id)].rect
    # From the empty corner of the cell, across both of its cards.
    drag(qtbot, w, at(w, cell_rect.x + 2, cell_rect.y + 2), at(w, cell_rect.right - 4, cell_rect.bottom - 2))
    assert set(w.scene.selected_ids().cards) == set(ids)
    assert w.stack.count() == 0  # selecting is not an edit
    target = layout.cells[(doc.stages[0].id, pains.id)].rect
    before = doc.content()
    drag(qtbot, w, centre(w, layout.cards[ids[0]].rect), at(w, target.center[0], target.bottom - 4))
    assert cell(doc, doc.stages[0], pains)[-2:] == ids
    one_undo_step_restores(w, before)


def test_text_being_typed_in_place_is_kept_when_the_window_closes(w, qtbot, map_path):
    from model.persistence import read_content

    card = w.document.cards()[0]
    qtbot.mouseDClick(w.view.viewport(), LEFT, pos=centre(w, w.scene.layout().cards[card.id].rect))
    qtbot.keyClicks(w.view, "Typed just before closing")
    w.close()
    texts = {c.id: c.text for c in read_content(map_path).cards}
    assert texts[card.id] == "Typed just before closing"


def test_deleting_a_card_says_its_emotion_points_went_with_it(w, qtbot):
    doc = w.document
    persona = doc.personas[0].id
    card = next(c for c in doc.cards() if doc.emotion(c.id, persona) is not None)
    before = doc.content()
    w.scene.select("cards", [card.id])
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_Delete)
    assert not doc.has_card(card.id)
    assert "emotion point went with the deleted cards" in w.statusBar().currentMessage()
    one_undo_step_restores(w, before)
