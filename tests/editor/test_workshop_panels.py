"""The Participants and Workshop Plan panels, and the workshop in the main window: real widgets, real edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from canvas.decorations import WORKSHOP
from editor.participants_panel import ParticipantsPanel
from editor.plan_panel import PlanPanel
from editor.workshop_controller import WorkshopController
from model import ops
from model.workshop import STEP, steps
from model.workshop_domain import Activity
from model.workshop_journal import journal
from tests.model.test_workshop_run import Clock


@pytest.fixture
def participants(setup, prompts, qtbot):
    _doc, session, _scene = setup
    panel = ParticipantsPanel(session, prompts)
    qtbot.addWidget(panel)
    panel.show()
    return panel


@pytest.fixture
def plan(setup, prompts, qtbot):
    _doc, session, scene = setup
    controller = WorkshopController(session, scene, clock=Clock(), beep=lambda: None)
    panel = PlanPanel(session, prompts, controller)
    qtbot.addWidget(panel)
    panel.show()
    yield panel
    controller.detach()


def _type(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


# -- participants -------------------------------------------------------------------------------


def test_participants_are_added_named_reordered_and_removed_each_as_one_undo_step(participants, setup, qtbot):
    doc, session, _ = setup
    qtbot.mouseClick(participants.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, participants.name_edit, "Dana")
    qtbot.mouseClick(participants.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, participants.name_edit, "Eli <b>")
    _type(qtbot, participants.role_edit, "Support")
    people = doc.items("participant")
    assert [(p.name, p.role) for p in people] == [("Dana", ""), ("Eli <b>", "Support")]
    assert people[0].colour != people[1].colour
    assert participants.list.item(1).text() == "Eli <b> — Support"
    assert session.stack.count() == 5  # add, name, add, name, role: a typing burst is one step
    qtbot.mouseClick(participants.up_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in doc.items("participant")] == ["Eli <b>", "Dana"]
    qtbot.mouseClick(participants.remove_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in doc.items("participant")] == ["Dana"]
    for _ in range(3):  # the removal, the move, the role
        session.stack.undo()
    assert [(p.name, p.role) for p in doc.items("participant")] == [("Dana", ""), ("Eli <b>", "")]


def test_a_blank_participant_name_is_refused_and_the_field_shows_the_name_again(participants, setup, qtbot):
    doc, session, _ = setup
    qtbot.mouseClick(participants.add_button, Qt.MouseButton.LeftButton)
    before = session.stack.count()
    _type(qtbot, participants.name_edit, "   ")
    participants.name_edit.editingFinished.emit()
    assert doc.items("participant")[0].name == "Participant 1" and session.stack.count() == before
    assert participants.name_edit.text() == "Participant 1"


def test_a_participants_colour_is_chosen_with_the_colour_dialog(participants, setup, prompts, qtbot):
    doc, _, _ = setup
    qtbot.mouseClick(participants.add_button, Qt.MouseButton.LeftButton)
    prompts.script("colour", "#112233")
    qtbot.mouseClick(participants.colour_button, Qt.MouseButton.LeftButton)
    assert doc.items("participant")[0].colour == "#112233"


# -- the plan ------------------------------------------------------------------------------------


def test_steps_are_added_and_edited_in_the_form_each_edit_undoable(plan, setup, qtbot):
    doc, session, _ = setup
    qtbot.mouseClick(plan.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, plan.title_edit, "Pain points")
    plan.minutes_spin.setFocus()
    plan.minutes_spin.selectAll()
    qtbot.keyClicks(plan.minutes_spin, "25")
    plan.activity_combo.setCurrentIndex(list(Activity).index(Activity.DISCUSS))
    plan.activity_combo.activated.emit(plan.activity_combo.currentIndex())
    _type(qtbot, plan.notes_edit, "silent writing first")
    (step,) = steps(doc)
    assert (step.title, step.minutes, step.activity, step.notes) == ("Pain points", 25, Activity.DISCUSS,
                                                                     "silent writing first")
    assert plan.list.item(0).text() == "1. Pain points — 25 min" and plan.total_label.text() == "1 step · 25 min"
    count = session.stack.count()
    session.stack.undo()
    assert steps(doc)[0].notes == "" and session.stack.count() == count


def test_the_focus_checklists_tick_stages_and_lanes_and_the_prompt_hint_follows(plan, setup, qtbot):
    doc, session, _ = setup
    pains = next(lane for lane in doc.lanes if lane.name == "Pain points")
    session.edit(ops.UpdateLane(pains.id, {"question": "What frustrates them?"}))
    qtbot.mouseClick(plan.add_button, Qt.MouseButton.LeftButton)
    row = [lane.id for lane in doc.lanes].index(pains.id)
    plan.lane_list.item(row).setCheckState(Qt.CheckState.Checked)
    plan.stage_list.item(1).setCheckState(Qt.CheckState.Checked)
    step = steps(doc)[0]
    assert step.focus_lanes == (pains.id,) and step.focus_stages == (doc.stages[1].id,)
    assert plan.focus_label.text() == f"Pain points · {doc.stages[1].name}"
    assert plan.prompt_edit.placeholderText() == "What frustrates them?"
    session.stack.undo()
    assert steps(doc)[0].focus_stages == () and plan.stage_list.item(1).checkState() == Qt.CheckState.Unchecked


def test_a_deleted_focus_stage_is_shown_as_gone_and_dropped_on_the_next_tick(plan, setup, qtbot):
    doc, session, _ = setup
    qtbot.mouseClick(plan.add_button, Qt.MouseButton.LeftButton)
    plan.stage_list.item(0).setCheckState(Qt.CheckState.Checked)
    gone = doc.stages[0].id
    session.edit(ops.RemoveStage(gone))
    assert plan.focus_label.text() == "Whole map (1 deleted since)"
    assert plan.stage_list.count() == 2
    plan.stage_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert steps(doc)[0].focus_stages == (doc.stages[0].id,)


def test_a_bundled_plan_replaces_the_steps_after_asking(plan, setup, prompts, qtbot):
    doc, session, _ = setup
    qtbot.mouseClick(plan.add_button, Qt.MouseButton.LeftButton)
    prompts.script("confirm", False)
    plan.use_plan("as-is-90")
    assert len(steps(doc)) == 1
    prompts.script("confirm", True)
    plan.use_plan("as-is-90")
    assert len(steps(doc)) == 9 and plan.total_label.text() == "9 steps · 90 min"
    session.stack.undo()
    assert len(steps(doc)) == 1


def test_run_from_here_starts_the_chosen_step(plan, setup, qtbot):
    doc, _session, scene = setup
    plan.use_plan("pains-to-opportunities")
    plan.list.setCurrentRow(1)
    plan.run_from_here()
    controller = plan.controller
    assert controller.running() and controller.current_step().title == "Pain points, stage by stage"
    assert plan.list.item(1).text().startswith("▶ 2.")
    assert scene.decoration(WORKSHOP).focus is not None


def test_the_list_follows_the_run_unless_another_step_was_picked_to_edit(plan, setup, qtbot):
    doc, _session, _scene = setup
    plan.use_plan("as-is-90")
    controller = plan.controller
    titles = [step.title for step in steps(doc)]
    assert plan.current().title == titles[0] == controller.current_step().title
    controller.start()
    controller.next()  # the clicker, or the run bar's Next
    assert plan.current().title == titles[1] and plan.title_edit.text() == titles[1]  # the form too
    assert plan.list.currentItem().text().startswith("▶ 2.")
    controller.previous()
    assert plan.current().title == titles[0]
    controller.go_to(3)
    assert plan.current().title == titles[3]
    # The facilitator picks a later step to prepare it: the run moves on, the list stays where they are.
    plan.list.setCurrentRow(6)
    _type(qtbot, plan.title_edit, "Break (coffee)")
    controller.next()
    controller.next()
    assert plan.current().title == "Break (coffee)" and plan.title_edit.text() == "Break (coffee)"
    assert plan.list.item(5).text().startswith("▶ 6.")
    # Back on the running step, the list follows again; an edit of the running step moves nothing.
    plan.list.setCurrentRow(5)
    _type(qtbot, plan.prompt_edit, "How does it feel here?")
    plan.title_edit.setFocus()  # the prompt's edit ends
    assert controller.current_step().prompt == "How does it feel here?" and plan.list.currentRow() == 5
    controller.next()
    assert plan.list.currentRow() == 6 and plan.current().title == "Break (coffee)"


def test_the_panels_are_read_only_on_a_read_only_map(plan, participants, setup):
    doc, session, _ = setup
    plan.use_plan("as-is-90")
    session.set_read_only(True)
    assert not plan.add_button.isEnabled() and not plan.plan_button.isEnabled()
    assert plan.title_edit.isReadOnly() and not plan.stage_list.isEnabled()
    assert not participants.add_button.isEnabled()


# -- in the main window -----------------------------------------------------------------------------


def test_the_window_has_the_workshop_menu_panels_and_run_bar(window, qtbot):
    menus = [m.title() for m in window.menus.values()]
    assert "&Workshop" in menus
    assert {"participants", "plan", "journal"} <= set(window.docks)
    bar = window.findChild(QToolBar, "run_bar")
    assert bar is window.workshop.run_bar and bar.isHidden()  # the small map has no plan yet
    window.actions["workshop.plan.as-is-90"].trigger()
    assert len(steps(window.document)) == 9 and bar.isVisible() and window.docks["plan"].isVisible()
    assert window.actions["workshop.toggle"].isEnabled() and not window.actions["workshop.stop"].isEnabled()
    window.actions["workshop.toggle"].trigger()
    assert window.actions["workshop.stop"].isEnabled() and bar.start_action.text() == "Pause"
    window.actions["workshop.next"].trigger()
    assert window.workshop.controller.current_step().title == "Walk the stages"
    qtbot.waitUntil(lambda: len(journal(window.document)) == 4)
    window.stack.undo()  # the plan's undo: the journal is not on the stack and stays
    assert steps(window.document) == [] and len(journal(window.document)) >= 4
    assert bar.step_label.text() == "No workshop plan yet: add steps in the Workshop Plan panel"


def test_a_step_edit_in_the_window_is_on_the_history(window):
    window.actions["workshop.plan.pains-to-opportunities"].trigger()
    step = steps(window.document)[0]
    window.workshop.plan_panel.select(step.id)
    window.workshop.plan_panel.title_edit.setText("x")
    window.workshop.plan_panel.title_edit.textEdited.emit("Hello")
    assert window.document.item(STEP, step.id).title == "Hello"
    assert window.stack.undoText() == "Edit workshop step"


def test_the_journal_panel_shows_the_timeline_and_a_click_selects_the_card(window, qtbot):
    from model.workshop import capture_cell
    from model import edits

    window.actions["workshop.plan.as-is-90"].trigger()
    window.workshop.controller.start()
    doc = window.document
    step = window.workshop.controller.current_step()
    cell = capture_cell(doc, step)
    window.session.edit(edits.capture_lines(doc, *cell, ["Reads <b>reviews</b>"]))
    window.toggle_dock("journal")
    panel = window.workshop.journal_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 3)
    texts = [panel.tree.topLevelItem(i).text(1) for i in range(3)]
    assert texts == ["Run started", "Step started: Welcome, goal and persona", "Card added: “Reads <b>reviews</b>”"]
    assert panel.tree.topLevelItem(2).text(2) == "Welcome, goal and persona"
    item = panel.tree.topLevelItem(2)
    panel.tree.itemClicked.emit(item, 1)
    card = next(c for c in doc.cards() if c.text == "Reads <b>reviews</b>")
    assert window.scene.selected_ids().cards == (card.id,)


def test_the_workshop_keys_work_from_the_canvas(window, qtbot):
    window.actions["workshop.plan.as-is-90"].trigger()
    controller = window.workshop.controller
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert controller.running()
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert controller.position()[0] == 1
    qtbot.keyClick(window.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert controller.position()[0] == 0


def test_closing_the_window_mid_run_ends_the_run_in_the_journal(window, map_path):
    from model.persistence import read_content
    from model.workshop_domain import JournalKind

    window.actions["workshop.plan.as-is-90"].trigger()
    window.workshop.controller.start()
    window.close()
    kinds = [e.kind for e in read_content(map_path).items_of("journal_entry")]
    assert kinds == [JournalKind.RUN_STARTED, JournalKind.STEP_STARTED, JournalKind.STEP_ENDED, JournalKind.RUN_ENDED]
