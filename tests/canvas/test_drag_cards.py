"""Dragging cards: to another cell, within a cell, several at once; a click moves nothing."""

from __future__ import annotations

from model import edits

from PySide6.QtCore import Qt

from model import ops

from .helpers import LEFT, centre, click, drag, vp


def _cell(doc, stage, lane):
    return [c.id for c in doc.cell_cards(stage, lane)]


def _apply_drops(scene, doc):
    """What the editor does with the signal: one MoveCard per card, in order."""

    def on_dropped(ids, stage_id, lane_id, index):
        for k, card_id in enumerate(ids):
            doc.apply(ops.MoveCard(card_id, stage_id, lane_id, index + k))

    scene.cards_dropped.connect(on_dropped)


def test_drag_card_to_another_cell_emits_target_and_index(qtbot, view, scene, doc):
    layout = scene.layout()
    awareness, consideration = doc.stages[0].id, doc.stages[1].id
    actions = doc.lanes[0].id
    card_id = _cell(doc, awareness, actions)[0]
    target_cards = _cell(doc, consideration, actions)
    first = layout.cards[target_cards[0]].rect
    # Drop on the upper half of the first card of the next stage: it goes before it.
    with qtbot.waitSignal(scene.cards_dropped) as blocker:
        drag(qtbot, view, centre(view, layout.cards[card_id].rect), vp(view, first.center[0], first.y + 4))
    assert blocker.args == [[card_id], consideration, actions, 0]


def test_drop_indicator_shows_while_dragging_and_hides_after(qtbot, view, scene, doc):
    layout = scene.layout()
    card_id = _cell(doc, doc.stages[0].id, doc.lanes[0].id)[0]
    port = view.viewport()
    start = centre(view, layout.cards[card_id].rect)
    target = layout.cells[(doc.stages[3].id, doc.lanes[0].id)].rect
    qtbot.mousePress(port, LEFT, pos=start)
    for p in (start + (vp(view, *target.center) - start) * (i / 4) for i in range(1, 5)):
        qtbot.mouseMove(port, p)
    assert scene.drop_line() is not None
    line = scene.drop_line()
    assert target.x <= line.p1().x() <= target.right
    qtbot.mouseRelease(port, LEFT, pos=vp(view, *target.center))
    assert scene.drop_line() is None


def test_drag_within_a_cell_reorders(qtbot, view, scene, doc):
    _apply_drops(scene, doc)
    purchase, actions = doc.stages[2].id, doc.lanes[0].id
    before = _cell(doc, purchase, actions)
    layout = scene.layout()
    second = layout.cards[before[1]].rect
    with qtbot.waitSignal(scene.cards_dropped) as blocker:
        drag(qtbot, view, centre(view, layout.cards[before[0]].rect), vp(view, second.center[0], second.bottom + 3))
    stage_id, lane_id, index = blocker.args[1:]
    assert (stage_id, lane_id) == (purchase, actions)
    assert _cell(doc, purchase, actions) != before
    assert sorted(_cell(doc, purchase, actions)) == sorted(before)
    assert scene.card_item(before[0]).pos().y() == scene.layout().cards[before[0]].rect.y


def test_click_without_movement_emits_nothing_and_selects(qtbot, view, scene, doc):
    card_id = _cell(doc, doc.stages[0].id, doc.lanes[0].id)[0]
    with qtbot.assertNotEmitted(scene.cards_dropped):
        click(qtbot, view, centre(view, scene.layout().cards[card_id].rect))
    assert scene.selected_ids().cards == (card_id,)


def test_drop_back_on_the_same_place_plans_no_edit(qtbot, view, scene, doc):
    # The canvas emits what the user did; the planner finds that it changes nothing.
    layout = scene.layout()
    card_id = _cell(doc, doc.stages[0].id, doc.lanes[0].id)[0]
    r = layout.cards[card_id].rect
    with qtbot.waitSignal(scene.cards_dropped) as blocker:
        drag(qtbot, view, vp(view, r.center[0], r.y + 5), vp(view, r.center[0] + 30, r.y + 8))
    assert blocker.args[0] == [card_id]
    assert edits.move_cards(doc, *blocker.args) is None


def test_multi_selection_moves_together_in_journey_order(qtbot, view, scene, doc):
    _apply_drops(scene, doc)
    layout = scene.layout()
    a = _cell(doc, doc.stages[0].id, doc.lanes[0].id)[1]
    b = _cell(doc, doc.stages[1].id, doc.lanes[0].id)[0]
    from PySide6.QtCore import Qt

    click(qtbot, view, centre(view, layout.cards[b].rect))
    click(qtbot, view, centre(view, layout.cards[a].rect), Qt.KeyboardModifier.ControlModifier)
    assert set(scene.selected_ids().cards) == {a, b}
    loyalty, opportunities = doc.stages[4].id, doc.lanes[4].id
    target = layout.cells[(loyalty, opportunities)].rect
    with qtbot.waitSignal(scene.cards_dropped) as blocker:
        drag(qtbot, view, centre(view, layout.cards[b].rect), vp(view, target.center[0], target.bottom - 6))
    assert blocker.args[0] == [a, b]  # journey order: Awareness before Consideration
    assert blocker.args[1:3] == [loyalty, opportunities]
    assert _cell(doc, loyalty, opportunities)[-2:] == [a, b]


def test_escape_abandons_a_drag(qtbot, view, scene, doc):
    layout = scene.layout()
    card_id = _cell(doc, doc.stages[0].id, doc.lanes[0].id)[0]
    port = view.viewport()
    start = centre(view, layout.cards[card_id].rect)
    target = vp(view, *layout.cells[(doc.stages[3].id, doc.lanes[0].id)].rect.center)
    view.setFocus()
    with qtbot.assertNotEmitted(scene.cards_dropped):
        qtbot.mousePress(port, LEFT, pos=start)
        qtbot.mouseMove(port, start + (target - start) / 2)
        qtbot.mouseMove(port, target)
        assert scene.drop_line() is not None
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        assert scene.drop_line() is None
        qtbot.mouseRelease(port, LEFT, pos=target)
    assert scene.card_item(card_id).pos().x() == layout.cards[card_id].rect.x
