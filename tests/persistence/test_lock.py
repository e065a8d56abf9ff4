"""One writer per map: the lock beside the file names its holder and is gone after close."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
from conftest import sha256, side_files
from maps import make_content

from model import ops
from model.domain import Stage
from model.errors import MapLockedError
from model.persistence import MapFile, MapReadOnlyError, map_lock_holder
from model.persistence.lock import lock_path


def _foreign_lock(map_path, pid: int, host: str | None = None) -> None:
    lock_path(map_path).write_text(
        json.dumps({"user": "ana", "host": host or socket.gethostname(), "pid": pid, "time": "2026-01-01T10:00:00Z"})
    )


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def made(map_path):
    MapFile.create(map_path, make_content(20, seed=1)).close()
    return map_path


def test_the_lock_exists_while_open_and_names_this_process(made):
    with MapFile.open(made) as mapfile:
        assert lock_path(made).exists()
        holder = map_lock_holder(made)
        assert holder is not None and holder.endswith(f"pid {os.getpid()}")
        assert not mapfile.recovered
    assert map_lock_holder(made) is None
    assert side_files(made) == []


def test_a_second_writer_is_refused_naming_the_holder_and_read_only_is_allowed(made):
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _foreign_lock(made, parent.pid)
        before = sha256(made)
        with pytest.raises(MapLockedError) as caught:
            MapFile.open(made)
        assert caught.value.holder == f"ana@{socket.gethostname()} pid {parent.pid}"
        assert caught.value.holder in str(caught.value) and "\n" not in str(caught.value)
        assert sha256(made) == before
        with MapFile.open(made, read_only=True) as viewer:
            assert viewer.read_only and viewer.document.card_count == 20
        assert lock_path(made).exists()  # a reader never touches the writer's lock
        assert map_lock_holder(made) == caught.value.holder
    finally:
        parent.kill()
        parent.wait()


def test_take_over_replaces_a_live_holder_when_the_user_confirms(made):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _foreign_lock(made, other.pid)
        with MapFile.open(made, take_over=True) as mapfile:
            assert map_lock_holder(made).endswith(f"pid {os.getpid()}")
            assert not mapfile.recovered
        assert not lock_path(made).exists()
    finally:
        other.kill()
        other.wait()


def test_a_stale_lock_is_taken_over_and_reported(made):
    _foreign_lock(made, _dead_pid())
    assert map_lock_holder(made) is None  # stale: nobody holds it
    with MapFile.open(made) as mapfile:
        assert mapfile.recovered
    assert side_files(made) == []


def test_a_lock_from_another_host_is_not_stale(made):
    _foreign_lock(made, 1, host="another-laptop")
    with pytest.raises(MapLockedError, match="another-laptop"):
        MapFile.open(made)


def test_a_half_written_lock_counts_as_stale(made):
    lock_path(made).write_bytes(b'{"user": "an')
    with MapFile.open(made) as mapfile:
        assert mapfile.recovered


def test_two_maps_in_one_process_cannot_both_write(made):
    with MapFile.open(made):
        with pytest.raises(MapLockedError, match="already open"):
            MapFile.open(made)


def test_read_only_edits_are_refused_and_leave_the_document_as_it_was(made):
    with MapFile.open(made, read_only=True) as viewer:
        doc = viewer.document
        before = doc.content()
        with pytest.raises(MapReadOnlyError):
            doc.apply(ops.AddStage(Stage("Extra")))
        assert doc.content() == before
        with pytest.raises(MapReadOnlyError):
            viewer.create_snapshot("nope")
    assert side_files(made) == []


def test_close_is_idempotent_and_removes_only_our_lock(made):
    mapfile = MapFile.open(made)
    mapfile.close()
    mapfile.close()
    assert side_files(made) == []
