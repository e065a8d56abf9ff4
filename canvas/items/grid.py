"""Behind everything: cell backgrounds, the grid, the Emotions lanes' bands and tick lines,
and at low zoom every card as a plain block (one item instead of thousands of paint calls)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from model.layout_types import Layout

from .. import style
from ..fonts import bold_font
from .base import painted_rects
from .card import LOD_TEXT as FAR  # the zoom below which cards are blocks
CORNER_TITLE_SIZE = 12.0  # the map's title in the corner (SceneSync wraps it at this size)
DASH_PERIOD = 6.5  # one dash and one gap of the ticks' pen (canvas/style.py dash_pen at width 1)


class GridItem(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.layout: Layout | None = None
        self._rect = QRectF()
        self._rows: tuple[tuple[QRectF, str], ...] = ()
        self._h_lines: tuple[float, ...] = ()
        self._v_lines: tuple[float, ...] = ()
        self._ticks: tuple[tuple[float, bool], ...] = ()  # (y, is the zero line)
        self._left = 0.0

    def set_layout(self, layout: Layout) -> None:
        """Take a new layout; repaints (the whole map behind everything) only when rows, lines or ticks changed."""
        self.layout = layout
        left = layout.corner.w
        rect = QRectF(0.0, 0.0, layout.width, layout.height)
        rows = []
        for i, lane in enumerate(layout.lanes):
            r = lane.row
            fill = "emotion_band" if lane.draws_curves else ("cell" if i % 2 == 0 else "cell_alt")  # palette roles
            rows.append((QRectF(left, r.y, r.w - left, r.h), fill))
        h_lines = tuple(lane.row.bottom for lane in layout.lanes)
        v_lines = tuple(stage.column.right for stage in layout.stages)
        ticks = []
        collapsed = {lane.lane_id for lane in layout.lanes if lane.collapsed}
        for scale in layout.scales:
            if scale.lane_id in collapsed:
                continue
            ticks += [(y, value == 0.0) for value, y, _ in scale.ticks]
        drawn = (left, rect, tuple(rows), h_lines, v_lines, tuple(ticks))
        if drawn == (self._left, self._rect, self._rows, self._h_lines, self._v_lines, self._ticks):
            return
        self.prepareGeometryChange()
        self._left, self._rect, self._rows, self._h_lines, self._v_lines, self._ticks = drawn
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.layout is None:
            return
        palette = style.current()
        # Far away a dash would be a fraction of a pixel: thousands of them along the map cost
        # milliseconds and look like a solid faint line, which is what is drawn there instead.
        far = option.levelOfDetailFromTransform(painter.worldTransform()) < FAR
        tick_pen = style.cosmetic_pen(palette.emotion_tick, 1.0) if far else style.dash_pen(palette.emotion_tick, 1.0)
        grid_pen = style.pen(palette.grid)
        # Only the rectangles being painted (while scrolling, a strip): the bounding rectangle Qt
        # hands over is the whole view.
        for exposed in painted_rects(option, widget) or [self._rect]:
            exposed = exposed.intersected(self._rect)
            if exposed.isEmpty():
                continue
            top, bottom = exposed.top(), exposed.bottom()
            for rect, fill in self._rows:
                if rect.bottom() >= top and rect.top() <= bottom:
                    painter.fillRect(rect.intersected(exposed), style.brush(getattr(palette, fill)))
            # Dashes start on the pattern's own beat, so strips drawn apart join without a seam.
            left = max(self._left, exposed.left())
            left = self._left + (left - self._left) // DASH_PERIOD * DASH_PERIOD
            right = min(self._rect.right(), exposed.right())
            painter.setPen(tick_pen)
            for y, zero in self._ticks:
                if top <= y <= bottom:
                    if zero:
                        painter.setPen(style.pen(palette.emotion_zero, 1.0))
                    painter.drawLine(QPointF(left, y), QPointF(right, y))
                    if zero:
                        painter.setPen(tick_pen)
            painter.setPen(grid_pen)
            for y in self._h_lines:
                if top <= y <= bottom:
                    painter.drawLine(QPointF(left, y - 0.5), QPointF(right, y - 0.5))
            for x in self._v_lines:
                if exposed.left() <= x <= exposed.right():
                    painter.drawLine(QPointF(x - 0.5, max(top, 0.0)), QPointF(x - 0.5, min(bottom, self._rect.bottom())))


class BlocksItem(QGraphicsItem):
    """The far zoom level in one item: every visible card as a flat block (one drawRects call per
    palette colour) and every connection as a hairline (one path per tone), instead of thousands
    of items each painting itself."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._by_colour: dict[tuple[str, bool], list[QRectF]] = {}
        self._links: dict[str, QPainterPath] = {}  # palette role → every connection route in that tone
        self._selected_links = QPainterPath()
        # Repaints at one zoom (a window uncovered, the overview dragged) blit the picture; Qt caches
        # only the part in view for an item larger than the view.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_blocks(self, width: float, height: float, blocks: dict[tuple[str, bool], list[QRectF]],
                   links: dict[str, QPainterPath] | None = None) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(0.0, 0.0, width, height)
        self._by_colour = blocks
        self._links = links or {}
        self.update()

    def set_selected_links(self, path: QPainterPath) -> None:
        """The selected connections' routes, drawn in the selection's colour."""
        self._selected_links = path
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        # Axis-aligned blocks need no antialiasing (it would only blur their edges and cost more).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(style.no_pen())
        for (name, dimmed), rects in self._by_colour.items():
            # Filtered-out cards fade like their full-detail items do.
            painter.setBrush(style.brush(style.card_fill(name), 56 if dimmed else 255))
            painter.drawRects(rects)
        # Hairlines, not antialiased: a cosmetic pen one pixel wide is Qt's fastest way to draw a path.
        painter.setBrush(style.no_brush())
        palette = style.current()
        for role, path in self._links.items():
            painter.setPen(style.cosmetic_pen(getattr(palette, role), 1.0))
            painter.drawPath(path)
        if not self._selected_links.isEmpty():
            painter.setPen(style.cosmetic_pen(palette.selection, 2.0))
            painter.drawPath(self._selected_links)


class CornerItem(QGraphicsItem):
    """The top-left corner above the lane headers: the map's title; pinned both ways."""

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._title = ""

    def set_values(self, w: float, h: float, title_lines: tuple[str, ...]) -> None:
        if self._rect == QRectF(0.0, 0.0, w, h) and self._title == title_lines:
            return
        self.prepareGeometryChange()
        self._rect = QRectF(0.0, 0.0, w, h)
        self._title = title_lines
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._rect
        painter.fillRect(r, style.brush(style.current().corner))
        painter.setPen(style.pen(style.current().header_border))
        painter.drawLine(QPointF(0.0, r.height() - 0.5), QPointF(r.width(), r.height() - 0.5))
        painter.drawLine(QPointF(r.width() - 0.5, 0.0), QPointF(r.width() - 0.5, r.height()))
        painter.fillRect(QRectF(0.0, 0.0, r.width(), 3.0), style.brush(style.current().accent))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(bold_font(CORNER_TITLE_SIZE))
        painter.setPen(style.pen(style.current().heading_ink))
        for i, line in enumerate(self._title):
            painter.drawText(QPointF(10.0, 24.0 + i * 15.0), line)
