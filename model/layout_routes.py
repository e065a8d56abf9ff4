"""Where connections run: around cards, never across them (screen and poster alike).

The layout leaves lines on the map that no card ever covers, so a connection
kept on them crosses no card's text:

* vertical channels: every stage boundary (cards keep `cell_padding` from it),
  and inside a stage every gap between two card columns (all cells of a stage
  put their columns at the same x, so a gap is free from the top lane to the
  bottom one);
* horizontal channels: every lane boundary (a lane is as tall as its tallest
  cell plus padding, and cards start `cell_padding` below its top).

A connection leaves its source by the side facing its target, straight into
the neighbouring vertical channel (no card stands between a card and the next
channel), runs along channels, and enters its target the same way. So a route
is at most: out, along one vertical, along one lane boundary, along another
vertical, in. Cards stacked one right below the other in a column connect
straight through the gap between them.

Routes sharing a channel are spread apart by a small offset per connection
(a fraction of the channel's free half-width), so parallel connections stay
tellable apart. Corners are rounded; a route is given as its corner points and
as cubic Bézier pieces (straight pieces too), which the canvas and the poster
draw as they come.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .layout_types import CardBox, LaneBox

Point = tuple[float, float]
Bezier = tuple[Point, Point, Point, Point]

CORNER_RADIUS = 6.0
KAPPA = 0.5523  # a cubic's control distance for a quarter circle, as a fraction of the radius
SPREAD = (0.0, 0.3, -0.3, 0.6, -0.6)  # offsets of successive connections, in channel half-widths


@dataclass(frozen=True, slots=True)
class Channel:
    at: float  # the x of a vertical channel or the y of a horizontal one
    half: float  # how far either side of it stays free of cards


class Router:
    """The channels of one laid-out map, and routes along them."""

    def __init__(
        self,
        lanes: tuple[LaneBox, ...],
        columns: list[tuple[float, float, int, float]],  # per stage: (x0, width, card columns, card width)
        width: float,
        height: float,
        padding: float,
        gap: float,
    ) -> None:
        verticals = []
        for k, (x0, w, fit, card_w) in enumerate(columns):
            if k == 0:  # the lane headers are left of the first stage: only its inside is free
                verticals.append(Channel(x0 + padding / 2, padding / 2))
            else:
                verticals.append(Channel(x0, padding))
            for col in range(1, fit):
                verticals.append(Channel(x0 + padding + col * (card_w + gap) - gap / 2, gap / 2))
        if columns:
            verticals.append(Channel(width - padding / 2, padding / 2))
        horizontals = []
        for k, lane in enumerate(lanes):
            if k == 0:  # under the stage headers
                horizontals.append(Channel(lane.row.y + padding / 2, padding / 2))
            else:
                horizontals.append(Channel(lane.row.y, padding))
        if lanes:
            horizontals.append(Channel(height - padding / 2, padding / 2))
        self.gap = gap
        self.verticals = sorted(verticals, key=lambda c: c.at)
        self.horizontals = sorted(horizontals, key=lambda c: c.at)
        self._xs = [c.at for c in self.verticals]
        self._ys = [c.at for c in self.horizontals]
        self.key = (tuple(self.verticals), tuple(self.horizontals))  # equal keys: equal routes

    def _right_of(self, x: float) -> Channel | None:
        i = bisect_right(self._xs, x)
        return self.verticals[i] if i < len(self.verticals) else None

    def _left_of(self, x: float) -> Channel | None:
        i = bisect_left(self._xs, x) - 1
        return self.verticals[i] if i >= 0 else None

    def _boundary_between(self, y0: float, y1: float) -> Channel | None:
        """The lane boundary a route from height y0 to y1 crosses over on: one between them
        nearest their middle, else the nearest outside them."""
        if not self.horizontals:
            return None
        lo, hi = min(y0, y1), max(y0, y1)
        middle = (lo + hi) / 2
        inside = [c for c in self.horizontals[bisect_left(self._ys, lo) : bisect_right(self._ys, hi)]]
        if inside:
            return min(inside, key=lambda c: abs(c.at - middle))
        return min(self.horizontals, key=lambda c: abs(c.at - lo) + abs(c.at - hi))

    def route(self, source: CardBox, target: CardBox, source_stage: int, target_stage: int, slot: int) -> tuple[Point, ...]:
        """The corner points of a connection from `source` to `target` (the first on the
        source's edge, the last on the target's); `slot` spreads routes sharing channels."""
        s, t = source.rect, target.rect
        spread = SPREAD[slot % len(SPREAD)]
        if source.stage_id == target.stage_id and source.lane_id == target.lane_id and math.isclose(s.x, t.x):
            x = (max(s.x, t.x) + min(s.right, t.right)) / 2
            if 0 <= t.y - s.bottom <= self.gap + 0.5:  # right below: straight down the gap between them
                return ((x, s.bottom), (x, t.y))
            if 0 <= s.y - t.bottom <= self.gap + 0.5:  # right above
                return ((x, s.y), (x, t.bottom))
        if target_stage > source_stage or (target_stage == source_stage and t.x > s.x + 1e-6):
            out_side, in_side = "right", "left"
        elif target_stage < source_stage or t.x < s.x - 1e-6:
            out_side, in_side = "left", "right"
        else:  # the same column of one stage: out and back in on the right, a bracket
            out_side, in_side = "right", "right"
        ys, yt = s.center[1], t.center[1]
        a = self._right_of(s.right) if out_side == "right" else self._left_of(s.x)
        b = self._right_of(t.right) if in_side == "right" else self._left_of(t.x)
        if a is None or b is None:  # no channel (cannot happen with cards inside stages): go straight
            return ((s.right if out_side == "right" else s.x, ys), (t.right if in_side == "right" else t.x, yt))
        p0 = (s.right if out_side == "right" else s.x, ys)
        p3 = (t.right if in_side == "right" else t.x, yt)
        xa = a.at + spread * a.half
        xb = b.at + spread * b.half
        if a is b:
            return _tidy((p0, (xa, ys), (xa, yt), p3))
        h = self._boundary_between(ys, yt)
        if h is None:
            return _tidy((p0, (xa, ys), (xa, yt), (xb, yt), p3))
        yh = h.at + spread * h.half
        return _tidy((p0, (xa, ys), (xa, yh), (xb, yh), (xb, yt), p3))


def _tidy(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Without repeated points and without middle points of straight runs."""
    out: list[Point] = []
    for p in points:
        if out and math.isclose(out[-1][0], p[0], abs_tol=1e-9) and math.isclose(out[-1][1], p[1], abs_tol=1e-9):
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if abs((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)) < 1e-9:
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def rounded(points: tuple[Point, ...], radius: float = CORNER_RADIUS) -> tuple[Bezier, ...]:
    """The polyline as cubic pieces: its straight runs, and each corner rounded by at most
    `radius` (less where a run is short, so two corners never overlap)."""
    if len(points) < 2:
        return ()
    n = len(points)
    cuts: list[tuple[Point, Point]] = []  # per inner corner: where rounding starts and ends
    for i in range(1, n - 1):
        prev, here, nxt = points[i - 1], points[i], points[i + 1]
        r = min(radius, math.dist(prev, here) / 2, math.dist(here, nxt) / 2)
        cuts.append((_towards(here, prev, r), _towards(here, nxt, r)))
    pieces: list[Bezier] = []
    start = points[0]
    for i in range(1, n):
        end = cuts[i - 1][0] if i < n - 1 else points[i]
        if math.dist(start, end) > 1e-9:
            pieces.append(_line(start, end))
        if i < n - 1:
            a, b = cuts[i - 1]
            corner = points[i]
            c1 = (a[0] + (corner[0] - a[0]) * KAPPA, a[1] + (corner[1] - a[1]) * KAPPA)
            c2 = (b[0] + (corner[0] - b[0]) * KAPPA, b[1] + (corner[1] - b[1]) * KAPPA)
            if math.dist(a, b) > 1e-9:
                pieces.append((a, c1, c2, b))
            start = b
    return tuple(pieces)


def _towards(frm: Point, to: Point, distance: float) -> Point:
    d = math.dist(frm, to)
    if d == 0:
        return frm
    return (frm[0] + (to[0] - frm[0]) * distance / d, frm[1] + (to[1] - frm[1]) * distance / d)


def _line(a: Point, b: Point) -> Bezier:
    return (a, lerp(a, b, 1 / 3), lerp(a, b, 2 / 3), b)


def lerp(a: Point, b: Point, t: float) -> Point:
    """The point a fraction `t` of the way from `a` to `b`."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def point_along(points: tuple[Point, ...], t: float) -> Point:
    """The point a fraction `t` of the way along the polyline, by length."""
    if len(points) == 1:
        return points[0]
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:])]
    total = sum(lengths)
    if total == 0:
        return points[0]
    left = max(0.0, min(1.0, t)) * total
    for (a, b), length in zip(zip(points, points[1:]), lengths):
        if left <= length and length > 0:
            return lerp(a, b, left / length)
        left -= length
    return points[-1]
