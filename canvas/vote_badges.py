"""Vote badges over the cards: a revealed session's totals with their heat, or one participant's own ballot.

Never an edit: the editor says what to show (`scene.set_vote_badges(VoteBadges(...))`), the scene keeps
one small item per card with votes, placed from the layout. A new count repaints only that card's badge,
so a booth click costs one item, not the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from model.layout_types import Layout

from . import style
from .fonts import bold_font
from .items.base import qrect

BADGE_RADIUS = 11.0
HEAT_COLD, HEAT_HOT = "#F6AD55", "#C53030"  # the share of the top total, from warm to red


@dataclass(frozen=True)
class VoteBadges:
    """`counts`: card id → the number on its badge (cards with none are left out).
    `heat`: tint each card by its share of the highest count (a revealed result); off for a ballot.
    `colour`: the badge's fill ("#RRGGBB"), e.g. the participant's colour in the booth."""

    counts: Mapping[str, int] = field(default_factory=dict)
    heat: bool = True
    colour: str = HEAT_HOT

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", MappingProxyType({k: v for k, v in self.counts.items() if v > 0}))
        # The highest count, found once: every badge's share is measured against it.
        object.__setattr__(self, "_top", max(self.counts.values(), default=0))

    def share(self, card_id: str) -> float:
        top = self._top
        return self.counts.get(card_id, 0) / top if top else 0.0


class VoteBadgeItem(QGraphicsItem):
    """One card's badge (its count in a disc at the top-right corner) and, for results, its heat."""

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # a picture over the card: clicks go through
        self._rect = QRectF()
        self.count = 0
        self._share = 0.0
        self._heat = False
        self._colour = HEAT_HOT
        self._hot = HEAT_COLD

    def set_values(self, rect: QRectF, count: int, share: float, heat: bool, colour: str) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        if (count, share, heat, colour) != (self.count, self._share, self._heat, self._colour):
            self.count, self._share, self._heat, self._colour = count, share, heat, colour
            self._hot = style.mix(HEAT_COLD, HEAT_HOT, share)  # the heat's tint, mixed once, not at every paint
            self.update()

    def boundingRect(self) -> QRectF:
        r = self._rect
        return r.adjusted(-5.0, -BADGE_RADIUS - 6.0, BADGE_RADIUS + 4.0, 5.0)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = self._rect
        if self._heat:
            hot = self._hot
            painter.setPen(style.no_pen())
            painter.setBrush(style.brush(hot, round(40 + 70 * self._share)))
            painter.drawRoundedRect(r, 6.0, 6.0)
            painter.setPen(style.pen(hot, 2.0 + 3.0 * self._share))
            painter.setBrush(style.no_brush())
            painter.drawRoundedRect(r.adjusted(-2.0, -2.0, 2.0, 2.0), 7.0, 7.0)
        centre = QPointF(r.right() + 1.0, r.top() - 3.0)  # on the corner, clear of the evidence marker
        fill = self._hot if self._heat else self._colour
        painter.setPen(style.pen("#FFFFFF", 1.5))
        painter.setBrush(style.brush(fill))
        painter.drawEllipse(centre, BADGE_RADIUS, BADGE_RADIUS)
        painter.setPen(style.pen("#FFFFFF"))
        text = str(self.count) if self.count < 1000 else "999+"
        painter.setFont(bold_font(10.0 if len(text) < 3 else 8.0))
        box = QRectF(centre.x() - BADGE_RADIUS, centre.y() - BADGE_RADIUS, 2 * BADGE_RADIUS, 2 * BADGE_RADIUS)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class VoteBadgeLayer:
    """The badge items of one scene: made, updated and removed by card id; they follow every re-layout."""

    def __init__(self, scene, z: float) -> None:
        self.scene = scene
        self.z = z
        self.items: dict[str, VoteBadgeItem] = {}
        self.badges: VoteBadges | None = None
        scene.laid_out.connect(self._on_scene_laid_out)
        scene.decoration_changed.connect(lambda _name: self._dim())

    def show(self, badges: VoteBadges | None) -> None:
        self.badges = badges
        self.place(self.scene.layout())

    def _on_scene_laid_out(self) -> None:
        if self.items or self.badges is not None:  # none shown and none to show: nothing to place
            self.place(self.scene.layout())

    def place(self, layout: Layout | None) -> None:
        """Bring the items up to date with the badges and the layout (after either changed)."""
        badges = self.badges
        wanted = {} if badges is None or layout is None else badges.counts
        for card_id in [c for c in self.items if c not in wanted or c not in layout.cards]:
            self.scene.removeItem(self.items.pop(card_id))
        for card_id, count in wanted.items():
            box = layout.cards.get(card_id)
            if box is None:
                continue  # a card removed since the badges were given
            item = self.items.get(card_id)
            if item is None:
                item = self.items[card_id] = VoteBadgeItem(card_id)
                item.setZValue(self.z)
                self.scene.addItem(item)
            item.set_values(qrect(box.rect), count, badges.share(card_id), badges.heat, badges.colour)
            item.setVisible(not box.hidden)
        self._dim()

    def _dim(self) -> None:
        """A badge and its heat dim with their card (a workshop focus, a find), as a card's own footer does."""
        for card_id, item in self.items.items():
            opacity = self.scene.card_opacity(card_id)
            if item.opacity() != opacity:
                item.setOpacity(opacity)
