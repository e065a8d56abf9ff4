"""Compare mode driven like a user (issue 13): File > Compare With…, the marks, ghosts and traces on the
canvas, F8 / Shift+F8 through the changes with before and after in the inspector, read-only (undo too)
while comparing, one click back to editing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.decorations import COMPARISON
from canvas.items.base import qrect
from canvas.items.comparison import DashedCurveItem, GhostCardItem, TraceItem
from editor.compare_mode import ANOTHER_MAP
from model import ops
from model.compare_view import ADDED, CHANGED, MOVED
from model.domain import Card
from model.persistence import MapFile
from tests.editor.conftest import map_file_at
from tests.editor.test_end_to_end import at, centre, drag, w  # noqa: F401 - the fixture

K = Qt.Key
LEFT, NO_MOD = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def edited(w):  # noqa: F811 - the fixture imported above
    """The small map with a snapshot "Before", then five edits through the undo stack."""
    doc = w.document
    w.map_file.create_snapshot("Before")
    cards = doc.cards()  # Awareness: action 0, action 1, hurts; Decision: …; Retention: …
    ana = doc.personas[0]
    names = {
        "changed": cards[0].id, "removed": cards[1].id, "moved": cards[3].id, "emotion": cards[6].id,
    }
    w.session.edit(ops.UpdateCard(cards[0].id, {"text": "Awareness action zero", "colour": "orange"}))
    w.session.edit(ops.RemoveCard(cards[1].id))
    w.session.edit(ops.MoveCard(cards[3].id, cards[6].stage_id, cards[6].lane_id, 0))
    added = Card(cards[4].stage_id, cards[4].lane_id, "A new idea")
    w.session.edit(ops.AddCard(added))
    w.session.edit(ops.SetEmotion(cards[6].id, ana.id, -2.0))
    names["added"] = added.id
    names["ana"] = ana.id
    names["removed_text"] = cards[1].text
    return w, names


def start_from_menu(w, prompts, choice: str) -> None:
    prompts.script("item", choice)
    w.actions["file.compare"].trigger()


def bar_button(w, action_id: str):
    return w.compare_mode.bar.widgetForAction(w.actions[action_id])


def test_compare_with_a_snapshot_marks_what_changed(edited, prompts, qtbot):
    w, names = edited
    start_from_menu(w, prompts, _snapshot_choice(w))
    mode = w.compare_mode
    assert mode.active and w.compare_mode.bar.isVisible()
    assert "[comparing]" in w.windowTitle()
    assert mode.summary.text().startswith("Comparing with snapshot 'Before' (")
    # The removed card took its emotion and a connection with it; the emotion changed is the second change.
    assert mode.summary.text().endswith(": 1 added · 3 removed · 2 changed · 1 moved")
    marks = dict(w.scene.decoration(COMPARISON).marks)
    assert marks == {names["changed"]: CHANGED, names["moved"]: MOVED, names["added"]: ADDED}
    # The removed card is a ghost in its old cell, with room of its own: it covers no card.
    (ghost,) = mode.overlay.ghost_items()
    assert isinstance(ghost, GhostCardItem) and ghost.card_id == names["removed"]
    assert ghost.text() == names["removed_text"]
    layout = w.scene.layout()
    ghost_rect = ghost.sceneBoundingRect().adjusted(3, 3, -3, -3)
    cell = layout.cells[(w.document.stages[0].id, w.document.lanes[0].id)].rect
    assert cell.contains(ghost_rect.center().x(), ghost_rect.center().y())
    for box in layout.cards.values():
        assert not ghost_rect.intersects(qrect(box.rect))
    assert names["removed"] not in layout.cards  # the views see only the map's own cards
    # The moved card has a trace from its old cell; Ana's earlier curve is a dashed ghost.
    (trace,) = mode.overlay.trace_items()
    assert isinstance(trace, TraceItem) and trace.card_id == names["moved"]
    old_cell = layout.cells[(w.document.stages[1].id, w.document.lanes[0].id)].rect
    assert old_cell.contains(trace.line().p1().x(), trace.line().p1().y())
    # Both personas' curves changed (Ben's point went with the removed card): their earlier curves are ghosts.
    assert [c.curve.persona_id for c in mode.overlay.curve_items()] == [p.id for p in w.document.personas]
    assert all(isinstance(c, DashedCurveItem) for c in mode.overlay.curve_items())


def _snapshot_choice(w) -> str:
    info = w.map_file.snapshots()[-1]
    from editor.snapshots_dialog import when

    return f"Snapshot “{info.name}” ({when(info.created)})"


def test_undo_and_every_edit_are_unavailable_while_comparing(edited, prompts, qtbot):
    w, names = edited
    doc = w.document
    assert w.actions["edit.undo"].isEnabled()
    start_from_menu(w, prompts, _snapshot_choice(w))
    before = doc.content()
    assert not w.actions["edit.undo"].isEnabled() and not w.actions["edit.redo"].isEnabled()
    assert not w.actions["insert.card"].isEnabled() and not w.history_view.isEnabled()
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo's shortcut does nothing
    assert doc.content() == before and w.stack.index() == w.stack.count()
    card = names["changed"]
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, centre(w, w.scene.layout().cards[card].rect))
    assert w.scene.selected_ids().cards == (card,)  # looking around still works
    qtbot.keyClick(w.view, K.Key_Delete)
    assert doc.has_card(card) and doc.content() == before
    target = w.scene.layout().cells[(doc.stages[2].id, doc.lanes[2].id)].rect
    drag(qtbot, w, centre(w, w.scene.layout().cards[card].rect), at(w, target.center[0], target.bottom - 4))
    assert doc.content() == before
    assert "comparing versions: click Back to Editing" in w.statusBar().currentMessage()
    # One click back to editing: the marks go, the layout is the map's own again, undo works.
    qtbot.mouseClick(bar_button(w, "compare.stop"), LEFT)
    assert not w.compare_mode.active and not w.compare_mode.bar.isVisible()
    assert w.scene.decoration(COMPARISON) is None and not w.compare_mode.overlay.items()
    assert "[comparing]" not in w.windowTitle() and w.history_view.isEnabled()
    assert w.scene.layout() == w.scene.layout_engine().layout(doc)
    assert w.actions["edit.undo"].isEnabled()
    w.actions["edit.undo"].trigger()
    assert doc.emotion(names["emotion"], names["ana"]) != -2.0


def test_f8_walks_the_changes_with_before_and_after_in_the_inspector(edited, prompts, qtbot):
    w, names = edited
    start_from_menu(w, prompts, _snapshot_choice(w))
    note = w.compare_mode.note
    assert note.isVisible() and "Press F8 for the next change" in note.text()
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_F8)
    # Reading order: the first stage's changed card comes first.
    assert w.scene.selected_ids().cards == (names["changed"],)
    assert note.text().startswith("Change 1 of ")
    assert "Card changed: 'Awareness action zero'" in note.text()
    assert "text: 'Awareness action 0' → 'Awareness action zero'" in note.text()
    assert "colour: 'yellow' → 'orange'" in note.text()
    qtbot.keyClick(w.view, K.Key_F8)
    assert w.scene.selected_ids().cards == ()  # a ghost is not a card of the map
    assert "Card removed: 'Awareness action 1'" in note.text() and "was in 'Awareness' / 'Actions' #2" in note.text()
    qtbot.keyClick(w.view, K.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert w.scene.selected_ids().cards == (names["changed"],)
    # Clicking a marked card shows its change; an unchanged one says so.
    moved = w.scene.layout().cards[names["moved"]].rect
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, centre(w, moved))
    assert "Card moved: 'Decision action 0'" in note.text() and "moved from 'Decision' / 'Actions' #1" in note.text()
    unchanged = next(c.id for c in w.document.cards() if c.id not in names.values())
    w.scene.select("cards", [unchanged])
    assert note.text() == "No change here since the version compared."


def test_compare_with_another_map_file(edited, prompts, qtbot, tmp_path):
    w, _ = edited
    from tests.model.factories import small_map

    # The same map made apart: no id in common.
    other = map_file_at(tmp_path / "Elsewhere.journey", small_map().content())
    prompts.script("open_file", other)
    start_from_menu(w, prompts, ANOTHER_MAP)
    summary = w.compare_mode.summary.text()
    assert summary.startswith("Comparing with 'Elsewhere.journey' (no ids in common: matched by text and place): ")
    w.compare_mode.stop()
    prompts.script("open_file", w.map_file.path)
    start_from_menu(w, prompts, ANOTHER_MAP)
    assert not w.compare_mode.active
    assert prompts.messages("warn")[-1][1].startswith("That is this map")


def test_the_snapshots_dialog_compares_a_snapshot_with_now(edited, application, prompts, qtbot):
    w, _ = edited
    from editor.snapshots_dialog import SnapshotsDialog

    dialog = SnapshotsDialog(w.map_file, w.session, application.context, prompts, w,
                             compare=w.compare_mode.compare_with_snapshot)
    qtbot.addWidget(dialog)
    assert dialog.compare_button.isEnabled()
    qtbot.mouseClick(dialog.compare_button, LEFT)
    assert w.compare_mode.active and "3 removed" in w.compare_mode.summary.text()


def test_a_map_open_read_only_stays_read_only_after_comparing(application, map_path, prompts, qtbot):
    with MapFile.open(map_path) as mapfile:
        mapfile.create_snapshot("Before")
    win = application.open_path(map_path, read_only=True)
    qtbot.waitExposed(win)
    start_from_menu(win, prompts, _snapshot_choice(win))
    assert win.compare_mode.active and "no differences" in win.compare_mode.summary.text()
    win.compare_mode.stop()
    assert win.session.read_only and "[read-only]" in win.windowTitle()


def test_the_comparison_bar_exports_the_comparison_poster(edited, prompts, qtbot, tmp_path):
    from pypdf import PdfReader

    from tests.export.pdfcheck import flat

    w, names = edited
    start_from_menu(w, prompts, _snapshot_choice(w))
    out = tmp_path / "changes"
    prompts.script("save_file", out)
    qtbot.mouseClick(bar_button(w, "compare.poster"), LEFT)
    assert prompts.suggested[-1].name == "Untitled journey (changes).pdf"
    page = flat(PdfReader(str(tmp_path / "changes.pdf")).pages[0].extract_text())
    assert "Removed, shown where it was (1)" in page and f"Removed {names['removed_text']}" in page
    assert "Compared with snapshot 'Before' (" in page
    assert w.compare_mode.active  # still comparing


def test_a_renamed_stage_picked_on_the_map_shows_its_change(w, prompts, qtbot):  # noqa: F811
    doc = w.document
    w.map_file.create_snapshot("Before")
    stage = doc.stages[1]
    w.session.edit(ops.UpdateStage(stage.id, {"name": "Choice"}))
    start_from_menu(w, prompts, _snapshot_choice(w))
    w.scene.select("stages", [stage.id])
    assert "Stage changed: 'Choice'" in w.compare_mode.note.text()
    assert "name: 'Decision' → 'Choice'" in w.compare_mode.note.text()
    w.scene.select("lanes", [doc.lanes[0].id])
    assert w.compare_mode.note.text() == "No change here since the version compared."


def test_two_snapshots_show_the_later_one_read_only_with_the_changes_marked(edited, prompts, qtbot, tmp_path):
    from pypdf import PdfReader

    from editor.compare_mode import TWO_SNAPSHOTS
    from editor.snapshots_dialog import when
    from tests.export.pdfcheck import flat

    w, names = edited
    mode = w.compare_mode
    w.map_file.create_snapshot("After edits")
    doc = w.document
    w.session.edit(ops.AddCard(Card(doc.stages[2].id, doc.lanes[0].id, "Only now")))
    before, after = w.map_file.snapshots()
    prompts.script("item", TWO_SNAPSHOTS)  # then "before", then "after" (among the later snapshots)
    prompts.script("item", f"Snapshot “{before.name}” ({when(before.created)})")
    prompts.script("item", f"Snapshot “{after.name}” ({when(after.created)})")
    w.actions["file.compare"].trigger()
    assert mode.active and "[comparing]" in w.windowTitle()
    summary = mode.summary.text()
    assert summary.startswith("Showing snapshot 'After edits' (") and "compared with snapshot 'Before' (" in summary
    assert summary.endswith(": 1 added · 3 removed · 2 changed · 1 moved")
    # The view shows the later snapshot's map, marked; the map now is left as it is, unmarked.
    shown = w.view.scene()
    assert shown is not w.scene and shown is mode.scene
    assert names["added"] in shown.layout().cards and not any(c.text == "Only now" for c in shown.document.cards())
    assert dict(shown.decoration(COMPARISON).marks) == {
        names["changed"]: CHANGED, names["moved"]: MOVED, names["added"]: ADDED}
    assert w.scene.decoration(COMPARISON) is None
    (ghost,) = mode.overlay.ghost_items()
    assert ghost.scene() is shown and ghost.card_id == names["removed"]
    # F8 and clicks select on the snapshot's map; the window's selection (the map now) is left alone.
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_F8)
    assert shown.selected_ids().cards == (names["changed"],) and w.scene.selected_ids().cards == ()
    assert mode.note.text().startswith("Change 1 of ") and "Card changed: 'Awareness action zero'" in mode.note.text()
    qtbot.mouseClick(w.view.viewport(), LEFT, NO_MOD, centre(w, shown.layout().cards[names["moved"]].rect))
    assert "Card moved: 'Decision action 0'" in mode.note.text()
    now, snapshot = doc.content(), shown.document.content()
    qtbot.keyClick(w.view, K.Key_Delete)  # nothing edits the snapshot, nor the map behind it
    assert shown.document.content() == snapshot and doc.content() == now
    # The poster is of the two snapshots.
    prompts.script("save_file", tmp_path / "changes.pdf")
    qtbot.mouseClick(bar_button(w, "compare.poster"), LEFT)
    pages = [flat(p.extract_text()) for p in PdfReader(str(tmp_path / "changes.pdf")).pages]
    assert "A new idea" in pages[0] and "Only now" not in pages[0]
    # Back to editing: the map now in the view again, editable.
    qtbot.mouseClick(bar_button(w, "compare.stop"), LEFT)
    assert not mode.active and w.view.scene() is w.scene and not w.session.read_only
    assert any(c.text == "Only now" for c in doc.cards())
    assert w.scene.layout() == w.scene.layout_engine().layout(doc)
    w.actions["edit.undo"].trigger()
    assert not any(c.text == "Only now" for c in doc.cards())



def test_a_window_closed_while_showing_a_snapshot_puts_its_own_scene_back_first(edited, qtbot):
    w, _ = edited
    w.map_file.create_snapshot("After edits")
    before, after = w.map_file.snapshots()
    w.compare_mode.compare_snapshots(before, after)
    shown = w.view.scene()
    assert shown is not w.scene
    w.close()
    assert w.view.scene() is w.scene and not w.compare_mode.active
