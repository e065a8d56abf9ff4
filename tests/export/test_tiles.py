"""Tiled prints: how many sheets, how they overlap, and the PDF read back page by page."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from export.paper import oriented, parse_paper
from export.poster import export_poster
from export.poster_frame import Box
from export.tiles import plan_tiles, row_letters
from tests.export.maps import workshop_map
from tests.export.pdfcheck import MM, flat, needs_pdftotext, page_sizes, pdftotext


def _plan(poster: str, landscape: bool, sheet: str, overlap_mm: float, content=None):
    return plan_tiles(oriented(parse_paper(poster), landscape), parse_paper(sheet), overlap_mm * MM, content)


@pytest.mark.parametrize(
    ("poster", "landscape", "sheet", "overlap", "rows", "cols", "sheet_landscape"),
    [
        # A1 landscape 841 x 594 mm on A4 with 7 mm side margins and a 15 mm label margin:
        # portrait sheets show 196 x 275 mm: 5 columns (196 + 4 x 186 >= 841), 3 rows (275 + 2 x 265 >= 594).
        ("A1", True, "A4", 10, 3, 5, False),
        # A0 landscape 1189 x 841 on landscape A4 (283 x 188 mm): 5 x 5 beats 7 x 4 portrait.
        ("A0", True, "A4", 10, 5, 5, True),
        # A3 landscape 420 x 297 with 20 mm overlap: 2 x 2 landscape sheets (283 + 263 >= 420, 188 + 168 >= 297).
        ("A3", True, "A4", 20, 2, 2, True),
        # An A4 poster on A4 sheets still needs two, the margins being unprintable.
        ("A4", False, "A4", 10, 2, 1, True),
        # A2 portrait 420 x 594 on landscape letter (265.4 x 193.9 mm) without overlap: 2 x 4.
        ("A2", False, "letter", 0, 4, 2, True),
    ],
)
def test_tile_counts(poster, landscape, sheet, overlap, rows, cols, sheet_landscape):
    plan = _plan(poster, landscape, sheet, overlap)
    assert (plan.rows, plan.cols, plan.count) == (rows, cols, rows * cols)
    assert (plan.sheet[0] > plan.sheet[1]) == sheet_landscape


@pytest.mark.parametrize("overlap", [0, 5, 10, 25, 50])
@pytest.mark.parametrize(("poster", "landscape", "sheet"), [("A0", True, "A4"), ("A1", False, "letter"), ("900x300mm", True, "A4")])
def test_tiles_cover_the_poster_with_the_overlap_and_no_spare_row_or_column(poster, landscape, sheet, overlap):
    size = oriented(parse_paper(poster), landscape)
    plan = plan_tiles(size, parse_paper(sheet), overlap * MM)
    lefts = sorted({t.x for t in plan.tiles})
    bottoms = sorted({t.y for t in plan.tiles})
    w, h = plan.tiles[0].w, plan.tiles[0].h
    assert lefts[0] <= 0 and lefts[-1] + w >= size[0]
    assert bottoms[0] <= 0 and bottoms[-1] + h >= size[1]
    for a, b in zip(lefts, lefts[1:]):
        assert a + w - b == pytest.approx(overlap * MM)
    for a, b in zip(bottoms, bottoms[1:]):
        assert a + h - b == pytest.approx(overlap * MM)
    # One column or row fewer would leave part of the poster uncovered.
    assert w + (plan.cols - 2) * (w - overlap * MM) < size[0] or plan.cols == 1
    assert h + (plan.rows - 2) * (h - overlap * MM) < size[1] or plan.rows == 1


def test_sheets_that_would_be_empty_are_left_out():
    size = oriented(parse_paper("A1"), True)
    full = _plan("A1", True, "A4", 10)
    # Content only in the top-left quarter of the poster.
    content = [Box(0, size[1] / 2, size[0] / 2, size[1] / 2)]
    partial = _plan("A1", True, "A4", 10, content)
    assert 0 < partial.count < full.count
    assert {t.label for t in partial.tiles} <= {t.label for t in full.tiles}
    assert "A1" in {t.label for t in partial.tiles}
    assert "C5" not in {t.label for t in partial.tiles}


def test_row_letters():
    assert [row_letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_tiled_pdf_has_an_assembly_page_then_one_page_per_sheet(tmp_path):
    out = tmp_path / "tiles.pdf"
    assert export_poster(workshop_map(), out, paper="A1", tile="A4", overlap_mm=10) == []
    plan = _plan("A1", True, "A4", 10)
    sizes = page_sizes(out)
    assert len(sizes) == 1 + plan.count
    a4 = parse_paper("A4")
    assert sizes[0] == pytest.approx((a4[1], a4[0]), abs=0.01)  # the guide is landscape
    for size in sizes[1:]:
        assert size == pytest.approx(plan.sheet, abs=0.01)
    reader = PdfReader(str(out))
    guide = flat(reader.pages[0].extract_text())
    assert "How to assemble" in guide and "15 A4 sheets" in guide and "10 mm" in guide
    for page, tile in zip(reader.pages[1:], plan.tiles):
        assert f"{tile.label} row {row_letters(tile.row)} of 3, column {tile.col + 1} of 5" in flat(page.extract_text())


def test_tiled_on_letter_with_other_overlap(tmp_path):
    out = tmp_path / "tiles.pdf"
    export_poster(workshop_map(), out, paper="A2", landscape=False, tile="letter", overlap_mm=0)
    plan = _plan("A2", False, "letter", 0)
    assert len(page_sizes(out)) == 1 + plan.count
    assert "8 Letter sheets" in flat(PdfReader(str(out)).pages[0].extract_text())


@needs_pdftotext
def test_pdftotext_finds_each_sheet_label_on_its_page(tmp_path):
    out = tmp_path / "tiles.pdf"
    export_poster(workshop_map(), out, paper="A3", tile="A4")
    plan = _plan("A3", True, "A4", 10)
    assert "How to assemble" in pdftotext(out, page=1)
    for number, tile in enumerate(plan.tiles, start=2):
        assert f"{tile.label} row" in flat(pdftotext(out, page=number))


def test_refused_tile_sheet_writes_nothing(tmp_path):
    from model.errors import ValidationError

    with pytest.raises(ValidationError, match="A4 or letter"):
        export_poster(workshop_map(), tmp_path / "t.pdf", tile="A3")
    assert list(tmp_path.iterdir()) == []


def test_tiled_large_map_stays_small(tmp_path):
    from tests.model.factories import generated_map

    out = tmp_path / "tiles.pdf"
    export_poster(generated_map(2000), out, paper="A0", tile="A4")
    assert out.stat().st_size < 2_000_000
