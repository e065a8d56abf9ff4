"""A connection: an arrow along the layout's route around the cards, its label in a pill; loops back
dashed, in another tone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from model.fonts import fit_with_ellipsis, regular_metrics
from model.layout import label_spot
from model.layout_routes import lerp
from model.layout_types import ConnectionPath

from .. import glyphs, style
from ..fonts import card_font
from .base import painted_rects, touches

LABEL_SIZE = 9.0
LABEL_HEIGHT = 17.0
MAX_LABEL = 200.0  # longer labels end with an ellipsis, as on the poster
LOD_DETAIL = 0.4
CUT_MARGIN = 8.0  # a cut line ends this far outside the painted area, so its cap never shows
SHAPE_WIDTH = 10.0  # how far from the line a click still hits it


def _straight(p0, c1, c2, p3) -> bool:
    """A straight run: the layout writes it as a cubic with its control points a third and two thirds along."""
    return c1 == lerp(p0, p3, 1 / 3) and c2 == lerp(p0, p3, 2 / 3)


def _cut(a, b, rect: QRectF) -> tuple[float, float] | None:
    """The part [t0, t1] of the segment a→b inside `rect` (Liang–Barsky), or None when none is."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - rect.left()), (dx, rect.right() - a[0]), (-dy, a[1] - rect.top()),
                 (dy, rect.bottom() - a[1])):
        if p == 0.0:
            if q < 0.0:
                return None
            continue
        t = q / p
        if p < 0.0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def _path_of(pieces) -> QPainterPath:
    """Cubic pieces (p0, c1, c2, p3) end to end as one path; a straight run as a line, which Qt
    strokes at a fraction of a cubic's cost."""
    if not pieces:
        return QPainterPath()
    path = QPainterPath(QPointF(*pieces[0][0]))
    for p0, c1, c2, p3 in pieces:
        if _straight(p0, c1, c2, p3):
            path.lineTo(*p3)
        else:
            path.cubicTo(*c1, *c2, *p3)
    return path


