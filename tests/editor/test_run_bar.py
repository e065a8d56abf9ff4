"""The run bar and its controller on a real scene, with an injected clock: no real waiting for time to pass."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from canvas.decorations import WORKSHOP
from canvas.scene import MapScene
from editor.canvas_edits import CanvasEdits
from editor.run_bar import RunBar
from editor.session import EditSession
from editor.workshop_controller import WorkshopController
from model import ops
from model.workshop import add_step, edit_step, steps
from model.workshop_domain import Activity, JournalKind, WorkshopStep
from model.workshop_journal import journal
from tests.model.factories import small_map
from tests.model.test_workshop_run import Clock


@pytest.fixture
def setup(qapp, qtbot):
    doc = small_map()
    pains = next(lane for lane in doc.lanes if lane.name == "Pain points")
    for step in (WorkshopStep("Welcome", Activity.INTRODUCE, 5),
                 WorkshopStep("Pain points", minutes=20, focus_lanes=(pains.id,)),
                 WorkshopStep("Vote", Activity.VOTE, 10)):
        doc.apply(add_step(doc, step))
    session = EditSession(doc, QUndoStack())
    scene = MapScene(doc)
    edits = CanvasEdits(scene, session)  # the canvas's gestures become edits, as in the window
    clock = Clock()
    beeps = []
    controller = WorkshopController(session, scene, clock=clock, beep=lambda: beeps.append(clock.now))
    bar = RunBar(controller)
    qtbot.addWidget(bar)
    bar.resize(1400, bar.sizeHint().height())  # every button shown, none in the overflow menu
    bar.show()
    yield doc, session, scene, clock, controller, bar, beeps
    del edits
    controller.detach()
    scene.close()


def _trigger(action, qtbot):
    """Click the action's tool button, as the facilitator does."""
    bar = action.parent()
    button = bar.widgetForAction(action)
    assert button is not None and button.isVisible() and button.isEnabled(), action.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_bar_shows_the_first_step_before_the_run(setup):
    doc, _session, scene, _clock, _controller, bar, _ = setup
    assert bar.step_label.text() == "1/3  Welcome" and bar.time_label.text() == "05:00"
    assert bar.start_action.text() == "Start" and not bar.stop_action.isEnabled()
    assert scene.decoration(WORKSHOP) is None


def test_start_counts_down_from_the_clock_and_pause_freezes_it(setup, qtbot):
    doc, _session, _scene, clock, controller, bar, _ = setup
    _trigger(bar.start_action, qtbot)
    assert bar.start_action.text() == "Pause" and controller.timer.isActive()
    clock.advance(75.2)
    controller.tick()
    assert bar.time_label.text() == "03:45"
    _trigger(bar.start_action, qtbot)
    assert bar.start_action.text() == "Resume" and not controller.timer.isActive()
    clock.advance(600)
    controller.tick()
    assert bar.time_label.text() == "03:45"
    _trigger(bar.plus_five_action, qtbot)
    assert bar.time_label.text() == "08:45"


def test_the_real_timer_asks_the_clock(setup, qtbot):
    _doc, _session, _scene, clock, controller, bar, _ = setup
    controller.start()
    clock.advance(10 * 60)  # a lid closed: the next tick shows the truth, not five minutes of missed ticks
    with qtbot.waitSignal(controller.time_changed, timeout=2000) as signal:
        pass
    assert signal.args == ["00:00", True]


def test_time_up_turns_the_time_red_flashes_and_beeps_once_without_a_dialog(setup, qtbot):
    _doc, _session, _scene, clock, controller, bar, beeps = setup
    controller.start()
    clock.advance(301)
    controller.tick()
    controller.tick()
    assert bar.is_urgent() and bar.time_label.text() == "00:00"
    assert beeps == [clock.now]
    first = bar.time_label.styleSheet()
    assert "#C53030" in first
    qtbot.waitUntil(lambda: bar.time_label.styleSheet() != first, timeout=2000)  # it flashes
    assert not any(w.isModal() and w.isVisible() for w in QApplication.topLevelWidgets())
    _trigger(bar.plus_one_action, qtbot)
    assert not bar.is_urgent() and bar.time_label.text() == "01:00" and bar.time_label.styleSheet() == ""
    assert not bar.flash_timer.isActive()
    clock.advance(61)
    controller.tick()
    assert len(beeps) == 2  # the extension ran out too


