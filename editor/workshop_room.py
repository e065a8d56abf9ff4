"""The running workshop in the room: phones follow the plan's current step (what they may do, its focus
and its prompt), as the projector does (editor/workshop_projector.py). The facilitator may still
change what phones may do in the Room panel during a step; the next step sets it again."""

from __future__ import annotations

from model.room.step import from_workshop


def link(controller, room) -> None:
    """Keep `room` (editor/room/controller.py) on the step `controller` runs."""

    def follow(step=None) -> None:
        step = controller.current_step()
        if step is not None and controller.started():
            room.set_step(from_workshop(step, controller.prompt(), private_writing=room.step.private_writing))

    controller.step_changed.connect(follow)
    controller.running_changed.connect(follow)
