"""A comparison laid out for compare mode and the comparison poster (issue 13): ghosts with room of their
own, traces from old cells, the earlier curves under today's cards, marks and stops; hand-made versions."""

from __future__ import annotations

from model import ops
from model.compare_view import ADDED, CHANGED, MOVED, SLOT, comparison_view
from model.document import Document
from model.domain import Card
from model.layout import LayoutEngine
from tests.model.factories import small_map


def _overlaps(a, b) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_the_same_version_twice_compares_to_nothing_and_lays_out_as_the_map():
    doc = small_map()
    view = comparison_view(doc.content(), doc)
    assert view.diff.empty and not view.ghosts and not view.traces and not view.old_curves
    assert view.marks == {} and view.stops == ()
    assert view.layout == LayoutEngine().layout(doc)


def test_a_removed_card_is_a_ghost_with_room_of_its_own_in_its_old_cell():
    doc = small_map()
    before = doc.content()
    cards = doc.cards()
    doc.apply(ops.RemoveCard(cards[0].id))  # the first of the Awareness actions
    view = comparison_view(before, doc)
    (ghost,) = view.ghosts
    assert ghost.card == cards[0] and ghost.difference.status == "removed"
    cell = view.layout.cells[(cards[0].stage_id, cards[0].lane_id)].rect
    r = ghost.box.rect
    assert cell.contains(r.x, r.y) and cell.contains(r.right, r.bottom)
    assert cards[0].id not in view.layout.cards and cards[0].id not in sum(view.layout.cell_cards.values(), ())
    assert not any(_overlaps(r, box.rect) for box in view.layout.cards.values())
    # It stands where it stood: above the card that followed it.
    assert r.bottom < view.layout.cards[cards[1].id].rect.y
    assert view.stops[0].kind == "ghost" and view.stops[0].target == cards[0].id and view.stops[0].rect == r


def test_a_ghost_whose_stage_went_too_has_no_place_but_is_still_a_stop():
    doc = small_map()
    before = doc.content()
    stage = doc.stages[0]
    doc.apply(ops.RemoveStage(stage.id))
    view = comparison_view(before, doc)
    assert view.ghosts and all(g.box is None for g in view.ghosts)
    ghost_stops = [s for s in view.stops if s.kind == "ghost"]
    assert len(ghost_stops) == 3 and all(s.rect is None for s in ghost_stops)


def test_a_card_moved_to_another_cell_has_a_trace_from_a_slot_in_its_old_cell():
    doc = small_map()
    before = doc.content()
    cards = doc.cards()
    decision_action, retention_action = cards[3], cards[6]
    doc.apply(ops.MoveCard(decision_action.id, retention_action.stage_id, retention_action.lane_id, 0))
    view = comparison_view(before, doc)
    (trace,) = view.traces
    old_cell = view.layout.cells[decision_action.cell].rect
    assert trace.card_id == decision_action.id and trace.end == view.layout.cards[decision_action.id].rect
    s = trace.start
    assert old_cell.contains(s.x, s.y) and old_cell.contains(s.right, s.bottom)
    assert not any(_overlaps(s, box.rect) for box in view.layout.cards.values())  # the slot has room too
    assert SLOT + decision_action.id not in view.layout.cards
    assert view.marks == {decision_action.id: MOVED}


def test_a_card_moved_within_its_cell_has_a_trace_from_where_it_stood():
    doc = small_map()
    before = doc.content()
    first, second = doc.cards()[0], doc.cards()[1]
    doc.apply(ops.MoveCard(first.id, first.stage_id, first.lane_id, 1))
    view = comparison_view(before, doc)
    (trace,) = view.traces
    assert trace.card_id in (first.id, second.id)
    old = LayoutEngine().layout(Document(before)).cards[trace.card_id].rect
    assert (trace.start.x, trace.start.y) == (old.x, old.y)


def test_added_and_changed_cards_are_marked_and_stops_follow_reading_order():
    doc = small_map()
    before = doc.content()
    cards = doc.cards()
    late, early = cards[6], cards[0]
    doc.apply(ops.UpdateCard(late.id, {"text": "changed late"}))
    added = Card(early.stage_id, early.lane_id, "new")
    doc.apply(ops.AddCard(added))
    doc.apply(ops.UpdateStage(doc.stages[1].id, {"name": "Choice"}))
    view = comparison_view(before, doc)
    assert view.marks == {late.id: CHANGED, added.id: ADDED}
    assert [(s.kind, s.target) for s in view.stops] == [
        ("card", added.id), ("stage", doc.stages[1].id), ("card", late.id)]


def test_the_earlier_curve_hangs_under_todays_cards_and_a_removed_cards_value_under_its_ghost():
    doc = small_map()
    before = doc.content()
    ana = doc.personas[0]
    curve_cards = [c for c, _ in doc.persona_curve(ana.id)]
    doc.apply(ops.SetEmotion(curve_cards[1].id, ana.id, 2.0))
    doc.apply(ops.RemoveCard(curve_cards[0].id))
    view = comparison_view(before, doc)
    (old,) = [c for c in view.old_curves if c.persona_id == ana.id]
    assert [p.value for p in old.points] == [v for _, v in Document(before).persona_curve(ana.id)]
    ghost = next(g for g in view.ghosts if g.card.id == curve_cards[0].id)
    assert ghost.box.rect.x <= old.points[0].x <= ghost.box.rect.right
    now = view.layout.cards[curve_cards[1].id].rect
    assert now.x <= old.points[1].x <= now.right
    scale = view.layout.scales[0]
    assert old.points[1].y == scale.y_for(before_value(before, curve_cards[1].id, ana.id))


def before_value(content, card_id, persona_id) -> float:
    return next(v for c, p, v in content.emotions if (c, p) == (card_id, persona_id))


def test_maps_made_apart_are_matched_by_text_and_place():
    a, b = small_map(), small_map()  # the same map twice: fresh ids, nothing in common
    b.apply(ops.RemoveCard(b.cards()[0].id))
    view = comparison_view(a.content(), b)
    assert view.diff.matched_by != "id"
    (ghost,) = view.ghosts
    assert ghost.card.text == a.cards()[0].text and ghost.box is not None
