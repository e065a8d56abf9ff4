"""The running workshop on the projector: the run's step, prompt, focus and time shown, the clicker's
next and previous asked of the run.

The two sides know nothing of each other (editor/workshop_controller.py and
editor/presentation/controller.py document their interfaces); this is the one place they meet.
"""

from __future__ import annotations

from canvas.decorations import WORKSHOP
from model.workshop import framed_lanes


def link(controller, presentation, scene) -> None:
    """Keep `presentation` showing what `controller` runs, and let its clicker move the run."""

    def show_step(_step=None) -> None:
        step = controller.current_step()
        if step is None:
            presentation.show_step(scene.document.info.title, scene.document.info.description)
            return
        following = controller.next_step()
        presentation.show_step(step.title, controller.prompt(), scene.decoration(WORKSHOP),
                               notes=step.notes, next_title=following.title if following is not None else "",
                               lanes=framed_lanes(scene.document, step))

    def show_time(text: str, urgent: bool) -> None:
        presentation.set_timer(text if controller.started() else "", urgent)

    def on_step_requested(delta: int) -> None:
        if controller.current_step() is None:
            return  # no run: the clicker has nothing further to walk through
        controller.next() if delta > 0 else controller.previous()

    controller.step_changed.connect(show_step)
    controller.plan_changed.connect(show_step)
    controller.time_changed.connect(show_time)
    presentation.started.connect(show_step)
    presentation.started.connect(lambda: show_time(controller.time_text(), controller.urgent()))
    presentation.step_requested.connect(on_step_requested)
