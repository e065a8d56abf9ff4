"""Files that cannot be lost, as the user meets them: locks, recovery, damage, new maps, snapshots, Save As."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from model import edits
from model import ops
from editor.files import maps_dir
from model.paths import user_data_dir
from model.persistence import MapFile


ROOT = str(Path(__file__).resolve().parents[2])


@pytest.fixture
def held_by_another_process(map_path):
    """Another Journeymap process holding the map open for editing until the test ends."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {ROOT!r})
        from model.persistence import MapFile
        mf = MapFile.open({str(map_path)!r})
        print("ready", flush=True)
        sys.stdin.read()
        mf.close()
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=dict(os.environ))
    assert child.stdout.readline().strip() == b"ready"
    yield child
    child.stdin.close()
    child.wait(timeout=30)


def test_second_instance_is_told_who_holds_the_map_and_can_open_read_only(application, map_path, prompts,
                                                                          held_by_another_process):
    prompts.script("choose", "Open read-only")
    window = application.open_path(map_path)
    assert window is not None
    question = prompts.messages("choose")[-1]
    assert question[0] == "Map in use" and "Small map.journey" in question[1]
    # The app's name stays last: Qt appends the display name to any title not ending with it,
    # so "… [read-only]" showed "Journeymap" twice in the title bar.
    assert window.windowTitle().endswith(" [read-only] — Journeymap")
    assert window.session.read_only
    # Every editing action is disabled; looking and exporting are not.
    window.scene.select("card", [window.document.cards()[0].id])
    for action_id in ("edit.delete", "edit.paste", "edit.duplicate", "insert.stage", "card.colour.red"):
        assert not window.actions[action_id].isEnabled(), action_id
    assert window.actions["edit.copy"].isEnabled()
    assert window.actions["file.export_image"].isEnabled()
    # A gesture on the canvas changes nothing either.
    first = window.document.cards()[0]
    window.scene.card_text_edited.emit(first.id, "changed")
    assert window.document.card(first.id).text == first.text
    assert f"pid {held_by_another_process.pid}" in question[1]


def test_second_instance_can_cancel_or_take_over(application, map_path, prompts, held_by_another_process):
    prompts.script("choose", "Cancel")
    assert application.open_path(map_path) is None
    prompts.script("choose", "Take over")
    window = application.open_path(map_path)
    assert window is not None and not window.session.read_only


def test_map_open_in_this_process_is_raised_not_opened_twice(application, window, map_path):
    assert application.open_path(map_path) is window


