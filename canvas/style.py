"""Colours, pens and brushes of the canvas, built once and shared.

Card colours come only from model.domain.PALETTE, looked up by the card's
colour *name*; nothing here ever turns user text into a colour.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from model.domain import PALETTE

# A calm, neutral frame so the cards carry the colour.
BACKGROUND = "#F4F5F7"  # outside the map
CELL = "#FFFFFF"
CELL_ALT = "#FAFBFC"  # every other lane, so rows read across a projector
GRID = "#E3E6EA"
HEADER = "#FFFFFF"
HEADER_BORDER = "#D5DAE0"
LANE_HEADER = "#F1F3F6"
CORNER = "#E9ECF1"
ACCENT = "#3C6FB0"  # the stripe over each stage header
INK = "#1F2933"  # main text
INK_SOFT = "#52606D"  # goals, owners, labels
INK_FAINT = "#8A96A3"
BADGE = "#EEF2F7"
BADGE_BORDER = "#C6D0DC"
BADGE_INK = "#334E68"
SELECTION = "#2563EB"
HOVER = "#7AA2E3"
DROP = "#2563EB"
CONNECTION = "#5B6B7C"
LOOP_BACK = "#B7791F"  # loops back to an earlier stage: another tone, and dashed
SHADOW = QColor(15, 23, 42, 46)
SHADOW_SOFT = QColor(15, 23, 42, 20)
EMOTION_BAND = "#FBFCFD"
EMOTION_TICK = "#E6E9ED"
EMOTION_ZERO = "#C9D0D8"


@functools.lru_cache(maxsize=256)
def colour(value: str, alpha: int = 255) -> QColor:
    c = QColor(value)
    c.setAlpha(alpha)
    return c


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


@functools.lru_cache(maxsize=16)
def cosmetic_pen(value: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen as wide on screen at every zoom: guides and indicators."""
    p = QPen(colour(value), width, style)
    p.setCosmetic(True)
    return p


@functools.lru_cache(maxsize=256)
def brush(value: str, alpha: int = 255) -> QBrush:
    return QBrush(colour(value, alpha))


@functools.lru_cache(maxsize=1)
def shadow_brush() -> QBrush:
    return QBrush(SHADOW)


@functools.lru_cache(maxsize=1)
def shadow_soft_brush() -> QBrush:
    return QBrush(SHADOW_SOFT)


@functools.lru_cache(maxsize=1)
def no_pen() -> QPen:
    return QPen(Qt.PenStyle.NoPen)


@functools.lru_cache(maxsize=1)
def no_brush() -> QBrush:
    return QBrush(Qt.BrushStyle.NoBrush)


def card_fill(name: str) -> str:
    """The fill of a palette colour; an unknown name (never stored) falls back to white."""
    return PALETTE.get(name, PALETTE["white"])[0]


def card_border(name: str) -> str:
    return PALETTE.get(name, PALETTE["white"])[1]


@functools.lru_cache(maxsize=64)
def card_ink(name: str) -> str:
    """Icons on a card: its border colour darkened, so they read on the fill."""
    return colour(card_border(name)).darker(135).name()