def test_next_focuses_the_step_on_the_canvas_and_journals_the_steps(setup, qtbot):
    doc, _session, scene, clock, controller, bar, _ = setup
    pains = next(lane for lane in doc.lanes if lane.name == "Pain points")
    _trigger(bar.start_action, qtbot)
    clock.advance(60)
    with qtbot.waitSignal(controller.step_changed) as signal:
        _trigger(bar.next_action, qtbot)
    assert signal.args[0].title == "Pain points" and bar.step_label.text() == "2/3  Pain points"
    focus = scene.decoration(WORKSHOP).focus
    assert focus == {c.id for c in doc.cards() if c.lane_id == pains.id}
    assert scene.card_item(doc.cards()[0].id).opacity() < 1.0
    assert scene.selected_ids().cell == (doc.stages[0].id, pains.id)  # typing starts a card in the focus
    qtbot.waitUntil(lambda: len(journal(doc)) == 4)
    assert [e.kind for e in journal(doc)] == [JournalKind.RUN_STARTED, JournalKind.STEP_STARTED,
                                              JournalKind.STEP_ENDED, JournalKind.STEP_STARTED]
    assert journal(doc)[2].at == "2024-05-01T10:01:00Z"


def test_a_card_captured_in_the_focus_stays_lit_and_is_journalled_off_the_undo_stack(setup, qtbot):
    doc, session, scene, _clock, controller, bar, _ = setup
    pains = next(lane for lane in doc.lanes if lane.name == "Pain points")
    controller.start()
    controller.next()
    _trigger(bar.capture_action, qtbot)
    editor = scene.editor()
    assert editor is not None and editor.mode == "quick" and editor.target == (doc.stages[0].id, pains.id)
    editor.setPlainText("Waits on hold")
    scene.commit_editor()
    card = next(c for c in doc.cards() if c.text == "Waits on hold")
    assert card.id in scene.decoration(WORKSHOP).focus and scene.card_item(card.id).opacity() == 1.0
    qtbot.waitUntil(lambda: any(e.kind == JournalKind.CARD_ADDED for e in journal(doc)))
    assert session.stack.count() == 1 and session.stack.undoText() == "Add card"
    session.stack.undo()
    assert not doc.has_card(card.id)
    assert [e.card_id for e in journal(doc) if e.kind == JournalKind.CARD_ADDED] == [card.id]


def test_editing_the_plan_during_the_run_keeps_the_step_and_its_time(setup, qtbot):
    doc, session, _scene, clock, controller, bar, _ = setup
    controller.start()
    clock.advance(60)
    session.edit(edit_step(doc, steps(doc)[0].id, {"minutes": 10, "title": "Hello"}))
    controller.tick()
    assert bar.step_label.text() == "1/3  Hello" and bar.time_label.text() == "09:00"
    session.stack.undo()
    assert bar.step_label.text() == "1/3  Welcome" and bar.time_label.text() == "04:00"
    session.edit(ops.RemoveItem("workshop_step", steps(doc)[0].id))
    assert bar.step_label.text() == "1/2  Pain points" and bar.time_label.text() == "20:00"


def test_the_end_clears_the_focus_and_the_bar_says_so(setup, qtbot):
    doc, _session, scene, _clock, controller, bar, _ = setup
    controller.start()
    controller.next()
    _trigger(bar.stop_action, qtbot)
    assert scene.decoration(WORKSHOP) is None and bar.step_label.text() == "The workshop has ended"
    assert not bar.next_action.isEnabled() and bar.previous_action.isEnabled()
    qtbot.waitUntil(lambda: bool(journal(doc)) and journal(doc)[-1].kind == JournalKind.RUN_ENDED)


def test_an_empty_plan_disables_the_bar(qapp, qtbot):
    doc = small_map()
    session = EditSession(doc, QUndoStack())
    scene = MapScene(doc)
    controller = WorkshopController(session, scene, clock=Clock())
    bar = RunBar(controller)
    qtbot.addWidget(bar)
    assert not bar.start_action.isEnabled() and not bar.next_action.isEnabled()
    assert "No workshop plan" in bar.step_label.text()
    session.edit(add_step(doc, WorkshopStep("Now")))
    assert bar.start_action.isEnabled() and bar.step_label.text() == "1/1  Now"
    controller.detach()
    scene.close()


def test_the_buttons_stay_put_under_the_pointer_whatever_the_step_and_the_state(setup, qtbot):
    """Seen clicking Next in the real window: a longer step title pushed Next away and the next click hit +5."""
    doc, _session, _scene, _clock, controller, bar, _ = setup
    doc.apply(edit_step(doc, steps(doc)[1].id, {"title": "What they think, and what hurts — in every stage of the journey, from first awareness to advocacy"}))
    qtbot.wait(10)

    def places():
        qtbot.wait(20)  # the bar lays itself out again after a text changed
        return {a.text().split()[0] if a is not bar.start_action else "start": bar.widgetForAction(a).geometry().x()
                for a in (bar.start_action, bar.plus_one_action, bar.plus_five_action, bar.next_action)}

    before = places()  # "Welcome", not started
    _trigger(bar.start_action, qtbot)  # Start becomes Pause
    assert places() == before
    _trigger(bar.next_action, qtbot)  # the long title
    assert places() == before and bar.step_label.text().endswith("…")
    _trigger(bar.start_action, qtbot)  # Pause becomes Resume
    assert places() == before
