"""What the room may see, as one immutable value, and each phone's view of it.

The GUI thread builds a RoomSnapshot after every change of the map or of the room (the step, the lock);
the server thread only ever reads the latest one, so it never touches the document. A phone's view
holds only what the step shows: no file names or paths, no other participant's name, id or hidden card.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
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
        return json.loads(self.view_json(participant_id))

    def view_json(self, participant_id: str) -> bytes:
        """The state one phone sees, as JSON. Sixty phones' live streams each send it after every change:
        what they all share (the touchpoints, the votable cards, each card from the room) is encoded
        once per snapshot, and only what is the phone's own is encoded for it."""
        shared, pid = self._encoded, participant_id
        voting = "null"
        if shared.voting_cards is not None:
            v = self.voting
            voting = (f'{{"cards":{shared.voting_cards},"mine":{_json(dict(v.ballots.get(pid, {})))},'
                      f'"remaining":{_json(v.remaining.get(pid, 0))},"results":{shared.results}}}')
        cards = ",".join(shared.inbox[c.id][c.participant_id == pid] for c in self.inbox
                         if not c.hidden or c.participant_id == pid)
        return (f'{{{shared.head},"you":{_json({"name": self.names.get(pid, "")})},{shared.places},'
                f'"ratings":{_json(dict(self.ratings.get(pid, {})))},"cards":[{cards}],"voting":{voting}}}').encode()

    @cached_property
    def _encoded(self) -> _Encoded:
        step, v = self.step, self.voting
        shown = v is not None and step.voting
        head = {"version": self.version, "title": self.title, "faces": list(self.faces)}
        places = {
            "step": {"prompt": step.prompt, "writing": step.writing, "rating": step.rating, "voting": shown,
                     "private": step.private_writing},
            "stages": [{"id": i, "name": n} for i, n in self.stages] if step.writing else [],
            "lanes": [{"id": i, "name": n} for i, n in self.lanes] if step.writing else [],
            "touchpoints": [{"id": i, "text": t, "stage": s} for i, t, s in self.touchpoints] if step.rating else [],
        }
        inbox = {c.id: tuple(_json({"id": c.id, "text": c.text, "lane": c.lane_id, "stage": c.stage_id,
                                    "mine": mine, "hidden": c.hidden}) for mine in (False, True))
                 for c in self.inbox}
        return _Encoded(
            head=_json(head)[1:-1], places=_json(places)[1:-1], inbox=inbox,
            voting_cards=_json([{"id": i, "text": t} for i, t in v.cards]) if shown else None,
            results=_json(None if not shown or v.results is None else dict(v.results)))


@dataclass(frozen=True)
class _Encoded:
    """A snapshot's JSON that every phone's view shares (`head` and `places` are members without braces)."""

    head: str
    places: str
    inbox: Mapping[str, tuple[str, str]]  # card id -> its JSON for another's phone, for its writer's
    voting_cards: str | None  # None: phones see no vote section
    results: str


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


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
        ballots, remaining = voting.standing(doc, [p.id for p in participants])
        results = voting.results(doc)
        view = VotingView(
            tuple((c.id, _shown(c.text)) for c in voting.votable_cards(doc)),
            MappingProxyType(dict(remaining)),
            MappingProxyType({p: MappingProxyType(dict(b)) for p, b in ballots.items()}),
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
