"""Qt's offscreen platform with several screens: a laptop and a projector beside it.

The offscreen plugin reads its screens from a JSON file named on the platform
string (`offscreen:configfile=PATH`, qtbase's qoffscreenintegration.cpp). A
QApplication has its screens for life, so a test that needs two runs in a
process of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

LAPTOP = {"name": "Laptop", "x": 0, "y": 0, "width": 1920, "height": 1080}
PROJECTOR = {"name": "Projector", "x": 1920, "y": 0, "width": 1280, "height": 720}


def platform_with_screens(folder: Path, screens=(LAPTOP, PROJECTOR)) -> str:
    """A QT_QPA_PLATFORM value for the offscreen platform with `screens` (written to a file in `folder`)."""
    config = {"synchronousWindowSystemEvents": False, "windowFrameMargins": True,
              "screens": [dict(screen, logicalDpi=96, logicalBaseDpi=96, dpr=1.0) for screen in screens]}
    path = Path(folder) / "offscreen-screens.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"