class ConnectionLabelItem(QGraphicsItem):
    """A connection's label pill: a separate item so it sits above the cards and every connection.

    Its position is the label's centre; upright labels are the same pill turned a quarter."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._text = ""
        self._tone = "connection"  # a palette role, looked up when painting
        self._key = None
        self._shown = True  # False at far zoom, where the blocks item draws the routes

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
        self.setVisible(bool(text) and self._shown)
        self.update()

    def set_shown(self, shown: bool) -> None:
        self._shown = shown
        self.setVisible(bool(self._text) and shown)

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
        self._shape: QPainterPath | None = QPainterPath()
        self._label_rect: QRectF | None = QRectF()
        self._bounds = QRectF()
        self._selected = False

    def set_path(self, value: ConnectionPath, layout) -> None:
        """The connection's path, and the layout (its label avoids covering cards).

        The route is rebuilt only when it changed; the label's spot is checked
        on every layout, since cards may have moved under it."""
        if value != self.path_value:
            self.path_value = value
            self._path = _path_of(value.segments)
            if value.segments:
                _, _, c2, p3 = value.segments[-1]
                self._head = glyphs.arrow_head(p3, c2 if c2 != p3 else value.segments[-1][0], 9.0)
            else:
                self._head = QPainterPath()
            self._boxes = None  # measured on the first partial paint
            self._label_rect = None  # forces the bounds below to be measured again
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
        self._shape = None  # stroked when first asked for (a click): thousands of outlines cost megabytes
        bounds = self._path.boundingRect().adjusted(-SHAPE_WIDTH / 2, -SHAPE_WIDTH / 2, SHAPE_WIDTH / 2, SHAPE_WIDTH / 2)
        if not label_rect.isEmpty():
            bounds = bounds.united(label_rect)
        self._bounds = bounds.united(self._head.boundingRect()).adjusted(-3, -3, 3, 3)
        self.update()

    def _measure(self) -> None:
        """Each piece's box (a cubic stays inside its control points, grown by the casing's half width)
        and where along the route it starts."""
        boxes, lengths, along = [], [], 0.0
        for piece in self.path_value.segments:
            xs, ys = [p[0] for p in piece], [p[1] for p in piece]
            boxes.append(QRectF(min(xs) - 4.0, min(ys) - 4.0, max(xs) - min(xs) + 8.0, max(ys) - min(ys) + 8.0))
            lengths.append(along)
            along += math.dist(piece[0], piece[3])
        self._boxes, self._lengths = boxes, lengths

    def _strokes(self, rects: list[QRectF]) -> list[tuple[float, QPainterPath]]:
        """The stretches of the route inside `rects`, each with the distance along the route where it
        starts: whole pieces that touch a rectangle, and straight runs cut at its edges (Qt's stroke
        costs the length stroked, however little of it the clip lets through)."""
        if self._boxes is None:
            self._measure()
        segments, out = self.path_value.segments, []
        for rect in rects:
            area = rect.adjusted(-CUT_MARGIN, -CUT_MARGIN, CUT_MARGIN, CUT_MARGIN)
            path = None
            for k, box in enumerate(self._boxes):
                if not box.intersects(area):
                    path = None
                    continue
                p0, c1, c2, p3 = segments[k]
                if _straight(p0, c1, c2, p3):
                    cut = _cut(p0, p3, area)
                    if cut is None:
                        path = None
                        continue
                    t0, t1 = cut
                    if path is None or t0 > 0.0:
                        path = QPainterPath(QPointF(*lerp(p0, p3, t0)))
                        out.append((self._lengths[k] + t0 * math.dist(p0, p3), path))
                    path.lineTo(*lerp(p0, p3, t1))
                    if t1 < 1.0:
                        path = None
                else:
                    if path is None:
                        path = QPainterPath(QPointF(*p0))
                        out.append((self._lengths[k], path))
                    path.cubicTo(*c1, *c2, *p3)
        return out

    def _stroke(self, painter: QPainter, pen: QPen, strokes: list[tuple[float, QPainterPath]]) -> None:
        dashed = pen.style() != Qt.PenStyle.SolidLine
        painter.setPen(pen)
        for along, path in strokes:
            if dashed:
                # Keep the dashes where they would be on the whole line, so they do not crawl while scrolling.
                dashes = QPen(pen)
                dashes.setDashOffset(along / max(pen.widthF(), 0.1))
                painter.setPen(dashes)
            painter.drawPath(path)

    def set_shown(self, shown: bool) -> None:
        """Drawn with its label (full detail), or hidden with it (far zoom)."""
        if shown != self.isVisible():
            self.setVisible(shown)
        self.label_item.set_shown(shown)

    def set_selected_look(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """What a click hits: the route, SHAPE_WIDTH wide, and the label."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(SHAPE_WIDTH)
            shape = stroker.createStroke(self._path)
            if self._label_rect is not None and not self._label_rect.isEmpty():
                shape.addRect(self._label_rect)
            self._shape = shape
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        value = self.path_value
        if value is None or not value.segments:
            return
        # Stroking costs the length of what is stroked, even where it is clipped away: stroke only
        # the pieces that touch what is being painted (while scrolling, two thin strips).
        rects = painted_rects(option, widget)
        strokes = [(0.0, self._path)] if rects is None else self._strokes(rects)
        head_shown = rects is None or touches(self._head.boundingRect(), rects)
        if not strokes and not head_shown:
            return
        palette = style.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        tone = palette.loop_back if value.loops_back else palette.connection
        painter.setBrush(style.no_brush())
        if self._selected:
            self._stroke(painter, style.pen(palette.selection, 6.0, alpha=70), strokes)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_DETAIL:
            # Far away: the line alone (no casing, no head) keeps a whole-map frame cheap.
            self._stroke(painter, style.cosmetic_pen(tone, 1.0), strokes)
            return
        # The casing is opaque: a translucent one costs three times as much to rasterise.
        self._stroke(painter, style.pen(palette.casing, 5.0), strokes)
        self._stroke(painter, style.dash_pen(tone, 1.8) if value.loops_back else style.pen(tone, 1.8), strokes)
        if head_shown:
            painter.setPen(style.no_pen())
            painter.setBrush(style.brush(tone))
            painter.drawPath(self._head)
