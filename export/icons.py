"""Vector icons for card kinds and channels, and the emotion faces.

Each icon is drawn once into a PDF Form XObject on a unit square (0…1, y up)
and placed with `place_icon`, so a 2,000-card poster repeats a few bytes per
card instead of a whole path. Faces vary with the value, so they are drawn
directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from model.domain import CardKind, Channel

INK = "#2D3748"
WIDTH = 0.085  # stroke width in icon units (a 10 pt icon gets 0.85 pt lines)


def _page(c, fold: bool = False) -> None:
    p = c.beginPath()
    p.moveTo(0.2, 0.06)
    p.lineTo(0.8, 0.06)
    p.lineTo(0.8, 0.72 if fold else 0.94)
    if fold:
        p.lineTo(0.58, 0.94)
    p.lineTo(0.2, 0.94)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    if fold:
        p = c.beginPath()
        p.moveTo(0.58, 0.94)
        p.lineTo(0.58, 0.72)
        p.lineTo(0.8, 0.72)
        c.drawPath(p, stroke=1, fill=0)


def _note(c) -> None:
    _page(c)
    for y in (0.7, 0.5, 0.3):
        c.line(0.32, y, 0.68, y)


def _document(c) -> None:
    _page(c, fold=True)
    for y in (0.5, 0.3):
        c.line(0.32, y, 0.68, y)


def _touchpoint(c) -> None:
    c.circle(0.5, 0.5, 0.4, stroke=1, fill=0)
    c.circle(0.5, 0.5, 0.2, stroke=1, fill=0)
    c.circle(0.5, 0.5, 0.06, stroke=0, fill=1)


def _pain_point(c) -> None:
    p = c.beginPath()
    p.moveTo(0.5, 0.94)
    p.lineTo(0.96, 0.1)
    p.lineTo(0.04, 0.1)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    c.setLineWidth(WIDTH * 1.4)
    c.line(0.5, 0.66, 0.5, 0.38)
    c.circle(0.5, 0.24, 0.06, stroke=0, fill=1)
    c.setLineWidth(WIDTH)


def _opportunity(c) -> None:
    p = c.beginPath()
    p.moveTo(0.08, 0.2)
    p.lineTo(0.38, 0.5)
    p.lineTo(0.56, 0.34)
    p.lineTo(0.88, 0.74)
    c.drawPath(p, stroke=1, fill=0)
    p = c.beginPath()
    p.moveTo(0.62, 0.8)
    p.lineTo(0.92, 0.8)
    p.lineTo(0.92, 0.5)
    c.drawPath(p, stroke=1, fill=0)


def _idea(c) -> None:
    c.circle(0.5, 0.6, 0.3, stroke=1, fill=0)
    c.rect(0.36, 0.1, 0.28, 0.18, stroke=1, fill=0)
    c.line(0.42, 0.34, 0.42, 0.28)
    c.line(0.58, 0.34, 0.58, 0.28)


def _quote(c) -> None:
    for x in (0.3, 0.66):
        c.circle(x, 0.6, 0.14, stroke=0, fill=1)
        p = c.beginPath()
        p.moveTo(x + 0.12, 0.56)
        p.curveTo(x + 0.1, 0.36, x - 0.02, 0.24, x - 0.14, 0.2)
        c.drawPath(p, stroke=1, fill=0)


def _action(c) -> None:
    c.roundRect(0.12, 0.12, 0.76, 0.76, 0.1, stroke=1, fill=0)
    p = c.beginPath()
    p.moveTo(0.3, 0.5)
    p.lineTo(0.45, 0.32)
    p.lineTo(0.74, 0.7)
    c.drawPath(p, stroke=1, fill=0)


def _globe(c) -> None:
    c.circle(0.5, 0.5, 0.42, stroke=1, fill=0)
    c.ellipse(0.32, 0.08, 0.68, 0.92, stroke=1, fill=0)
    c.line(0.08, 0.5, 0.92, 0.5)


def _email(c) -> None:
    c.rect(0.08, 0.2, 0.84, 0.6, stroke=1, fill=0)
    p = c.beginPath()
    p.moveTo(0.08, 0.8)
    p.lineTo(0.5, 0.45)
    p.lineTo(0.92, 0.8)
    c.drawPath(p, stroke=1, fill=0)


def _phone(c) -> None:
    c.setLineWidth(WIDTH * 2.2)
    c.arc(0.12, 0.12, 0.88, 0.88, 200, 140)
    c.setLineWidth(WIDTH)
    c.circle(0.2, 0.32, 0.1, stroke=0, fill=1)
    c.circle(0.8, 0.32, 0.1, stroke=0, fill=1)


def _store(c) -> None:
    c.rect(0.14, 0.08, 0.72, 0.5, stroke=1, fill=0)
    c.rect(0.42, 0.08, 0.16, 0.28, stroke=1, fill=0)
    p = c.beginPath()
    p.moveTo(0.06, 0.58)
    p.lineTo(0.18, 0.88)
    p.lineTo(0.82, 0.88)
    p.lineTo(0.94, 0.58)
    p.close()
    c.drawPath(p, stroke=1, fill=0)


def _social(c) -> None:
    c.line(0.26, 0.5, 0.74, 0.78)
    c.line(0.26, 0.5, 0.74, 0.22)
    for x, y in ((0.24, 0.5), (0.76, 0.8), (0.76, 0.2)):
        c.circle(x, y, 0.13, stroke=0, fill=1)


def _event(c) -> None:
    c.rect(0.1, 0.1, 0.8, 0.7, stroke=1, fill=0)
    c.rect(0.1, 0.62, 0.8, 0.18, stroke=0, fill=1)
    c.line(0.32, 0.72, 0.32, 0.94)
    c.line(0.68, 0.72, 0.68, 0.94)
    for x in (0.3, 0.5, 0.7):
        c.circle(x, 0.38, 0.05, stroke=0, fill=1)


def _bubble(c, x: float, y: float, w: float, h: float, tail_left: bool = True) -> None:
    c.roundRect(x, y, w, h, min(w, h) * 0.3, stroke=1, fill=0)
    p = c.beginPath()
    tx = x + w * (0.25 if tail_left else 0.75)
    p.moveTo(tx - 0.06, y)
    p.lineTo(tx - (0.1 if tail_left else -0.1), y - 0.16)
    p.lineTo(tx + 0.08, y)
    c.drawPath(p, stroke=1, fill=0)


def _chat(c) -> None:
    _bubble(c, 0.08, 0.28, 0.84, 0.6)
    for x in (0.32, 0.5, 0.68):
        c.circle(x, 0.58, 0.05, stroke=0, fill=1)


def _word_of_mouth(c) -> None:
    _bubble(c, 0.04, 0.42, 0.56, 0.5)
    _bubble(c, 0.42, 0.16, 0.54, 0.42, tail_left=False)


def _app(c) -> None:
    c.roundRect(0.26, 0.04, 0.48, 0.92, 0.1, stroke=1, fill=0)
    c.line(0.26, 0.2, 0.74, 0.2)
    c.line(0.26, 0.82, 0.74, 0.82)
    c.circle(0.5, 0.12, 0.04, stroke=0, fill=1)


def _star(c) -> None:
    p = c.beginPath()
    for i in range(10):
        r = 0.46 if i % 2 == 0 else 0.19
        a = math.pi / 2 + i * math.pi / 5
        x, y = 0.5 + r * math.cos(a), 0.48 + r * math.sin(a)
        if i == 0:
            p.moveTo(x, y)
        else:
            p.lineTo(x, y)
    p.close()
    c.drawPath(p, stroke=1, fill=0)


def _sales(c) -> None:
    p = c.beginPath()
    p.moveTo(0.06, 0.5)
    p.lineTo(0.3, 0.8)
    p.lineTo(0.94, 0.8)
    p.lineTo(0.94, 0.2)
    p.lineTo(0.3, 0.2)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    c.circle(0.3, 0.5, 0.07, stroke=1, fill=0)


KIND_ICONS: dict[CardKind, Callable] = {
    CardKind.NOTE: _note,
    CardKind.TOUCHPOINT: _touchpoint,
    CardKind.PAIN_POINT: _pain_point,
    CardKind.OPPORTUNITY: _opportunity,
    CardKind.IDEA: _idea,
    CardKind.QUOTE: _quote,
    CardKind.ACTION: _action,
}
CHANNEL_ICONS: dict[Channel, Callable] = {
    Channel.WEB: _globe,
    Channel.EMAIL: _email,
    Channel.PHONE: _phone,
    Channel.STORE: _store,
    Channel.SOCIAL: _social,
    Channel.EVENT: _event,
    Channel.CHAT: _chat,
    Channel.APP: _app,
    Channel.WORD_OF_MOUTH: _word_of_mouth,
    Channel.REVIEW_SITE: _star,
    Channel.SALES: _sales,
    Channel.DOCUMENT: _document,
}


def icon_form_name(value: CardKind | Channel) -> str:
    prefix = "kind" if isinstance(value, CardKind) else "channel"
    return f"jm-icon-{prefix}-{value.value}"


def define_icon_forms(canv, colour: str = INK) -> None:
    """Draw every icon once as a Form XObject; call before the poster's own form is begun."""
    from reportlab.lib.colors import HexColor

    ink = HexColor(colour)
    for value, draw in (*KIND_ICONS.items(), *CHANNEL_ICONS.items()):
        canv.beginForm(icon_form_name(value), 0, -0.2, 1, 1.2)
        canv.setStrokeColor(ink)
        canv.setFillColor(ink)
        canv.setLineWidth(WIDTH)
        canv.setLineJoin(1)
        canv.setLineCap(1)
        draw(canv)
        canv.endForm()


