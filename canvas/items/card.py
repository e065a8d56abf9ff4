"""A card: palette fill, kind and channel icons, evidence marker, wrapped text, votes, owner and due date."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from model.card_footer import right_text
from model.domain import Card, Evidence
from model.fonts import regular_metrics
from model.layout_types import CardBox

from .. import glyphs, style
from ..fonts import card_font
from .base import MarkableItem, view_painting

LOD_TEXT = 0.4  # below this zoom a card is a plain coloured block
RADIUS = 6.0
FOOTER_SIZE = 9.0
HANDLE_RADIUS = 5.0
MAX_DOTS = 6
HEADER_BOTTOM = 24.0  # the kind and channel icons and the evidence mark lie above this (item coordinates)
FOOTER_TOP = 18.0  # the votes, owner and due date lie this far above the card's bottom


def _moved_only(old: CardBox, new: CardBox) -> bool:
    """Whether `new` draws as `old`, perhaps at another place: same size, lines, footer and visibility."""
    a, b = old.rect, new.rect
    return (
        a.w == b.w
        and a.h == b.h
        and old.hidden == new.hidden
        and (old.footer is None) == (new.footer is None)
        and old.text.lines == new.text.lines
        and old.text.size == new.text.size
    )


class CardItem(MarkableItem):
    """Draws one card from its CardBox, its Card value and the votes it shows; never reads the Document."""

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.box: CardBox | None = None
        self.card: Card | None = None
        self.votes = 0  # the count its footer shows (Layout.votes)
        self._rect = QRectF()
        self._bounds = QRectF()
        self._lines: tuple[tuple[QPointF, str], ...] = ()
        self._footer_text = ""  # owner and an action's due date, fitted (model/card_footer.py)
        self._footer_text_at = QPointF()

    # -- setters: each one repaints only when its value changed ----------------

    def set_values(self, box: CardBox, card: Card, votes: int = 0) -> bool:
        """Take new values; True when the card is drawn anew (the caller then decides visibility),
        False when nothing changed or it only moved."""
        old = self.box
        if old is not None and (card is self.card or card == self.card) and votes == self.votes:
            if box is old:
                return False
            if _moved_only(old, box):
                self.move_to(box)
                return False
        self.prepareGeometryChange()
        self.box, self.card, self.votes = box, card, votes
        r = box.rect
        self.setPos(r.x, r.y)
        self._rect = QRectF(0.0, 0.0, r.w, r.h)
        self._bounds = QRectF(-4.0, -4.0, r.w + 8.0 + HANDLE_RADIUS, r.h + 9.0)
        t = box.text
        self._lines = tuple(QPointF(t.x - r.x, b - r.y) for b in t.baselines)
        self._lines = tuple(zip(self._lines, t.lines))
        self._fit_footer_text()
        self.update()
        return True

    def set_votes(self, votes: int) -> None:
        """A new count for the footer (the card's footer is already there: the layout decides that)."""
        if votes != self.votes:
            self.votes = votes
            self._fit_footer_text()
            self.update()

    def _fit_footer_text(self) -> None:
        box, card = self.box, self.card
        self._footer_text = ""
        if box is not None and box.footer is not None:
            r = box.rect
            room = r.w / 2 if self.votes else r.w - 14
            self._footer_text = right_text(card, room, regular_metrics(), FOOTER_SIZE)
            width = regular_metrics().text_width(self._footer_text, FOOTER_SIZE)
            self._footer_text_at = QPointF(r.w - 7 - width, r.h - 5)

    def move_to(self, box: CardBox) -> None:
        """Take a CardBox that draws as the current one, perhaps elsewhere (rows above grew or
        shrank): the drawing in item coordinates stays (baselines relative to the card differ
        by rounding at most), only the position follows."""
        old, self.box = self.box, box
        r = box.rect
        if r.x != old.rect.x or r.y != old.rect.y:
            self.setPos(r.x, r.y)

    def reset_position(self) -> None:
        """Back where the layout put it (after a drag preview)."""
        if self.box is not None:
            self.setPos(self.box.rect.x, self.box.rect.y)

    def handle_center(self) -> QPointF:
        """The connection handle, in scene coordinates: the middle of the right edge."""
        return self.mapToScene(QPointF(self._rect.right(), self._rect.center().y()))

    # -- painting -------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        card = self.card
        if card is None:
            return
        rects = view_painting(widget)
        top, bottom = -1e9, 1e9  # the band of the card (item coordinates) being repainted
        if rects is not None:
            # The view's rectangles leave out the pinned headers' bands (which repaint in every frame
            # while scrolling): a card under them is hidden, so not drawn. A card half scrolled in
            # repaints only that half: its other lines are not drawn.
            bounds = self.sceneBoundingRect()
            parts = [r.intersected(bounds) for r in rects if r.intersects(bounds)]
            if not parts:
                return
            y = self.y()  # the item's origin in the scene
            top, bottom = min(p.top() for p in parts) - y, max(p.bottom() for p in parts) - y
            if top > self._bounds.top() or bottom < self._bounds.bottom():
                # Qt clips to the whole paint region, whose bounds span the view: clipped to the band,
                # only its rows are rasterised.
                painter.setClipRect(QRectF(self._bounds.left(), top, self._bounds.width(), bottom - top))
                try:
                    self._paint(painter, option, top, bottom)
                finally:
                    painter.setClipping(False)  # the view does not save the painter's state between items
                return
        self._paint(painter, option, top, bottom)

    def _paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, top: float, bottom: float) -> None:
        card = self.card
        rect = self._rect
        fill = style.card_fill(card.colour)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            painter.fillRect(rect, style.brush(fill))
            if self._selected:
                painter.setPen(style.cosmetic_pen(style.current().selection, 2.0))
                painter.drawRect(rect)
            return
        # A soft shadow under the bottom edge: two translucent strips, no antialiased shape to rasterise.
        w, h = rect.width(), rect.height()
        painter.fillRect(QRectF(RADIUS - 2.0, h - 1.0, w - 2 * RADIUS + 4.0, 2.5), style.shadow_brush())
        painter.fillRect(QRectF(RADIUS, h + 1.5, w - 2 * RADIUS, 1.5), style.shadow_soft_brush())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        border = style.card_border(card.colour)
        palette = style.current()
        width = palette.card_border_width
        if not self._hovered and palette.card_border_width <= 1.0:
            # A softer border: the colour a translucent one has over the fill (blending costs double).
            border = style.over(border, fill, 170)
        painter.setPen(style.pen(border, width + 0.6 if self._hovered else width))
        painter.setBrush(style.brush(fill))
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        ink = style.card_ink(card.colour)
        if top < HEADER_BOTTOM:
            self._paint_header(painter, card, ink)
        painter.setPen(style.pen(palette.card_text))
        size = self.box.text.size
        painter.setFont(card_font(size))
        for at, line in self._lines:
            if top - size * 0.4 <= at.y() <= bottom + size:
                painter.drawText(at, line)
        if self.box.footer is not None and bottom > h - FOOTER_TOP:
            self._paint_footer(painter, card, ink)
        if self._selected:
            painter.setBrush(style.no_brush())
            painter.setPen(style.pen(style.current().selection, 2.2))
            painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), RADIUS + 2, RADIUS + 2)
        if self._hovered:
            c = QPointF(rect.right(), rect.center().y())
            painter.setPen(style.pen(style.current().selection, 1.6))
            painter.setBrush(style.brush(style.current().surface))
            painter.drawEllipse(c, HANDLE_RADIUS, HANDLE_RADIUS)

    def _paint_header(self, painter: QPainter, card: Card, ink: str) -> None:
        stroke_pen = style.pen(ink, 1.3)
        x = 7.0
        icons = [glyphs.kind_icon(card.kind.value)]
        if card.channel.value:
            icons.append(glyphs.channel_icon(card.channel.value))
        for stroke, fill in icons:
            painter.translate(x, 4.0)
            painter.setBrush(style.no_brush())
            painter.setPen(stroke_pen)
            painter.drawPath(stroke)
            painter.setPen(style.no_pen())
            painter.setBrush(style.brush(ink))
            painter.drawPath(fill)
            painter.translate(-x, -4.0)
            x += 17.0
        evidence = card.evidence
        if evidence != Evidence.NONE:
            # observed: solid; assumed: hollow; proposed: dashed ring.
            c = QPointF(self._rect.right() - 10.0, 10.0)
            if evidence == Evidence.OBSERVED:
                painter.setPen(style.pen(ink, 1.3))
                painter.setBrush(style.brush(ink))
            elif evidence == Evidence.ASSUMED:
                painter.setPen(style.pen(ink, 1.5))
                painter.setBrush(style.no_brush())
            else:
                painter.setPen(style.dash_pen(ink, 1.3))
                painter.setBrush(style.no_brush())
            painter.drawEllipse(c, 4.0, 4.0)

    def _paint_footer(self, painter: QPainter, card: Card, ink: str) -> None:
        y = self._rect.height() - 8.5
        painter.setPen(style.no_pen())
        painter.setBrush(style.brush(ink))
        votes = self.votes
        dots = min(votes, MAX_DOTS)
        for i in range(dots):
            painter.drawEllipse(QPointF(10.0 + i * 8.0, y), 2.6, 2.6)
        painter.setFont(card_font(FOOTER_SIZE))
        painter.setPen(style.pen(style.current().ink_soft))
        if votes > MAX_DOTS:
            painter.drawText(QPointF(10.0 + dots * 8.0, y + 3.2), f"+{votes - MAX_DOTS}")
        if self._footer_text:
            painter.drawText(self._footer_text_at, self._footer_text)
