"""What compare mode draws over the map: removed cards as ghosts, moved cards' traces, earlier curves.

Views of model/compare_view.py values; they hold no document state and take no mouse input.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from model.layout_types import CardBox, Curve, Rect

from .. import glyphs, style
from ..fonts import card_font
from .base import qrect

RADIUS = 6.0


class _Overlay(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)


class GhostCardItem(_Overlay):
    """A removed card in its old cell: a dashed outline in the removal colour, its text faded and struck."""

    def __init__(self, card_id: str, box: CardBox, colour: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.box = box
        self.colour = colour
        r = box.rect
        self.setPos(r.x, r.y)
        self._rect = QRectF(0.0, 0.0, r.w, r.h)
        self._lines = tuple((QPointF(box.text.x - r.x, b - r.y), line) for b, line in zip(box.text.baselines,
                                                                                            box.text.lines))

    def text(self) -> str:
        return "\n".join(line for _, line in self._lines)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.dashed_pen(self.colour, 1.6))
        painter.setBrush(style.brush(self.colour, 22))
        painter.drawRoundedRect(self._rect, RADIUS, RADIUS)
        painter.setPen(style.pen(self.colour))
        painter.setFont(card_font(9.0))
        painter.drawText(QPointF(8.0, 13.0), "Removed")
        size = self.box.text.size
        painter.setFont(card_font(size))
        painter.setPen(style.pen(style.current().ink_soft))
        metrics_width = painter.fontMetrics().horizontalAdvance
        for at, line in self._lines:
            painter.drawText(at, line)
            y = at.y() - size * 0.3
            painter.drawLine(QLineF(at.x(), y, at.x() + metrics_width(line), y))


class TraceItem(_Overlay):
    """Where a moved card was (a dashed slot in its old cell) and an arrow to where it is now."""

    def __init__(self, card_id: str, start: Rect, end: Rect, colour: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.colour = colour
        self._slot = qrect(start)
        a = self._slot.center()
        target = qrect(end)
        b = QPointF(target.left() - 3.0 if target.left() > a.x() else target.right() + 3.0, target.center().y())
        if abs(target.center().x() - a.x()) < 1.0:  # the same column: come in from above or below
            b = QPointF(target.center().x() + 12.0, target.top() - 3.0 if target.top() > a.y() else target.bottom() + 3.0)
        self._line = QLineF(a, b)
        self._bounds = self._slot.united(QRectF(a, b).normalized()).adjusted(-12, -12, 12, 12)

    def line(self) -> QLineF:
        return self._line

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(style.brush(self.colour, 14))
        painter.setPen(style.dashed_pen(self.colour, 1.4, alpha=200))
        painter.drawRoundedRect(self._slot, RADIUS, RADIUS)
        painter.setPen(style.dashed_pen(self.colour, 2.0, (6.0, 4.0)))
        painter.drawLine(self._line)
        p1, p2 = self._line.p1(), self._line.p2()
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(self.colour))
        painter.drawPath(glyphs.arrow_head((p2.x(), p2.y()), (p1.x(), p1.y()), 11.0))
        painter.drawEllipse(p1, 3.0, 3.0)


class DashedCurveItem(_Overlay):
    """A persona's curve drawn dashed with small open points: an earlier curve (compare mode, faded) or a
    to-be curve (the future state, full strength)."""

    def __init__(self, curve: Curve, *, alpha: int = 255, width: float = 2.2) -> None:
        super().__init__()
        self.curve = curve
        self._alpha = alpha
        self._width = width
        path = QPainterPath()
        if curve.segments:
            path.moveTo(*curve.segments[0][0])
        for _, c1, c2, p3 in curve.segments:
            path.cubicTo(*c1, *c2, *p3)
        self._path = path
        self._points = tuple(QPointF(p.x, p.y) for p in curve.points)
        bounds = path.boundingRect()
        for p in self._points:
            bounds = bounds.united(QRectF(p.x() - 6, p.y() - 6, 12, 12))
        self._bounds = bounds.adjusted(-4, -4, 4, 4)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        colour = self.curve.colour
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(style.no_brush())
        painter.setPen(style.dashed_pen(colour, self._width, (7.0, 4.5), self._alpha))
        painter.drawPath(self._path)
        painter.setPen(style.pen(colour, 1.5, alpha=self._alpha))
        painter.setBrush(style.brush(style.current().surface))
        for p in self._points:
            painter.drawEllipse(p, 4.0, 4.0)
