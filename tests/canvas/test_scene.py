"""The scene builds one item per thing and follows the document through edits and undo."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.decorations import FIND, INSIGHTS, WORKSHOP, Decoration
from canvas.scene import MapScene
from canvas.selection import SelectionModel
from model import ops
from model.domain import Card
from tests.model.factories import generated_map
from tests.model.test_layout import random_edit  # one definition of a random user edit


def test_one_item_per_card_stage_lane_curve_connection(scene, doc):
    counts = scene.item_counts()
    assert counts["cards"] == doc.card_count
    assert counts["stages"] == len(doc.stages)
    assert counts["lanes"] == len(doc.lanes)
    assert counts["connections"] == len(doc.connections)
    assert counts["curves"] == len([p for p in doc.personas if p.visible])  # one Emotions lane
    for card in doc.cards():
        assert scene.card_item(card.id).pos().x() == scene.layout().cards[card.id].rect.x


def test_add_move_remove_card_updates_items(scene, doc):
    stage, lane = doc.stages[0].id, doc.lanes[3].id
    card = Card(stage, lane, "A new pain", colour="red")
    doc.apply(ops.AddCard(card))
    item = scene.card_item(card.id)
    assert item.card.text == "A new pain"
    assert item.pos().y() == scene.layout().cards[card.id].rect.y

    doc.apply(ops.MoveCard(card.id, doc.stages[4].id, lane, 0))
    assert scene.card_item(card.id) is item  # the same item, moved
    assert item.pos().x() == scene.layout().cards[card.id].rect.x
    assert scene.layout().stage_index[doc.stages[4].id].column.contains(item.pos().x() + 1, item.pos().y() + 1)

    doc.apply(ops.RemoveCard(card.id))
    assert scene.item_counts()["cards"] == doc.card_count
    assert item.scene() is None


def test_rename_stage_and_undo_by_inverse(scene, doc):
    stage = doc.stages[1]
    item = scene.stage_item(stage.id)
    inverse = doc.apply(ops.UpdateStage(stage.id, {"name": "Comparing"}))
    assert item.box.name.lines == ("Comparing",)
    doc.apply(inverse)
    assert item.box.name.lines == (stage.name,)
    assert scene.stage_item(stage.id) is item


def test_unchanged_items_are_not_touched_by_an_unrelated_edit(scene, doc):
    far = doc.cell_cards(doc.stages[4].id, doc.lanes[0].id)[0]
    box_before = scene.card_item(far.id).box
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"owner": "Someone new"}))
    assert scene.card_item(far.id).box is box_before  # equal value, so the setter kept the old one


def test_removing_a_selected_card_prunes_the_selection(qtbot, scene, doc):
    card_id = doc.cards()[0].id
    scene.select("cards", [card_id])
    with qtbot.waitSignal(scene.selection_changed):
        doc.apply(ops.RemoveCard(card_id))
    assert scene.selected_ids().cards == ()


def test_a_focusing_decoration_dims_the_rest(scene, doc):
    keep = doc.cards()[0].id
    scene.set_decoration(FIND, Decoration(focus={keep}))
    assert scene.card_item(keep).opacity() == 1.0
    others = [c.id for c in doc.cards() if c.id != keep]
    assert all(scene.card_item(c).opacity() < 0.5 for c in others)
    # A card added (or brought back by undo) while the focus stands is dimmed too; the others keep their look.
    new = Card(doc.stages[0].id, doc.lanes[0].id, "added while filtered")
    undo = doc.apply(ops.AddCard(new))
    assert scene.card_item(new.id).opacity() < 0.5 and scene.card_item(keep).opacity() == 1.0
    doc.apply(undo)
    removed = doc.card(others[0])
    back = doc.apply(ops.RemoveCard(removed.id))
    doc.apply(back)
    assert scene.card_item(removed.id).opacity() < 0.5
    scene.set_decoration(FIND, None)
    assert all(scene.card_item(c.id).opacity() == 1.0 for c in doc.cards())


def test_decoration_layers_coexist(scene, doc):
    """Find and a workshop focus dim together (a card must pass both); marks of two layers both ring a card."""
    a, b, c = (card.id for card in doc.cards()[:3])
    scene.set_decoration(FIND, Decoration(focus={a, b}))
    scene.set_decoration(WORKSHOP, Decoration(focus={b, c}, marks={b: "#D69E2E"}))
    assert scene.highlighted() == {b}
    assert [scene.card_item(x).opacity() == 1.0 for x in (a, b, c)] == [False, True, False]
    scene.set_decoration(INSIGHTS, Decoration(marks={b: "#C53030", c: "#C53030"}))
    rings = scene._marks.rings()
    assert len(rings) == 3  # b twice (insights inside, workshop outside), c once
    box = scene.layout().cards[b].rect
    around_b = sorted((r.width() for r, _ in rings if r.contains(box.center[0], box.center[1])))
    assert len(around_b) == 2 and around_b[0] < around_b[1]
    scene.set_decoration(FIND, None)  # the workshop's focus stays
    assert scene.highlighted() == {b, c}
    scene.set_decoration(WORKSHOP, None)
    scene.set_decoration(INSIGHTS, None)
    assert scene.highlighted() is None and scene._marks.rings() == []
    assert all(scene.card_item(card.id).opacity() == 1.0 for card in doc.cards())


def test_two_scenes_share_one_selection(qtbot, doc):
    selection = SelectionModel()
    first, second = MapScene(doc, selection=selection), MapScene(doc, selection=selection)
    try:
        card = doc.cards()[0].id
        with qtbot.waitSignal(second.selection_changed):
            first.select("cards", [card])
        assert second.selected_ids().cards == (card,)
        assert second.card_item(card).selected_look()
        second.clear_selection()
        assert not first.card_item(card).selected_look()
    finally:
        first.close()
        second.close()


def test_stage_removal_and_undo_restores_items(scene, doc):
    stage = doc.stages[2]
    cards = [c.id for lane in doc.lanes for c in doc.cell_cards(stage.id, lane.id)]
    inverse = doc.apply(ops.RemoveStage(stage.id))
    assert scene.item_counts()["stages"] == len(doc.stages)
    assert all(c not in scene.layout().cards for c in cards)
    doc.apply(inverse)
    assert scene.item_counts()["cards"] == doc.card_count
    assert all(scene.card_item(c).box == scene.layout().cards[c] for c in cards)


def test_a_closed_scene_no_longer_follows_the_document(qapp, doc):
    other = MapScene(doc)
    other.close()
    doc.apply(ops.UpdateMap({"title": "Changed"}))  # must not reach the closed scene
    assert other.layout() is not None


def _items_follow_layout(scene, doc) -> None:
    layout = scene.layout()
    for card in doc.cards():
        item, box = scene.card_item(card.id), layout.cards[card.id]
        assert item.box is box and item.card is card
        assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)


def test_a_taller_card_moves_the_rows_below_and_their_items_follow(scene, doc):
    """Growing the last card of the first lane's tallest cell moves every lane below: those
    items only move, the first lane's other cells keep their CardBox objects, and a fresh
    scene draws every card at the same place with the same lines."""
    layout = scene.layout()
    lane = doc.lanes[0]

    def cell_bottom(stage):
        return max((layout.cards[c].rect.bottom for c in layout.cell_cards[(stage.id, lane.id)]), default=0.0)

    tallest = max(doc.stages, key=cell_bottom)
    card = doc.cell_cards(tallest.id, lane.id)[-1]
    below = {c.id: layout.cards[c.id].rect.y for c in doc.cards() if doc.lane_index(c.lane_id) > 0}
    doc.apply(ops.UpdateCard(card.id, {"text": card.text + " and more" * 60}))
    after = scene.layout()
    assert after.height > layout.height
    assert below and all(after.cards[c].rect.y > y for c, y in below.items())
    _items_follow_layout(scene, doc)
    same_lane = [c.id for s in doc.stages if s.id != tallest.id for c in doc.cell_cards(s.id, lane.id)]
    assert same_lane and all(after.cards[c] is layout.cards[c] for c in same_lane)
    fresh = MapScene(doc)
    try:
        assert fresh.layout() == after
        for c in doc.cards():
            a, b = fresh.card_item(c.id), scene.card_item(c.id)
            assert a.pos() == b.pos() and a.boundingRect() == b.boundingRect()
            assert [t for _, t in a._lines] == [t for _, t in b._lines]
            assert [p.y() for p, _ in a._lines] == pytest.approx([p.y() for p, _ in b._lines], abs=1e-9)
    finally:
        fresh.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_scene_kept_across_edits_draws_as_a_fresh_one(qapp, data):
    """The scene skips cells and moves items on the layout engine's word (same id tuple, same
    CardBox): after random edits every card item holds what a fresh scene's holds."""
    doc = generated_map(60, stages=3, lanes=4, personas=2, seed=data.draw(st.integers(0, 3)))
    scene = MapScene(doc)
    try:
        for _ in range(data.draw(st.integers(1, 10))):
            random_edit(doc, data)
            fresh = MapScene(doc)
            try:
                assert set(scene.sync.cards) == set(fresh.sync.cards)
                for card_id, item in scene.sync.cards.items():
                    other = fresh.card_item(card_id)
                    assert item.box == other.box and item.card == other.card and item.votes == other.votes
                    assert item._footer_text == other._footer_text  # its room depends on the votes shown
                    assert item.pos() == other.pos() and item.boundingRect() == other.boundingRect()
                    assert item.isVisible() == other.isVisible()
                    assert [t for _, t in item._lines] == [t for _, t in other._lines]
            finally:
                fresh.close()
    finally:
        scene.close()


