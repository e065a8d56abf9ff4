"""What a phone asks for, as values, and the strict reading of its request bodies.

The server reads a request's JSON object with the `read_*` functions: exactly the fields named, each of
the right type and size, or ValidationError with one line the phone shows. The values then travel to the
GUI thread, where plans.py turns each into one operation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..domain import ROOM_CARD_TEXT_MAX, _text as checked_text
from ..errors import ValidationError

NAME_MAX = 40  # a display name on a phone
_ID = re.compile(r"[0-9A-Za-z_~-]{1,100}")


@dataclass(frozen=True)
class Join:
    name: str


@dataclass(frozen=True)
class AddInboxCard:
    participant_id: str
    text: str
    lane_id: str
    stage_id: str


@dataclass(frozen=True)
class Rate:
    participant_id: str
    card_id: str
    value: int | None  # −2…+2, or None to take the rating back


@dataclass(frozen=True)
class CastVote:
    participant_id: str
    card_id: str


@dataclass(frozen=True)
class TakeBackVote:
    participant_id: str
    card_id: str


Intent = Join | AddInboxCard | Rate | CastVote | TakeBackVote


def _fields(payload: Any, required: set[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise ValidationError("the request must be a JSON object")
    missing = required - payload.keys()
    if missing:
        raise ValidationError(f"the request lacks {sorted(missing)[0]!r}")
    extra = payload.keys() - required - optional
    if extra:
        raise ValidationError(f"the request has an unknown field {sorted(extra)[0][:40]!r}")
    return payload


def _id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValidationError(f"{what} is not an id")
    return value


def _text(value: Any, what: str, limit: int) -> str:
    """Text as any map text is checked (domain), not empty, and within the phone's own, smaller limit."""
    if isinstance(value, str) and len(value) > limit:
        raise ValidationError(f"{what} holds at most {limit} characters")
    return checked_text(value, what, required=True)


def read_join(payload: Any) -> tuple[str, str]:
    """(room token or code, display name) of a join request."""
    fields = _fields(payload, {"room", "name"})
    room = fields["room"]
    if not isinstance(room, str) or not 1 <= len(room) <= 100:
        raise ValidationError("the room's code is missing")
    return room, " ".join(_text(fields["name"], "a name", NAME_MAX * 4).split())[:NAME_MAX]


def read_card(participant_id: str, payload: Any) -> AddInboxCard:
    fields = _fields(payload, {"text", "lane", "stage"})
    text = _text(fields["text"], "a card's text", ROOM_CARD_TEXT_MAX).strip()
    return AddInboxCard(participant_id, text, _id(fields["lane"], "the lane"), _id(fields["stage"], "the stage"))


def read_rating(participant_id: str, payload: Any) -> Rate:
    fields = _fields(payload, {"card", "value"})
    value = fields["value"]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2):
        raise ValidationError("a rating is a whole number from -2 to +2, or null to take it back")
    return Rate(participant_id, _id(fields["card"], "the card"), value)


def read_vote(participant_id: str, payload: Any, *, take_back: bool = False) -> CastVote | TakeBackVote:
    fields = _fields(payload, {"card"})
    card_id = _id(fields["card"], "the card")
    return TakeBackVote(participant_id, card_id) if take_back else CastVote(participant_id, card_id)
