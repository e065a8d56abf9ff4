"""What the map says: computed from it on demand, never stored.

`findings(document)` returns every finding in the order they are shown:
by group (emotions, drop-off, loops, handoffs, channels, coverage, evidence,
priorities), then as each analysis orders them. `priorities(document)` is
the ranked impact × effort list on its own (for the matrix view). Pure
Python; networkx is imported only when the map has connections.
"""

from __future__ import annotations

from ..document import Content, Document
from .base import GROUPS, Finding, FindingKind, MapFacts, Severity
from .coverage import coverage_findings, evidence_findings
from .emotions import emotion_findings
from .flow import flow_findings
from .handoffs import channel_findings, handoff_findings, is_backstage
from .ranking import HIGH_SCORE, QUADRANT_ORDER, Priority, Quadrant, priority_findings, quadrant, ranked, score

__all__ = [
    "GROUPS", "HIGH_SCORE", "QUADRANT_ORDER", "Finding", "FindingKind", "Priority", "Quadrant", "Severity",
    "findings", "grouped", "is_backstage", "priorities", "quadrant", "score", "summarised",
]

SHOWN_PER_KIND = 6  # a printed page shows this many findings of a kind, then says how many more
SHOWN_PRIORITIES = 12


def findings(document: Document | Content) -> list[Finding]:
    """Every finding about the map, grouped by kind in display order. Never raises on a valid map."""
    facts = MapFacts(document)
    found = [
        *emotion_findings(facts),
        *flow_findings(facts),
        *handoff_findings(facts),
        *channel_findings(facts),
        *coverage_findings(facts),
        *evidence_findings(facts),
        *priority_findings(facts, ranked(facts)),
    ]
    place = {kind: i for i, kind in enumerate(kind for _, kinds in GROUPS for kind in kinds)}
    return sorted(found, key=lambda f: place[f.kind])  # stable: each analysis keeps its own order


def priorities(document: Document | Content) -> list[Priority]:
    """The cards with an impact and an effort, ranked (quick wins first; see ranking.py)."""
    return ranked(MapFacts(document))


def grouped(found: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings under their group headings, in display order; empty groups left out."""
    out = []
    for group, kinds in GROUPS:
        members = [f for f in found if f.kind in kinds]
        if members:
            out.append((group, members))
    return out


def summarised(found: list[Finding]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(severity, sentence)…]) for a printed page: the first few of each kind, then one line saying
    how many more there are (its severity empty), so a large map's findings still fit a page or two."""
    out = []
    for group, members in grouped(found):
        items: list[tuple[str, str]] = []
        for kind in dict.fromkeys(f.kind for f in members):
            of_kind = [f for f in members if f.kind == kind]
            cap = SHOWN_PRIORITIES if kind == FindingKind.PRIORITY else SHOWN_PER_KIND
            items += [(str(f.severity), f.sentence) for f in of_kind[:cap]]
            if len(of_kind) > cap:
                items.append(("", f"… and {len(of_kind) - cap} more of this kind ({kind.label.lower()})."))
        out.append((group, items))
    return out
