"""A map's title, read for a list of maps without opening the map.

The recent-maps lists show each map's title beside its file name. Opening a
map would take its lock, start SQLAlchemy, run quick_check and make a backup;
this reads one row through a read-only stdlib connection instead, touches no
lock and writes nothing. Whatever cannot be read so (not a map, damaged, a
crashed writer's journal waiting) gives None, and the list shows the file name.
"""

from __future__ import annotations

import sqlite3
import struct
from contextlib import closing
from pathlib import Path

from ..errors import JourneyError
from .header import APPLICATION_ID, READ_ERRORS, check_schema_objects, connect_ro, hot_journal

_MAGIC = b"SQLite format 3\x00"


def peek_title(path) -> str | None:
    """The title of the map at `path`, or None when it cannot be read without opening the map."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(_MAGIC):
        return None
    if struct.unpack(">I", head[68:72])[0] != APPLICATION_ID or hot_journal(path):
        return None
    try:
        with closing(connect_ro(path)) as conn:
            conn.execute("PRAGMA query_only=ON")
            rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
            check_schema_objects(path, rows, conn.execute("PRAGMA user_version").fetchone()[0])
            row = conn.execute("SELECT title FROM map_info ORDER BY id LIMIT 1").fetchone()
    except (*READ_ERRORS, JourneyError, sqlite3.Warning):
        return None
    title = row[0] if row is not None else None
    return title if isinstance(title, str) and title.strip() else None
