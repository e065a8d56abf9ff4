"""The room's emotion curve in one Emotions lane: the phones' mean rating per touchpoint as a dashed line,
their lowest and highest rating as a band around it (model/room/curve.py computes both)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from model.room.curve import ROOM_BAND_OPACITY, ROOM_CURVE_COLOUR, ROOM_LABEL, RoomCurve

from .. import style
from ..fonts import card_font

DOT = 4.0


def _band(curve: RoomCurve) -> QPainterPath:
    """Along the highest ratings, back along the lowest; a lone point is a bar from lowest to highest."""
    path = QPainterPath()
    points = curve.points
    if len(points) == 1:
        p = points[0]
        path.addRoundedRect(QRectF(p.x - DOT, p.y_high - DOT, 2 * DOT, p.y_low - p.y_high + 2 * DOT), DOT, DOT)
        return path
    path.moveTo(points[0].x, points[0].y_high)
    for _, c1, c2, p3 in curve.upper:
        path.cubicTo(*c1, *c2, *p3)
    path.lineTo(points[-1].x, points[-1].y_low)
    for p0, c1, c2, _ in reversed(curve.lower):
        path.cubicTo(*c2, *c1, *p0)
    path.closeSubpath()
    return path


class RoomCurveItem(QGraphicsItem):
    def __init__(self, lane_id: str) -> None:
        super().__init__()
        self.lane_id = lane_id
        self.curve: RoomCurve | None = None
        self._band = QPainterPath()
        self._line = QPainterPath()
        self._bounds = QRectF()
        self._label_at = QPointF()

    def set_curve(self, curve: RoomCurve) -> None:
        if curve == self.curve:
            return
        self.prepareGeometryChange()
        self.curve = curve
        self._band = _band(curve)
        line = QPainterPath()
        if curve.points:
            line.moveTo(curve.points[0].x, curve.points[0].y)
        for _, c1, c2, p3 in curve.line:
            line.cubicTo(*c1, *c2, *p3)
        self._line = line
        bounds = self._band.boundingRect().united(line.boundingRect())
        if curve.points:  # the curve's name after its last point, as a key would say it
            last = curve.points[-1]
            self._label_at = QPointF(last.x + DOT + 4, last.y + 4)
            bounds = bounds.united(QRectF(self._label_at.x(), last.y - 10, 40, 20))
        self._bounds = bounds.adjusted(-DOT - 2, -DOT - 2, DOT + 2, DOT + 2)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.curve is None or not self.curve.points:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(ROOM_CURVE_COLOUR, round(255 * ROOM_BAND_OPACITY)))
        painter.drawPath(self._band)
        painter.setBrush(style.no_brush())
        painter.setPen(style.pen(ROOM_CURVE_COLOUR, 2.2, Qt.PenStyle.DashLine))
        painter.drawPath(self._line)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(ROOM_CURVE_COLOUR))
        for p in self.curve.points:
            painter.drawEllipse(QPointF(p.x, p.y), DOT, DOT)
        painter.setPen(style.pen(ROOM_CURVE_COLOUR))
        painter.setFont(card_font(9.0))
        painter.drawText(self._label_at, ROOM_LABEL)
