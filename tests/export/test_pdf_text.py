"""Card text copies out of the poster as it was typed, whatever the script (pypdf and pdftotext).

A PDF reader turns glyphs back into text through each font's ToUnicode CMap;
export/pdf_cmap.py writes those CMaps (reportlab's own got every character
beyond U+FFFF wrong, and mapped shaped Arabic to presentation forms).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from export.pdf_cmap import learn_shaped, to_unicode_cmap, utf16_hex
from export.pdf_fonts import FontRuns
from export.poster import export_poster
from tests.export.maps import map_with_card_texts
from tests.export.pdfcheck import HAVE_PDFTOTEXT, flat, needs_pdftotext, pdftotext
from tests.hostile.corpus import hostile_texts

SCRIPTS = {
    "emoji": "Angry 😡 at the invoice 😱",
    "cjk": "発注書を確認する 客户满意度",
    "arabic": "مرحبا بالعالم",
    "arabic-ligature": "لا أعرف الفاتورة",
    "greek": "Ελληνικά: η πρώτη τιμολόγηση",
    "hebrew": "שלום עולם",
    "math-alphanumerics": "𝔸𝕓𝕔 text",  # U+1D538…: beyond the BMP like emoji, drawn by DejaVu
}

# poppler reads a glyph that stands for several letters (the lam-alef ligature) left to right even
# in right-to-left text, so it prints "ال" for "لا"; the CMap is right (pypdf reads it as typed).
POPPLER_REVERSES_RTL_LIGATURES = {"arabic-ligature"}

# Direction marks the readers add around right-to-left runs (RLE … PDF, RLM): not part of the text.
_EMBEDDINGS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _pypdf_text(path) -> str:
    # pypdf too writes RLM where a right-to-left page has a space.
    return _EMBEDDINGS.sub(" ", " ".join(page.extract_text() for page in PdfReader(str(path)).pages))


def _poppler_text(path) -> str:
    return _EMBEDDINGS.sub(" ", pdftotext(path))


@pytest.fixture(scope="module")
def scripts_poster(tmp_path_factory):
    out = tmp_path_factory.mktemp("scripts") / "poster.pdf"
    warnings = export_poster(map_with_card_texts(tuple(SCRIPTS.values())), out, paper="A3")
    assert warnings == []  # every character of these texts has a bundled glyph
    return out


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_card_text_reads_back_through_pypdf(scripts_poster, script):
    assert flat(SCRIPTS[script]) in flat(_pypdf_text(scripts_poster))


@needs_pdftotext
@pytest.mark.parametrize("script", [s for s in SCRIPTS if s not in POPPLER_REVERSES_RTL_LIGATURES])
def test_card_text_reads_back_through_pdftotext(scripts_poster, script):
    assert flat(SCRIPTS[script]) in flat(_poppler_text(scripts_poster))


def test_an_emoji_is_one_character_not_a_wrong_one(scripts_poster):
    """The issue's case: 😡 (U+1F621) came out as U+1F62 (poppler) or nothing (pypdf)."""
    text = _pypdf_text(scripts_poster)
    assert "😡" in text and "\u1f62" not in text
    if HAVE_PDFTOTEXT:
        poppler = _poppler_text(scripts_poster)
        assert "😡" in poppler and "\u1f62" not in poppler


def _drawn(text: str) -> str:
    """What the poster draws for `text`: invisible format characters dropped, characters no
    bundled font has as U+FFFD (the export warns about those)."""
    return "".join(run for _, run in FontRuns().runs(text))


def _squeezed(text: str) -> str:
    # Line breaks fall where the card wraps, and direction marks are invisible (the readers add
    # their own): compare without either.
    return re.sub(r"\s+", "", _EMBEDDINGS.sub("", unicodedata.normalize("NFC", text)))


@pytest.fixture(scope="module")
def hostile_poster(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "poster.pdf"
    texts = hostile_texts()
    export_poster(map_with_card_texts(tuple(texts)), out, paper="A1")
    return out, texts


def test_hostile_corpus_reads_back_through_pypdf(hostile_poster):
    out, texts = hostile_poster
    extracted = _squeezed(_pypdf_text(out))
    for text in texts:
        assert _squeezed(_drawn(text)) in extracted, text


def _one_of_each_stacked_mark(text: str) -> str:
    """poppler drops a glyph drawn again where the same glyph already is (it takes that for fake
    bold), so a run of one repeated combining mark (zalgo) reads back as one mark."""
    out: list[str] = []
    for ch in text:
        if out and ch == out[-1] and unicodedata.category(ch) in ("Mn", "Me"):
            continue
        out.append(ch)
    return "".join(out)


@needs_pdftotext
def test_hostile_corpus_reads_back_through_pdftotext(hostile_poster):
    out, texts = hostile_poster
    extracted = _one_of_each_stacked_mark(_squeezed(_poppler_text(out)))
    for text in texts:
        assert _one_of_each_stacked_mark(_squeezed(_drawn(text))) in extracted, text


# -- the CMap itself -----------------------------------------------------------------


def test_codepoints_beyond_the_bmp_are_written_as_surrogate_pairs():
    cmap = to_unicode_cmap("AAAAAA+Test", [0, 0x41, 0x1F621, 0x1D400])
    assert "<01> <0041>" in cmap
    assert "<02> <D83DDE21>" in cmap
    assert "<03> <D835DC00>" in cmap
    assert "1F621" not in cmap


def test_bfchar_blocks_hold_at_most_a_hundred_entries():
    cmap = to_unicode_cmap("AAAAAA+Test", list(range(0x20, 0x20 + 256)))
    counts = [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)]
    assert counts == [100, 100, 56]
    assert cmap.count("endbfchar") == 3


def test_a_shaped_glyph_maps_to_the_letters_it_was_shaped_from():
    # An initial meem (U+FEE3) drawn for U+0645, and a lam-alef ligature drawn for two letters.
    learn_shaped("TestFace", "\ufefb\ufee3", "\u0645\u0644\u0627", [1, 0])
    cmap = to_unicode_cmap("BBBBBB+TestFace", [0, 0xFEFB, 0xFEE3])
    assert f"<01> <{utf16_hex(chr(0x644) + chr(0x627))}>" in cmap
    assert "<02> <0645>" in cmap
    # Another font's glyphs at the same codepoints are left alone.
    assert "<01> <FEFB>" in to_unicode_cmap("CCCCCC+OtherFace", [0, 0xFEFB])


def test_a_glyph_shared_with_other_text_keeps_its_own_meaning():
    # HarfBuzz draws an invisible right-to-left mark with the space glyph: spaces must stay spaces.
    learn_shaped("MarkFace", " ", "\u200f", [0])
    assert "<01> <0020>" in to_unicode_cmap("DDDDDD+MarkFace", [0, 0x20])
    # A private-use codepoint reportlab made up for a glyph no character reaches maps to its text.
    learn_shaped("MarkFace", "\ue000", "\u0651\u064e", [0])
    assert "<01> <0651064E>" in to_unicode_cmap("DDDDDD+MarkFace", [0, 0xE000])
