"""Selecting: rubber band, Shift/Ctrl-click, cells, keyboard moves, the context menu request."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from .helpers import centre, click, drag, vp

SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_rubber_band_selects_the_cards_it_touches(qtbot, view, scene, doc):
    layout = scene.layout()
    touchpoints = doc.lanes[1].id
    row = layout.lane_index[touchpoints].row
    x0 = layout.stages[0].column.x + 2
    x1 = layout.stages[1].column.right - 2
    with qtbot.waitSignal(scene.selection_changed):
        drag(qtbot, view, vp(view, x0, row.y + 3), vp(view, x1, row.bottom - 3))
    expected = [c.id for s in doc.stages[:2] for c in doc.cell_cards(s.id, touchpoints)]
    assert list(scene.selected_ids().cards) == expected
    assert all(scene.card_item(c)._selected for c in expected)


def test_shift_click_adds_and_removes(qtbot, view, scene, doc):
    cards = doc.cards()
    layout = scene.layout()
    click(qtbot, view, centre(view, layout.cards[cards[0].id].rect))
    click(qtbot, view, centre(view, layout.cards[cards[1].id].rect), SHIFT)
    assert set(scene.selected_ids().cards) == {cards[0].id, cards[1].id}
    click(qtbot, view, centre(view, layout.cards[cards[0].id].rect), SHIFT)
    assert scene.selected_ids().cards == (cards[1].id,)


def test_click_on_empty_cell_selects_the_cell_and_outside_clears(qtbot, view, scene, doc):
    awareness, pains = doc.stages[0].id, doc.lanes[3].id
    cell = scene.layout().cells[(awareness, pains)].rect
    click(qtbot, view, vp(view, *cell.center))
    assert scene.selected_ids().cell == (awareness, pains)
    click(qtbot, view, vp(view, scene.layout().corner.center[0], scene.layout().corner.center[1]))
    assert scene.selected_ids().is_empty


def test_arrow_keys_move_the_card_and_cell_selection(qtbot, view, scene, doc):
    purchase, actions = doc.stages[2].id, doc.lanes[0].id
    cards = [c.id for c in doc.cell_cards(purchase, actions)]
    scene.select("cards", [cards[0]])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert scene.selected_ids().cards == (cards[1],)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    delivery_card = doc.cell_cards(doc.stages[3].id, actions)[0].id
    assert scene.selected_ids().cards == (delivery_card,)
    scene.select_cell(doc.stages[0].id, doc.lanes[3].id)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert scene.selected_ids().cell == (doc.stages[0].id, doc.lanes[4].id)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # skips the Emotions lane: it holds no cards
    assert scene.selected_ids().cell == (doc.stages[0].id, doc.lanes[1].id)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.selected_ids().is_empty


def test_context_menu_request_carries_the_selection(qtbot, view, scene, doc):
    from PySide6.QtGui import QContextMenuEvent

    card_id = doc.cards()[0].id
    at = centre(view, scene.layout().cards[card_id].rect)
    with qtbot.waitSignal(scene.context_menu_requested) as blocker:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
        qtbot_send(view.viewport(), event)
    screen_pos, selection = blocker.args
    assert isinstance(screen_pos, QPoint)
    assert selection.cards == (card_id,)


def qtbot_send(widget, event) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(widget, event)
