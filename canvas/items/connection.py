"""A connection: an arrow along the layout's Bézier, its label in a pill; loops back dashed, in another tone."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsItem

from model.fonts import regular_metrics
from model.layout_types import ConnectionPath

from .. import glyphs, style
from ..fonts import card_font

LABEL_SIZE = 9.0


class ConnectionLabelItem(QGraphicsItem):
    """A connection's label pill: a separate item so it can sit above the cards while the line runs beneath."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._text = ""
        self._tone = style.CONNECTION

    def set_values(self, rect: QRectF, text: str, tone: str) -> None:
        if (rect, text, tone) == (self._rect, self._text, self._tone):
            return
        self.prepareGeometryChange()
        self._rect, self._text, self._tone = rect, text, tone
        self.setVisible(bool(text))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._text:
            return
        r = self._rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.pen(self._tone, 1.0))
        painter.setBrush(style.brush("#FFFFFF"))
        painter.drawRoundedRect(r, 9.0, 9.0)
        painter.setFont(card_font(LABEL_SIZE))
        painter.setPen(style.pen(self._tone))
        painter.drawText(QPointF(r.x() + 6.0, r.y() + 12.6), self._text)


class ConnectionItem(QGraphicsItem):
    """The arrow itself; its label is `label_item`, a sibling drawn above every connection."""

    def __init__(self, connection_id: str) -> None:
        super().__init__()
        self.connection_id = connection_id
        self.label_item = ConnectionLabelItem()
        self.path_value: ConnectionPath | None = None
        self._path = QPainterPath()
        self._head = QPainterPath()
        self._shape = QPainterPath()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._selected = False
        self._dimmed = False

    def set_path(self, value: ConnectionPath) -> None:
        if value == self.path_value:
            return
        self.prepareGeometryChange()
        self.path_value = value
        p0, c1, c2, p3 = value.bezier
        path = QPainterPath(QPointF(*p0))
        # Stop the line short of the tip so the arrowhead's point stays sharp.
        self._head = glyphs.arrow_head(p3, c2 if c2 != p3 else p0, 9.0)
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
        self._path = path
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        self._shape = stroker.createStroke(path)
        self._label_rect = QRectF()
        if value.label:
            w = regular_metrics().text_width(value.label, LABEL_SIZE) + 12.0
            x, y = value.label_at
            self._label_rect = QRectF(x - w / 2, y - 9.0, w, 18.0)
            self._shape.addRect(self._label_rect)
        self._bounds = self._shape.boundingRect().united(self._head.boundingRect()).adjusted(-3, -3, 3, 3)
        self.label_item.set_values(self._label_rect, value.label, style.LOOP_BACK if value.loops_back else style.CONNECTION)
        self.update()

    def set_selected_look(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        value = self.path_value
        if value is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tone = style.LOOP_BACK if value.loops_back else style.CONNECTION
        if self._selected:
            painter.setPen(style.pen(style.SELECTION, 6.0, alpha=70))
            painter.setBrush(style.no_brush())
            painter.drawPath(self._path)
        dash = Qt.PenStyle.DashLine if value.loops_back else Qt.PenStyle.SolidLine
        painter.setPen(style.pen("#FFFFFF", 5.0, alpha=190))  # the casing
        painter.setBrush(style.no_brush())
        painter.drawPath(self._path)
        painter.setPen(style.pen(tone, 1.8, dash))
        painter.setBrush(style.no_brush())
        painter.drawPath(self._path)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(tone))
        painter.drawPath(self._head)
