"""Reading a map without opening it for editing: the command line's info, export and check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Content
from ..domain import SnapshotInfo
from ..errors import FileRefusedError, NotFoundError
from .access import copy_into, hot_journal
from .header import READ_ERRORS, SCHEMA_VERSION, check_database, damaged, read_header
from .lock import map_lock_holder


def read_content(path) -> Content:
    """The map at `path`, read-only and without taking the lock; refused exactly like MapFile.open."""
    from .mapfile import MapFile

    mapfile = MapFile.open(path, read_only=True)
    try:
        return mapfile.document.content()
    finally:
        mapfile.close()


@dataclass(frozen=True)
class SnapshotRead:
    """A snapshot's content beside the map's content now, read in one go."""

    info: SnapshotInfo
    content: Content
    now: Content
    same_name: int  # how many snapshots carry this name (the newest was taken)


def _shown(name: str, limit: int = 60) -> str:
    text = " ".join(name.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def read_snapshot(path, name: str) -> SnapshotRead:
    """Snapshot `name` of the map at `path` and the map now, read-only and without taking the lock.

    Names are compared as stored (snapshots keep their name stripped); when
    several snapshots share it, the newest is read. NotFoundError names the
    snapshots the map has when none is called `name`; the file is refused
    exactly like MapFile.open.
    """
    return read_snapshots(path, [name])[0]


def read_snapshots(path, names: Sequence[str]) -> list[SnapshotRead]:
    """Snapshots `names` of the map at `path`, in that order, each beside the map now: read_snapshot for
    several, in one opening of the file. Every name is looked up before any snapshot is read, so an unknown
    one is refused at once."""
    from .mapfile import MapFile

    mapfile = MapFile.open(path, read_only=True)
    try:
        snapshots = mapfile.snapshots()
        picked = []
        for name in names:
            wanted = name.strip()
            same = [s for s in snapshots if s.name == wanted]
            if not same:
                have = ", ".join(_shown(s.name, 40) for s in snapshots[:10]) or "none"
                more = f" and {len(snapshots) - 10} more" if len(snapshots) > 10 else ""
                raise NotFoundError(f"{Path(path).name} has no snapshot named {_shown(name)}; its snapshots: {have}{more}")
            picked.append((same[-1], len(same)))  # listed in the order they were taken: the newest
        now = mapfile.document.content()
        return [SnapshotRead(info, mapfile.snapshot_content(info.id), now, count) for info, count in picked]
    finally:
        mapfile.close()


@dataclass(frozen=True)
class FileReport:
    """What `journeymap check` prints."""

    path: Path
    schema_version: int
    app_version: str  # the Journeymap that last wrote the file's schema
    app_version_ok: bool  # its schema is one this version reads (older ones are upgraded on open)
    integrity: str  # "ok" or the first problem integrity_check found
    lock_holder: str | None  # "user@host pid N" of a live writer, or None
    counts: dict[str, int] = field(default_factory=dict)  # rows per table: stages, lanes, cards, ...
    needs_upgrade: bool = False
    crash_journal: bool = False  # a crashed writer's journal waits to be played back on the next open


def check_file(path) -> FileReport:
    """Inspect a map read-only; FileRefusedError like open for anything that is not a map we read.

    A damaged map is not refused here: its report names the first problem.
    """
    path = Path(path).absolute()
    header = read_header(path)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    with closing(memory):
        try:
            copy_into(path, memory)  # a private copy: a crash journal is played back on the copy only
        except READ_ERRORS as exc:
            raise damaged(path, f"the file is damaged ({exc})") from None
        try:
            # Hostile or foreign schema objects are refused as open refuses them; damage is reported below.
            check_database(memory, path, full=False)
        except READ_ERRORS as exc:
            raise damaged(path, f"the file is damaged ({exc})") from None
        try:
            rows = memory.execute("PRAGMA integrity_check(1)").fetchall()
            integrity = rows[0][0] if rows else "no answer"
        except READ_ERRORS as exc:
            integrity = str(exc)
        counts: dict[str, int] = {}
        app_version = ""
        for table in ("stages", "lanes", "cards", "personas", "emotions", "connections", "kpis", "snapshots"):
            try:
                counts[table] = memory.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except READ_ERRORS:
                continue
        try:
            found = memory.execute("SELECT app_version FROM map_info WHERE id = 1").fetchone()
            app_version = str(found[0]) if found else ""
        except READ_ERRORS:
            pass
    return FileReport(
        path=path,
        schema_version=header.user_version,
        app_version=app_version,
        app_version_ok=header.user_version <= SCHEMA_VERSION,
        integrity=integrity,
        lock_holder=map_lock_holder(path),
        counts=counts,
        needs_upgrade=header.user_version < SCHEMA_VERSION,
        crash_journal=hot_journal(path),
    )


__all__ = ["FileReport", "FileRefusedError", "SnapshotRead", "check_file", "read_content", "read_snapshot",
           "read_snapshots"]
