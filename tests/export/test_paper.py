"""Paper names: the standard sizes to the point, custom sizes, and one-line refusals."""

from __future__ import annotations

import pytest

from export.paper import oriented, parse_paper, parse_tile_paper, paper_name
from model.errors import ValidationError

MM = 72.0 / 25.4


@pytest.mark.parametrize(
    ("name", "mm"),
    [
        ("A0", (841, 1189)),
        ("a1", (594, 841)),
        ("A2", (420, 594)),
        ("a3", (297, 420)),
        ("A4", (210, 297)),
        ("Letter", (215.9, 279.4)),
        ("TABLOID", (279.4, 431.8)),
    ],
)
def test_standard_papers_are_portrait_points(name, mm):
    w, h = parse_paper(name)
    assert w == pytest.approx(mm[0] * MM, abs=0.01)
    assert h == pytest.approx(mm[1] * MM, abs=0.01)


def test_letter_and_a4_in_points():
    assert parse_paper("letter") == pytest.approx((612.0, 792.0), abs=0.01)
    assert parse_paper("A4") == pytest.approx((595.28, 841.89), abs=0.01)


@pytest.mark.parametrize("text", ["600x400mm", "400x600mm", " 600 X 400 MM ", "600×400mm"])
def test_custom_sizes_come_back_portrait(text):
    assert parse_paper(text) == pytest.approx((400 * MM, 600 * MM))


def test_custom_fraction_of_a_millimetre():
    assert parse_paper("1000.5x700mm") == pytest.approx((700 * MM, 1000.5 * MM))


@pytest.mark.parametrize("text", ["A5", "B1", "", "600x400", "600x400cm", "x400mm", "10x400mm", "6000x400mm", "A4; rm -rf"])
def test_unknown_papers_are_refused_with_the_choices(text):
    with pytest.raises(ValidationError) as caught:
        parse_paper(text)
    message = str(caught.value)
    assert "\n" not in message
    for choice in ("A0", "A4", "letter", "tabloid", "WxHmm"):
        assert choice in message


def test_non_text_paper_is_refused():
    with pytest.raises(ValidationError):
        parse_paper(None)  # type: ignore[arg-type]


def test_landscape_turns_wide():
    portrait = parse_paper("A1")
    assert oriented(portrait, True) == (portrait[1], portrait[0])
    assert oriented(portrait, False) == portrait


def test_tiles_only_on_office_sheets():
    assert parse_tile_paper("a4") == parse_paper("A4")
    assert parse_tile_paper("LETTER") == parse_paper("letter")
    with pytest.raises(ValidationError, match="A4 or letter"):
        parse_tile_paper("A3")


def test_paper_name_is_canonical():
    assert paper_name("a1") == "A1"
    assert paper_name("letter") == "letter"
    assert paper_name("600X400MM") == "600x400mm"
