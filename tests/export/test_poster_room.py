"""The room's curve on the poster: its band, its dashed mean and "Room" in the legend, read back from real
PDFs; and a tiled reprint that sees a new rating exactly where its ink goes."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from export.paper import oriented, parse_paper
from export.poster import export_poster, poster_version
from export.poster_marks import map_marks
from export.poster_room import band_fill
from export.poster_sheets import changed_sheets
from export.tiles import grid_region
from model import ops
from model.document import Document
from model.domain import Participant, View
from model.errors import ExportError
from model.events import Origin
from model.room import plans
from model.room.curve import room_curves
from model.room.step import RoomStep
from tests.export.maps import workshop_map
from tests.export.pdfcheck import flat
from tests.export.test_changed_sheets import OVERLAP, PAPER, TILE, needs_pdftoppm, raster_changed, version

FORM = "/FormXob.jm-poster"


def rated(ratings: dict[int, tuple[int, ...]], doc: Document | None = None) -> Document:
    """The workshop map with `ratings`: touchpoint index -> the values its raters gave, one participant each."""
    doc = doc or workshop_map()
    people = [Participant(f"Phone {i}") for i in range(max(map(len, ratings.values())))]
    for person in people:
        doc.apply(ops.AddItem(person), Origin.ROOM)
    rate(doc, ratings, people)
    return doc


def rate(doc: Document, ratings: dict[int, tuple[int, ...]], people) -> None:
    step = RoomStep()
    touchpoints = step.touchpoints(doc)
    for index, values in ratings.items():
        for person, value in zip(people, values):
            doc.apply(plans.rate(doc, step, person.id, touchpoints[index].id, value), Origin.ROOM)


def form_stream(pdf) -> str:
    """The content stream of the poster's form, which every page shows."""
    form = PdfReader(str(pdf)).pages[0]["/Resources"]["/XObject"][FORM].get_object()
    return form.get_data().decode("latin-1")


def filled_paths(stream: str, colour: str) -> list[list[float]]:
    """Every path filled in `colour` ("#RRGGBB", to reportlab's rounding): the numbers of its operators."""
    want = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    found = []
    for match in re.finditer(r"([\d.]+) ([\d.]+) ([\d.]+) rg\s+n ([^f]*?) h\s+f\*?", stream):
        if all(abs(float(match.group(i + 1)) - want[i]) < 1e-4 for i in range(3)):
            found.append([float(v) for v in re.findall(r"-?[\d.]+", match.group(4))])
    return found


def export(doc: Document, tmp_path, **options):
    out = tmp_path / "poster.pdf"
    assert export_poster(doc, out, paper="A2", **options) == []
    return out


def test_a_map_rated_by_the_room_shows_the_band_and_names_it_in_the_legend(tmp_path):
    doc = rated({1: (-2, 1), 3: (0, 2)})  # two touchpoints, two phones each
    pdf = export(doc, tmp_path)
    layout = poster_version(doc, oriented(parse_paper("A2"), True), None, 10).layout
    [curve] = room_curves(doc, layout)
    first, second = curve.points
    assert (first.low, first.high, second.low, second.high) == (-2, 1, 0, 2)
    # The band: one path in its colour (the Emotions lane is the third row: on paper, not a tint) from the
    # first touchpoint's highest rating along the highest to the second, back along the lowest.
    [band] = filled_paths(form_stream(pdf), band_fill())
    assert band[:2] == pytest.approx([first.x, layout.height - first.y_high], abs=1e-3)
    assert band[-2:] == pytest.approx([first.x, layout.height - first.y_low], abs=1e-3)
    assert [second.x, layout.height - second.y_low] == pytest.approx(band[8:10], abs=1e-3)  # down the far end
    text = flat(PdfReader(str(pdf)).pages[0].extract_text())
    assert "Room mean and spread" in text  # the legend's row
    assert text.count("Room") == 2  # and the curve's own label


def test_a_map_without_ratings_has_no_band_and_no_room(tmp_path):
    doc = workshop_map()
    doc.apply(ops.AddItem(Participant("Joined, rated nothing")), Origin.ROOM)
    pdf = export(doc, tmp_path)
    assert filled_paths(form_stream(pdf), band_fill()) == []
    assert "Room" not in PdfReader(str(pdf)).pages[0].extract_text()


def test_the_to_be_view_leaves_the_room_out_and_a_lone_rating_is_a_bar(tmp_path):
    doc = rated({2: (-1, 2)})
    assert "Room" not in PdfReader(str(export(doc, tmp_path, view="to-be"))).pages[0].extract_text()
    looks = [look[0] for _, look in map_marks(version(doc).layout, doc, None, View.AS_IS)]
    assert looks.count("room bar") == 1 and looks.count("room point") == 1 and "room band" not in looks


