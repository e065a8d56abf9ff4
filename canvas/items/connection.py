"""A connection: an arrow along the layout's Bézier, its label in a pill; loops back dashed, in another tone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from model.fonts import fit_with_ellipsis, regular_metrics
from model.layout import bezier_point, label_spot
from model.layout_types import ConnectionPath

from .. import glyphs, style
from ..fonts import card_font

LABEL_SIZE = 9.0
LABEL_HEIGHT = 17.0
MAX_LABEL = 200.0  # longer labels end with an ellipsis, as on the poster
CHUNK = 8  # sampled segments (about 12 units each) per piece of a connection
LOD_DETAIL = 0.4


def _split(bezier, t0: float, t1: float):
    """Control points of the part of a cubic Bézier between t0 and t1."""

    def at(t, pts):
        # de Casteljau: returns the curve's split at t as (left half, right half).
        (a, b, c, d) = pts
        ab = _lerp(a, b, t)
        bc = _lerp(b, c, t)
        cd = _lerp(c, d, t)
        abc, bcd = _lerp(ab, bc, t), _lerp(bc, cd, t)
        m = _lerp(abc, bcd, t)
        return (a, ab, abc, m), (m, bcd, cd, d)

    pts = tuple(bezier)
    if t1 < 1.0:
        pts = at(t1, pts)[0]
        t0 = t0 / t1 if t1 > 0 else 0.0
    if t0 > 0.0:
        pts = at(t0, pts)[1]
    return pts


def _lerp(a, b, t: float):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


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
        self._n = 0
        self._chunks: list[tuple[int, QRectF]] | None = None
        self._lengths: list[float] = []  # distance along the line at each point
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

        The curve is rebuilt only when it changed; the label's spot is checked
        on every layout, since cards may have moved under it."""
        if value != self.path_value:
            self.path_value = value
            p0, c1, c2, p3 = value.bezier
            path = QPainterPath(QPointF(*p0))
            self._head = glyphs.arrow_head(p3, c2 if c2 != p3 else p0, 9.0)
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
            self._path = path
            self._chunks = None  # sampled on the first partial paint
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._line_shape = stroker.createStroke(path)
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

    def _flatten(self) -> None:
        """Sample the curve (lazily: only a curve painted partly needs it) into pieces with boxes."""
        bezier = self.path_value.bezier
        rough = sum(math.dist(bezier[i], bezier[i + 1]) for i in range(3))
        n = max(CHUNK, min(512, int(rough / 12.0)))
        n += (-n) % CHUNK  # whole chunks
        points = [bezier_point(bezier, i / n) for i in range(n + 1)]
        lengths = [0.0]
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            lengths.append(lengths[-1] + math.hypot(bx - ax, by - ay))
        self._n, self._lengths = n, lengths
        # Bounding boxes of CHUNK-segment pieces: paint tests a few dozen boxes, not every point.
        chunks = []
        for i in range(0, n, CHUNK):
            piece = points[i : i + CHUNK + 1]
            xs, ys = [p[0] for p in piece], [p[1] for p in piece]
            chunks.append((i, QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))))
        self._chunks = chunks

    def _visible_runs(self, exposed: QRectF) -> list[tuple[int, int]]:
        """Index ranges [i, j] of points whose pieces touch `exposed`, adjacent pieces merged."""
        if self._chunks is None:
            self._flatten()
        # The margin covers the sub-curve bulging past its sampled points and the pen's width.
        area = exposed.adjusted(-12.0, -12.0, 12.0, 12.0)
        runs: list[tuple[int, int]] = []
        for i, box in self._chunks:
            if box.adjusted(-1.0, -1.0, 1.0, 1.0).intersects(area):
                if runs and runs[-1][1] == i:
                    runs[-1] = (runs[-1][0], i + CHUNK)
                else:
                    runs.append((i, i + CHUNK))
        return runs

    def _piece(self, i: int, j: int) -> QPainterPath:
        """The exact sub-curve between flattened points i and j (de Casteljau), so no joins are added."""
        t0, t1 = i / self._n, j / self._n
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = _split(self.path_value.bezier, t0, t1)
        path = QPainterPath(QPointF(x0, y0))
        path.cubicTo(QPointF(x1, y1), QPointF(x2, y2), QPointF(x3, y3))
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
            painter.drawPath(self._piece(i, j))

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
