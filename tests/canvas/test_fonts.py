"""The canvas draws with the very fonts and widths the layout measured (screen == print)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontInfo, QFontMetricsF

from canvas.fonts import bold_font, card_font, ensure_fonts
from model.fonts import bold_metrics, regular_metrics

ROOT = Path(__file__).resolve().parents[2]


def test_qt_widths_match_the_layout_metrics(qapp):
    ensure_fonts()
    samples = [
        (card_font(11), regular_metrics(), 11, "Sees an ad on social media while commuting"),
        (bold_font(15), bold_metrics(), 15, "Consideration WAVE"),
        (card_font(9), regular_metrics(), 9, "CSAT 72 → 80 %"),
        (card_font(11), regular_metrics(), 11, "日本語のテキスト mixed"),
    ]
    for font, metrics, size, text in samples:
        assert QFontInfo(font).family() == "DejaVu Sans"
        qt = QFontMetricsF(font).horizontalAdvance(text)
        assert abs(qt - metrics.text_width(text, size)) <= 0.01 * len(text) + 0.5, text
    assert QFontInfo(bold_font(12)).bold()


def test_render_works_without_an_application(tmp_path):
    """`journeymap export x.png` runs with no QApplication: render_png makes its own, offscreen."""
    out = tmp_path / "map.png"
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from tests.canvas.samples import sample\n"
        "from PySide6.QtWidgets import QApplication\n"
        "assert QApplication.instance() is None\n"
        "from canvas.render import render_png\n"
        "render_png(sample(), %r, scale=0.5)\n"
    ) % (str(ROOT), str(out))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no QT_QPA_PLATFORM: render must pick offscreen
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
