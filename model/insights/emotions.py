"""Emotion findings: each persona's low point and steepest drop, and where the personas feel most differently."""

from __future__ import annotations

from itertools import pairwise

from .base import Finding, FindingKind, MapFacts, by_severity, number, short, signed, unique


def emotion_findings(facts: MapFacts) -> list[Finding]:
    out: list[Finding] = []
    for persona in facts.personas:
        curve = facts.curve(persona.id)
        if not curve:
            continue
        name = short(persona.name, 40)
        out.append(_low_point(facts, name, persona.id, curve))
        drop = _steepest_drop(facts, name, persona.id, curve)
        if drop is not None:
            out.append(drop)
    divergence = _divergence(facts)
    if divergence is not None:
        out.append(divergence)
    return out


def _low_point(facts: MapFacts, name: str, persona_id: str, curve) -> Finding:
    lowest = min(value for _, value in curve)
    cards = [card for card, value in curve if value == lowest]
    first = cards[0]
    sentence = (f"{name} feels worst at {facts.card_in_stage(first)}: "
                f"{signed(lowest)} ({facts.emotion_label(lowest)})")
    if len(cards) > 1:
        sentence += f", and as low at {len(cards) - 1} more {'card' if len(cards) == 2 else 'cards'}"
    # Severity follows how bad it feels: −1.5 and below is high, −0.5 and below medium.
    severity = by_severity(-lowest, 1.5, 0.5)
    return Finding(
        FindingKind.LOW_POINT, severity, sentence + ".",
        card_ids=tuple(c.id for c in cards), stage_ids=unique(c.stage_id for c in cards),
        persona_ids=(persona_id,), value=lowest,
    )


def _steepest_drop(facts: MapFacts, name: str, persona_id: str, curve) -> Finding | None:
    best = None
    for (before, was), (after, now) in pairwise(curve):
        if was - now > 0 and (best is None or was - now > best[0]):
            best = (was - now, before, was, after, now)
    if best is None:
        return None
    drop, before, was, after, now = best
    sentence = (f"{name}'s mood falls {number(drop)} {'point' if drop == 1 else 'points'}, from {signed(was)} at "
                f"{facts.card_in_stage(before)} to {signed(now)} at {facts.card_in_stage(after)}.")
    return Finding(
        FindingKind.STEEPEST_DROP, by_severity(drop, 2, 1), sentence,
        card_ids=(before.id, after.id), stage_ids=unique((before.stage_id, after.stage_id)),
        persona_ids=(persona_id,), value=drop,
    )


def _divergence(facts: MapFacts) -> Finding | None:
    """The card where the personas' feelings are furthest apart (the first such card in journey order)."""
    if len(facts.personas) < 2:
        return None
    persona_pos = {p.id: i for i, p in enumerate(facts.personas)}
    felt: dict[str, dict[str, float]] = {}
    for (card_id, persona_id), value in facts.emotions.items():
        felt.setdefault(card_id, {})[persona_id] = value
    best = None
    for card_id, values in felt.items():
        if len(values) < 2:
            continue
        gap = max(values.values()) - min(values.values())
        key = (gap, -facts.order[card_id])
        if gap > 0 and (best is None or key > best[0]):
            best = (key, card_id, values)
    if best is None:
        return None
    (gap, _), card_id, values = best
    # Name the happiest and the unhappiest persona (the first in the persona list on a tie).
    ranked = sorted(values, key=lambda p: (-values[p], persona_pos[p]))
    high = ranked[0]
    low = min(values, key=lambda p: (values[p], persona_pos[p]))
    card = facts.card_by_id[card_id]
    sentence = (f"The personas differ most at {facts.card_in_stage(card)}: "
                f"{short(facts.doc.persona(high).name, 40)} feels {signed(values[high])}, "
                f"{short(facts.doc.persona(low).name, 40)} {signed(values[low])}.")
    return Finding(
        FindingKind.DIVERGENCE, by_severity(gap, 2, 1), sentence,
        card_ids=(card_id,), stage_ids=(card.stage_id,), persona_ids=(high, low), value=gap,
    )

