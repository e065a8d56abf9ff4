"""The journey as a graph, derived from the map on demand and never stored.

Cards are nodes, connections are edges. networkx is imported inside the
functions so that opening the editor does not pay for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

    from .document import Document
    from .domain import Card, Connection


def journey_graph(doc: Document, cards: Iterable[Card] | None = None) -> nx.DiGraph:
    """A directed graph: one node per card, one edge per connection.

    Node attributes: stage_id, stage_index, lane_id, kind, text. Edge
    attributes: id, label, share (None when unset) and loops_back (the
    target sits in an earlier stage than the source). `cards` (in journey
    order, every connection's two cards among them) makes the nodes
    instead of all the map's cards.
    """
    import networkx as nx

    graph = nx.DiGraph()
    stage_pos = {s.id: i for i, s in enumerate(doc.stages)}
    for card in doc.cards() if cards is None else cards:
        graph.add_node(
            card.id,
            stage_id=card.stage_id,
            stage_index=stage_pos[card.stage_id],
            lane_id=card.lane_id,
            kind=str(card.kind),
            text=card.text,
        )
    for conn in doc.connections:
        graph.add_edge(
            conn.source_id,
            conn.target_id,
            id=conn.id,
            label=conn.label,
            share=conn.share,
            loops_back=_loops_back(graph, conn),
        )
    return graph


def _loops_back(graph: Any, conn: Connection) -> bool:
    return graph.nodes[conn.target_id]["stage_index"] < graph.nodes[conn.source_id]["stage_index"]


@dataclass(frozen=True)
class Loops:
    """Where the journey goes round in circles."""

    back: tuple[str, ...]  # ids of connections going to an earlier stage, in map order
    cycles: tuple[tuple[str, ...], ...]  # card ids of each cycle, from its card earliest in the journey


def loops(doc: Document, graph: nx.DiGraph | None = None) -> Loops:
    """Connections that go back to an earlier stage, and the cycles the connections form.

    At most 100 cycles are listed (a densely connected map can have very many).
    `graph` is the map's journey_graph when the caller has already built it.
    """
    import networkx as nx

    if graph is None:
        graph = journey_graph(doc)
    back = [data["id"] for _, _, data in graph.edges(data=True) if data["loops_back"]]
    order = {card_id: i for i, card_id in enumerate(graph.nodes)}
    cycles = []
    for cycle in nx.simple_cycles(graph):
        start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        cycles.append(cycle[start:] + cycle[:start])
        if len(cycles) >= 100:
            break
    cycles.sort(key=lambda c: [order[n] for n in c])
    by_id = {c.id: i for i, c in enumerate(doc.connections)}
    back.sort(key=by_id.__getitem__)
    return Loops(tuple(back), tuple(tuple(c) for c in cycles))


def _entry_cards(graph: Any) -> list[str]:
    """Where journeys start: connected cards nothing leads into, else those of the earliest stage."""
    connected = [n for n in graph.nodes if graph.degree(n)]
    starts = [n for n in connected if graph.in_degree(n) == 0]
    if starts or not connected:
        return starts
    first = min(graph.nodes[n]["stage_index"] for n in connected)
    return [n for n in connected if graph.nodes[n]["stage_index"] == first]


def unreachable_cards(doc: Document) -> list[str]:
    """Connected cards no path from an entry reaches (entries: connected cards nothing leads into).

    A card with no connection at all is not reported: it is simply not part
    of the drawn flow. Returned in journey order.
    """
    import networkx as nx

    graph = journey_graph(doc)
    reached: set[str] = set()
    for start in _entry_cards(graph):
        reached.add(start)
        reached |= nx.descendants(graph, start)
    return [n for n in graph.nodes if graph.degree(n) and n not in reached]


def critical_path(doc: Document) -> tuple[list[str], float]:
    """The most probable way through the journey, weighting each connection by its share.

    The path runs from a card nothing leads into to a card that leads
    nowhere (following only connections with a share), and its probability
    is the product of the shares. Returns (card ids in order, probability
    0…1); with no shares set, ([], 0.0). A path never visits a card twice.
    """
    import networkx as nx

    graph = journey_graph(doc)
    weighted = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        share = data["share"]
        if share is not None and share > 0:
            # Multiplying probabilities is adding −log p: the most probable path is the shortest one.
            weighted.add_edge(u, v, weight=-math.log(share / 100.0))
    if weighted.number_of_edges() == 0:
        return [], 0.0
    order = {card_id: i for i, card_id in enumerate(graph.nodes)}
    best: tuple[float, int, list[str]] | None = None
    sources = [n for n in weighted.nodes if weighted.in_degree(n) == 0] or sorted(weighted.nodes, key=order.get)[:1]
    sinks = {n for n in weighted.nodes if weighted.out_degree(n) == 0} or set(weighted.nodes)
    for source in sorted(sources, key=order.get):
        # Dijkstra (weights ≥ 0) to every card; of equal probability, prefer the longer journey.
        dist, paths = nx.single_source_dijkstra(weighted, source)
        for target, cost in dist.items():
            if target == source or target not in sinks:
                continue
            candidate = (cost, -len(paths[target]), paths[target])
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best is None:
        return [], 0.0
    return best[2], math.exp(-best[0])
