"""The journey graph derived from the map, and the analyses built on it."""

from __future__ import annotations

import pytest

from model import ops
from model.document import Document
from model.domain import Card, CardKind, Connection, Lane, Stage
from model.graph import Loops, critical_path, journey_graph, loops, unreachable_cards

from .factories import small_map


def chain_map(n_stages: int = 4, per_stage: int = 2) -> tuple[Document, list[list[Card]]]:
    doc = Document()
    stages = [Stage(f"S{i}") for i in range(n_stages)]
    lane = Lane("Steps")
    for op in [*map(ops.AddStage, stages), ops.AddLane(lane)]:
        doc.apply(op)
    cards = []
    for s, stage in enumerate(stages):
        row = [Card(stage.id, lane.id, f"{s}.{i}", kind=CardKind.TOUCHPOINT) for i in range(per_stage)]
        for card in row:
            doc.apply(ops.AddCard(card))
        cards.append(row)
    return doc, cards


def connect(doc: Document, a: Card, b: Card, label: str = "", share: float | None = None) -> Connection:
    conn = Connection(a.id, b.id, label, share)
    doc.apply(ops.AddConnection(conn))
    return conn


def test_every_card_is_a_node_and_every_connection_an_edge():
    doc = small_map()
    graph = journey_graph(doc)
    assert list(graph.nodes) == [c.id for c in doc.cards()]
    card = doc.cards()[3]
    node = graph.nodes[card.id]
    assert node == {
        "stage_id": card.stage_id,
        "stage_index": doc.stage_index(card.stage_id),
        "lane_id": card.lane_id,
        "kind": str(card.kind),
        "text": card.text,
    }
    assert graph.number_of_edges() == len(doc.connections)
    for conn in doc.connections:
        data = graph.edges[conn.source_id, conn.target_id]
        assert (data["id"], data["label"], data["share"]) == (conn.id, conn.label, conn.share)
    first, second = doc.connections
    assert not graph.edges[first.source_id, first.target_id]["loops_back"]
    assert graph.edges[second.source_id, second.target_id]["loops_back"]


def test_the_graph_is_derived_fresh_each_time():
    doc = small_map()
    before = journey_graph(doc)
    doc.apply(ops.RemoveCard(doc.cards()[0].id))
    after = journey_graph(doc)
    assert before.number_of_nodes() == after.number_of_nodes() + 1
    assert after.number_of_edges() == len(doc.connections) == 1


def test_loops_lists_back_connections_and_cycles():
    doc, cards = chain_map()
    connect(doc, cards[0][0], cards[1][0])
    connect(doc, cards[1][0], cards[2][0])
    back = connect(doc, cards[2][0], cards[0][0], "starts over")
    connect(doc, cards[2][1], cards[3][0])
    found = loops(doc)
    assert found.back == (back.id,)
    assert found.cycles == ((cards[0][0].id, cards[1][0].id, cards[2][0].id),)


def test_a_cycle_within_one_stage_is_a_cycle_but_not_a_loop_back():
    doc, cards = chain_map(1)
    connect(doc, cards[0][0], cards[0][1])
    connect(doc, cards[0][1], cards[0][0])
    found = loops(doc)
    assert found.back == () and found.cycles == ((cards[0][0].id, cards[0][1].id),)
    assert loops(chain_map()[0]) == Loops((), ())


def test_unreachable_cards_among_connected_ones():
    doc, cards = chain_map()
    connect(doc, cards[0][0], cards[1][0])
    connect(doc, cards[1][0], cards[2][0])
    # A little circle nothing enters: reachable from no entry.
    connect(doc, cards[3][0], cards[3][1])
    connect(doc, cards[3][1], cards[3][0])
    assert unreachable_cards(doc) == [cards[3][0].id, cards[3][1].id]
    connect(doc, cards[2][0], cards[3][0])
    assert unreachable_cards(doc) == []
    assert unreachable_cards(chain_map()[0]) == []  # no connections: nothing to report


def test_when_everything_is_a_cycle_the_earliest_stage_is_the_entry():
    doc, cards = chain_map(2, 1)
    connect(doc, cards[0][0], cards[1][0])
    connect(doc, cards[1][0], cards[0][0])
    assert unreachable_cards(doc) == []


def test_critical_path_follows_the_most_probable_way():
    doc, cards = chain_map(3)
    # From 0.0: to 1.0 (70 %) or 1.1 (30 %); from 1.0 on to 2.0 at 50 %, from 1.1 on to 2.1 at 100 %.
    connect(doc, cards[0][0], cards[1][0], share=70)
    connect(doc, cards[0][0], cards[1][1], share=30)
    connect(doc, cards[1][0], cards[2][0], share=50)
    connect(doc, cards[1][1], cards[2][1], share=100)
    path, probability = critical_path(doc)
    assert path == [cards[0][0].id, cards[1][0].id, cards[2][0].id]
    assert probability == pytest.approx(0.35)
    doc.apply(ops.UpdateConnection(doc.connections[2].id, {"share": 40.0}))
    path, probability = critical_path(doc)
    assert path == [cards[0][0].id, cards[1][1].id, cards[2][1].id]
    assert probability == pytest.approx(0.30)


def test_critical_path_without_shares_is_empty_and_ignores_unweighted_connections():
    doc, cards = chain_map(2)
    connect(doc, cards[0][0], cards[1][0])
    assert critical_path(doc) == ([], 0.0)
    connect(doc, cards[0][1], cards[1][1], share=80)
    assert critical_path(doc) == ([cards[0][1].id, cards[1][1].id], pytest.approx(0.8))
