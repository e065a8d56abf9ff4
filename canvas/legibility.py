"""How far to zoom a map so every word on it can be read from the back of a room.

The canvas draws text at fixed sizes in layout units (one unit is one pixel at
100 %): card text, the footer's votes and owner, KPI badges, connection
labels, the emotion scale's labels, stage and lane names. On a projector the
smallest of them must come out at `PROJECTED_MIN_PX` pixels or more, so the
presentation zooms in and tours the map part by part rather than shrinking it.
"""

from __future__ import annotations

import math

from .items.card import FOOTER_SIZE
from .items.connection import LABEL_SIZE
from .items.grid import CORNER_TITLE_SIZE
from .items.lane_header import SCALE_SIZE
from .items.stage_header import KPI_SIZE

PROJECTED_MIN_PX = 14.0  # the smallest text a room reads off a 1280×720 projector


def smallest_text_size(scene) -> float:
    """The smallest text size (layout units) the scene can draw, whether or not the map uses it yet:
    a KPI or a vote added during the workshop must be as legible as what was there."""
    st = scene.layout_engine().style
    return min(st.card_text_size, st.goal_size, st.kpi_size, st.lane_name_size, st.stage_name_size,
               FOOTER_SIZE, KPI_SIZE, LABEL_SIZE, SCALE_SIZE, CORNER_TITLE_SIZE)


def legible_zoom(scene, min_px: float = PROJECTED_MIN_PX) -> float:
    """The least zoom at which the scene's smallest text is `min_px` pixels tall, rounded up to 1 %."""
    return math.ceil(min_px / smallest_text_size(scene) * 100.0) / 100.0
