"""The editor as launched from the command line (in a child process, as a user starts it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _launch(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JOURNEYMAP_EXIT_AFTER_FIRST_FRAME="1")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_example_opens_a_fresh_copy_and_paints(tmp_path):
    maps = Path(os.environ["JOURNEYMAP_DATA_DIR"]) / "maps"
    result = _launch("--example")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["first_frame_s"] > 0
    assert maps.is_dir() and list(maps.glob("Example *.journey")) == []  # untouched: nothing left behind
    assert "Traceback" not in result.stderr


def test_no_file_shows_the_start_screen(tmp_path):
    result = _launch()
    assert result.returncode == 0, result.stderr
    assert "first_frame_s" in result.stdout
    assert "Traceback" not in result.stderr