@needs_pdftoppm
def test_the_band_is_painted_where_the_ratings_spread(tmp_path):
    """Pixels: between the lowest and highest rating, halfway between two touchpoints, the band's colour;
    the same spot on the map without ratings is paper. No persona is shown: nothing else is drawn there."""
    page = oriented(parse_paper("A2"), True)
    doc = rated({0: (-2, 2), 1: (-2, 2)})  # the band spans the lane; the mean runs along Neutral
    v = poster_version(doc, page, None, 10, personas=[])
    [curve] = room_curves(v.doc, v.layout)
    a, b = curve.points
    # Inside the first stage (no rule, no connection there), above the mean, below the top of the band.
    x, y = a.x + (b.x - a.x) * 0.3, a.y + (a.y_high - a.y) * 0.6
    comp, dpi = v.comp, 72
    px = round((comp.map_box.x + x * comp.scale) * dpi / 72)
    py = round((page[1] - comp.map_box.y - (v.layout.height - y) * comp.scale) * dpi / 72)

    def pixel(document, name: str) -> tuple[int, int, int]:
        pdf = tmp_path / f"{name}.pdf"
        assert export_poster(document, pdf, paper="A2", personas=[]) == []
        subprocess.run(["pdftoppm", "-r", str(dpi), "-x", str(px), "-y", str(py), "-W", "1", "-H", "1",
                        str(pdf), str(tmp_path / name)], check=True, timeout=120)
        [ppm] = tmp_path.glob(f"{name}-*.ppm")
        return tuple(ppm.read_bytes()[-3:])

    want = band_fill()
    assert pixel(doc, "rated") == pytest.approx(tuple(int(want[i:i + 2], 16) for i in (1, 3, 5)), abs=3)
    assert pixel(workshop_map(), "unrated") == (255, 255, 255)


# -- reprints: a new rating changes the sheets under the stretch it reshapes ------------------------------

# Touchpoints 0 (Awareness), 3 (Decision) and 5 (Onboarding) rated by two phones: the middle one is a peak
# of the mean, the highest and the lowest ratings alike, so its tangents stay flat and a third phone's
# rating of the last one reshapes only the stretch from Decision to Onboarding (and the label after it).
TWO_PHONES = {0: (-2, -2), 3: (2, 2), 5: (-2, -2)}


def third_phone_rates(before: Document, index: int, value: int) -> Document:
    after = Document(before.content())
    phone = Participant("Phone 3")
    after.apply(ops.AddItem(phone), Origin.ROOM)
    rate(after, {index: (value,)}, [phone])
    return after


def test_a_new_rating_reprints_only_sheets_across_its_stretch_of_the_band():
    before = rated(TWO_PHONES)
    after = third_phone_rates(before, 5, 2)
    new = version(after)
    changes = changed_sheets(version(before), new)
    [curve] = room_curves(after, new.layout)
    _, peak, last = curve.points
    assert (last.low, last.high, last.count) == (-2, 2, 3)
    comp, height = new.comp, new.layout.height
    area = next(s.area for s in new.layout.scales)

    def to_poster(x: float, y: float) -> tuple[float, float]:
        return comp.map_box.x + x * comp.scale, comp.map_box.y + (height - y) * comp.scale

    left, top = to_poster(peak.x, area.y)
    right, bottom = to_poster(last.x + 40, area.bottom)  # "Room" after the last point
    dot_x, dot_y = to_poster(last.x, last.y)
    regions = {t.label: grid_region(new.plan, new.page, t.row, t.col) for t in new.plan.tiles}
    for label in changes.labels:  # every sheet reprinted shows part of that stretch of the lane
        x, y, w, h = regions[label]
        assert x < right and x + w > left and y < top and y + h > bottom, label
    for label, (x, y, w, h) in regions.items():  # and every sheet showing the moved dot is reprinted
        if x <= dot_x <= x + w and y <= dot_y <= y + h:
            assert label in changes.labels
    assert 0 < len(changes.reprint) < len(new.plan.tiles) / 3
    assert changes.take_down == ()


@needs_pdftoppm
def test_the_sheets_a_new_rating_reprints_are_exactly_those_whose_pixels_changed(tmp_path):
    before = rated(TWO_PHONES)
    after = third_phone_rates(before, 5, 2)
    expected = raster_changed(tmp_path, before, after)
    assert expected
    changes = changed_sheets(version(before), version(after))
    order = [t.label for t in changes.plan.tiles]
    assert changes.labels == sorted(expected, key=order.index)


def test_a_rating_that_moves_neither_the_mean_nor_the_band_reprints_nothing(tmp_path):
    before = rated({0: (-2, -2), 3: (-1, 1)})
    after = third_phone_rates(before, 3, 0)  # mean 0, lowest −1, highest 1: as before
    assert changed_sheets(version(before), version(after)).nothing
    with pytest.raises(ExportError, match="nothing on the poster changed"):
        export_poster(after, tmp_path / "r.pdf", paper=PAPER, tile=TILE, overlap_mm=OVERLAP,
                      changed_since=before.content())
    assert list(tmp_path.iterdir()) == []


def test_the_first_rating_adds_the_legend_row():
    before = workshop_map()
    after = rated({3: (1,)}, Document(before.content()))
    assert any(heading == "Room" for heading, _ in version(after).frame.extra_legend)
    assert not version(before).frame.extra_legend

