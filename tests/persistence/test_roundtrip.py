"""Saved as it changes: whatever the Document holds is what reopening the file gives."""

from __future__ import annotations

import sqlite3

from conftest import side_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest
from maps import edits, make_content

from model import ops
from model.document import Content, Document
from model.domain import Card, Lane, Stage
from model.errors import FileRefusedError
from model.persistence import APPLICATION_ID, SCHEMA_VERSION, MapFile, read_content
from model.persistence.schema import make_engine


def test_create_edit_close_reopen_is_equal_with_ids_and_order(map_path):
    with MapFile.create(map_path, make_content(60, seed=4)) as mapfile:
        stream = edits(mapfile.document, seed=11)
        for _ in range(250):
            next(stream)
        expected = mapfile.document.content()
    assert side_files(map_path) == []
    with MapFile.open(map_path) as again:
        assert again.document.content() == expected
        assert [c.id for c in again.document.cards()] == [c.id for c in expected.cards]
    assert read_content(map_path) == expected


def test_every_kind_of_value_survives(map_path):
    content = make_content(30, seed=2)
    with MapFile.create(map_path, content) as mapfile:
        assert mapfile.document.content() == content
    reread = read_content(map_path)
    assert reread == content
    assert reread.personas[0].photo == content.personas[0].photo is not None
    assert reread.info.emotion_labels == content.info.emotion_labels


def test_create_refuses_an_existing_path_and_leaves_it(map_path):
    map_path.write_bytes(b"precious")
    with pytest.raises(FileRefusedError, match="already exists"):
        MapFile.create(map_path)
    assert map_path.read_bytes() == b"precious"
    assert side_files(map_path) == []


def test_each_edit_is_on_disk_before_apply_returns(map_path):
    with MapFile.create(map_path) as mapfile:
        doc = mapfile.document
        stage, lane = Stage("Aware"), Lane("Actions")
        doc.apply(ops.AddStage(stage))
        doc.apply(ops.AddLane(lane))
        doc.apply(ops.AddCard(Card(stage.id, lane.id, "first")))
        # Another reader sees it at once: nothing is buffered in memory.
        other = sqlite3.connect(f"file:{map_path}?mode=ro", uri=True)
        try:
            assert other.execute("SELECT text FROM cards").fetchall() == [("first",)]
        finally:
            other.close()


def test_identity_and_pragmas_on_every_connection(map_path):
    with MapFile.create(map_path) as mapfile:
        conn = mapfile._conn
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() & 0xFFFFFFFF == APPLICATION_ID
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    for read_only in (False, True):
        engine = make_engine(map_path, read_only=read_only)
        try:
            for _ in range(2):  # a fresh connection each time
                with engine.connect() as conn:
                    assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                    assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
                    assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
                    assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
                engine.dispose()
        finally:
            engine.dispose()
    assert side_files(map_path) == []


def test_transactions_really_begin(map_path):
    """The pysqlite recipe: SQLAlchemy's begin() is an SQLite transaction, so a rollback undoes writes."""
    with MapFile.create(map_path) as mapfile:
        conn = mapfile._conn
        trans = conn.begin()
        conn.exec_driver_sql("UPDATE map_info SET title = 'changed'")
        assert conn.connection.driver_connection.in_transaction
        trans.rollback()
        assert conn.exec_driver_sql("SELECT title FROM map_info").scalar() == "Untitled journey"


def test_removing_a_stage_deletes_its_rows_and_undo_restores_them(map_path):
    content = make_content(80, seed=5)
    with MapFile.create(map_path, content) as mapfile:
        doc = mapfile.document
        inverse = doc.apply(ops.RemoveStage(content.stages[0].id))
        mid = doc.content()
        assert read_content(map_path) == mid
        doc.apply(inverse)
    assert read_content(map_path) == content


def test_replace_content_with_the_same_ids_keeps_emotions(map_path):
    content = make_content(40, seed=6)
    with MapFile.create(map_path, content) as mapfile:
        doc = mapfile.document
        # A batch that moves a card out of a stage and removes that stage: rows must not cascade away.
        first = content.cards[0]
        doc.apply(
            ops.Batch(
                (
                    ops.MoveCard(first.id, content.stages[1].id, first.lane_id, 0),
                    ops.RemoveStage(first.stage_id),
                ),
                "move then remove",
            )
        )
        doc.apply(ops.ReplaceContent(doc.content()))
        expected = doc.content()
    assert read_content(map_path) == expected


def test_a_large_map_opens_and_saves(map_path):
    content = make_content(10_000, seed=8, stages=10, lanes=8)
    with MapFile.create(map_path, content) as mapfile:
        stage = content.stages[3]
        lane = content.lanes[2]
        mapfile.document.apply(ops.AddCard(Card(stage.id, lane.id, "ten thousand and one"), 0))
        mapfile.document.apply(ops.MoveStage(stage.id, 0))
        expected = mapfile.document.content()
    with MapFile.open(map_path) as again:
        assert again.document.card_count == 10_001
        assert again.document.content() == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 60), size=st.integers(0, 40))
def test_random_edit_sequences_save_and_reopen_equal(tmp_path, seed, steps, size):
    path = tmp_path / f"h{seed}-{steps}-{size}.journey"
    with MapFile.create(path, make_content(size, seed=seed % 1000)) as mapfile:
        stream = edits(mapfile.document, seed)
        for _ in range(steps):
            next(stream)
        expected = mapfile.document.content()
    assert read_content(path) == expected
    path.unlink()


def test_a_document_from_content_equals_one_loaded(map_path):
    content = make_content(25, seed=9)
    MapFile.create(map_path, content).close()
    assert Document(read_content(map_path)) == Document(content)
    assert isinstance(read_content(map_path), Content)


def test_paths_with_uri_characters_spaces_and_accents(tmp_path):
    folder = tmp_path / "Workshop #3 ?% & café"
    folder.mkdir()
    path = folder / "Map 100% #1?.journey"
    content = make_content(10, seed=12)
    with MapFile.create(path, content) as mapfile:
        mapfile.document.apply(ops.UpdateMap({"title": "Ça marche"}))
        expected = mapfile.document.content()
        snap = mapfile.create_snapshot("s")
        assert mapfile.snapshot_content(snap.id) == expected
    assert read_content(path) == expected
    with MapFile.open(path, read_only=True) as viewer:
        assert viewer.document.content() == expected
    assert side_files(path) == []
