"""Font metrics read from the bundled TrueType files, and line breaking with them."""

from __future__ import annotations

import re
import struct
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.errors import FileRefusedError
from model.fonts import (
    ELLIPSIS,
    FontMetrics,
    _Cmap,
    bold_metrics,
    fallback_metrics,
    fit_with_ellipsis,
    font_path,
    regular_metrics,
    wrap_text,
)


def test_font_path_finds_the_bundled_fonts_and_refuses_anything_else():
    assert font_path("DejaVuSans.ttf").is_file()
    for bad in ("", "../pyproject.toml", "nope.ttf", ".hidden", "a/b.ttf"):
        with pytest.raises(FileRefusedError):
            font_path(bad)


def test_metrics_match_reportlab_reading_the_same_file():
    """reportlab (the poster) measures with its own parser; ours must agree exactly."""
    from reportlab.pdfbase.ttfonts import TTFont

    for metrics, name in ((regular_metrics(), "DejaVuSans.ttf"), (bold_metrics(), "DejaVuSans-Bold.ttf")):
        face = TTFont(f"t-{name}", str(font_path(name))).face
        for text in ("Hello, world", "Ünïcødé € ﬁ Ωmega", "WWW iii 0123456789"):
            expected = sum(face.charWidths.get(ord(ch), face.defaultWidth) for ch in text) * 11 / 1000
            assert metrics.text_width(text, 11) == pytest.approx(expected, abs=1e-6)
        # Both parsers agree on which characters the font draws.
        for code in (0x41, 0xE9, 0x20AC, 0x4E00, 0x1D400, 0x10300):
            assert metrics.has_glyph(chr(code)) == (code in face.charWidths)


def test_vertical_metrics_and_scaling():
    m = regular_metrics()
    assert m.ascent(10) > m.descent(10) > 0
    assert m.line_height(10) >= m.ascent(10) + m.descent(10)
    assert m.text_width("abc", 20) == pytest.approx(2 * m.text_width("abc", 10))
    assert m.text_width("", 10) == 0
    assert bold_metrics().text_width("Journey", 10) > m.text_width("Journey", 10)


def test_a_character_the_main_font_lacks_is_measured_with_the_fallback():
    m, fb = regular_metrics(), fallback_metrics()
    assert not m.has_glyph("漢") and fb.has_glyph("漢") and m.has_glyph("a")
    assert m.char_width("漢", 10) == pytest.approx(fb.char_width("漢", 10))
    # Not the main font's .notdef width.
    assert m.char_width("漢", 10) != pytest.approx(m.char_width("\ue000", 10)) or fb.has_glyph("\ue000")


def _subtables(name: str) -> dict[tuple[int, int, int], int]:
    """(platform, encoding, format) -> absolute offset of each cmap subtable of a bundled font."""
    data = font_path(name).read_bytes()
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {struct.unpack_from(">4s", data, 12 + 16 * i)[0]: struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(count)}
    cmap = tables[b"cmap"]
    found = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        found[(platform, encoding, struct.unpack_from(">H", data, cmap + offset)[0])] = cmap + offset
    return found


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DroidSansFallbackFull.ttf"])
def test_format_4_and_format_12_maps_agree_on_the_whole_bmp(name):
    data = font_path(name).read_bytes()
    tables = _subtables(name)
    bmp, full = _Cmap(data, tables[(3, 1, 4)]), _Cmap(data, tables[(3, 10, 12)])
    assert [bmp.glyph(c) for c in range(0x10000)] == [full.glyph(c) for c in range(0x10000)]
    assert sum(1 for c in range(0x10000) if bmp.glyph(c)) > 3000
    if name == "DejaVuSans.ttf":  # Old Italic: only the full-Unicode map reaches past U+FFFF
        assert bmp.glyph(0x10300) == 0 and full.glyph(0x10300) != 0


def test_astral_characters_are_measured():
    m = regular_metrics()
    assert m.has_glyph("\U00010300") and m.char_width("\U00010300", 10) > 0


def test_what_no_font_draws_measures_as_what_the_poster_draws_instead():
    m, b = regular_metrics(), bold_metrics()
    replacement = m.char_width("\ufffd", 10)
    assert replacement > 0
    for missing in ("\ue000", "\U000F0000", "\x07"):  # private use, and a control character
        assert m.char_width(missing, 10) == replacement
        assert b.char_width(missing, 10) == replacement  # the poster draws U+FFFD in the regular face
    assert m.char_width("\U000E0100", 10) == 0  # a variation selector draws nothing
    assert m.char_width("\t", 10) == m.char_width(" ", 10)


