"""Power loss: whatever unsynced writes are lost, the map is its old state or its new one, never a mix.

How (an equivalent simulation, as issue 5 allows; no fault-injecting file
system is needed):

1. The real persistence edits a map (MapFile: random edits of every kind,
   whole-map replacements, snapshots stored and deleted) while a SQLAlchemy
   `before_cursor_execute` / `commit` listener records every statement it
   sends, with its parameters and transaction boundaries.
2. That exact workload is replayed, from a copy of the same starting file,
   through APSW on a VFS that logs every write, truncate, sync and delete
   (crash_images.RecordingVFS), with the map's own pragmas
   (journal_mode=DELETE, synchronous=FULL, foreign_keys, trusted_schema).
   The replayed file must end equal to the real one, so the log is the
   persistence's real I/O pattern.
3. At every point of the log, crash images are built (crash_images.CrashModel:
   synced data kept, unsynced sectors at any version, journal creation and
   deletion undone until synced) and opened with the stdlib sqlite3, which
   plays back a hot journal as the app's own open does. Each must pass
   `PRAGMA integrity_check` and hold exactly the state before or after the
   transaction in flight (or, while a commit's journal deletion is not yet
   on disk, the state before that commit: the deletion is the commit).
   A sample also goes through the app's reader (read_content).

What it does not cover: SQLite's own C code paths differ slightly between
the stdlib's SQLite and APSW's (the versions are printed); a disk that
lies about fsync; torn writes inside a 512-byte sector.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from maps import make_content

apsw = pytest.importorskip("apsw", reason="the power-loss simulation needs APSW (pip install apsw)")

from model.persistence import MapFile, read_content  # noqa: E402

from .conftest import SCALE  # noqa: E402
from .crash_images import CrashModel, RecordingVFS  # noqa: E402
from .kill_plan import EditStream  # noqa: E402

TRANSACTIONS = 12 * SCALE  # edits, snapshots and deletions recorded from the real persistence
IMAGES_PER_POINT = 1 if SCALE == 1 else 4  # random images of each kind at each point of the I/O log
READER_SAMPLE = 25  # every Nth image, and every 10th with a hot journal, also goes through the app's reader


def _record_workload(path: Path, seed: int) -> tuple[bytes, list[list[tuple]]]:
    """The starting file's bytes and the statements of each transaction the real MapFile committed."""
    from sqlalchemy import event

    mapfile = MapFile.create(path, make_content(40, seed=seed))
    start = path.read_bytes()
    transactions: list[list[tuple]] = [[]]

    def before(conn, cursor, statement, parameters, context, executemany):
        transactions[-1].append((statement, parameters, executemany))

    def commit(conn):
        transactions[-1].append(("COMMIT", None, False))
        transactions.append([])

    engine = mapfile._engine
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", commit)
    rng = random.Random(seed)
    edits = EditStream(seed)
    snapshots = []
    try:
        while len(transactions) <= TRANSACTIONS:
            roll = rng.random()
            if roll < 0.08:
                snapshots.append(mapfile.create_snapshot(f"snapshot {len(snapshots)}").id)
            elif roll < 0.12 and snapshots:
                mapfile.delete_snapshot(snapshots.pop(0))
            else:
                edits.apply_next(mapfile.document)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "commit", commit)
        mapfile.close()
    return start, [t for t in transactions if t]


def _dump(conn) -> str:
    """Everything a map holds, as one digest: identity pragmas and every row of every table in rowid order."""
    digest = hashlib.sha256()
    for pragma in ("application_id", "user_version"):
        digest.update(repr(conn.execute(f"PRAGMA {pragma}").fetchall()).encode())
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for name in names:
        digest.update(name.encode())
        for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
    return digest.hexdigest()


def _replay(work: Path, start: bytes, transactions, log: list) -> tuple[list[str], list[bytes], list[int]]:
    """Run the recorded statements through APSW on the recording VFS.

    Returns the digest and bytes of the file after each commit (index 0: the
    start) and, for each commit, the log length when it returned.
    """
    work.write_bytes(start)
    vfs = RecordingVFS("journeymap-power-loss", log)
    try:
        conn = apsw.Connection(str(work), vfs="journeymap-power-loss")
        try:
            for pragma in ("foreign_keys=ON", "trusted_schema=OFF", "journal_mode=DELETE", "synchronous=FULL"):
                conn.execute("PRAGMA " + pragma)
            del log[:]  # the pragmas above write nothing; the workload starts here
            digests, files, marks = [_dump(conn)], [start], [0]
            for statements in transactions:
                for sql, params, many in statements:
                    # Rows are read to the end, as SQLAlchemy does, so no statement stays open at COMMIT.
                    if many:
                        list(conn.executemany(sql, [tuple(p) for p in params]))
                    else:
                        list(conn.execute(sql, tuple(params) if params else None))
                assert conn.in_transaction is False, "a recorded transaction did not end with COMMIT"
                digests.append(_dump(conn))
                files.append(work.read_bytes())
                marks.append(len(log))
        finally:
            conn.close()
    finally:
        vfs.unregister()
    return digests, files, marks


