"""One persona's emotion curve in one Emotions lane: the layout's Bézier segments and face markers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from model.layout import smooth_segments
from model.layout_types import Curve, CurvePoint, Rect

from .. import glyphs, style

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
        self._bounds = QRectF()
        self._points: tuple[tuple[str, QPointF, float], ...] = ()
        self._selected_card: str | None = None
        self._preview: tuple[str, float, float] | None = None  # (card_id, y, value) while dragged
        self._area = Rect(0.0, 0.0, 0.0, 0.0)

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
        self._points = tuple((p.card_id, QPointF(p.x, p.y), p.value) for p in curve.points)
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
        path = self._path
        if self._preview is not None:
            card_id, y, value = self._preview
            points = [(c, QPointF(at.x(), y), value) if c == card_id else (c, at, v) for c, at, v in points]
            path = self._preview_path(points)
        painter.setBrush(style.no_brush())
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_FACES:
            # Far away, halo and faces would be specks: a polyline through about two points
            # per screen pixel draws the same shape without flattening hundreds of cubics.
            pts = [at for _, at, _ in points]
            step = max(1, int(len(pts) / max(8.0, 2.0 * self._bounds.width() * lod)))
            painter.setPen(style.cosmetic_pen(colour, 2.0))
            painter.drawPolyline(QPolygonF(pts[::step] + ([pts[-1]] if (len(pts) - 1) % step else [])))
            return
        painter.setPen(style.pen(colour, 5.0, alpha=40))  # a soft halo lifts the line off the grid
        painter.drawPath(path)
        painter.setPen(style.pen(colour, 2.4))
        painter.drawPath(path)
        exposed = option.exposedRect.adjusted(-FACE_RADIUS - 4, -FACE_RADIUS - 4, FACE_RADIUS + 4, FACE_RADIUS + 4)
        whole = option.exposedRect.isEmpty()
        for card_id, at, value in points:
            if whole or exposed.contains(at):
                self._paint_face(painter, at, value, colour, card_id == self._selected_card)

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
