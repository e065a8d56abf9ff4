"""Verified copies through SQLite's backup API: Save a Copy, Save As and rotating backups.

A copy is written to a temporary file beside its destination, checked
(quick_check and our application_id), flushed to disk, then renamed into
place, so the destination is either the old file or the whole new one.
Backups live in <user data dir>/backups/<map-stem>-<hash of its path>/,
ten per map, newest kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from .. import paths
from ..errors import FileRefusedError, JourneyError
from .errors import MapSaveError
from .header import APPLICATION_ID, SUFFIX, probe

KEEP_BACKUPS = 10

# The temporary a copy is written to: ".~<dest name>.<pid>.<ns>.tmp" (and its "-journal").
_TEMPORARY = re.compile(r"^\.~.+\.(?P<pid>\d+)\.\d+\.tmp(-journal)?$")


def remove_stale_temporaries(folder: Path) -> int:
    """Remove copy temporaries left in `folder` by a process that was killed mid-copy; how many.

    Only names this module makes are touched, and only when their process is gone.
    """
    from .lock import _pid_alive

    removed = 0
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return 0
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and int(match["pid"]) != os.getpid() and not _pid_alive(int(match["pid"])):
            try:
                entry.unlink()
                removed += 1
            except OSError:
                pass  # another Journeymap removed it first, or the folder is read-only
    return removed


def verified_copy(source: sqlite3.Connection, dest: Path, *, strip_snapshots: bool = False) -> None:
    """Copy `source` to `dest` atomically; MapSaveError (dest untouched) if it cannot be made or verified."""
    dest = Path(dest)
    if dest.is_dir():
        raise FileRefusedError(f"cannot save to '{dest}': it is a folder")
    if not dest.parent.is_dir():
        raise FileRefusedError(f"cannot save to '{dest}': the folder {str(dest.parent)!r} does not exist")
    remove_stale_temporaries(dest.parent)
    tmp = dest.with_name(f".~{dest.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with closing(sqlite3.connect(str(tmp), isolation_level=None)) as target:
            source.backup(target)
            if strip_snapshots:
                target.execute("DELETE FROM snapshots")
                target.execute("VACUUM")
            target.execute("PRAGMA journal_mode=DELETE")
            problem = target.execute("PRAGMA quick_check(1)").fetchone()[0]
            app_id = target.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
        if problem != "ok" or app_id != APPLICATION_ID:
            raise MapSaveError(f"the copy for '{dest}' failed its check ({problem}); nothing was saved")
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        raise MapSaveError(f"could not write a copy to '{dest}': {exc}") from None
    except OSError as exc:
        raise MapSaveError(f"could not write a copy to '{dest}': {exc.strerror or exc}") from None
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_folder(map_path: Path) -> Path:
    """Where the backups of the map at `map_path` go (its absolute path keeps same-named maps apart)."""
    map_path = Path(map_path).absolute()
    digest = hashlib.sha256(str(map_path).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = "".join(ch if ch.isalnum() or ch in "-_ ." else "_" for ch in map_path.stem)[:60] or "map"
    return paths.backups_dir() / f"{stem}-{digest}"


def make_backup(source: sqlite3.Connection, map_path: Path) -> Path:
    """A new verified backup of the open map; the oldest beyond KEEP_BACKUPS are removed."""
    folder = backup_folder(map_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MapSaveError(f"could not create the backup folder '{folder}': {exc.strerror or exc}") from None
    now = time.time_ns()  # one reading, so names sort in the order the backups were made
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 1_000_000_000)) + f"{now % 1_000_000_000:09d}Z"
    dest = folder / f"{Path(map_path).stem[:60]}-{stamp}{SUFFIX}"
    verified_copy(source, dest)
    for old in list_backups(map_path)[:-KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass
    return dest


def list_backups(map_path: Path) -> list[Path]:
    """The map's backups, oldest first (names sort by time)."""
    folder = backup_folder(map_path)
    try:
        found = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".~")]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)


def newest_good_backup(path) -> Path | None:
    """The newest backup of the map at `path` that opens as an intact map, or None."""
    for candidate in reversed(list_backups(Path(path))):
        try:
            probe(candidate)
        except JourneyError:
            continue
        return candidate
    return None
