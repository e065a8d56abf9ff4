"""The shapes the layout produces: plain values the canvas and the poster both draw.

Units are layout units: one unit is one pixel on screen at 100 % zoom and one
point (1/72 in) on paper before the poster scales the map to fit its sheet.
The origin is the top-left corner of the map; y grows downwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .domain import LaneKind


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: "Rect") -> bool:
        return not (other.x > self.right or other.right < self.x or other.y > self.bottom or other.bottom < self.y)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Text already broken into lines. `baselines[i]` is the y of line i's baseline; every line starts at `x`."""

    lines: tuple[str, ...]
    x: float
    baselines: tuple[float, ...]
    size: float  # font size in layout units
    bold: bool = False
    truncated: bool = False  # the text was longer than the box shows (an ellipsis ends the last line)


@dataclass(frozen=True, slots=True)
class StageBox:
    stage_id: str
    header: Rect  # the header above the first lane
    column: Rect  # the whole column, header included, down to the last lane
    name: TextBlock
    goal: TextBlock
    kpis: tuple[tuple[Rect, str], ...]  # a badge's rectangle and its text ("CSAT 72 / 80 %")
    resize_handle: Rect  # the right edge, where a drag resizes the stage


@dataclass(frozen=True, slots=True)
class LaneBox:
    lane_id: str
    header: Rect  # the header left of the first stage
    row: Rect  # the whole row, header included, across every stage
    name: TextBlock
    kind: str  # "cards" or "emotions"
    collapsed: bool

    @property
    def takes_cards(self) -> bool:
        """Cards go in this lane (the domain's rule, model.domain.Lane.takes_cards, as laid out)."""
        return self.kind == LaneKind.CARDS

    @property
    def draws_curves(self) -> bool:
        return self.kind == LaneKind.EMOTIONS


@dataclass(frozen=True, slots=True)
class CellBox:
    stage_id: str
    lane_id: str
    rect: Rect
    columns: int  # how many columns of cards the cell flows into


@dataclass(frozen=True, slots=True)
class CardBox:
    card_id: str
    stage_id: str
    lane_id: str
    index: int  # position inside its cell
    rect: Rect
    header: Rect  # the strip for the kind icon, channel icon and evidence marker
    text: TextBlock
    footer: Rect | None  # votes, owner and an action's due date, when it has any (model/card_footer.py)
    hidden: bool = False  # in a collapsed lane: not drawn, kept for connections and curves


@dataclass(frozen=True, slots=True)
class CurvePoint:
    card_id: str
    x: float
    y: float
    value: float


@dataclass(frozen=True, slots=True)
class Curve:
    """One persona's emotion curve inside one Emotions lane."""

    persona_id: str
    lane_id: str
    colour: str  # "#RRGGBB", from the persona
    points: tuple[CurvePoint, ...]
    # Cubic Bézier segments through the points: (p0, c1, c2, p3) per segment, each a (x, y).
    segments: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True, slots=True)
class EmotionScale:
    """The scale drawn at the side of an Emotions lane: a y for each value −2…+2 and its label."""

    lane_id: str
    area: Rect  # where the curves live inside the lane
    ticks: tuple[tuple[float, float, str], ...]  # (value, y, label)
    labels: Rect | None = None  # where the tick labels go: the right part of the lane header

    def y_for(self, value: float) -> float:
        return self.area.bottom - (value + 2.0) / 4.0 * self.area.h

    def value_at(self, y: float) -> float:
        return max(-2.0, min(2.0, (self.area.bottom - y) / self.area.h * 4.0 - 2.0))


@dataclass(frozen=True, slots=True)
class ConnectionPath:
    """A connection's route around the cards (model/layout_routes.py)."""

    connection_id: str
    source_id: str
    target_id: str
    points: tuple[tuple[float, float], ...]  # the route's corners, from the source's edge to the target's
    # The route to draw: cubic Bézier pieces (p0, c1, c2, p3), straight runs and rounded corners, end to end.
    segments: tuple[tuple[tuple[float, float], ...], ...]
    loops_back: bool  # the target sits in an earlier stage than the source
    label_at: tuple[float, float]  # halfway along the route
    label: str


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    corner: Rect  # the top-left corner above the lane headers and left of the stage headers
    stages: tuple[StageBox, ...]
    lanes: tuple[LaneBox, ...]
    cells: dict[tuple[str, str], CellBox]
    cards: dict[str, CardBox]
    scales: tuple[EmotionScale, ...]
    curves: tuple[Curve, ...]
    connections: tuple[ConnectionPath, ...]
    stage_index: dict[str, StageBox] = field(default_factory=dict)
    lane_index: dict[str, LaneBox] = field(default_factory=dict)
    # The card ids of each cell in their order, for hit-testing without scanning every card.
    cell_cards: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    # The personas' to-be curves (model/tobe.py), drawn dashed in their colour beside the as-is ones.
    to_be_curves: tuple[Curve, ...] = ()
    # The vote count each card shows (its map's current voting session's, once revealed; cards with none
    # left out): what its footer draws, on screen and on paper.
    votes: dict[str, int] = field(default_factory=dict)


# -- fast constructors, for the layout's hot path ----------------------------------------
# When rows move, thousands of CardBoxes are made again. A frozen dataclass's __init__ sets
# each field through object.__setattr__; these fill the slots directly (about 30 % less time
# per card) and give values equal to the classes' own constructors (tests/model/test_layout.py).
# The setters come in field order; unpacking them below fails loudly if a class gains a field.
_new = object.__new__


def _slot_setters(cls) -> tuple:
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


_RECT, _TEXT, _CARD = _slot_setters(Rect), _slot_setters(TextBlock), _slot_setters(CardBox)


def new_rect(x: float, y: float, w: float, h: float) -> Rect:
    """Rect(x, y, w, h), made faster; likewise new_text_block and new_card_box (positional fields)."""
    r = _new(Rect)
    sx, sy, sw, sh = _RECT
    sx(r, x)
    sy(r, y)
    sw(r, w)
    sh(r, h)
    return r


def new_text_block(lines, x, baselines, size, bold, truncated) -> TextBlock:
    t = _new(TextBlock)
    s_lines, s_x, s_baselines, s_size, s_bold, s_truncated = _TEXT
    s_lines(t, lines)
    s_x(t, x)
    s_baselines(t, baselines)
    s_size(t, size)
    s_bold(t, bold)
    s_truncated(t, truncated)
    return t


def new_card_box(card_id, stage_id, lane_id, index, rect, header, text, footer, hidden) -> CardBox:
    c = _new(CardBox)
    s_card, s_stage, s_lane, s_index, s_rect, s_header, s_text, s_footer, s_hidden = _CARD
    s_card(c, card_id)
    s_stage(c, stage_id)
    s_lane(c, lane_id)
    s_index(c, index)
    s_rect(c, rect)
    s_header(c, header)
    s_text(c, text)
    s_footer(c, footer)
    s_hidden(c, hidden)
    return c
