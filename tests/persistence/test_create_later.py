"""A map shown before its file is written (MapFile.create_later): nothing is lost, nothing is left behind.

The editor shows a new map (the example, a template) first and writes its file once the window is
on screen, so SQLAlchemy's import (a third of a second) is not in the way of the first frame.
"""

from __future__ import annotations

import pytest
from conftest import side_files
from maps import make_content

from model import ops
from model.domain import Stage
from model.errors import FileRefusedError, SaveRefusedError
from model.persistence import MapFile, read_content
from model.persistence.mapfile import pending_paths


def test_the_file_is_written_when_asked_and_keeps_the_shown_document(map_path):
    content = make_content(40)
    later = MapFile.create_later(map_path, content)
    try:
        assert later.pending and not map_path.exists() and map_path in pending_paths()
        shown = later.document
        later.finish_creating()
        assert not later.pending and map_path not in pending_paths()
        assert read_content(map_path) == content
        assert later.document is shown  # the window's document is the map from now on
        shown.apply(ops.AddStage(Stage("Renewal")))
        assert [s.name for s in read_content(map_path).stages][-1] == "Renewal"
        later.finish_creating()  # once written, nothing more to do
    finally:
        later.close()
    assert side_files(map_path) == []


def test_the_first_change_writes_the_file_with_the_change_in_it(map_path):
    later = MapFile.create_later(map_path, make_content(10))
    with later:
        later.document.apply(ops.AddStage(Stage("Advocacy")))
        assert not later.pending
        assert read_content(map_path) == later.document.content()


def test_a_map_closed_before_it_was_written_leaves_no_file(map_path):
    later = MapFile.create_later(map_path, make_content(5))
    later.close()
    assert not map_path.exists() and map_path not in pending_paths()
    assert side_files(map_path) == []


def test_a_name_taken_or_about_to_be_is_refused(map_path):
    later = MapFile.create_later(map_path, make_content(5))
    try:
        with pytest.raises(FileRefusedError, match="already exists"):
            MapFile.create_later(map_path, make_content(5))  # another map is about to be written there
        with pytest.raises(FileRefusedError, match="already exists"):
            MapFile.create(map_path, make_content(5))
    finally:
        later.close()
    map_path.write_bytes(b"not a map")
    with pytest.raises(FileRefusedError, match="already exists"):
        MapFile.create_later(map_path, make_content(5))
    assert map_path.read_bytes() == b"not a map"


def test_a_change_that_cannot_be_written_is_taken_back(map_path):
    later = MapFile.create_later(map_path, make_content(5))
    before = later.document.content()
    map_path.parent.rmdir()  # the folder went away before the first change
    with pytest.raises(SaveRefusedError):
        later.document.apply(ops.AddStage(Stage("Lost")))
    assert later.document.content() == before and later.pending
    map_path.parent.mkdir()
    later.document.apply(ops.AddStage(Stage("Kept")))  # the next change writes the file
    assert read_content(map_path) == later.document.content()
    later.close()
