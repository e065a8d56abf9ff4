"""Where the presentation looks: the zoom and the parts that together show an area of the map.

Plain arithmetic on layout units and pixels (no Qt), so it is tested on its own.
The projector never shrinks the map below the zoom that keeps its smallest
text legible: an area too big for the screen at that zoom is shown in parts,
column by column (a stage's cards top to bottom, then the next stage), and the
clicker's "next" walks through them before it moves on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.layout_types import Rect

MARGIN = 16.0  # layout units left around the framed area
MAX_ZOOM = 2.5  # a small area (one card) is shown large, not enormous
MIN_ZOOM = 0.1


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


def frame_area(area: Rect, viewport: tuple[float, float], headers: tuple[float, float],
               scene_size: tuple[float, float], *, legible: float, scale: float = 1.0) -> Frame:
    """How to show `area` (layout units) in a viewport of `viewport` pixels whose top and left
    `headers` (layout units: the pinned lane headers' width, the stage headers' height) cover the map.

    The zoom fits the area when it can, never below `legible` (then the area is shown in parts) and
    never above MAX_ZOOM; `scale` is the audience's own +/− on top of that.
    """
    vw, vh = max(viewport[0], 1.0), max(viewport[1], 1.0)
    head_w, head_h = headers
    span_w, span_h = area.w + 2 * MARGIN, area.h + 2 * MARGIN
    fit = min(vw / (span_w + head_w), vh / (span_h + head_h))
    zoom = max(MIN_ZOOM, max(legible, min(fit, MAX_ZOOM)) * scale)
    # What the viewport shows of the map beside and below the pinned headers, in layout units.
    room_w, room_h = max(vw / zoom - head_w, 1.0), max(vh / zoom - head_h, 1.0)
    lefts = _positions(area.x - MARGIN, span_w, room_w, head_w, scene_size[0] - vw / zoom)
    tops = _positions(area.y - MARGIN, span_h, room_h, head_h, scene_size[1] - vh / zoom)
    parts = tuple((left, top) for left in lefts for top in tops)
    return Frame(zoom, parts)
