"""Where Journeymap keeps its own files (backups, recovery data), never beside the user's maps.

JOURNEYMAP_DATA_DIR overrides the platform's user data directory (the tests
point it at a temporary folder, and a portable install can point it anywhere).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Journeymap"


def user_data_dir() -> Path:
    """The user data directory; not created here (writers create what they need)."""
    override = os.environ.get("JOURNEYMAP_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir as platform_dir

    return Path(platform_dir(APP_NAME, appauthor=False))


def backups_dir() -> Path:
    return user_data_dir() / "backups"
