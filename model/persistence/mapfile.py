"""MapFile: one open map file, saved as it changes.

Opening refuses (FileRefusedError, one line, file untouched) anything that is
not an intact map this version reads: see header.probe. Once open, the MapFile
is its Document's store: the document hands it every change before any view
hears of it, and it writes the change in one transaction. A failed write is
rolled back and raised as MapSaveError, and the document then takes the change
back, so memory and file always hold the same map.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Content, Document
from ..domain import SnapshotInfo
from ..errors import FileRefusedError, JourneyError
from ..events import Change
from .access import app_version, copy_into, needs_private_recovery, recover_in_place, remove_cold_journal
from .backups import fsync_dir, remove_stale_temporaries
from .errors import MapReadOnlyError, MapSaveError
from .header import READ_ERRORS, SCHEMA_VERSION, check_database, damaged, hot_journal, probe, read_header, refuse
from .lock import MapLock

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

BACKUP_EVERY_S = 300.0  # a rotating backup at most every five minutes of editing


def _load_errors() -> tuple[type[BaseException], ...]:
    import sqlalchemy.exc

    # What damaged rows raise while being turned into model values.
    return (sqlalchemy.exc.SQLAlchemyError, sqlite3.Error, JourneyError, ValueError, TypeError, KeyError, UnicodeError)


class MapFile:
    """An open .journey map: `document` is the map, saved as it changes unless `read_only`."""

    def __init__(self, path: Path, engine: "Engine", conn: "Connection", document: Document, *,
                 read_only: bool, lock: MapLock | None, recovered: bool) -> None:
        self.path = path
        self.document = document
        self.read_only = read_only
        self.recovered = recovered
        self._engine = engine
        self._conn = conn
        self._lock = lock
        self._closed = False
        self._pending = False
        self._last_backup = time.monotonic()
        if document.store is not None:
            raise ValueError("this document is already kept by another store")
        document.store = self

    # -- opening ------------------------------------------------------------

    @classmethod
    def create(cls, path, content: Content | None = None) -> "MapFile":
        """Write a new map file at `path` (refused if anything exists there) and open it.

        The file is built beside its destination under a temporary name and
        linked into place, so a crash never leaves a half-made map at `path`.
        """
        path = Path(path).absolute()
        content = _checked_new(path, content)
        _write_new(path, content)
        return cls.open(path)

    @classmethod
    def create_later(cls, path, content: Content | None = None) -> "MapFile":
        """A new map at `path` whose document exists at once and whose file is written when first
        needed: by finish_creating(), or by the first change, copy, backup or snapshot. Refused
        like create(). Nothing is written if it is closed before.

        A window can show a new map before SQLAlchemy is even imported (a third of a second).
        """
        path = Path(path).absolute()
        document = Document(_checked_new(path, content))
        mapfile = cls(path, None, None, document, read_only=False, lock=None, recovered=False)
        mapfile._pending = True
        _PENDING.add(path)
        return mapfile

    @property
    def pending(self) -> bool:
        """Made by create_later and not written yet."""
        return self._pending

    def finish_creating(self) -> None:
        """Write the file of a map made by create_later (the document as it is now) and open it;
        nothing once written. FileRefusedError when it cannot be written (the map stays unwritten)."""
        if not self._pending:
            return
        self._check_open()
        _write_new(self.path, self.document.content())
        opened = MapFile.open(self.path)  # lock, checks and a first backup, as for any map opened
        opened.document.store = None  # its copy of the map is dropped: this document is the map
        self._engine, self._conn, self._lock = opened._engine, opened._conn, opened._lock
        self._last_backup = opened._last_backup
        opened._closed = True  # its engine, connection and lock are this one's now
        self._pending = False
        _PENDING.discard(self.path)

    @classmethod
    def open(cls, path, *, read_only: bool = False, take_over: bool = False) -> "MapFile":
        """Open a map; refused with FileRefusedError (file untouched) unless it is an intact map we read.

        MapLockedError (a FileRefusedError) when another live Journeymap holds
        it and `read_only` is False; `take_over` replaces that lock (the user
        confirmed). A stale lock left by a crash is taken over and sets
        `recovered`.
        """
        path = Path(path).absolute()
        header = read_header(path)
        if read_only:
            engine, conn, document = _open_read_only(path, header.user_version)
            return cls(path, engine, conn, document, read_only=True, lock=None, recovered=False)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise FileRefusedError(
                f"cannot open '{path}' for editing: the file or its folder is not writable (open it read-only)"
            )
        lock = MapLock(path)
        lock.acquire(take_over=take_over)
        engine = None
        try:
            recovered = lock.took_over_stale or hot_journal(path)
            remove_stale_temporaries(path.parent)  # copies a killed Journeymap left half-made here
            recover_in_place(path)
            header = probe(path)
            remove_cold_journal(path)
            engine, conn, document = _open_writable(path, header.user_version)
            mapfile = cls(path, engine, conn, document, read_only=False, lock=lock, recovered=recovered)
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise
        try:
            mapfile.backup_now()
        except JourneyError:
            pass  # a backup that cannot be made must not stop the user opening the map
        return mapfile

    # -- saving as it changes -----------------------------------------------

    def commit(self, change: Change) -> None:
        """Write the rows `change` touched in one transaction, or roll back and raise MapSaveError.

        Called by the Document before any view hears of the change; a refusal
        makes the document take the change back.
        """
        if self._closed:
            raise MapSaveError(f"'{self.path.name}' is closed; the change was not saved", change)
        if self.read_only:
            raise MapReadOnlyError(f"'{self.path.name}' is open read-only; the change cannot be saved", change)
        if self._pending:
            # The document holds the change already: the new file is written with it.
            try:
                self.finish_creating()
            except JourneyError as exc:
                raise MapSaveError(f"could not save the change to '{self.path.name}': {exc}", change) from exc
            return
        from .store import write_dirty

        try:
            with self._conn.begin():
                write_dirty(self._conn, self.document, change.dirty)
        except Exception as exc:
            raise MapSaveError(
                f"could not save the change to '{self.path.name}': {_reason(exc)}", change
            ) from exc
        if time.monotonic() - self._last_backup > BACKUP_EVERY_S:
            try:
                self.backup_now()
            except JourneyError:
                pass  # the next interval tries again

    # -- copies ---------------------------------------------------------------

    def _connection(self, *, writable: bool = False) -> "Connection":
        """The open map's connection, its file written first if create_later left it unwritten."""
        self._check_writable() if writable else self._check_open()
        self.finish_creating()
        return self._conn

    def _raw(self) -> sqlite3.Connection:
        return self._connection().connection.driver_connection  # type: ignore[return-value]

    def save_copy(self, dest) -> None:
        """A verified copy of the map at `dest` (backup API, quick_check, atomic rename).

        Refused (FileRefusedError) over the open map itself, a folder, a missing
        folder, or a map another Journeymap holds; MapSaveError when memory holds
        changes that still cannot be written, or the copy fails its check.
        """
        from .backups import verified_copy

        self._check_open()
        dest = Path(dest).absolute()
        if dest == self.path:
            raise FileRefusedError(f"cannot save a copy over the open map '{dest}' itself")
        from .lock import map_lock_holder

        holder = map_lock_holder(dest)
        if holder:
            raise FileRefusedError(f"cannot save over '{dest}': it is open in another Journeymap ({holder})")
        verified_copy(self._raw(), dest, strip_snapshots=False)

    def save_as(self, dest) -> "MapFile":
        """Copy to `dest`, open the copy for editing, close this one; return the new MapFile."""
        self.save_copy(dest)
        new = MapFile.open(dest)
        self.close()
        return new

    def backup_now(self) -> Path:
        """A rotating, verified backup in the user data directory; returns its path."""
        from .backups import make_backup

        path = make_backup(self._raw(), self.path)
        self._last_backup = time.monotonic()
        return path

    # -- snapshots ------------------------------------------------------------

    def snapshots(self) -> list[SnapshotInfo]:
        from .snapshots import list_snapshots

        return list_snapshots(self._connection())

    def create_snapshot(self, name: str) -> SnapshotInfo:
        from .snapshots import add_snapshot

        conn = self._connection(writable=True)
        try:
            return add_snapshot(conn, self._raw(), name)
        except JourneyError:
            raise
        except Exception as exc:
            raise MapSaveError(f"could not store the snapshot in '{self.path.name}': {_reason(exc)}") from exc

    def snapshot_content(self, snapshot_id: str) -> Content:
        from .snapshots import load_snapshot

        return load_snapshot(self._connection(), snapshot_id)

    def delete_snapshot(self, snapshot_id: str) -> None:
        from .snapshots import remove_snapshot

        remove_snapshot(self._connection(writable=True), snapshot_id)

    # -- closing --------------------------------------------------------------

    def close(self) -> None:
        """Stop saving, close the database and remove the lock. Idempotent.

        The document stays in memory; a later change to it is refused (MapSaveError).
        """
        if self._closed:
            return
        self._closed = True
        if self._pending:  # never written: nothing to close, nothing left behind
            _PENDING.discard(self.path)
            return
        try:
            self._conn.close()
        finally:
            self._engine.dispose()
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "MapFile":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("read-only" if self.read_only else "open")
        return f"<MapFile {str(self.path)!r} {state}>"

    def _check_open(self) -> None:
        if self._closed:
            raise FileRefusedError(f"'{self.path.name}' is closed")

    def _check_writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise MapReadOnlyError(f"'{self.path.name}' is open read-only")


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).splitlines() or [type(orig).__name__])[0] or type(orig).__name__


