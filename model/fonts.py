"""Font metrics read straight from the bundled TrueType files.

The layout measures text with these numbers, and the canvas and the poster draw
with the same font files, so a line that fits here fits on screen and on paper.
Only the tables measuring needs are read (head, hhea, maxp, hmtx, cmap), in pure
Python; glyph lookups are lazy and cached per character, so opening even the
4 MB CJK fallback costs a few milliseconds.
"""

from __future__ import annotations

import functools
import re
import struct
import unicodedata
from bisect import bisect_left, bisect_right
from pathlib import Path

from resources import resource_path

from .errors import FileRefusedError

REPLACEMENT = "\ufffd"  # drawn in place of a character no bundled font has
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FALLBACK = "DroidSansFallbackFull.ttf"


def font_path(name: str) -> Path:
    """The path of a font bundled in resources/fonts; refuses names that are not a plain file name there."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise FileRefusedError(f"{name!r} is not the name of a bundled font")
    path = resource_path("fonts", name)
    if not path.is_file():
        raise FileRefusedError(f"no bundled font named {name!r}")
    return path


def _invisible(ch: str) -> bool:
    """Format characters (joiners, direction marks) and variation selectors: they draw nothing."""
    code = ord(ch)
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class _Cmap:
    """Character → glyph index from a format 4 or format 12 subtable, looked up lazily."""

    def __init__(self, data: bytes, offset: int) -> None:
        self._format = struct.unpack_from(">H", data, offset)[0]
        if self._format == 12:
            n_groups = struct.unpack_from(">I", data, offset + 12)[0]
            groups = struct.unpack_from(f">{n_groups * 3}I", data, offset + 16)
            self._starts = groups[0::3]
            self._ends = groups[1::3]
            self._glyphs = groups[2::3]
        elif self._format == 4:
            seg_x2 = struct.unpack_from(">H", data, offset + 6)[0]
            n = seg_x2 // 2
            base = offset + 14
            self._ends = struct.unpack_from(f">{n}H", data, base)
            self._starts = struct.unpack_from(f">{n}H", data, base + seg_x2 + 2)
            self._deltas = struct.unpack_from(f">{n}h", data, base + 2 * seg_x2 + 2)
            self._range_at = base + 3 * seg_x2 + 2  # idRangeOffset array: offsets are relative to it
            self._ranges = struct.unpack_from(f">{n}H", data, self._range_at)
            self._data = data
        else:  # pragma: no cover - the bundled fonts all have 4 or 12
            raise FileRefusedError(f"unsupported cmap format {self._format}")

    def glyph(self, code: int) -> int:
        if self._format == 12:
            i = bisect_right(self._starts, code) - 1
            if i >= 0 and code <= self._ends[i]:
                return self._glyphs[i] + code - self._starts[i]
            return 0
        if code > 0xFFFF:
            return 0
        i = bisect_left(self._ends, code)
        if i >= len(self._ends) or code < self._starts[i]:
            return 0
        rng = self._ranges[i]
        if rng == 0:
            return (code + self._deltas[i]) & 0xFFFF
        at = self._range_at + 2 * i + rng + 2 * (code - self._starts[i])
        glyph = struct.unpack_from(">H", self._data, at)[0]
        return (glyph + self._deltas[i]) & 0xFFFF if glyph else 0


class FontMetrics:
    """Advance widths and vertical metrics of one TrueType font, scaled to a font size.

    A character the font lacks is measured with `fallback` (which may have a
    fallback of its own): bold → regular → CJK, the order the poster draws
    with. A tab measures as a space; a character no font in the chain has
    measures as U+FFFD of `replacement` (the regular face), which is what gets
    drawn instead, except invisible format characters, which measure 0.
    """

    def __init__(
        self, path: Path, fallback: FontMetrics | None = None, replacement: FontMetrics | None = None
    ) -> None:
        self.path = Path(path)
        self.fallback = fallback
        self.replacement = replacement
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise FileRefusedError(f"cannot read the font {self.path.name}: {exc.strerror}") from None
        try:
            self._parse(data)
        except (struct.error, KeyError) as exc:
            raise FileRefusedError(f"{self.path.name} is not a usable TrueType font ({exc})") from None
        self._widths: dict[str, float] = {}  # per char, in em

    def _parse(self, data: bytes) -> None:
        n_tables = struct.unpack_from(">H", data, 4)[0]
        tables: dict[bytes, int] = {}
        for i in range(n_tables):
            tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag] = offset
        head = tables[b"head"]
        self.units_per_em = struct.unpack_from(">H", data, head + 18)[0]
        hhea = tables[b"hhea"]
        asc, desc, gap = struct.unpack_from(">hhh", data, hhea + 4)
        n_hmetrics = struct.unpack_from(">H", data, hhea + 34)[0]
        upm = float(self.units_per_em)
        self._ascent = asc / upm
        self._descent = -desc / upm  # positive: how far below the baseline
        self._line_gap = gap / upm
        self._n_glyphs = struct.unpack_from(">H", data, tables[b"maxp"] + 4)[0]
        # hmtx: (advance, lsb) pairs; glyphs past the last pair share its advance.
        self._advances = struct.unpack_from(f">{n_hmetrics * 2}H", data, tables[b"hmtx"])[0::2]
        self._cmap = self._pick_cmap(data, tables[b"cmap"])

    @staticmethod
    def _pick_cmap(data: bytes, cmap: int) -> _Cmap:
        count = struct.unpack_from(">H", data, cmap + 2)[0]
        best: tuple[int, int] | None = None
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            fmt = struct.unpack_from(">H", data, cmap + offset)[0]
            # Prefer a full-Unicode format 12 table, then a BMP format 4 one.
            rank = {(3, 10, 12): 0, (0, 4, 12): 1, (3, 1, 4): 2, (0, 3, 4): 3}.get((platform, encoding, fmt))
            if rank is None and fmt in (4, 12) and platform in (0, 3):
                rank = 4 if fmt == 12 else 5
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, cmap + offset)
        if best is None:
            raise FileRefusedError("the font has no Unicode character map")
        return _Cmap(data, best[1])

    # -- characters ------------------------------------------------------------

    def has_glyph(self, ch: str) -> bool:
        """Whether this font itself (not its fallback) draws `ch`."""
        return self._cmap.glyph(ord(ch)) != 0

    def _advance(self, glyph: int) -> float:
        advances = self._advances
        return advances[min(glyph, len(advances) - 1)] / self.units_per_em

    def _chain_width(self, ch: str) -> float | None:
        """The width from the first font of the fallback chain that draws `ch`, or None."""
        font: FontMetrics | None = self
        while font is not None:
            glyph = font._cmap.glyph(ord(ch))
            if glyph:
                return font._advance(glyph)
            font = font.fallback
        return None

    def _em_width(self, ch: str) -> float:
        width = self._widths.get(ch)
        if width is None:
            if ch == "\t":
                width = self._em_width(" ")
            elif unicodedata.category(ch) == "Cc":  # never drawn as itself
                width = self._replacement_width()
            else:
                width = self._chain_width(ch)
                if width is None:
                    width = 0.0 if _invisible(ch) else self._replacement_width()
            self._widths[ch] = width
        return width

    def _replacement_width(self) -> float:
        font = self.replacement or self
        glyph = font._cmap.glyph(ord(REPLACEMENT))
        return font._advance(glyph)

    def char_width(self, ch: str, size: float) -> float:
        return self._em_width(ch) * size

    def text_width(self, text: str, size: float) -> float:
        """The advance width of `text` on one line (no kerning: neither drawing side kerns)."""
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get(ch)
            total += w if w is not None else self._em_width(ch)
        return total * size

    # -- lines -----------------------------------------------------------------

    def ascent(self, size: float) -> float:
        return self._ascent * size

    def descent(self, size: float) -> float:
        """How far below the baseline the font reaches, as a positive number."""
        return self._descent * size

    def line_height(self, size: float) -> float:
        return (self._ascent + self._descent + self._line_gap) * size

    def __repr__(self) -> str:
        return f"<FontMetrics {self.path.name}: {self._n_glyphs} glyphs>"


@functools.cache
def fallback_metrics() -> FontMetrics:
    return FontMetrics(font_path(FALLBACK))


@functools.cache
def regular_metrics() -> FontMetrics:
    return FontMetrics(font_path(REGULAR), fallback=fallback_metrics())


@functools.cache
def bold_metrics() -> FontMetrics:
    regular = regular_metrics()
    return FontMetrics(font_path(BOLD), fallback=regular, replacement=regular)


# -- line breaking -------------------------------------------------------------

ELLIPSIS = "…"
_NEWLINE = re.compile(r"\r\n|\r|\n")


def wrap_text(
    text: str, width: float, metrics: FontMetrics, size: float, max_lines: int | None = None
) -> tuple[tuple[str, ...], bool]:
    """Break `text` into lines no wider than `width`; returns (lines, truncated).

    Greedy on spaces; newlines always break; a word longer than the line is
    broken between characters. The space a break falls on is dropped and
    nothing else is, so the lines joined back hold exactly the same words.
    With `max_lines`, text beyond that many lines is cut and the last line
    ends with an ellipsis ("…"). Empty text gives no lines.
    """
    if not text:
        return (), False
    width = max(width, 1.0)
    limit = max_lines if max_lines is not None and max_lines > 0 else None
    lines: list[str] = []
    space = metrics.char_width(" ", size)
    for paragraph in _NEWLINE.split(text):
        if limit is not None and len(lines) > limit:
            break  # a million-character card must not cost a million measurements
        line, line_w = "", 0.0
        started = False
        for word in paragraph.split(" "):
            word_w = metrics.text_width(word, size)
            if not started:
                joined_w = word_w
            else:
                joined_w = line_w + space + word_w
            if joined_w <= width or (not started and word_w <= width):
                line = f"{line} {word}" if started else word
                line_w, started = joined_w, True
                continue
            if started:
                lines.append(line)
                if limit is not None and len(lines) > limit:
                    break
            if word_w <= width:
                line, line_w, started = word, word_w, True
                continue
            # A word wider than the line: break it between characters.
            piece, piece_w = "", 0.0
            for ch in word:
                ch_w = metrics.char_width(ch, size)
                if piece and piece_w + ch_w > width:
                    lines.append(piece)
                    if limit is not None and len(lines) > limit:
                        break
                    piece, piece_w = "", 0.0
                piece += ch
                piece_w += ch_w
            line, line_w, started = piece, piece_w, True
        else:
            lines.append(line)
            continue
        break
    if limit is not None and len(lines) > limit:
        return tuple(lines[: limit - 1]) + (fit_with_ellipsis(lines[limit - 1], width, metrics, size, True),), True
    return tuple(lines), False


def fit_with_ellipsis(line: str, width: float, metrics: FontMetrics, size: float, force: bool = False) -> str:
    """`line` shortened so that it fits `width`, ending with "…" when cut (or always, with `force`)."""
    if not force and metrics.text_width(line, size) <= width:
        return line
    room = width - metrics.char_width(ELLIPSIS, size)
    while line and metrics.text_width(line, size) > room:
        line = line[:-1]
    return line.rstrip(" ") + ELLIPSIS
