"""The poster dialog driven like a user: options, live preview, saving with a real PDF written and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressDialog

from editor.poster_dialog import CUSTOM, PosterDialog
from tests.export.maps import workshop_map


class Answers:
    """ask_save_path that answers from a list and records the default it was offered."""

    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.offered: list[Path] = []

    def __call__(self, default: Path):
        self.offered.append(default)
        return self.answers.pop(0)


@pytest.fixture
def make_dialog(qtbot):
    def make(answers=None, map_path=None, doc=None):
        dialog = PosterDialog(doc or workshop_map(), map_path, ask_save_path=answers or Answers())
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_defaults_and_live_information(make_dialog):
    dialog = make_dialog()
    assert dialog.options() == {
        "paper": "A1", "landscape": True, "personas": ["Maya", "Tomás"], "tile": None,
        "overlap_mm": 10.0, "include_legend": True, "include_personas": True, "include_insights": False,
    }
    assert "841 × 594 mm" in dialog.info.text()
    assert "Card text prints at" in dialog.info.text()
    comp = dialog.preview.composition
    assert (round(comp.page_w), round(comp.page_h)) == (2384, 1684)
    assert dialog.preview.plan is None


def test_paper_and_orientation_change_the_preview(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.paper.setCurrentText("A4")
    qtbot.mouseClick(dialog.portrait, Qt.MouseButton.LeftButton)
    comp = dialog.preview.composition
    assert (round(comp.page_w), round(comp.page_h)) == (595, 842)
    assert "210 × 297 mm" in dialog.info.text()
    assert "smaller than 9 pt" in dialog.info.text()


def test_custom_size(make_dialog):
    dialog = make_dialog()
    assert not dialog.custom_w.isEnabled()
    dialog.paper.setCurrentText(CUSTOM)
    assert dialog.custom_w.isEnabled()
    dialog.custom_w.setValue(1500)
    dialog.custom_h.setValue(700)
    assert dialog.options()["paper"] == "1500x700mm"
    assert "1500 × 700 mm" in dialog.info.text()


def test_tiles_show_in_the_preview_with_their_count(qtbot, make_dialog):
    dialog = make_dialog()
    assert not dialog.tile_paper.isEnabled()
    qtbot.mouseClick(dialog.tiled, Qt.MouseButton.LeftButton)
    assert dialog.tile_paper.isEnabled()
    plan = dialog.preview.plan
    assert plan is not None and plan.count == 15
    assert "15 A4 sheets (3 rows × 5 columns)" in dialog.info.text()
    dialog.overlap.setValue(40)
    assert dialog.preview.plan.count > 15
    dialog.tile_paper.setCurrentText("letter")
    assert dialog.options()["tile"] == "letter"


def test_unchecking_a_persona_hides_its_curve_and_strip(make_dialog):
    dialog = make_dialog()
    doc = dialog.document
    tomas = doc.personas[1]
    dialog.personas.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.options()["personas"] == ["Maya"]
    assert tomas.id not in dialog.preview.persona_ids
    assert len(dialog.preview.composition.persona_cells) == 1


def test_save_writes_the_pdf_and_closes(tmp_path, qtbot, make_dialog):
    answers = Answers(tmp_path / "wall")
    dialog = make_dialog(answers, map_path=tmp_path / "onboarding.journey")
    dialog.include_legend.setChecked(False)
    with qtbot.waitSignal(dialog.poster_saved) as saved:
        _save(qtbot, dialog)
    out = tmp_path / "wall.pdf"
    assert saved.args == [str(out), []]
    assert answers.offered == [tmp_path / "onboarding.pdf"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Onboarding a new business customer" in text and "Legend" not in text


def test_save_tiled(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(tmp_path / "tiles.pdf"))
    dialog.paper.setCurrentText("A3")
    dialog.tiled.setChecked(True)
    count = dialog.preview.plan.count
    _save(qtbot, dialog)
    assert len(PdfReader(str(tmp_path / "tiles.pdf")).pages) == 1 + count


def test_cancelled_save_dialog_writes_nothing_and_stays_open(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(None))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert list(tmp_path.iterdir()) == []


def test_refused_path_is_reported_in_the_dialog(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(tmp_path / "missing" / "poster.pdf"))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "Cannot export the poster" in dialog.status.text() and "no such folder" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []
    assert dialog.save_button.isEnabled()


def test_cancel_in_the_progress_dialog_stops_the_export(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(tmp_path / "poster.pdf"))

    def press_cancel() -> None:
        progress = dialog.findChild(QProgressDialog)
        assert progress is not None
        progress.cancel()

    # The progress dialog processes events while the export runs; the timer fires inside it.
    QTimer.singleShot(0, press_cancel)
    _save(qtbot, dialog)
    assert "cancelled" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []
    assert dialog.isVisible()


def test_warnings_keep_the_dialog_open(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(tmp_path / "small.pdf"))
    dialog.paper.setCurrentText("A4")
    _save(qtbot, dialog)
    assert (tmp_path / "small.pdf").is_file()
    assert dialog.isVisible()
    assert "smaller than 9 pt" in dialog.status.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"


def test_user_text_is_never_rich_text(tmp_path, qtbot, make_dialog):
    from model import ops as o

    doc = workshop_map()
    doc.apply(o.UpdateMap({"title": "<b>bold</b> & co"}))
    dialog = make_dialog(Answers(tmp_path / "<i>x</i>" / "p.pdf"), doc=doc)
    _save(qtbot, dialog)
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert "<i>x</i>" in dialog.status.text()
    assert dialog.default_path().name == "_b_bold__b_ _ co.pdf"


def test_preview_paints(make_dialog):
    dialog = make_dialog()
    dialog.tiled.setChecked(True)
    image = dialog.preview.grab().toImage()
    sheet = dialog.preview.sheet_rect()
    assert sheet.width() > 100
    # The sheet is white where the margin is, the background round it is not.
    inside = image.pixelColor(int(sheet.x() + 3), int(sheet.center().y()))
    outside = image.pixelColor(2, 2)
    assert inside.name() == "#ffffff" and outside.name() != "#ffffff"


def test_the_insights_page_is_one_checkbox_away(tmp_path, qtbot, make_dialog):
    dialog = make_dialog(Answers(tmp_path / "with-insights.pdf"))
    qtbot.mouseClick(dialog.include_insights, Qt.MouseButton.LeftButton)
    assert dialog.options()["include_insights"] is True
    assert "insights and priorities follow on their own page" in dialog.info.text()
    with qtbot.waitSignal(dialog.poster_saved):
        _save(qtbot, dialog)
    reader = PdfReader(str(tmp_path / "with-insights.pdf"))
    assert len(reader.pages) >= 2
    assert reader.pages[1].extract_text().startswith("Insights and priorities")
