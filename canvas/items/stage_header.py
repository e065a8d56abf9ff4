"""A stage's header: name, goal and KPI badges, with an accent stripe."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from model.fonts import bold_metrics, regular_metrics
from model.layout_types import StageBox

from .. import style
from ..fonts import card_font
from .base import TEXT_LOD, HeaderItem
from .text import draw_lines, local_lines

KPI_SIZE = 9.0
STRIPE = 3.0


class StageHeaderItem(HeaderItem):
    """Pinned to the top of the view by the scene (its y follows the scroll); its text slides right."""

    def __init__(self, stage_id: str) -> None:
        super().__init__()
        self.stage_id = stage_id
        self.box: StageBox | None = None
        self._name = ()
        self._goal = ()
        self._kpis: tuple[tuple[QRectF, QPointF, str], ...] = ()

    def set_box(self, box: StageBox) -> None:
        if box == self.box:
            return
        self.prepareGeometryChange()
        self.box = box
        h = box.header
        self.setX(h.x)
        self._rect = QRectF(0.0, 0.0, h.w, h.h)
        self._name = local_lines(box.name, h.x, h.y)
        self._goal = local_lines(box.goal, h.x, h.y)
        kpis = []
        for r, text in box.kpis:
            rect = QRectF(r.x - h.x, r.y - h.y, r.w, r.h)
            kpis.append((rect, QPointF(rect.x() + 5.0, rect.y() + rect.height() / 2 + 3.2), text))
        self._kpis = tuple(kpis)
        widest = max(
            [regular_metrics().text_width(t, box.goal.size) for t in box.goal.lines]
            + [bold_metrics().text_width(t, box.name.size) for t in box.name.lines]
            + [r.right - h.x - box.name.x + h.x for r, _ in box.kpis]
            + [0.0]
        )
        self._room = max(0.0, h.w - 2 * (box.name.x - h.x) - widest)
        self._keep_slide_in_room()
        self.update()

    def set_visible_left(self, x: float) -> None:
        """Slide the name, goal and badges right so they stay readable when the stage's left part
        is scrolled under the lane headers."""
        if self.box is not None:
            self._slide_by(x - self.box.header.x)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.box is None:
            return
        r = self._rect
        painter.fillRect(r, style.brush(style.current().header))
        painter.fillRect(QRectF(0.0, 0.0, r.width(), STRIPE), style.brush(style.current().selection if self._selected else style.current().accent))
        painter.setPen(style.pen(style.current().header_border))
        painter.drawLine(QPointF(0.0, r.height() - 0.5), QPointF(r.width(), r.height() - 0.5))
        painter.setPen(style.pen(style.current().grid))
        painter.drawLine(QPointF(r.width() - 0.5, STRIPE), QPointF(r.width() - 0.5, r.height()))
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_LOD:
            self._paint_outline(painter)
            return  # far away the words are specks: the header's colours say enough
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(self._slide, 0.0)
        painter.setPen(style.pen(style.current().ink))
        draw_lines(painter, self.box.name, self._name)
        painter.setPen(style.pen(style.current().ink_soft))
        draw_lines(painter, self.box.goal, self._goal)
        if self._kpis:
            painter.setFont(card_font(KPI_SIZE))
            for rect, at, text in self._kpis:
                painter.setPen(style.pen(style.current().badge_border))
                painter.setBrush(style.brush(style.current().badge))
                painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
                painter.setPen(style.pen(style.current().badge_ink))
                painter.drawText(at, text)
        painter.translate(-self._slide, 0.0)
        self._paint_outline(painter)
