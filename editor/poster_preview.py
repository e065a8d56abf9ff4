"""The poster dialog's preview: the sheet as the PDF lays it out, with its text, and a loupe at print size.

Why drawn here rather than the PDF rasterised: Qt's PDF module is not in
PySide6-Essentials and nothing Qt-free draws a PDF, while the layout the PDF is
written from (export.poster_frame.compose and model.layout) already says
where every card, line of text and box goes. So the preview draws that same
layout with the same bundled fonts, in the poster's colours, once per change
of the options (cached as a pixmap: moving the loupe only redraws the loupe).
A whole A1 sheet in a dialog shows card text a few pixels high, so hovering
the sheet shows a loupe with the page at its printed size (1 pt = 1/72 inch
on this screen): that is where legibility is judged.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from canvas.fonts import bold_font, card_font, ensure_fonts
from canvas.items.base import qrect
from export.poster_frame import MUTED, RULE, TITLE_INK
from export.poster_map import CARD_TEXT, GRID, LANE_FILL, LANE_TEXT, ROW_TINT, STAGE_FILL, STAGE_GOAL, STAGE_TEXT
from export.poster_future import future_curves
from model.domain import PALETTE, View

LOUPE = (300, 180)  # the loupe's size in pixels
TILE_INK = "#D53F8C"


class PosterPreview(QWidget):
    """The sheet, the map drawn small in its place with its text, the frame, and the tiles over it all."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        ensure_fonts()
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.layout_value = None
        self.doc = None
        self.composition = None
        self.plan = None
        self.persona_ids: set[str] = set()
        self.title = ""
        self.content = None
        self.view = View.BOTH
        self._cache: QPixmap | None = None
        self._loupe_at: QPointF | None = None

    def show_state(self, layout, doc, composition, plan, persona_ids: set[str], title: str, content=None,
                   view: View = View.BOTH) -> None:
        self.layout_value, self.doc, self.composition, self.plan = layout, doc, composition, plan
        self.persona_ids, self.title, self.content, self.view = persona_ids, title, content, View(view)
        self._cache = None
        self.update()

    # -- geometry ----------------------------------------------------------------------

    def _bounds(self) -> tuple[float, float, float, float]:
        """What must fit in the widget, in PDF points (x0, y0, x1, y1): the sheet and every tile over it."""
        comp = self.composition
        x0, y0, x1, y1 = 0.0, 0.0, comp.page_w, comp.page_h
        if self.plan is not None:
            for t in self.plan.tiles:
                x0, y0, x1, y1 = min(x0, t.x), min(y0, t.y), max(x1, t.x + t.w), max(y1, t.y + t.h)
        return x0, y0, x1, y1

    def sheet_rect(self) -> QRectF:
        """Where the poster sheet is drawn in the widget."""
        comp = self.composition
        if comp is None:
            return QRectF()
        x0, y0, x1, y1 = self._bounds()
        s = min((self.width() - 24) / (x1 - x0), (self.height() - 24) / (y1 - y0))
        left = (self.width() - (x1 - x0) * s) / 2 - x0 * s
        top = (self.height() - (y1 - y0) * s) / 2 + (y1 - comp.page_h) * s
        return QRectF(left, top, comp.page_w * s, comp.page_h * s)

    def map_rect(self) -> QRectF:
        """Where the map is drawn in the widget."""
        comp = self.composition
        if comp is None:
            return QRectF()
        sheet = self.sheet_rect()
        return self._box(comp.map_box, sheet, sheet.width() / comp.page_w)

    def _box(self, box, sheet: QRectF, s: float) -> QRectF:  # PDF y-up box -> widget rect
        comp = self.composition
        return QRectF(sheet.x() + box.x * s, sheet.y() + (comp.page_h - box.y - box.h) * s, box.w * s, box.h * s)

    def print_scale(self) -> float:
        """Widget pixels per PDF point at the printed size on this screen."""
        return self.logicalDpiX() / 72.0

    # -- events ----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._cache = None
        super().resizeEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        inside = self.composition is not None and self.sheet_rect().contains(event.position())
        self._loupe_at = QPointF(event.position()) if inside else None
        self.update()

    def leaveEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        self._loupe_at = None
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._render_sheet()
        painter.drawPixmap(0, 0, self._cache)
        if self._loupe_at is not None and self.composition is not None:
            self._paint_loupe(painter, self._loupe_at)
        painter.end()

    # -- drawing ------------------------------------------------------------------------------

    def _render_sheet(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#D5DAE1"))
        comp = self.composition
        if comp is None:
            return pixmap
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        sheet = self.sheet_rect()
        s = sheet.width() / comp.page_w
        painter.fillRect(sheet.translated(3, 3), QColor(0, 0, 0, 60))
        painter.fillRect(sheet, QColor("#FFFFFF"))
        self._paint_page(painter, sheet, s, None)
        if self.plan is not None:
            self._paint_tiles(painter, sheet, s)
        painter.end()
        return pixmap

    def _paint_page(self, painter: QPainter, sheet: QRectF, s: float, clip: QRectF | None) -> None:
        """The whole page at `s` pixels per point with its top-left at `sheet`; only what meets `clip`."""
        comp = self.composition
        self._paint_title(painter, self._box(comp.title, sheet, s), s)
        if comp.legend is not None:
            self._paint_legend(painter, self._box(comp.legend, sheet, s), s)
        if comp.personas is not None:
            self._paint_personas(painter, self._box(comp.personas, sheet, s), s)
        self._paint_map(painter, self._box(comp.map_box, sheet, s), comp.scale * s, clip)

    @staticmethod
    def _font(size_px: float, bold: bool = False) -> QFont:
        font = QFont(bold_font(12.0) if bold else card_font(12.0))
        font.setPixelSize(max(1, round(size_px)))
        return font

    def _paint_title(self, painter: QPainter, box: QRectF, s: float) -> None:
        sizes = self._sizes()
        painter.setFont(self._font(sizes["title"] * s, True))
        painter.setPen(QColor(TITLE_INK))
        title = painter.fontMetrics().elidedText(self.title.replace("\n", " "), Qt.TextElideMode.ElideRight,
                                                 int(box.width()))
        painter.drawText(QPointF(box.x(), box.y() + sizes["title"] * 0.93 * s), title)
        if self.content is not None and self.content.subtitle:
            painter.setFont(self._font(sizes["subtitle"] * s))
            painter.setPen(QColor(MUTED))
            sub = painter.fontMetrics().elidedText(self.content.subtitle, Qt.TextElideMode.ElideRight, int(box.width()))
            painter.drawText(QPointF(box.x(), box.y() + (sizes["title"] * 1.15 + sizes["subtitle"] * 1.15) * s), sub)
        painter.setPen(QPen(QColor(RULE), max(1.0, 1.2 * self.composition.k * s)))
        painter.drawLine(box.bottomLeft(), box.bottomRight())

    def _sizes(self) -> dict[str, float]:
        from export.poster_frame import frame_sizes

        return frame_sizes(self.composition.k)

    def _paint_legend(self, painter: QPainter, box: QRectF, s: float) -> None:
        sizes = self._sizes()
        painter.setPen(QColor(TITLE_INK))
        painter.setFont(self._font(sizes["legend_head"] * 1.1 * s, True))
        painter.drawText(QPointF(box.x(), box.y() + sizes["legend_head"] * s), "Legend")
        for i, (heading, items) in enumerate(self.composition.legend_rows):
            mid = box.y() + (sizes["legend_head"] * 1.6 + (i + 0.5) * sizes["row"]) * s
            painter.setPen(QColor(MUTED))
            if heading:
                painter.setFont(self._font(sizes["legend_head"] * s, True))
                painter.drawText(QPointF(box.x(), mid + sizes["legend_head"] * 0.35 * s), heading)
            painter.setFont(self._font(sizes["legend"] * s))
            icon = sizes["icon"] * s
            for (_mark, _value, label), x in items:
                painter.setBrush(QColor("#CBD5E0"))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(box.x() + x * s + icon / 2, mid), icon / 2, icon / 2)
                painter.setPen(QColor(MUTED))
                painter.drawText(QPointF(box.x() + x * s + icon * 1.4, mid + sizes["legend"] * 0.35 * s), label)

    def _paint_personas(self, painter: QPainter, box: QRectF, s: float) -> None:
        sizes = self._sizes()
        photo = sizes["photo"] * s
        for cell in self.composition.persona_cells:
            persona = cell.persona
            px = box.x() + cell.x * s
            top = box.y() + cell.row * (self.composition.persona_cell_h + sizes["gap"]) * s
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(persona.colour))
            painter.drawEllipse(QRectF(px, top, photo, photo))
            tx = px + photo + sizes["gap"] * 0.8 * s
            width = int(cell.text_w * s)
            painter.setPen(QColor(persona.colour))
            painter.setFont(self._font(sizes["name"] * s, True))
            y = top + sizes["name"] * 0.95 * s
            painter.drawText(QPointF(tx, y), painter.fontMetrics().elidedText(
                persona.name.replace("\n", " "), Qt.TextElideMode.ElideRight, width))
            painter.setFont(self._font(sizes["role"] * s))
            y += sizes["name"] * 0.25 * s
            painter.setPen(QColor(MUTED))
            for line in cell.role:
                y += sizes["role"] * 1.3 * s
                painter.drawText(QPointF(tx, y), line)
            painter.setPen(QColor(TITLE_INK))
            y += sizes["role"] * 0.4 * s if cell.role else 0.0
            for line in cell.quote:
                y += sizes["role"] * 1.25 * s
                painter.drawText(QPointF(tx, y), line)

    def _paint_map(self, painter: QPainter, area: QRectF, scale: float, clip: QRectF | None = None) -> None:
        """The map in the poster's colours, with every text block the PDF writes, in layout units."""
        lay, doc = self.layout_value, self.doc
        if lay is None:
            return
        painter.save()
        painter.translate(area.topLeft())
        painter.scale(scale, scale)
        # What is visible, in layout units: everything outside is skipped (the loupe shows a small part).
        seen = QRectF(0.0, 0.0, lay.width, lay.height)
        if clip is not None:
            seen = painter.transform().inverted()[0].mapRect(clip)

        def meets(r) -> bool:
            return r.x < seen.right() and seen.left() < r.x + r.w and r.y < seen.bottom() and seen.top() < r.y + r.h

        def block(b, bold: bool | None = None) -> None:
            if not b.lines:
                return
            painter.setFont(bold_font(b.size) if (b.bold if bold is None else bold) else card_font(b.size))
            for line, baseline in zip(b.lines, b.baselines):
                painter.drawText(QPointF(b.x, baseline), line)

        for i, lane in enumerate(lay.lanes):
            if i % 2 == 1 and meets(lane.row):
                painter.fillRect(QRectF(lay.corner.w, lane.row.y, lay.width - lay.corner.w, lane.row.h), QColor(ROW_TINT))
        painter.setPen(QPen(QColor(GRID), 0.6))
        for lane in lay.lanes:
            painter.drawLine(QPointF(0.0, lane.row.bottom), QPointF(lay.width, lane.row.bottom))
        for stage in lay.stages:
            painter.drawLine(QPointF(stage.column.right, lay.corner.bottom), QPointF(stage.column.right, lay.height))
        for stage in lay.stages:
            if not meets(stage.header):
                continue
            painter.fillRect(qrect(stage.header), QColor(STAGE_FILL))
            painter.setPen(QColor(STAGE_TEXT))
            block(stage.name, True)
            painter.setPen(QColor(STAGE_GOAL))
            block(stage.goal)
        painter.fillRect(qrect(lay.corner), QColor(STAGE_FILL))
        for lane in lay.lanes:
            if not meets(lane.header):
                continue
            painter.fillRect(qrect(lane.header), QColor(LANE_FILL))
            painter.setPen(QColor(LANE_TEXT))
            block(lane.name, True)
        boxes = [box for box in lay.cards.values() if not box.hidden and meets(box.rect)]
        for box in boxes:
            fill, border = PALETTE.get(doc.card(box.card_id).colour, PALETTE["yellow"])
            painter.setBrush(QBrush(QColor(fill)))
            painter.setPen(QPen(QColor(border), 0.8))
            painter.drawRoundedRect(qrect(box.rect), 4.0, 4.0)
        painter.setPen(QColor(CARD_TEXT))
        for box in boxes:
            block(box.text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # The as-is curves solid, the to-be curves dashed in the same colour, as the poster draws them.
        for curves, style in ((lay.curves, Qt.PenStyle.SolidLine), (future_curves(lay, self.view), Qt.PenStyle.DashLine)):
            for curve in curves:
                if curve.persona_id not in self.persona_ids or not curve.segments:
                    continue
                path = QPainterPath()
                path.moveTo(*curve.segments[0][0])
                for _, c1, c2, p3 in curve.segments:
                    path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p3))
                painter.setPen(QPen(QColor(curve.colour), 2.0, style))
                painter.drawPath(path)
        painter.restore()

    def _paint_loupe(self, painter: QPainter, at: QPointF) -> None:
        """The page under the pointer at its printed size, in a box beside the pointer."""
        comp = self.composition
        sheet = self.sheet_rect()
        s = sheet.width() / comp.page_w
        w, h = LOUPE
        x = at.x() + 16 if at.x() + 16 + w <= self.width() else at.x() - 16 - w
        y = min(max(0.0, at.y() - h / 2), max(0.0, self.height() - h))
        frame = QRectF(x, y, w, h)
        big = self.print_scale()
        # The point under the pointer sits in the loupe's middle.
        page_x, page_y = (at.x() - sheet.x()) / s, (at.y() - sheet.y()) / s
        origin = QPointF(frame.center().x() - page_x * big, frame.center().y() - page_y * big)
        page = QRectF(origin.x(), origin.y(), comp.page_w * big, comp.page_h * big)
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.setClipRect(frame)
        painter.fillRect(frame, QColor("#D5DAE1"))
        painter.fillRect(page, QColor("#FFFFFF"))
        self._paint_page(painter, page, big, frame)
        painter.setClipping(False)
        painter.setPen(QPen(QColor("#2D3748"), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        label = "Actual size"
        painter.setFont(self._font(11, True))
        width = painter.fontMetrics().horizontalAdvance(label) + 10
        painter.fillRect(QRectF(frame.right() - width, frame.bottom() - 18, width, 18), QColor("#2D3748"))
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(QPointF(frame.right() - width + 5, frame.bottom() - 5), label)
        painter.restore()

    def _paint_tiles(self, painter: QPainter, sheet: QRectF, s: float) -> None:
        comp, plan = self.composition, self.plan
        pen = QPen(QColor(TILE_INK), 1.2, Qt.PenStyle.DashLine)
        font = QFont(self.font())
        font.setBold(True)
        if plan.tiles:
            font.setPixelSize(max(8, min(16, int(plan.tiles[0].w * s * 0.12))))
        painter.setFont(font)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for tile in plan.tiles:
            rect = QRectF(sheet.x() + tile.x * s, sheet.y() + (comp.page_h - tile.y - tile.h) * s, tile.w * s, tile.h * s)
            painter.setPen(pen)
            painter.drawRect(rect)
            painter.setPen(QColor(TILE_INK))
            painter.drawText(rect.adjusted(4, 2, -2, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             tile.label)
