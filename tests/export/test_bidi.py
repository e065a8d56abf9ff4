"""Right-to-left text: visual order of mixed lines, and Hebrew/Arabic read back from the poster."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from export.bidi import reverse_for_display, shape, shaping_available, visual_segments
from export.poster import export_poster
from tests.export.maps import map_with_card_texts
from tests.export.pdfcheck import needs_pdftotext, pdftotext


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("plain text", [("plain text", False)]),
        ("", []),
        ("שלום עולם", [("שלום עולם", True)]),
        ("abc שלום def", [("abc ", False), ("שלום", True), (" def", False)]),
        # A number after Hebrew in a left-to-right line goes to the Hebrew's left.
        ("Order 66: מספר 42", [("Order 66: 42", False), ("מספר ", True)]),
        ("Price 42 ש״ח today", [("Price 42 ", False), ("ש״ח", True), (" today", False)]),
        # A right-to-left line: the first word typed is drawn rightmost; numbers stay left to right.
        # (Right-to-left segments are given as typed, for shaping: " עולם" is drawn "םלוע ".)
        ("שלום 123 עולם", [(" עולם", True), ("123", False), ("שלום ", True)]),
        ("مرحبا بالعالم", [("مرحبا بالعالم", True)]),
    ],
)
def test_visual_segments(text, segments):
    assert visual_segments(text) == segments


def test_unshaped_right_to_left_is_reversed_with_mirrored_brackets():
    assert reverse_for_display("אב (ג)") == "(ג) בא"


def test_hebrew_and_arabic_print_without_replacement(tmp_path):
    texts = ("שלום עולם", "مرحبا بالعالم", "Price 42 ש״ח today")
    out = tmp_path / "rtl.pdf"
    assert [w for w in export_poster(map_with_card_texts(texts), out, paper="A3") if "bundled font" in w] == []
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "\ufffd" not in text


@needs_pdftotext
def test_hebrew_and_arabic_read_back_in_logical_order(tmp_path):
    texts = ("שלום עולם", "مرحبا بالعالم")
    out = tmp_path / "rtl.pdf"
    export_poster(map_with_card_texts(texts), out, paper="A3")
    # Shaped Arabic reads back as the letters typed (export/pdf_cmap.py), not as presentation forms.
    found = pdftotext(out).replace("\u202b", "").replace("\u202c", "")
    for text in texts:
        assert text in found


@pytest.mark.skipif(not shaping_available(), reason="uharfbuzz is not installed: Arabic prints unjoined")
def test_arabic_is_shaped_into_joined_forms(tmp_path):
    from export.pdf_fonts import REGULAR_FONT, register_fonts

    register_fonts()
    # Meem at the start of a word is drawn in its initial form (U+FEE3) when shaped …
    assert "\ufee3" in shape("مرحبا", REGULAR_FONT, 11.0)
    out = tmp_path / "rtl.pdf"
    export_poster(map_with_card_texts(("مرحبا",)), out, paper="A3")
    # … and still copies out of the poster as the letters typed.
    assert "مرحبا" in PdfReader(str(out)).pages[0].extract_text()
