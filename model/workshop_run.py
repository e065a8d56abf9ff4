"""A workshop run as a pure state machine over the plan, driven by an injected wall clock.

The time left is always computed from the clock: `end − now` while running,
frozen while paused. Nothing counts ticks, so a busy UI that ticks late, or a
laptop lid closed for ten minutes (the clock jumps), still shows the true
time left. The clock is wall-clock time (`time.time`), not a monotonic one,
because a monotonic clock stands still while the machine sleeps. A clock
set back (a time-sync) can never make the time left exceed what the step
was given, nor negative.

Each transition returns the `RunEvent`s it caused (a step started, time
added…), which the editor writes to the session journal. No Qt, no timers:
the editor's timer only asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import ValidationError
from .workshop_domain import JournalKind, check_minutes

Clock = Callable[[], float]  # seconds since the epoch

K = JournalKind


@dataclass(frozen=True)
class RunStep:
    """A step as the run sees it: its id and its timebox."""

    step_id: str
    minutes: int


@dataclass(frozen=True)
class RunEvent:
    kind: JournalKind
    step_id: str
    at: float  # the clock's time when it happened (a time-up: when the time ran out)
    detail: str = ""


def clock_text(seconds: float) -> str:
    """Time left as the run bar shows it: 'mm:ss' (whole seconds, rounded up), 'h:mm:ss' from an hour."""
    whole = int(-(-max(0.0, seconds) // 1))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class WorkshopRun:
    """Which step is on, whether its clock runs, and how much time it has left."""

    def __init__(self, steps: Sequence[RunStep], clock: Clock = time.time) -> None:
        self._clock = clock
        self._steps: list[RunStep] = list(steps)
        self._index = 0
        self.started = False  # the run began (journal: run_started) and has not ended
        self.running = False  # the current step's clock is running (not paused)
        self.finished = False  # the last step was ended with next()
        self._ends_at = 0.0  # while running: when the step's time runs out
        self._left = self._planned(0)  # while not running: the time left, frozen
        self._allotted = self._left  # the most the time left can be (timebox + time added)
        self._time_up_told = False

    # -- reading ---------------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[RunStep, ...]:
        return tuple(self._steps)

    @property
    def index(self) -> int:
        return self._index

    @property
    def current(self) -> RunStep | None:
        if self.finished or not self._steps:
            return None
        return self._steps[self._index]

    @property
    def next_step(self) -> RunStep | None:
        at = self._index + 1
        return self._steps[at] if not self.finished and at < len(self._steps) else None

    def now(self) -> float:
        return self._clock()

    def time_left(self) -> float:
        """Seconds left in the current step: never negative, never more than it was given."""
        if not self.running:
            return self._left
        return min(self._allotted, max(0.0, self._ends_at - self._clock()))

    def time_up(self) -> bool:
        return self.started and self.current is not None and self.time_left() <= 0.0

    def text(self) -> str:
        return clock_text(self.time_left())

    # -- transitions ------------------------------------------------------------------------------

    def start(self) -> list[RunEvent]:
        """Start the run at the current step, or resume a paused step."""
        step = self.current
        if step is None or self.running:
            return []
        now = self._clock()
        events = []
        if not self.started:
            self.started = True
            events += [RunEvent(K.RUN_STARTED, step.step_id, now), RunEvent(K.STEP_STARTED, step.step_id, now)]
        else:
            events.append(RunEvent(K.RESUMED, step.step_id, now))
        self.running = True
        self._ends_at = now + self._left
        return events

    def pause(self) -> list[RunEvent]:
        if not self.running:
            return []
        self._left = self.time_left()
        self.running = False
        return [RunEvent(K.PAUSED, self.current.step_id, self._clock())]  # type: ignore[union-attr]

    def toggle(self) -> list[RunEvent]:
        return self.pause() if self.running else self.start()

    def add_minutes(self, minutes: int) -> list[RunEvent]:
        """More time for the current step (+1, +5); after time up, counted from now."""
        check_minutes(minutes, "time added")
        step = self.current
        if step is None:
            return []
        self._shift(minutes * 60.0)
        if not self.started:
            return []
        return [RunEvent(K.TIME_ADDED, step.step_id, self._clock(), f"+{minutes} min")]

    def next(self) -> list[RunEvent]:
        """End the current step and start the next; after the last step the run ends."""
        if self.current is None:
            return []
        if self._index + 1 < len(self._steps):
            return self.go_to(self._index + 1)
        if not self.started:
            return []
        return self.stop()

    def previous(self) -> list[RunEvent]:
        if self.finished and self._steps:
            self.finished = False  # back from the end: the last step again
            return self._enter(len(self._steps) - 1, [])
        return self.go_to(self._index - 1) if self._index > 0 else []

    def go_to(self, index: int) -> list[RunEvent]:
        """Make step `index` current; during a run the current step ends and the new one starts running."""
        if not 0 <= index < len(self._steps):
            raise ValidationError(f"the plan has no step {index + 1}")
        if index == self._index and not self.finished:
            return []
        events = []
        if self.started and self.current is not None:
            events.append(RunEvent(K.STEP_ENDED, self.current.step_id, self._clock()))
        self.finished = False
        return self._enter(index, events)

    def stop(self) -> list[RunEvent]:
        """End the run: the current step ends and the run with it."""
        if not self.started:
            return []
        now = self._clock()
        events = []
        step = self.current
        if step is not None:
            events.append(RunEvent(K.STEP_ENDED, step.step_id, now))
        events.append(RunEvent(K.RUN_ENDED, step.step_id if step else "", now))
        self.started = self.running = False
        self.finished = True
        self._left = 0.0
        return events

    def check_time_up(self) -> list[RunEvent]:
        """A time-up event the first time the current step's time is found to have run out."""
        if self._time_up_told or not self.time_up():
            return []
        self._time_up_told = True
        at = self._ends_at if self.running else self._clock()
        return [RunEvent(K.TIME_UP, self.current.step_id, min(at, self._clock()))]  # type: ignore[union-attr]

    def replan(self, steps: Sequence[RunStep]) -> list[RunEvent]:
        """The plan changed (a step edited, added, moved, deleted): keep the current step by id.

        A new timebox for the current step moves its end by the difference (never below
        zero left); a deleted current step gives way to the one now at its place.
        """
        old = self.current
        if not steps:
            events = self.stop()  # while the old plan still names the step that ends
            self._steps, self._index, self.finished, self._left, self._allotted = [], 0, False, 0.0, 0.0
            return events
        self._steps = list(steps)
        ids = [s.step_id for s in self._steps]
        if old is not None and old.step_id in ids:
            self._index = ids.index(old.step_id)
            new = self._steps[self._index]
            if new.minutes != old.minutes:
                self._shift((new.minutes - old.minutes) * 60.0)
            return []
        if self.finished:
            self._index = len(self._steps) - 1
            return []
        events = [RunEvent(K.STEP_ENDED, old.step_id, self._clock())] if self.started and old is not None else []
        return self._enter(min(self._index, len(self._steps) - 1), events)

    # -- inside -------------------------------------------------------------------------------------

    def _planned(self, index: int) -> float:
        return self._steps[index].minutes * 60.0 if 0 <= index < len(self._steps) else 0.0

    def _shift(self, seconds: float) -> None:
        left = max(0.0, self.time_left() + seconds)
        self._allotted = max(self._allotted + seconds, left)
        if self.running:
            self._ends_at = self._clock() + left
        else:
            self._left = left
        if left > 0:
            self._time_up_told = False

    def _enter(self, index: int, events: list[RunEvent]) -> list[RunEvent]:
        self._index = index
        self._left = self._allotted = self._planned(index)
        self._time_up_told = False
        if self.started:
            now = self._clock()
            self.running = True
            self._ends_at = now + self._left
            events.append(RunEvent(K.STEP_STARTED, self._steps[index].step_id, now))
        return events
