"""`journeymap export MAP poster.pdf --tile A4 --changed-since SNAPSHOT`: only the sheets that changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from model import ops
from model.document import Document
from model.persistence import MapFile, read_content
from tests.cli.test_cli import digest, run
from tests.export.maps import workshop_map
from tests.export.test_changed_sheets import card_named, printed_labels, sheets_under_card


@pytest.fixture
def edited_map(tmp_path) -> tuple[Path, str]:
    """A map with a snapshot "Workshop 1", then one card recoloured; and that card's id."""
    path = tmp_path / "map.journey"
    MapFile.create(path, workshop_map().content()).close()
    with MapFile.open(path) as mapfile:
        mapfile.create_snapshot("Workshop 1")
        card = card_named(mapfile.document, "Per-seat pricing is confusing")
        mapfile.document.apply(ops.UpdateCard(card.id, {"colour": "green"}))
    return path, card.id


def test_only_the_sheets_under_the_changed_card_are_printed(tmp_path, capsys, edited_map):
    path, card_id = edited_map
    before = read_content(path)
    out = tmp_path / "reprint.pdf"
    code, stdout, err = run(capsys, "export", str(path), str(out), "--paper", "A1", "--tile", "A4",
                            "--changed-since", "Workshop 1")
    assert code == 0, err
    assert err == "" and stdout == f"{out}\n"
    expected = sheets_under_card(Document(read_content(path)), card_id)
    guide, labels = printed_labels(out)
    assert labels == expected == ["B2", "B3"]
    assert len(PdfReader(str(out)).pages) == 3
    assert "2 of the poster's 15 A4 sheets changed since snapshot 'Workshop 1' (" in guide
    # The map is as it was, but for the record of this print (what is on the wall now).
    after = read_content(path)
    (record,) = after.items_of("print_record")
    assert record.sheets == 2 and (record.paper, record.tile, record.overlap_mm) == ("A1", "A4", 10.0)
    assert replace(after, items=before.items) == before


def test_a_map_held_by_a_live_editor_is_read_without_its_lock(tmp_path, capsys, edited_map):
    path, _ = edited_map
    with MapFile.open(path) as holder:
        code, _, err = run(capsys, "export", str(path), str(tmp_path / "r.pdf"), "--paper", "A1", "--tile", "A4",
                           "--changed-since", "Workshop 1")
        assert code == 0, err
        holder.document.apply(ops.UpdateMap({"title": "still editable"}))


def test_nothing_changed_is_refused_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "map.journey"
    MapFile.create(path, workshop_map().content()).close()
    with MapFile.open(path) as mapfile:
        mapfile.create_snapshot("Printed")
        mapfile.document.apply(ops.UpdateCard(mapfile.document.cards()[0].id, {"notes": "not on the poster"}))
    code, _, err = run(capsys, "export", str(path), str(tmp_path / "r.pdf"), "--tile", "A4", "--changed-since", "Printed")
    assert code == 1
    assert err.startswith("journeymap: error: nothing on the poster changed since snapshot 'Printed' (")
    assert err.endswith("): no sheet to reprint\n")
    assert not (tmp_path / "r.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.journey"]


def test_a_map_never_printed_has_no_last_print_and_says_what_to_do(tmp_path, capsys, edited_map):
    path, _ = edited_map
    before = digest(path)
    code, _, err = run(capsys, "export", str(path), str(tmp_path / "r.pdf"), "--tile", "A4", "--changed-since",
                       "LAST-PRINT")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("journeymap: error: map.journey records no print yet: a tiled print (--tile) records")
    assert not (tmp_path / "r.pdf").exists()
    assert digest(path) == before


def test_an_unknown_snapshot_is_refused(tmp_path, capsys, edited_map):
    path, _ = edited_map
    code, _, err = run(capsys, "export", str(path), str(tmp_path / "r.pdf"), "--tile", "A4", "--changed-since", "v9")
    assert code == 1
    assert err == "journeymap: error: map.journey has no snapshot named 'v9'; its snapshots: 'Workshop 1'\n"


@pytest.mark.parametrize("argv", [
    ["r.pdf", "--changed-since", "Workshop 1"],  # not tiled
    ["r.png", "--tile", "A4", "--changed-since", "Workshop 1"],  # not a poster
])
def test_changed_since_without_a_tiled_pdf_is_a_usage_error(tmp_path, capsys, edited_map, argv):
    path, _ = edited_map
    with pytest.raises(SystemExit) as info:
        main.main(["export", str(path), str(tmp_path / argv[0]), *argv[1:]])
    assert info.value.code == 2
    assert "--changed-since reprints sheets of a tiled poster" in capsys.readouterr().err
    assert not list(tmp_path.glob("r.*"))
