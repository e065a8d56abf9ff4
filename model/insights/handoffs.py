"""Handoffs and channel switches along the connections.

A handoff is a connection whose two cards have different owners (both set;
case and spacing do not count), or that crosses the line of visibility:
from a frontstage lane to a backstage one or back. A lane is backstage when
its name says so ("Backstage", "Support processes", "Behind the scenes"):
lanes have no other mark of it, and these are the names the service-blueprint
template and the literature use.
"""

from __future__ import annotations

from collections import Counter

from ..domain import Card, Lane
from .base import Finding, FindingKind, MapFacts, Severity, listed, short, unique

_BACKSTAGE_WORDS = ("backstage", "back stage", "back-stage", "support process", "behind the scenes")


def is_backstage(lane: Lane) -> bool:
    name = " ".join(lane.name.casefold().split())
    return any(word in name for word in _BACKSTAGE_WORDS)


def _owner(card: Card) -> str:
    return " ".join(card.owner.split()).casefold()


def handoff_findings(facts: MapFacts) -> list[Finding]:
    out: list[Finding] = []
    per_stage: Counter[str] = Counter()
    backstage = {lane_id: is_backstage(lane) for lane_id, lane in facts.lane_by_id.items()}
    for conn in facts.connections:
        source, target = facts.card_by_id[conn.source_id], facts.card_by_id[conn.target_id]
        owners = _owner(source) and _owner(target) and _owner(source) != _owner(target)
        crosses = backstage[source.lane_id] != backstage[target.lane_id]
        if not (owners or crosses):
            continue
        sides = ("backstage" if backstage[source.lane_id] else "frontstage",
                 "backstage" if backstage[target.lane_id] else "frontstage")
        if owners and crosses:
            what = f"from {short(source.owner, 40)} ({sides[0]}) to {short(target.owner, 40)} ({sides[1]})"
        elif owners:
            what = f"from {short(source.owner, 40)} to {short(target.owner, 40)}"
        else:
            what = f"from {sides[0]} to {sides[1]}"
        stages = unique((source.stage_id, target.stage_id))
        per_stage.update(stages)
        out.append(Finding(
            FindingKind.HANDOFF, Severity.HIGH if owners and crosses else Severity.MEDIUM,
            f"Handoff {what}: {facts.card_in_stage(source)} → {facts.card_in_stage(target)}.",
            card_ids=(source.id, target.id), stage_ids=stages, connection_ids=(conn.id,),
        ))
    hotspot = _hotspot(facts, per_stage)
    if hotspot is not None:
        out.append(hotspot)
    return out


def _hotspot(facts: MapFacts, per_stage: Counter[str]) -> Finding | None:
    """The stage(s) with the most handoffs, when that is more than one (one handoff is not a pattern)."""
    if not per_stage:
        return None
    most = max(per_stage.values())
    if most < 2:
        return None
    stages = sorted((s for s, n in per_stage.items() if n == most), key=facts.stage_pos.__getitem__)
    names = listed([facts.stage_name(s) for s in stages])
    sentence = (f"{names} {'has' if len(stages) == 1 else 'have'} the most handoffs: "
                f"{most}{' each' if len(stages) > 1 else ''}.")
    return Finding(
        FindingKind.HANDOFF_HOTSPOT, Severity.HIGH if most >= 3 else Severity.MEDIUM, sentence,
        stage_ids=tuple(stages), value=float(most),
    )


def channel_findings(facts: MapFacts) -> list[Finding]:
    """Connections along which the customer changes channel (both cards have one)."""
    out = []
    for conn in facts.connections:
        source, target = facts.card_by_id[conn.source_id], facts.card_by_id[conn.target_id]
        if not source.channel or not target.channel or source.channel == target.channel:
            continue
        out.append(Finding(
            FindingKind.CHANNEL_SWITCH, Severity.LOW,
            f"Channel switch from {source.channel.label} to {target.channel.label}: "
            f"{facts.card_in_stage(source)} → {facts.card_in_stage(target)}.",
            card_ids=(source.id, target.id), stage_ids=unique((source.stage_id, target.stage_id)),
            connection_ids=(conn.id,),
        ))
    return out
