"""What lies under a point of the scene, headers pinned where the view shows them.

Hit-testing reads the layout values, not the graphics items: it is exact,
cheap, and the same whatever is drawn at the current zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

from model import layout as lay
from model.layout_types import Layout, Rect

from .items.lane_header import chevron_rect

HANDLE_HIT = 8.0  # a card's connection handle, radius in layout units
POINT_HIT = 11.0  # an emotion face
EDGE_HIT = 6.0  # the grip at a stage header's right edge


@dataclass(frozen=True)
class Hit:
    kind: str  # corner, stage_edge, stage, chevron, lane, handle, point, card, emotion_lane, cell, outside
    id: str | None = None
    other: str | None = None  # lane_id of a cell or emotion lane, persona_id of a point
    lane: str | None = None  # the Emotions lane of a point


def shifted(rect: Rect, dx: float = 0.0, dy: float = 0.0) -> Rect:
    return Rect(rect.x + dx, rect.y + dy, rect.w, rect.h)


def hit_test(
    layout: Layout,
    x: float,
    y: float,
    *,
    pin: tuple[float, float] = (0.0, 0.0),
    hovered_card: str | None = None,
    curves_visible: bool = True,
) -> Hit:
    """The thing under (x, y); pin = (left, top) offsets of the pinned lane and stage headers."""
    left, top = pin
    corner = layout.corner
    if shifted(corner, left, top).contains(x, y):
        return Hit("corner")
    if top <= y <= top + corner.h:
        for box in layout.stages:
            header = shifted(box.header, 0.0, top)
            if header.contains(x, y):
                if x >= header.right - EDGE_HIT:
                    return Hit("stage_edge", box.stage_id)
                return Hit("stage", box.stage_id)
    if left <= x <= left + corner.w:
        for box in layout.lanes:
            header = shifted(box.header, left, 0.0)
            if header.contains(x, y):
                if shifted(chevron_rect(box), left, 0.0).contains(x, y):
                    return Hit("chevron", box.lane_id)
                return Hit("lane", box.lane_id)
    if hovered_card is not None and hovered_card in layout.cards:
        r = layout.cards[hovered_card].rect
        if (x - r.right) ** 2 + (y - r.center[1]) ** 2 <= HANDLE_HIT**2:
            return Hit("handle", hovered_card)
    if curves_visible:
        for curve in layout.curves:
            for p in curve.points:
                if (x - p.x) ** 2 + (y - p.y) ** 2 <= POINT_HIT**2:
                    return Hit("point", p.card_id, curve.persona_id, curve.lane_id)
    card_id = lay.card_at(layout, x, y)
    if card_id is not None:
        return Hit("card", card_id)
    cell = lay.cell_at(layout, x, y)
    if cell is not None:
        lane = layout.lane_index[cell[1]]
        if lane.draws_curves:
            return Hit("emotion_lane", cell[0], cell[1])
        return Hit("cell", cell[0], cell[1])
    return Hit("outside")


def card_above(layout: Layout, doc, stage_id: str, lane_id: str, x: float, persona_id: str | None) -> str | None:
    """The card an Emotions-lane click at x belongs to: in that stage, its column holding x, nearest lane first.

    Lanes above the Emotions lane are preferred (the curve sits under its
    cards); in a column of several cards, the first one without a value for
    the persona is chosen, so repeated clicks fill a column top to bottom.
    """
    row = layout.lane_index[lane_id].row
    candidates: list[tuple[float, int, str]] = []
    for lane in layout.lanes:
        if lane.draws_curves or lane.collapsed:
            continue
        above = lane.row.bottom <= row.y
        distance = row.y - lane.row.bottom if above else lane.row.y - row.bottom + 100_000.0
        for card_id in layout.cell_cards.get((stage_id, lane.lane_id), ()):
            box = layout.cards[card_id]
            if box.rect.x <= x <= box.rect.right:
                candidates.append((distance, box.index, card_id))
    if not candidates:
        return None
    candidates.sort()
    nearest = candidates[0][0]
    column = [c for d, _, c in candidates if d == nearest]
    if persona_id is not None:
        for card_id in column:
            if doc.emotion(card_id, persona_id) is None:
                return card_id
    return column[0]


def stage_has_no_cards(layout: Layout, stage_id: str) -> bool:
    """No card in any lane of the stage (collapsed lanes included): an emotion point has nothing to hang on."""
    return not any(layout.cell_cards.get((stage_id, lane.lane_id)) for lane in layout.lanes)
