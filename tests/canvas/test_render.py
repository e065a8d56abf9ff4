"""PNG and SVG images of a whole map through the canvas."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from canvas.render import render_image, render_png, render_svg
from model.errors import ExportError

from .samples import sample


def _non_white(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    count = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = image.pixelColor(x, y)
            count += (c.red(), c.green(), c.blue()) != (255, 255, 255)
    return count


def test_png_shows_stage_headers_and_cards(qapp, tmp_path):
    doc = sample()
    path = tmp_path / "map.png"
    render_png(doc, path, scale=1.0)
    image = QImage(str(path))
    from canvas.scene import MapScene

    scene = MapScene(doc)
    layout = scene.layout()
    scene.close()
    assert (image.width(), image.height()) == (int(layout.width + 0.999), int(layout.height + 0.999))
    # The stage name's text darkens its header; every card shows its colour.
    for box in layout.stages:
        name_top = box.name.baselines[0] - box.name.size
        region = (int(box.name.x), int(name_top), int(box.name.x + 60), int(box.name.baselines[0] + 2))
        dark = 0
        for y in range(region[1], region[3]):
            for x in range(region[0], region[2]):
                c = image.pixelColor(x, y)
                dark += c.red() + c.green() + c.blue() < 300
        assert dark > 15, box.stage_id
    for box in layout.cards.values():
        r = box.rect
        assert _non_white(image, int(r.x + 2), int(r.y + 2), int(r.right - 2), int(r.bottom - 2)) > 0


def test_png_scale_doubles_the_size(qapp):
    doc = sample()
    one, two = render_image(doc, 1.0), render_image(doc, 2.0)
    assert abs(two.width() - 2 * one.width()) <= 2 and abs(two.height() - 2 * one.height()) <= 2


@pytest.mark.parametrize("scale", [0, -1, float("nan"), float("inf"), 100.0])
def test_absurd_scales_are_refused(qapp, tmp_path, scale):
    with pytest.raises(ExportError):
        render_png(sample(), tmp_path / "x.png", scale=scale)
    assert not (tmp_path / "x.png").exists()


def test_svg_is_well_formed_with_names_and_hostile_text_escaped(qapp, tmp_path):
    doc = sample()
    path = tmp_path / "map.svg"
    render_svg(doc, path)
    root = ET.parse(path).getroot()  # raises on malformed XML
    texts = [el.text or "" for el in root.iter() if el.tag.endswith("text")]
    for stage in doc.stages:
        assert stage.name in texts
    assert '<b>&"\'</b>' in texts  # the card's second line, as literal text
    raw = path.read_text(encoding="utf-8")
    assert "<b>&" not in raw  # never as markup


def test_svg_into_a_missing_folder_is_refused(qapp, tmp_path):
    with pytest.raises(ExportError):
        render_svg(sample(), tmp_path / "nope" / "map.svg")
