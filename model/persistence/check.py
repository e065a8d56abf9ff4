"""Reading a map without opening it for editing: the command line's info, export and check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Content
from ..errors import FileRefusedError
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


__all__ = ["FileReport", "FileRefusedError", "check_file", "read_content"]
