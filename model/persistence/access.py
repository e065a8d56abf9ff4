"""Getting a readable connection to a map without writing the user's file.

A map left mid-transaction by a crash has a hot rollback journal beside it;
SQLite must play it back before anyone can read, and a read-only connection
cannot. Writers let SQLite do it in place (the file is ours, the journal
restores its last committed state); read-only readers copy the map and its
journal to a private temporary folder and recover the copy instead.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from .header import READ_ERRORS, connect_ro, damaged, hot_journal


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("journeymap")
    except Exception:  # running from a checkout that is not installed
        return "0.1.0"


def recover_in_place(path: Path) -> None:
    """Play back a hot journal left by a crashed writer (called with the map's lock held)."""
    if not hot_journal(path):
        return
    uri = "file:" + quote(str(Path(path).absolute())) + "?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as conn:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except READ_ERRORS as exc:
        raise damaged(path, f"the file is damaged and its crash journal cannot be played back ({exc})") from None


def remove_cold_journal(path: Path) -> None:
    """Let SQLite delete a journal a killed writer left before syncing it (it holds nothing to play back).

    SQLite ignores such a journal but only deletes it at the next write, so
    one empty write transaction (user_version rewritten unchanged) clears it.
    Called by the lock holder, after the map passed its checks; if another
    connection is writing (BEGIN IMMEDIATE is refused), the journal is its own
    and is left alone.
    """
    journal = Path(str(path) + "-journal")
    if not journal.exists() or hot_journal(path):
        return
    uri = "file:" + quote(str(Path(path).absolute())) + "?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0.5)) as conn:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN IMMEDIATE")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version={int(version)}")
            conn.execute("COMMIT")
    except sqlite3.Error:
        pass  # harmless: SQLite ignores a journal that is not hot


def needs_private_recovery(path: Path) -> bool:
    """A crash journal waits and no live Journeymap is writing (a live writer's journal is never hot)."""
    from .lock import map_lock_holder

    return hot_journal(path) and map_lock_holder(path) is None


def copy_into(path: Path, target: sqlite3.Connection) -> None:
    """Backup-API copy of the map at `path` into `target`, recovering a crash journal on a private copy."""
    path = Path(path)
    if not needs_private_recovery(path):
        with closing(connect_ro(path)) as source:
            source.backup(target)
        return
    with tempfile.TemporaryDirectory(prefix="journeymap-recover-") as tmp:
        copy = Path(tmp) / "map.journey"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(str(path) + "-journal", str(copy) + "-journal")
        except OSError as exc:
            raise damaged(path, f"the file and its crash journal cannot be read ({exc.strerror or exc})") from None
        with closing(sqlite3.connect(str(copy), isolation_level=None)) as source:
            source.execute("PRAGMA trusted_schema=OFF")
            source.backup(target)
