"""Disk full and write errors during an edit, an undo or redo, a Save As / Save a Copy and a snapshot.

Each failure must give one clear line (a JourneyError), leave memory and the
file in agreement (the document takes a refused change back itself, so the file
keeps its last complete state and nothing is left to catch up), keep the map
whole, and leave no partial file at a destination. In the editor, a refused
edit is not on the undo stack, and after a refused undo or redo the history,
which no longer matches the file, is cleared.

Two ways to fill the disk: SQLite's own size limit (PRAGMA max_page_count:
SQLITE_FULL exactly as on a full disk, runs anywhere) and a real, tiny tmpfs
filled to the last byte (ENOSPC from the kernel; needs root and mount, so
those tests are skipped with the reason where mounting is not allowed).
A second kind of write failure: the rollback journal cannot be created.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from maps import make_content

from model import edits
from model import ops
from model.domain import Card
from model.errors import JourneyError
from model.persistence import MapFile, MapSaveError, read_content

from .conftest import SCALE


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert isinstance(error, JourneyError) and text and "\n" not in text and "Traceback" not in text, text
    return text


def _whole(path: Path, content) -> None:
    """The map at `path` opens, passes integrity_check and holds exactly `content`."""
    with MapFile.open(path, read_only=True) as mapfile:
        assert mapfile._raw().execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert mapfile.document.content() == content


def _big_card(content, size: int = 300_000) -> Card:
    return Card(content.stages[0].id, content.lanes[0].id, "x" * size)


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# -- a real full file system ----------------------------------------------------------


class SmallDisk:
    """A tmpfs of a few hundred kilobytes mounted for one test, and a filler that takes its last byte."""

    def __init__(self, root: Path, size_kb: int) -> None:
        self.root = root
        self.filler = root / "filler"
        if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("a real full disk needs root and mount(8) to mount a small tmpfs; not available here")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(root)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"mounting a small tmpfs is not permitted here: {done.stderr.strip() or done.returncode}")

    def fill(self) -> None:
        """Write until the kernel says ENOSPC, in ever smaller pieces, so not one byte is left."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for chunk in (b"\0" * 65536, b"\0" * 4096, b"\0"):
                while True:
                    try:
                        os.write(fd, chunk)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC, exc
                        break
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink()

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.root)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    root = tmp_path / "small"
    root.mkdir()
    disk = SmallDisk(root, size_kb=3072)  # a schema-3 map with a snapshot is ~1.4 MB
    try:
        yield disk
    finally:
        disk.unmount()


# -- during an edit -------------------------------------------------------------------


def test_edit_on_a_full_disk_fails_cleanly_and_the_document_takes_it_back(small_disk):
    content = make_content(40, seed=11)
    path = small_disk.root / "full.journey"
    mapfile = MapFile.create(path, content)
    try:
        small_disk.fill()
        failure = None
        # Edits small and large until one needs a page (of the map or of its journal) the disk has not got.
        for i in range(200):
            before = mapfile.document.content()
            op = ops.AddCard(_big_card(content, 20_000 * (i + 1)))
            try:
                mapfile.document.apply(op)
            except MapSaveError as error:
                failure = error
                break
        assert failure is not None, "the full disk never refused a write"
        assert "could not save" in _one_line(failure)
        assert failure.change is not None and failure.change.op == op
        # Nothing to revert: memory is what it was before the refused edit, and so is the file.
        assert mapfile.document.content() == before == read_content(path)
        assert not mapfile.document.has_card(op.card.id)
        _whole(path, before)
        assert _beside(path) == sorted([".~full.journey.lock", "filler"])  # no journal left behind
        # Space again: editing goes on and is saved.
        small_disk.free()
        mapfile.document.apply(ops.UpdateMap({"title": "after the disk was freed"}))
        expected = mapfile.document.content()
    finally:
        mapfile.close()
    _whole(path, expected)
    assert _beside(path) == []


