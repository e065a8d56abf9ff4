"""Feedback drawn over the map: drop indicator, guides, rubber band, a connector line, decoration marks."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from .. import glyphs, style


class LineOverlay(QGraphicsItem):
    """A thick line with round ends: the card drop indicator and the stage/lane guides."""

    def __init__(self, role: str = "drop", width: float = 3.0) -> None:
        super().__init__()
        self._line = QLineF()
        self._role = role  # a palette role ("drop", "selection"), looked up when painting
        self._width = width
        self._arrow = False
        self.setZValue(1000)
        self.hide()

    def show_line(self, a: QPointF, b: QPointF, arrow: bool = False) -> None:
        self.prepareGeometryChange()
        self._line = QLineF(a, b)
        self._arrow = arrow
        self.show()
        self.update()

    def line(self) -> QLineF:
        return self._line

    def boundingRect(self) -> QRectF:
        return QRectF(self._line.p1(), self._line.p2()).normalized().adjusted(-10, -10, 10, 10)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = getattr(style.current(), self._role)
        painter.setPen(style.pen(colour, self._width))
        painter.drawLine(self._line)
        if self._arrow:
            p1, p2 = self._line.p1(), self._line.p2()
            painter.setPen(style.no_pen())
            painter.setBrush(style.brush(colour))
            painter.drawPath(glyphs.arrow_head((p2.x(), p2.y()), (p1.x(), p1.y()), 10.0))
        else:
            painter.setPen(style.no_pen())
            painter.setBrush(style.brush(colour))
            for p in (self._line.p1(), self._line.p2()):
                painter.drawEllipse(p, self._width * 1.3, self._width * 1.3)


class RubberBandItem(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.setZValue(1001)
        self.hide()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = rect.normalized()
        self.show()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(style.cosmetic_pen(style.current().selection, 1.0))
        painter.setBrush(style.brush(style.current().selection, 30))
        painter.drawRect(self._rect)


class GhostItem(QGraphicsItem):
    """A translucent rectangle following the mouse: a stage or lane header being dragged."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self.setZValue(999)
        self.hide()

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = rect
        self.show()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(style.dash_pen(style.current().selection, 1.5))
        painter.setBrush(style.brush(style.current().selection, 36))
        painter.drawRect(self._rect)


class MarksItem(QGraphicsItem):
    """Outlines around decorated cards (decoration layers' marks), one ring per layer that marks a card."""

    def __init__(self) -> None:
        super().__init__()
        self._rings: list[tuple[QRectF, str]] = []
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rings(self, rings: list[tuple[QRectF, str]]) -> None:
        self.prepareGeometryChange()
        self._rings = rings
        bounds = QRectF()
        for rect, _colour in rings:
            bounds = bounds.united(rect)
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.setVisible(bool(rings))
        self.update()

    def rings(self) -> list[tuple[QRectF, str]]:
        return list(self._rings)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect, colour in self._rings:
            painter.setPen(style.pen(colour, 3.0))
            painter.drawRoundedRect(rect, 7.0, 7.0)
