"""One persona's emotion curve in one Emotions lane: the layout's Bézier segments and face markers."""

from __future__ import annotations

import bisect
import itertools

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from model.layout import smooth_segments
from model.layout_types import Curve, CurvePoint, Rect

from .. import glyphs, style
from .base import painted_rects, touches

FACE_RADIUS = 8.0
LOD_FACES = 0.3


class CurveItem(QGraphicsItem):
    def __init__(self, persona_id: str, lane_id: str) -> None:
        super().__init__()
        # exposedRect lets paint skip the faces outside the repainted area (a curve spans the map).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.persona_id = persona_id
        self.lane_id = lane_id
        self.curve: Curve | None = None
        self._path = QPainterPath()
        self._boxes: list[QRectF] = []  # each segment's box, grown by the halo's half width
        self._run_paths: dict[tuple[int, int], QPainterPath] = {}
        self._bounds = QRectF()
        self._points: tuple[tuple[str, QPointF, float], ...] = ()
        self._selected_card: str | None = None
        self._preview: tuple[str, float, float] | None = None  # (card_id, y, value) while dragged
        self._area = Rect(0.0, 0.0, 0.0, 0.0)
        self._max_before: list[float] = []
        self._min_after: list[float] = []

    def set_curve(self, curve: Curve, area: Rect) -> None:
        """The curve and the area of its lane's scale (the preview smooths within it)."""
        if curve == self.curve and area == self._area:
            return
        self.curve = curve
        self._area = area
        self._rebuild()

    def _rebuild(self) -> None:
        self.prepareGeometryChange()
        curve = self.curve
        path = QPainterPath()
        if curve.segments:
            path.moveTo(*curve.segments[0][0])
        for _, c1, c2, p3 in curve.segments:
            path.cubicTo(*c1, *c2, *p3)  # the six-number overload: no QPointF per point
        self._path = path
        boxes = []
        for seg in curve.segments:
            xs, ys = [p[0] for p in seg], [p[1] for p in seg]
            boxes.append(QRectF(min(xs) - 3.0, min(ys) - 3.0, max(xs) - min(xs) + 6.0, max(ys) - min(ys) + 6.0))
        self._boxes, self._run_paths = boxes, {}
        self._points = tuple((p.card_id, QPointF(p.x, p.y), p.value) for p in curve.points)
        # The points run left to right, by and large (two columns of cards in a stage go back and
        # forth): a running maximum of x from the left and a minimum from the right are both sorted,
        # so the stretch in view is found by bisection, not by looking at every point.
        xs = [p.x for p in curve.points]
        self._max_before = list(itertools.accumulate(xs, max))
        self._min_after = list(itertools.accumulate(reversed(xs), min))[::-1]
        bounds = path.boundingRect()
        if curve.points:  # every face's 20 × 20 box, as one rectangle
            xs, ys = [p.x for p in curve.points], [p.y for p in curve.points]
            left, top = min(xs), min(ys)
            bounds = bounds.united(QRectF(left - 10, top - 10, max(xs) - left + 20, max(ys) - top + 20))
        self._bounds = bounds.adjusted(-4.0, -FACE_RADIUS - 4.0, 4.0, FACE_RADIUS + 4.0)
        self.update()

    def set_selected_point(self, card_id: str | None) -> None:
        if card_id != self._selected_card:
            self._selected_card = card_id
            self.update()

    def set_preview(self, card_id: str | None, y: float = 0.0, value: float = 0.0) -> None:
        """Show a point being dragged at y (and its face for value), before anything is emitted."""
        self.prepareGeometryChange()
        self._preview = None if card_id is None else (card_id, y, value)
        if card_id is not None:
            grown = QRectF(self._bounds.x(), y - FACE_RADIUS - 4, self._bounds.width(), 2 * FACE_RADIUS + 8)
            self._bounds = self._bounds.united(grown)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.curve is None:
            return
        colour = self.curve.colour
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        points = list(self._points)
        rects = painted_rects(option, widget)
        if self._preview is not None:
            card_id, y, value = self._preview
            points = [(c, QPointF(at.x(), y), value) if c == card_id else (c, at, v) for c, at, v in points]
            paths = [self._preview_path(points)]
        else:
            # A curve spans the whole map: stroke only the segments in the painted area.
            paths = [self._path] if rects is None else self._paths_touching(rects)
        painter.setBrush(style.no_brush())
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_FACES:
            # Far away, halo and faces would be specks: a polyline through the points. A cosmetic pen
            # one pixel wide is Qt's fast path (a wider one costs a hundred times more): two of them,
            # a pixel apart, make the line as bold as the close-up one.
            line = QPolygonF([at for _, at, _ in points])
            painter.setPen(style.cosmetic_pen(colour, 1.0))
            painter.drawPolyline(line)
            painter.translate(0.0, 1.0 / max(lod, 1e-3))
            painter.drawPolyline(line)
            painter.translate(0.0, -1.0 / max(lod, 1e-3))
            return
        # A soft halo lifts the line off the grid: the colour a translucent one has over the lane's band.
        halo = style.over(colour, style.current().emotion_band, 40)
        for pen in (style.pen(halo, 5.0), style.pen(colour, 2.4)):
            painter.setPen(pen)
            for path in paths:
                painter.drawPath(path)
        lo, hi = (0, len(points)) if rects is None else self._stretch(rects)
        for card_id, at, value in points[lo:hi]:
            if rects is None or touches(QRectF(at.x() - 12.0, at.y() - 12.0, 24.0, 24.0), rects):
                self._paint_face(painter, at, value, colour, card_id == self._selected_card)

    def _stretch(self, rects: list[QRectF]) -> tuple[int, int]:
        """Indices [lo, hi) of the points (and segments lo … hi-2) that may lie within `rects`' x range."""
        if not self._max_before or not rects:
            return 0, 0
        x0 = min(r.left() for r in rects) - FACE_RADIUS - 4.0
        x1 = max(r.right() for r in rects) + FACE_RADIUS + 4.0
        lo = max(0, bisect.bisect_left(self._max_before, x0) - 1)
        hi = min(len(self._max_before), bisect.bisect_right(self._min_after, x1) + 1)
        return lo, max(lo, hi)

    def _paths_touching(self, rects: list[QRectF]) -> list[QPainterPath]:
        """Paths of the runs of segments that touch `rects` (kept: scrolling paints the same runs again)."""
        runs: list[list[int]] = []
        lo, hi = self._stretch(rects)
        for i in range(lo, min(hi, len(self._boxes))):
            box = self._boxes[i]
            if touches(box, rects):
                if runs and runs[-1][1] == i:
                    runs[-1][1] = i + 1
                else:
                    runs.append([i, i + 1])
        if len(runs) == 1 and runs[0] == [0, len(self._boxes)]:
            return [self._path]
        paths = []
        for i, j in runs:
            path = self._run_paths.get((i, j))
            if path is None:
                segments = self.curve.segments[i:j]
                path = QPainterPath(QPointF(*segments[0][0]))
                for _, c1, c2, p3 in segments:
                    path.cubicTo(*c1, *c2, *p3)
                if len(self._run_paths) > 4:  # scrolling paints the same one or two runs again
                    self._run_paths.clear()
                self._run_paths[(i, j)] = path
            paths.append(path)
        return paths

    def _preview_path(self, points) -> QPainterPath:
        # The same smoothing the layout uses, so the preview is the curve the drop will give.
        curve_points = tuple(CurvePoint(c, at.x(), at.y(), v) for c, at, v in points)
        path = QPainterPath()
        for i, (p0, c1, c2, p3) in enumerate(smooth_segments(curve_points, self._area)):
            if i == 0:
                path.moveTo(*p0)
            path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
        return path

    @staticmethod
    def _paint_face(painter: QPainter, at: QPointF, value: float, colour: str, selected: bool) -> None:
        painter.translate(at)
        if selected:
            painter.setPen(style.pen(style.current().selection, 2.5))
            painter.setBrush(style.no_brush())
            painter.drawEllipse(QPointF(0.0, 0.0), FACE_RADIUS + 3.5, FACE_RADIUS + 3.5)
        painter.setPen(style.pen(colour, 2.0))
        painter.setBrush(style.brush(style.current().surface))
        painter.drawEllipse(QPointF(0.0, 0.0), FACE_RADIUS, FACE_RADIUS)
        mouth, eyes = glyphs.face(round(value))
        painter.scale(1.25, 1.25)
        painter.setBrush(style.no_brush())
        painter.setPen(style.pen(colour, 1.3))
        painter.drawPath(mouth)
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(colour))
        painter.drawPath(eyes)
        painter.scale(0.8, 0.8)
        painter.translate(-at)
