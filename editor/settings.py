"""What the editor remembers between runs: window geometry, recent maps and the theme (QSettings).

The settings live in an INI file in the user data directory, so a test (or a
portable install) that points JOURNEYMAP_DATA_DIR elsewhere keeps them there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from model.paths import user_data_dir

MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        path = path or user_data_dir() / "settings.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    # recent maps -------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recent maps, newest first; files that no longer exist are left out."""
        raw = self._qsettings.value("recent_files", [])
        if isinstance(raw, str):  # QSettings returns a lone string for a one-item list
            raw = [raw]
        return [Path(p) for p in raw or [] if isinstance(p, str) and Path(p).is_file()]

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.recent_files() if p.resolve() != path]
        self._qsettings.setValue("recent_files", [str(p) for p in paths[:MAX_RECENT]])
        self._qsettings.sync()

    def remove_recent_file(self, path: Path) -> None:
        paths = [p for p in self.recent_files() if p.resolve() != Path(path).resolve()]
        self._qsettings.setValue("recent_files", [str(p) for p in paths])
        self._qsettings.sync()

    # theme -------------------------------------------------------------------------------

    def theme(self) -> str:
        """The chosen theme's name ("system" when none was chosen)."""
        value = self._qsettings.value("view/theme", "system")
        return value if isinstance(value, str) else "system"

    def set_theme(self, name: str) -> None:
        self._qsettings.setValue("view/theme", name)
        self._qsettings.sync()

    # window ------------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        value = self._qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qsettings.setValue("window/geometry", geometry)
        self._qsettings.setValue("window/state", state)
        self._qsettings.sync()
