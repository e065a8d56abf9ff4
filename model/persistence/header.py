"""Recognising a map file before anything can write to it.

Everything here reads only: the raw 100-byte SQLite header, then a stdlib
sqlite3 connection opened with `mode=ro`. A file that is not ours, is newer
than this version, is damaged, or holds schema objects we did not create is
refused with a one-line FileRefusedError; its bytes are never touched.
"""

from __future__ import annotations

import sqlite3
import stat
import struct
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..domain import MAP_SUFFIX
from ..entities import ENTITIES, ref_index_name
from ..errors import FileRefusedError

APPLICATION_ID = 0x4A4D4150  # "JMAP": PRAGMA application_id of every Journeymap map
SCHEMA_VERSION = 4  # PRAGMA user_version written by this version
OLDEST_READABLE = 1  # the oldest schema the upgrade ladder starts from
SUFFIX = MAP_SUFFIX

_MAGIC = b"SQLite format 3\x00"

# What reading a damaged file can raise from the stdlib driver (text that is not UTF-8 included).
READ_ERRORS = (sqlite3.Error, UnicodeError)

# The tables a map holds in this schema version; anything else in sqlite_master
# (a trigger, a view, a virtual table, a stranger table) is refused as hostile.
CORE_TABLES = frozenset(
    {"map_info", "stages", "lanes", "personas", "cards", "emotions", "connections", "kpis", "snapshots"}
)
# The version whose upgrade made each table that schema 1 did not have.
_ADDED_IN = {"snapshots": 2, **{e.table: e.since for e in ENTITIES.values()}}
TABLES = CORE_TABLES | {e.table for e in ENTITIES.values()}

# The named indexes schema.py declares (a test keeps the two lists equal); SQLite's
# own sqlite_autoindex_* for primary keys are also ours.
INDEXES = frozenset(
    {"ix_cards_cell", "ix_emotions_persona", "ix_connections_source", "ix_connections_target", "ix_kpis_stage"}
    | {ref_index_name(e, r) for e in ENTITIES.values() for r in e.refs}
)


@dataclass(frozen=True)
class Header:
    application_id: int
    user_version: int
    page_size: int


def describe(path: Path) -> str:
    return f"'{path}'"


def refuse(path: Path, why: str) -> FileRefusedError:
    # One line: user text (a path) may hold newlines, so flatten it.
    return FileRefusedError(f"cannot open {describe(path)}: {why}".replace("\n", " ").replace("\r", " "))


def damaged(path: Path, why: str) -> FileRefusedError:
    """A refusal for a damaged map that names the newest good backup when there is one."""
    from .backups import newest_good_backup

    backup = newest_good_backup(path)
    if backup is not None:
        why += f"; the newest good backup is '{backup}'"
    return refuse(path, why)


