"""PNG and SVG images of a whole map through the canvas."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from canvas.export_frame import plan_frame
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


def _layout_and_frame(doc):
    from canvas.export_frame import plan_frame
    from canvas.scene import MapScene

    scene = MapScene(doc)
    layout = scene.layout()
    scene.close()
    return layout, plan_frame(doc, layout.width)


def test_png_shows_stage_headers_and_cards(qapp, tmp_path):
    doc = sample()
    path = tmp_path / "map.png"
    render_png(doc, path, scale=1.0)
    image = QImage(str(path))
    layout, frame = _layout_and_frame(doc)
    top = frame.height  # the map sits under the title block
    assert (image.width(), image.height()) == (int(layout.width + 0.999), int(top + layout.height + 0.999))
    # The stage name's text darkens its header; every card shows its colour.
    for box in layout.stages:
        name_top = top + box.name.baselines[0] - box.name.size
        region = (int(box.name.x), int(name_top), int(box.name.x + 60), int(top + box.name.baselines[0] + 2))
        dark = 0
        for y in range(region[1], region[3]):
            for x in range(region[0], region[2]):
                c = image.pixelColor(x, y)
                dark += c.red() + c.green() + c.blue() < 300
        assert dark > 15, box.stage_id
    for box in layout.cards.values():
        r = box.rect
        assert _non_white(image, int(r.x + 2), int(top + r.y + 2), int(r.right - 2), int(top + r.bottom - 2)) > 0


def _near(image: QImage, x0: int, y0: int, x1: int, y1: int, colour: str, tolerance: int = 40) -> int:
    """Pixels in the region within `tolerance` (per channel) of `colour`."""
    from PySide6.QtGui import QColor

    want = QColor(colour)
    count = 0
    for y in range(max(0, y0), min(image.height(), y1)):
        for x in range(max(0, x0), min(image.width(), x1)):
            c = image.pixelColor(x, y)
            count += max(abs(c.red() - want.red()), abs(c.green() - want.green()), abs(c.blue() - want.blue())) <= tolerance
    return count


def test_png_has_a_title_block_and_a_key_to_the_curves(qapp):
    """The issue: three curves and no key. Each shown persona is named beside its colour."""
    doc = sample()
    image = render_image(doc, 1.0)
    layout, frame = _layout_and_frame(doc)
    assert frame.title == doc.info.title
    assert [name for _, _, name, _ in frame.entries] == [p.name for p in doc.personas]
    # The title's ink across the top of the block.
    assert _near(image, 0, 0, int(layout.width), int(frame.entries[0][1]) - 10, style_ink()) > 200
    for x, y, name, colour in frame.entries:
        # The persona's colour in its sample line, and its name's ink right after it.
        assert _near(image, int(x), int(y) - 4, int(x) + 26, int(y) + 5, colour) > 30, name
        assert _near(image, int(x) + 30, int(y) - 8, int(x) + 60, int(y) + 5, style_ink(), 90) > 10, name


def test_the_title_block_is_paper_in_the_dark_theme_too(qapp):
    """An exported image is drawn in the light palette whatever the screen shows: its title block too."""
    from canvas import style

    doc = sample()
    with style.using(style.DARK):
        image = render_image(doc, 1.0)
        assert style.current() is style.DARK  # the screen keeps its theme
    layout, frame = _layout_and_frame(doc)
    assert _near(image, 0, 0, int(layout.width), int(frame.entries[0][1]) - 10, style_ink()) > 200
    x, y, name, _colour = frame.entries[0]
    assert _near(image, int(x) + 30, int(y) - 8, int(x) + 60, int(y) + 5, style_ink(), 90) > 10, name


def style_ink() -> str:
    from canvas import style

    return style.LIGHT.ink


def test_png_leaves_out_the_editors_controls(qapp):
    """No lane chevron (nor the lane kind grip) in an exported image: the header is plain there."""
    from canvas import style
    from canvas.items.lane_header import chevron_rect

    doc = sample()
    image = render_image(doc, 1.0)
    layout, frame = _layout_and_frame(doc)
    top = int(frame.height)
    for lane in layout.lanes:
        c = chevron_rect(lane)
        region = (int(c.x) - 1, top + int(c.y) - 1, int(c.right) + 2, top + int(c.bottom) + 2)
        assert _near(image, *region, style.LIGHT.lane_header, 3) == (region[2] - region[0]) * (region[3] - region[1]), lane.lane_id
        if lane.kind == "cards":
            h = lane.header
            grip = (int(h.x) + 8, top + int(h.bottom) - 24, int(h.x) + 26, top + int(h.bottom) - 8)
            assert _near(image, *grip, style.LIGHT.lane_header, 3) == 18 * 16, lane.lane_id


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


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return [el.text or "" for el in root.iter() if el.tag.endswith("text")]


def test_svg_has_the_title_and_the_key(qapp, tmp_path):
    doc = sample()
    path = tmp_path / "map.svg"
    render_svg(doc, path)
    texts = _svg_texts(path)
    assert doc.info.title in texts
    for persona in doc.personas:
        assert persona.name in texts


@pytest.mark.parametrize(
    "phrase",
    [
        "発注書を確認する",  # kanji and hiragana: Qt shapes each script apart
        "客户满意度 调查问卷 第二轮",  # Chinese words with spaces
        "CJK 测试 and Latin",  # Latin around Chinese
        "مرحبا بالعالم",
        "Ελληνικά κείμενο",
    ],
)
def test_svg_keeps_each_line_in_one_text_element(qapp, tmp_path, phrase):
    """The issue: in SVG, CJK text was cut into one <text> per word, so a phrase could not be found."""
    from model.domain import Card

    doc = sample()
    stage, lane = doc.stages[2], doc.lanes[0]
    from model import ops

    doc.apply(ops.AddCard(Card(stage.id, lane.id, phrase)))
    doc.apply(ops.UpdateMap({"title": phrase}))
    path = tmp_path / "map.svg"
    render_svg(doc, path)
    texts = _svg_texts(path)
    assert texts.count(phrase) == 2  # the card's line and the title, each one element


def test_runs_of_separate_lines_on_one_baseline_stay_apart(qapp, tmp_path):
    """A card's footer draws its votes past six ("+1") and its owner on one baseline: two elements."""
    doc = sample()
    path = tmp_path / "map.svg"
    render_svg(doc, path)
    texts = _svg_texts(path)
    assert "+1" in texts and "Product" in texts


