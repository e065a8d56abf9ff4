"""What the room may see, as one immutable value, and each phone's view of it.

The GUI thread builds a RoomSnapshot after every change of the map or of the room (the step, the lock);
the server thread only ever reads the latest one, so it never touches the document. A phone's view
holds only what the step shows: no file names or paths, no other participant's name, id or hidden card.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..document import Document
from ..domain import InboxCard
from .plans import INBOX, PARTICIPANT, RATING
from .step import RoomStep
from .voting import RoomVoting

SHOWN_TEXT_MAX = 500  # a long card is cut on a phone (the map keeps it whole)


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_TEXT_MAX else text[: SHOWN_TEXT_MAX - 1] + "…"


@dataclass(frozen=True)
class VotingView:
    cards: tuple[tuple[str, str], ...]  # (card id, text)
    remaining: Mapping[str, int]  # participant id -> votes left
    ballots: Mapping[str, Mapping[str, int]]  # participant id -> card id -> votes given
    results: Mapping[str, int] | None  # None until revealed


@dataclass(frozen=True)
class RoomSnapshot:
    version: int = 0
    title: str = ""
    faces: tuple[str, ...] = ()  # the map's emotion labels, −2…+2
    step: RoomStep = field(default_factory=RoomStep)
    joining_locked: bool = False
    members: frozenset[str] = frozenset()  # the participants who may act
    names: Mapping[str, str] = field(default_factory=_empty)
    stages: tuple[tuple[str, str], ...] = ()  # (id, name) a phone may write into
    lanes: tuple[tuple[str, str], ...] = ()
    touchpoints: tuple[tuple[str, str, str], ...] = ()  # (card id, text, stage name) to rate
    inbox: tuple[InboxCard, ...] = ()
    ratings: Mapping[str, Mapping[str, int]] = field(default_factory=_empty)  # participant id -> card id -> value
    voting: VotingView | None = None

    def view_for(self, participant_id: str) -> dict[str, Any]:
        """The JSON-ready state one phone sees."""
        step = self.step
        voting = None
        if self.voting is not None and step.voting:
            v = self.voting
            voting = {"cards": [{"id": i, "text": t} for i, t in v.cards],
                      "mine": dict(v.ballots.get(participant_id, {})),
                      "remaining": v.remaining.get(participant_id, 0),
                      "results": None if v.results is None else dict(v.results)}
        return {
            "version": self.version,
            "title": self.title,
            "faces": list(self.faces),
            "you": {"name": self.names.get(participant_id, "")},
            "step": {"prompt": step.prompt, "writing": step.writing, "rating": step.rating,
                     "voting": voting is not None, "private": step.private_writing},
            "stages": [{"id": i, "name": n} for i, n in self.stages] if step.writing else [],
            "lanes": [{"id": i, "name": n} for i, n in self.lanes] if step.writing else [],
            "touchpoints": [{"id": i, "text": t, "stage": s} for i, t, s in self.touchpoints] if step.rating else [],
            "ratings": dict(self.ratings.get(participant_id, {})),
            "cards": [{"id": c.id, "text": c.text, "lane": c.lane_id, "stage": c.stage_id,
                       "mine": c.participant_id == participant_id, "hidden": c.hidden}
                      for c in self.inbox if not c.hidden or c.participant_id == participant_id],
            "voting": voting,
        }


def build_snapshot(doc: Document, step: RoomStep, *, version: int, sent_out: Iterable[str] = (),
                   joining_locked: bool = False, voting: RoomVoting | None = None) -> RoomSnapshot:
    """The room's view of the map now; `sent_out` are participants the facilitator removed from the room."""
    participants = doc.items(PARTICIPANT)
    away = set(sent_out)
    ratings: dict[str, dict[str, int]] = {}
    for r in doc.items(RATING):
        ratings.setdefault(r.participant_id, {})[r.card_id] = r.value
    stage_names = {s.id: s.name for s in doc.stages}
    view = None
    if voting is not None and step.voting:
        ids = [p.id for p in participants]
        results = voting.results(doc)
        view = VotingView(
            tuple((c.id, _shown(c.text)) for c in voting.votable_cards(doc)),
            MappingProxyType({p: voting.remaining(doc, p) for p in ids}),
            MappingProxyType({p: MappingProxyType(dict(voting.ballot(doc, p))) for p in ids}),
            None if results is None else MappingProxyType(dict(results)))
    return RoomSnapshot(
        version=version,
        title=doc.info.title,
        faces=tuple(doc.info.emotion_labels),
        step=step,
        joining_locked=joining_locked,
        members=frozenset(p.id for p in participants if p.id not in away),
        names=MappingProxyType({p.id: p.name for p in participants}),
        stages=tuple((s.id, s.name) for s in step.stages(doc)),
        lanes=tuple((lane.id, lane.name) for lane in step.card_lanes(doc)),
        touchpoints=tuple((c.id, _shown(c.text), stage_names[c.stage_id]) for c in step.touchpoints(doc)),
        inbox=tuple(doc.items(INBOX)),  # their text is phone-sized already
        ratings=MappingProxyType({p: MappingProxyType(v) for p, v in ratings.items()}),
        voting=view,
    )
