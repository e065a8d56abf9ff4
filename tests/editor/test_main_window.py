"""The main window as a user sees it: title, actions, menus, one undo step per action."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

from model.domain import CardKind, LaneKind


def card_ids(doc):
    return [c.id for c in doc.cards()]


def test_title_names_map_and_file(window):
    assert window.windowTitle() == f"{window.document.info.title} — Small map.journey — Journeymap"


def test_every_panel_is_docked(window):
    titles = {dock.windowTitle() for dock in window.findChildren(QDockWidget)}
    assert {"Inspector", "Personas", "Find", "History", "Overview"} <= titles


def test_undo_action_follows_the_stack(window, qtbot):
    undo, redo = window.actions["edit.undo"], window.actions["edit.redo"]
    assert not undo.isEnabled() and not redo.isEnabled()
    first = card_ids(window.document)[0]
    window.scene.select("card", [first])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert not window.document.has_card(first)
    assert undo.isEnabled() and window.stack.count() == 1
    undo.trigger()
    assert window.document.has_card(first)
    assert not undo.isEnabled() and redo.isEnabled()


def test_delete_is_disabled_without_selection(window):
    window.scene.clear_selection()
    assert not window.actions["edit.delete"].isEnabled()
    window.scene.select("card", card_ids(window.document)[:1])
    assert window.actions["edit.delete"].isEnabled()


def test_copy_paste_cards_into_another_cell_is_one_step(window):
    doc = window.document
    chosen = card_ids(doc)[:2]
    texts = [doc.card(i).text for i in chosen]
    window.scene.select("card", chosen)
    window.actions["edit.copy"].trigger()
    target_stage, lane = doc.stages[2], doc.lanes[0]
    window.scene.select_cell(target_stage.id, lane.id)
    before = doc.content()
    window.actions["edit.paste"].trigger()
    assert [c.text for c in doc.cell_cards(target_stage.id, lane.id)][-2:] == texts
    assert window.stack.count() == 1 and window.stack.undoText() == "Paste 2 cards"
    window.stack.undo()
    assert doc.content() == before


def test_pasting_several_lines_of_text_makes_one_card_per_line(window):
    doc = window.document
    pains = doc.lanes[2]
    data = QMimeData()
    data.setText("Slow checkout\n\n  Hidden fees \nNo phone support\n")
    QGuiApplication.clipboard().setMimeData(data)
    window.scene.select_cell(doc.stages[0].id, pains.id)
    window.actions["edit.paste"].trigger()
    cards = doc.cell_cards(doc.stages[0].id, pains.id)
    assert [c.text for c in cards][-3:] == ["Slow checkout", "Hidden fees", "No phone support"]
    # A pain-points lane makes pain-point cards.
    assert {c.kind for c in cards[-3:]} == {CardKind.PAIN_POINT}
    assert window.stack.count() == 1


def test_cut_removes_and_paste_restores_text(window):
    doc = window.document
    first = card_ids(doc)[0]
    text = doc.card(first).text
    window.scene.select("card", [first])
    window.actions["edit.cut"].trigger()
    assert not doc.has_card(first)
    window.scene.select_cell(doc.stages[1].id, doc.lanes[2].id)
    window.actions["edit.paste"].trigger()
    assert text in [c.text for c in doc.cell_cards(doc.stages[1].id, doc.lanes[2].id)]
    assert window.stack.count() == 2


def test_duplicate_recolour_and_change_kind_apply_to_the_whole_selection(window):
    doc = window.document
    chosen = card_ids(doc)[:3]
    window.scene.select("card", chosen)
    window.actions["card.colour.teal"].trigger()
    assert {doc.card(i).colour for i in chosen} == {"teal"}
    window.actions["card.kind.idea"].trigger()
    assert {doc.card(i).kind for i in chosen} == {CardKind.IDEA}
    count = doc.card_count
    window.actions["edit.duplicate"].trigger()
    assert doc.card_count == count + 3
    assert window.stack.count() == 3
    assert len(window.scene.selected_ids().cards) == 3  # the copies are selected
    for _ in range(3):
        window.stack.undo()
    assert {doc.card(i).colour for i in chosen} != {"teal"}


def test_insert_stage_and_lane_ask_for_a_name(window, prompts):
    doc = window.document
    prompts.script("text", "Onboarding")
    window.actions["insert.stage"].trigger()
    assert doc.stages[-1].name == "Onboarding"
    prompts.script("item", "Emotion curve").script("text", "Feelings")
    window.actions["insert.lane"].trigger()
    assert (doc.lanes[-1].name, doc.lanes[-1].kind) == ("Feelings", LaneKind.EMOTIONS)
    prompts.script("text", None)  # cancelled: nothing happens
    window.actions["insert.stage"].trigger()
    assert window.stack.count() == 2


def test_insert_card_goes_into_the_selected_cell(window):
    doc = window.document
    stage, lane = doc.stages[1], doc.lanes[2]
    window.scene.select_cell(stage.id, lane.id)
    before = len(doc.cell_cards(stage.id, lane.id))
    window.actions["insert.card"].trigger()
    assert len(doc.cell_cards(stage.id, lane.id)) == before + 1
    assert window.stack.count() == 1


def test_insert_connection_between_two_selected_cards(window):
    doc = window.document
    a, b = card_ids(doc)[1], card_ids(doc)[4]
    window.scene.select("card", [a, b])
    assert window.actions["insert.connection"].isEnabled()
    window.actions["insert.connection"].trigger()
    assert any((c.source_id, c.target_id) == tuple(window.scene.selected_ids().cards) for c in doc.connections)


def test_select_all_selects_every_card(window):
    window.actions["edit.select_all"].trigger()
    assert set(window.scene.selected_ids().cards) == set(card_ids(window.document))


def test_panel_toggles_show_and_hide_docks(window):
    action = window.actions["view.panel.history"]
    dock = window.docks["history"]
    assert action.isChecked() == (not dock.isHidden())
    was_hidden = dock.isHidden()
    action.trigger()
    assert dock.isHidden() != was_hidden
    assert action.isChecked() == (not dock.isHidden())
    action.trigger()
    assert dock.isHidden() == was_hidden


def test_zoom_actions_change_the_zoom_not_the_map(window):
    before = window.view.zoom_factor()
    window.actions["view.zoom_in"].trigger()
    assert window.view.zoom_factor() > before
    window.actions["view.actual_size"].trigger()
    assert abs(window.view.zoom_factor() - 1.0) < 1e-6
    assert window.stack.count() == 0


def test_shortcuts_dialog_lists_declared_actions(window):
    from editor.help_dialogs import shortcut_rows

    rows = dict((text, keys) for keys, text in shortcut_rows(window.actions))
    assert "F2" in rows["Edit › Edit Text"]
    assert rows["Edit › Duplicate"] == "Ctrl+D"
    assert rows["Edit › Redo"] == "Ctrl+Shift+Z, Ctrl+Y"


def test_export_image_writes_a_png_and_an_svg(window, prompts, tmp_path):
    from PySide6.QtGui import QImage

    prompts.script("save_file", tmp_path / "map.png")
    window.actions["file.export_image"].trigger()
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 20  # cards, headers and curves, not a blank sheet
    prompts.script("save_file", tmp_path / "map.svg")
    window.actions["file.export_image"].trigger()
    assert "Awareness" in (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert window.stack.count() == 0


def test_backup_after_editing(window):
    from model import ops
    from model.persistence.backups import list_backups

    before = len(list_backups(window.map_file.path))
    window.backup_now()  # nothing edited since opening: no new backup
    assert len(list_backups(window.map_file.path)) == before
    window.session.edit(ops.UpdateMap({"title": "Edited"}))
    window.backup_now()
    assert len(list_backups(window.map_file.path)) == before + 1


def test_context_menu_offers_what_fits_the_selection(window):
    from editor.context_menu import build_context_menu

    window.scene.select("card", [window.document.cards()[0].id])
    texts = [a.text() for a in build_context_menu(window).actions()]
    assert {"Cu&t", "&Copy", "D&uplicate", "&Delete", "Colour", "Kind"} <= set(texts)
    window.scene.clear_selection()
    texts = [a.text() for a in build_context_menu(window).actions()]
    assert "&Card" in texts and "&Delete" not in texts


def test_excepthook_is_installed_by_the_app_and_logs(qapp, prompts, monkeypatch):
    import sys

    from editor.errors import install_excepthook, log_path

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    reporter = install_excepthook(prompts.warn)
    assert sys.excepthook is reporter
    for key in ("missing", "missing", "other"):
        try:
            {}[key]
        except KeyError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    assert log_path().read_text().count("KeyError") == 3
    assert len(prompts.messages("warn")) == 2  # the repeated error is shown once; never a traceback
    assert all("Traceback" not in text for _t, text in prompts.messages("warn"))


def test_open_recent_lists_maps_and_opens_one(window, application, tmp_path):
    from model.persistence import MapFile
    from tests.model.factories import small_map

    other = tmp_path / "Other.journey"
    MapFile.create(other, small_map().content()).close()
    application.settings.add_recent_file(other)
    window.recent_menu.aboutToShow.emit()
    entries = {a.text(): a for a in window.recent_menu.actions()}
    assert list(entries) == ["Untitled journey — Other.journey", "Untitled journey — Small map.journey"]
    entries["Untitled journey — Other.journey"].trigger()
    assert application.windows[-1].map_file.path == other.absolute()


def test_title_follows_the_map_title(window):
    from model import ops

    window.session.edit(ops.UpdateMap({"title": "Onboarding"}))
    assert window.windowTitle() == "Onboarding — Small map.journey — Journeymap"
    window.actions["edit.undo"].trigger()
    assert window.windowTitle().startswith("Untitled journey — ")


def test_damaged_cards_on_the_clipboard_are_refused_whole(window):
    from editor.clipboard import MIME_CARDS

    data = QMimeData()
    data.setData(MIME_CARDS, b'{"format": "journeymap-cards", "cards": [{"text": "ok"}, {"colour": "<b>x</b>"}]}')
    QGuiApplication.clipboard().setMimeData(data)
    window.scene.select_cell(window.document.stages[0].id, window.document.lanes[0].id)
    count = window.document.card_count
    window.actions["edit.paste"].trigger()
    assert window.document.card_count == count and window.stack.count() == 0
    assert "palette" in window.statusBar().currentMessage()


def test_connect_tool_draws_a_connection_from_anywhere_on_a_card(window, qtbot):
    from PySide6.QtCore import QPointF

    doc = window.document
    window.resize(1800, 1000)
    window.view.reset_zoom()
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    window.actions["tool.connect"].trigger()
    assert window.actions["tool.connect"].isChecked() and not window.actions["tool.select"].isChecked()
    layout = window.scene.layout()
    source = doc.cell_cards(doc.stages[0].id, doc.lanes[2].id)[0].id
    target = doc.cell_cards(doc.stages[2].id, doc.lanes[0].id)[1].id
    start = window.view.mapFromScene(QPointF(*layout.cards[source].rect.center))
    end = window.view.mapFromScene(QPointF(*layout.cards[target].rect.center))
    port = window.view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 7):
        qtbot.mouseMove(port, start + (end - start) * (i / 6))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    assert any((c.source_id, c.target_id) == (source, target) for c in doc.connections)
    assert window.stack.count() == 1
    window.actions["tool.select"].trigger()
    assert window.scene.tool() == "select"


def test_export_poster_opens_the_poster_dialog_on_this_map(window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        seen.append((type(dialog).__name__, getattr(dialog, "document", None)))
        dialog.reject()

    QTimer.singleShot(0, close_it)
    assert window.actions["file.export_poster"].isEnabled()
    window.actions["file.export_poster"].trigger()
    assert seen == [("PosterDialog", window.document)]


def test_a_find_result_scrolls_its_card_into_view(window, qtbot):
    from PySide6.QtCore import QPointF

    doc = window.document
    window.resize(1800, 1000)
    window.view.zoom_to(3.0)
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    card = doc.cell_cards(doc.stages[2].id, doc.lanes[2].id)[0]
    qtbot.keyClicks(window.find_panel.search, card.text)
    item = window.find_panel.results.item(0)
    window.find_panel.results.itemClicked.emit(item)
    centre = QPointF(*window.scene.layout().cards[card.id].rect.center)
    assert window.view.viewport().rect().contains(window.view.mapFromScene(centre))
    assert window.scene.selected_ids().cards == (card.id,)
