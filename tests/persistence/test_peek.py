"""A map's title for the recent-maps lists, read without opening the map: no lock, no write, no SQLAlchemy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sha256, side_files
from maps import make_content
from test_crash_journal import CRASH

from model import ops
from model.persistence import MapFile, read_content
from model.persistence.peek import peek_title

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile" / "journey"


def test_the_title_is_read_exactly_and_nothing_is_left_beside_the_map(map_path):
    MapFile.create(map_path, make_content(5, seed=3)).close()
    with MapFile.open(map_path) as mapfile:
        mapfile.document.apply(ops.UpdateMap({"title": "R&D <kick-off>\n😡 day 2"}))
    before = sha256(map_path)
    assert peek_title(map_path) == "R&D <kick-off>\n😡 day 2"
    assert sha256(map_path) == before and side_files(map_path) == []


def test_a_map_open_for_editing_in_this_process_is_read_and_keeps_working(map_path):
    MapFile.create(map_path, make_content(5, seed=4)).close()
    with MapFile.open(map_path) as mapfile:
        lock = side_files(map_path)
        assert peek_title(map_path) == mapfile.document.info.title
        assert side_files(map_path) == lock  # the editor's lock is untouched, no other is made
        # Closing the peek's connection must not drop the editor's own SQLite locks.
        mapfile.document.apply(ops.UpdateMap({"title": "Changed after the peek"}))
    assert read_content(map_path).info.title == "Changed after the peek"


def test_a_crashed_writers_journal_gives_no_title_and_is_left_alone(map_path):
    MapFile.create(map_path, make_content(300, seed=21)).close()
    assert subprocess.run([sys.executable, "-c", CRASH, str(map_path)]).returncode < 0
    journal = Path(str(map_path) + "-journal")
    before = (sha256(map_path), sha256(journal))
    assert peek_title(map_path) is None  # the list shows the file's name; opening the map recovers it
    assert (sha256(map_path), sha256(journal)) == before


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_no_damaged_or_foreign_file_raises_or_changes(tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(CORPUS / name, path)
    before = sha256(path)
    title = peek_title(path)
    assert title is None or (isinstance(title, str) and title.strip())
    assert sha256(path) == before and side_files(path) == []
    assert peek_title(tmp_path / "missing.journey") is None and peek_title(tmp_path) is None
