"""Colours, pens and brushes of the canvas, built once and shared; the theme's palette.

Every colour the canvas draws comes from one `Palette` object: `current()`
is the one in use (the editor's View > Theme sets it with `use()`), and
`LIGHT`, `DARK` and `HIGH_CONTRAST` are the themes. Exported pictures are
paper, so canvas.render draws them with `LIGHT` whatever the screen shows.
Items ask for `current()` when they paint, never at construction, so a
theme switch is a repaint.

Card colours are looked up by the card's colour *name* (model.domain.PALETTE
on light paper, the theme's own tones on screen); nothing here ever turns
user text into a colour.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from model.domain import PALETTE

DIM_OPACITY = 0.22  # a card (and what is drawn over it) that a decoration layer does not keep


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per theme
class Palette:
    """The colours of one theme ("#RRGGBB"; `shadow`s are "#AARRGGBB")."""

    name: str
    dark: bool
    background: str  # outside the map
    cell: str
    cell_alt: str  # every other lane, so rows read across a projector
    grid: str
    header: str
    header_border: str
    lane_header: str
    corner: str
    heading_ink: str  # the map's title in the corner, lane names
    accent: str  # the stripe over each stage header
    ink: str  # main text
    ink_soft: str  # goals, owners, labels
    ink_faint: str  # hints, icons in the lane headers
    badge: str
    badge_border: str
    badge_ink: str
    selection: str
    hover: str
    drop: str
    connection: str
    loop_back: str  # loops back to an earlier stage: another tone, and dashed
    surface: str  # label pills, handles, emotion faces, the in-place editor
    casing: str  # the halo keeping a connection apart from the text it crosses
    shadow: str
    shadow_soft: str
    emotion_band: str
    emotion_tick: str
    emotion_zero: str
    card_text: str
    cards: Mapping[str, tuple[str, str]]  # colour name -> (fill, border)
    card_border_width: float = 1.0


def mix(a: str, b: str, t: float) -> str:
    """`a` moved a fraction `t` towards `b`, as "#RRGGBB"."""
    ca, cb = QColor(a), QColor(b)
    return QColor(round(ca.red() + (cb.red() - ca.red()) * t), round(ca.green() + (cb.green() - ca.green()) * t),
                  round(ca.blue() + (cb.blue() - ca.blue()) * t)).name().upper()


LIGHT = Palette(
    name="light", dark=False,
    # A calm, neutral frame so the cards carry the colour.
    background="#F4F5F7", cell="#FFFFFF", cell_alt="#FAFBFC", grid="#E3E6EA", header="#FFFFFF",
    header_border="#D5DAE0", lane_header="#F1F3F6", corner="#E9ECF1", heading_ink="#243B53", accent="#3C6FB0",
    ink="#1F2933", ink_soft="#52606D", ink_faint="#8A96A3", badge="#EEF2F7", badge_border="#C6D0DC",
    badge_ink="#334E68", selection="#2563EB", hover="#7AA2E3", drop="#2563EB", connection="#5B6B7C",
    loop_back="#B7791F", surface="#FFFFFF", casing="#FFFFFF", shadow="#2E0F172A", shadow_soft="#140F172A",
    emotion_band="#FBFCFD", emotion_tick="#E6E9ED", emotion_zero="#C9D0D8", card_text="#1F2933",
    cards=PALETTE,
)

_DARK_GROUND = "#1B1F24"
DARK = Palette(
    name="dark", dark=True,
    # For a dark room: deep greys, cards as dimmed tones of their colour with light text, no glare.
    background="#121417", cell="#1B1F24", cell_alt="#1F242A", grid="#2E353D", header="#22282F",
    header_border="#38414B", lane_header="#20252B", corner="#262D35", heading_ink="#D9E2EC", accent="#5B8FD6",
    ink="#E6EBF0", ink_soft="#B4BEC8", ink_faint="#7D8893", badge="#2A323B", badge_border="#46525E",
    badge_ink="#D9E2EC", selection="#6EA2FF", hover="#4F78B8", drop="#6EA2FF", connection="#9AA8B6",
    loop_back="#E0A546", surface="#2A3038", casing=_DARK_GROUND, shadow="#66000000", shadow_soft="#33000000",
    emotion_band="#191D22", emotion_tick="#2C333B", emotion_zero="#4C5662", card_text="#EEF2F6",
    cards={name: (mix(border, _DARK_GROUND, 0.75), mix(border, "#FFFFFF", 0.15)) for name, (_fill, border) in PALETTE.items()},
)

HIGH_CONTRAST = Palette(
    name="high_contrast", dark=False,
    # For a projector: black on white, black rules, the paper palette's light fills with black text.
    background="#FFFFFF", cell="#FFFFFF", cell_alt="#F2F2F2", grid="#000000", header="#FFFFFF",
    header_border="#000000", lane_header="#FFFFFF", corner="#FFFFFF", heading_ink="#000000", accent="#000000",
    ink="#000000", ink_soft="#000000", ink_faint="#3A3A3A", badge="#FFFFFF", badge_border="#000000",
    badge_ink="#000000", selection="#0033CC", hover="#0033CC", drop="#0033CC", connection="#000000",
    loop_back="#7A3E00", surface="#FFFFFF", casing="#FFFFFF", shadow="#00000000", shadow_soft="#00000000",
    emotion_band="#FFFFFF", emotion_tick="#767676", emotion_zero="#000000", card_text="#000000",
    cards={name: (fill, "#000000") for name, (fill, _border) in PALETTE.items()},
    card_border_width=2.0,
)

THEMES: dict[str, Palette] = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}

_current = LIGHT


def current() -> Palette:
    """The palette the canvas draws with now."""
    return _current


def use(palette: Palette) -> None:
    """Draw with `palette` from now on; the caller repaints (MapView.repaint_theme)."""
    global _current
    _current = palette


@contextlib.contextmanager
def using(palette: Palette) -> Iterator[Palette]:
    """Draw with `palette` inside the block (an export on paper), then go back."""
    saved = current()
    use(palette)
    try:
        yield palette
    finally:
        use(saved)


@functools.lru_cache(maxsize=256)
def colour(value: str, alpha: int = 255) -> QColor:
    c = QColor(value)  # "#RRGGBB", or "#AARRGGBB" with its own alpha
    if alpha != 255:
        c.setAlpha(alpha)
    return c


@functools.lru_cache(maxsize=64)
def over(value: str, ground: str, alpha: int) -> str:
    """`value` at `alpha` laid over `ground`, as one opaque colour "#RRGGBB": what a translucent
    stroke looks like on that ground, at a fraction of the cost of blending it."""
    top, base = QColor(value), QColor(ground)
    mixed = [round(t * alpha / 255 + b * (255 - alpha) / 255) for t, b in
             ((top.red(), base.red()), (top.green(), base.green()), (top.blue(), base.blue()))]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


@functools.lru_cache(maxsize=256)
def pen(value: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine, alpha: int = 255) -> QPen:
    p = QPen(colour(value, alpha), width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setCosmetic(False)
    return p


@functools.lru_cache(maxsize=64)
def dash_pen(value: str, width: float = 1.0) -> QPen:
    """A dashed pen with flat caps: round-capped dashes cost several times more to rasterise."""
    p = QPen(colour(value), width, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin)
    p.setDashPattern([4.0, 2.5])
    return p


@functools.lru_cache(maxsize=64)
def dashed_pen(value: str, width: float, dash: tuple[float, float] = (4.0, 3.0), alpha: int = 255) -> QPen:
    """A dashed pen with flat caps whose dash and gap are `dash` in layout units: overlays (compare mode,
    the to-be view)."""
    p = QPen(colour(value, alpha), width, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap)
    p.setDashPattern([dash[0] / width, dash[1] / width])  # Qt counts dashes in pen widths
    return p


@functools.lru_cache(maxsize=16)
def cosmetic_pen(value: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen as wide on screen at every zoom: guides and indicators."""
    p = QPen(colour(value), width, style)
    p.setCosmetic(True)
    return p


