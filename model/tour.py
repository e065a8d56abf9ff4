"""A stage-by-stage tour of a finished map: what each stop shows and says (no Qt).

A facilitator walks stakeholders through the map one stage at a time, on the
projector: each stop frames one stage's column (its cards, the stretch of the
emotion curves above them, its KPI badges) under a banner with the stage's
name, goal and KPIs. The presenter's notes say what is on the stage, so the
facilitator can speak to it without reading the wall.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from model.document import Document
from model.domain import CardKind
from model.layout import kpi_text


@dataclass(frozen=True)
class TourStop:
    stage_id: str
    number: int  # 1-based, in journey order
    count: int  # how many stops the tour has
    name: str
    goal: str
    question: str
    kpis: tuple[str, ...]  # each KPI as its badge reads ("CSAT 72 → 80 %")
    card_ids: frozenset[str]
    kinds: tuple[tuple[CardKind, int], ...]  # how many cards of each kind, in CardKind order (kinds with none left out)

    @property
    def title(self) -> str:
        return self.name

    @property
    def prompt(self) -> str:
        """The banner's second line: the stage's goal, then its KPIs."""
        return "\n".join(part for part in (self.goal, "   ·   ".join(self.kpis)) if part)

    @property
    def notes(self) -> str:
        """For the presenter: the stage's guiding question and what its cards are."""
        lines = [f"Stage {self.number} of {self.count}."]
        if self.question:
            lines.append(f"Question: {self.question}")
        if self.kinds:
            shown = ", ".join(f"{kind.label.lower()} × {n}" for kind, n in self.kinds)
            lines.append(f"{len(self.card_ids)} cards: {shown}.")
        else:
            lines.append("No cards yet.")
        return "\n".join(lines)


def tour_stops(doc: Document) -> tuple[TourStop, ...]:
    """One stop per stage, in journey order; an empty map has none."""
    stages = doc.stages
    by_stage: dict[str, list] = {stage.id: [] for stage in stages}
    for card in doc.cards():
        by_stage[card.stage_id].append(card)
    stops = []
    for number, stage in enumerate(stages, start=1):
        cards = by_stage[stage.id]
        counted = Counter(card.kind for card in cards)
        stops.append(TourStop(
            stage_id=stage.id,
            number=number,
            count=len(stages),
            name=stage.name,
            goal=stage.goal,
            question=stage.question,
            kpis=tuple(kpi_text(kpi) for kpi in doc.stage_kpis(stage.id)),
            card_ids=frozenset(card.id for card in cards),
            kinds=tuple((kind, counted[kind]) for kind in CardKind if counted[kind]),
        ))
    return tuple(stops)
