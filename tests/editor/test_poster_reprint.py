"""The poster dialog records each tiled print in the open map and reprints only the sheets changed since
the last one (issue 13), read back from the PDFs it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from editor.poster_dialog import PosterDialog
from model import ops
from model.persistence import MapFile
from tests.editor.conftest import map_file_at
from tests.editor.test_poster_dialog import Answers
from tests.export.maps import workshop_map
from tests.export.test_changed_sheets import card_named, printed_labels, sheets_under_card


@pytest.fixture
def map_file(tmp_path):
    opened = MapFile.open(map_file_at(tmp_path / "map.journey", workshop_map().content()))
    yield opened
    opened.close()


def dialog_on(qtbot, map_file, *answers) -> PosterDialog:
    dialog = PosterDialog(map_file.document, map_file, ask_save_path=Answers(*answers))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def print_tiled(qtbot, map_file, out: Path) -> None:
    dialog = dialog_on(qtbot, map_file, out)
    assert not dialog.only_changed.isEnabled()  # nothing printed yet
    dialog.tiled.setChecked(True)
    assert not dialog.only_changed.isEnabled()
    with qtbot.waitSignal(dialog.poster_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_tiled_print_is_recorded_in_the_map_and_not_on_the_undo_stack(tmp_path, qtbot, map_file):
    print_tiled(qtbot, map_file, tmp_path / "wall.pdf")
    (record,) = map_file.document.items("print_record")
    assert (record.paper, record.tile, record.sheets, record.personas) == ("A1", "A4", 15, ())
    assert [s.id for s in map_file.snapshots()] == [record.snapshot_id]
    assert len(PdfReader(str(tmp_path / "wall.pdf")).pages) == 16


def test_only_the_sheets_changed_since_the_last_print_are_printed(tmp_path, qtbot, map_file):
    print_tiled(qtbot, map_file, tmp_path / "wall.pdf")
    doc = map_file.document
    card = card_named(doc, "Per-seat pricing is confusing")
    doc.apply(ops.UpdateCard(card.id, {"colour": "green"}))
    dialog = dialog_on(qtbot, map_file, tmp_path / "reprint.pdf")
    dialog.paper.setCurrentText("A0")  # the facilitator changed something; ticking the box takes the print's back
    qtbot.mouseClick(dialog.tiled, Qt.MouseButton.LeftButton)
    assert dialog.only_changed.isEnabled()
    dialog.only_changed.setChecked(True)
    assert dialog.options()["paper"] == "A1" and dialog.options()["tile"] == "A4"
    assert "Only the sheets changed since the print of " in dialog.info.text()
    with qtbot.waitSignal(dialog.poster_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    guide, labels = printed_labels(tmp_path / "reprint.pdf")
    assert labels == sheets_under_card(doc, card.id) == ["B2", "B3"]
    assert len(PdfReader(str(tmp_path / "reprint.pdf")).pages) == 3
    assert "2 of the poster's 15 A4 sheets changed since the print of " in guide
    assert [r.sheets for r in doc.items("print_record")] == [15, 2]


def test_a_print_made_another_way_is_not_compared_and_says_why(tmp_path, qtbot, map_file):
    print_tiled(qtbot, map_file, tmp_path / "wall.pdf")
    dialog = dialog_on(qtbot, map_file, tmp_path / "reprint.pdf")
    dialog.tiled.setChecked(True)
    dialog.only_changed.setChecked(True)
    dialog.overlap.setValue(20)
    assert "print the same way" in dialog.info.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Cannot reprint only what changed: the last print (" in dialog.status.text()
    assert not (tmp_path / "reprint.pdf").exists()
    assert len(map_file.document.items("print_record")) == 1