def test_edits_refused_by_the_size_limit_leave_memory_and_file_alike(tmp_path):
    """A refused edit is gone from memory too: the next write saves only itself, nothing is caught up."""
    path = tmp_path / "limit.journey"
    content = make_content(30, seed=12)
    with MapFile.create(path, content) as mapfile:
        raw = mapfile._raw()
        for round_ in range(3 * SCALE):
            before = mapfile.document.content()
            raw.execute(f"PRAGMA max_page_count={raw.execute('PRAGMA page_count').fetchone()[0]}")
            big = _big_card(content, 100_000 + round_)
            with pytest.raises(MapSaveError) as caught:
                mapfile.document.apply(ops.AddCard(big))
            assert "full" in _one_line(caught.value)
            assert mapfile.document.content() == before  # the document took the change back
            _whole(path, before)  # the file kept its last complete state
            raw.execute("PRAGMA max_page_count=1073741823")
            mapfile.document.apply(ops.UpdateMap({"title": f"after refusal {round_}"}))
            expected = mapfile.document.content()
            assert expected == replace(before, info=replace(before.info, title=f"after refusal {round_}"))
            _whole(path, expected)


def test_a_journal_that_cannot_be_created_is_an_io_error_not_a_crash(tmp_path):
    """Another write failure than a full disk: the rollback journal cannot be created (here a folder holds its name)."""
    content = make_content(20, seed=13)
    path = tmp_path / "blocked.journey"
    blocker = Path(str(path) + "-journal")
    with MapFile.create(path, content) as mapfile:
        for round_ in range(2 * SCALE):
            blocker.mkdir()
            with pytest.raises(MapSaveError) as caught:
                mapfile.document.apply(ops.UpdateMap({"title": f"cannot be written {round_}"}))
            _one_line(caught.value)
            assert mapfile.document.content() == content  # taken back by the document itself
            blocker.rmdir()
            _whole(path, content)
        mapfile.document.apply(ops.UpdateMap({"title": "written"}))
        expected = mapfile.document.content()
    _whole(path, expected)
    assert _beside(path) == []


# -- in the editor: edits, undo and redo on a disk that refuses writes ---------------------------


class BlockedJournal:
    """A write failure that is not a full disk: a folder holds the name of the map's rollback journal."""

    def __init__(self, path: Path) -> None:
        self.blocker = Path(str(path) + "-journal")

    def fill(self) -> None:
        self.blocker.mkdir()

    def free(self) -> None:
        self.blocker.rmdir()


@pytest.mark.parametrize("trouble", ["full disk", "blocked journal"])
def test_the_editor_keeps_map_file_and_history_in_step_when_writes_fail(request, tmp_path, qtbot, trouble):
    from PySide6.QtGui import QUndoStack

    from editor.session import EditSession

    disk = request.getfixturevalue("small_disk") if trouble == "full disk" else None
    path = (disk.root if disk else tmp_path) / "editor.journey"
    content = make_content(30, seed=18)
    mapfile = MapFile.create(path, content)
    disk = disk or BlockedJournal(path)
    doc, stack, failures = mapfile.document, QUndoStack(), []
    session = EditSession(doc, stack, on_commit_failed=failures.append)
    stage, lane = content.stages[0].id, content.lanes[0].id

    def refused_once() -> None:
        assert len(failures) == 1 and isinstance(failures[0], MapSaveError), failures
        _one_line(failures.pop())

    try:
        assert session.edit(edits.capture_lines(doc, stage, lane, ["first", "second"]))
        assert session.edit(edits.update(doc, ops.UpdateMap, None, {"title": "Edited"}))
        saved = doc.content()

        # An edit the disk refuses: not on the stack, taken back, said once.
        disk.fill()
        assert session.edit(edits.update(doc, ops.UpdateMap, None, {"title": "never saved"})) is False
        refused_once()
        assert doc.content() == saved and (stack.index(), stack.count()) == (2, 2)

        # An undo it refuses: the map keeps its state, and the history, which no longer matches it, goes.
        stack.undo()
        refused_once()
        assert doc.content() == saved
        qtbot.waitUntil(lambda: stack.count() == 0)
        disk.free()
        assert read_content(path) == saved

        # Space again: editing and undo go on.
        assert session.edit(edits.capture_lines(doc, stage, lane, ["third"]))
        stack.undo()
        assert doc.content() == saved == read_content(path)

        # A redo it refuses: likewise.
        disk.fill()
        stack.redo()
        refused_once()
        assert doc.content() == saved
        qtbot.waitUntil(lambda: stack.count() == 0)
        disk.free()
        assert read_content(path) == saved

        assert session.edit(edits.update(doc, ops.UpdateMap, None, {"title": "written"}))
        expected = doc.content()
        assert expected != saved and stack.count() == 1 and failures == []
    finally:
        stack.clear()
        mapfile.close()
    _whole(path, expected)
    assert _beside(path) == []


