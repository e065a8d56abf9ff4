"""The workshop plan and the session journal in the map file: saved as they change, reopened equal."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import sha256

from model import ops
from model.domain import Card
from model.errors import FileRefusedError
from model.events import Origin
from model.persistence import MapFile, read_content
from model.templates import build_template
from model.workshop import STEP, edit_step, move_step, steps
from model.workshop_domain import JournalEntry, JournalKind
from model.workshop_journal import JournalRecorder, journal

SCHEMA2 = Path(__file__).resolve().parent.parent / "data" / "schema2.journey"


def test_a_plan_and_its_journal_are_saved_as_they_change_and_reopen_equal(map_path):
    with MapFile.create(map_path, build_template("five-phase", plan="as-is-90")) as mapfile:
        doc = mapfile.document
        plan = steps(doc)
        doc.apply(edit_step(doc, plan[2].id, {"minutes": 25, "notes": "stage by stage",
                                              "focus_stages": [doc.stages[0].id]}))
        doc.apply(move_step(doc, plan[0].id, 3))
        recorder = JournalRecorder(doc, lambda: 1_714_557_600.0, lambda fn: fn())
        recorder.start()
        recorder.record(JournalKind.STEP_STARTED, plan[1].id)
        doc.apply(ops.AddCard(Card(doc.stages[0].id, doc.lanes[0].id, "Calls support")))
        recorder.record(JournalKind.STEP_ENDED, plan[1].id)
        expected = doc.content()
        assert len(journal(doc)) == 3
    assert read_content(map_path) == expected
    with MapFile.open(map_path) as again:
        assert again.document.content() == expected
        assert [s.id for s in steps(again.document)] == [s.id for s in expected.items_of(STEP)]


def test_a_schema_2_map_upgrades_and_keeps_a_plan(map_path):
    shutil.copyfile(SCHEMA2, map_path)
    with MapFile.open(map_path) as mapfile:
        from model.workshop_plans import apply_plan

        mapfile.document.apply(apply_plan(mapfile.document, "pains-to-opportunities"))
        expected = mapfile.document.content()
    assert read_content(map_path) == expected and len(expected.items_of(STEP)) == 9


def _damage(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(sql)
        conn.commit()


@pytest.mark.parametrize(("sql", "message"), [
    ("UPDATE workshop_steps SET minutes = -5", "1–480 minutes"),
    ("UPDATE workshop_steps SET minutes = 100000", "1–480 minutes"),
    ("UPDATE workshop_steps SET focus_lanes = '\"not a list\"'", "not a list"),
    ("UPDATE journal_entries SET at = 'soon'", "ISO 8601"),
])
def test_a_file_with_a_bad_step_or_entry_is_refused_and_left_untouched(map_path, sql, message):
    with MapFile.create(map_path, build_template("five-phase", plan="as-is-90")) as mapfile:
        mapfile.document.apply(ops.AddItem(JournalEntry("2024-05-01T10:00:00Z", JournalKind.NOTE)), Origin.JOURNAL)
    _damage(map_path, sql)
    before = sha256(map_path)
    with pytest.raises(FileRefusedError, match=message):
        read_content(map_path)
    with pytest.raises(FileRefusedError):
        MapFile.open(map_path).close()
    assert sha256(map_path) == before