def _open_image(folder: Path, db: bytes, journal: bytes | None) -> tuple[str, bool]:
    """Write the image, open it as SQLite would after the power came back; (content digest, journal was hot)."""
    path = folder / "map.journey"
    path.write_bytes(db)
    journal_path = Path(str(path) + "-journal")
    if journal is not None:
        journal_path.write_bytes(journal)
    elif journal_path.exists():
        journal_path.unlink()
    hot = journal is not None and journal[:1] not in (b"", b"\0")
    with closing(sqlite3.connect(str(path), isolation_level=None)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return _dump(conn), hot


@pytest.mark.slow
def test_a_power_loss_at_any_point_leaves_the_old_or_the_new_map(memory_dir, monkeypatch, soak_report):
    # The app's reader recovers a hot journal on a private copy in the temporary folder: keep that in RAM too.
    monkeypatch.setattr(tempfile, "tempdir", str(memory_dir))
    recorded = memory_dir / "recorded.journey"
    start, transactions = _record_workload(recorded, seed=5)
    log: list = []
    digests, files, marks = _replay(memory_dir / "replayed.journey", start, transactions, log)
    with closing(sqlite3.connect(str(recorded))) as real:
        assert _dump(real) == digests[-1], "the replay through APSW did not end where the real persistence did"
    assert len(set(digests)) > TRANSACTIONS // 2, "the workload changed too little to prove anything"

    rng = random.Random(1123 + SCALE)
    model = CrashModel(str(memory_dir / "replayed.journey"), start)
    images = memory_dir / "images"
    images.mkdir()
    seen = dict.fromkeys(["images", "last commit", "transaction in flight", "last commit undone", "hot journal",
                          "read back"], 0)
    commit = 0  # commits whose COMMIT had returned before the point
    undone = None  # the state before the commit whose journal was deleted last
    for point in range(len(log) + 1):
        if point:
            event = log[point - 1]
            model.feed(event)
            if event[0] == "del" and event[1] == model.journal_name:
                # Deleting the journal is the commit of the first transaction that had not returned yet
                # (a transaction that wrote nothing makes no I/O, so it is not simply the last one).
                undone = digests[bisect.bisect_left(marks, point) - 1]
        while commit + 1 < len(marks) and marks[commit + 1] <= point:
            commit += 1
        allowed = {digests[commit]: "last commit"}
        if commit + 1 < len(digests):
            allowed.setdefault(digests[commit + 1], "transaction in flight")
        if model.lost_deletion():
            assert undone is not None
            allowed.setdefault(undone, "last commit undone")
        ways = ["synced", "newest"] + ["prefix", "torn"] * IMAGES_PER_POINT if model.pending() else ["newest"]
        for how in ways:
            db, journal = model.image(rng, how)
            digest, hot = _open_image(images, db, journal)
            assert digest in allowed, (
                f"point {point}/{len(log)} ({how}): the map after a power loss is neither the state before "
                f"nor after transaction {commit + 1}"
            )
            seen["images"] += 1
            seen[allowed[digest]] += 1
            seen["hot journal"] += hot
            if seen["images"] % READER_SAMPLE == 0 or (hot and seen["hot journal"] % 10 == 1):
                # The app's own reader on the same image (it recovers a hot journal on a private copy).
                _open_image(images, db, journal)
                reference = memory_dir / "reference.journey"
                index = list(digests).index(digest)
                reference.write_bytes(files[index])
                assert read_content(images / "map.journey") == read_content(reference)
                seen["read back"] += 1
    figures = ", ".join(f"{name} {count}" for name, count in seen.items())
    soak_report(f"power loss: {len(transactions)} transactions, {len(log)} I/O events, SQLite {sqlite3.sqlite_version} "
                f"(reader) / {apsw.sqlite_lib_version()} (APSW {apsw.apsw_version()}): {figures}")
    assert seen["images"] >= 300 * SCALE
    # Both sides of a commit were reached: journals played back, and commits whose deletion was undone.
    assert seen["hot journal"] > 0 and seen["last commit undone"] > 0
