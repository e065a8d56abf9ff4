"""Import and export in the app: File › Import, Open and drops offering import, every data format, export names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from model import ops
from editor.import_export import DATA_EXPORTS, IMPORT_FILTER, OPEN_FILTER, write_data
from model.persistence import MapFile, read_content
from tests.model.factories import small_map

EXPORTS = {export.id: export for export in DATA_EXPORTS}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _texts(content) -> list[str]:
    return [card.text for card in content.cards]


def _new_window(application, before: list):
    made = [w for w in application.windows if w not in before]
    assert len(made) == 1, made
    return made[0]


# -- import ------------------------------------------------------------------------


def test_open_on_a_json_the_app_exported_offers_to_import_it(application, window, prompts, tmp_path):
    """It used to say "not a Journeymap map" about the app's own export."""
    exported = tmp_path / "shared" / "map.json"
    exported.parent.mkdir()
    prompts.script("save_file", exported)
    window.actions["file.export_json"].trigger()
    before, digest = list(application.windows), _digest(exported)
    prompts.script("open_file", exported).script("choose", "Import…").script("save_file", tmp_path / "back")
    window.actions["file.open"].trigger()
    assert prompts.asked[-3][2] == OPEN_FILTER  # the Open dialog lists files to import too
    title, text = prompts.messages("choose")[-1]
    assert title == "Import this file?" and "“map.json” is not a Journeymap map: it is a JSON file." == text
    imported = _new_window(application, before)
    assert imported.map_file.path == (tmp_path / "back.journey").absolute()
    assert read_content(tmp_path / "back.journey") == window.document.content()  # JSON is lossless
    assert _digest(exported) == digest and prompts.messages("warn") == []


@pytest.mark.parametrize("export_id", ["xlsx", "csv", "json", "mermaid"])
def test_file_import_makes_a_new_map_from_each_format(application, window, prompts, tmp_path, export_id):
    source = tmp_path / f"research{EXPORTS[export_id].suffix}"
    write_data(window.document.content(), source)
    before = list(application.windows)
    prompts.script("open_file", source).script("save_file", tmp_path / "out" / "Imported.journey")
    (tmp_path / "out").mkdir()
    window.actions["file.import"].trigger()
    assert prompts.asked[0][2] == IMPORT_FILTER
    assert prompts.suggested == [source.with_suffix(".journey")]  # beside the file, named after it
    imported = _new_window(application, before)
    assert imported.map_file.path == (tmp_path / "out" / "Imported.journey").absolute()
    wanted = [c.text for c in window.document.cards() if export_id != "mermaid" or c.lane_id ==
              window.document.content().lanes[0].id]
    assert sorted(_texts(imported.document.content())) == sorted(wanted)
    assert application.settings.recent_files()[0] == imported.map_file.path.resolve()
    assert imported.stack.count() == 0  # a new map, not an edit: nothing to undo
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".~Imported.journey.lock", "Imported.journey"]


def test_cancelling_the_save_question_makes_nothing(application, window, prompts, tmp_path):
    source = tmp_path / "cards.csv"
    write_data(window.document.content(), source)
    prompts.script("open_file", source).script("save_file", None)
    window.actions["file.import"].trigger()
    assert application.windows == [window]
    assert sorted(tmp_path.glob("*.journey")) == [window.map_file.path]


def test_a_refused_file_is_explained_in_one_line_and_nothing_is_asked_or_made(application, window, prompts,
                                                                              tmp_path):
    source = tmp_path / "budget.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    digest = _digest(source)
    prompts.script("open_file", source)
    window.actions["file.import"].trigger()  # no save_file scripted: asking would fail the test
    (title, text), = prompts.messages("warn")
    assert title == "Cannot import the file" and "budget.xlsx: not an Excel workbook (.xlsx)" in text
    assert "\n" not in text and application.windows == [window] and _digest(source) == digest


def test_warnings_of_an_import_are_shown_with_the_new_map(application, prompts, tmp_path):
    source = tmp_path / "survey.csv"
    source.write_text("respondent,touchpoint,score\nr1,Checkout,9\nr2,Checkout,2\n", encoding="utf-8")
    prompts.script("save_file", tmp_path / "Survey.journey")
    window = application.import_path(source)
    assert [c.text for c in window.document.cards()] == ["Checkout"]
    (title, text), = prompts.messages("info")
    assert title == "Imported, with notes" and "0–10 scale" in text


