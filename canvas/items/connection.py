"""A connection: an arrow along the layout's Bézier, its label in a pill; loops back dashed, in another tone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from model.fonts import regular_metrics
from model.layout import bezier_point
from model.layout_types import ConnectionPath

from .. import glyphs, style
from ..fonts import card_font

LABEL_SIZE = 9.0
CHUNK = 16  # points per piece of a flattened connection
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
        # exposedRect: a long connection crossing the view strokes only its visible stretch.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.connection_id = connection_id
        self.label_item = ConnectionLabelItem()
        self._points: list[QPointF] = []
        self._chunks: list[tuple[int, QRectF]] = []
        self._lengths: list[float] = []  # distance along the line at each point
        self.path_value: ConnectionPath | None = None
        self._path = QPainterPath()
        self._head = QPainterPath()
        self._shape = QPainterPath()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._selected = False

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
        self._flatten(value.bezier)
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

    def _flatten(self, bezier) -> None:
        rough = sum(math.dist(bezier[i], bezier[i + 1]) for i in range(3))
        n = max(16, min(1024, int(rough / 6.0)))
        n += (-n) % CHUNK  # whole chunks
        points = [QPointF(*bezier_point(bezier, i / n)) for i in range(n + 1)]
        lengths = [0.0]
        for a, b in zip(points, points[1:]):
            lengths.append(lengths[-1] + math.hypot(b.x() - a.x(), b.y() - a.y()))
        self._points, self._lengths = points, lengths
        # Bounding boxes of CHUNK-segment pieces: paint tests a few dozen boxes, not every point.
        chunks = []
        for i in range(0, n, CHUNK):
            piece = points[i : i + CHUNK + 1]
            xs, ys = [p.x() for p in piece], [p.y() for p in piece]
            chunks.append((i, QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))))
        self._chunks = chunks

    def _visible_runs(self, exposed: QRectF) -> list[tuple[int, int]]:
        """Index ranges [i, j] of points whose pieces touch `exposed`, adjacent pieces merged."""
        area = exposed.adjusted(-8.0, -8.0, 8.0, 8.0)
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
        n = len(self._points) - 1
        t0, t1 = i / n, j / n
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
        tone = style.LOOP_BACK if value.loops_back else style.CONNECTION
        exposed = option.exposedRect
        # Stroking a long curve costs its whole length even where clipped: draw only what shows.
        runs = None if exposed.isEmpty() or exposed.contains(self._bounds) else self._visible_runs(exposed)
        painter.setBrush(style.no_brush())
        if self._selected:
            self._stroke(painter, style.pen(style.SELECTION, 6.0, alpha=70), runs)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_DETAIL:
            # Far away: the line alone (no casing, no head) keeps a whole-map frame cheap.
            self._stroke(painter, style.cosmetic_pen(style.LOOP_BACK if value.loops_back else style.CONNECTION, 1.0), runs)
            return
        self._stroke(painter, style.pen("#FFFFFF", 5.0, alpha=190), runs)  # the casing
        self._stroke(painter, style.dash_pen(tone, 1.8) if value.loops_back else style.pen(tone, 1.8), runs)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(tone))
        painter.drawPath(self._head)
