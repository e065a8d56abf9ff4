"""The run state machine with an injected wall clock: the time left is always the truth, never negative."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from model.errors import ValidationError
from model.workshop_domain import JournalKind as K
from model.workshop_run import RunStep, WorkshopRun, clock_text


class Clock:
    """A wall clock the test moves: forward a little (ticks), a lot (a lid closed), or back (a time-sync)."""

    def __init__(self, now: float = 1_714_557_600.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


PLAN = [RunStep("intro", 10), RunStep("capture", 20), RunStep("vote", 5)]


def _kinds(events):
    return [(e.kind, e.step_id) for e in events]


def test_time_left_is_end_minus_now_and_pause_freezes_it():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    assert run.time_left() == 600 and run.text() == "10:00" and not run.started
    clock.advance(100)
    assert run.time_left() == 600  # not started: nothing runs
    assert _kinds(run.start()) == [(K.RUN_STARTED, "intro"), (K.STEP_STARTED, "intro")]
    clock.advance(61.5)
    assert run.time_left() == pytest.approx(538.5) and run.text() == "08:59"
    assert _kinds(run.pause()) == [(K.PAUSED, "intro")]
    clock.advance(3600)
    assert run.time_left() == pytest.approx(538.5)
    assert _kinds(run.toggle()) == [(K.RESUMED, "intro")]
    clock.advance(38.5)
    assert run.time_left() == pytest.approx(500)


def test_a_lid_closed_for_ten_minutes_is_ten_minutes_gone():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    run.go_to(1)
    run.start()
    clock.advance(5 * 60)
    assert run.text() == "15:00"
    clock.advance(10 * 60)  # suspended: no tick ran, the clock jumped
    assert run.text() == "05:00" and not run.time_up()
    clock.advance(10 * 60)
    assert run.time_left() == 0 and run.time_up() and run.text() == "00:00"
    (up,) = run.check_time_up()
    assert up.kind == K.TIME_UP and up.at == clock.now - 5 * 60  # when it ran out, not when we looked
    assert run.check_time_up() == []  # told once


def test_a_clock_set_back_never_gives_more_than_the_timebox():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    run.start()
    clock.advance(-7200)
    assert run.time_left() == 600


def test_added_minutes_and_time_up():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    run.start()
    clock.advance(590)
    assert _kinds(run.add_minutes(1)) == [(K.TIME_ADDED, "intro")]
    assert run.time_left() == pytest.approx(70)
    clock.advance(500)
    assert run.time_up()
    run.add_minutes(5)  # after time up: five minutes from now, not from when it ran out
    assert run.time_left() == pytest.approx(300)
    with pytest.raises(ValidationError, match="minutes"):
        run.add_minutes(-1)
    with pytest.raises(ValidationError, match="minutes"):
        run.add_minutes(481)


def test_next_and_previous_end_and_start_steps_and_the_last_next_ends_the_run():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    assert run.next() == [] and run.current.step_id == "capture"  # before the run: only the cursor moves
    assert run.previous() == [] and run.current.step_id == "intro"
    run.start()
    clock.advance(30)
    assert _kinds(run.next()) == [(K.STEP_ENDED, "intro"), (K.STEP_STARTED, "capture")]
    assert run.time_left() == 1200 and run.running and run.next_step.step_id == "vote"
    run.pause()
    assert _kinds(run.previous()) == [(K.STEP_ENDED, "capture"), (K.STEP_STARTED, "intro")]
    assert run.running  # moving on during a run starts the step the room moves to
    run.go_to(2)
    assert _kinds(run.next()) == [(K.STEP_ENDED, "vote"), (K.RUN_ENDED, "vote")]
    assert run.finished and run.current is None and not run.started and run.next() == []
    with pytest.raises(ValidationError, match="no step 9"):
        run.go_to(8)


def test_replanning_keeps_the_current_step_and_moves_its_end():
    clock = Clock()
    run = WorkshopRun(PLAN, clock)
    run.go_to(1)
    run.start()
    clock.advance(60)
    assert run.replan([RunStep("new", 3), RunStep("capture", 25), RunStep("vote", 5)]) == []
    assert run.current.step_id == "capture" and run.index == 1 and run.time_left() == pytest.approx(1440)
    run.replan([RunStep("new", 3), RunStep("capture", 1), RunStep("vote", 5)])
    assert run.time_left() == 0 and run.time_up()  # shortened below what already ran
    events = run.replan([RunStep("new", 3), RunStep("vote", 5)])  # the running step was deleted
    assert _kinds(events) == [(K.STEP_ENDED, "capture"), (K.STEP_STARTED, "vote")]
    assert _kinds(run.replan([])) == [(K.STEP_ENDED, "vote"), (K.RUN_ENDED, "vote")]
    assert run.current is None and run.time_left() == 0


def test_an_empty_plan_runs_nothing():
    run = WorkshopRun([], Clock())
    assert run.start() == [] and run.current is None and run.time_left() == 0 and not run.time_up()


@pytest.mark.parametrize(("seconds", "text"), [(0, "00:00"), (0.2, "00:01"), (59.9, "01:00"), (600, "10:00"),
                                               (3600, "1:00:00"), (-5, "00:00"), (28800, "8:00:00")])
def test_clock_text(seconds, text):
    assert clock_text(seconds) == text


class RunMachine(RuleBasedStateMachine):
    """Random clicks and clock moves; a plain reference model says what the time left must be."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock()
        self.plan = [RunStep(f"s{i}", m) for i, m in enumerate((1, 7, 30, 480))]
        self.run = WorkshopRun(self.plan, self.clock)
        self.expected = 60.0  # what the time left must be (the reference model)
        self.ceiling = 60.0  # the timebox plus the time added to this step

    def _entered(self) -> None:
        self.expected = self.ceiling = self.plan[self.run.index].minutes * 60.0 if self.run.current else 0.0

    @rule(seconds=st.floats(0, 5))
    def tick(self, seconds):
        self.clock.advance(seconds)
        if self.run.running:
            self.expected = max(0.0, self.expected - seconds)

    @rule(minutes=st.integers(1, 180))
    def lid_closed(self, minutes):
        """No tick for a long while: the machine slept, or the UI was busy."""
        self.tick(minutes * 60.0)

    @rule(seconds=st.floats(1, 7200))
    def clock_set_back_and_forth(self, seconds):
        """A time-sync sets the clock back, then forward again: never more than the step was given."""
        self.clock.advance(-seconds)
        assert 0.0 <= self.run.time_left() <= self.ceiling + 1e-6
        self.clock.advance(seconds)

    @rule()
    def start_or_pause(self):
        self.run.toggle()

    @rule(minutes=st.sampled_from([1, 5]))
    def add(self, minutes):
        if self.run.current is not None:
            self.run.add_minutes(minutes)
            self.expected += minutes * 60.0
            self.ceiling = max(self.ceiling + minutes * 60.0, self.expected)

    @rule()
    def next(self):
        before = (self.run.index, self.run.finished)
        self.run.next()
        if (self.run.index, self.run.finished) != before:
            self._entered()

    @rule()
    def previous(self):
        before = (self.run.index, self.run.finished)
        self.run.previous()
        if (self.run.index, self.run.finished) != before:
            self._entered()

    @precondition(lambda self: self.run.running)
    @rule(seconds=st.floats(0, 30))
    def paused_time_is_frozen(self, seconds):
        self.run.pause()
        left = self.run.time_left()
        self.clock.advance(seconds)
        assert self.run.time_left() == left

    @invariant()
    def time_left_is_true(self):
        left = self.run.time_left()
        assert 0.0 <= left <= self.ceiling + 1e-6
        assert left == pytest.approx(self.expected, abs=1e-6)
        assert self.run.time_up() == (self.run.started and self.run.current is not None and left <= 0.0)


TestRunMachine = RunMachine.TestCase
TestRunMachine.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
