"""The bundled TrueType fonts in reportlab, and user text drawn run by run.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew, Arabic letters and many
symbols; Droid Sans Fallback adds CJK. A line is cut into runs of one font
each; a character neither font has is drawn as U+FFFD (a visible replacement)
and remembered, so the export can warn which codepoints were replaced.

Text is only ever passed to reportlab's text operators (textOut), which escape
it; it is never parsed as markup.
"""

from __future__ import annotations

import functools
import unicodedata

from model.fonts import BOLD, FALLBACK, REGULAR, bold_metrics, font_path, regular_metrics

from .bidi import has_rtl, reverse_for_display, shape, shaping_available, visual_segments

REGULAR_FONT = "Journeymap-Regular"
BOLD_FONT = "Journeymap-Bold"
FALLBACK_FONT = "Journeymap-Fallback"
REPLACEMENT = "\ufffd"


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans and its bold face with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from .pdf_cmap import install

    install()  # text beyond U+FFFF and shaped Arabic must copy out as typed
    pdfmetrics.registerFont(TTFont(REGULAR_FONT, str(font_path(REGULAR))))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(font_path(BOLD))))


@functools.cache
def register_fallback() -> None:
    """Register the CJK fallback; loaded only when some text needs it (the file is 4 MB)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(font_path(FALLBACK))))


def _invisible(ch: str) -> bool:
    """Format characters (joiners, direction marks) and variation selectors: they draw nothing anyway."""
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF


class FontRuns:
    """Cuts text into (font name, text) runs and collects the characters no bundled font draws."""

    def __init__(self) -> None:
        self.missing: set[int] = set()
        self._choice: dict[tuple[str, bool], tuple[str, str]] = {}  # (char, bold) -> (font, char to draw)
        regular = regular_metrics()
        self._regular = regular
        self._bold = bold_metrics()
        self._fallback = regular.fallback

    def _choose(self, ch: str, bold: bool) -> tuple[str, str]:
        if ch == "\t":
            return (BOLD_FONT if bold else REGULAR_FONT, " ")
        if bold and self._bold.has_glyph(ch):
            return (BOLD_FONT, ch)
        if self._regular.has_glyph(ch) and unicodedata.category(ch) != "Cc":
            return (REGULAR_FONT, ch)
        if self._fallback is not None and self._fallback.has_glyph(ch) and unicodedata.category(ch) != "Cc":
            register_fallback()
            return (FALLBACK_FONT, ch)
        if _invisible(ch):
            return ("", "")
        self.missing.add(ord(ch))
        return (REGULAR_FONT, REPLACEMENT)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """`text` as consecutive runs of one font each, replacements already made."""
        if text.isascii() and text.isprintable():
            return [(BOLD_FONT if bold else REGULAR_FONT, text)] if text else []
        out: list[tuple[str, str]] = []
        font_now, chars = "", []
        choice = self._choice
        for ch in text:
            key = (ch, bold)
            picked = choice.get(key)
            if picked is None:
                picked = choice[key] = self._choose(ch, bold)
            font, drawn = picked
            if not font:
                continue
            if font != font_now and chars:
                out.append((font_now, "".join(chars)))
                chars = []
            font_now = font
            chars.append(drawn)
        if chars:
            out.append((font_now, "".join(chars)))
        return out

    def missing_warning(self) -> str | None:
        """One line naming the replaced characters by codepoint, or None when every character was drawn."""
        if not self.missing:
            return None
        codes = sorted(self.missing)
        shown = ", ".join(f"U+{c:04X}" for c in codes[:12])
        more = f" and {len(codes) - 12} more" if len(codes) > 12 else ""
        return f"no bundled font has {shown}{more}; printed as \ufffd"


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line in points, with the same metrics the layout uses."""
    return (bold_metrics() if bold else regular_metrics()).text_width(text, size)


class TextPainter:
    """Writes lines of user text into reportlab text objects, switching fonts only when needed."""

    def __init__(self, runs: FontRuns) -> None:
        self.runs = runs
        self._font: tuple[str, float] | None = None
        self._tx = None

    def begin(self, canv):
        """A new text object; write lines with `line`, then `end` it."""
        self._tx = canv.beginText()
        self._font = None
        return self._tx

    def colour(self, colour) -> None:
        self._tx.setFillColor(colour)

    def line(self, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
        """One line of text with its baseline's start at (x, y) in PDF coordinates."""
        tx = self._tx
        tx.setTextOrigin(x, y)
        if has_rtl(text):
            self._bidi_line(text, size, bold)
            return
        for font, run in self.runs.runs(text, bold):
            self._out(font, size, run)

    def _out(self, font: str, size: float, run) -> None:
        if self._font != (font, size):
            self._tx.setFont(font, size)
            self._font = (font, size)
        self._tx.textOut(run)

    def _bidi_line(self, text: str, size: float, bold: bool) -> None:
        """Hebrew and Arabic: segments in visual order; right-to-left ones shaped (or reversed)."""
        for segment, rtl in visual_segments(text):
            runs = self.runs.runs(segment, bold)
            if not rtl:
                for font, run in runs:
                    self._out(font, size, run)
                continue
            for font, run in reversed(runs):
                if shaping_available():
                    self._out(font, size, shape(run, font, size))
                else:
                    self._out(font, size, reverse_for_display(run))

    def end(self, canv) -> None:
        canv.drawText(self._tx)
        self._tx = None

    def draw(self, canv, x: float, y: float, text: str, size: float, bold: bool = False, colour=None) -> None:
        """A single line in its own text object (titles, labels)."""
        self.begin(canv)
        if colour is not None:
            self.colour(colour)
        self.line(x, y, text, size, bold)
        self.end(canv)
