"""Drawing a layout TextBlock: line by line at the layout's baselines, so screen == print."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter

from model.layout_types import TextBlock

from ..fonts import bold_font, card_font


def local_lines(block: TextBlock, dx: float, dy: float) -> tuple[tuple[QPointF, str], ...]:
    """The block's lines with their baseline points moved by (-dx, -dy) into an item's coordinates."""
    return tuple((QPointF(block.x - dx, b - dy), line) for b, line in zip(block.baselines, block.lines))


def draw_lines(painter: QPainter, block: TextBlock, lines: tuple[tuple[QPointF, str], ...]) -> None:
    if not lines:
        return
    painter.setFont(bold_font(block.size) if block.bold else card_font(block.size))
    for at, line in lines:
        painter.drawText(at, line)