def test_an_existing_file_is_replaced_only_when_no_window_holds_it(application, window, prompts, tmp_path, map_path):
    source = tmp_path / "cards.csv"
    write_data(small_map().content(), source)
    # The map open in this window: never replaced, the user is told why.
    prompts.script("save_file", map_path)
    assert application.import_path(source) is None
    (title, text), = prompts.messages("warn")
    assert title == "Cannot save the imported map there" and "open in a window" in text
    assert read_content(map_path) == window.document.content()
    # Another file the user agreed to replace in the file dialog: replaced by the new map.
    other = tmp_path / "Old.journey"
    MapFile.create(other).close()
    prompts.script("save_file", other)
    imported = application.import_path(source)
    assert imported is not None and len(imported.document.cards()) == len(small_map().cards())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".new"))]


def test_the_start_screen_imports_too(application, prompts, tmp_path, qtbot):
    source = tmp_path / "map.mmd"
    source.write_text("journey\n  title Onboarding\n  section Sign up\n    Fill the form: 2: Ana\n", encoding="utf-8")
    screen = application.show_start()
    qtbot.addWidget(screen)
    prompts.script("open_file", source).script("save_file", tmp_path / "Onboarding.journey")
    screen.import_button.click()
    window = application.windows[-1]
    assert window.document.info.title == "Onboarding" and _texts(window.document.content()) == ["Fill the form"]


# -- drag and drop -------------------------------------------------------------------


def _drag(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop_on_the_canvas(window, mime: QMimeData) -> tuple[bool, bool]:
    """Drag `mime` over the map view and drop it there, as a file manager does; (enter accepted, drop accepted)."""
    target = window.view.viewport()
    centre = target.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_file_dropped_on_the_window_is_offered_for_import(application, window, prompts, tmp_path, qtbot):
    source = tmp_path / "research.xlsx"
    write_data(window.document.content(), source)
    prompts.script("choose", "Import…").script("save_file", tmp_path / "Dropped.journey")
    before = list(application.windows)
    assert _drop_on_the_canvas(window, _drag([source])) == (True, True)
    qtbot.waitUntil(lambda: len(application.windows) == 2)
    assert _new_window(application, before).map_file.path.name == "Dropped.journey"


def test_a_dropped_map_opens_and_other_files_are_left_alone(application, window, prompts, tmp_path, qtbot):
    other = tmp_path / "Other.journey"
    MapFile.create(other, small_map().content()).close()
    assert _drop_on_the_canvas(window, _drag([other])) == (True, True)
    qtbot.waitUntil(lambda: len(application.windows) == 2)
    assert application.windows[-1].map_file.path == other.absolute()
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    _drop_on_the_canvas(window, _drag([notes]))
    QApplication.processEvents()
    assert len(application.windows) == 2 and prompts.asked == []


# -- export --------------------------------------------------------------------------


@pytest.mark.parametrize("export_id", list(EXPORTS))
def test_every_data_format_exports_from_the_app_named_after_the_title(window, prompts, tmp_path, export_id):
    export = EXPORTS[export_id]
    window.session.edit(ops.UpdateMap({"title": "Q3: Onboarding / B2B"}))
    chosen = tmp_path / "chosen"  # no suffix typed: the format's is added
    prompts.script("save_file", chosen)
    window.actions[f"file.export_{export_id}"].trigger()
    assert prompts.suggested == [tmp_path / f"Q3 Onboarding B2B{export.suffix}"]
    written = chosen.with_name("chosen" + export.suffix)
    assert written.stat().st_size > 0 and prompts.messages("warn") == []
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Exported {written}.")
    if export_id in ("xlsx", "csv"):
        assert "not carried: 2 connections" in message  # what the format leaves out is said
    if export_id == "json":
        from model.interchange.json_format import read_json

        assert read_json(written) == window.document.content()


def test_pictures_and_posters_are_named_after_the_title_too(window, prompts, tmp_path):
    from editor.poster_dialog import PosterDialog

    window.session.edit(ops.UpdateMap({"title": "Kick-off: <Team> \"A\""}))
    prompts.script("save_file", None)
    window.actions["file.export_image"].trigger()
    dialog = PosterDialog(window.document, window.map_file, window)
    assert prompts.suggested == [tmp_path / "Kick-off Team A.png"]
    assert dialog.default_path() == tmp_path / "Kick-off Team A.pdf"  # it used to be the file's name
    dialog.close()
