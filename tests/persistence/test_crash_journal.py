"""A writer killed mid-transaction leaves a hot journal: readers never touch it, the next writer plays it back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sha256, side_files
from maps import make_content

from model.persistence import MapFile, check_file, read_content
from model.persistence.header import hot_journal

# Spill a big uncommitted transaction into the map itself (tiny page cache), then die.
CRASH = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE cards SET text = hex(randomblob(3000))")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def crashed(map_path) -> tuple[Path, object]:
    content = make_content(300, seed=21)
    MapFile.create(map_path, content).close()
    committed = sha256(map_path)
    child = subprocess.run([sys.executable, "-c", CRASH, str(map_path)])
    assert child.returncode < 0
    assert hot_journal(map_path)
    assert sha256(map_path) != committed  # half of the transaction really is in the map
    return map_path, content


def test_readers_see_the_last_committed_map_and_leave_file_and_journal_alone(crashed):
    path, content = crashed
    journal = Path(str(path) + "-journal")
    before = (sha256(path), sha256(journal))
    assert read_content(path) == content
    with MapFile.open(path, read_only=True) as viewer:
        assert viewer.document.content() == content
    report = check_file(path)
    assert report.integrity == "ok" and report.crash_journal
    assert (sha256(path), sha256(journal)) == before


def test_the_next_writer_plays_the_journal_back(crashed):
    path, content = crashed
    with MapFile.open(path) as mapfile:
        assert mapfile.recovered
        assert mapfile.document.content() == content
    assert side_files(path) == []
    assert read_content(path) == content
