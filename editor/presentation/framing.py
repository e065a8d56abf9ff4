"""Where the presentation looks: the zoom and the parts that together show an area of the map.

Plain arithmetic on layout units and pixels (no Qt), so it is tested on its own.
The projector never shrinks the map below the zoom that keeps its smallest
text legible: an area too big for the screen at that zoom is shown in parts,
column by column (a stage's cards top to bottom, then the next stage), and the
clicker's "next" walks through them before it moves on.

Down a column the parts break between lanes: a part's top never cuts through a
lane that fits on the screen whole, since the pinned stage headers would hide
its top (the Emotions lane's scale starts there, with "Delighted"). To put a
lane at the top, the last part may look a little beyond the map's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.layout_types import Rect

MARGIN = 16.0  # layout units left around the framed area
MAX_ZOOM = 2.5  # a small area (one card) is shown large, not enormous
MIN_ZOOM = 0.1
EPSILON = 0.5  # layout units: closer than this is the same place


@dataclass(frozen=True)
class Frame:
    zoom: float
    # Each part: the scene point (x, y) at the viewport's top-left corner, in the order shown.
    parts: tuple[tuple[float, float], ...]


def _positions(start: float, length: float, room: float, header: float, limit: float) -> list[float]:
    """Where the viewport starts so that windows `room` long, beyond a pinned `header`, cover
    [start, start + length], evenly overlapping; each within [0, limit] (how far the view scrolls)."""
    if length <= room:
        positions = [start - (room - length) / 2]
    else:
        count = math.ceil(length / room)
        last = start + length - room
        positions = [start + (last - start) * i / (count - 1) for i in range(count)]
    clamped: list[float] = []
    for value in positions:
        value = max(0.0, min(value - header, max(0.0, limit)))
        if not clamped or abs(value - clamped[-1]) > 0.5:
            clamped.append(value)
    return clamped


def _row_positions(start: float, length: float, room: float, header: float, limit: float,
                   rows: list[tuple[float, float]]) -> list[float]:
    """Like _positions, down a column whose `rows` (the lanes: top, bottom) a window's top never cuts
    when they fit in `room`: a cut lane starts the next window instead. A window may then look beyond
    `limit` (below the map's end) rather than cut a lane."""
    end = start + length
    fitting = [(top, bottom) for top, bottom in rows if bottom - top <= room + EPSILON]

    def cut(y: float, lanes: list[tuple[float, float]] = fitting) -> tuple[float, float] | None:
        return next(((top, bottom) for top, bottom in lanes if top + EPSILON < y < bottom - EPSILON), None)

    def below(y: float) -> float:
        """`y`, or the bottom of the lane it would cut."""
        lane = cut(y)
        return y if lane is None else lane[1]

    if length <= room:  # one window: centred, unless that cuts a lane
        top = start - (room - length) / 2
        lane = cut(top, rows)
        if lane is not None:  # the whole lane with the area, else as little of it as the area allows
            top = lane[0] if lane[0] + room >= end - EPSILON else min(lane[1], start + MARGIN)
        tops = [top]
    else:
        lane = cut(start, rows)
        tops = [lane[1] if lane is not None and lane[1] <= start + MARGIN else start]  # no sliver of the lane above
        while tops[-1] + room < end - EPSILON:
            bottom = tops[-1] + room
            lane = cut(bottom)
            # The lane the window's bottom cuts starts the next window; else the next starts where this one ends.
            tops.append(lane[0] if lane is not None and lane[0] > tops[-1] + EPSILON else bottom)
        # The last window as high as still reaches the end (less beyond the map), without cutting a lane.
        aligned = max(end - room, tops[-2] + EPSILON)
        tops[-1] = min(below(aligned), tops[-1])
    positions: list[float] = []
    for top in tops:
        if top - header > limit:  # beyond how far the view scrolls: only as far as a lane's top needs
            top = min(top, below(limit + header))
        value = max(0.0, top - header)
        if not positions or abs(value - positions[-1]) > EPSILON:
            positions.append(value)
    return positions


def frame_area(area: Rect, viewport: tuple[float, float], headers: tuple[float, float],
               scene_size: tuple[float, float], *, legible: float, scale: float = 1.0,
               rows: tuple[tuple[float, float], ...] = ()) -> Frame:
    """How to show `area` (layout units) in a viewport of `viewport` pixels whose top and left
    `headers` (layout units: the pinned lane headers' width, the stage headers' height) cover the map.

    The zoom fits the area when it can, never below `legible` (then the area is shown in parts) and
    never above MAX_ZOOM; `scale` is the audience's own +/− on top of that. `rows` are the lanes
    (top, bottom): a part's top cuts none that fits whole below the headers.
    """
    vw, vh = max(viewport[0], 1.0), max(viewport[1], 1.0)
    head_w, head_h = headers
    span_w, span_h = area.w + 2 * MARGIN, area.h + 2 * MARGIN
    fit = min(vw / (span_w + head_w), vh / (span_h + head_h))
    zoom = max(MIN_ZOOM, max(legible, min(fit, MAX_ZOOM)) * scale)
    # What the viewport shows of the map beside and below the pinned headers, in layout units.
    room_w, room_h = max(vw / zoom - head_w, 1.0), max(vh / zoom - head_h, 1.0)
    lefts = _positions(area.x - MARGIN, span_w, room_w, head_w, scene_size[0] - vw / zoom)
    tops = _row_positions(area.y - MARGIN, span_h, room_h, head_h, scene_size[1] - vh / zoom, sorted(rows))
    parts = tuple((left, top) for left in lefts for top in tops)
    return Frame(zoom, parts)
