"""As-is and to-be (issue 13): a persona's to-be curve beside its as-is one, cards marked as the future's.

The future state is kept in two declared entities (model/entities.py):
`ToBeEmotion` (what a persona is meant to feel at a card) and `ToBeCard` (a
card that is a future-state touchpoint). Their ids are made from what they
are about, so there is at most one per card and persona (per card) and a
lookup is one step. Here: those ids, the questions views ask, the planners
that turn "set this to-be value" into one operation (None when nothing
would change), and the map as it is today (the to-be cards left out), which
an as-is poster prints.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from . import ops
from .document import Content, Document
from .domain import ToBeCard, ToBeEmotion, check_emotion
from .errors import NotFoundError

TO_BE_EMOTION = "to_be_emotion"
TO_BE_CARD = "to_be_card"
_NAMESPACE = uuid.UUID("6b1f3c2e-8f4d-4a57-9a43-1d2f0c7be913")  # Journeymap's own: ids for to-be items


def to_be_emotion_id(card_id: str, persona_id: str) -> str:
    """The one id a to-be emotion of this card and persona can have (a name-based UUID, unambiguous
    whatever characters the two ids hold)."""
    return uuid.uuid5(_NAMESPACE, json.dumps(["emotion", card_id, persona_id])).hex


def to_be_card_id(card_id: str) -> str:
    return uuid.uuid5(_NAMESPACE, json.dumps(["card", card_id])).hex


# -- questions ------------------------------------------------------------------------------------


def to_be_values(doc: Document) -> dict[tuple[str, str], float]:
    """(card_id, persona_id) -> the to-be value: the to-be curves' points."""
    return {(e.card_id, e.persona_id): e.value for e in doc.items(TO_BE_EMOTION)}


def to_be_value(doc: Document, card_id: str, persona_id: str) -> float | None:
    try:
        return doc.item(TO_BE_EMOTION, to_be_emotion_id(card_id, persona_id)).value
    except NotFoundError:
        return None


def to_be_cards(doc: Document | Content) -> frozenset[str]:
    """The ids of the cards marked as future-state touchpoints."""
    marks = doc.items_of(TO_BE_CARD) if isinstance(doc, Content) else doc.items(TO_BE_CARD)
    return frozenset(m.card_id for m in marks)


def is_to_be(doc: Document, card_id: str) -> bool:
    try:
        doc.item(TO_BE_CARD, to_be_card_id(card_id))
    except NotFoundError:
        return False
    return True


# -- planners (model/edits.py's contract: one operation, or None when nothing would change) ---------


def set_to_be_emotion(doc: Document, card_id: str, persona_id: str, value: float | None) -> ops.Op | None:
    """Set (or with None clear) what the persona is meant to feel at the card; refuses (ValidationError)
    a value outside −2…+2, (NotFoundError) an unknown card or persona."""
    doc.card(card_id)
    doc.persona(persona_id)
    old = to_be_value(doc, card_id, persona_id)
    key = to_be_emotion_id(card_id, persona_id)
    if value is None:
        return None if old is None else ops.Batch((ops.RemoveItem(TO_BE_EMOTION, key),), "Clear to-be emotion")
    value = check_emotion(value)
    if old == value:
        return None
    if old is None:
        return ops.Batch((ops.AddItem(ToBeEmotion(card_id, persona_id, value, id=key)),), "Set to-be emotion")
    return ops.Batch((ops.UpdateItem(TO_BE_EMOTION, key, {"value": value}),), "Set to-be emotion")


def mark_to_be(doc: Document, card_ids: Iterable[str], to_be: bool) -> ops.Op | None:
    """Mark cards as future-state touchpoints (or as today's again); cards already so are left out."""
    steps: list[ops.Op] = []
    for card_id in dict.fromkeys(card_ids):
        doc.card(card_id)
        if is_to_be(doc, card_id) == to_be:
            continue
        key = to_be_card_id(card_id)
        steps.append(ops.AddItem(ToBeCard(card_id, id=key)) if to_be else ops.RemoveItem(TO_BE_CARD, key))
    if not steps:
        return None
    n = len(steps)
    noun = "card" if n == 1 else f"{n} cards"
    return ops.Batch(tuple(steps), f"Mark {noun} as to-be" if to_be else f"Mark {noun} as as-is")


# -- the map as it is today ------------------------------------------------------------------------


def as_is_content(content: Content) -> Content:
    """The map without its to-be cards (and what hangs on them): what an as-is poster shows.

    The same content when no card is marked to-be.
    """
    future = to_be_cards(content)
    if not future:
        return content
    doc = Document(content)
    doc.apply(ops.Batch(tuple(ops.RemoveCard(c) for c in sorted(future)), "As is"))
    return doc.content()
