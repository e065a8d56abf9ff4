"""Small vector icons drawn with QPainterPath, in a 12 × 12 box at the origin.

Every card kind and channel has its own shape, so colour is never the only
signal (a projector washes colours out; some readers do not see them).
Paths are built once and cached; callers translate the painter to draw them.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from model.domain import CardKind, Channel

SIZE = 12.0


def _poly(points, close: bool = True) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    if close:
        path.closeSubpath()
    return path


def _star(cx: float, cy: float, outer: float, inner: float) -> QPainterPath:
    pts = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return _poly(pts)


def _kind(kind: CardKind) -> tuple[QPainterPath, QPainterPath]:
    """(stroked outline, filled part) of a card kind's icon."""
    stroke, fill = QPainterPath(), QPainterPath()
    if kind == CardKind.NOTE:  # a sticky note with a folded corner
        stroke.addPath(_poly([(1.5, 1.5), (10.5, 1.5), (10.5, 7.5), (7.5, 10.5), (1.5, 10.5)]))
        stroke.addPath(_poly([(10.5, 7.5), (7.5, 7.5), (7.5, 10.5)], close=False))
    elif kind == CardKind.TOUCHPOINT:  # a target
        stroke.addEllipse(QPointF(6, 6), 4.8, 4.8)
        fill.addEllipse(QPointF(6, 6), 2.0, 2.0)
    elif kind == CardKind.PAIN_POINT:  # a warning triangle with "!"
        stroke.addPath(_poly([(6, 1.2), (11.2, 10.6), (0.8, 10.6)]))
        stroke.moveTo(6, 4.6)
        stroke.lineTo(6, 7.2)
        fill.addEllipse(QPointF(6, 8.9), 0.75, 0.75)
    elif kind == CardKind.OPPORTUNITY:  # a rising trend with an arrow
        stroke.addPath(_poly([(1, 10), (4.5, 6.5), (6.8, 8.6), (11, 3.2)], close=False))
        fill.addPath(_poly([(11.6, 1.8), (11.4, 6.2), (7.6, 3.0)]))
    elif kind == CardKind.IDEA:  # a light bulb
        stroke.addEllipse(QPointF(6, 5), 3.8, 3.8)
        stroke.moveTo(4.4, 10.2)
        stroke.lineTo(7.6, 10.2)
        stroke.moveTo(4.8, 11.6)
        stroke.lineTo(7.2, 11.6)
    elif kind == CardKind.QUOTE:  # two quotation marks
        for x in (2.2, 7.0):
            fill.addEllipse(QPointF(x + 1.6, 4.6), 1.9, 1.9)
            fill.addPath(_poly([(x + 3.4, 5.0), (x + 2.6, 9.6), (x + 0.2, 10.2), (x + 1.6, 6.0)]))
    elif kind == CardKind.ACTION:  # a ticked box
        stroke.addRoundedRect(QRectF(1.5, 1.5, 9, 9), 1.2, 1.2)
        stroke.addPath(_poly([(3.6, 6.2), (5.4, 8.2), (8.8, 3.8)], close=False))
    return stroke, fill


