"""Phones in the room follow the workshop plan's current step (editor/workshop_room.py)."""

from __future__ import annotations


def test_the_room_follows_the_workshop_run(window):
    """What phones may do follows the plan's current step (editor/workshop_room.py)."""
    from model.workshop import add_step
    from model.workshop_domain import Activity, WorkshopStep

    doc = window.document
    lane = next(l for l in doc.lanes if l.takes_cards)
    for step in (WorkshopStep("Capture", minutes=20, focus_lanes=(lane.id,), prompt="What do they do?"),
                 WorkshopStep("Vote", Activity.VOTE, 10)):
        window.session.edit(add_step(doc, step))
    room, controller = window.room, window.workshop.controller
    before = room.step
    controller.next()  # not started yet: the room keeps what the facilitator set
    assert room.step == before
    controller.previous()
    controller.start()
    assert room.step.writing and not room.step.voting and room.step.lane_ids == (lane.id,)
    assert room.step.prompt == "What do they do?"
    controller.next()
    assert room.step.voting and not room.step.writing and room.step.lane_ids == ()
