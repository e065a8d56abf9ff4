"""The running workshop in a window: the plan's run, its timer, the step's focus on the canvas, the journal.

`WorkshopController` is the one source of the run's state for every view of
it. The run bar, and a presentation window, connect to its signals and call
its slots; none of them keeps a clock of its own.

Signals (Qt, queued-safe, values only):

    step_changed(object)     the current WorkshopStep (model/workshop_domain.py), or None when the
                             plan is empty or the run has ended; also when the step itself is edited
    time_changed(str, bool)  the time left as the run bar shows it ('07:42', '1:05:00') and whether
                             it is urgent (time up: show it red, flashing); emitted when either changes
    running_changed(bool)    the step's clock runs (False: not started, paused or ended)
    time_up()                the current step's time has just run out (once per step and extension)
    plan_changed()           steps were added, removed, moved or edited

Reading: `current_step()`, `next_step()`, `prompt()` (the step's prompt or its focus's guiding
question), `focus_text()`, `position()` ((index, count)), `time_text()`, `urgent()`, `running()`,
`started()`. Slots: `toggle()`, `start()`, `pause()`, `add_minutes(n)`, `next()`, `previous()`,
`go_to(index)`, `stop()`, `capture()` (quick capture in the step's focus).

The timer only asks `WorkshopRun` (model/workshop_run.py) for the time, so the time shown is true
after a busy moment or a sleep; time up turns the time red and flashing and beeps once, never a
dialog. While a run is active, the journal (model/workshop_journal.py) records the steps' real
start and end and the room's cards, written after each change, never on the undo stack.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from canvas.decorations import WORKSHOP, Decoration
from model import workshop
from model.errors import NotFoundError
from model.events import Change
from model.workshop_domain import JournalKind, WorkshopStep
from model.workshop_journal import JournalRecorder
from model.workshop_run import RunEvent, RunStep, WorkshopRun, clock_text

from .session import EditSession

TICK_MS = 200
_FOCUS_KINDS = frozenset({"card", "stage", "lane", "workshop_step"})


def _run_steps(doc) -> list[RunStep]:
    return [RunStep(s.id, s.minutes) for s in workshop.steps(doc)]


class WorkshopController(QObject):
    step_changed = Signal(object)
    time_changed = Signal(str, bool)
    running_changed = Signal(bool)
    time_up = Signal()
    plan_changed = Signal()

    def __init__(self, session: EditSession, scene, *, clock: Callable[[], float] = time.time,
                 beep: Callable[[], None] = QApplication.beep, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc = session.document
        self.scene = scene
        self._clock = clock
        self._beep = beep
        self.run = WorkshopRun(_run_steps(self.doc), clock)
        self.recorder = JournalRecorder(self.doc, clock, lambda fn: QTimer.singleShot(0, fn),
                                        on_error=session.noticed.emit)
        self._shown: tuple[str, bool] = ("", False)
        self._shown_step: WorkshopStep | None = None
        self._shown_step_id: str | None = None  # with the run's start: a new step, not an edited one
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._disconnect = self.doc.changed.connect(self._on_document_changed)
        self._shown = (self.time_text(), self.urgent())
        self._shown_step = self.current_step()
        self._shown_step_id = self._step_key()

    def detach(self) -> None:
        """Stop listening and ticking (the window is closing): a run still going ends in the journal."""
        self.timer.stop()
        if self.run.started:
            self._journal(self.run.stop())
        self.recorder.flush()  # now, while the map is still open
        self.recorder.stop()
        self._disconnect()

    # -- reading ---------------------------------------------------------------------------------------

    def current_step(self) -> WorkshopStep | None:
        return self._step(self.run.current)

    def next_step(self) -> WorkshopStep | None:
        return self._step(self.run.next_step)

    def _step(self, step: RunStep | None) -> WorkshopStep | None:
        if step is None:
            return None
        try:
            return self.doc.item(workshop.STEP, step.step_id)
        except NotFoundError:  # deleted a moment ago; the run hears of it right after this view
            return None

    def position(self) -> tuple[int, int]:
        """(the current step's index, the number of steps)."""
        return self.run.index, len(self.run.steps)

    def prompt(self) -> str:
        step = self.current_step()
        return workshop.step_prompt(self.doc, step) if step is not None else ""

    def focus_text(self) -> str:
        step = self.current_step()
        return workshop.focus_summary(self.doc, step) if step is not None else ""

    def time_text(self) -> str:
        return self.run.text() if self.run.current is not None else clock_text(0)

    def urgent(self) -> bool:
        return self.run.time_up()

    def running(self) -> bool:
        return self.run.running

    def started(self) -> bool:
        return self.run.started

    # -- slots -------------------------------------------------------------------------------------------

    def toggle(self) -> None:
        self._did(self.run.toggle())

    def start(self) -> None:
        self._did(self.run.start())

    def pause(self) -> None:
        self._did(self.run.pause())

    def add_minutes(self, minutes: int) -> None:
        self._did(self.run.add_minutes(minutes))

    def next(self) -> None:  # noqa: A003 - the clicker's word
        self._did(self.run.next())

    def previous(self) -> None:
        self._did(self.run.previous())

    def go_to(self, index: int) -> None:
        self._did(self.run.go_to(index))

    def stop(self) -> None:
        self._did(self.run.stop())

    def capture(self) -> None:
        """Quick capture in the step's focus: the selected cell if the step covers it, else its first cell."""
        step = self.current_step()
        if step is None or self.session.read_only:
            return
        cell = workshop.capture_cell(self.doc, step, self.scene.selected_ids().cell)
        if cell is not None:
            self.scene.begin_quick_capture(*cell)

    def tick(self) -> None:
        """What the timer does: ask the run for the time and tell whoever shows it."""
        self._did(self.run.check_time_up())

    # -- inside ------------------------------------------------------------------------------------------

    def _step_key(self) -> tuple[str | None, bool]:
        step = self.run.current
        return (step.step_id if step is not None else None, self.run.started)

    def _did(self, events: list[RunEvent]) -> None:
        """After a transition: journal it, then bring every view of the run up to date."""
        self._journal(events)
        step = self.current_step()
        key = self._step_key()
        if key != self._shown_step_id:  # another step, or the run started or ended
            self._shown_step_id = key
            self.recorder.set_step(step.id if step is not None and self.run.started else "")
            self._show_focus(select_capture_cell=True)
        if step != self._shown_step:
            self._shown_step = step
            self.step_changed.emit(step)
        if self.run.running != self._running:
            self._running = self.run.running
            self.running_changed.emit(self._running)
        if self.run.running and not self.timer.isActive():
            self.timer.start()
        elif not self.run.running and self.timer.isActive():
            self.timer.stop()
        shown = (self.time_text(), self.urgent())
        if shown != self._shown:
            self._shown = shown
            self.time_changed.emit(*shown)
        if any(e.kind == JournalKind.TIME_UP for e in events):
            self._beep()  # once: the run tells of a time-up once per step and extension
            self.time_up.emit()

    def _journal(self, events: list[RunEvent]) -> None:
        if self.run.started and not self.session.read_only:
            self.recorder.start()
        for event in events:
            if not self.session.read_only:
                self.recorder.record(event.kind, event.step_id, detail=event.detail, at=event.at)
        if not self.run.started:
            self.recorder.stop()  # after the run's last entries were queued

    def _show_focus(self, select_capture_cell: bool = False) -> None:
        step = self.current_step()
        if step is None or not self.run.started:
            self.scene.set_decoration(WORKSHOP, None)
            return
        focus = workshop.focus_card_ids(self.doc, step)
        self.scene.set_decoration(WORKSHOP, Decoration(focus=focus))
        if select_capture_cell and not self.scene.is_editing():
            cell = workshop.capture_cell(self.doc, step)
            if cell is not None:
                self.scene.select_cell(*cell)  # typing now starts a card there (view state only)

    def _on_document_changed(self, change: Change) -> None:
        if change.touches(workshop.STEP):
            events = self.run.replan(_run_steps(self.doc))
            self.plan_changed.emit()
            self._did(events)
        if self.run.started and any(kind in _FOCUS_KINDS for kind, _ in change.dirty):
            self._show_focus()