def _kill_child_holding(path: Path) -> None:
    """A child process opens the map for editing, makes a change, and is killed without closing it."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {ROOT!r})
        from model.persistence import MapFile
        from model import ops
        mf = MapFile.open({str(path)!r})
        mf.document.apply(ops.UpdateMap({{"title": "Edited before the crash"}}))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, timeout=60)
    assert result.returncode != 0  # killed


def test_recovery_after_a_kill_says_so_and_keeps_the_last_change(application, map_path, prompts):
    _kill_child_holding(map_path)
    window = application.open_path(map_path)
    assert window is not None and not window.session.read_only
    assert prompts.messages("info")[-1][0] == "Map recovered"
    assert window.document.info.title == "Edited before the crash"


def test_damaged_file_offers_a_copy_of_the_newest_good_backup(application, map_path, prompts):
    MapFile.open(map_path).close()  # opening makes a backup
    size = map_path.stat().st_size
    with map_path.open("r+b") as stream:  # wreck the pages after the header
        stream.seek(100)
        stream.write(b"\xff" * (size - 100))
    damaged = map_path.read_bytes()
    prompts.script("choose", "Open a copy of the backup")
    window = application.open_path(map_path)
    assert window is not None
    title, text = prompts.messages("choose")[-1]
    assert title == "Cannot open the map" and "Small map.journey" in text
    assert window.map_file.path.parent == maps_dir()
    assert window.document.card_count == 9
    assert map_path.read_bytes() == damaged  # the damaged file is left as it was


def test_damaged_file_without_backup_is_explained(application, tmp_path, prompts):
    path = tmp_path / "junk.journey"
    path.write_bytes(b"this is not a map at all" * 10)
    assert application.open_path(path) is None
    title, text = prompts.messages("warn")[-1]
    assert title == "Cannot open the map" and "junk.journey" in text


def test_new_map_from_a_template_lives_in_the_data_folder(application, qtbot):
    screen = application.show_start()
    qtbot.addWidget(screen)
    assert set(screen.tiles) >= {"five-phase", "blank"}
    assert not screen.tiles["b2b"].preview.pixmap().isNull()  # a preview of the template
    qtbot.mouseClick(screen.tiles["b2b"], Qt.MouseButton.LeftButton)
    assert len(application.windows) == 1
    window = application.windows[0]
    assert window.map_file.path == maps_dir() / "Untitled 1.journey"
    assert window.document.info.title == "B2B customer journey"
    assert application.start_screen is None
    second = application.new_from_template("blank")
    assert second.map_file.path.name == "Untitled 2.journey"


def test_example_is_a_fresh_copy_each_time(application):
    first = application.open_example()
    second = application.open_example()
    assert first.map_file.path != second.map_file.path
    assert first.map_file.path.parent == maps_dir()
    assert first.document.card_count > 10


def test_recent_maps_are_remembered_and_offered(application, map_path, qtbot):
    window = application.open_path(map_path)
    window.close()
    assert application.settings.recent_files() == [map_path.resolve()]
    screen = application.show_start()
    qtbot.addWidget(screen)
    item = screen.recent.item(0)
    assert item.text() == "Untitled journey\nSmall map.journey"  # the map's title, then its file
    screen.recent.itemActivated.emit(item)
    assert application.windows and application.windows[0].map_file.path == map_path.absolute()


def test_save_as_names_the_map_and_keeps_editing_there(application, prompts, tmp_path):
    window = application.new_from_template("blank")
    scratch = window.map_file.path
    dest = tmp_path / "Workshop"
    prompts.script("save_file", dest)
    window.actions["file.save_as"].trigger()
    new_window = application.windows[-1]
    assert new_window is not window
    assert new_window.map_file.path == tmp_path / "Workshop.journey"
    assert new_window.windowTitle().startswith("Untitled journey — Workshop.journey")
    new_window.session.edit(edits.update(new_window.document, ops.UpdateMap, None, {"title": "Named"}))
    new_window.close()
    with MapFile.open(tmp_path / "Workshop.journey", read_only=True) as reopened:
        assert reopened.document.info.title == "Named"
    assert not scratch.exists()  # the unnamed copy in the data folder is gone once the map has a name


def test_save_a_copy_leaves_the_window_on_its_map(window, prompts, tmp_path):
    prompts.script("save_file", tmp_path / "copy.journey")
    window.actions["file.save_copy"].trigger()
    with MapFile.open(tmp_path / "copy.journey", read_only=True) as copy:
        assert copy.document == window.document
    assert window.map_file.path.name == "Small map.journey"


def test_snapshots_create_revert_undo_and_open_as_new_map(application, window, prompts, qtbot):
    from editor.snapshots_dialog import SnapshotsDialog

    doc = window.document
    original = doc.content()
    dialog = SnapshotsDialog(window.map_file, window.session, application.context, prompts, window)
    qtbot.addWidget(dialog)
    prompts.script("text", "Before workshop")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1 and dialog.list.item(0).text().startswith("Before workshop")
    window.session.edit(edits.delete_cards(doc, [card.id for card in doc.cards()[:4]]))
    edited = doc.content()
    prompts.script("confirm", False)
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert doc.content() == edited
    prompts.script("confirm", True)
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert doc.content() == original
    assert window.stack.count() == 2 and window.stack.undoText() == "Revert to “Before workshop”"
    window.actions["edit.undo"].trigger()
    assert doc.content() == edited
    dialog2 = SnapshotsDialog(window.map_file, window.session, application.context, prompts, window)
    qtbot.addWidget(dialog2)
    qtbot.mouseClick(dialog2.open_button, Qt.MouseButton.LeftButton)
    opened = application.windows[-1]
    assert opened is not window and opened.document.card_count == len(original.cards)
    assert opened.document.info.title.endswith("(Before workshop)")


def test_a_change_that_cannot_be_saved_is_undone_and_reported(window, prompts):
    doc = window.document
    before = doc.content()
    os.chmod(window.map_file.path, 0o444)
    try:
        window.map_file._conn.close()  # the disk goes away under the map
        window.session.edit(edits.update(doc, ops.UpdateMap, None, {"title": "Lost"}))
    finally:
        os.chmod(window.map_file.path, 0o644)
    assert doc.content() == before
    assert prompts.messages("warn")[-1][0] == "The change was not saved"
    assert window.stack.count() == 0


def test_unexpected_error_is_logged_and_reported_once(qapp, prompts):
    from editor.errors import ErrorReporter

    reporter = ErrorReporter(prompts.warn)
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        reporter(type(error), error, error.__traceback__)
    log = (user_data_dir() / "journeymap.log").read_text()
    assert "RuntimeError: boom" in log
    title, text = prompts.messages("warn")[-1]
    assert title == "Something went wrong" and "Traceback" not in text and "safe" in text


def test_a_new_map_closed_untouched_leaves_nothing_behind(application):
    untouched = application.new_from_template("blank")
    path = untouched.map_file.path
    untouched.close()
    assert not path.exists()
    edited = application.new_from_template("blank")
    edited.session.edit(edits.update(edited.document, ops.UpdateMap, None, {"title": "Kept"}))
    edited.close()
    assert edited.map_file.path.exists()


def test_an_unnamed_map_is_found_again_in_recent_maps(application):
    window = application.new_from_template("five-phase")
    window.session.edit(edits.update(window.document, ops.UpdateMap, None, {"title": "Workshop draft"}))
    path = window.map_file.path
    window.close()
    assert application.settings.recent_files()[0] == path.resolve()


def test_unwritable_data_folder_is_explained_not_a_crash(application, prompts):
    maps = maps_dir()
    maps.parent.mkdir(parents=True, exist_ok=True)
    maps.write_text("a file where the maps folder should be")
    assert application.new_from_template("blank") is None
    assert prompts.messages("warn")[-1][0] == "Cannot create the map"


def test_read_only_on_request_changes_nothing_on_disk(application, map_path, qtbot):
    before = map_path.read_bytes()
    window = application.open_path(map_path, read_only=True)
    assert window.session.read_only and window.windowTitle().endswith(" [read-only] — Journeymap")
    assert not window.actions["edit.undo"].isEnabled() and not window.actions["insert.card"].isEnabled()
    window.scene.cards_captured.emit(window.document.stages[0].id, window.document.lanes[0].id, ["nope"])
    assert "read-only" in window.statusBar().currentMessage()
    # Typing in a selected cell or F2 on a card opens no editor: what was typed would be refused and lost.
    window.scene.select_cell(window.document.stages[0].id, window.document.lanes[0].id)
    window.view.setFocus()
    qtbot.keyClicks(window.view, "Typed for nothing")
    assert not window.scene.is_editing()
    window.scene.select("card", [window.document.cards()[0].id])
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert not window.scene.is_editing()
    window.close()
    assert map_path.read_bytes() == before


def _recent_menu_texts(window) -> list[str]:
    window.recent_menu.aboutToShow.emit()
    return [action.text() for action in window.recent_menu.actions()]


def test_recent_maps_show_each_maps_title_and_file(application, window, map_path, tmp_path, qtbot):
    """They showed file names only: three maps called "Untitled 1", "Untitled 2" and "Untitled 3"."""
    window.session.edit(ops.UpdateMap({"title": "R&D kick-off\nday 2"}))
    damaged = tmp_path / "Damaged.journey"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(200))
    application.settings.add_recent_file(damaged)
    application.settings.add_recent_file(map_path)
    screen = application.show_start()
    qtbot.addWidget(screen)
    assert [screen.recent.item(i).text() for i in range(screen.recent.count())] == [
        "R&D kick-off day 2\nSmall map.journey",  # the title (one line), then the file
        "Damaged\nDamaged.journey",  # unreadable without opening it: the file's name stands in
    ]
    # In a menu "&" marks the shortcut letter: doubled, the title shows as typed.
    assert _recent_menu_texts(window) == ["R&&D kick-off day 2 — Small map.journey", "Damaged — Damaged.journey"]


def test_reading_recent_titles_opens_no_map_and_takes_no_lock(application, map_path, prompts, qtbot,
                                                              held_by_another_process):
    from model.persistence import map_lock_holder
    from model.persistence.backups import list_backups

    holder, backups = map_lock_holder(map_path), list_backups(map_path)
    application.settings.add_recent_file(map_path)
    screen = application.show_start()
    qtbot.addWidget(screen)
    assert screen.recent.item(0).text() == "Untitled journey\nSmall map.journey"
    assert prompts.asked == []  # no "Map in use" question: the map was never opened
    assert map_lock_holder(map_path) == holder and f"pid {held_by_another_process.pid}" in holder
    assert list_backups(map_path) == backups
