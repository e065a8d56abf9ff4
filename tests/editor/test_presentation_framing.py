"""Where the projector looks: zoom and parts for an area (plain arithmetic, editor/presentation/framing.py),
and which screen it goes on (editor/presentation/screens.py)."""

from __future__ import annotations

import pytest

from editor.presentation.framing import MAX_ZOOM, frame_area
from editor.presentation.screens import choose_screen
from model.layout_types import Rect

HEADERS = (170.0, 90.0)  # pinned lane headers' width, stage headers' height (layout units)
SCENE = (2000.0, 1200.0)
VIEW = (1280.0, 590.0)  # a 1280×720 projector under the banner


def covered(frame, viewport, headers) -> list[tuple[float, float, float, float]]:
    """Each part's visible map beside and below the pinned headers: (x0, y0, x1, y1)."""
    z = frame.zoom
    return [(x + headers[0], y + headers[1], x + viewport[0] / z, y + viewport[1] / z) for x, y in frame.parts]


def test_a_small_area_is_fitted_in_one_part_never_below_the_legible_zoom():
    area = Rect(400.0, 200.0, 200.0, 100.0)
    frame = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56)
    assert len(frame.parts) == 1
    assert 1.56 <= frame.zoom <= MAX_ZOOM
    (x0, y0, x1, y1), = covered(frame, VIEW, HEADERS)
    assert x0 <= area.x and area.right <= x1 and y0 <= area.y and area.bottom <= y1


def test_an_area_too_big_for_the_screen_is_shown_in_parts_at_the_legible_zoom_covering_all_of_it():
    area = Rect(170.0, 90.0, 1800.0, 1000.0)
    frame = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56)
    assert frame.zoom == pytest.approx(1.56)
    parts = covered(frame, VIEW, HEADERS)
    assert len(parts) > 1
    # Every point of the area is in some part (checked on a grid).
    for i in range(41):
        for j in range(41):
            x, y = area.x + area.w * i / 40, area.y + area.h * j / 40
            assert any(x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01 for x0, y0, x1, y1 in parts), (x, y)
    # Column by column: down a column first, then the next one to the right.
    xs = [x for x, _ in frame.parts]
    assert xs == sorted(xs)


def test_parts_never_scroll_beyond_the_map():
    area = Rect(1700.0, 900.0, 280.0, 280.0)
    frame = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56)
    for x, y in frame.parts:
        assert 0.0 <= x <= SCENE[0] - VIEW[0] / frame.zoom + 0.01
        assert 0.0 <= y <= SCENE[1] - VIEW[1] / frame.zoom + 0.01


def test_the_rooms_zoom_scales_the_legible_zoom():
    area = Rect(170.0, 90.0, 1800.0, 1000.0)
    base = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56)
    closer = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56, scale=1.25)
    assert closer.zoom == pytest.approx(base.zoom * 1.25)
    assert len(closer.parts) > len(base.parts)


# Lanes down a map (top, bottom): an Emotions lane of 170 (its scale from its top) and, last, one taller
# than the 288 units a 1280×590 view shows below the headers at 156 %.
LANES = ((90.0, 240.0), (240.0, 360.0), (360.0, 530.0), (530.0, 640.0), (640.0, 750.0), (750.0, 1150.0))


def cuts(y: float, lane: tuple[float, float]) -> bool:
    return lane[0] + 0.5 < y < lane[1] - 0.5


def test_down_a_column_no_part_cuts_a_lane_that_fits_under_the_headers_and_each_is_shown_whole():
    area = Rect(170.0, 90.0, 1800.0, 1060.0)
    frame = frame_area(area, VIEW, HEADERS, SCENE, legible=1.56, rows=LANES)
    parts = covered(frame, VIEW, HEADERS)
    room = VIEW[1] / frame.zoom - HEADERS[1]
    fitting = [lane for lane in LANES if lane[1] - lane[0] <= room]
    assert len(fitting) == len(LANES) - 1
    for _x0, y0, _x1, y1 in parts:
        assert not any(cuts(y0, lane) for lane in fitting), y0
    for top, bottom in fitting:
        assert any(y0 <= top and bottom <= y1 for _x0, y0, _x1, y1 in parts), (top, bottom)
    for i in range(41):  # and every point of the area is still in some part, the tall lane's too
        for j in range(41):
            x, y = area.x + area.w * i / 40, area.y + area.h * j / 40
            assert any(x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01 for x0, y0, x1, y1 in parts), (x, y)
    # Beyond how far the view scrolls only to put a lane's top under the headers.
    limit = SCENE[1] - VIEW[1] / frame.zoom
    lane_tops = {top for top, _bottom in LANES}
    for _x, y in frame.parts:
        assert y <= limit + 0.01 or any(abs(y + HEADERS[1] - top) < 0.01 for top in lane_tops), y


def test_a_small_area_centred_on_the_screen_takes_the_whole_lane_above_or_none_of_it():
    pains = Rect(400.0, 540.0, 1000.0, 80.0)  # cards in the lane under the Emotions lane
    frame = frame_area(pains, VIEW, HEADERS, SCENE, legible=1.56, rows=LANES)
    for _x0, y0, _x1, y1 in covered(frame, VIEW, HEADERS):  # the Emotions lane from its top, and the cards
        assert y0 == pytest.approx(360.0) and pains.bottom <= y1
    one = Rect(400.0, 545.0, 300.0, 70.0)  # one card, shown larger: the Emotions lane no longer fits
    frame = frame_area(one, VIEW, HEADERS, SCENE, legible=1.56, rows=LANES)
    (_x0, y0, _x1, y1), = covered(frame, VIEW, HEADERS)
    assert frame.zoom > 1.56 and y0 == pytest.approx(530.0) and one.bottom <= y1  # none of it


def test_a_tiny_viewport_still_gives_a_frame():
    frame = frame_area(Rect(0.0, 0.0, 10.0, 10.0), (0.0, 0.0), HEADERS, SCENE, legible=1.56)
    assert frame.parts and frame.zoom > 0


def test_the_screen_the_editor_is_not_on_unless_one_was_chosen():
    laptop, projector, tv = "laptop", "projector", "tv"
    assert choose_screen([laptop, projector], laptop) == projector
    assert choose_screen([projector, laptop], laptop) == projector
    assert choose_screen([laptop], laptop) == laptop  # one screen: the presentation fills it
    assert choose_screen([laptop, projector, tv], laptop, tv) == tv
    assert choose_screen([laptop, projector], laptop, laptop) == laptop  # chosen, though it is the editor's
    assert choose_screen([laptop, projector], laptop, tv) == projector  # the chosen one was unplugged
    assert choose_screen([laptop], "gone") == laptop
    assert choose_screen([], laptop) is None
