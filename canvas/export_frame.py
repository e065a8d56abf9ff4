"""The title block above an exported image: the map's title, its owner, and a key to the
emotion curves (each shown persona's name beside a sample of its line in its colour, and the
room's curve, when the image draws it, beside a sample of its band).

An image leaves the editor, where the window title names the map and the persona
panel says which curve is whose; the block carries both into the PNG or SVG.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics
from model.room.curve import ROOM_BAND_OPACITY, ROOM_CURVE_COLOUR, ROOM_LABEL

from . import style
from .fonts import bold_font, card_font

PAD = 16.0
TITLE_SIZE = 22.0
SUB_SIZE = 11.0
KEY_SIZE = 11.0
ROW = 20.0  # one row of the key
SAMPLE = 26.0  # the line sample before a persona's name
GAP = 22.0  # between two entries of the key


@dataclass(frozen=True)
class Frame:
    """What the block shows and where: laid out once, drawn once."""

    height: float
    title: str
    subtitle: str
    entries: tuple[tuple[float, float, str, str], ...]  # (x, row y, name, colour) of each persona's entry
    room: tuple[float, float] | None = None  # (x, row y) of the room curve's entry, after the personas'


def plan_frame(document, width: float, room: bool = False) -> Frame:
    """The block for `document` across `width` units: title, owner and the key, wrapped to rows;
    with `room`, the key names the room's curve too (the image draws one)."""
    info = document.info
    space = max(40.0, width - 2 * PAD)
    # At most a few hundred characters fit any image's width: cut long text before measuring it.
    title = fit_with_ellipsis(" ".join(info.title[:600].split()) or "Untitled journey", space, bold_metrics(), TITLE_SIZE)
    subtitle = fit_with_ellipsis(" ".join(info.owner[:600].split()), space, regular_metrics(), SUB_SIZE) if info.owner.strip() else ""
    y = PAD + TITLE_SIZE + (SUB_SIZE + 8.0 if subtitle else 0.0) + 12.0
    entries = []
    personas = [p for p in document.personas if p.visible]
    room_at = None
    if personas or room:
        label_w = regular_metrics().text_width("Emotion curves:", KEY_SIZE) + GAP / 2
        x = PAD + label_w

        def place(name: str) -> tuple[float, float]:
            nonlocal x, y
            w = SAMPLE + 6.0 + regular_metrics().text_width(name, KEY_SIZE)
            if x + w > width - PAD and x > PAD + label_w:
                x, y = PAD + label_w, y + ROW
            at = (x, y)
            x += w + GAP
            return at

        for persona in personas:
            name = fit_with_ellipsis(" ".join(persona.name[:600].split()), space - label_w - SAMPLE - 6.0, regular_metrics(), KEY_SIZE)
            entries.append((*place(name), name, persona.colour))
        if room:
            room_at = place(ROOM_LABEL)
        y += ROW
    return Frame(y + 4.0, title, subtitle, tuple(entries), room_at)


def paint_frame(painter: QPainter, frame: Frame, width: float) -> None:
    """Draw the block in the rectangle (0, 0, width, frame.height)."""
    painter.fillRect(QRectF(0.0, 0.0, width, frame.height), style.brush("#FFFFFF"))
    painter.fillRect(QRectF(0.0, 0.0, width, 3.0), style.brush(style.current().accent))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    baseline = PAD + TITLE_SIZE * 0.8
    painter.setFont(bold_font(TITLE_SIZE))
    painter.setPen(style.pen(style.current().ink))
    painter.drawText(QPointF(PAD, baseline), frame.title)
    if frame.subtitle:
        baseline += SUB_SIZE + 8.0
        painter.setFont(card_font(SUB_SIZE))
        painter.setPen(style.pen(style.current().ink_soft))
        painter.drawText(QPointF(PAD, baseline), frame.subtitle)
    if frame.entries or frame.room:
        painter.setFont(card_font(KEY_SIZE))
        painter.setPen(style.pen(style.current().ink_soft))
        first_row = frame.entries[0][1] if frame.entries else frame.room[1]
        painter.drawText(QPointF(PAD, first_row + KEY_SIZE * 0.35), "Emotion curves:")
    for x, y, name, colour in frame.entries:
        # The curve's own look: a thick line in the persona's colour, with a point on it.
        painter.setPen(style.pen(colour, 2.6))
        painter.drawLine(QPointF(x, y), QPointF(x + SAMPLE, y))
        painter.setPen(style.pen(colour, 1.6))
        painter.setBrush(style.brush("#FFFFFF"))
        painter.drawEllipse(QPointF(x + SAMPLE / 2, y), 4.0, 4.0)
        painter.setPen(style.pen(style.current().ink))
        painter.drawText(QPointF(x + SAMPLE + 6.0, y + KEY_SIZE * 0.35), name)
    if frame.room:
        _room_entry(painter, *frame.room)
    painter.setPen(style.pen(style.current().header_border))
    painter.drawLine(QPointF(0.0, frame.height - 0.5), QPointF(width, frame.height - 0.5))


def _room_entry(painter: QPainter, x: float, y: float) -> None:
    """The room's curve as canvas/items/room_curve.py draws it: its band, its dashed line, a dot; its name."""
    painter.setPen(style.no_pen())
    painter.setBrush(style.brush(ROOM_CURVE_COLOUR, round(255 * ROOM_BAND_OPACITY)))
    painter.drawRoundedRect(QRectF(x, y - 6.0, SAMPLE, 12.0), 4.0, 4.0)
    painter.setBrush(style.no_brush())
    painter.setPen(style.pen(ROOM_CURVE_COLOUR, 2.2, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(x, y), QPointF(x + SAMPLE, y))
    painter.setPen(style.no_pen())
    painter.setBrush(style.brush(ROOM_CURVE_COLOUR))
    painter.drawEllipse(QPointF(x + SAMPLE / 2, y), 4.0, 4.0)
    painter.setPen(style.pen(style.current().ink))
    painter.drawText(QPointF(x + SAMPLE + 6.0, y + KEY_SIZE * 0.35), ROOM_LABEL)