DOT_FORM = "jm-dot"
FACE_STEPS = 8  # faces on curves are drawn for values in steps of 1/4 (−2, −1.75 … +2)


def face_form_name(value: float) -> str:
    step = round(max(-2.0, min(2.0, value)) * FACE_STEPS / 2)
    return f"jm-face-{step + FACE_STEPS}"


def define_marker_forms(canv) -> None:
    """A filled unit dot and the curve faces, in the colours current where they are placed.

    They set no colour of their own except the face's white fill, so one form
    serves every persona: its eyes are zero-length round-capped strokes, which
    PDF draws as dots in the stroke colour.
    """
    from reportlab.lib.colors import white

    canv.beginForm(DOT_FORM, -1, -1, 1, 1)
    canv.circle(0, 0, 1, stroke=0, fill=1)
    canv.endForm()
    for step in range(-FACE_STEPS, FACE_STEPS + 1):
        value = step * 2 / FACE_STEPS
        canv.beginForm(f"jm-face-{step + FACE_STEPS}", -1.2, -1.2, 1.2, 1.2)
        canv.setFillColor(white)
        canv.setLineWidth(0.2)
        canv.circle(0, 0, 1, stroke=1, fill=1)
        canv.setLineCap(1)
        canv.setLineWidth(0.26)
        for dx in (-0.34, 0.34):
            canv.line(dx, 0.22, dx, 0.22)
        canv.setLineWidth(0.16)
        bend = value / 2.0 * 0.32
        mouth_y = -0.3 + (0.08 if value < 0 else 0.0)
        path = canv.beginPath()
        path.moveTo(-0.42, mouth_y)
        path.curveTo(-0.2, mouth_y - bend, 0.2, mouth_y - bend, 0.42, mouth_y)
        canv.drawPath(path, stroke=1, fill=0)
        canv.endForm()


