"""A write that fails (here: the file reaches its size limit, as on a full disk) never diverges silently."""

from __future__ import annotations

import pytest
from conftest import side_files
from maps import make_content

from model import ops as o
from model.domain import Card
from model.errors import JourneyError
from model.persistence import MapFile, MapSaveError, read_content


def _fill_up(mapfile: MapFile) -> None:
    raw = mapfile._raw()
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count={pages}")  # SQLITE_FULL on the next page, a real write failure


def _big_card(content) -> Card:
    return Card(content.stages[0].id, content.lanes[0].id, "x" * 200_000)


def test_a_failed_write_raises_and_revert_brings_memory_back_to_the_file(map_path):
    content = make_content(20, seed=1)
    with MapFile.create(map_path, content) as mapfile:
        _fill_up(mapfile)
        with pytest.raises(MapSaveError, match="could not save") as caught:
            mapfile.document.apply(o.AddCard(_big_card(content)))
        assert isinstance(caught.value, JourneyError) and "\n" not in str(caught.value)
        assert caught.value.change is not None
        assert read_content(map_path) == content  # the file kept its last complete state
        assert mapfile.unsaved
        mapfile.revert(caught.value.change)
        assert mapfile.document.content() == content
        assert not mapfile.unsaved
    assert read_content(map_path) == content
    assert side_files(map_path) == []


def test_rows_a_failed_write_left_behind_are_written_with_the_next_change(map_path):
    content = make_content(20, seed=2)
    with MapFile.create(map_path, content) as mapfile:
        _fill_up(mapfile)
        big = _big_card(content)
        with pytest.raises(MapSaveError):
            mapfile.document.apply(o.AddCard(big))
        mapfile._raw().execute("PRAGMA max_page_count=1073741823")  # space again
        mapfile.document.apply(o.UpdateMap({"title": "Later edit"}))
        assert not mapfile.unsaved
        expected = mapfile.document.content()
    assert read_content(map_path) == expected
    assert big.id in {c.id for c in expected.cards}


def test_close_reports_a_change_it_still_cannot_save_and_still_closes(map_path):
    content = make_content(5, seed=3)
    mapfile = MapFile.create(map_path, content)
    _fill_up(mapfile)
    with pytest.raises(MapSaveError):
        mapfile.document.apply(o.AddCard(_big_card(content)))
    with pytest.raises(MapSaveError):
        mapfile.close()
    mapfile.close()  # closed already: nothing more to report
    assert side_files(map_path) == []
    assert read_content(map_path) == content


def test_a_closed_map_no_longer_writes(map_path):
    mapfile = MapFile.create(map_path, make_content(5, seed=4))
    doc = mapfile.document
    mapfile.close()
    doc.apply(o.UpdateMap({"title": "not saved, and not the file's business any more"}))
    assert read_content(map_path).info.title == "Generated map"
