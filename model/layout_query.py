"""Geometry on layout values (smooth emotion curves) and the
questions asked of a finished Layout: what lies under a point, where a dropped card, stage
or lane goes, and where a connection's label fits. Pure functions; the canvas and the
poster both use them, so screen and print agree. All are importable from model.layout too.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

from .layout_routes import point_along
from .layout_types import ConnectionPath, CurvePoint, Layout, Rect

if TYPE_CHECKING:
    from .document import Document

Point = tuple[float, float]

LABEL_TRIES = (0.5, 0.35, 0.65, 0.2, 0.8)  # where along a connection (by length) its label may sit, best first
LABEL_NUDGES = (0.0, -3.0, 3.0, -6.0, 6.0)  # across its line, so a label fits a channel it runs off-centre in
LABEL_HEADER_GAP = 4.0  # a label keeps this far from the headers, so it does not read as part of them


def smooth_segments(points: tuple[CurvePoint, ...], area: Rect) -> tuple[tuple[Point, Point, Point, Point], ...]:
    """Cubic Bézier segments through the points: Catmull-Rom tangents, tamed so the curve never overshoots.

    At a point where the curve turns (a peak or a trough) the tangent is
    flat; elsewhere its vertical part is shortened so that no control point
    leaves the vertical range of its segment's two ends. A cubic stays inside
    its control points' hull, so the curve stays within the points' values and
    therefore inside `area`.
    """
    p = [(pt.x, pt.y) for pt in points]
    n = len(p)
    if n < 2:
        return ()
    tangents: list[Point] = []
    for i in range(n):
        prev, nxt = p[max(i - 1, 0)], p[min(i + 1, n - 1)]
        tx, ty = (nxt[0] - prev[0]) / 2, (nxt[1] - prev[1]) / 2
        dy_in = p[i][1] - p[i - 1][1] if i > 0 else None
        dy_out = p[i + 1][1] - p[i][1] if i < n - 1 else None
        if (dy_in is not None and dy_out is not None and dy_in * dy_out <= 0) or dy_in == 0 or dy_out == 0:
            ty = 0.0
        else:
            room = min(abs(d) for d in (dy_in, dy_out) if d is not None)
            if abs(ty) / 3 > room:
                ty = math.copysign(3 * room, ty)
        tangents.append((tx, ty))
    top, bottom = area.y, area.bottom
    segments = []
    for i in range(n - 1):
        (x0, y0), (x3, y3) = p[i], p[i + 1]
        lo, hi = max(min(y0, y3), top), min(max(y0, y3), bottom)
        c1 = (x0 + tangents[i][0] / 3, min(max(y0 + tangents[i][1] / 3, lo), hi))
        c2 = (x3 - tangents[i + 1][0] / 3, min(max(y3 - tangents[i + 1][1] / 3, lo), hi))
        segments.append(((x0, y0), c1, c2, (x3, y3)))
    return tuple(segments)


def label_spot(layout: Layout, path: ConnectionPath, w: float, h: float) -> tuple[float, float, bool]:
    """Where a connection's w × h label goes: (centre x, centre y, upright?).

    Tries the middle of the route, then points around it, each level and then
    standing on end (a narrow gap between neighbouring cards fits it upright),
    each centred on its point and then nudged across the line by up to
    LABEL_NUDGE (a route may run off the middle of its channel), always still
    covering its point. A box reaching under the stage or lane headers (which
    the canvas pins over the map, hiding what is below), or within
    LABEL_HEADER_GAP of them, slides clear if it still covers its point of the
    route after sliding, and is refused otherwise; a box covering a visible card
    is refused. When every spot is refused: the middle, level.
    """
    corner = layout.corner
    near = _CardsNear(layout)
    for t in LABEL_TRIES:
        x, y = path.label_at if t == 0.5 else point_along(path.points, t)
        for upright in (False, True):
            bw, bh = (h, w) if upright else (w, h)
            for nudge in LABEL_NUDGES:
                # Across the line: sideways for an upright box, up or down for a level one.
                nx, ny = (nudge, 0.0) if upright else (0.0, nudge)
                if abs(nudge) >= (bw if upright else bh) / 2:
                    continue
                left, top = x + nx - bw / 2, y + ny - bh / 2
                # Slide right of the lane headers and below the stage headers, by at most half the box.
                dx = max(0.0, corner.w + LABEL_HEADER_GAP - left)
                dy = max(0.0, corner.h + LABEL_HEADER_GAP - top)
                if abs(nx + dx) > bw / 2 or abs(ny + dy) > bh / 2:
                    continue
                box = Rect(left + dx, top + dy, bw, bh)
                if not any(box.intersects(r) for r in near.rects(box)):
                    return x + nx + dx, y + ny + dy, upright
    x, y = path.label_at
    return x, y, False


class _CardsNear:
    """Visible card rectangles in the cells a box touches; stages and lanes found by bisection (they
    are in order along the map), each cell's rectangles gathered once per label."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.stage_right = [s.column.right for s in layout.stages]
        self.lane_bottom = [ln.row.bottom for ln in layout.lanes]
        self.cells: dict[tuple[str, str], list[Rect]] = {}

    def rects(self, box: Rect) -> list[Rect]:
        layout, rects = self.layout, []
        first_stage = bisect.bisect_left(self.stage_right, box.x)
        first_lane = bisect.bisect_left(self.lane_bottom, box.y)
        for stage in layout.stages[first_stage:]:
            if stage.column.x > box.right:
                break
            for lane in layout.lanes[first_lane:]:
                if lane.row.y > box.bottom:
                    break
                key = (stage.stage_id, lane.lane_id)
                cell = self.cells.get(key)
                if cell is None:
                    cards = layout.cards
                    cell = self.cells[key] = [cards[c].rect for c in layout.cell_cards.get(key, ())
                                              if not cards[c].hidden]
                rects += cell
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