def place_form(canv, name: str, x: float, y: float, radius: float) -> None:
    """A marker form centred on (x, y), `radius` points from its centre to its edge."""
    canv.saveState()
    canv.transform(radius, 0, 0, radius, x, y)
    canv.doForm(name)
    canv.restoreState()


def place_icon(canv, value: CardKind | Channel, x: float, y: float, size: float) -> None:
    """Put an icon with its unit square's bottom-left at (x, y), `size` points wide."""
    if isinstance(value, Channel) and value == Channel.NONE:
        return
    canv.saveState()
    canv.transform(size, 0, 0, size, x, y)
    canv.doForm(icon_form_name(value))
    canv.restoreState()


# -- emotion faces ---------------------------------------------------------------

FACE_COLOURS = {-2: "#C9483B", -1: "#D9862E", 0: "#868C94", 1: "#5A9E2E", 2: "#2F855A"}


def face_colour(value: float) -> str:
    """The colour of the nearest whole value's face (the legend's and the scale's)."""
    return FACE_COLOURS[max(-2, min(2, round(value)))]


def draw_face(canv, cx: float, cy: float, r: float, value: float, stroke, fill, width: float | None = None) -> None:
    """A round face at (cx, cy): the mouth smiles for +2, is flat at 0 and frowns for −2."""
    lw = width if width is not None else max(r * 0.16, 0.3)
    canv.setLineWidth(lw)
    canv.setStrokeColor(stroke)
    canv.setFillColor(fill)
    canv.circle(cx, cy, r, stroke=1, fill=1)
    canv.setFillColor(stroke)
    for dx in (-0.34, 0.34):
        canv.circle(cx + dx * r, cy + 0.22 * r, r * 0.12, stroke=0, fill=1)
    bend = max(-2.0, min(2.0, value)) / 2.0 * 0.32 * r
    mouth_y = cy - 0.3 * r + (0.08 * r if value < 0 else 0.0)
    p = canv.beginPath()
    p.moveTo(cx - 0.42 * r, mouth_y)
    p.curveTo(cx - 0.2 * r, mouth_y - bend, cx + 0.2 * r, mouth_y - bend, cx + 0.42 * r, mouth_y)
    canv.setLineCap(1)
    canv.drawPath(p, stroke=1, fill=0)
