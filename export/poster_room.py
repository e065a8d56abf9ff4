"""The room's emotion curve on the poster, as the canvas draws it (canvas/items/room_curve.py): the
phones' lowest-to-highest ratings as a band, their mean as a dashed line with a dot per touchpoint,
"Room" after the last point; and the same as display-list marks (poster_marks.py), so a reprint sees a
rating change. Nothing at all when no one in the room rated.

The band is the canvas's translucent band as it looks on paper: the room's colour at the canvas's
opacity over the row's own background, drawn under the grid's rules, the scale's lines and the
connections, which so show through it. A PDF without transparency prints the same in every print
shop (and reportlab cannot give a form XObject, which the whole poster is drawn into, a transparency
state). The line, dots and label go where the canvas stacks them: after the connections, under the
persona curves. All of it only where the as-is curves are drawn: the room rated today's journey.

Units are layout units with y down, flipped by the MapPainter's `H` as everything on the map.
"""

from __future__ import annotations

from collections.abc import Iterator

from model.domain import View
from model.layout_types import Layout
from model.room.curve import ROOM_BAND_OPACITY, ROOM_CURVE_COLOUR, ROOM_LABEL, RoomCurve, room_curves

from .poster_future import shows_as_is

ROOM_LINE = 2.2
ROOM_DASH = (4 * ROOM_LINE, 2 * ROOM_LINE)  # Qt's DashLine, which the canvas draws with
DOT = 4.0  # a touchpoint's mean: a filled dot
LABEL_SIZE = 9.0
LABEL_GAP = 4.0  # the label starts this far right of the last dot, its baseline this far under its centre
PAPER = "#FFFFFF"


def band_fill(background: str = PAPER) -> str:
    """The band's colour: the room's colour at the canvas's band opacity over `background` ("#RRGGBB")."""
    ink, under = _rgb(ROOM_CURVE_COLOUR), _rgb(background)
    mixed = (round(i * ROOM_BAND_OPACITY + u * (1 - ROOM_BAND_OPACITY)) for i, u in zip(ink, under))
    return "#" + "".join(f"{v:02X}" for v in mixed)


def _rgb(hex_value: str) -> tuple[int, int, int]:
    return int(hex_value[1:3], 16), int(hex_value[3:5], 16), int(hex_value[5:7], 16)


def shown_room_curves(layout: Layout, doc, view: View) -> tuple[RoomCurve, ...]:
    """The room's curves the poster draws in `view`: one per expanded Emotions lane, () when no one rated."""
    return room_curves(doc, layout) if shows_as_is(view) else ()


def room_legend(doc, layout: Layout, view: View) -> list[tuple[str, list]]:
    """The legend's "Room" row when the poster draws the room's curve: its band with its dashed line."""
    if not shown_room_curves(layout, doc, view):
        return []
    return [(ROOM_LABEL, [("band", (ROOM_CURVE_COLOUR, True, band_fill()), "mean and spread")])]


def _backgrounds(layout: Layout) -> dict[str, str]:
    """Each lane's background under a band: paper, or every other row's tint (MapPainter's grid)."""
    from .poster_map import ROW_TINT

    return {lane.lane_id: ROW_TINT if i % 2 == 1 else PAPER for i, lane in enumerate(layout.lanes)}


def label_spot(curve: RoomCurve) -> tuple[float, float]:
    """Where "Room" starts (its baseline's left end, y down): after the curve's last point."""
    last = curve.points[-1]
    return last.x + DOT + LABEL_GAP, last.y + LABEL_GAP


def draw_room_bands(p, view: View) -> None:
    """The bands, with MapPainter `p`: after the rows' tints, before the rules."""
    curves = shown_room_curves(p.layout, p.doc, view)
    backgrounds = _backgrounds(p.layout) if curves else {}
    for curve in curves:
        p.c.setFillColor(p.colour(band_fill(backgrounds.get(curve.lane_id, PAPER))))
        _band(p, curve)


def draw_room_curves(p, view: View) -> None:
    """The mean lines, their dots and labels, with MapPainter `p`: after the connections."""
    c, H = p.c, p.H
    colour = p.colour(ROOM_CURVE_COLOUR)
    for curve in shown_room_curves(p.layout, p.doc, view):
        if curve.line:
            c.setStrokeColor(colour)
            p.stroke_dashed(curve.line, ROOM_LINE, ROOM_DASH)
        c.setFillColor(colour)
        for point in curve.points:
            c.circle(point.x, H - point.y, DOT, stroke=0, fill=1)
        x, y = label_spot(curve)
        p.text.draw(c, x, H - y, ROOM_LABEL, LABEL_SIZE, False, colour)


def _band(p, curve: RoomCurve) -> None:
    """Along the highest ratings, back along the lowest, filled; a lone point is a bar from lowest to highest."""
    c, H = p.c, p.H
    points = curve.points
    if len(points) == 1:
        point = points[0]
        c.roundRect(point.x - DOT, H - point.y_low - DOT, 2 * DOT, point.y_low - point.y_high + 2 * DOT, DOT,
                    stroke=0, fill=1)
        return
    path = c.beginPath()
    path.moveTo(points[0].x, H - points[0].y_high)
    for _, c1, c2, p3 in curve.upper:
        path.curveTo(c1[0], H - c1[1], c2[0], H - c2[1], p3[0], H - p3[1])
    path.lineTo(points[-1].x, H - points[-1].y_low)
    for p0, c1, c2, _ in reversed(curve.lower):
        path.curveTo(c2[0], H - c2[1], c1[0], H - c1[1], p0[0], H - p0[1])
    path.close()
    c.drawPath(path, stroke=0, fill=1)


Mark = tuple[tuple[float, float, float, float], tuple]


def band_marks(layout: Layout, doc, view: View) -> Iterator[Mark]:
    """draw_room_bands' marks: one per stretch between two rated cards (the upper and lower Béziers that
    bound it there), so a new rating reaches only the sheets under the stretches it reshapes."""
    from .poster_marks import _union, bezier_box

    curves = shown_room_curves(layout, doc, view)
    backgrounds = _backgrounds(layout) if curves else {}
    for curve in curves:
        fill = band_fill(backgrounds.get(curve.lane_id, PAPER))
        if len(curve.points) == 1:
            p = curve.points[0]
            yield (p.x - DOT, p.y_high - DOT, p.x + DOT, p.y_low + DOT), ("room bar", fill, p.x, p.y_high, p.y_low)
        for upper, lower in zip(curve.upper, curve.lower):
            yield _union(bezier_box(*upper), bezier_box(*lower)), ("room band", fill, upper, lower)


def curve_marks(layout: Layout, doc, view: View, widths: dict | None = None) -> Iterator[Mark]:
    """draw_room_curves' marks, in its order: each stretch of the mean line, each dot, the label."""
    from .poster_marks import _line, bezier_box

    grow = ROOM_LINE / 2
    for curve in shown_room_curves(layout, doc, view):
        for segment in curve.line:
            x0, y0, x1, y1 = bezier_box(*segment)
            yield (x0 - grow, y0 - grow, x1 + grow, y1 + grow), ("room segment", segment)
        for p in curve.points:
            yield (p.x - DOT, p.y - DOT, p.x + DOT, p.y + DOT), ("room point", p.x, p.y)
        x, baseline = label_spot(curve)
        yield _line(x, baseline, ROOM_LABEL, LABEL_SIZE, False, True, widths)