def test_a_card_shows_the_current_sessions_count_once_revealed(scene, doc):
    """A new count that keeps the card's footer leaves its cell alone: the item still hears of it."""
    from model import voting
    from tests.model.factories import give_votes

    card = next(c for c in doc.cards() if not c.owner)
    give_votes(doc, {card.id: 2})
    item = scene.card_item(card.id)
    box = item.box
    assert item.votes == 2 and box.footer is not None
    session = voting.current_session(doc)
    doc.apply(voting.set_wall_total(doc, session.id, card.id, 9))
    assert item.votes == 9 and item.box is box  # same footer: the count changed in place
    doc.apply(voting.reveal(doc, session.id, False))
    assert item.votes == 0 and item.box.footer is None  # hidden until revealed: no footer at all
    doc.apply(voting.reveal(doc, session.id))
    assert item.votes == 9 and item.box.footer is not None


def test_a_vote_badge_and_its_heat_dim_with_their_card(scene, doc):
    """Seen in a workshop: with a step's focus on the pain points, the opportunities' vote heat stayed
    bright over their dimmed cards."""
    from canvas.vote_badges import VoteBadges

    kept, other = doc.cards()[0].id, doc.cards()[1].id
    scene.set_vote_badges(VoteBadges({kept: 3, other: 5}))
    assert {scene.vote_badges.items[c].opacity() for c in (kept, other)} == {1.0}
    scene.set_decoration(WORKSHOP, Decoration(focus={kept}))
    assert scene.vote_badges.items[kept].opacity() == 1.0
    assert scene.vote_badges.items[other].opacity() == scene.card_item(other).opacity() < 0.5
    scene.set_vote_badges(VoteBadges({kept: 3, other: 6}))  # new counts keep the dimming
    assert scene.vote_badges.items[other].opacity() < 0.5
    scene.set_decoration(WORKSHOP, None)
    assert scene.vote_badges.items[other].opacity() == 1.0


def test_an_actions_due_date_gives_its_card_a_footer_and_undo_takes_it_away(scene, doc):
    from model import voting
    from model.domain import CardKind

    voted = voting.shown_votes(doc)
    card = next(c for c in doc.cards() if not c.owner and c.id not in voted)
    item = scene.card_item(card.id)
    no_footer = item.box
    assert no_footer.footer is None
    inverse = doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
    assert item.box.footer is not None and item._footer_text == "Due 2026-12-31"
    assert item.box.rect.h > no_footer.rect.h
    doc.apply(inverse)
    assert item.box.footer is None and item._footer_text == "" and item.box.rect.h == no_footer.rect.h
