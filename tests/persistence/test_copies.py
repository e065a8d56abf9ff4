"""Save a Copy, Save As, snapshots and rotating backups: all through the backup API, all verified."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from conftest import sha256, side_files
from maps import edits, make_content

from model import ops
from model.domain import Stage
from model.errors import FileRefusedError, NotFoundError, ValidationError
from model.paths import user_data_dir
from model.persistence import MapFile, newest_good_backup, read_content
from model.persistence.backups import KEEP_BACKUPS, backup_folder, list_backups
from model.persistence.lock import lock_path


def _quick_check(path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("PRAGMA quick_check").fetchone()[0]


def test_save_copy_writes_a_verified_equal_map_and_keeps_editing_the_original(map_path):
    dest = map_path.with_name("copy.journey")
    with MapFile.create(map_path, make_content(50, seed=2)) as mapfile:
        mapfile.save_copy(dest)
        assert _quick_check(dest) == "ok"
        assert read_content(dest) == mapfile.document.content()
        mapfile.document.apply(ops.AddStage(Stage("After the copy")))
        assert "After the copy" not in [s.name for s in read_content(dest).stages]
        # Saving again replaces the old copy whole.
        mapfile.save_copy(dest)
        assert read_content(dest) == mapfile.document.content()
    assert sorted(p.name for p in map_path.parent.iterdir()) == ["copy.journey", "journey.journey"]


def test_save_copy_refuses_the_open_map_itself_and_a_locked_destination(map_path):
    other = map_path.with_name("other.journey")
    MapFile.create(other).close()
    with MapFile.create(map_path) as mapfile, MapFile.open(other):
        with pytest.raises(FileRefusedError, match="itself"):
            mapfile.save_copy(map_path)
        before = sha256(other)
        with pytest.raises(FileRefusedError, match="open in another"):
            mapfile.save_copy(other)
        assert sha256(other) == before
        with pytest.raises(FileRefusedError, match="does not exist"):
            mapfile.save_copy(map_path.parent / "missing" / "x.journey")


def test_save_as_moves_editing_to_the_new_file(map_path):
    dest = map_path.with_name("renamed.journey")
    mapfile = MapFile.create(map_path, make_content(30, seed=3))
    expected = mapfile.document.content()
    new = mapfile.save_as(dest)
    try:
        assert new.path == dest and new.document.content() == expected
        assert lock_path(dest).exists() and not lock_path(map_path).exists()
        new.document.apply(ops.UpdateMap({"title": "Renamed"}))
    finally:
        new.close()
    assert read_content(dest).info.title == "Renamed"
    assert read_content(map_path) == expected
    assert side_files(map_path) == ["renamed.journey"]


def test_snapshots_round_trip_and_do_not_nest(map_path):
    with MapFile.create(map_path, make_content(40, seed=4)) as mapfile:
        doc = mapfile.document
        first_state = doc.content()
        first = mapfile.create_snapshot("  Workshop 1  ")
        assert first.name == "Workshop 1" and first.created.endswith("Z")
        stream = edits(doc, seed=5)
        for _ in range(30):
            next(stream)
        second_state = doc.content()
        second = mapfile.create_snapshot("Workshop 2")
        assert [s.id for s in mapfile.snapshots()] == [first.id, second.id]
        assert mapfile.snapshot_content(first.id) == first_state
        assert mapfile.snapshot_content(second.id) == second_state
        # A snapshot's copy holds no snapshots of its own.
        with closing(sqlite3.connect(f"file:{map_path}?mode=ro", uri=True)) as reader:
            data = reader.execute("SELECT data FROM snapshots WHERE id = ?", (second.id,)).fetchone()[0]
        with closing(sqlite3.connect(":memory:")) as memory:
            memory.deserialize(data)
            assert memory.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0
            assert memory.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        mapfile.delete_snapshot(first.id)
        with pytest.raises(NotFoundError):
            mapfile.snapshot_content(first.id)
        with pytest.raises(NotFoundError):
            mapfile.delete_snapshot(first.id)
        with pytest.raises(ValidationError):
            mapfile.create_snapshot("   ")
        # Restoring a snapshot is an ordinary, undoable edit.
        mapfile.document.apply(ops.ReplaceContent(mapfile.snapshot_content(second.id)))
    with MapFile.open(map_path) as again:
        assert [s.name for s in again.snapshots()] == ["Workshop 2"]
        assert again.document.content() == second_state


def test_backups_rotate_and_are_verified(map_path):
    with MapFile.create(map_path, make_content(10, seed=6)) as mapfile:
        made = [mapfile.backup_now() for _ in range(KEEP_BACKUPS + 3)]
    kept = list_backups(map_path)
    assert len(kept) == KEEP_BACKUPS
    assert kept == made[-KEEP_BACKUPS:]
    assert all(_quick_check(p) == "ok" for p in kept)
    assert kept[0].parent == backup_folder(map_path)
    assert backup_folder(map_path).is_relative_to(user_data_dir() / "backups")
    assert newest_good_backup(map_path) == kept[-1]
    assert read_content(kept[-1]) == read_content(map_path)


def test_newest_good_backup_skips_a_damaged_one(map_path):
    with MapFile.create(map_path) as mapfile:
        good = mapfile.backup_now()
        bad = mapfile.backup_now()
    bad.write_bytes(b"\x00" * 100)
    assert newest_good_backup(map_path) == good
    assert newest_good_backup(map_path.with_name("never-opened.journey")) is None


def test_same_named_maps_in_different_folders_keep_separate_backups(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    MapFile.create(a / "plan.journey").close()
    MapFile.create(b / "plan.journey").close()
    assert backup_folder(a / "plan.journey") != backup_folder(b / "plan.journey")
    assert list_backups(a / "plan.journey") and list_backups(b / "plan.journey")


def test_opening_removes_copy_temporaries_a_killed_process_left(tmp_path):
    import subprocess

    from model.persistence import MapFile

    path = tmp_path / "map.journey"
    MapFile.create(path, None).close()
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".~copy.journey.{dead.pid}.123.tmp"
    stale_journal = tmp_path / f".~copy.journey.{dead.pid}.123.tmp-journal"
    alive = tmp_path / f".~copy.journey.{__import__('os').getppid()}.456.tmp"  # a live process's copy in progress
    unrelated = tmp_path / ".~notes.tmp"
    for leftover in (stale, stale_journal, alive, unrelated):
        leftover.write_bytes(b"half a copy")
    MapFile.open(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, alive.name, unrelated.name])
