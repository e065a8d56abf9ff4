"""Panning by middle-drag and Space-drag, scrolling at the edge while dragging, and keys kept from shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from canvas.scene import MapScene
from canvas.view import MapView

from .helpers import LEFT, centre

MIDDLE = Qt.MouseButton.MiddleButton


def _scrolled(view) -> tuple[int, int]:
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def test_middle_drag_pans(qtbot, view):
    view.zoom_to(2.0)
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(0)
    port = view.viewport()
    qtbot.mousePress(port, MIDDLE, pos=QPoint(600, 500))
    qtbot.mouseMove(port, QPoint(500, 420))
    qtbot.mouseRelease(port, MIDDLE, pos=QPoint(500, 420))
    assert _scrolled(view) == (100, 80)


def test_space_drag_pans_and_emits_nothing(qtbot, view, scene):
    view.zoom_to(2.0)
    view.horizontalScrollBar().setValue(200)
    view.verticalScrollBar().setValue(200)
    view.setFocus()
    port = view.viewport()
    start = QPoint(700, 500)
    with qtbot.assertNotEmitted(scene.cards_dropped), qtbot.assertNotEmitted(scene.selection_changed):
        qtbot.keyPress(view, Qt.Key.Key_Space)
        qtbot.mousePress(port, LEFT, pos=start)
        qtbot.mouseMove(port, start + QPoint(40, 30))
        qtbot.mouseRelease(port, LEFT, pos=start + QPoint(40, 30))
        qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert _scrolled(view) == (160, 170)


def test_dragging_a_card_to_the_edge_scrolls_the_view(qtbot, view, scene, doc):
    view.zoom_to(2.0)
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(0)
    port = view.viewport()
    card_id = doc.cards()[0].id
    start = centre(view, scene.layout().cards[card_id].rect)
    edge = QPoint(port.width() - 2, start.y())
    qtbot.mousePress(port, LEFT, pos=start)
    qtbot.mouseMove(port, start + QPoint(30, 0))
    qtbot.mouseMove(port, edge)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().value() > 300, timeout=4000)
    middle = QPoint(port.width() // 2, start.y())
    qtbot.mouseMove(port, middle)  # away from the edge: scrolling stops
    with qtbot.waitSignal(scene.cards_dropped) as blocker:
        qtbot.mouseRelease(port, LEFT, pos=middle)
    assert blocker.args[1] != doc.card(card_id).stage_id  # carried past what the window first showed


def test_window_shortcuts_do_not_steal_keys_from_the_in_place_editor(qtbot, qapp, doc):
    window = QMainWindow()
    qtbot.addWidget(window)
    scene = MapScene(doc)
    view = MapView(scene)
    window.setCentralWidget(view)
    fired = []
    delete = QAction("Delete", window)
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    delete.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    delete.triggered.connect(lambda: fired.append("delete"))
    window.addAction(delete)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # window shortcuts need an active window
    view.setFocus()
    card = doc.cards()[0]
    # Keys through the window, as the platform delivers them: the shortcut map sees them first.
    handle = window.windowHandle()
    qtbot.keyClick(handle, Qt.Key.Key_Delete)
    assert fired == ["delete"]  # with no editor open, the window's shortcut works
    fired.clear()
    scene.begin_edit_card(card.id)
    qtbot.keyClick(handle, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(handle, Qt.Key.Key_Backspace)
    qtbot.keyClick(handle, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(handle, Qt.Key.Key_Delete)
    assert fired == []
    with qtbot.waitSignal(scene.card_text_edited) as blocker:
        qtbot.keyClick(handle, Qt.Key.Key_Return)
    assert blocker.args == [card.id, card.text[1:-1]]
    scene.close()
