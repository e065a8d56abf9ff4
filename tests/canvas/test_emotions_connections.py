"""Emotion points: drag with snapping, click to add; connections drawn from a card's handle."""

from __future__ import annotations

from model import edits

from PySide6.QtCore import QRectF, Qt

from canvas.tools import snap

from .helpers import LEFT, centre, drag, hover, vp

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _point(scene, persona_id):
    curve = next(c for c in scene.layout().curves if c.persona_id == persona_id)
    return curve, curve.points[1]


def _scale(scene):
    return scene.layout().scales[0]


def test_snap():
    assert snap(0.74, False) == 0.5
    assert snap(0.76, False) == 1.0
    assert snap(0.74, True) == 0.7
    assert snap(-2.6, False) == -2.0


def test_drag_emotion_point_snaps_to_half_steps(qtbot, view, scene, doc):
    maya = doc.personas[0].id
    _, point = _point(scene, maya)
    scale = _scale(scene)
    end_y = scale.y_for(1.3)  # nearest half step: 1.5
    with qtbot.waitSignal(scene.emotion_dragged) as blocker:
        drag(qtbot, view, vp(view, point.x, point.y), vp(view, point.x, end_y))
    assert blocker.args == [point.card_id, maya, 1.5]


def test_shift_drag_gives_tenths(qtbot, view, scene, doc):
    maya = doc.personas[0].id
    _, point = _point(scene, maya)
    end_y = _scale(scene).y_for(1.28)
    with qtbot.waitSignal(scene.emotion_dragged) as blocker:
        drag(qtbot, view, vp(view, point.x, point.y), vp(view, point.x, end_y), SHIFT)
    assert blocker.args[2] == 1.3


def test_dragging_back_to_the_same_value_plans_no_edit(qtbot, view, scene, doc):
    maya = doc.personas[0].id
    _, point = _point(scene, maya)
    port = view.viewport()
    start = vp(view, point.x, point.y)
    with qtbot.waitSignal(scene.emotion_dragged) as blocker:
        qtbot.mousePress(port, LEFT, pos=start)
        qtbot.mouseMove(port, vp(view, point.x, point.y + 40))
        qtbot.mouseMove(port, vp(view, point.x, point.y + 3))  # back where it was, before the release
        qtbot.mouseRelease(port, LEFT, pos=vp(view, point.x, point.y + 3))
    assert edits.set_emotion(doc, *blocker.args) is None


def test_click_in_emotions_lane_adds_a_point_for_the_active_persona(qtbot, view, scene, doc):
    tom = doc.personas[1].id
    scene.set_active_persona(tom)
    # Under the second Actions card of Awareness, which has no emotion yet.
    awareness, actions = doc.stages[0].id, doc.lanes[0].id
    card = doc.cell_cards(doc.stages[2].id, actions)[1]  # a Purchase card in the second column
    box = scene.layout().cards[card.id].rect
    y = _scale(scene).y_for(-1.9)
    with qtbot.waitSignal(scene.emotion_added) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, box.center[0], y))
    assert blocker.args[1:] == [tom, -2.0]
    assert doc.card(blocker.args[0]).stage_id == doc.stages[2].id
    del awareness


def test_no_active_persona_means_no_point(qtbot, view, scene, doc):
    card = doc.cell_cards(doc.stages[2].id, doc.lanes[0].id)[1]
    box = scene.layout().cards[card.id].rect
    with qtbot.assertNotEmitted(scene.emotion_added):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, box.center[0], _scale(scene).y_for(0)))


def test_connection_drawn_from_the_handle(qtbot, view, scene, doc):
    layout = scene.layout()
    source = doc.cell_cards(doc.stages[3].id, doc.lanes[0].id)[0].id
    target = doc.cell_cards(doc.stages[4].id, doc.lanes[0].id)[0].id
    r = layout.cards[source].rect
    hover(view, centre(view, r))  # hovering shows the handle
    assert scene.card_item(source)._hovered
    with qtbot.waitSignal(scene.connection_drawn) as blocker:
        drag(qtbot, view, vp(view, r.right, r.center[1]), centre(view, layout.cards[target].rect))
    assert blocker.args == [source, target]


def test_connection_to_itself_or_an_existing_one_emits_nothing(qtbot, view, scene, doc):
    existing = doc.connections[0]
    layout = scene.layout()
    r = layout.cards[existing.source_id].rect
    scene.set_tool("connect")
    with qtbot.assertNotEmitted(scene.connection_drawn):
        drag(qtbot, view, centre(view, r), centre(view, layout.cards[existing.target_id].rect))
        drag(qtbot, view, centre(view, r), vp(view, r.center[0] + 20, r.center[1] + 5))


def test_click_on_a_connection_selects_it(qtbot, view, scene, doc):
    conn = scene.layout().connections[1]
    from model.layout_routes import point_along

    x, y = point_along(conn.points, 0.5)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, x, y))
    assert scene.selected_ids().connections == (conn.connection_id,)


