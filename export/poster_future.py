"""The future state on the poster (issue 13): to-be curves dashed in their persona's colour, to-be cards
outlined with a dashed ring, drawn after the rest of the map; and the same as display-list marks
(poster_marks.py), so a reprint sees them change.

Units are layout units with y down, flipped by the MapPainter's `H` as everything on the map.
"""

from __future__ import annotations

from collections.abc import Iterator

from model.domain import View
from model.layout_types import Layout, Rect
from model.tobe import to_be_cards

from .poster_ink import CURVE_LINE, shown_cards

TO_BE_INK = "#2C7A7B"  # the dashed ring round a to-be card (the canvas's too)
TO_BE_LINE = 1.6
RING_GAP = 3.5  # the ring sits this far outside the card
CURVE_DASH = (7.0, 4.0)
RING_DASH = (5.0, 3.0)
POINT_RADIUS = 3.6  # a to-be value: a small open circle, not a face (the face is today's feeling)
FUTURE_CURVE_LINE = CURVE_LINE * 0.85


def shows_as_is(view: View) -> bool:
    return View(view) != View.TO_BE


def shows_to_be(view: View) -> bool:
    return View(view) != View.AS_IS


def rings(layout: Layout, doc, view: View) -> list[Rect]:
    """The dashed rings round the visible to-be cards, in reading order (none in the as-is view)."""
    if not shows_to_be(view):
        return []
    future = to_be_cards(doc)
    if not future:
        return []
    out = []
    for box in shown_cards(layout):
        if box.card_id in future:
            r = box.rect
            out.append(Rect(r.x - RING_GAP, r.y - RING_GAP, r.w + 2 * RING_GAP, r.h + 2 * RING_GAP))
    return out


def future_curves(layout: Layout, view: View):
    return layout.to_be_curves if shows_to_be(view) else ()


def draw_future(p, view: View) -> None:
    """Draw the rings and the to-be curves with MapPainter `p` (after its own marks)."""
    c, H = p.c, p.H
    found = rings(p.layout, p.doc, view)
    if found:
        c.setStrokeColor(p.colour(TO_BE_INK))
        c.setLineWidth(TO_BE_LINE)
        c.setDash(list(RING_DASH))
        for r in found:
            c.roundRect(r.x, H - r.bottom, r.w, r.h, 6.0, stroke=1, fill=0)
        c.setDash([])
    white = p.colour("#FFFFFF")
    for curve in future_curves(p.layout, view):
        colour = p.colour(curve.colour)
        c.setStrokeColor(colour)
        if curve.segments:
            p.stroke_dashed(curve.segments, FUTURE_CURVE_LINE, CURVE_DASH)
        c.setLineWidth(1.4)
        c.setFillColor(white)
        for point in curve.points:
            c.circle(point.x, H - point.y, POINT_RADIUS, stroke=1, fill=1)


def future_marks(layout: Layout, doc, view: View) -> Iterator[tuple[tuple[float, float, float, float], tuple]]:
    """draw_future's marks, in its order: each ring, then each to-be curve's segments and points."""
    from .poster_marks import bezier_box

    half = TO_BE_LINE / 2
    for r in rings(layout, doc, view):
        yield (r.x - half, r.y - half, r.right + half, r.bottom + half), ("to-be ring", r.x, r.y, r.w, r.h)
    reach = POINT_RADIUS + 0.7
    for curve in future_curves(layout, view):
        for segment in curve.segments:
            x0, y0, x1, y1 = bezier_box(*segment)
            grow = FUTURE_CURVE_LINE / 2
            yield (x0 - grow, y0 - grow, x1 + grow, y1 + grow), ("to-be segment", curve.colour, segment)
        for point in curve.points:
            yield ((point.x - reach, point.y - reach, point.x + reach, point.y + reach),
                   ("to-be point", curve.colour, point.x, point.y))