# New maps made by create_later and not written yet: their names are taken (editor/files.untitled_path).
_PENDING: set[Path] = set()


def pending_paths() -> frozenset[Path]:
    """Where maps made by create_later will be written (their files do not exist yet)."""
    return frozenset(_PENDING)


def _checked_new(path: Path, content: Content | None) -> Content:
    """`content` (or an empty map) for a new map at `path`; FileRefusedError if anything is there,
    its folder is missing or the content is inconsistent."""
    if os.path.lexists(path) or path in _PENDING:
        raise FileRefusedError(f"cannot create '{path}': a file with that name already exists")
    if not path.parent.is_dir():
        raise FileRefusedError(f"cannot create '{path}': the folder {str(path.parent)!r} does not exist")
    content = content if content is not None else Content()
    try:
        Document(content)  # refuse inconsistent content before writing anything
    except JourneyError as exc:
        raise FileRefusedError(f"cannot create '{path}': {exc}") from None
    return content


def _write_new(path: Path, content: Content) -> None:
    """The map file at `path`, built under a temporary name beside it and linked into place."""
    if os.path.lexists(path):
        raise FileRefusedError(f"cannot create '{path}': a file with that name already exists")
    tmp = path.with_name(f".~{path.name}.{os.getpid()}.{time.monotonic_ns()}.new")
    try:
        build_file(tmp, content)
        try:
            os.link(tmp, path)  # atomic, and never replaces a file made meanwhile
        except FileExistsError:
            raise FileRefusedError(f"cannot create '{path}': a file with that name already exists") from None
        except OSError:
            # Some file systems have no hard links; O_EXCL claims the name instead.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.close(fd)
            os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        raise FileRefusedError(f"cannot create '{path}': {exc.strerror or exc}") from None
    except Exception as exc:
        if isinstance(exc, JourneyError):
            raise
        raise FileRefusedError(f"cannot create '{path}': {_reason(exc)}") from None
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            if leftover.exists():
                leftover.unlink()


