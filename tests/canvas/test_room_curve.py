"""The room's curve on the canvas: drawn from the phones' ratings, updated without laying the map out again."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from model import ops
from model.domain import Participant
from model.events import Origin
from model.room import plans
from model.room.step import RoomStep


def _people(doc, *names):
    people = [Participant(n) for n in names]
    for p in people:
        doc.apply(ops.AddItem(p), Origin.ROOM)
    return [p.id for p in people]


def test_ratings_from_the_room_draw_a_curve_with_its_band(scene):
    doc = scene.document
    assert not scene.sync.room_curves  # nobody rated: no curve
    ana, ben = _people(doc, "Ana", "Ben")
    layout = scene.layout()
    step = RoomStep()
    first, second = step.touchpoints(doc)[:2]
    for pid, card, value in ((ana, first, -2), (ben, first, 2), (ana, second, 1)):
        doc.apply(plans.rate(doc, step, pid, card.id, value), Origin.ROOM)
    assert scene.layout() is layout  # ratings move nothing the layout places
    emotion_lanes = [s.lane_id for s in layout.scales if not layout.lane_index[s.lane_id].collapsed]
    assert sorted(scene.sync.room_curves) == sorted(emotion_lanes)
    item = scene.sync.room_curves[emotion_lanes[0]]
    point = item.curve.points[0]
    assert (point.card_id, point.mean, point.low, point.high, point.count) == (first.id, 0.0, -2, 2, 2)
    box = item.boundingRect()
    assert box.contains(QPointF(point.x, point.y_high)) and box.contains(QPointF(point.x, point.y_low))
    undo = doc.apply(plans.remove_participant(doc, ana))
    assert item.curve.points[0].count == 1 and len(item.curve.points) == 1
    doc.apply(undo, Origin.HISTORY)
    assert len(scene.sync.room_curves[emotion_lanes[0]].curve.points) == 2


def test_a_phone_joining_does_not_lay_the_map_out_again(scene):
    layout = scene.layout()
    _people(scene.document, "Ana")
    assert scene.layout() is layout
    scene.document.apply(ops.UpdateMap({"title": "Renamed"}))
    assert scene.layout() is not layout
