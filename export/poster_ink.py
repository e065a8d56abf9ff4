"""How wide the map's strokes are on the poster, the marks built from the layout's points, and the cards' order.

Shared by the painter (poster_map.py) and the changed-sheet detection
(poster_sheets.py): a sheet counts as changed when ink that reaches into it
changes, so both must agree on where every stroke's ink goes, and in what order.
Units are layout units (y down), before the poster scales the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from model.fonts import fit_with_ellipsis, regular_metrics
from model.layout_types import CardBox, Layout

GRID_LINE = 0.6  # lane and stage rules, the emotion scale's lines
CARD_LINE = 0.8
CONNECTION_LINE = 1.4
ARROW_LENGTH = 8.0
ARROW_HALF = 4.0  # half the arrowhead's base
LABEL_SIZE = 8.0
LABEL_MAX_WIDTH = 200.0
LABEL_LINE = 0.5
CURVE_LINE = 2.6
FACE_RADIUS = 6.5  # a face on a curve, centre to edge
FACE_REACH = 1.2  # the face form's box, in radii: nothing of it is drawn beyond


def arrowhead(towards_from: tuple[float, float], tip: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """The arrowhead's triangle (tip, left, right) pointing along towards_from → tip."""
    dx, dy = tip[0] - towards_from[0], tip[1] - towards_from[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH
    return (tip, (bx - uy * ARROW_HALF, by + ux * ARROW_HALF), (bx + uy * ARROW_HALF, by - ux * ARROW_HALF))


def connection_arrow(bezier) -> tuple[tuple[float, float], ...]:
    p0, _, c2, p3 = bezier
    return arrowhead(c2 if c2 != p3 else p0, p3)


def connection_label(text: str) -> tuple[str, float, float]:
    """A connection label as printed: the text (one line, cut to fit), its box's width and height."""
    from .pdf_fonts import text_width

    label = fit_with_ellipsis(text.replace("\n", " "), LABEL_MAX_WIDTH, regular_metrics(), LABEL_SIZE)
    return label, text_width(label, LABEL_SIZE) + 8, LABEL_SIZE * 1.5


def shown_cards(layout: Layout) -> Iterator[CardBox]:
    """The visible cards' boxes stage by stage, lane by lane, in cell order: the order they are drawn and read."""
    for stage in layout.stages:
        for lane in layout.lanes:
            for card_id in layout.cell_cards.get((stage.stage_id, lane.lane_id), ()):
                box = layout.cards[card_id]
                if not box.hidden:
                    yield box
