"""Drop-off along the connections: how many customers reach the last stage, where they leak, where the flow stops, where it loops.

The flow arithmetic: customers start, split evenly, at the entry cards (connected
cards nothing leads into) of the earliest stage that has any. A connection
carries its share of the customers at its source; connections from one card
without a share carry what the shares leave (100 % minus the set shares,
split evenly), and shares adding up to more than 100 % are scaled down to
100 %. Customers who go back to an earlier stage, or round a cycle, are not
counted again: the flow follows the journey forward. Reach and leaks are
only computed when some connection has a share; dead ends and loops need no
shares.
"""

from __future__ import annotations

from typing import Any

from ..graph import journey_graph, loops
from .base import Finding, FindingKind, MapFacts, Severity, by_severity, listed, percent, unique

LEAKS_SHOWN = 3
_MEMO_SIZE = 4
_memo: dict[tuple, list[Finding]] = {}


def flow_findings(facts: MapFacts) -> list[Finding]:
    """The flow's findings; remembered for the last few maps, since they only change with the connections.

    They read the stages, the connections and the connected cards, nothing
    else: an edit elsewhere (typing in an unconnected card, a vote) finds them
    in the memo instead of running networkx again.
    """
    if not facts.connections:
        return []
    connected = {c.source_id for c in facts.connections} | {c.target_id for c in facts.connections}
    key = (tuple(facts.stages), tuple(facts.connections), tuple(c for c in facts.cards if c.id in connected))
    found = _memo.pop(key, None)
    if found is None:
        found = _flow_findings(facts, key[2])
    _memo[key] = found  # most recent last
    while len(_memo) > _MEMO_SIZE:
        del _memo[next(iter(_memo))]
    return list(found)


def forget() -> None:
    """Empty the memo (for measuring the cold computation)."""
    _memo.clear()


def _flow_findings(facts: MapFacts, cards) -> list[Finding]:
    graph = journey_graph(facts.doc, cards)  # of the connected cards only
    out: list[Finding] = []
    flow = None
    if any(c.share is not None for c in facts.connections):
        flow = _Flow(facts, graph)
        reach = flow.reach_finding()
        if reach is not None:
            out.append(reach)
        out += flow.leak_findings()
    out += _dead_ends(facts, graph, flow)
    out += _loops(facts, graph)
    return out


class _Flow:
    """The expected share of customers at each card, following the connections forward."""

    def __init__(self, facts: MapFacts, graph: Any) -> None:
        import networkx as nx

        self.facts = facts
        self.graph = graph
        order = facts.order
        self.weight = _weights(facts)
        # Forward edges: not back to an earlier stage, and inside a cycle only forward in journey order,
        # so what is left has no cycle at all (a cycle lies within one strongly connected component).
        # Only an edge backward in journey order within one stage can close such a cycle: look for those first.
        edges = [(u, v) for u, v, data in graph.edges(data=True) if not data["loops_back"]]
        component: dict[str, int] = {}
        if any(order[v] < order[u] for u, v in edges):
            for i, members in enumerate(nx.strongly_connected_components(graph)):
                for node in members:
                    component[node] = i
        forward = nx.DiGraph()
        forward.add_edges_from((u, v) for u, v in edges
                               if not (order[v] < order[u] and component[u] == component[v]))
        connected = [n for n in graph.nodes if graph.degree(n)]
        starts = [n for n in connected if graph.in_degree(n) == 0] or connected
        first = min(facts.stage_pos[graph.nodes[n]["stage_id"]] for n in starts)
        self.entries = [n for n in starts if facts.stage_pos[graph.nodes[n]["stage_id"]] == first]
        self.entry_stage = facts.stages[first].id
        self.flow = {n: 0.0 for n in connected}
        for n in self.entries:
            self.flow[n] = 1.0 / len(self.entries)
        forward.add_nodes_from(self.entries)
        self.reach = [0.0] * len(facts.stages)
        self.reach[first] = 1.0
        for u in nx.topological_sort(forward):
            for v in forward.successors(u):
                moved = self.flow[u] * self.weight[u, v]
                self.flow[v] += moved
                stage_u, stage_v = graph.nodes[u]["stage_index"], graph.nodes[v]["stage_index"]
                if stage_u != stage_v:  # forward edges never go back, so a customer enters each stage once
                    self.reach[stage_v] += moved

    def reach_finding(self) -> Finding | None:
        facts = self.facts
        first = facts.stage_pos[self.entry_stage]
        last = len(facts.stages) - 1
        if first == last:
            return None
        start = facts.stage_name(self.entry_stage)
        end = facts.stage_name(facts.stages[last].id)
        reached = min(1.0, self.reach[last])
        steps = [f"{facts.stage_name(s.id)} {percent(min(1.0, r))}"
                 for s, r in zip(facts.stages[first + 1:last], self.reach[first + 1:last]) if r > 0]
        along = f" ({listed(steps)})" if steps else ""
        if reached > 0:
            sentence = (f"{percent(reached)} of the customers who start in {start} reach {end}, "
                        f"the last stage, along the connections{along}.")
            severity = Severity.MEDIUM if reached < 0.25 else Severity.LOW
        else:
            sentence = f"No customer who starts in {start} reaches {end}, the last stage, along the connections{along}."
            severity = Severity.HIGH
        return Finding(
            FindingKind.REACH, severity, sentence, card_ids=tuple(self.entries),
            stage_ids=(self.entry_stage, facts.stages[last].id), value=reached,
        )

    def leak_findings(self) -> list[Finding]:
        facts = self.facts
        last = len(facts.stages) - 1
        leaks = []
        for card_id, at in self.flow.items():
            # Customers who stop in the last stage have not leaked: they have arrived.
            if at <= 0 or not self.graph.out_degree(card_id) or self.graph.nodes[card_id]["stage_index"] == last:
                continue
            passed = min(1.0, sum(self.weight[card_id, v] for v in self.graph.successors(card_id)))
            lost = at * (1.0 - passed)
            if lost > 1e-9:
                leaks.append((lost, passed, card_id))
        leaks.sort(key=lambda leak: (-leak[0], facts.order[leak[2]]))
        out = []
        for lost, passed, card_id in leaks[:LEAKS_SHOWN]:
            at = self.flow[card_id]
            card = facts.card_by_id[card_id]
            if at >= 1 - 1e-9:
                sentence = f"{percent(1 - passed)} of the customers go no further than {facts.card_in_stage(card)}."
            else:
                sentence = (f"{percent(1 - passed)} of the customers who reach {facts.card_in_stage(card)} "
                            f"go no further: {percent(lost)} of all who start.")
            out.append(Finding(
                FindingKind.LEAK, by_severity(lost, 0.25, 0.1), sentence,
                card_ids=(card_id,), stage_ids=(card.stage_id,),
                connection_ids=tuple(self.graph.edges[card_id, v]["id"] for v in self.graph.successors(card_id)),
                value=lost,
            ))
        return out


