"""A write that fails (here: the file reaches its size limit, as on a full disk) never diverges silently."""

from __future__ import annotations

import pytest
from conftest import side_files
from maps import make_content

from model import ops
from model.domain import Card
from model.errors import JourneyError
from model.persistence import MapFile, MapSaveError, read_content


def _fill_up(mapfile: MapFile) -> None:
    raw = mapfile._raw()
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count={pages}")  # SQLITE_FULL on the next page, a real write failure


def _big_card(content) -> Card:
    return Card(content.stages[0].id, content.lanes[0].id, "x" * 200_000)


def test_a_failed_write_is_refused_and_the_document_takes_the_change_back(map_path):
    content = make_content(20, seed=1)
    with MapFile.create(map_path, content) as mapfile:
        _fill_up(mapfile)
        heard = []
        mapfile.document.changed.connect(heard.append)
        with pytest.raises(MapSaveError, match="could not save") as caught:
            mapfile.document.apply(ops.AddCard(_big_card(content)))
        assert isinstance(caught.value, JourneyError) and "\n" not in str(caught.value)
        assert caught.value.change is not None
        assert read_content(map_path) == content  # the file kept its last complete state
        assert mapfile.document.content() == content  # and memory holds the same map
        assert heard == []  # no view heard of a change that was not saved
    assert read_content(map_path) == content
    assert side_files(map_path) == []


def test_after_a_refused_write_the_next_change_saves_only_itself(map_path):
    content = make_content(20, seed=2)
    with MapFile.create(map_path, content) as mapfile:
        _fill_up(mapfile)
        big = _big_card(content)
        with pytest.raises(MapSaveError):
            mapfile.document.apply(ops.AddCard(big))
        mapfile._raw().execute("PRAGMA max_page_count=1073741823")  # space again
        mapfile.document.apply(ops.UpdateMap({"title": "Later edit"}))
        expected = mapfile.document.content()
    assert read_content(map_path) == expected
    assert big.id not in {c.id for c in expected.cards} and expected.info.title == "Later edit"


def test_close_after_a_refused_write_closes_cleanly(map_path):
    content = make_content(5, seed=3)
    mapfile = MapFile.create(map_path, content)
    _fill_up(mapfile)
    with pytest.raises(MapSaveError):
        mapfile.document.apply(ops.AddCard(_big_card(content)))
    mapfile.close()
    mapfile.close()  # idempotent
    assert side_files(map_path) == []
    assert read_content(map_path) == content


def test_a_closed_map_refuses_changes_it_could_not_save(map_path):
    mapfile = MapFile.create(map_path, make_content(5, seed=4))
    doc = mapfile.document
    mapfile.close()
    with pytest.raises(MapSaveError, match="closed"):
        doc.apply(ops.UpdateMap({"title": "never only in memory"}))
    assert doc.info.title == "Generated map"
    assert read_content(map_path).info.title == "Generated map"
