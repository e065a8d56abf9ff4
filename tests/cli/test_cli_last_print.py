"""`--changed-since LAST-PRINT` (issue 13): every tiled print of a writable map records what it printed
(an automatic snapshot and a PrintRecord); the next reprints only the sheets that changed since."""

from __future__ import annotations

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

TILED = ("--paper", "A1", "--tile", "A4")
CARD = "Per-seat pricing is confusing"


@pytest.fixture
def printed_map(tmp_path, capsys) -> Path:
    """A map printed tiled once from the command line."""
    path = tmp_path / "map.journey"
    MapFile.create(path, workshop_map().content()).close()
    code, _, err = run(capsys, "export", str(path), str(tmp_path / "first.pdf"), *TILED)
    assert code == 0 and err == ""
    return path


def recolour(path: Path, text: str = CARD) -> str:
    with MapFile.open(path) as mapfile:
        card = card_named(mapfile.document, text)
        mapfile.document.apply(ops.UpdateCard(card.id, {"colour": "green"}))
    return card.id


def test_a_tiled_print_records_its_options_and_a_snapshot_of_the_map_it_printed(tmp_path, printed_map):
    content = read_content(printed_map)
    (record,) = content.items_of("print_record")
    assert (record.paper, record.tile, record.overlap_mm, record.landscape) == ("A1", "A4", 10.0, True)
    assert record.sheets == 15 and record.view == "both" and record.personas == ()
    with MapFile.open(printed_map, read_only=True) as mapfile:
        (snapshot,) = mapfile.snapshots()
        assert snapshot.id == record.snapshot_id and snapshot.name.startswith("Printed ")
        printed = mapfile.snapshot_content(record.snapshot_id)
    assert printed.cards == content.cards and printed.info == content.info


def test_only_the_sheets_changed_since_the_last_print_are_printed(tmp_path, capsys, printed_map):
    card_id = recolour(printed_map)
    out = tmp_path / "reprint.pdf"
    code, stdout, err = run(capsys, "export", str(printed_map), str(out), *TILED, "--changed-since", "LAST-PRINT")
    assert code == 0 and err == "" and stdout == f"{out}\n"
    expected = sheets_under_card(Document(read_content(printed_map)), card_id)
    guide, labels = printed_labels(out)
    assert labels == expected == ["B2", "B3"]
    assert len(PdfReader(str(out)).pages) == 1 + 2
    assert "2 of the poster's 15 A4 sheets changed since the print of " in guide
    # The reprint is recorded too: the wall now shows this version, so nothing changed since.
    assert [r.sheets for r in read_content(printed_map).items_of("print_record")] == [15, 2]
    code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "again.pdf"), *TILED,
                       "--changed-since", "LAST-PRINT")
    assert code == 1 and "nothing on the poster changed since the print of " in err
    assert not (tmp_path / "again.pdf").exists()


def test_a_print_made_another_way_is_refused_in_one_line(tmp_path, capsys, printed_map):
    recolour(printed_map)
    before = digest(printed_map)
    code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "r.pdf"), "--paper", "A0", "--tile", "A4",
                       "--changed-since", "LAST-PRINT")
    assert code == 1 and err.count("\n") == 1
    assert "was A1 landscape on A4 sheets, 10 mm overlap; print the same way" in err
    assert "(this one: A0 landscape on A4 sheets, 10 mm overlap)" in err
    assert not (tmp_path / "r.pdf").exists() and digest(printed_map) == before


def test_a_map_held_by_an_editor_prints_but_keeps_no_record_and_says_so(tmp_path, capsys, printed_map):
    recolour(printed_map)
    with MapFile.open(printed_map) as holder:
        before = digest(printed_map)
        code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "r.pdf"), *TILED,
                           "--changed-since", "LAST-PRINT")
        assert code == 0
        assert err.startswith("journeymap: warning: the print was not recorded (") and err.count("\n") == 1
        assert digest(printed_map) == before
        assert len(holder.document.items("print_record")) == 1
    assert (tmp_path / "r.pdf").exists()


def test_a_print_whose_snapshot_was_deleted_is_refused_clearly(tmp_path, capsys, printed_map):
    with MapFile.open(printed_map) as mapfile:
        mapfile.delete_snapshot(mapfile.snapshots()[0].id)
    code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "r.pdf"), *TILED,
                       "--changed-since", "LAST-PRINT")
    assert code == 1 and "the snapshot of the last print (" in err and "is no longer in map.journey" in err


def test_only_tiled_prints_are_recorded(tmp_path, capsys):
    path = tmp_path / "map.journey"
    MapFile.create(path, workshop_map().content()).close()
    before = digest(path)
    for out in ("whole.pdf", "map.png"):
        code, _, err = run(capsys, "export", str(path), str(tmp_path / out))
        assert code == 0, err
    assert digest(path) == before


def test_the_view_is_an_option_of_the_print_and_part_of_its_record(tmp_path, capsys, printed_map):
    code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "asis.pdf"), *TILED, "--view", "as-is")
    assert code == 0, err
    assert read_content(printed_map).items_of("print_record")[-1].view == "as-is"
    recolour(printed_map)
    code, _, err = run(capsys, "export", str(printed_map), str(tmp_path / "r.pdf"), *TILED,
                       "--changed-since", "LAST-PRINT")
    assert code == 1 and ", as-is view; print the same way" in err
    with pytest.raises(SystemExit) as info:
        main.main(["export", str(printed_map), str(tmp_path / "x.pdf"), "--view", "tomorrow"])
    assert info.value.code == 2
