"""A lane's header: name, kind icon, collapse chevron, and for Emotions lanes the scale's labels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from model.layout_types import EmotionScale, LaneBox, Rect

from .. import glyphs, style
from ..fonts import card_font
from .base import TEXT_LOD, HeaderItem
from .text import draw_lines, local_lines

SCALE_SIZE = 9.0
CHEVRON = 14.0


def chevron_rect(box: LaneBox) -> Rect:
    """Where the collapse chevron sits, in layout coordinates (the scene's hit-test uses this too)."""
    h = box.header
    if box.draws_curves and not box.collapsed:
        return Rect(h.x + 8.0, h.bottom - CHEVRON - 8.0, CHEVRON, CHEVRON)
    top = h.y + (h.h - CHEVRON) / 2 if box.collapsed else h.y + 9.0
    return Rect(h.right - CHEVRON - 8.0, top, CHEVRON, CHEVRON)


class LaneHeaderItem(HeaderItem):
    """Pinned to the left of the view by the scene (its x follows the scroll); its name slides down."""

    def __init__(self, lane_id: str) -> None:
        super().__init__()
        self.lane_id = lane_id
        self.box: LaneBox | None = None
        self.scale: EmotionScale | None = None
        self._name = ()
        self._chevron = QRectF()
        self._ticks: tuple[tuple[QRectF, str, float], ...] = ()
        self._controls = True

    def set_controls_shown(self, shown: bool) -> None:
        """Show the collapse chevron and the lane-kind grip (the editor) or not (exported images)."""
        if shown != self._controls:
            self._controls = shown
            self.update()

    def set_values(self, box: LaneBox, scale: EmotionScale | None) -> None:
        if box == self.box and scale == self.scale:
            return
        self.prepareGeometryChange()
        self.box, self.scale = box, scale
        h = box.header
        self.setY(h.y)
        self._rect = QRectF(0.0, 0.0, h.w, h.h)
        self._name = local_lines(box.name, h.x, h.y)
        c = chevron_rect(box)
        self._chevron = QRectF(c.x - h.x, c.y - h.y, c.w, c.h)
        ticks = []
        if scale is not None and scale.labels is not None and not box.collapsed:
            lab = scale.labels
            for value, y, label in scale.ticks:
                ticks.append((QRectF(lab.x - h.x, y - h.y - 8.0, lab.w, 16.0), label, value))
        self._ticks = tuple(ticks)
        name = box.name
        bottom = (name.baselines[-1] + name.size * 0.3) if name.baselines else h.y
        self._room = 0.0 if box.collapsed else max(0.0, h.bottom - 10.0 - bottom - 24.0)
        self._keep_slide_in_room()
        self.update()

    def set_visible_top(self, y: float) -> None:
        """Slide the name down so it stays readable when the lane's top is scrolled under the stage headers."""
        if self.box is not None:
            self._slide_by(y - self.box.header.y)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.box is None:
            return
        r = self._rect
        painter.fillRect(r, style.brush(style.current().lane_header))
        painter.setPen(style.pen(style.current().header_border))
        painter.drawLine(QPointF(r.width() - 0.5, 0.0), QPointF(r.width() - 0.5, r.height()))
        painter.setPen(style.pen(style.current().grid))
        painter.drawLine(QPointF(0.0, r.height() - 0.5), QPointF(r.width(), r.height() - 0.5))
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_LOD:
            self._paint_outline(painter)
            return  # far away the words are specks
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.pen(style.current().heading_ink))
        painter.translate(0.0, self._slide)
        draw_lines(painter, self.box.name, self._name)
        painter.translate(0.0, -self._slide)
        if self._controls:
            self._paint_controls(painter, r)
        if self._ticks:
            painter.setFont(card_font(SCALE_SIZE))
            painter.setPen(style.pen(style.current().ink_soft))
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            for rect, label, value in self._ticks:
                painter.drawText(rect.adjusted(0.0, 0.0, -14.0, 0.0), flags, label)
                # The value's face beside its label, so the scale reads without colour.
                painter.translate(rect.right() - 5.0, rect.center().y())
                painter.setPen(style.pen(style.current().ink_faint, 1.0))
                painter.setBrush(style.no_brush())
                painter.drawEllipse(QPointF(0.0, 0.0), 5.0, 5.0)
                mouth, eyes = glyphs.face(int(value))
                painter.drawPath(mouth)
                painter.setPen(style.no_pen())
                painter.setBrush(style.brush(style.current().ink_faint))
                painter.drawPath(eyes)
                painter.translate(-rect.right() + 5.0, -rect.center().y())
                painter.setPen(style.pen(style.current().ink_soft))
        self._paint_outline(painter)

    def _paint_controls(self, painter: QPainter, r: QRectF) -> None:
        # The chevron, and the kind icon beside or below it.
        painter.setBrush(style.no_brush())
        painter.setPen(style.pen(style.current().ink_soft, 1.6))
        painter.translate(self._chevron.x() + 1.0, self._chevron.y() + 1.0)
        painter.drawPath(glyphs.chevron(self.box.collapsed))
        painter.translate(-self._chevron.x() - 1.0, -self._chevron.y() - 1.0)
        if not self.box.collapsed:
            if self.box.draws_curves:
                at = QPointF(self._chevron.right() + 8.0, self._chevron.y() + 1.0)
            else:
                at = QPointF(10.0, r.height() - 22.0)
            painter.setPen(style.pen(style.current().ink_faint, 1.2))
            painter.translate(at)
            painter.drawPath(glyphs.lane_kind_icon(self.box.kind))
            painter.translate(-at)
