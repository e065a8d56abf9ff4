"""Priorities: every card with an impact and an effort, placed in the impact × effort matrix and ranked.

Impact and effort run 1–5; 3 and above is high. The quadrants: quick wins
(high impact, low effort), big bets (high, high), fill-ins (low, low) and
thankless tasks (low impact, high effort). The ranked list takes the
quadrants in that order, and inside one the higher score first:
score = impact × (6 − effort) + votes, i.e. value for the effort (1–25)
plus what the room voted (the current voting session's revealed totals);
then more votes, then journey order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .base import OPPORTUNITY_KINDS, Finding, FindingKind, MapFacts, Severity, listed, plural

HIGH_SCORE = 3  # impact or effort at or above this is high


class Quadrant(StrEnum):
    QUICK_WIN = "quick_win"
    BIG_BET = "big_bet"
    FILL_IN = "fill_in"
    THANKLESS = "thankless_task"

    @property
    def label(self) -> str:
        return {"quick_win": "Quick win", "big_bet": "Big bet", "fill_in": "Fill-in",
                "thankless_task": "Thankless task"}[self.value]


QUADRANT_ORDER = (Quadrant.QUICK_WIN, Quadrant.BIG_BET, Quadrant.FILL_IN, Quadrant.THANKLESS)
_SEVERITY = {Quadrant.QUICK_WIN: Severity.HIGH, Quadrant.BIG_BET: Severity.MEDIUM,
             Quadrant.FILL_IN: Severity.LOW, Quadrant.THANKLESS: Severity.LOW}


def quadrant(impact: int, effort: int) -> Quadrant:
    """Where a card with this impact and effort (1–5 each) sits in the matrix."""
    if impact >= HIGH_SCORE:
        return Quadrant.BIG_BET if effort >= HIGH_SCORE else Quadrant.QUICK_WIN
    return Quadrant.THANKLESS if effort >= HIGH_SCORE else Quadrant.FILL_IN


def score(impact: int, effort: int, votes: int) -> int:
    return impact * (6 - effort) + votes


@dataclass(frozen=True, slots=True)
class Priority:
    rank: int  # 1 is first
    card_id: str
    stage_id: str
    impact: int
    effort: int
    votes: int
    score: int
    quadrant: Quadrant

    def to_dict(self) -> dict:
        return {"rank": self.rank, "card": self.card_id, "stage": self.stage_id, "impact": self.impact,
                "effort": self.effort, "votes": self.votes, "score": self.score, "quadrant": str(self.quadrant)}


def ranked(facts: MapFacts) -> list[Priority]:
    scored = [c for c in facts.cards if c.impact is not None and c.effort is not None]
    place = {q: i for i, q in enumerate(QUADRANT_ORDER)}
    votes = facts.votes
    scored.sort(key=lambda c: (place[quadrant(c.impact, c.effort)], -score(c.impact, c.effort, votes.get(c.id, 0)),
                               -votes.get(c.id, 0), facts.order[c.id]))
    return [
        Priority(rank, c.id, c.stage_id, c.impact, c.effort, votes.get(c.id, 0),
                 score(c.impact, c.effort, votes.get(c.id, 0)), quadrant(c.impact, c.effort))
        for rank, c in enumerate(scored, start=1)
    ]


def priority_findings(facts: MapFacts, priorities: list[Priority]) -> list[Finding]:
    out = []
    for p in priorities:
        card = facts.card_by_id[p.card_id]
        sentence = (f"#{p.rank}, {p.quadrant.label.lower()}: {facts.card_in_stage(card)}, "
                    f"impact {p.impact}, effort {p.effort}, {plural(p.votes, 'vote')}.")
        out.append(Finding(FindingKind.PRIORITY, _SEVERITY[p.quadrant], sentence, card_ids=(p.card_id,),
                           stage_ids=(p.stage_id,), value=float(p.score)))
    unscored = [c for c in facts.cards if c.kind in OPPORTUNITY_KINDS and (c.impact is None or c.effort is None)]
    if unscored:
        names = [facts.card_name(c) for c in unscored[:3]]
        if len(unscored) > 3:
            names.append(f"{len(unscored) - 3} more")
        count = plural(len(unscored), "opportunity", "opportunities")
        verb = "has" if len(unscored) == 1 else "have"
        out.append(Finding(
            FindingKind.UNSCORED, Severity.LOW,
            f"{count} {verb} no impact or effort yet, so {'it is' if len(unscored) == 1 else 'they are'} "
            f"not ranked: {listed(names)}.",
            card_ids=tuple(c.id for c in unscored), stage_ids=tuple(dict.fromkeys(c.stage_id for c in unscored)),
            value=float(len(unscored)),
        ))
    return out
