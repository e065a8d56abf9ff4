"""The bundled fonts for drawing, matched to the layout's metrics (model.fonts).

The layout measured every line with DejaVu Sans at a size in layout units, so
the canvas draws with the same files at that *pixel* size, hinting and kerning
off: a line that fitted the layout fits on screen and in exported images.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from model.fonts import BOLD, FALLBACK, REGULAR, font_path

_families: dict[str, str] = {}


def ensure_fonts() -> None:
    """Register resources/fonts/*.ttf with Qt once; refuses to run without a QGuiApplication."""
    if _families:
        return
    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_fonts() needs a QGuiApplication")
    for name in (REGULAR, BOLD, FALLBACK):
        font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _families[name] = families[0] if families else ""
    if not _families[REGULAR]:
        _families[REGULAR] = "DejaVu Sans"


def _families_list() -> list[str]:
    ensure_fonts()
    primary = _families.get(REGULAR) or "DejaVu Sans"
    fallback = _families.get(FALLBACK)
    return [primary, fallback] if fallback else [primary]


@functools.lru_cache(maxsize=64)
def _font(size: float, bold: bool) -> QFont:
    font = QFont()
    font.setFamilies(_families_list())
    # Pixel size: one layout unit is one pixel at 100 %; the painter's transform does the zoom.
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setKerning(False)  # the layout does not kern
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def card_font(size: float) -> QFont:
    """DejaVu Sans at `size` layout units (a cached object: do not modify it)."""
    return _font(float(size), False)


def bold_font(size: float) -> QFont:
    """DejaVu Sans Bold at `size` layout units (a cached object: do not modify it)."""
    return _font(float(size), True)
