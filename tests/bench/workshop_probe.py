"""Workshop measurements in a fresh process; prints one JSON object on its last line.

    workshop_probe.py next_step   a 2,000-card map in a 1920×1080 view: the run moves to the next step,
                                  its focus applied (the rest dimmed) and the view painted
    workshop_probe.py drift       a 20-minute step through the real QTimer and WorkshopRun with a simulated
                                  clock (late ticks, a 10-minute sleep): the most the time left strays from
                                  the truth, and whether time-up came
"""

from __future__ import annotations

import json
import random
import sys
import time

STEP_MINUTES = 20


def report(**values) -> None:
    print(json.dumps(values), flush=True)


class SimulatedClock:
    def __init__(self) -> None:
        self.now = 1_714_557_600.0

    def __call__(self) -> float:
        return self.now


def _controller(doc, clock):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from canvas.fonts import ensure_fonts
    from canvas.scene import MapScene
    from editor.session import EditSession
    from editor.workshop_controller import WorkshopController

    ensure_fonts()
    scene = MapScene(doc)
    session = EditSession(doc, QUndoStack())
    return app, scene, WorkshopController(session, scene, clock=clock, beep=lambda: None)


def next_step() -> None:
    from PySide6.QtCore import QEvent, QObject

    from canvas.decorations import WORKSHOP
    from canvas.view import MapView
    from model.workshop import add_step, focus_card_ids
    from model.workshop_domain import WorkshopStep
    from tests.model.factories import generated_map

    doc = generated_map(2000)
    card_lanes = [lane for lane in doc.lanes if lane.takes_cards]
    for i in range(12):  # each step on another lane, every other one on two stages of it
        stages = (doc.stages[i % 6].id, doc.stages[(i + 3) % 6].id) if i % 2 else ()
        doc.apply(add_step(doc, WorkshopStep(f"Step {i + 1}", focus_lanes=(card_lanes[i % len(card_lanes)].id,),
                                             focus_stages=stages)))
    clock = SimulatedClock()
    app, scene, controller = _controller(doc, clock)
    view = MapView(scene)
    view.resize(1920, 1080)
    view.show()
    view.fit_map()  # every card on screen: the most a focus change can repaint

    class Paints(QObject):
        count = 0

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    paints = Paints()
    view.viewport().installEventFilter(paints)
    view.viewport().repaint()
    app.processEvents()
    controller.start()
    app.processEvents()
    times, dimmed = [], []
    for _ in range(10):
        before = Paints.count
        start = time.perf_counter()
        controller.next()
        view.viewport().repaint()
        app.processEvents()  # the journal's write of the step's end and start lands here too
        times.append((time.perf_counter() - start) * 1000)
        step = controller.current_step()
        focus = scene.decoration(WORKSHOP).focus
        if focus != focus_card_ids(doc, step) or Paints.count == before:
            raise RuntimeError("the next step's focus was not applied, or nothing was painted")
        dimmed.append(sum(1 for item in scene.sync.cards.values() if item.opacity() < 1.0))
    if min(dimmed) < 1000:
        raise RuntimeError(f"a step on one lane dimmed only {min(dimmed)} of 2,000 cards")
    times.sort()
    report(next_p50_ms=times[len(times) // 2], next_max_ms=times[-1], dimmed=min(dimmed))


def drift() -> None:
    from model.document import Document
    from model.workshop import add_step
    from model.workshop_domain import WorkshopStep
    from tests.model.factories import small_map

    doc: Document = small_map()
    doc.apply(add_step(doc, WorkshopStep("Capture", minutes=STEP_MINUTES)))
    clock = SimulatedClock()
    app, _scene, controller = _controller(doc, clock)
    rng = random.Random(7)
    start = clock.now
    end = start + STEP_MINUTES * 60
    worst = [0.0]
    ticks = [0]
    up = []
    controller.time_up.connect(lambda: up.append(clock.now))
    shown = []
    controller.time_changed.connect(lambda text, urgent: shown.append((text, urgent)))

    def world() -> None:
        """After each real tick: check what the run says against the truth, then let time pass."""
        ticks[0] += 1
        truth = max(0.0, end - clock.now)
        worst[0] = max(worst[0], abs(controller.run.time_left() - truth))
        if up:
            app.quit()
            return
        # A busy facilitator's laptop: ticks come late, by up to three seconds; once, the lid is closed.
        clock.now += 600.0 if ticks[0] == 200 else rng.uniform(0.2, 3.0)

    controller.start()
    controller.timer.setInterval(1)  # the same QTimer and tick, run fast; the simulated clock says the time
    controller.timer.timeout.connect(world)  # after the controller's own tick
    app.exec()
    if not up or shown[-1] != ("00:00", True):
        raise RuntimeError("the 20-minute step never reached time-up")
    report(drift_s=worst[0], ticks=ticks[0], late_by_s=up[0] - end)


if __name__ == "__main__":
    {"next_step": next_step, "drift": drift}[sys.argv[1]]()
