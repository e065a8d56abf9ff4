"""The upgrade ladder: a schema-1 map (tests/data/schema1.journey) opens and is upgraded in one transaction."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from conftest import sha256, side_files

from model.errors import FileRefusedError
from model.persistence import SCHEMA_VERSION, MapFile, check_file, read_content
from model.persistence.schema import MIGRATIONS

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "schema1.journey"


@pytest.fixture
def old_map(map_path) -> Path:
    shutil.copyfile(FIXTURE, map_path)
    return map_path


def _pragma(path: Path, name: str):
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_the_ladder_reaches_this_version():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_reading_an_old_map_does_not_upgrade_it(old_map):
    before = sha256(old_map)
    content = read_content(old_map)
    assert len(content.cards) == 30 and len(content.personas) == 2
    with MapFile.open(old_map, read_only=True) as viewer:
        assert viewer.document.content() == content
        assert viewer.snapshots() == []
    report = check_file(old_map)
    assert report.schema_version == 1 and report.needs_upgrade and report.app_version == "0.0.9"
    assert report.integrity == "ok"
    assert sha256(old_map) == before
    assert side_files(old_map) == []


def test_opening_for_editing_upgrades_and_keeps_the_content(old_map):
    content = read_content(old_map)
    with MapFile.open(old_map) as mapfile:
        assert mapfile.document.content() == content
        snap = mapfile.create_snapshot("after upgrade")  # the table schema 2 added
        assert mapfile.snapshot_content(snap.id) == content
    assert _pragma(old_map, "user_version") == SCHEMA_VERSION
    report = check_file(old_map)
    assert not report.needs_upgrade and report.app_version != "0.0.9" and report.counts["snapshots"] == 1
    assert read_content(old_map) == content


def test_a_failing_upgrade_is_refused_and_leaves_the_file_as_it_was(old_map):
    # A schema-1 file that already has the table schema 2 adds: the upgrade's CREATE fails half-way.
    with closing(sqlite3.connect(old_map, isolation_level=None)) as conn:
        conn.execute("CREATE TABLE snapshots (id TEXT PRIMARY KEY)")
    before = sha256(old_map)
    for read_only in (False, True):
        with pytest.raises(FileRefusedError, match="could not be upgraded") as caught:
            MapFile.open(old_map, read_only=read_only)
        assert "\n" not in str(caught.value)
    assert sha256(old_map) == before
    assert _pragma(old_map, "user_version") == 1
    assert side_files(old_map) == []


# -- schema 2 -> 3: the first declared entity (participants) ----------------------------------------

FIXTURE_2 = Path(__file__).resolve().parent.parent / "data" / "schema2.journey"


@pytest.fixture
def map_v2(map_path) -> Path:
    shutil.copyfile(FIXTURE_2, map_path)
    return map_path


def test_a_schema_2_map_is_read_without_being_upgraded(map_v2):
    before = sha256(map_v2)
    content = read_content(map_v2)
    assert len(content.cards) == 40 and [k for k, _ in content.items] == ["voting_session", "vote"]
    with MapFile.open(map_v2, read_only=True) as viewer:
        assert viewer.document.content() == content
        (snap,) = viewer.snapshots()
        assert viewer.snapshot_content(snap.id) == content
    assert check_file(map_v2).needs_upgrade
    assert sha256(map_v2) == before and side_files(map_v2) == []


def test_a_schema_2_map_upgrades_and_keeps_participants_from_then_on(map_v2):
    from model import ops
    from model.domain import Participant

    content = read_content(map_v2)
    with MapFile.open(map_v2) as mapfile:
        assert mapfile.document.content() == content
        (snap,) = mapfile.snapshots()
        assert mapfile.snapshot_content(snap.id) == content  # a snapshot taken at schema 2, upgraded in memory
        mapfile.document.apply(ops.AddItem(Participant("Dana", "Support lead")))
        mapfile.document.apply(ops.AddItem(Participant("Eli"), 0))
        expected = mapfile.document.content()
    assert _pragma(map_v2, "user_version") == SCHEMA_VERSION
    assert [p.name for p in read_content(map_v2).items_of("participant")] == ["Eli", "Dana"]
    assert read_content(map_v2) == expected
    report = check_file(map_v2)
    assert not report.needs_upgrade and report.integrity == "ok"


def _card_votes(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return dict(conn.execute("SELECT id, votes FROM cards WHERE votes > 0").fetchall())


@pytest.mark.parametrize("fixture", [FIXTURE, FIXTURE_2])
def test_a_cards_votes_become_the_wall_totals_of_a_session_of_their_own(map_path, fixture):
    """Schema 3: `cards.votes` moved into a revealed, current session "Votes before sessions", so the map
    shows what it showed; the column is gone, and undo of anything after the upgrade stays exact."""
    from model import ops, voting
    from model.document import Document

    shutil.copyfile(fixture, map_path)
    old = _card_votes(map_path)
    assert len(old) > 20
    with MapFile.open(map_path) as mapfile:
        doc = mapfile.document
        (session,) = voting.sessions(doc)
        assert (session.name, session.revealed, session.current, session.closed) == (
            "Votes before sessions", True, True, False)
        assert voting.shown_votes(doc) == old
        assert all(v.origin == "wall" and v.participant_id is None for v in doc.items("vote"))
        assert [v.card_id for v in doc.items("vote")] == [c.id for c in doc.cards() if c.id in old]  # journey order
        voted = next(iter(old))
        undo = doc.apply(ops.RemoveCard(voted))  # its votes go with it, and come back
        doc.apply(undo)
        doc.apply(voting.set_wall_total(doc, session.id, voted, old[voted] + 1))
        expected = doc.content()
    with closing(sqlite3.connect(map_path)) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(cards)")]
    assert "votes" not in columns and "impact" in columns
    assert read_content(map_path) == expected
    assert voting.shown_votes(Document(expected))[voted] == old[voted] + 1
    assert check_file(map_path).integrity == "ok"


# -- schema 3 -> 4: cards' due dates (action cards) ---------------------------------------------------

FIXTURE_3 = Path(__file__).resolve().parent.parent / "data" / "schema3.journey"


@pytest.fixture
def map_v3(map_path) -> Path:
    shutil.copyfile(FIXTURE_3, map_path)
    return map_path


def _card_columns(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [row[1] for row in conn.execute("PRAGMA table_info(cards)")]


def test_a_schema_3_map_is_read_without_being_upgraded(map_v3):
    before = sha256(map_v3)
    content = read_content(map_v3)
    assert [c.owner for c in content.cards] == ["", "Marketing", "Sales", "Payments team", "Customer success"]
    assert all(c.due == "" for c in content.cards)
    with MapFile.open(map_v3, read_only=True) as viewer:
        assert viewer.document.content() == content
    report = check_file(map_v3)
    assert report.schema_version == 3 and report.needs_upgrade and report.integrity == "ok"
    assert sha256(map_v3) == before and side_files(map_v3) == [] and "due" not in _card_columns(map_v3)


def test_a_schema_3_map_upgrades_keeps_everything_and_its_cards_have_no_due_date(map_v3):
    from model import ops, voting
    from model.domain import CardKind
    from model.workshop import steps

    content = read_content(map_v3)
    with MapFile.open(map_v3) as mapfile:
        doc = mapfile.document
        assert doc.content() == content
        assert [p.name for p in doc.items("participant")] == ["Ana", "Ben"]
        (session,) = voting.sessions(doc)
        assert session.name == "Which pains first" and sorted(voting.totals(doc, session.id).values()) == [2, 2]
        assert len(steps(doc)) == 9
        (snap,) = mapfile.snapshots()
        assert snap.name == "Before the actions"
        assert mapfile.snapshot_content(snap.id) == content  # a snapshot taken at schema 3, upgraded in memory
        card = doc.cards()[2]
        doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
        expected = doc.content()
    assert _pragma(map_v3, "user_version") == SCHEMA_VERSION == 4
    assert "due" in _card_columns(map_v3)
    with closing(sqlite3.connect(f"file:{map_v3}?mode=ro", uri=True)) as conn:
        assert sorted(due for (due,) in conn.execute("SELECT due FROM cards")) == ["", "", "", "", "2026-12-31"]
    assert read_content(map_v3) == expected
    report = check_file(map_v3)
    assert not report.needs_upgrade and report.app_version != "0.2.0" and report.integrity == "ok"


def test_a_new_map_and_an_upgraded_one_have_the_same_due_column(map_v3, tmp_path):
    """NOT NULL with an empty default both ways, so a row written by either never holds NULL."""
    with MapFile.open(map_v3):
        pass
    fresh = tmp_path / "fresh.journey"
    MapFile.create(fresh, read_content(map_v3)).close()

    def due_column(path: Path):
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return next(row[2:5] for row in conn.execute("PRAGMA table_info(cards)") if row[1] == "due")

    assert due_column(map_v3) == due_column(fresh) == ("TEXT", 1, "''")


def test_a_journeymap_that_reads_schema_3_refuses_a_schema_4_map_untouched(map_v3, monkeypatch):
    """What an older Journeymap does with this file: the refusal for a newer schema, its bytes left alone."""
    from model.persistence import header

    with MapFile.open(map_v3):
        pass  # now schema 4
    before = sha256(map_v3)
    monkeypatch.setattr(header, "SCHEMA_VERSION", 3)
    with pytest.raises(FileRefusedError, match=r"made by a newer Journeymap \(schema 4\); this version reads up to 3"):
        header.probe(map_v3)
    assert sha256(map_v3) == before and side_files(map_v3) == []
