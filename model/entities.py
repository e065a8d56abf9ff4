"""The entities a map keeps beside its core (participants, voting sessions, votes…): each is one declaration.

A declaration names the entity's frozen dataclass, its table (also its JSON
key), the schema version that added it and the things it refers to. From it
alone the Document keeps the entity in order and applies the generic item
operations (model/ops.py: AddItem, RemoveItem, MoveItem, UpdateItem), removing
an item when what it refers to goes; the map file gets its table, columns,
foreign keys, indexes and upgrade step (model/persistence/); the JSON format
and its schema carry it (model/interchange/). Columns follow the dataclass's
field types: text, whole numbers, numbers, true/false, bytes, enums (stored as
their value) and tuples of text (stored as a JSON list). It also says how two
versions of the map compare its items (`compared`, model/diff_entities.py).
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import MISSING, dataclass, fields
from enum import StrEnum
from collections.abc import Callable
from typing import Any

from . import voting_rules
from .domain import (InboxCard, LaneKind, Participant, PrintRecord, RoomRating, ToBeCard, ToBeEmotion, Vote,
                     VotingSession)
from .errors import ValidationError
from .workshop_domain import JournalEntry, WorkshopStep


@dataclass(frozen=True)
class Ref:
    """A field holding the id of another thing; removing that thing removes the item."""

    field: str  # "card_id"
    kind: str  # "card", "stage", "lane", "persona", or a declared entity's kind
    json: str  # the field's name in JSON: "card"


@dataclass(frozen=True)
class Mention:
    """A field holding ids of other things without depending on them (a step's focus stages): the ids stay
    when the things go. Comparing versions reads them as those things (model/diff_entities.py)."""

    field: str  # "focus_stages", a tuple of ids
    kind: str  # "stage"


class Compared(StrEnum):
    """How comparing two versions of a map (model/diff.py, `journeymap diff`) treats an entity's items."""

    IN_ORDER = "in order"  # one by one: added, removed, changed fields, moved within their list
    UNORDERED = "unordered"  # one by one, their order meaning nothing: added, removed, changed fields
    ON_CARDS = "on cards"  # votes: each card's total per voting session, a changed total a change of the card
    COUNTED = "counted"  # run data (what happened, not what the map is): how many added, removed, changed


@dataclass(frozen=True)
class Field:
    """One stored field: its name, what it holds, whether it may be None, its default."""

    name: str
    holds: str  # "text", "int", "float", "bool", "bytes", "enum", "texts"
    optional: bool
    enum: type[StrEnum] | None = None
    required: bool = True  # no default: JSON must give it


@dataclass(frozen=True)
class Entity:
    kind: str  # the dirty-key kind and the operations' name for it: "participant"
    value_type: type  # a frozen dataclass of model/domain.py with an `id` field
    table: str  # the table in the map file and the list in JSON: "participants"
    noun: str  # for messages and the undo history: "participant"
    since: int  # the schema version whose upgrade creates the table
    refs: tuple[Ref, ...] = ()
    # What names an item in listings (journeymap info); None: not listed on its own (a vote is shown in
    # its session's totals).
    label_field: str | None = "name"
    listed: bool = True  # False: `journeymap info` shows the items in a section of their own (the plan, the journal)
    # True: `journeymap info` gives how many there are, not their labels (a to-be point or a phone's rating is
    # about a card: its label alone says nothing).
    counted: bool = False
    # The entity's own rules beyond its values' checks and its refs: check(document, value) raises
    # ValidationError when the item may not be added or become `value` (a ballot over its budget).
    # Run on every add and update, whatever the path (editor, booth, room, import).
    check: Callable[[Any, Any], None] | None = None
    mentions: tuple[Mention, ...] = ()
    compared: Compared = Compared.IN_ORDER
    plural: str = ""  # the noun for several, when adding an "s" is wrong: "journal entries"

    @property
    def nouns(self) -> str:
        return self.plural or f"{self.noun}s"

    @functools.cached_property
    def fields(self) -> tuple[Field, ...]:
        """The stored fields, in the dataclass's order, without `id`."""
        hints = typing.get_type_hints(self.value_type)
        out = []
        for f in fields(self.value_type):
            if f.name == "id":
                continue
            holds, optional, enum = _holds(hints[f.name])
            required = f.default is MISSING and f.default_factory is MISSING  # type: ignore[misc]
            out.append(Field(f.name, holds, optional, enum, required))
        return tuple(out)

    def ref(self, field_name: str) -> Ref | None:
        return next((r for r in self.refs if r.field == field_name), None)


def _holds(hint: Any) -> tuple[str, bool, type[StrEnum] | None]:
    optional = False
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        optional = True
        (hint,) = [a for a in args if a is not type(None)]
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return "enum", optional, hint
    if typing.get_origin(hint) is tuple:
        return "texts", optional, None
    simple = {str: "text", int: "int", float: "float", bool: "bool", bytes: "bytes"}
    if hint not in simple:
        raise TypeError(f"no stored form for a field of type {hint!r}")
    return simple[hint], optional, None


ENTITIES: dict[str, Entity] = {}  # kind -> declaration, in declaration order (parents before children)
_BY_TYPE: dict[type, Entity] = {}


def declare(entity: Entity) -> Entity:
    """Add an entity to the map. Refused (ValueError) for a kind, table or type declared twice."""
    if entity.kind in ENTITIES or entity.value_type in _BY_TYPE or any(e.table == entity.table for e in ENTITIES.values()):
        raise ValueError(f"the entity {entity.kind!r} is declared twice")
    for ref in (*entity.refs, *entity.mentions):
        if ref.kind not in CORE_KINDS and ref.kind not in ENTITIES:
            raise ValueError(f"{entity.kind}.{ref.field} refers to {ref.kind!r}, which is not declared before it")
    entity.fields  # noqa: B018 - every field must have a stored form: fail at import, not at save
    ENTITIES[entity.kind] = entity
    _BY_TYPE[entity.value_type] = entity
    return entity


def ref_index_name(entity: Entity, ref: Ref) -> str:
    """The index the map file keeps on a reference column (removals look items up by it)."""
    return f"ix_{entity.table}_{ref.field}"


def entity_of(value: Any) -> Entity:
    """The declaration of a value's type; KeyError for a value of no declared entity."""
    return _BY_TYPE[type(value)]


# The things of the core map an entity may refer to.
CORE_KINDS = frozenset({"stage", "lane", "card", "persona", "connection", "kpi"})

# -- the declarations --------------------------------------------------------------------------------

PARTICIPANTS = declare(Entity("participant", Participant, "participants", "participant", since=3))
VOTING_SESSIONS = declare(Entity("voting_session", VotingSession, "voting_sessions", "voting session", since=3,
                                 check=voting_rules.check_session, mentions=(Mention("votable_lanes", "lane"),)))
VOTES = declare(Entity(
    "vote", Vote, "votes", "vote", since=3,
    refs=(Ref("session_id", "voting_session", "session"), Ref("participant_id", "participant", "participant"),
          Ref("card_id", "card", "card")),
    label_field=None, check=voting_rules.check_vote, compared=Compared.ON_CARDS))

# The workshop plan's steps and the session journal (model/workshop_domain.py). A step's focus ids and a
# journal entry's step and card ids are plain text, not refs: the journal is history and keeps its
# entries when a card goes, and a step keeps its focus across a deleted (and undone) stage.
WORKSHOP_STEPS = declare(Entity("workshop_step", WorkshopStep, "workshop_steps", "workshop step", since=3,
                                label_field="title", listed=False,
                                mentions=(Mention("focus_stages", "stage"), Mention("focus_lanes", "lane"))))
JOURNAL = declare(Entity("journal_entry", JournalEntry, "journal_entries", "journal entry", since=3,
                         label_field="kind", listed=False, compared=Compared.COUNTED, plural="journal entries"))


def _keyed_by(key: Callable[..., str], *fields_: str, noun: str) -> Callable[[Any, Any], None]:
    """The rule "at most one per <fields>": the item's id must be the one made from those fields, so the
    map's unique ids keep the rule (a second item for the same pair is refused as a used id) in one step."""

    def check(_document: Any, value: Any) -> None:
        if value.id != key(*(getattr(value, f) for f in fields_)):
            raise ValidationError(f"a {noun}'s id must be the one made from its {' and '.join(fields_)}"
                                  f" (there is at most one per {' and '.join(f.removesuffix('_id') for f in fields_)})")

    return check


def _to_be_emotion_rule(document: Any, value: ToBeEmotion) -> None:
    from .domain import check_emotion
    from .tobe import to_be_emotion_id

    check_emotion(value.value)  # −2…+2, whatever built the value
    _keyed_by(to_be_emotion_id, "card_id", "persona_id", noun="to-be emotion")(document, value)


def _to_be_card_rule(document: Any, value: ToBeCard) -> None:
    from .tobe import to_be_card_id

    _keyed_by(to_be_card_id, "card_id", noun="to-be mark")(document, value)


# The future state (issue 13): a persona's to-be curve, point by point, and the cards marked as to-be.
# A marker entity rather than a new Card field: the cards table, its 2→3 step, CSV and every Card
# comparison stay as they are, and removing a card removes its mark by the declared reference.
TO_BE_EMOTIONS = declare(Entity("to_be_emotion", ToBeEmotion, "to_be_emotions", "to-be emotion", since=3,
                                refs=(Ref("card_id", "card", "card"), Ref("persona_id", "persona", "persona")),
                                label_field="card_id", counted=True, check=_to_be_emotion_rule,
                                compared=Compared.UNORDERED))
TO_BE_CARDS = declare(Entity("to_be_card", ToBeCard, "to_be_cards", "to-be mark", since=3,
                             refs=(Ref("card_id", "card", "card"),), label_field="card_id", counted=True,
                             check=_to_be_card_rule, compared=Compared.UNORDERED))
# What each tiled print showed, for `--changed-since LAST-PRINT` (model/prints.py).
PRINT_RECORDS = declare(Entity("print_record", PrintRecord, "print_records", "print record", since=3,
                               label_field="when", compared=Compared.COUNTED))



def _inbox_card_rule(document: Any, card: InboxCard) -> None:
    """An inbox card waits for a cell it can be accepted into: its lane holds cards."""
    if document.lane(card.lane_id).kind != LaneKind.CARDS:
        raise ValidationError("a card from the room goes into a lane of cards, not an emotions lane")


INBOX_CARDS = declare(Entity("inbox_card", InboxCard, "inbox_cards", "card from the room", since=3, refs=(
    Ref("lane_id", "lane", "lane"), Ref("stage_id", "stage", "stage"),
    Ref("participant_id", "participant", "participant")), label_field="text", check=_inbox_card_rule,
    compared=Compared.COUNTED, plural="cards from the room"))


def room_rating_id(card_id: str, participant_id: str) -> str:
    """The one id a participant's rating of a card may have: ids are unique, so one rating per pair."""
    return f"{card_id}~{participant_id}"


def _one_rating_per_pair(_document: Any, rating: RoomRating) -> None:
    # Checking the id, not scanning every rating, keeps loading 10,000 ratings linear.
    if rating.id != room_rating_id(rating.card_id, rating.participant_id):
        raise ValidationError("a participant rates a card once: the rating's id must name its card and participant")


ROOM_RATINGS = declare(Entity("room_rating", RoomRating, "room_ratings", "rating from the room", since=3, refs=(
    Ref("card_id", "card", "card"), Ref("participant_id", "participant", "participant")),
    label_field="value", counted=True, check=_one_rating_per_pair, compared=Compared.COUNTED,
    plural="ratings from the room"))
