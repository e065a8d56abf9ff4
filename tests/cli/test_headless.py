"""The core needs no Qt: with PySide6 made unimportable, the model, the exporters and the command line
still work, as napari's headless job proves for its model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter: any import of PySide6 or shiboken6 raises, as on a machine without Qt.
_PROBE = r"""
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is not installed here (headless test)")
        return None

sys.meta_path.insert(0, NoQt())
import model, model.edits, model.document, model.persistence, model.interchange  # noqa: E401
import export, export.poster, export.markdown, export.tiles  # noqa: E401
import main

folder = sys.argv[1]
steps = [
    ["new", f"{folder}/m.journey", "--template", "five-phase", "--title", "Headless & <fine>"],
    ["info", f"{folder}/m.journey", "--json"],
    ["check", f"{folder}/m.journey"],
    ["export", f"{folder}/m.journey", f"{folder}/poster.pdf", "--paper", "A3"],
    ["export", f"{folder}/m.journey", f"{folder}/tiles.pdf", "--paper", "A2", "--tile", "A4"],
    ["export", f"{folder}/m.journey", f"{folder}/m.json"],
    ["export", f"{folder}/m.journey", f"{folder}/m.md"],
    ["export", f"{folder}/m.journey", f"{folder}/m.mmd"],
    ["export", f"{folder}/m.journey", f"{folder}/m.csv"],
    ["import", f"{folder}/m.json", f"{folder}/back.journey"],
]
for argv in steps:
    code = main.main(argv)
    if code != 0:
        sys.exit(f"{argv[0]} failed with status {code}")
print("QT", [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")])
"""


def test_model_export_and_command_line_run_with_pyside6_unimportable(tmp_path):
    result = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "QT []" in result.stdout
    info = json.loads(result.stdout[result.stdout.index("{"):result.stdout.rindex("}") + 1])
    assert info["title"] == "Headless & <fine>" and info["card_count"] >= 0
    for name in ("poster.pdf", "tiles.pdf", "m.json", "m.md", "m.mmd", "m.csv", "back.journey"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert (tmp_path / "poster.pdf").read_bytes().startswith(b"%PDF")