def test_emotion_tool_uses_the_first_visible_persona_when_none_is_active(qtbot, view, scene, doc):
    scene.set_tool("emotion")
    card = doc.cell_cards(doc.stages[2].id, doc.lanes[0].id)[1]
    box = scene.layout().cards[card.id].rect
    with qtbot.waitSignal(scene.emotion_added) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp(view, box.center[0], _scale(scene).y_for(1.0)))
    assert blocker.args[1:] == [doc.personas[0].id, 1.0]


def test_a_connection_label_avoids_covering_cards(qtbot, scene, doc):
    from model import ops
    from model.domain import Connection

    source = doc.cell_cards(doc.stages[0].id, doc.lanes[0].id)[0].id  # Awareness action
    target = doc.cell_cards(doc.stages[2].id, doc.lanes[1].id)[0].id  # Purchase touchpoint
    conn = Connection(source, target, "comes back a year later")
    doc.apply(ops.AddConnection(conn))
    path = next(p for p in scene.layout().connections if p.connection_id == conn.id)
    x, y = path.label_at
    middle = QRectF(x - 60, y - 8, 120, 17)
    assert any(middle.intersects(QRectF(b.rect.x, b.rect.y, b.rect.w, b.rect.h)) for b in scene.layout().cards.values())
    label = scene.connection_item(conn.id).label_item
    box = label.sceneBoundingRect()
    assert label.isVisible() and box.width() > 20
    for card_box in scene.layout().cards.values():
        r = card_box.rect
        assert not box.intersects(QRectF(r.x, r.y, r.w, r.h)), card_box.card_id


def test_connection_labels_follow_every_edit_that_moves_cards_and_only_those(qtbot, scene, doc):
    """Labels are placed again only when some card may stand somewhere new (canvas/sync.py): after each
    edit, every label is where a fresh placement among today's cards puts it."""
    from model import ops, voting
    from model.domain import Card, Connection, VotingSession
    from model.layout_query import label_spot

    source = doc.cell_cards(doc.stages[0].id, doc.lanes[0].id)[0].id
    target = doc.cell_cards(doc.stages[2].id, doc.lanes[1].id)[0].id
    doc.apply(ops.AddConnection(Connection(source, target, "comes back a year later")))
    session = VotingSession("Dots", revealed=True, current=True)
    doc.apply(voting.add_session(doc, session))

    def labels_fresh() -> None:
        layout = scene.layout()
        for path in layout.connections:
            item = scene.connection_item(path.connection_id)
            (x, y), w, h, upright = item.label_item._key[:4]
            if path.label:
                assert (x, y, upright) == label_spot(layout, path, w, h), path.connection_id

    labels_fresh()
    for stage in doc.stages:
        for lane in doc.lanes:
            if lane.takes_cards:
                card = Card(stage.id, lane.id, "A card that stands in the way " * 3)
                doc.apply(ops.AddCard(card, index=0))
                labels_fresh()
                doc.apply(voting.set_wall_total(doc, session.id, card.id, 2))  # a footer appears: it grows
                labels_fresh()
                doc.apply(voting.set_wall_total(doc, session.id, card.id, 3))  # the count alone: nothing moves
                labels_fresh()
    doc.apply(ops.RemoveCard(doc.cell_cards(doc.stages[1].id, doc.lanes[0].id)[0].id))
    labels_fresh()


def test_labels_stay_where_a_fresh_placement_puts_them_on_a_real_map_under_many_small_edits(qapp):
    """Only labels near a changed cell are placed again (canvas/sync.py): on a realistic map, cards that
    grow, shrink and gain footers one by one never leave a label where a fresh placement would not put it."""
    import random

    from canvas.scene import MapScene
    from model import ops, voting
    from model.document import Document
    from model.domain import VotingSession
    from model.layout_query import label_spot
    from tests.model.realistic_maps import realistic_content

    doc = Document(realistic_content(300))
    scene = MapScene(doc)
    try:
        session = VotingSession("Dots", revealed=True, current=True)
        doc.apply(voting.add_session(doc, session))
        rng = random.Random(7)
        cards = doc.cards()
        for i in range(60):
            card = rng.choice(cards)
            if i % 3 == 0:
                op = voting.set_wall_total(doc, session.id, card.id, rng.randint(0, 3))
                if op is None:
                    continue
                doc.apply(op)
            elif i % 3 == 1:
                doc.apply(ops.UpdateCard(card.id, {"text": " ".join(["grows"] * rng.randint(1, 40))}))
            else:
                doc.apply(ops.UpdateCard(card.id, {"owner": rng.choice(["", "Sales", "Support"])}))
            layout = scene.layout()
            for path in layout.connections:
                if path.label:
                    (x, y), w, h, upright = scene.connection_item(path.connection_id).label_item._key[:4]
                    assert (x, y, upright) == label_spot(layout, path, w, h), (i, path.connection_id)
    finally:
        scene.close()
