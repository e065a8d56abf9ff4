"""The first window fits the screen it opens on: a 1280×720 projector as well as a laptop.

Run in a child process whose offscreen screen really is 1280×720 (Qt's offscreen
platform takes a screen layout from a config file), so the window meets a real
QScreen's available geometry, as it would on the projector.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from canvas.fonts import ensure_fonts
    from editor.app import Application
    ensure_fonts()
    controller = Application()

    def measure(window):
        app.processEvents()
        frame, available = window.frameGeometry(), window.screen().availableGeometry()
        return {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "available": [available.x(), available.y(), available.width(), available.height()],
                "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()]}

    first = controller.open_example()  # the first run: no saved window size
    result = {"first": measure(first)}
    # The size saved when the app last closed on the laptop's big screen.
    first.resize(1900, 1040)
    app.processEvents()
    controller.settings.save_window(first.saveGeometry(), first.saveState())
    first.close()
    result["restored"] = measure(controller.open_example())
    print("RESULT", json.dumps(result))
""")


def _run_on_screen(tmp_path: Path, width: int, height: int) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
                                  "windowFrameMargins": True}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def _inside(frame: list[int], available: list[int]) -> bool:
    x, y, w, h = frame
    ax, ay, aw, ah = available
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_the_first_window_fits_a_1280_by_720_projector(tmp_path):
    result = _run_on_screen(tmp_path, 1280, 720)
    for case in ("first", "restored"):
        window = result[case]
        assert window["available"] == [0, 0, 1280, 720]
        # The panels no longer demand more height than the screen has (the personas form scrolls) ...
        assert window["minimum"][1] <= 720 * 0.8, (case, window)
        # ... so the window, frame included, is wholly on the screen, first run or restored.
        assert _inside(window["frame"], window["available"]), (case, window)
    assert result["first"]["frame"][3] >= 720 * 0.8  # and it still uses the room there is


def test_a_window_larger_than_the_available_area_is_brought_inside_it(window):
    from PySide6.QtCore import QRect

    window.resize(1500, 950)
    window.move(300, 200)
    available = QRect(0, 30, 1280, 690)  # a 1280×720 screen under a 30-pixel panel
    window.fit_to_screen(available)
    frame = window.frameGeometry()
    assert available.contains(frame), (frame, available)
    assert frame.height() == available.height() or window.height() <= 690