def test_an_image_of_a_map_rated_by_the_room_keys_its_curve(qapp, tmp_path):
    """The room's curve is drawn by the scene; the key names it after the personas, with its band's look."""
    from canvas.export_frame import SAMPLE
    from model import ops
    from model.domain import Participant
    from model.events import Origin
    from model.room import plans
    from model.room.curve import ROOM_CURVE_COLOUR
    from model.room.step import RoomStep

    doc = sample()
    path = tmp_path / "plain.svg"
    render_svg(doc, path)
    assert "Room" not in _svg_texts(path)  # nobody rated: no curve, no entry
    people = [Participant("Ana"), Participant("Ben")]
    for person in people:
        doc.apply(ops.AddItem(person), Origin.ROOM)
    step = RoomStep()
    card = step.touchpoints(doc)[0]
    for person, value in zip(people, (-2, 1)):
        doc.apply(plans.rate(doc, step, person.id, card.id, value), Origin.ROOM)
    image = render_image(doc, 1.0)
    layout, _ = _layout_and_frame(doc)
    frame = plan_frame(doc, layout.width, room=True)
    x, y = frame.room
    last_x, last_y = frame.entries[-1][:2]
    assert y > last_y or (y == last_y and x > last_x)  # after the personas
    assert _near(image, int(x), int(y) - 2, int(x + SAMPLE), int(y) + 3, ROOM_CURVE_COLOUR, 30) > 20  # its line
    assert _near(image, int(x) + 30, int(y) - 8, int(x) + 60, int(y) + 5, style_ink(), 90) > 10  # its name
    path = tmp_path / "rated.svg"
    render_svg(doc, path)
    assert _svg_texts(path).count("Room") == 2  # the curve's own label and the key's


def test_an_action_card_draws_its_owner_and_due_date_in_its_footer(qapp, tmp_path):
    """On screen as on the poster (model/card_footer.py): "Owner · Due 2026-12-31", for actions only."""
    from model import ops
    from model.domain import Card, CardKind

    doc = sample()
    stage, lane = doc.stages[1], doc.lanes[0]
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "Send the FAQ", kind=CardKind.ACTION, owner="Sales",
                               due="2026-12-31")))
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "Only a note", due="2027-03-01")))
    path = tmp_path / "map.svg"
    render_svg(doc, path)
    texts = _svg_texts(path)
    assert "Sales · Due 2026-12-31" in texts
    assert not any("2027-03-01" in t for t in texts)
