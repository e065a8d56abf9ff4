"""Connections run around cards: no route crosses a card (so never a card's text), on any map.

The canvas and the poster both draw `ConnectionPath.segments` as they are (tests/canvas and
tests/export check that), so what holds here holds on screen and on paper.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from model import ops
from model.document import Document
from model.domain import Card, Connection, Lane, Stage
from model.layout import compute_layout
from model.layout_routes import point_along, rounded
from model.layout_types import Rect
from model.templates import example_content

from .factories import generated_map
from .test_layout import on_edge, random_maps


def _samples(piece, n: int = 16):
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = piece
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        yield (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def _crosses(p, q, r: Rect, inset: float = 1e-6) -> bool:
    """Whether segment pq enters the open interior of r (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = r.x + inset, r.y + inset, r.right - inset, r.bottom - inset
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q <= 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True


def text_rect(box) -> Rect | None:
    """The rectangle a card's text covers: its lines' widths, from a line's ascent to the last descent."""
    from model.fonts import regular_metrics

    block = box.text
    if not block.lines:
        return None
    widest = max(regular_metrics().text_width(line, block.size) for line in block.lines)
    top = block.baselines[0] - block.size
    return Rect(block.x, top, widest, block.baselines[-1] + block.size * 0.3 - top)


def crossings(layout) -> list[tuple[str, str]]:
    """(connection, card) for every route piece that enters a visible card's rectangle.

    A card's rectangle holds its text rectangle, so no crossing here means no card's text is crossed."""
    found = []
    visible = [box for box in layout.cards.values() if not box.hidden]
    for path in layout.connections:
        for piece in path.segments:
            points = list(_samples(piece))
            for box in visible:
                r = box.rect
                for p, q in zip(points, points[1:]):
                    if _crosses(p, q, r):
                        found.append((path.connection_id, box.card_id))
                        break
    return found


def _assert_routes_avoid_cards(doc) -> None:
    layout = compute_layout(doc)
    assert layout.connections, "the map should have connections to check"
    assert crossings(layout) == []
    for path in layout.connections:
        source, target = layout.cards[path.source_id], layout.cards[path.target_id]
        assert on_edge(path.points[0], source.rect) and on_edge(path.points[-1], target.rect)
        # The pieces join end to end, from the first corner to the last.
        assert path.segments[0][0] == path.points[0] and path.segments[-1][3] == path.points[-1]
        for a, b in zip(path.segments, path.segments[1:]):
            assert a[3] == pytest.approx(b[0])
        # Straight runs are level or upright: the route keeps to the channels.
        for p, q in zip(path.points, path.points[1:]):
            assert p[0] == pytest.approx(q[0]) or p[1] == pytest.approx(q[1])


def test_the_example_maps_connections_cross_no_card():
    _assert_routes_avoid_cards(Document(example_content()))


def test_a_generated_maps_connections_cross_no_card():
    _assert_routes_avoid_cards(generated_map(600, stages=6, lanes=6, seed=3))


def test_connections_across_full_rows_cross_no_card():
    """The issue's case: a connection from a card to one two stages on, a lane down, with every
    cell between them full; once drawn as one curve straight across the cards between."""
    doc = Document()
    lanes = [Lane("Actions"), Lane("Touchpoints"), Lane("Pain points")]
    stages = [Stage(f"Stage {i}", width=w) for i, w in enumerate((260.0, 460.0, 260.0, 300.0))]
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lanes)]:
        doc.apply(op)
    cards = {}
    for s, stage in enumerate(stages):
        for lane in lanes:
            for k in range(3):
                card = Card(stage.id, lane.id, f"{stage.name} {lane.name} card {k} with some words to wrap")
                doc.apply(ops.AddCard(card))
                cards[(s, lane.name, k)] = card
    pairs = [
        ((0, "Actions", 0), (3, "Pain points", 2)),
        ((3, "Touchpoints", 1), (0, "Actions", 2)),  # loops back
        ((1, "Actions", 0), (1, "Actions", 2)),  # same cell, two columns
        ((1, "Actions", 2), (1, "Actions", 1)),
        ((0, "Actions", 0), (0, "Pain points", 1)),  # same stage, down two lanes
        ((2, "Touchpoints", 0), (2, "Touchpoints", 1)),  # right below
        ((2, "Touchpoints", 2), (2, "Touchpoints", 0)),  # same column, past a card
    ]
    for a, b in pairs:
        doc.apply(ops.AddConnection(Connection(cards[a].id, cards[b].id)))
    _assert_routes_avoid_cards(doc)
    # The card right below is reached straight through the gap between them.
    layout = compute_layout(doc)
    below = layout.connections[5]
    assert len(below.points) == 2 and below.points[0][0] == below.points[1][0]


def test_text_rectangles_lie_inside_card_rectangles():
    """What makes `crossings` a test of text: every card's text lies inside its card."""
    layout = compute_layout(Document(example_content()))
    for box in layout.cards.values():
        t = text_rect(box)
        if t is not None:
            r = box.rect
            assert r.x <= t.x and t.right <= r.right and r.y <= t.y and t.bottom <= r.bottom


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_random_maps_route_every_connection_around_the_cards(doc):
    layout = compute_layout(doc)
    assert crossings(layout) == []


def test_corners_are_rounded_and_the_route_is_kept():
    points = ((0.0, 0.0), (40.0, 0.0), (40.0, 30.0), (80.0, 30.0))
    pieces = rounded(points)
    assert len(pieces) == 5  # three straight runs, two corners
    assert pieces[0][0] == points[0] and pieces[-1][3] == points[-1]
    for a, b in zip(pieces, pieces[1:]):
        assert a[3] == b[0]
    # A short run gets a smaller radius: the two corners meet but never overlap.
    tight = rounded(((0.0, 0.0), (10.0, 0.0), (10.0, 4.0), (20.0, 4.0)))
    assert [(p[0], p[3]) for p in tight] == [
        ((0.0, 0.0), (8.0, 0.0)),
        ((8.0, 0.0), (10.0, 2.0)),
        ((10.0, 2.0), (12.0, 4.0)),
        ((12.0, 4.0), (20.0, 4.0)),
    ]
    assert point_along(points, 0.5) == (40.0, 15.0)  # 55 of 110 units along


def test_an_engine_reusing_routes_gives_the_routes_a_fresh_one_gives():
    from model.layout import LayoutEngine

    doc = generated_map(300, stages=5, lanes=5, seed=9)
    engine = LayoutEngine()
    engine.layout(doc)
    cards = doc.cards()
    edits = [
        ops.UpdateCard(cards[0].id, {"text": "a much longer text " * 12}),  # moves the cards below it
        ops.UpdateStage(doc.stages[1].id, {"width": 520.0}),  # new channels: every route again
        ops.AddConnection(Connection(cards[5].id, cards[250].id)),
        ops.UpdateLane(doc.lanes[0].id, {"collapsed": True}),
    ]
    for edit in edits:
        doc.apply(edit)
        assert engine.layout(doc).connections == LayoutEngine().layout(doc).connections
