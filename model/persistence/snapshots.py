"""Snapshots: named, dated copies of the map stored inside the same file.

Design: the map's database is copied with the backup API into memory, the
copy's own snapshots are dropped (a snapshot never nests earlier ones) and
it is vacuumed, checked with quick_check, then serialized (sqlite3
Connection.serialize) into one BLOB row of the `snapshots` table. Reading a
snapshot deserializes the BLOB into a private in-memory database and loads
it with the same code that loads a file, so it is validated the same way.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

from sqlalchemy import Connection, delete, func, insert, select

from ..document import Content, Document
from ..domain import SnapshotInfo, new_id
from ..errors import JourneyError, NotFoundError, ValidationError
from .errors import MapSaveError
from .schema import tables

MAX_NAME = 200


def list_snapshots(conn: Connection) -> list[SnapshotInfo]:
    t = tables()["snapshots"]
    with conn.begin():
        rows = conn.execute(select(t.c.id, t.c.name, t.c.created).order_by(t.c.position, t.c.created)).all()
    return [SnapshotInfo(r[0], r[1], r[2]) for r in rows]


def add_snapshot(conn: Connection, raw: sqlite3.Connection, name: str) -> SnapshotInfo:
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("a snapshot needs a name")
    if len(name) > MAX_NAME or "\x00" in name:
        raise ValidationError(f"a snapshot's name must be at most {MAX_NAME} characters of text")
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
        raw.backup(memory)
        memory.execute("DELETE FROM snapshots")
        memory.execute("VACUUM")
        problem = memory.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise MapSaveError(f"the snapshot failed its check ({problem}); it was not stored")
        data = memory.serialize()
    info = SnapshotInfo(new_id(), name.strip(), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    t = tables()["snapshots"]
    with conn.begin():
        position = conn.execute(select(func.coalesce(func.max(t.c.position), -1))).scalar_one() + 1
        conn.execute(insert(t).values(id=info.id, position=position, name=info.name, created=info.created, data=data))
    return info


def load_snapshot(conn: Connection, snapshot_id: str) -> Content:
    from .access import app_version
    from .header import SCHEMA_VERSION
    from .schema import make_engine, migrate
    from .store import read_rows

    t = tables()["snapshots"]
    with conn.begin():
        data = conn.execute(select(t.c.data).where(t.c.id == snapshot_id)).scalar_one_or_none()
    if data is None:
        raise NotFoundError(f"no snapshot with id {snapshot_id!r}")
    memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    try:
        memory.deserialize(bytes(data))
        if memory.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            raise ValueError("it fails its integrity check")
    except (sqlite3.Error, ValueError) as exc:
        memory.close()
        raise JourneyError(f"the snapshot is damaged ({exc})") from None
    engine = make_engine(None, creator=lambda: memory)
    try:
        with engine.connect() as snap, snap.begin():
            version = snap.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version < SCHEMA_VERSION:  # taken before an upgrade: upgraded in memory, as the file was
                migrate(snap, version, app_version(), keep_stamp=True)
            return Document(read_rows(snap)).content()
    except JourneyError:
        raise
    except Exception as exc:
        raise JourneyError(f"the snapshot is damaged ({exc})") from None
    finally:
        engine.dispose()
        memory.close()


def remove_snapshot(conn: Connection, snapshot_id: str) -> None:
    t = tables()["snapshots"]
    with conn.begin():
        gone = conn.execute(delete(t).where(t.c.id == snapshot_id)).rowcount
    if not gone:
        raise NotFoundError(f"no snapshot with id {snapshot_id!r}")
