"""A connection: an arrow along the layout's route around the cards, its label in a pill; loops back
dashed, in another tone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from model.fonts import fit_with_ellipsis, regular_metrics
from model.layout import label_spot
from model.layout_types import ConnectionPath

from .. import glyphs, style
from ..fonts import card_font

LABEL_SIZE = 9.0
LABEL_HEIGHT = 17.0
MAX_LABEL = 200.0  # longer labels end with an ellipsis, as on the poster
LOD_DETAIL = 0.4


class ConnectionLabelItem(QGraphicsItem):
    """A connection's label pill: a separate item so it sits above the cards and every connection.

    Its position is the label's centre; upright labels are the same pill turned a quarter."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._text = ""
        self._tone = "connection"  # a palette role, looked up when painting
        self._key = None

    def set_values(self, centre: tuple[float, float], w: float, h: float, upright: bool, text: str, tone: str) -> None:
        key = (centre, w, h, upright, text, tone)
        if key == self._key:
            return
        self.prepareGeometryChange()
        self._key = key
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self._text, self._tone = text, tone
        self.setPos(*centre)
        self.setRotation(90.0 if upright else 0.0)
        self.setVisible(bool(text))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._text:
            return
        r = self._rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tone = getattr(style.current(), self._tone)
        painter.setPen(style.pen(tone, 1.0))
        painter.setBrush(style.brush(style.current().surface))
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setFont(card_font(LABEL_SIZE))
        painter.setPen(style.pen(tone))
        painter.drawText(QPointF(r.x() + 6.0, r.y() + r.height() / 2 + 3.2), self._text)


class ConnectionItem(QGraphicsItem):
    """The arrow itself; its label is `label_item`, a sibling drawn above every connection."""

    def __init__(self, connection_id: str) -> None:
        super().__init__()
        # exposedRect: a long connection crossing the view strokes only its visible stretch.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.connection_id = connection_id
        self.label_item = ConnectionLabelItem()
        self._boxes: list[QRectF] | None = None  # each piece's box, for painting part of a long route
        self._lengths: list[float] = []  # distance along the route where each piece starts
        self.path_value: ConnectionPath | None = None
        self._path = QPainterPath()
        self._head = QPainterPath()
        self._shape = QPainterPath()
        self._label_rect: QRectF | None = QRectF()
        self._line_shape = QPainterPath()
        self._bounds = QRectF()
        self._selected = False

    def set_path(self, value: ConnectionPath, layout) -> None:
        """The connection's path, and the layout (its label avoids covering cards).

        The route is rebuilt only when it changed; the label's spot is checked
        on every layout, since cards may have moved under it."""
        if value != self.path_value:
            self.path_value = value
            self._path = self._pieces(0, len(value.segments))
            if value.segments:
                _, _, c2, p3 = value.segments[-1]
                self._head = glyphs.arrow_head(p3, c2 if c2 != p3 else value.segments[-1][0], 9.0)
            else:
                self._head = QPainterPath()
            self._boxes = None  # measured on the first partial paint
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._line_shape = stroker.createStroke(self._path)
            self._label_rect = None  # forces the shape below to be rebuilt
        self._place_label(value, layout)

    def _place_label(self, value: ConnectionPath, layout) -> None:
        tone = "loop_back" if value.loops_back else "connection"
        label_rect = QRectF()
        if value.label:
            text = fit_with_ellipsis(value.label.replace("\n", " "), MAX_LABEL, regular_metrics(), LABEL_SIZE)
            w, h = regular_metrics().text_width(text, LABEL_SIZE) + 12.0, LABEL_HEIGHT
            x, y, upright = label_spot(layout, value, w, h)
            bw, bh = (h, w) if upright else (w, h)
            label_rect = QRectF(x - bw / 2, y - bh / 2, bw, bh)
            self.label_item.set_values((x, y), w, h, upright, text, tone)
        else:
            self.label_item.set_values((0.0, 0.0), 0.0, 0.0, False, "", tone)
        if label_rect == self._label_rect:
            return
        self.prepareGeometryChange()
        self._label_rect = label_rect
        shape = QPainterPath(self._line_shape)
        if not label_rect.isEmpty():
            shape.addRect(label_rect)
        self._shape = shape
        self._bounds = shape.boundingRect().united(self._head.boundingRect()).adjusted(-3, -3, 3, 3)
        self.update()

    def _measure(self) -> None:
        """Each piece's box (a cubic stays inside its control points) and where along the route it starts."""
        boxes, lengths, along = [], [], 0.0
        for piece in self.path_value.segments:
            xs, ys = [p[0] for p in piece], [p[1] for p in piece]
            boxes.append(QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
            lengths.append(along)
            along += math.dist(piece[0], piece[3])
        self._boxes, self._lengths = boxes, lengths

    def _visible_runs(self, exposed: QRectF) -> list[tuple[int, int]]:
        """Index ranges [i, j) of pieces that touch `exposed`, adjacent pieces merged."""
        if self._boxes is None:
            self._measure()
        area = exposed.adjusted(-3.0, -3.0, 3.0, 3.0)  # the pen's width
        runs: list[tuple[int, int]] = []
        for i, box in enumerate(self._boxes):
            if box.adjusted(-1.0, -1.0, 1.0, 1.0).intersects(area):
                if runs and runs[-1][1] == i:
                    runs[-1] = (runs[-1][0], i + 1)
                else:
                    runs.append((i, i + 1))
        return runs

    def _pieces(self, i: int, j: int) -> QPainterPath:
        """The route's pieces i … j-1 as one path."""
        pieces = self.path_value.segments[i:j]
        if not pieces:
            return QPainterPath()
        path = QPainterPath(QPointF(*pieces[0][0]))
        for _, c1, c2, p3 in pieces:
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
        return path

    def _stroke(self, painter: QPainter, pen: QPen, runs) -> None:
        if runs is None:
            painter.setPen(pen)
            painter.drawPath(self._path)
            return
        dashed = pen.style() != Qt.PenStyle.SolidLine
        for i, j in runs:
            if dashed:
                # Keep the dashes where they would be on the whole line, so they do not crawl while panning.
                pen = QPen(pen)
                pen.setDashOffset(self._lengths[i] / max(pen.widthF(), 0.1))
            painter.setPen(pen)
            painter.drawPath(self._pieces(i, j))

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
        tone = style.current().loop_back if value.loops_back else style.current().connection
        exposed = option.exposedRect
        # Stroking a long curve costs its whole length even where clipped: draw only what shows.
        shown = exposed.intersected(self._bounds)
        bounds_area = self._bounds.width() * self._bounds.height()
        # Windowing pays only when most of the curve is off the exposed area.
        mostly_shown = exposed.isEmpty() or shown.width() * shown.height() > 0.5 * bounds_area
        runs = None if mostly_shown else self._visible_runs(exposed)
        painter.setBrush(style.no_brush())
        if self._selected:
            self._stroke(painter, style.pen(style.current().selection, 6.0, alpha=70), runs)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_DETAIL:
            # Far away: the line alone (no casing, no head) keeps a whole-map frame cheap.
            self._stroke(painter, style.cosmetic_pen(style.current().loop_back if value.loops_back else style.current().connection, 1.0), runs)
            return
        self._stroke(painter, style.pen(style.current().casing, 5.0, alpha=190), runs)  # the casing
        self._stroke(painter, style.dash_pen(tone, 1.8) if value.loops_back else style.pen(tone, 1.8), runs)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(tone))
        painter.drawPath(self._head)
