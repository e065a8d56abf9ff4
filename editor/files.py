"""Opening and creating maps, with the questions that go with it.

`FileService.open_path` is the one way a map file is opened by the editor:
a map held by another Journeymap asks "Open read-only / Take over / Cancel"
(showing who holds it), a damaged or refused file says why and offers a copy
of the newest good backup, and a map that was not closed cleanly says it was
recovered. New maps (from a template, the example) live in
user_data_dir()/maps as "Untitled N.journey" until Save As names them.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from model.domain import MAP_SUFFIX
from model.errors import FileRefusedError, JourneyError, MapLockedError
from model.paths import user_data_dir

from .prompts import Prompts
from .settings import Settings

SUFFIX = MAP_SUFFIX
READ_ONLY, TAKE_OVER, CANCEL = "Open read-only", "Take over", "Cancel"
OPEN_BACKUP = "Open a copy of the backup"


def maps_dir() -> Path:
    return user_data_dir() / "maps"


def is_scratch(path: Path) -> bool:
    """A map living in the data directory: made from a template and never named by Save As."""
    try:
        Path(path).resolve().relative_to(maps_dir().resolve())
    except ValueError:
        return False
    return True


def untitled_path(stem: str = "Untitled") -> Path:
    """The first free 'Untitled N.journey' in the maps folder (created if missing)."""
    from model.persistence.mapfile import pending_paths

    folder = maps_dir()
    folder.mkdir(parents=True, exist_ok=True)
    taken = pending_paths()  # new maps shown already, their files written in a moment
    n = 1
    while (candidate := folder / f"{stem} {n}{SUFFIX}").exists() or candidate.absolute() in taken:
        n += 1
    return candidate


def with_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


@dataclass(frozen=True)
class RecentMap:
    """A recent map as the lists show it: its title (read without opening the map) and its file."""

    path: Path
    title: str | None  # None when the file cannot be read without opening it

    @property
    def heading(self) -> str:
        """The title on one line, not too long; the file's name when there is no title to show."""
        text = " ".join((self.title or self.path.stem).split())
        return text if len(text) <= MAX_TITLE_SHOWN else text[: MAX_TITLE_SHOWN - 1] + "…"

    @property
    def menu_text(self) -> str:
        # "&" marks a menu's shortcut letter: a title "R&D" must show its ampersand.
        return f"{self.heading} — {self.path.name}".replace("&", "&&")


MAX_TITLE_SHOWN = 60


def recent_maps(settings: Settings) -> list[RecentMap]:
    """The recent maps, newest first, each with its title (no map is opened or locked to read it)."""
    from model.persistence.peek import peek_title

    return [RecentMap(path, peek_title(path)) for path in settings.recent_files()]


class FileService:
    """Opens and creates MapFiles, asking the user through `prompts` when a file needs a decision."""

    def __init__(self, prompts: Prompts, settings: Settings) -> None:
        self.prompts = prompts
        self.settings = settings

    def open_path(self, path: Path, *, read_only: bool = False, prompts: Prompts | None = None):
        """A MapFile for `path`, or None when the user cancels or the file is refused (after saying why)."""
        from model.persistence import MapFile

        ask = prompts or self.prompts
        path = Path(path)
        try:
            map_file = MapFile.open(path, read_only=read_only)
        except MapLockedError as locked:
            holder = locked.holder or "another Journeymap"
            answer = ask.choose(
                "Map in use",
                f"“{path.name}” is open in {holder}.",
                [READ_ONLY, TAKE_OVER, CANCEL],
                detail="Open it read-only to look without changing it. Take it over only if that "
                       "Journeymap is no longer running: two windows editing one map would overwrite "
                       "each other's changes.",
            )
            if answer == READ_ONLY:
                return self._try_open(path, ask, read_only=True)
            if answer == TAKE_OVER:
                return self._try_open(path, ask, take_over=True)
            return None
        except FileRefusedError as refused:
            return self._offer_backup(path, str(refused), ask)
        except JourneyError as error:
            ask.warn("Cannot open the map", str(error))
            return None
        return self._opened(map_file, ask)

    def _try_open(self, path: Path, ask: Prompts, **options):
        from model.persistence import MapFile

        try:
            map_file = MapFile.open(path, **options)
        except JourneyError as error:
            ask.warn("Cannot open the map", str(error))
            return None
        return self._opened(map_file, ask)

    def _opened(self, map_file, ask: Prompts):
        # Unnamed maps are listed too: after a crash, that is where the user finds "Untitled 3" again.
        self.settings.add_recent_file(map_file.path)
        if map_file.recovered:
            ask.info(
                "Map recovered",
                f"Journeymap was not closed properly last time “{map_file.path.name}” was open.\n\n"
                "The map has been recovered with every change that was saved; at most the very "
                "last change in flight may be missing.",
            )
        return map_file

    def _offer_backup(self, path: Path, why: str, ask: Prompts):
        from model.persistence import newest_good_backup

        backup = None
        if path.exists():
            try:
                backup = newest_good_backup(path)
            except JourneyError:
                backup = None
        if backup is None:
            ask.warn("Cannot open the map", why)
            return None
        answer = ask.choose(
            "Cannot open the map",
            why,
            [OPEN_BACKUP, CANCEL],
            detail=f"A good backup from {_backup_time(backup)} exists. Journeymap can open a copy of it "
                   "as a new map; the damaged file is left as it is.",
        )
        if answer != OPEN_BACKUP:
            return None
        try:
            copy = untitled_path(f"{path.stem} (from backup)")
            shutil.copy2(backup, copy)
        except OSError as error:
            ask.warn("Cannot copy the backup", f"{backup}: {error.strerror or error}")
            return None
        return self._try_open(copy, ask)

    def create(self, content, path: Path | None = None, *, replace: bool = False, later: bool = False):
        """A new map file holding `content` (in the maps folder unless `path` is given).

        `replace`: a file already at `path` is replaced (the user confirmed it), unless another
        Journeymap holds it open; the new map is made beside it and renamed over it in one step.
        `later`: the file is written once the window shows the map (MapFile.create_later).
        """
        from model.persistence import MapFile

        if replace and path is not None and os.path.lexists(path):
            map_file = self._create_over(content, Path(path))
        elif later:
            map_file = MapFile.create_later(path or untitled_path(), content)
        else:
            map_file = MapFile.create(path or untitled_path(), content)
        self.settings.add_recent_file(map_file.path)
        return map_file

    @staticmethod
    def _create_over(content, dest: Path):
        from model.persistence import MapFile, map_lock_holder

        dest = dest.absolute()
        if dest.is_dir():
            raise FileRefusedError(f"cannot save to '{dest}': it is a folder")
        holder = map_lock_holder(dest)
        if holder:
            raise FileRefusedError(f"cannot replace '{dest}': it is open in another Journeymap ({holder})")
        # A name the backups' clean-up recognises, should the app die before the rename.
        temp = dest.with_name(f".~{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        MapFile.create(temp, content).close()
        try:
            os.replace(temp, dest)
        except OSError:
            temp.unlink(missing_ok=True)
            raise
        return MapFile.open(dest)

    def new_from_template(self, name: str, title: str | None = None):
        from model.templates import build_template

        return self.create(build_template(name, title), later=True)

    def example(self):
        """A fresh copy of the example map; the bundled one is never edited."""
        from model.templates import example_content

        return self.create(example_content(), untitled_path("Example"), later=True)


def _backup_time(path: Path) -> str:
    import datetime as dt

    try:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return "earlier"
    return stamp.strftime("%Y-%m-%d %H:%M")
