"""Planners for the room: each turns what a phone or the facilitator means into ONE operation, or None.

Phones' intents (model/room/intents.py) are planned against the current step: what the step does not
allow raises NotAllowedError, an id naming nothing NotFoundError, a bad value ValidationError; the
document then validates again as it applies. The facilitator's own room edits (accept, edit, discard,
reveal, remove a participant) are planned here too and pushed as undoable steps by the editor.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import ops
from ..document import Document
from ..domain import PERSONA_COLOURS, InboxCard, Participant, RoomRating, tidy_name
from ..edits import new_card
from ..entities import room_rating_id
from ..errors import NotAllowedError, NotFoundError, ValidationError
from .intents import AddInboxCard, CastVote, Intent, Join, Rate, TakeBackVote
from .step import RoomStep
from .voting import RoomVoting

INBOX, RATING, PARTICIPANT = "inbox_card", "room_rating", "participant"


def plan(doc: Document, step: RoomStep, intent: Intent, *, voting: RoomVoting | None = None,
         joining_locked: bool = False) -> ops.Op | None:
    """The operation a phone's intent makes in this step (None: it would change nothing)."""
    if isinstance(intent, Join):
        return join(doc, intent.name, locked=joining_locked)
    _participant(doc, intent.participant_id)
    if isinstance(intent, AddInboxCard):
        return add_inbox_card(doc, step, intent)
    if isinstance(intent, Rate):
        return rate(doc, step, intent.participant_id, intent.card_id, intent.value)
    if isinstance(intent, (CastVote, TakeBackVote)):
        if voting is None or not step.voting:
            raise NotAllowedError("voting is not open in this step")
        if not voting.takes(doc, intent.card_id):
            raise NotFoundError("this card cannot be voted on")
        if isinstance(intent, CastVote):
            return voting.cast(doc, intent.participant_id, intent.card_id)
        return voting.take_back(doc, intent.participant_id, intent.card_id)
    raise ValidationError(f"unknown request {type(intent).__name__}")


def _participant(doc: Document, participant_id: str) -> Participant:
    try:
        return doc.item(PARTICIPANT, participant_id)
    except NotFoundError:
        raise NotFoundError("you are no longer in this room; join again") from None


def join(doc: Document, name: str, *, locked: bool = False) -> ops.Op:
    """A new participant (each phone is one, even with a name already taken: two Annas are two people)."""
    if locked:
        raise NotAllowedError("the facilitator has locked the room: no one new may join")
    name = tidy_name(name)
    if not name:
        raise ValidationError("a name cannot be empty")
    colour = PERSONA_COLOURS[len(doc.items(PARTICIPANT)) % len(PERSONA_COLOURS)]
    return ops.AddItem(Participant(name, colour=colour))


def add_inbox_card(doc: Document, step: RoomStep, intent: AddInboxCard) -> ops.Op:
    if not step.writing:
        raise NotAllowedError("adding cards is not open in this step")
    doc.lane(intent.lane_id), doc.stage(intent.stage_id)  # NotFoundError for ids naming nothing
    if intent.lane_id not in {lane.id for lane in step.card_lanes(doc)}:
        raise NotAllowedError("this step takes no cards in that lane")
    if intent.stage_id not in {s.id for s in step.stages(doc)}:
        raise NotAllowedError("this step takes no cards in that stage")
    return ops.AddItem(InboxCard(intent.text, intent.lane_id, intent.stage_id, intent.participant_id,
                                 hidden=step.private_writing))


def rate(doc: Document, step: RoomStep, participant_id: str, card_id: str, value: int | None) -> ops.Op | None:
    """Set (or with None, take back) a participant's rating of a touchpoint of the step."""
    if not step.rating:
        raise NotAllowedError("rating is not open in this step")
    if not step.rates(doc, doc.card(card_id)):
        raise NotAllowedError("this card is not one of the step's touchpoints")
    rating_id = room_rating_id(card_id, participant_id)
    try:
        old = doc.item(RATING, rating_id)
    except NotFoundError:
        old = None
    if value is None:
        return None if old is None else ops.RemoveItem(RATING, rating_id)
    if old is None:
        return ops.AddItem(RoomRating(card_id, participant_id, value, id=rating_id))
    return None if old.value == value else ops.UpdateItem(RATING, rating_id, {"value": value})


# -- the facilitator's side: each one undoable step ---------------------------------------------------


def accept(doc: Document, inbox_id: str, *, text: str | None = None, index: int | None = None) -> ops.Op:
    """The inbox card becomes a real card at the end of (or at `index` in) its cell, and leaves the inbox."""
    waiting: InboxCard = doc.item(INBOX, inbox_id)
    card = new_card(doc, waiting.stage_id, waiting.lane_id, waiting.text if text is None else text)
    return ops.Batch((ops.AddCard(card, index), ops.RemoveItem(INBOX, inbox_id)), "Accept card from the room")


def edit_inbox_text(doc: Document, inbox_id: str, text: str) -> ops.Op | None:
    waiting: InboxCard = doc.item(INBOX, inbox_id)
    text = text.strip()
    if not text or text == waiting.text:
        return None
    return ops.Batch((ops.UpdateItem(INBOX, inbox_id, {"text": text}),), "Edit card from the room")


def discard(doc: Document, inbox_ids: Iterable[str]) -> ops.Op | None:
    steps = tuple(ops.RemoveItem(INBOX, i) for i in dict.fromkeys(inbox_ids) if doc.item(INBOX, i))
    if not steps:
        return None
    return ops.Batch(steps, "Discard card from the room" if len(steps) == 1 else f"Discard {len(steps)} cards from the room")


def reveal(doc: Document, inbox_ids: Iterable[str] | None = None) -> ops.Op | None:
    """Show hidden inbox cards (all of them, or those given) to the room; None when none is hidden."""
    wanted = None if inbox_ids is None else set(inbox_ids)
    steps = tuple(ops.UpdateItem(INBOX, c.id, {"hidden": False}) for c in doc.items(INBOX)
                  if c.hidden and (wanted is None or c.id in wanted))
    return ops.Batch(steps, "Reveal cards from the room") if steps else None


def remove_participant(doc: Document, participant_id: str) -> ops.Op:
    """The participant leaves the map, with their ratings and waiting cards (the document's cascade)."""
    name = doc.item(PARTICIPANT, participant_id).name
    return ops.Batch((ops.RemoveItem(PARTICIPANT, participant_id),), f"Remove {name} from the room")
