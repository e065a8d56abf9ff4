"""The room's emotion curve: the phones' ratings of each touchpoint, averaged, with their spread.

Computed from the map and its layout (never stored): for every Emotions lane, one point per rated card
under that card, at the mean of its ratings, with the lowest and highest rating as a band around it
(min–max, not quartiles: a room of eight people has no meaningful quartiles, and every face counts).
The canvas and the poster draw the same curve.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from ..document import Document
from ..layout import curve_points
from ..layout_query import smooth_segments
from ..layout_types import CurvePoint, Layout
from .plans import RATING

ROOM_CURVE_COLOUR = "#4A5568"  # a neutral slate: the room is no persona
ROOM_BAND_OPACITY = 0.18  # the min–max band: the grid and the persona curves show through it
ROOM_LABEL = "Room"  # the curve's name, after its last point and in a poster's legend


@dataclass(frozen=True, slots=True)
class RoomPoint:
    card_id: str
    x: float
    mean: float
    low: int
    high: int
    count: int
    y: float  # of the mean
    y_low: float
    y_high: float


@dataclass(frozen=True, slots=True)
class RoomCurve:
    lane_id: str
    points: tuple[RoomPoint, ...]
    line: tuple  # Bézier segments through the means
    upper: tuple  # through the highest ratings (drawn at the top: smaller y)
    lower: tuple  # through the lowest


def rating_summary(doc: Document) -> dict[str, tuple[float, int, int, int]]:
    """Card id -> (mean, lowest, highest, count) of the room's ratings."""
    values: dict[str, list[int]] = {}
    for rating in doc.items(RATING):
        values.setdefault(rating.card_id, []).append(rating.value)
    return {card: (fmean(v), min(v), max(v), len(v)) for card, v in values.items()}


def room_curves(doc: Document, layout: Layout) -> tuple[RoomCurve, ...]:
    """One RoomCurve per expanded Emotions lane, when any card is rated; () otherwise."""
    summary = rating_summary(doc)
    if not summary:
        return ()
    journey = [(c.id, summary[c.id][0]) for c in doc.cards() if c.id in summary and c.id in layout.cards]
    rects = [layout.cards[card_id].rect for card_id, _ in journey]
    collapsed = {lane.lane_id for lane in layout.lanes if lane.collapsed}
    curves = []
    for scale in layout.scales:
        if scale.lane_id in collapsed:
            continue
        points = []
        # Placed as persona curves are: under their cards, spread across a cell's width when they share it.
        for at in curve_points(journey, rects, scale):
            mean, low, high, count = summary[at.card_id]
            points.append(RoomPoint(at.card_id, at.x, mean, low, high, count,
                                    at.y, scale.y_for(low), scale.y_for(high)))
        def through(ys: list[float]) -> tuple:
            return smooth_segments(tuple(CurvePoint(p.card_id, p.x, y, 0.0) for p, y in zip(points, ys)), scale.area)
        curves.append(RoomCurve(scale.lane_id, tuple(points), through([p.y for p in points]),
                                through([p.y_high for p in points]), through([p.y_low for p in points])))
    return tuple(curves)
