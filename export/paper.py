"""Paper sizes for posters and tiled prints, in PDF points (1/72 in).

Pure Python (no reportlab), so the command line and the editor's poster
dialog can check a paper name without loading the PDF machinery.
"""

from __future__ import annotations

import re

from model.errors import ValidationError

MM = 72.0 / 25.4  # points per millimetre

# Portrait (width, height) in millimetres.
PAPERS_MM: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "tabloid": (279.4, 431.8),
}
# Sheets a poster can be tiled onto.
TILE_PAPERS = ("A4", "letter")

MIN_CUSTOM_MM = 50.0
MAX_CUSTOM_MM = 5000.0  # about the widest roll a plotter takes, with room to spare

_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm\s*$", re.IGNORECASE)
_CHOICES = "A0, A1, A2, A3, A4, letter, tabloid or WxHmm (e.g. 600x400mm)"


def parse_paper(text: str) -> tuple[float, float]:
    """A paper name as (width_pt, height_pt), portrait (the shorter side first).

    Accepts A0…A4, letter, tabloid (any case) and custom sizes "WxHmm" with
    each side 50–5000 mm. Refuses anything else with a ValidationError whose
    one-line message lists the valid choices.
    """
    if not isinstance(text, str):
        raise ValidationError(f"unknown paper {text!r}; use {_CHOICES}")
    name = text.strip()
    for known, (w, h) in PAPERS_MM.items():
        if name.lower() == known.lower():
            return (w * MM, h * MM)
    match = _CUSTOM.match(name)
    if match is None:
        raise ValidationError(f"unknown paper {text!r}; use {_CHOICES}")
    w, h = float(match.group(1)), float(match.group(2))
    for side in (w, h):
        if not MIN_CUSTOM_MM <= side <= MAX_CUSTOM_MM:
            raise ValidationError(
                f"paper {text!r}: each side must be {MIN_CUSTOM_MM:.0f}–{MAX_CUSTOM_MM:.0f} mm; use {_CHOICES}"
            )
    return (min(w, h) * MM, max(w, h) * MM)


def parse_tile_paper(text: str) -> tuple[float, float]:
    """A sheet to tile onto: A4 or letter (any case), portrait; a ValidationError otherwise."""
    if isinstance(text, str) and text.strip().lower() in {t.lower() for t in TILE_PAPERS}:
        return parse_paper(text)
    raise ValidationError(f"cannot tile onto {text!r}; use {' or '.join(TILE_PAPERS)}")


def paper_name(text: str) -> str:
    """The paper's canonical spelling ("a1" -> "A1", "600X400mm" -> "600x400mm") for labels."""
    name = text.strip()
    for known in PAPERS_MM:
        if name.lower() == known.lower():
            return known
    match = _CUSTOM.match(name)
    return f"{match.group(1)}x{match.group(2)}mm" if match else name


def oriented(size: tuple[float, float], landscape: bool) -> tuple[float, float]:
    """A portrait size turned to landscape (wider than tall) when asked."""
    w, h = min(size), max(size)
    return (h, w) if landscape else (w, h)


def margin_for(size: tuple[float, float]) -> float:
    """The blank border kept round a poster: 10 mm, growing to 2.5 % of the short side on big sheets."""
    return max(10.0 * MM, 0.025 * min(size))


def bigger_papers(size: tuple[float, float]) -> list[str]:
    """The standard A-series names larger than `size` (by area), smallest first."""
    area = size[0] * size[1]
    names = ["A3", "A2", "A1", "A0"]
    return [n for n in names if PAPERS_MM[n][0] * PAPERS_MM[n][1] * MM * MM > area * 1.01]