def _weights(facts: MapFacts) -> dict[tuple[str, str], float]:
    """The fraction of the customers at each connection's source that the connection carries."""
    by_source: dict[str, list] = {}
    for conn in facts.connections:
        by_source.setdefault(conn.source_id, []).append(conn)
    out = {}
    for source, conns in by_source.items():
        set_total = sum(c.share for c in conns if c.share is not None)
        unset = sum(1 for c in conns if c.share is None)
        scale = max(100.0, set_total)
        rest = max(0.0, 100.0 - set_total) / 100.0 / unset if unset else 0.0
        for c in conns:
            out[source, c.target_id] = rest if c.share is None else c.share / scale
    return out


def _dead_ends(facts: MapFacts, graph: Any, flow: _Flow | None) -> list[Finding]:
    """Cards the flow reaches that lead nowhere, before the last stage."""
    last = len(facts.stages) - 1
    out = []
    end = facts.stage_name(facts.stages[last].id)
    for node in graph.nodes:
        if not graph.in_degree(node) or graph.out_degree(node) or graph.nodes[node]["stage_index"] == last:
            continue
        card = facts.card_by_id[node]
        sentence = f"{facts.card_in_stage(card)} leads nowhere: the connections stop before {end}"
        at = flow.flow.get(node, 0.0) if flow is not None else 0.0
        if at > 0:
            sentence += f", with {percent(at)} of the customers"
        out.append(Finding(
            FindingKind.DEAD_END, Severity.HIGH if at >= 0.1 else Severity.MEDIUM, sentence + ".",
            card_ids=(node,), stage_ids=(card.stage_id,), value=at if flow is not None else None,
        ))
    return out


def _loops(facts: MapFacts, graph: Any) -> list[Finding]:
    """Each cycle (rework in one stage, or round through earlier stages), then each connection back not in one."""
    found = loops(facts.doc, graph)
    out = []
    in_cycle: set[str] = set()
    for cycle in found.cycles:
        cards = [facts.card_by_id[c] for c in cycle]
        edges = [graph.edges[u, v]["id"] for u, v in zip(cycle, cycle[1:] + cycle[:1])]
        in_cycle.update(edges)
        stages = unique(c.stage_id for c in cards)
        path = " → ".join(facts.card_name(c) for c in cards) + f" → back to {facts.card_name(cards[0])}"
        if len(stages) == 1:
            sentence = f"Rework loop in {facts.stage_name(stages[0])}: {path}."
            severity = Severity.MEDIUM
        else:
            sentence = f"Loop through earlier stages: {path} ({listed([facts.stage_name(s) for s in stages])})."
            severity = Severity.HIGH
        out.append(Finding(FindingKind.LOOP, severity, sentence, card_ids=tuple(cycle), stage_ids=stages,
                           connection_ids=tuple(edges)))
    for conn_id in found.back:
        if conn_id in in_cycle:
            continue
        conn = facts.doc.connection(conn_id)
        source, target = facts.card_by_id[conn.source_id], facts.card_by_id[conn.target_id]
        sentence = f"{facts.card_in_stage(source)} leads back to an earlier stage, {facts.card_in_stage(target)}"
        if conn.share is not None:
            sentence += f", for {percent(conn.share / 100)} of the customers there"
        out.append(Finding(
            FindingKind.LOOP, Severity.MEDIUM, sentence + ".", card_ids=(source.id, target.id),
            stage_ids=(source.stage_id, target.stage_id), connection_ids=(conn_id,),
            value=None if conn.share is None else conn.share / 100,
        ))
    return out
