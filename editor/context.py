"""The services a window is given (no global application object)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import FileService
from .prompts import Prompts
from .settings import Settings


@dataclass
class AppContext:
    prompts: Prompts
    settings: Settings
    files: FileService
    # What the application does with windows: open a map file in a new window, open a path
    # (with the lock / damage / recovery questions, and an offer to import a file that is not a map),
    # show the start screen, import a file into a new map.
    open_window: Callable[[Any], Any]
    open_path: Callable[[Path], Any]
    show_start: Callable[[], Any]
    backup_interval_ms: int = 3 * 60 * 1000
    import_path: Callable[[Path], Any] = lambda _path: None
    theme: Any = None  # editor.theme.ThemeService: View > Theme, shared by every window
    clock: Callable[[], float] = time.time  # the workshop timer's wall clock (seconds since the epoch); tests set one