def read_header(path: Path) -> Header:
    """The SQLite header of a map, or FileRefusedError saying why it is not one."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise refuse(path, "no such file") from None
    except OSError as exc:
        raise refuse(path, exc.strerror or "it cannot be read") from None
    if stat.S_ISDIR(st.st_mode):
        raise refuse(path, "it is a folder, not a map")
    if not stat.S_ISREG(st.st_mode):
        raise refuse(path, "it is not a regular file")
    if st.st_size == 0:
        raise damaged(path, "the file is empty (zero bytes)")
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise refuse(path, exc.strerror or "it cannot be read") from None
    if not head.startswith(_MAGIC):
        raise damaged(path, "it is not a Journeymap map (not an SQLite database)")
    if len(head) < 100:
        raise damaged(path, "the file is truncated (its header is incomplete)")
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    user_version, = struct.unpack(">i", head[60:64])
    application_id, = struct.unpack(">i", head[68:72])
    application_id &= 0xFFFFFFFF
    if page_size < 512 or page_size & (page_size - 1):
        raise damaged(path, "the file is damaged (invalid page size in its header)")
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        # SQLite would open such a file read-only and every edit would then fail.
        raise damaged(path, f"the file is damaged (unknown file format {head[18]}/{head[19]} in its header)")
    header = Header(application_id, user_version, page_size)
    check_identity(path, header)
    if st.st_size < page_size:
        raise damaged(path, "the file is truncated (shorter than one page)")
    return header


def check_identity(path: Path, header: Header) -> None:
    if header.application_id != APPLICATION_ID:
        raise refuse(path, "it is an SQLite database of another program, not a Journeymap map")
    if header.user_version > SCHEMA_VERSION:
        raise refuse(
            path,
            f"it was made by a newer Journeymap (schema {header.user_version}); "
            f"this version reads up to {SCHEMA_VERSION}",
        )
    if header.user_version < OLDEST_READABLE:
        raise refuse(path, f"its schema version {header.user_version} is unknown")


def ro_uri(path: Path) -> str:
    return "file:" + quote(str(Path(path).absolute())) + "?mode=ro"


def connect_ro(path: Path) -> sqlite3.Connection:
    """A stdlib read-only connection (cannot write the file, cannot create it)."""
    conn = sqlite3.connect(ro_uri(path), uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def hot_journal(path: Path) -> bool:
    """True when a crashed writer left a rollback journal that SQLite must play back.

    As SQLite decides: the journal is non-empty and its first byte is not
    zero (with synchronous=FULL a journal's header stays zeroed until it is
    synced, and the map itself is only written after that).
    """
    try:
        with open(str(path) + "-journal", "rb") as journal:
            return journal.read(1) not in (b"", b"\x00")
    except OSError:
        return False


def probe(path: Path, *, full: bool = True) -> Header:
    """Refuse anything that is not an intact map of a schema we read; read-only throughout.

    `full` adds PRAGMA quick_check (opening always runs it; listing backups too).
    """
    path = Path(path)
    header = read_header(path)
    try:
        with closing(connect_ro(path)) as conn:
            check_database(conn, path, full=full)
    except READ_ERRORS as exc:
        raise damaged(path, _damage(exc)) from None
    return header


def check_database(conn: sqlite3.Connection, path: Path, *, full: bool = True) -> None:
    """The checks that need SQLite itself: identity by PRAGMA, schema objects, quick_check."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    check_identity(path, Header(application_id, user_version, 0))
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    check_schema_objects(path, rows, user_version)
    if full:
        problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise damaged(path, f"the file is damaged ({problem})")
        # A row pointing at a missing parent (a card whose stage is gone) would silently vanish on load.
        orphan = conn.execute("PRAGMA foreign_key_check").fetchone()
        if orphan is not None:
            raise damaged(path, f"the file is damaged (a row of {orphan[0]!r} refers to a missing {orphan[2]!r} row)")


def check_schema_objects(path: Path, rows: list[tuple], user_version: int = SCHEMA_VERSION) -> None:
    """Refuse triggers, views, virtual tables and anything else we did not create; require our tables."""
    names = set()
    for kind, name, table, sql in rows:
        if not (isinstance(kind, str) and isinstance(name, str) and isinstance(table, str)
                and isinstance(sql, (str, type(None)))):
            raise damaged(path, "the file is damaged (its schema table holds values that are not text)")
        if kind in ("trigger", "view"):
            raise refuse(path, f"it holds a {kind} ({name!r}) that Journeymap did not create")
        if kind == "table":
            if name not in TABLES:
                raise refuse(path, f"it holds a table ({name!r}) that Journeymap did not create")
            if sql and "VIRTUAL" in sql.upper().split("(")[0]:
                raise refuse(path, f"it holds a virtual table ({name!r})")
            names.add(name)
        elif kind == "index" and (table not in TABLES or not (name in INDEXES or name.startswith("sqlite_autoindex_"))):
            raise refuse(path, f"it holds an index ({name!r}) that Journeymap did not create")
    # A table a later schema added is made by the migration, so an older file need not have it.
    required = {t for t in TABLES if _ADDED_IN.get(t, 1) <= user_version}
    missing = sorted(required - names)
    if missing:
        raise damaged(path, f"the file is damaged (table {missing[0]!r} is missing)")


def _damage(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "not a database" in text:
        return "the file is damaged (it is not a readable SQLite database)"
    if "malformed" in text:
        return "the file is damaged (database disk image is malformed)"
    return f"the file cannot be read ({text})"