@functools.lru_cache(maxsize=256)
def brush(value: str, alpha: int = 255) -> QBrush:
    return QBrush(colour(value, alpha))


def shadow_brush() -> QBrush:
    return brush(current().shadow)


def shadow_soft_brush() -> QBrush:
    return brush(current().shadow_soft)


@functools.lru_cache(maxsize=1)
def no_pen() -> QPen:
    return QPen(Qt.PenStyle.NoPen)


@functools.lru_cache(maxsize=1)
def no_brush() -> QBrush:
    return QBrush(Qt.BrushStyle.NoBrush)


def card_fill(name: str) -> str:
    """The fill of a palette colour in the current theme; an unknown name (never stored) falls back to white."""
    cards = current().cards
    return cards.get(name, cards["white"])[0]


def card_border(name: str) -> str:
    cards = current().cards
    return cards.get(name, cards["white"])[1]


def card_ink(name: str) -> str:
    """Icons on a card: its border colour moved towards the card's text, so they read on the fill."""
    return card_ink_of(current(), name)


@functools.lru_cache(maxsize=64)
def card_ink_of(palette: Palette, name: str) -> str:
    """The icons' colour on a card of colour `name` in `palette`."""
    border = palette.cards.get(name, palette.cards["white"])[1]
    if palette is HIGH_CONTRAST:
        return palette.card_text
    return mix(border, palette.card_text, 0.25) if palette.dark else colour(border).darker(135).name()
