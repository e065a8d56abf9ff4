"""Driving a MapView with real mouse events at points taken from the layout."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def vp(view, x: float, y: float) -> QPoint:
    """The viewport point showing scene point (x, y)."""
    return view.mapFromScene(QPointF(x, y))


def centre(view, rect) -> QPoint:
    return vp(view, *rect.center)


def drag(qtbot, view, start: QPoint, end: QPoint, modifier=NO_MOD, steps: int = 6) -> None:
    """Press at start, move in steps to end, release there (as a hand would)."""
    port = view.viewport()
    qtbot.mousePress(port, LEFT, modifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        qtbot.mouseMove(port, QPoint(round(p.x()), round(p.y())))
    qtbot.mouseRelease(port, LEFT, modifier, end)


def click(qtbot, view, at: QPoint, modifier=NO_MOD) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, modifier, at)


def hover(view, at: QPoint) -> None:
    """A mouse move with no button held (QTest only moves the cursor then, which offscreen ignores)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    port = view.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove, QPointF(at), QPointF(port.mapToGlobal(at)), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, NO_MOD
    )
    QApplication.sendEvent(port, event)
