"""Questions asked of a finished Layout: what lies under a point, where a dropped card,
stage or lane goes, and where a connection's label fits. Pure functions on Layout values;
the canvas and the poster both use them, so screen and print agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .layout_types import ConnectionPath, Layout, Rect

if TYPE_CHECKING:
    from .document import Document

LABEL_TRIES = (0.5, 0.35, 0.65, 0.2, 0.8)  # where along a connection its label may sit, best first
LABEL_HEADER_GAP = 4.0  # a label keeps this far from the headers, so it does not read as part of them


def label_spot(layout: Layout, path: ConnectionPath, w: float, h: float) -> tuple[float, float, bool]:
    """Where a connection's w × h label goes: (centre x, centre y, upright?).

    Tries the middle of the curve, then points around it, each level and then
    standing on end (a narrow gap between neighbouring cards fits it upright).
    A box reaching under the stage or lane headers (which the canvas pins over
    the map, hiding what is below), or within LABEL_HEADER_GAP of them, slides
    clear if it still covers its point of the curve after sliding, and is
    refused otherwise; a box covering a visible card is refused. When every spot is refused: the middle, level.
    """
    from .layout import bezier_point  # here, not at the top: layout imports this module

    corner = layout.corner
    for t in LABEL_TRIES:
        x, y = path.label_at if t == 0.5 else bezier_point(path.bezier, t)
        for upright in (False, True):
            bw, bh = (h, w) if upright else (w, h)
            left, top = x - bw / 2, y - bh / 2
            # Slide right of the lane headers and below the stage headers, by at most half the box.
            dx = max(0.0, corner.w + LABEL_HEADER_GAP - left)
            dy = max(0.0, corner.h + LABEL_HEADER_GAP - top)
            if dx > bw / 2 or dy > bh / 2:
                continue
            box = Rect(left + dx, top + dy, bw, bh)
            if not any(box.intersects(r) for r in _card_rects_near(layout, box)):
                return x + dx, y + dy, upright
    x, y = path.label_at
    return x, y, False


def _card_rects_near(layout: Layout, box: Rect) -> list[Rect]:
    """Visible card rectangles in the cells that `box` touches."""
    stages = [s.stage_id for s in layout.stages if s.column.x <= box.right and s.column.right >= box.x]
    lanes = [ln.lane_id for ln in layout.lanes if ln.row.y <= box.bottom and ln.row.bottom >= box.y]
    rects = []
    for stage_id in stages:
        for lane_id in lanes:
            for card_id in layout.cell_cards.get((stage_id, lane_id), ()):
                card = layout.cards[card_id]
                if not card.hidden:
                    rects.append(card.rect)
    return rects


# -- hit-testing, for the canvas's drag and drop ---------------------------------


def stage_at(layout: Layout, x: float, y: float) -> str | None:
    """The stage whose column (header included) holds the point, or None."""
    for box in layout.stages:
        if box.column.contains(x, y):
            return box.stage_id
    return None


def lane_at(layout: Layout, x: float, y: float) -> str | None:
    """The lane whose row (header included) holds the point, or None."""
    for box in layout.lanes:
        if box.row.contains(x, y):
            return box.lane_id
    return None


def cell_at(layout: Layout, x: float, y: float) -> tuple[str, str] | None:
    """(stage_id, lane_id) of the cell under the point; None over headers or outside the map.

    Cells of Emotions lanes are returned too: refusing a card drop there is the caller's business.
    """
    stage_id, lane_id = stage_at(layout, x, y), lane_at(layout, x, y)
    if stage_id is None or lane_id is None:
        return None
    cell = layout.cells.get((stage_id, lane_id))
    return (stage_id, lane_id) if cell is not None and cell.rect.contains(x, y) else None


def card_at(layout: Layout, x: float, y: float) -> str | None:
    """The visible card under the point, or None (hidden cards of collapsed lanes are never hit)."""
    cell = cell_at(layout, x, y)
    if cell is None:
        return None
    for card_id in layout.cell_cards.get(cell, ()):
        box = layout.cards[card_id]
        if not box.hidden and box.rect.contains(x, y):
            return card_id
    return None


def insertion_index(
    layout: Layout,
    doc: Document,
    stage_id: str,
    lane_id: str,
    x: float,
    y: float,
    ignore: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Where a card dropped at (x, y) goes in the cell, counting the cell without the `ignore`d cards.

    The column under x is found from the cards' rectangles (left of every
    column: the first; right of every column: after the last card); inside
    it, the card goes before the first card whose middle is below y.
    """
    ids = [c.id for c in doc.cell_cards(stage_id, lane_id) if c.id not in ignore]
    rects = [layout.cards[i].rect for i in ids if i in layout.cards]
    if not rects:
        return 0
    lefts = sorted({r.x for r in rects})
    if x > max(r.right for r in rects) and len(lefts) < _columns_that_fit(layout, stage_id, rects):
        return len(ids)  # over the empty column after the last one
    column = lefts[0]
    for left in lefts:
        if x >= left:
            column = left
    in_column = [i for i, r in enumerate(rects) if r.x == column]
    for i in in_column:
        if y < rects[i].center[1]:
            return i
    return in_column[-1] + 1


def _columns_that_fit(layout: Layout, stage_id: str, rects: list[Rect]) -> int:
    stage = layout.stage_index.get(stage_id)
    if stage is None:
        return 1
    w = rects[0].w
    return max(1, int((stage.column.w + 1e-6) // w))


def stage_insertion_index(layout: Layout, x: float) -> int:
    """Where a stage dragged to x goes: how many stage columns have their middle left of x."""
    return sum(1 for box in layout.stages if box.column.center[0] < x)


def lane_insertion_index(layout: Layout, y: float) -> int:
    """Where a lane dragged to y goes: how many lane rows have their middle above y."""
    return sum(1 for box in layout.lanes if box.row.center[1] < y)