def _channel(channel: Channel) -> tuple[QPainterPath, QPainterPath]:
    stroke, fill = QPainterPath(), QPainterPath()
    c = Channel
    if channel == c.WEB:  # a globe
        stroke.addEllipse(QPointF(6, 6), 5, 5)
        stroke.addEllipse(QPointF(6, 6), 2.2, 5)
        stroke.moveTo(1, 6)
        stroke.lineTo(11, 6)
    elif channel == c.EMAIL:  # an envelope
        stroke.addRect(QRectF(1, 2.5, 10, 7))
        stroke.addPath(_poly([(1, 2.5), (6, 6.8), (11, 2.5)], close=False))
    elif channel == c.PHONE:  # a handset
        path = QPainterPath()
        path.moveTo(2.2, 1.5)
        path.lineTo(4.4, 1.5)
        path.lineTo(5.0, 4.2)
        path.lineTo(3.8, 5.2)
        path.cubicTo(4.6, 7.0, 5.4, 7.8, 7.0, 8.4)
        path.lineTo(8.0, 7.2)
        path.lineTo(10.6, 7.8)
        path.lineTo(10.6, 10.2)
        path.cubicTo(5.0, 10.8, 1.4, 7.0, 2.2, 1.5)
        fill.addPath(path)
    elif channel == c.STORE:  # a shop front with an awning
        stroke.addPath(_poly([(1, 4.5), (2.5, 1.5), (9.5, 1.5), (11, 4.5)]))
        stroke.addPath(_poly([(2, 4.5), (2, 10.8), (10, 10.8), (10, 4.5)], close=False))
        stroke.addRect(QRectF(5, 7, 2.4, 3.8))
    elif channel == c.SOCIAL:  # three linked people
        for x, y in ((2.2, 6), (9.8, 2.4), (9.8, 9.6)):
            fill.addEllipse(QPointF(x, y), 1.8, 1.8)
        stroke.addPath(_poly([(9.8, 2.4), (2.2, 6), (9.8, 9.6)], close=False))
    elif channel == c.EVENT:  # a calendar page
        stroke.addRect(QRectF(1, 2.5, 10, 8.5))
        stroke.moveTo(1, 5.2)
        stroke.lineTo(11, 5.2)
        stroke.moveTo(3.8, 1)
        stroke.lineTo(3.8, 3.6)
        stroke.moveTo(8.2, 1)
        stroke.lineTo(8.2, 3.6)
        fill.addRect(QRectF(6.4, 7.0, 2.6, 2.4))
    elif channel == c.CHAT:  # a speech bubble with dots
        stroke.addRoundedRect(QRectF(1, 1.5, 10, 7), 2, 2)
        stroke.addPath(_poly([(3.2, 8.5), (2.6, 11), (5.6, 8.5)], close=False))
        for x in (3.8, 6.0, 8.2):
            fill.addEllipse(QPointF(x, 5), 0.8, 0.8)
    elif channel == c.APP:  # a mobile phone
        stroke.addRoundedRect(QRectF(3, 0.8, 6, 10.4), 1.4, 1.4)
        fill.addEllipse(QPointF(6, 9.3), 0.8, 0.8)
    elif channel == c.WORD_OF_MOUTH:  # a head speaking
        stroke.addEllipse(QPointF(4, 6), 3, 3.6)
        stroke.moveTo(8.2, 4.2)
        stroke.quadTo(9.4, 6, 8.2, 7.8)
        stroke.moveTo(10, 2.8)
        stroke.quadTo(12, 6, 10, 9.2)
    elif channel == c.REVIEW_SITE:  # a star
        stroke.addPath(_star(6, 6.4, 5.4, 2.3))
    elif channel == c.SALES:  # a price tag
        stroke.addPath(_poly([(1, 1), (6.2, 1), (11, 5.8), (5.8, 11), (1, 6.2)]))
        fill.addEllipse(QPointF(3.6, 3.6), 1.0, 1.0)
    elif channel == c.DOCUMENT:  # a page of text
        stroke.addPath(_poly([(2.2, 0.8), (7.6, 0.8), (9.8, 3.0), (9.8, 11.2), (2.2, 11.2)]))
        for y in (4.6, 6.8, 9.0):
            stroke.moveTo(4.0, y)
            stroke.lineTo(8.0, y)
    return stroke, fill


@functools.cache
def kind_icon(kind: str) -> tuple[QPainterPath, QPainterPath]:
    return _kind(CardKind(kind))


@functools.cache
def channel_icon(channel: str) -> tuple[QPainterPath, QPainterPath]:
    return _channel(Channel(channel))


@functools.cache
def face(step: int) -> tuple[QPainterPath, QPainterPath]:
    """A face for an emotion rounded to -2…+2, centred on the origin, radius about 5: (mouth, eyes)."""
    eyes = QPainterPath()
    eyes.addEllipse(QPointF(-1.9, -1.4), 0.85, 0.95)
    eyes.addEllipse(QPointF(1.9, -1.4), 0.85, 0.95)
    mouth = QPainterPath()
    curve = {-2: -2.6, -1: -1.3, 0: 0.0, 1: 1.3, 2: 2.6}[max(-2, min(2, step))]
    y = 2.0 - curve / 3
    mouth.moveTo(-2.6, y)
    mouth.quadTo(0, y + curve, 2.6, y)
    return mouth, eyes


@functools.cache
def chevron(collapsed: bool) -> QPainterPath:
    """A chevron in a 12 × 12 box: pointing right when collapsed, down when open."""
    if collapsed:
        return _poly([(4.5, 2.5), (8.5, 6), (4.5, 9.5)], close=False)
    return _poly([(2.5, 4.5), (6, 8.5), (9.5, 4.5)], close=False)


@functools.cache
def lane_kind_icon(kind: str) -> QPainterPath:
    """Cards lanes: three stacked notes; emotion lanes: a wave."""
    path = QPainterPath()
    if kind == "emotions":
        path.moveTo(0.5, 7)
        path.cubicTo(3, 1, 5, 1, 6, 6)
        path.cubicTo(7, 11, 9, 11, 11.5, 5)
    else:
        for y in (1.5, 5.25, 9):
            path.addRoundedRect(QRectF(1, y, 10, 2.4), 0.8, 0.8)
    return path


def arrow_head(tip: tuple[float, float], from_: tuple[float, float], size: float = 8.0) -> QPainterPath:
    """A filled triangle at `tip`, pointing away from `from_`."""
    dx, dy = tip[0] - from_[0], tip[1] - from_[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * size, tip[1] - uy * size
    half = size * 0.45
    return _poly([tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)])