def test_bold_falls_back_to_regular_then_to_the_cjk_font():
    m, b, fb = regular_metrics(), bold_metrics(), fallback_metrics()
    only_regular = next(chr(c) for c in range(0x80, 0x30000) if m.has_glyph(chr(c)) and not b.has_glyph(chr(c)))
    assert b.char_width(only_regular, 10) == m.char_width(only_regular, 10)
    assert b.char_width("漢", 10) == fb.char_width("漢", 10)
    assert b.text_width("a漢", 10) == pytest.approx(b.char_width("a", 10) + fb.char_width("漢", 10))


def test_loading_refuses_a_file_that_is_not_a_font(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 8)
    with pytest.raises(FileRefusedError):
        FontMetrics(bad)
    with pytest.raises(FileRefusedError):
        FontMetrics(tmp_path / "missing.ttf")


# -- wrapping -------------------------------------------------------------------


def rejoins(lines: tuple[str, ...], text: str) -> bool:
    """Whether `text` is the lines joined, each break having removed one space, one newline or nothing."""

    def match(i: int, pos: int) -> bool:
        if i == len(lines):
            return pos == len(text)
        seps = [""] if i == 0 else ["\r\n", "\n", "\r", " ", ""]
        for sep in seps:
            if text.startswith(sep + lines[i], pos) and match(i + 1, pos + len(sep) + len(lines[i])):
                return True
        return False

    return match(0, 0)


def test_wrap_breaks_on_spaces_and_keeps_every_line_within_width():
    m = regular_metrics()
    lines, truncated = wrap_text("the quick brown fox jumps over the lazy dog", 60, m, 11)
    assert not truncated and len(lines) > 2
    assert all(m.text_width(line, 11) <= 60 for line in lines)
    assert " ".join(lines) == "the quick brown fox jumps over the lazy dog"


def test_wrap_breaks_a_word_longer_than_the_line_between_characters():
    m = regular_metrics()
    word = "supercalifragilisticexpialidocious"
    lines, _ = wrap_text(f"a {word} b", 50, m, 11)
    assert rejoins(lines, f"a {word} b")
    assert "".join(lines).replace(" ", "") == f"a{word}b"
    assert all(m.text_width(line, 11) <= 50 for line in lines)
    assert len(lines) > 3


def test_wrap_honours_newlines_and_empty_lines():
    m = regular_metrics()
    assert wrap_text("one\n\ntwo", 500, m, 11) == (("one", "", "two"), False)
    assert wrap_text("a\r\nb\rc", 500, m, 11) == (("a", "b", "c"), False)
    assert wrap_text("", 100, m, 11) == ((), False)


def test_wrap_truncates_with_an_ellipsis():
    m = regular_metrics()
    lines, truncated = wrap_text("word " * 200, 80, m, 11, max_lines=3)
    assert truncated and len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert m.text_width(lines[-1], 11) <= 80
    assert wrap_text("short", 80, m, 11, max_lines=3) == (("short",), False)


def test_wrap_of_a_huge_text_stops_early():
    m = regular_metrics()
    lines, truncated = wrap_text("x" * 1_000_000, 100, m, 11, max_lines=40)
    assert truncated and len(lines) == 40


def test_fit_with_ellipsis():
    m = regular_metrics()
    assert fit_with_ellipsis("short", 200, m, 10) == "short"
    cut = fit_with_ellipsis("a rather long badge text here", 60, m, 10)
    assert cut.endswith(ELLIPSIS) and m.text_width(cut, 10) <= 60


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab cdéW漢\n  xyz-")), max_size=120),
    width=st.floats(min_value=5, max_value=300),
)
def test_wrap_keeps_the_exact_text(text, width):
    m = regular_metrics()
    lines, truncated = wrap_text(text, width, m, 11)
    assert not truncated
    # Every break removed exactly one space or one newline: the words are the same, in order.
    assert rejoins(lines, text)
    assert "".join(lines).replace(" ", "") == re.sub(r"[ \n]", "", text)
    # A line is only wider than the width when it holds a single character.
    for line in lines:
        assert m.text_width(line, 11) <= width or len(line) == 1


def test_loading_the_three_fonts_is_fast():
    """Measured, not asserted: a fresh parse of all three files (the 4 MB CJK one included)."""
    start = time.perf_counter()
    fonts = [FontMetrics(font_path(n)) for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf")]
    elapsed = time.perf_counter() - start
    print(f"parsed three fonts in {elapsed * 1000:.1f} ms")
    assert all(f.units_per_em > 0 for f in fonts)
