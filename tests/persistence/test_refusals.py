"""Every file that is not an intact map we read is refused: one line, and its bytes untouched."""

from __future__ import annotations

import os
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import sha256, side_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from maps import make_content

from model.errors import FileRefusedError
from model.persistence import SCHEMA_VERSION, MapFile, check_file, read_content
from model.persistence.header import read_header


def _open_writable(path):
    MapFile.open(path).close()


def _open_read_only(path):
    MapFile.open(path, read_only=True).close()


READERS = [_open_writable, _open_read_only, read_content, check_file]


def assert_refused(path: Path, match: str, readers=READERS) -> str:
    before = sha256(path) if path.is_file() else None
    beside = side_files(path) if path.parent.is_dir() else None
    message = ""
    for reader in readers:
        with pytest.raises(FileRefusedError, match=match) as caught:
            reader(path)
        message = str(caught.value)
        assert "\n" not in message and message.startswith("cannot open")
        if before is not None:
            assert sha256(path) == before, f"{reader.__name__} changed the file"
        if beside is not None:
            assert side_files(path) == beside, f"{reader.__name__} left files beside the map"
    return message


@pytest.fixture
def good_map(map_path) -> Path:
    MapFile.create(map_path, make_content(200, seed=3)).close()
    return map_path


def test_zero_length_file(map_path):
    map_path.write_bytes(b"")
    assert_refused(map_path, "empty")


@pytest.mark.parametrize("size", [1, 99, 100, 5000, 70_000])
def test_random_bytes(map_path, size):
    map_path.write_bytes(random.Random(size).randbytes(size))
    assert_refused(map_path, "not a Journeymap map")


def test_sqlite_magic_followed_by_garbage(map_path):
    map_path.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(9000))
    assert_refused(map_path, "damaged|another program|truncated")


@pytest.mark.parametrize("keep", [20, 100, 1024, 4096, 0.5, 0.9])
def test_truncated_map(good_map, keep):
    data = good_map.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    good_map.write_bytes(data[:cut])
    assert_refused(good_map, "truncated|damaged", READERS[:3])


def test_damaged_map_names_the_problem_and_the_newest_good_backup(good_map):
    # Opening for editing made a backup in the user data directory.
    _open_writable(good_map)
    data = bytearray(good_map.read_bytes())
    page = 4096
    # Overwrite the b-tree header of the third page: the structure no longer holds together.
    data[2 * page : 2 * page + 64] = b"\xff" * 64
    good_map.write_bytes(bytes(data))
    message = assert_refused(good_map, "damaged", READERS[:3])
    assert "newest good backup" in message
    backup = Path(message.split("newest good backup is '")[1].rstrip("'"))
    assert read_content(backup) == make_content(200, seed=3) or read_content(backup).cards
    report = check_file(good_map)
    assert report.integrity != "ok"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 7)), min_size=1, max_size=4))
def test_bit_flips_are_refused_or_read_and_never_written(tmp_path, flips):
    path = tmp_path / "flipped.journey"
    if not path.exists():
        MapFile.create(path, make_content(120, seed=7)).close()
        original = path.read_bytes()
        (tmp_path / "original").write_bytes(original)
    original = (tmp_path / "original").read_bytes()
    data = bytearray(original)
    for where, bit in flips:
        data[where % len(data)] ^= 1 << bit
    path.write_bytes(bytes(data))
    before = sha256(path)
    for reader in (_open_read_only, read_content, _open_writable):
        try:
            reader(path)
        except FileRefusedError as exc:
            assert "\n" not in str(exc)
        assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flipped.journey", "original"]


def _plain_sqlite(path: Path, *pragmas: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
        for pragma in pragmas:
            conn.execute("PRAGMA " + pragma)
        conn.commit()


def test_foreign_sqlite_database(map_path):
    _plain_sqlite(map_path)
    assert_refused(map_path, "another program")


def test_foreign_database_with_another_application_id(map_path):
    _plain_sqlite(map_path, "application_id=1179408969", "user_version=1")
    assert_refused(map_path, "another program")


def test_newer_schema(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    message = assert_refused(good_map, "newer Journeymap")
    assert f"schema {SCHEMA_VERSION + 1}" in message and f"reads up to {SCHEMA_VERSION}" in message


def test_unknown_old_schema_version(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute("PRAGMA user_version=0")
    assert_refused(good_map, "unknown")


@pytest.mark.parametrize(
    "ddl",
    [
        "CREATE TRIGGER evil AFTER INSERT ON cards BEGIN DELETE FROM stages; END",
        "CREATE VIEW peek AS SELECT * FROM cards",
        "CREATE TABLE stranger (x)",
        "CREATE INDEX odd ON cards (text)",
    ],
)
def test_schema_objects_we_did_not_create(good_map, ddl):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute(ddl)
        conn.commit()
    assert_refused(good_map, "did not create")


def test_the_known_schema_objects_match_the_declared_rows():
    from model.persistence.header import INDEXES, TABLES
    from model.persistence.schema import Base

    assert set(Base.metadata.tables) == TABLES
    assert {ix.name for t in Base.metadata.tables.values() for ix in t.indexes} == INDEXES


def test_map_with_a_missing_table(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TABLE kpis")
        conn.commit()
    assert_refused(good_map, "damaged")


def test_current_map_without_its_snapshots_table(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute("DROP TABLE snapshots")
        conn.commit()
    assert_refused(good_map, "'snapshots' is missing")


def test_rows_that_break_the_model(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute("UPDATE cards SET colour = 'ultraviolet' WHERE rowid IN (SELECT rowid FROM cards LIMIT 1)")
        conn.commit()
    assert_refused(good_map, "damaged.*ultraviolet", READERS[:3])


def test_rows_pointing_at_missing_parents(good_map):
    with closing(sqlite3.connect(good_map)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE cards SET stage_id = 'gone' WHERE rowid IN (SELECT rowid FROM cards LIMIT 1)")
        conn.commit()
    assert_refused(good_map, "refers to a missing 'stages' row", READERS[:3])


def test_the_file_enforces_its_foreign_keys_and_cascades(good_map):
    with MapFile.open(good_map) as mapfile:
        raw = mapfile._raw()
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute("INSERT INTO kpis (id, stage_id, position, name, unit) VALUES ('k', 'nowhere', 0, 'x', '')")
        stage_id, cards_in_stage = raw.execute(
            "SELECT stage_id, count(*) FROM cards GROUP BY stage_id ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
        assert cards_in_stage > 0
        raw.execute("BEGIN")
        raw.execute("DELETE FROM stages WHERE id = ?", (stage_id,))
        assert raw.execute("SELECT count(*) FROM cards WHERE stage_id = ?", (stage_id,)).fetchone()[0] == 0
        raw.execute("ROLLBACK")


def test_missing_path(tmp_path):
    assert_refused(tmp_path / "nowhere.journey", "no such file")
    assert not (tmp_path / "nowhere.journey").exists()


def test_a_folder_is_not_a_map(tmp_path):
    folder = tmp_path / "folder.journey"
    folder.mkdir()
    assert_refused(folder, "folder")
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(good_map):
    good_map.chmod(0)
    try:
        assert_refused(good_map, "ermission")
    finally:
        good_map.chmod(0o644)


def test_a_path_under_a_file_cannot_be_read(good_map):
    # Not a directory: the "unreadable path" the tests can make even as root.
    assert_refused(good_map / "inner.journey", "ot a directory|no such file")


def test_header_reader_refuses_before_sqlite_sees_the_file(map_path):
    map_path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(FileRefusedError, match="not an SQLite database"):
        read_header(map_path)
