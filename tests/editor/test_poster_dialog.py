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
        "view": "both",
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
    assert answers.offered == [tmp_path / "Onboarding a new business customer.pdf"]  # the title, beside the map
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
    from model import ops

    doc = workshop_map()
    doc.apply(ops.UpdateMap({"title": "<b>bold</b> & co"}))
    dialog = make_dialog(Answers(tmp_path / "<i>x</i>" / "p.pdf"), doc=doc)
    _save(qtbot, dialog)
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert "<i>x</i>" in dialog.status.text()
    assert dialog.default_path().name == "b bold b & co.pdf"


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


def _ink_pixels(image, rect, paper: str = "#FFFFFF", margin: int = 70) -> int:
    """Pixels inside `rect` (widget coordinates) at least `margin` darker than `paper` in every channel."""
    from PySide6.QtGui import QColor

    ground = QColor(paper)
    ratio = image.devicePixelRatio()
    r = rect.toAlignedRect()
    count = 0
    for y in range(int(r.top() * ratio), int(r.bottom() * ratio)):
        for x in range(int(r.left() * ratio), int(r.right() * ratio)):
            if 0 <= x < image.width() and 0 <= y < image.height():
                c = QColor(image.pixel(x, y))
                count += (c.red() < ground.red() - margin and c.green() < ground.green() - margin
                          and c.blue() < ground.blue() - margin)
    return count


def _map_rect(preview):
    """Where the map sits on the drawn sheet: the composition's map box, in widget coordinates."""
    from PySide6.QtCore import QRectF

    comp, sheet = preview.composition, preview.sheet_rect()
    s = sheet.width() / comp.page_w
    box = comp.map_box
    return QRectF(sheet.x() + box.x * s, sheet.y() + (comp.page_h - box.y - box.h) * s, box.w * s, box.h * s)


def _card_text_rect(preview, card_id):
    """Where the preview draws a card's text lines, in widget coordinates."""
    from PySide6.QtCore import QRectF

    box = preview.layout_value.cards[card_id]
    area = _map_rect(preview)
    scale = area.width() / preview.layout_value.width
    text = box.text
    top = text.baselines[0] - text.size
    bottom = text.baselines[-1] + text.size * 0.25
    return QRectF(area.x() + box.rect.x * scale, area.y() + top * scale, box.rect.w * scale, (bottom - top) * scale)


def _wide_dialog(make_dialog, qtbot):
    dialog = make_dialog()
    dialog.resize(1300, 800)
    qtbot.waitUntil(lambda: dialog.preview.width() > 800)
    return dialog


def test_the_preview_draws_the_cards_text(make_dialog, qtbot):
    from PySide6.QtCore import QRectF

    from model.domain import PALETTE

    dialog = _wide_dialog(make_dialog, qtbot)
    preview = dialog.preview
    image = preview.grab().toImage()
    doc = preview.doc
    texts = [(cid, box) for cid, box in preview.layout_value.cards.items() if box.text.lines and not box.hidden]
    assert len(texts) >= 5
    for card_id, box in texts:
        fill = PALETTE[doc.card(card_id).colour][0]
        assert _ink_pixels(image, _card_text_rect(preview, card_id), fill) > 5, doc.card(card_id).text
        # and below the card, in the cell's gap, no ink: what was counted is the text, not a frame
        area = _map_rect(preview)
        scale = area.width() / preview.layout_value.width
        gap = QRectF(area.x() + box.rect.x * scale, area.y() + (box.rect.bottom + 1.5) * scale,
                     box.rect.w * scale, 1.5 * scale)
        assert _ink_pixels(image, gap) == 0


def test_hovering_the_sheet_shows_a_loupe_at_print_size(make_dialog, qtbot):
    from PySide6.QtCore import QPoint, QRectF

    from editor.poster_preview import LOUPE

    dialog = _wide_dialog(make_dialog, qtbot)
    preview = dialog.preview
    # The lowest card: no dark stage header near it, only cards, cells and their small text.
    card_id, box = max(((cid, b) for cid, b in preview.layout_value.cards.items() if b.text.lines),
                       key=lambda item: (item[1].rect.y, -item[1].rect.x))
    text = _card_text_rect(preview, card_id)
    at = QPoint(int(text.left() + 4), int(text.center().y()))
    before = preview.grab().toImage()
    qtbot.mouseMove(preview, at)
    qtbot.waitUntil(lambda: preview._loupe_at is not None)
    after = preview.grab().toImage()
    right = at.x() + 16 + LOUPE[0] <= preview.width()
    x = at.x() + 16 if right else at.x() - 16 - LOUPE[0]
    y = min(max(0, at.y() - LOUPE[1] / 2), preview.height() - LOUPE[1])
    loupe = QRectF(x + 2, y + 2, LOUPE[0] - 4, LOUPE[1] - 22)  # inside its frame, above its label
    # The card's first letters at print size: far more ink than the small sheet had there.
    assert _ink_pixels(after, loupe, margin=160) > 2 * _ink_pixels(before, loupe, margin=160) + 100
    assert preview.print_scale() == preview.logicalDpiX() / 72.0
    qtbot.mouseMove(preview, QPoint(2, 2))  # off the sheet: the loupe goes
    qtbot.waitUntil(lambda: preview._loupe_at is None)


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


def test_the_preview_draws_the_to_be_curves_dashed_when_the_journey_shows_them(make_dialog):
    from model.domain import View
    from model.tobe import set_to_be_emotion
    from tests.model.factories import small_map

    doc = small_map()
    ana = doc.personas[0]
    for card in doc.cards():
        if doc.emotion(card.id, ana.id) is not None:
            doc.apply(set_to_be_emotion(doc, card.id, ana.id, 2.0))  # the future: delighted everywhere
    dialog = make_dialog(doc=doc)

    def ana_ink(view) -> int:
        """Pixels of Ana's colour on the map (the legend and frame left out)."""
        from PySide6.QtGui import QColor

        dialog.view.setCurrentIndex(dialog.view.findData(view))
        image = dialog.preview.grab().toImage()
        ratio = image.devicePixelRatio()
        r = dialog.preview.map_rect().toAlignedRect()
        colour = QColor(ana.colour)
        count = 0
        for x in range(int(r.left() * ratio), int(r.right() * ratio)):
            for y in range(int(r.top() * ratio), int(r.bottom() * ratio)):
                c = image.pixelColor(x, y)
                if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 60:
                    count += 1
        return count

    as_is, both = ana_ink(View.AS_IS), ana_ink(View.BOTH)
    assert dialog.preview.view == View.BOTH
    assert as_is > 0 and both > as_is * 1.3  # the dashed to-be curve beside the solid one


def test_the_as_is_preview_leaves_the_future_cards_out_as_the_pdf_does(make_dialog):
    from model import ops
    from model.domain import Card, View
    from model.tobe import mark_to_be
    from tests.model.factories import small_map

    doc = small_map()
    future = Card(doc.stages[0].id, doc.lanes[0].id, "A self-service portal")
    doc.apply(ops.AddCard(future))
    doc.apply(mark_to_be(doc, [future.id], True))
    dialog = make_dialog(doc=doc)
    for view, shown in ((View.AS_IS, False), (View.BOTH, True), (View.TO_BE, True), (View.AS_IS, False)):
        dialog.view.setCurrentIndex(dialog.view.findData(view))
        assert (future.id in dialog.preview.layout_value.cards) is shown, view
    assert len(dialog.preview.layout_value.cards) == len(doc.cards()) - 1
