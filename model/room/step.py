"""What phones in the room may do now: the current workshop step as the room sees it.

The facilitator sets it in the Room panel; once the workshop plan runs, its current step (activity,
focus, prompt) becomes a RoomStep the same way. Everything a phone may see or do is derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..domain import Card, CardKind, Lane, Stage
from ..workshop_domain import Activity, WorkshopStep

PROMPT_MAX = 300


@dataclass(frozen=True)
class RoomStep:
    prompt: str = ""  # what the facilitator asks the room, shown on every phone
    writing: bool = True  # phones may add cards to the inbox
    rating: bool = True  # phones may rate the step's touchpoints
    voting: bool = False  # phones may vote (when a voting session plugs in: model/room/voting.py)
    private_writing: bool = False  # new cards stay hidden from the room until the facilitator reveals them
    stage_ids: tuple[str, ...] = ()  # the step's focus; () is the whole map
    lane_ids: tuple[str, ...] = ()

    def stages(self, doc: Document) -> list[Stage]:
        """The stages in focus, in map order (ids no longer in the map are ignored)."""
        return [s for s in doc.stages if not self.stage_ids or s.id in self.stage_ids]

    def card_lanes(self, doc: Document) -> list[Lane]:
        """The lanes in focus that hold cards: where phones may write."""
        return [lane for lane in doc.lanes if lane.takes_cards and (not self.lane_ids or lane.id in self.lane_ids)]

    def touchpoints(self, doc: Document) -> list[Card]:
        """The cards phones rate: the touchpoints in the focus, in journey order."""
        lanes = {lane.id for lane in self.card_lanes(doc)}
        return [c for c in doc.cards() if self._rated(c, lanes)]

    def rates(self, doc: Document, card: Card) -> bool:
        """Whether phones rate this card in this step (it is one of `touchpoints`), without listing them all."""
        return self._rated(card, {lane.id for lane in self.card_lanes(doc)})

    def _rated(self, card: Card, lanes: set[str]) -> bool:
        # A card's stage is always one of the map's: "in the focus" is "no focus, or named in it".
        return (card.kind == CardKind.TOUCHPOINT and card.lane_id in lanes
                and (not self.stage_ids or card.stage_id in self.stage_ids))


def from_workshop(step: WorkshopStep, prompt: str, *, private_writing: bool = False) -> RoomStep:
    """What phones may do during a step of the workshop plan: write in a capture step, rate in a rate-
    emotions step, vote in a vote step (only follow along in the others), within the step's focus and
    under its prompt. A rating step rates the touchpoints of its stages, whichever lanes it focuses."""
    rating = step.activity == Activity.RATE_EMOTIONS
    return RoomStep(prompt=prompt[:PROMPT_MAX], writing=step.activity == Activity.CAPTURE, rating=rating,
                    voting=step.activity == Activity.VOTE, private_writing=private_writing,
                    stage_ids=step.focus_stages, lane_ids=() if rating else step.focus_lanes)
