"""Right-to-left text on the poster: Hebrew and Arabic lines put into visual order, Arabic shaped.

reportlab's own bidi support needs `rlbidi`, which is not on the package
index we use, so lines are reordered here with a small subset of the Unicode
Bidirectional Algorithm that covers card text: one paragraph level from the
first strong character, runs of Hebrew/Arabic letters with the neutrals
between them, numbers kept left-to-right inside them, and mirrored brackets.
There are no explicit embeddings or isolates.

Shaping (Arabic letters joined into their contextual forms) uses reportlab's
HarfBuzz path when the optional `uharfbuzz` package is installed; without it
Arabic prints in visual order with unjoined letters, and Hebrew, which needs
no shaping, prints correctly either way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and presentation forms.
_RTL_HINT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹"))


def has_rtl(text: str) -> bool:
    return _RTL_HINT.search(text) is not None


def _kind(ch: str) -> str:
    """'R' strong right-to-left, 'L' strong left-to-right, 'D' digit, 'N' neutral."""
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    if bidi in ("EN", "AN"):
        return "D"
    return "N"


def _levels(text: str) -> tuple[int, list[int]]:
    kinds = [_kind(ch) for ch in text]
    base = next((1 if k == "R" else 0 for k in kinds if k in ("L", "R")), 0)
    n = len(text)
    # Rule W7: a number after left-to-right text (or at the start of a left-to-right line) is left-to-right text.
    last_strong = "R" if base else "L"
    for k, kind in enumerate(kinds):
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "D" and last_strong == "L":
            kinds[k] = "L"
    # Neutrals take the direction of the strong characters on both sides when those agree, else the base.
    resolved = list(kinds)
    i = 0
    while i < n:
        if resolved[i] != "N":
            i += 1
            continue
        j = i
        while j < n and resolved[j] == "N":
            j += 1
        before = _strong_at(resolved, i - 1, -1, base)
        after = _strong_at(resolved, j, 1, base)
        fill = before if before == after else ("R" if base else "L")
        for k in range(i, j):
            resolved[k] = fill
        i = j
    # A number left among right-to-left text reads left to right, one level above it.
    levels = [1 if kind == "R" else (2 if (base or kind == "D") else 0) for kind in resolved]
    return base, levels


def _strong_at(kinds: list[str], i: int, step: int, base: int) -> str:
    while 0 <= i < len(kinds):
        if kinds[i] in ("L", "R"):
            return kinds[i]
        if kinds[i] == "D":
            return "R"  # numbers count as right-to-left for the neutrals next to them (rule N1)
        i += step
    return "R" if base else "L"


def visual_segments(text: str) -> list[tuple[str, bool]]:
    """The line as (segment, right_to_left) pieces from left to right on the page.

    Right-to-left segments are returned in logical order (as typed), for the
    caller to shape or reverse; left-to-right ones are ready to draw. A line
    with no right-to-left letters comes back whole.
    """
    if not text or not has_rtl(text):
        return [(text, False)] if text else []
    _, levels = _levels(text)
    order = list(range(len(text)))
    # Rule L2: from the highest level down to 1, reverse every run at that level or higher.
    for level in range(max(levels), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    segments: list[tuple[str, bool]] = []
    current: list[int] = []
    current_rtl = None
    for index in order:
        rtl = levels[index] % 2 == 1
        if rtl != current_rtl and current:
            segments.append(_segment(text, current, current_rtl))
            current = []
        current_rtl = rtl
        current.append(index)
    if current:
        segments.append(_segment(text, current, current_rtl))
    return segments


def _segment(text: str, visual_indexes: list[int], rtl: bool) -> tuple[str, bool]:
    if rtl:
        # Visual order reversed back to logical, so the segment can be shaped as typed.
        return ("".join(text[i] for i in reversed(visual_indexes)), True)
    return ("".join(text[i] for i in visual_indexes), False)


def reverse_for_display(segment: str) -> str:
    """A right-to-left segment in visual order without shaping: reversed, brackets mirrored."""
    return "".join(_MIRROR.get(ch, ch) for ch in reversed(segment))


@functools.cache
def shaping_available() -> bool:
    """Whether reportlab can shape with HarfBuzz (the optional uharfbuzz package is installed)."""
    try:
        from reportlab.pdfbase import ttfonts
    except ImportError:  # pragma: no cover - reportlab is a dependency
        return False
    return getattr(ttfonts, "uharfbuzz", None) is not None


def shape(segment: str, font_name: str, size: float):
    """A right-to-left run shaped by HarfBuzz into glyphs in visual order (a reportlab ShapedStr)."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import shapeStr

    from .pdf_cmap import learn_shaped

    shaped = shapeStr(segment, font_name, size, force=True)
    data = getattr(shaped, "__shapeData__", None)
    if data:
        # So that copying the text back out gives the letters typed, not their contextual forms.
        face = getFont(font_name).face
        learn_shaped((face.name + face.subfontNameX).decode("pdfdoc"), str(shaped), segment, [d.cluster for d in data])
    return shaped
