"""The projector with two screens (a 1920×1080 laptop and a 1280×720 projector beside it).

The checks are in two_screen_checks.py, run by pytest in a process of its own
whose offscreen platform has both screens (virtual_screens.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .virtual_screens import platform_with_screens

ROOT = Path(__file__).resolve().parents[2]
CHECKS = Path(__file__).with_name("two_screen_checks.py")


def test_presentation_and_presenter_view_on_two_screens(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM=platform_with_screens(tmp_path), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CHECKS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    summary = result.stdout.strip().splitlines()[-1:]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert summary and " passed" in summary[0] and "skipped" not in summary[0] and "failed" not in summary[0], summary
