"""Where things go on the sheet: margins, the map scaled to fit, the legend below or beside it."""

from __future__ import annotations

import pytest

from export.paper import margin_for, oriented, parse_paper
from export.poster import frame_content
from export.poster_frame import compose
from model.layout import compute_layout
from tests.export.maps import workshop_map

A1_LANDSCAPE = oriented(parse_paper("A1"), True)


def _compose(doc, page=A1_LANDSCAPE, layout_size=None, legend=True, personas=True):
    lay = compute_layout(doc)
    content = frame_content(doc, list(doc.personas))
    return compose(page, layout_size or (lay.width, lay.height), content, legend, personas)


def _inside(box, page, margin) -> bool:
    return (box.x >= margin - 1e-6 and box.y >= margin - 1e-6
            and box.x + box.w <= page[0] - margin + 1e-6 and box.y + box.h <= page[1] - margin + 1e-6)


@pytest.mark.parametrize("paper", ["A0", "A2", "A4", "letter", "900x300mm"])
@pytest.mark.parametrize("landscape", [True, False])
def test_everything_stays_inside_the_margins_without_overlap(paper, landscape):
    page = oriented(parse_paper(paper), landscape)
    comp = _compose(workshop_map(), page)
    margin = margin_for(page)
    boxes = comp.content_boxes()
    for box in boxes:
        assert _inside(box, page, margin)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.intersects(b.x, b.y, b.w, b.h)


def test_the_map_keeps_its_proportions_and_touches_the_space_it_has():
    doc = workshop_map()
    lay = compute_layout(doc)
    comp = _compose(doc)
    assert comp.map_box.w / comp.map_box.h == pytest.approx(lay.width / lay.height)
    assert comp.map_box.w == pytest.approx(lay.width * comp.scale)


def test_a_wide_map_gets_the_legend_below_it():
    comp = _compose(workshop_map(), layout_size=(6000.0, 800.0))
    assert comp.legend.y + comp.legend.h <= comp.map_box.y
    assert comp.personas.y + comp.personas.h <= comp.map_box.y


def test_a_tall_map_gets_the_legend_beside_it():
    comp = _compose(workshop_map(), layout_size=(1500.0, 1400.0))
    assert comp.legend.x >= comp.map_box.x + comp.map_box.w
    assert comp.personas.x >= comp.map_box.x + comp.map_box.w


def test_without_legend_and_personas_the_map_grows():
    doc = workshop_map()
    full = _compose(doc)
    bare = _compose(doc, legend=False, personas=False)
    assert bare.legend is None and bare.personas is None
    assert bare.scale > full.scale


def test_bigger_paper_bigger_text():
    doc = workshop_map()
    scales = [_compose(doc, oriented(parse_paper(p), True)).scale for p in ("A4", "A3", "A2", "A1", "A0")]
    assert scales == sorted(scales)
