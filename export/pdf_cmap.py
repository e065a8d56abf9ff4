"""ToUnicode CMaps that let a PDF reader copy out the text that was typed.

A PDF viewer, pdftotext or pypdf turns drawn glyphs back into text through
each font's ToUnicode CMap. reportlab (checked up to 5.1) writes that CMap in
`reportlab.pdfbase.ttfonts.makeToUnicodeCMap` with `"<%04X>" % codepoint`:
right for the Basic Multilingual Plane, wrong beyond it. 😡 (U+1F621) is
written as `<1F621>`, an odd number of hex digits, which poppler reads as
U+1F62 and pypdf drops. A CMap's destination is UTF-16BE, so a codepoint above
U+FFFF must be written as its surrogate pair, `<D83DDE21>`.

Shaped right-to-left text has a second problem: HarfBuzz turns Arabic letters
into contextual glyphs, which reportlab encodes as the font's presentation-form
codepoints (U+FEE3 for an initial meem) or, for a glyph no codepoint reaches
(a shadda-with-fatha mark), as a private-use codepoint from U+E000. Either
would come back as something the user never typed. `learn_shaped` records, as
a run is shaped, which text each such glyph stands for, and the CMap maps the
glyph to that text: an initial meem reads back as U+0645, a lam-alef ligature
as the two letters.

`install()` replaces reportlab's function with `to_unicode_cmap` (once per
process, before any PDF is written). The replacement maps every other
character as reportlab does, in blocks of at most 100 entries as the CMap
format asks.
"""

from __future__ import annotations

import functools
import unicodedata

# (font face name, codepoint drawn) -> the text it was shaped from. Kept for the process, like the
# private-use codepoints reportlab hands out per registered font.
_SHAPED: dict[tuple[str, int], str] = {}


def utf16_hex(text: str) -> str:
    """`text` as the upper-case hex of its UTF-16BE code units, as a CMap destination is written."""
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def learn_shaped(face_name: str, drawn: str, source: str, clusters: list[int]) -> None:
    """Remember what each glyph of a shaped run stands for.

    `drawn` is the shaped run (one character per glyph, in visual order),
    `source` the text it was shaped from (logical order) and `clusters[i]` the
    index in `source` where glyph i's cluster starts. A cluster drawn as one
    glyph stands for its whole cluster; clusters of several glyphs are left
    as they are (the glyphs' own codepoints)."""
    if len(drawn) != len(clusters):
        return
    starts = sorted(set(clusters))
    end_of = {start: (starts[k + 1] if k + 1 < len(starts) else len(source)) for k, start in enumerate(starts)}
    glyphs_in: dict[int, int] = {}
    for cluster in clusters:
        glyphs_in[cluster] = glyphs_in.get(cluster, 0) + 1
    for ch, cluster in zip(drawn, clusters):
        text = source[cluster : end_of[cluster]]
        if glyphs_in[cluster] == 1 and text and text != ch and _stands_for(ch, text):
            _SHAPED.setdefault((face_name, ord(ch)), text)


def _stands_for(drawn: str, text: str) -> bool:
    """Whether a glyph's codepoint is only a stand-in for `text`: a presentation form of those
    letters, or a private-use codepoint reportlab made up. Any other codepoint keeps its own
    meaning (HarfBuzz draws an invisible mark such as U+200F with the space glyph, and a space
    must still read as a space everywhere else)."""
    return unicodedata.category(drawn) == "Co" or unicodedata.normalize("NFKC", drawn) == unicodedata.normalize("NFKC", text)


def _face_of(base_font_name: str) -> str:
    # reportlab names a subset "ABCDEF+FaceName": the face name is what learn_shaped was told.
    return base_font_name.split("+", 1)[-1]


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one reportlab font subset (code i draws codepoint subset[i])."""
    face = _face_of(fontname)
    entries = []
    for code, codepoint in enumerate(subset):
        text = _SHAPED.get((face, codepoint)) or chr(codepoint)
        entries.append(f"<{code:02X}> <{utf16_hex(text)}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries (PDF 32000-1, 9.10.3); a subset has up to 256.
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@functools.cache
def install() -> None:
    """Make reportlab write its TrueType fonts' ToUnicode CMaps with `to_unicode_cmap`."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
