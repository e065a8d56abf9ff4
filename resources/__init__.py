"""Journeymap's bundled files (fonts, the example map, the JSON Schema, the app icon), found in one place.

Every module asks `resource_path()` for a bundled file instead of building
paths itself, so the files are found the same way from a source checkout, an
installed wheel, and the standalone app PyInstaller builds (`make dist`),
where they are unpacked under `sys._MEIPASS`. Plain Python: the model uses it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding the bundled files."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader in a built app
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a bundled file, e.g. resource_path("fonts", "DejaVuSans.ttf"); it may not exist."""
    return resources_dir().joinpath(*parts)
