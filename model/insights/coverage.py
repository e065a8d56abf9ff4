"""Gaps: stages that miss a touchpoint, a pain point, an opportunity or a KPI; pain points nothing addresses; evidence.

An opportunity here is a card of kind opportunity or idea: both are what
the team proposes to do, and both live in the Opportunities lane.
"""

from __future__ import annotations

from collections import defaultdict

from ..domain import CardKind, Evidence
from .base import OPPORTUNITY_KINDS, Finding, FindingKind, MapFacts, Severity, by_severity, listed, plural


def coverage_findings(facts: MapFacts) -> list[Finding]:
    kinds: dict[str, set[CardKind]] = defaultdict(set)
    for card in facts.cards:
        kinds[card.stage_id].add(card.kind)
    measured = {k.stage_id for k in facts.kpis}
    out = []
    for stage in facts.stages:
        here = kinds[stage.id]
        missing = []
        if CardKind.TOUCHPOINT not in here:
            missing.append("touchpoint")
        if CardKind.PAIN_POINT not in here:
            missing.append("pain point")
        if not here & OPPORTUNITY_KINDS:
            missing.append("opportunity")
        if stage.id not in measured:
            missing.append("KPI")
        if not missing:
            continue
        out.append(Finding(
            FindingKind.COVERAGE_GAP, by_severity(len(missing), 3, 2),
            f"{facts.stage_name(stage.id)} has no {listed(missing, 'or')}.",
            stage_ids=(stage.id,), value=float(len(missing)),
        ))
    out += _unaddressed_pains(facts, kinds)
    return out


def _unaddressed_pains(facts: MapFacts, kinds: dict[str, set[CardKind]]) -> list[Finding]:
    """Pain points with no opportunity in their stage and none connected to them (either way)."""
    linked: dict[str, set[str]] = defaultdict(set)
    for conn in facts.connections:
        linked[conn.source_id].add(conn.target_id)
        linked[conn.target_id].add(conn.source_id)
    out = []
    for card in facts.cards:
        if card.kind != CardKind.PAIN_POINT or kinds[card.stage_id] & OPPORTUNITY_KINDS:
            continue
        if any(facts.card_by_id[other].kind in OPPORTUNITY_KINDS for other in linked[card.id]):
            continue
        severity = Severity.HIGH if (card.impact or 0) >= 4 else Severity.MEDIUM
        out.append(Finding(
            FindingKind.UNADDRESSED_PAIN, severity,
            f"No opportunity addresses {facts.card_in_stage(card)}: none in its stage, none connected to it.",
            card_ids=(card.id,), stage_ids=(card.stage_id,),
        ))
    return out


def evidence_findings(facts: MapFacts) -> list[Finding]:
    """Per stage, how many of its cards are observed rather than assumed or unmarked (proposals are left out).

    Start with facts, not assumptions: a stage is reported unless every card in it is observed.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # observed, assumed, not marked
    for card in facts.cards:
        if card.evidence == Evidence.PROPOSED:
            continue
        slot = {Evidence.OBSERVED: 0, Evidence.ASSUMED: 1}.get(card.evidence, 2)
        counts[card.stage_id][slot] += 1
    out = []
    for stage in facts.stages:
        if stage.id not in counts:
            continue
        observed, assumed, unmarked = counts[stage.id]
        total = observed + assumed + unmarked
        if observed == total:
            continue
        rest = []
        if assumed:
            rest.append(f"{assumed} {'is' if assumed == 1 else 'are'} assumed")
        if unmarked:
            rest.append(f"{unmarked} {'is' if unmarked == 1 else 'are'} not marked")
        where = facts.stage_name(stage.id)
        if observed:
            verb = "is" if observed == 1 else "are"
            sentence = f"In {where}, {observed} of {plural(total, 'card')} {verb} observed; {listed(rest)}."
        else:
            sentence = f"In {where}, no card is observed: {listed(rest)}."
        unproven = (assumed + unmarked) / total
        out.append(Finding(
            FindingKind.EVIDENCE_GAP, by_severity(unproven, 0.5, 0.25), sentence,
            stage_ids=(stage.id,), value=unproven,
        ))
    return out