# -- Save As and Save a Copy to a full destination ------------------------------------------


@pytest.mark.parametrize("how", ["save_copy", "save_as"])
def test_copy_to_a_full_disk_leaves_no_partial_file_and_the_map_open(tmp_path, small_disk, how):
    path = tmp_path / "source.journey"
    content = make_content(400, seed=14)  # bigger than the small disk can hold
    dest = small_disk.root / "copy.journey"
    small_disk.fill()
    with MapFile.create(path, content) as mapfile:
        mapfile.create_snapshot("before the copy")
        with pytest.raises(MapSaveError) as caught:
            getattr(mapfile, how)(dest)
        assert str(dest) in _one_line(caught.value)
        assert not dest.exists()
        assert _beside(small_disk.filler) == []  # no temporary, no journal: only the filler
        # The map is still open and saving.
        mapfile.document.apply(ops.UpdateMap({"title": "still editing"}))
        expected = mapfile.document.content()
    _whole(path, expected)
    # With space again, the same copy succeeds and opens whole.
    small_disk.free()
    with MapFile.open(path) as mapfile:
        mapfile.save_copy(dest)
    _whole(dest, expected)


def test_backups_on_a_full_disk_do_not_stop_opening_and_leave_nothing_partial(tmp_path, small_disk, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(small_disk.root / "data"))
    (small_disk.root / "data").mkdir()
    path = tmp_path / "backed.journey"
    content = make_content(400, seed=15)
    MapFile.create(path, content).close()
    small_disk.fill()
    with MapFile.open(path) as mapfile:  # its backup cannot be written; the map opens all the same
        assert mapfile.document.content() == content
        with pytest.raises(MapSaveError) as caught:
            mapfile.backup_now()
        _one_line(caught.value)
    leftovers = [p for p in (small_disk.root / "data").rglob("*") if p.is_file()]
    assert all(p.suffix == ".journey" and not p.name.startswith(".~") for p in leftovers), leftovers
    for backup in leftovers:  # any backup that exists is whole
        _whole(backup, read_content(backup))


# -- snapshots --------------------------------------------------------------------------


def test_snapshot_on_a_full_disk_is_refused_and_the_map_stays_whole(small_disk):
    content = make_content(120, seed=16)
    path = small_disk.root / "snap.journey"
    with MapFile.create(path, content) as mapfile:
        first = mapfile.create_snapshot("fits")
        small_disk.fill()
        with pytest.raises(MapSaveError) as caught:
            for i in range(20):  # the first snapshot that needs pages the disk has not got
                mapfile.create_snapshot(f"too much {i}")
        assert "snapshot" in _one_line(caught.value)
        listed = mapfile.snapshots()
        assert first.id in [s.id for s in listed]
        for snap in listed:  # every snapshot that was stored is whole
            assert mapfile.snapshot_content(snap.id) == content
        assert mapfile.document.content() == content
        small_disk.free()
    _whole(path, content)
    assert _beside(path) == []


def test_snapshot_refused_by_the_size_limit_changes_nothing(tmp_path):
    path = tmp_path / "limit.journey"
    content = make_content(60, seed=17)
    with MapFile.create(path, content) as mapfile:
        raw = mapfile._raw()
        raw.execute(f"PRAGMA max_page_count={raw.execute('PRAGMA page_count').fetchone()[0]}")
        with pytest.raises(MapSaveError) as caught:
            mapfile.create_snapshot("no room")
        assert "snapshot" in _one_line(caught.value)
        assert mapfile.snapshots() == []
        raw.execute("PRAGMA max_page_count=1073741823")
        assert mapfile.create_snapshot("room again").name == "room again"
    _whole(path, content)
