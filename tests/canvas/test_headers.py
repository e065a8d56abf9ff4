"""Stage and lane headers: reorder by drag, resize a stage by its edge, collapse a lane by its chevron."""

from __future__ import annotations

from PySide6.QtCore import Qt

from canvas.items.lane_header import chevron_rect

from .helpers import click, drag, vp


def test_drag_stage_header_to_reorder(qtbot, view, scene, doc):
    layout = scene.layout()
    first = layout.stages[0]
    third = layout.stages[2]
    start = vp(view, first.header.center[0], first.header.center[1])
    end = vp(view, third.column.center[0] + 20, first.header.center[1])
    with qtbot.waitSignal(scene.stage_dropped) as blocker:
        drag(qtbot, view, start, end)
    assert blocker.args == [first.stage_id, 2]


def test_click_on_stage_header_selects_without_emitting(qtbot, view, scene, doc):
    box = scene.layout().stages[1]
    with qtbot.assertNotEmitted(scene.stage_dropped):
        click(qtbot, view, vp(view, *box.header.center))
    assert scene.selected_ids().stages == (box.stage_id,)


def test_drag_stage_edge_to_resize(qtbot, view, scene, doc):
    box = scene.layout().stages[0]
    y = box.header.center[1]
    start = vp(view, box.header.right - 2, y)
    scene.set_hover(scene.hit_at(view.mapToScene(start)))
    assert scene.cursor_shape() == Qt.CursorShape.SizeHorCursor
    with qtbot.waitSignal(scene.stage_resized) as blocker:
        drag(qtbot, view, start, vp(view, box.header.right + 58, y))
    stage_id, width = blocker.args
    assert stage_id == box.stage_id
    assert abs(width - (doc.stage(stage_id).width + 60)) <= 2


def test_drag_lane_header_to_reorder(qtbot, view, scene, doc):
    layout = scene.layout()
    lane = layout.lanes[3]  # Pain points
    start = vp(view, lane.header.center[0], lane.header.center[1] + 20)
    end = vp(view, lane.header.center[0], layout.lanes[0].row.y + 10)
    with qtbot.waitSignal(scene.lane_dropped) as blocker:
        drag(qtbot, view, start, end)
    assert blocker.args == [lane.lane_id, 0]


def test_lane_dropped_where_it_was_emits_nothing(qtbot, view, scene):
    lane = scene.layout().lanes[1]
    start = vp(view, lane.header.center[0], lane.header.center[1])
    with qtbot.assertNotEmitted(scene.lane_dropped):
        drag(qtbot, view, start, vp(view, lane.header.center[0], lane.header.center[1] + 25))


def test_click_chevron_toggles_collapse(qtbot, view, scene, doc):
    from model import ops

    lane = scene.layout().lanes[0]
    c = chevron_rect(lane)
    with qtbot.waitSignal(scene.lane_collapse_toggled) as blocker:
        click(qtbot, view, vp(view, *c.center))
    assert blocker.args == [lane.lane_id]
    # What the editor does; the header and its cards follow.
    doc.apply(ops.UpdateLane(lane.lane_id, {"collapsed": True}))
    assert scene.lane_item(lane.lane_id).box.collapsed
    card_id = doc.cell_cards(doc.stages[0].id, lane.lane_id)[0].id
    assert not scene.card_item(card_id).isVisible()
