"""What every analysis shares: the Finding value, its kinds and severities, the map's facts read once, and wording.

Sentences are plain English with user text quoted literally (shortened,
never escaped): whoever puts a sentence into markup escapes it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..document import Content, Document
from ..domain import EMOTION_MIN, Card, CardKind, Lane, Stage
from ..voting import shown_votes


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FindingKind(StrEnum):
    LOW_POINT = "low_point"
    STEEPEST_DROP = "steepest_drop"
    DIVERGENCE = "divergence"
    REACH = "reach"
    LEAK = "leak"
    DEAD_END = "dead_end"
    LOOP = "loop"
    HANDOFF = "handoff"
    HANDOFF_HOTSPOT = "handoff_hotspot"
    CHANNEL_SWITCH = "channel_switch"
    COVERAGE_GAP = "coverage_gap"
    UNADDRESSED_PAIN = "unaddressed_pain"
    EVIDENCE_GAP = "evidence_gap"
    PRIORITY = "priority"
    UNSCORED = "unscored"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def group(self) -> str:
        """The heading a kind is shown under (panel, text output, Markdown, poster)."""
        return next(group for group, kinds in GROUPS if self in kinds)


_KIND_LABELS = {
    FindingKind.LOW_POINT: "Emotional low point",
    FindingKind.STEEPEST_DROP: "Steepest drop",
    FindingKind.DIVERGENCE: "Personas diverge",
    FindingKind.REACH: "Reaching the last stage",
    FindingKind.LEAK: "Leak",
    FindingKind.DEAD_END: "Dead end",
    FindingKind.LOOP: "Loop",
    FindingKind.HANDOFF: "Handoff",
    FindingKind.HANDOFF_HOTSPOT: "Most handoffs",
    FindingKind.CHANNEL_SWITCH: "Channel switch",
    FindingKind.COVERAGE_GAP: "Coverage gap",
    FindingKind.UNADDRESSED_PAIN: "Pain point without an opportunity",
    FindingKind.EVIDENCE_GAP: "Evidence gap",
    FindingKind.PRIORITY: "Priority",
    FindingKind.UNSCORED: "Not scored",
}

# Headings in the order they are shown, each with its kinds in order.
GROUPS: tuple[tuple[str, tuple[FindingKind, ...]], ...] = (
    ("Emotions", (FindingKind.LOW_POINT, FindingKind.STEEPEST_DROP, FindingKind.DIVERGENCE)),
    ("Drop-off", (FindingKind.REACH, FindingKind.LEAK, FindingKind.DEAD_END)),
    ("Loops", (FindingKind.LOOP,)),
    ("Handoffs", (FindingKind.HANDOFF, FindingKind.HANDOFF_HOTSPOT)),
    ("Channels", (FindingKind.CHANNEL_SWITCH,)),
    ("Coverage", (FindingKind.COVERAGE_GAP, FindingKind.UNADDRESSED_PAIN)),
    ("Evidence", (FindingKind.EVIDENCE_GAP,)),
    ("Priorities", (FindingKind.PRIORITY, FindingKind.UNSCORED)),
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the map says: what kind, how much it matters, what it concerns, in one plain sentence.

    `value` is the figure behind it when there is one (an emotion, a share
    0…1, a count, a score), for sorting and for JSON.
    """

    kind: FindingKind
    severity: Severity
    sentence: str
    card_ids: tuple[str, ...] = ()
    stage_ids: tuple[str, ...] = ()
    persona_ids: tuple[str, ...] = ()
    connection_ids: tuple[str, ...] = ()
    value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "group": self.kind.group,
            "severity": str(self.severity),
            "sentence": self.sentence,
            "cards": list(self.card_ids),
            "stages": list(self.stage_ids),
            "personas": list(self.persona_ids),
            "connections": list(self.connection_ids),
            "value": self.value,
        }


OPPORTUNITY_KINDS = frozenset({CardKind.OPPORTUNITY, CardKind.IDEA})


class MapFacts:
    """The map read once, with the lookups every analysis needs (a large map is walked a handful of times, not per finding)."""

    def __init__(self, source: Document | Content) -> None:
        doc = source if isinstance(source, Document) else Document(source)
        self.doc = doc
        self.info = doc.info
        self.stages: list[Stage] = doc.stages
        self.stage_by_id = {s.id: s for s in self.stages}
        self.stage_pos = {s.id: i for i, s in enumerate(self.stages)}
        self.lane_by_id: dict[str, Lane] = {lane.id: lane for lane in doc.lanes}
        self.cards: list[Card] = doc.cards()
        self.card_by_id = {c.id: c for c in self.cards}
        self.order = {c.id: i for i, c in enumerate(self.cards)}
        self.personas = doc.personas
        self.connections = doc.connections
        self.emotions = doc.emotions()
        self.kpis = doc.kpis
        self.votes = shown_votes(doc)  # card id -> the count the map shows (its current voting session's)
        self._names: dict[str, str] = {}  # card id -> how sentences name it
        self._stage_names: dict[str, str] = {}

    def curve(self, persona_id: str) -> list[tuple[Card, float]]:
        """A persona's emotions in journey order."""
        points = [(self.card_by_id[c], v) for (c, p), v in self.emotions.items() if p == persona_id]
        points.sort(key=lambda point: self.order[point[0].id])
        return points

    def stage_of(self, card: Card) -> Stage:
        return self.stage_by_id[card.stage_id]

    # -- wording ---------------------------------------------------------------

    def card_name(self, card: Card) -> str:
        """A card as a sentence names it: its text in quotes, shortened; a quote card's own marks are not doubled."""
        name = self._names.get(card.id)
        if name is None:
            text = short(card.text)
            if not text:
                name = f"an untitled {card.kind.label.lower()}"
            else:
                name = text if text[0] in "\"“'‘«„" else f"“{text}”"
            self._names[card.id] = name
        return name

    def stage_name(self, stage_id: str) -> str:
        name = self._stage_names.get(stage_id)
        if name is None:
            name = self._stage_names[stage_id] = short(self.stage_by_id[stage_id].name, 40)
        return name

    def card_in_stage(self, card: Card) -> str:
        return f"{self.card_name(card)} ({self.stage_name(card.stage_id)})"

    def emotion_label(self, value: float) -> str:
        labels = self.info.emotion_labels
        return short(labels[max(0, min(4, round(value - EMOTION_MIN)))], 30)


def short(text: str, limit: int = 60) -> str:
    """User text on one line, at most `limit` characters (a cut ends in …)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number(value: float) -> str:
    """72, 3.5, 14.7 — at most one decimal, never 72.0."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def percent(share: float) -> str:
    """A share 0…1 as people write it: 35%, 14.7%, and 0.04% reads as 'under 0.1%'."""
    if 0 < share < 0.0005:
        return "under 0.1%"
    return f"{number(share * 100)}%"


def signed(value: float) -> str:
    """An emotion with its sign: +1.5, −2, 0 (a real minus sign)."""
    text = number(abs(value))
    if text == "0":
        return "0"
    return ("+" if value > 0 else "−") + text


def listed(items: list[str], conjunction: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def by_severity(value: float, high: float, medium: float) -> Severity:
    """HIGH from `high` up, MEDIUM from `medium` up, else LOW."""
    if value >= high:
        return Severity.HIGH
    if value >= medium:
        return Severity.MEDIUM
    return Severity.LOW


def unique(items) -> tuple[str, ...]:
    """Ids in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))
