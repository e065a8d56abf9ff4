"""In-place editing and quick capture, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from model import edits
from model import ops
from model.domain import Card

from .helpers import centre, vp

K = Qt.Key


def _double_click(qtbot, view, at):
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_double_click_edit_emits_card_text_edited_once(qtbot, view, scene, doc):
    card = doc.cards()[0]
    _double_click(qtbot, view, centre(view, scene.layout().cards[card.id].rect))
    assert scene.is_editing()
    with qtbot.waitSignal(scene.card_text_edited) as blocker:
        qtbot.keyClicks(view, "Sees a bus-stop ad")  # replaces the selected text
        qtbot.keyClick(view, K.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(view, "twice")
        qtbot.keyClick(view, K.Key_Return)
    assert blocker.args == [card.id, "Sees a bus-stop ad\ntwice"]
    assert not scene.is_editing()


def test_f2_edit_and_escape_cancels(qtbot, view, scene, doc):
    card = doc.cards()[1]
    scene.select("cards", [card.id])
    view.setFocus()
    with qtbot.assertNotEmitted(scene.card_text_edited):
        qtbot.keyClick(view, K.Key_F2)
        assert scene.is_editing()
        qtbot.keyClicks(view, "something else")
        qtbot.keyClick(view, K.Key_Escape)
    assert not scene.is_editing()


def test_unchanged_text_plans_no_edit(qtbot, view, scene, doc):
    card = doc.cards()[0]
    scene.begin_edit_card(card.id)
    with qtbot.waitSignal(scene.card_text_edited) as blocker:
        qtbot.keyClick(view, K.Key_Return)
    assert edits.update(doc, ops.UpdateCard, blocker.args[0], {"text": blocker.args[1]}) is None


def test_editor_survives_a_relayout(qtbot, view, scene, doc):
    card = doc.cards()[0]
    scene.begin_edit_card(card.id)
    qtbot.keyClicks(view, "Half typed")
    # Someone else's edit moves every card down: the editor follows its card.
    doc.apply(ops.UpdateStage(doc.stages[0].id, {"goal": "A much longer goal that takes more lines " * 3}))
    assert scene.is_editing()
    assert abs(scene.editor().pos().y() - scene.layout().cards[card.id].rect.y) < 30
    with qtbot.waitSignal(scene.card_text_edited) as blocker:
        qtbot.keyClick(view, K.Key_Return)
    assert blocker.args == [card.id, "Half typed"]


def test_rename_stage_in_place(qtbot, view, scene, doc):
    stage = scene.layout().stages[0]
    _double_click(qtbot, view, vp(view, *stage.header.center))
    with qtbot.waitSignal(scene.stage_renamed) as blocker:
        qtbot.keyClicks(view, "Noticing")
        qtbot.keyClick(view, K.Key_Return)
    assert blocker.args == [stage.stage_id, "Noticing"]


def test_rename_lane_in_place(qtbot, view, scene, doc):
    lane = scene.layout().lanes[0]
    _double_click(qtbot, view, vp(view, lane.header.center[0] - 30, lane.header.center[1] + 10))
    with qtbot.waitSignal(scene.lane_renamed) as blocker:
        qtbot.keyClicks(view, "Doing")
        qtbot.keyClick(view, K.Key_Enter)
    assert blocker.args == [lane.lane_id, "Doing"]


def _apply_quick_adds(scene, doc):
    def on_captured(stage_id, lane_id, lines):
        doc.apply(edits.capture_lines(doc, stage_id, lane_id, lines))

    scene.cards_captured.connect(on_captured)


def test_quick_capture_several_cards_with_enter_and_tab(qtbot, view, scene, doc):
    _apply_quick_adds(scene, doc)
    awareness, consideration, pains = doc.stages[0].id, doc.stages[1].id, doc.lanes[3].id
    scene.select_cell(awareness, pains)
    view.setFocus()
    seen = []
    scene.cards_captured.connect(lambda *args: seen.append(args))
    qtbot.keyClicks(view, "Too many ads")
    assert scene.is_editing()
    qtbot.keyClick(view, K.Key_Return)
    qtbot.keyClicks(view, "Ads not relevant")
    qtbot.keyClick(view, K.Key_Return)
    assert scene.is_editing()  # open for the next card
    qtbot.keyClick(view, K.Key_Tab)
    assert scene.selected_ids().cell == (consideration, pains)
    qtbot.keyClicks(view, "Hidden fees")
    qtbot.keyClick(view, K.Key_Backtab)
    assert scene.selected_ids().cell == (awareness, pains)
    qtbot.keyClick(view, K.Key_Escape)
    assert not scene.is_editing()
    assert [c.text for c in doc.cell_cards(awareness, pains)] == ["Too many ads", "Ads not relevant"]
    assert [c.text for c in doc.cell_cards(consideration, pains)][-1] == "Hidden fees"
    assert [a[2] for a in seen] == [["Too many ads"], ["Ads not relevant"], ["Hidden fees"]]


def test_quick_capture_asks_for_each_card_at_the_cell_end_in_typed_order(qtbot, view, scene, doc):
    stage, lane = doc.stages[4].id, doc.lanes[3].id
    scene.begin_quick_capture(stage, lane)
    seen = []
    scene.cards_captured.connect(lambda *args: seen.append(args))
    for text in ("one", "two"):
        qtbot.keyClicks(view, text)
        qtbot.keyClick(view, K.Key_Return)
    assert seen == [(stage, lane, ["one"]), (stage, lane, ["two"])]


def test_paste_of_several_lines_in_quick_capture_is_asked_for_at_once(qtbot, view, scene, doc):
    _apply_quick_adds(scene, doc)
    stage, lane = doc.stages[3].id, doc.lanes[4].id
    scene.begin_quick_capture(stage, lane)
    QGuiApplication.clipboard().setText("Track the driver\n\nRate the delivery\nTip the driver\n")
    with qtbot.waitSignal(scene.cards_captured) as blocker:
        qtbot.keyClick(view, K.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [stage, lane, ["Track the driver", "Rate the delivery", "Tip the driver"]]
    assert [c.text for c in doc.cell_cards(stage, lane)] == ["Track the driver", "Rate the delivery", "Tip the driver"]


def test_with_a_cell_selected_ctrl_v_of_several_lines_is_left_to_the_editors_paste(qtbot, view, scene, doc):
    # The editor's Edit > Paste pastes them in one step (tests/editor); the canvas must not split them.
    stage, lane = doc.stages[3].id, doc.lanes[4].id
    scene.select_cell(stage, lane)
    view.setFocus()
    QGuiApplication.clipboard().setText("Track the driver\nRate the delivery")
    with qtbot.assertNotEmitted(scene.cards_captured):
        qtbot.keyClick(view, K.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not scene.is_editing()


def test_quick_capture_refused_in_emotions_lane(scene, doc):
    scene.begin_quick_capture(doc.stages[0].id, doc.lanes[2].id)
    assert not scene.is_editing()


def test_quick_capture_after_its_card_was_undone_adds_at_the_cell_end(qtbot, view, scene, doc):
    # Quick capture, undo that card (the editor stays open), type the next one: it used to get
    # the index after the undone card, outside the cell, and the model refused it (card lost).
    _apply_quick_adds(scene, doc)
    stage, lane = doc.stages[4].id, doc.lanes[3].id
    before = [c.text for c in doc.cell_cards(stage, lane)]
    scene.begin_quick_capture(stage, lane)
    seen = []
    scene.cards_captured.connect(lambda *args: seen.append(args))
    qtbot.keyClicks(view, "one")
    qtbot.keyClick(view, K.Key_Return)
    added = doc.cell_cards(stage, lane)[-1]
    assert added.text == "one"
    doc.apply(ops.RemoveCard(added.id))  # what Undo does to it
    assert scene.is_editing()
    qtbot.keyClicks(view, "two")
    qtbot.keyClick(view, K.Key_Return)
    assert seen[-1] == (stage, lane, ["two"])
    assert [c.text for c in doc.cell_cards(stage, lane)] == before + ["two"]


def test_escape_in_quick_capture_keeps_the_card_being_typed(qtbot, view, scene, doc):
    """Regression: Escape threw away the text of the card being typed."""
    _apply_quick_adds(scene, doc)
    awareness, pains = doc.stages[0].id, doc.lanes[3].id
    before = [c.text for c in doc.cell_cards(awareness, pains)]
    scene.select_cell(awareness, pains)
    view.setFocus()
    qtbot.keyClicks(view, "Checkout asks for a fax number")
    qtbot.keyClick(view, K.Key_Escape)
    assert not scene.is_editing()  # capturing stopped
    assert [c.text for c in doc.cell_cards(awareness, pains)] == [*before, "Checkout asks for a fax number"]
    qtbot.keyClick(view, K.Key_Escape)  # nothing open: nothing more happens
    assert len(doc.cell_cards(awareness, pains)) == len(before) + 1


def test_escape_in_a_card_editor_still_drops_the_edit(qtbot, view, scene, doc):
    card = doc.cards()[0]
    _double_click(qtbot, view, centre(view, scene.layout().cards[card.id].rect))
    seen = []
    scene.card_text_edited.connect(lambda *args: seen.append(args))
    qtbot.keyClicks(view, "never mind")
    qtbot.keyClick(view, K.Key_Escape)
    assert not scene.is_editing() and seen == [] and doc.card(card.id).text == card.text