def build_file(path: Path, content: Content) -> None:
    """A complete map file holding `content` at a new `path`."""
    from .schema import create_schema, make_engine
    from .store import write_content

    with closing(sqlite3.connect(str(path), isolation_level=None)):
        pass  # create the empty file; make_engine's rw URI never creates one
    engine = make_engine(path)
    try:
        with engine.connect() as conn, conn.begin():
            create_schema(conn, app_version())
            write_content(conn, content, app_version())
    finally:
        engine.dispose()


def _load(conn: "Connection", path: Path) -> Document:
    with conn.begin():
        return _read_document(conn, path)


def _read_document(conn: "Connection", path: Path) -> Document:
    """The map the rows hold, inside the caller's transaction; refused (damaged) when the model refuses them."""
    from .store import read_rows

    try:
        return Document(read_rows(conn))
    except _load_errors() as exc:
        raise damaged(path, f"the file is damaged ({_reason(exc)})") from None


def _open_writable(path: Path, user_version: int):
    from .schema import make_engine

    return _upgrade_and_load(make_engine(path), path, user_version)


def _upgrade_and_load(engine, path: Path, user_version: int):
    """Connect, upgrade an older schema in one transaction, and read the map; (engine, connection, document)."""
    from .schema import migrate

    conn = engine.connect()
    try:
        if user_version < SCHEMA_VERSION:
            # Upgrade and read in one transaction: a map whose rows are refused after the upgrade is
            # left exactly as it was, at its old schema.
            with conn.begin():
                try:
                    migrate(conn, user_version, app_version())
                except _load_errors() as exc:
                    raise refuse(path, f"its schema {user_version} could not be upgraded ({_reason(exc)})") from None
                return engine, conn, _read_document(conn, path)
        return engine, conn, _load(conn, path)
    except BaseException:
        conn.close()
        engine.dispose()
        raise


def _open_read_only(path: Path, user_version: int):
    """Read through `mode=ro`; an old schema or a crash journal is handled on an in-memory copy."""
    from .schema import make_engine

    if user_version == SCHEMA_VERSION and not needs_private_recovery(path):
        probe(path)
        engine = make_engine(path, read_only=True)
    else:
        memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            copy_into(path, memory)
            check_database(memory, path)
        except READ_ERRORS as exc:
            memory.close()
            raise damaged(path, f"the file is damaged ({_reason(exc)})") from None
        except BaseException:
            memory.close()
            raise
        engine = make_engine(None, creator=lambda: memory)
    # An older schema is upgraded in memory only: the file stays as it is.
    return _upgrade_and_load(engine, path, user_version)
