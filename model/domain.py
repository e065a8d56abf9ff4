"""The nouns of a journey map as immutable values.

Objects are frozen: an edit replaces a value, it never mutates one, so a view
or an undo record holding an old value can never see it change underneath.
Order (of stages, lanes, cards in a cell, personas, connections, KPIs) is kept
by the Document, not by the objects.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any

from .errors import ValidationError

EMOTION_MIN = -2.0
EMOTION_MAX = 2.0
DEFAULT_EMOTION_LABELS = ("Frustrated", "Unhappy", "Neutral", "Pleased", "Delighted")
DEFAULT_STAGE_WIDTH = 260.0
MIN_STAGE_WIDTH = 140.0
MAX_STAGE_WIDTH = 2000.0
MAX_TEXT = 1_000_000  # a card or a field may hold a lot, but not without bound
MAP_SUFFIX = ".journey"  # the one file name ending of a map


def new_id() -> str:
    return uuid.uuid4().hex


class LabelledEnum(StrEnum):
    """An enum whose values are snake_case words, shown to people as a capitalised phrase ("Pain point")."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class LaneKind(StrEnum):
    CARDS = "cards"
    EMOTIONS = "emotions"


class CardKind(LabelledEnum):
    NOTE = "note"
    TOUCHPOINT = "touchpoint"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    IDEA = "idea"
    QUOTE = "quote"
    ACTION = "action"  # a decision or next step a workshop ends with: someone's, by a date


class Channel(StrEnum):
    NONE = ""
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"
    STORE = "store"
    SOCIAL = "social"
    EVENT = "event"
    CHAT = "chat"
    APP = "app"
    WORD_OF_MOUTH = "word_of_mouth"
    REVIEW_SITE = "review_site"
    SALES = "sales"
    DOCUMENT = "document"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize() if self.value else "None"


class Evidence(StrEnum):
    NONE = ""
    OBSERVED = "observed"
    ASSUMED = "assumed"
    PROPOSED = "proposed"


# The fixed card palette: name -> (fill, border). Names are stored; colours are
# only ever looked up here, never built from user text.
PALETTE: dict[str, tuple[str, str]] = {
    "yellow": ("#FFF1A8", "#D9B92E"),
    "orange": ("#FFD3A8", "#D9862E"),
    "red": ("#FFB8B0", "#C9483B"),
    "pink": ("#F9C4E1", "#C2528F"),
    "purple": ("#DCCBF5", "#7A55B8"),
    "blue": ("#BFDDFB", "#3C7BC0"),
    "teal": ("#B5EBE2", "#2E9C8A"),
    "green": ("#CDEDB5", "#5A9E2E"),
    "grey": ("#E3E5E8", "#868C94"),
    "white": ("#FFFFFF", "#A0A6AD"),
}

# The colour a new card of each kind gets.
KIND_COLOURS: dict[CardKind, str] = {
    CardKind.NOTE: "yellow",
    CardKind.TOUCHPOINT: "blue",
    CardKind.PAIN_POINT: "red",
    CardKind.OPPORTUNITY: "green",
    CardKind.IDEA: "purple",
    CardKind.QUOTE: "grey",
    CardKind.ACTION: "orange",
}

# What a lane's name says its new cards are: a "Pain points" lane makes pain points. First match wins.
_KIND_BY_LANE_NAME: tuple[tuple[CardKind, tuple[str, ...]], ...] = (
    (CardKind.PAIN_POINT, ("pain", "problem", "frustrat")),
    (CardKind.OPPORTUNITY, ("opportunit", "improve")),
    (CardKind.TOUCHPOINT, ("touchpoint", "channel")),
    (CardKind.IDEA, ("idea",)),
    (CardKind.QUOTE, ("quote", "said", "voice", "thought", "think")),
    # Not "action" alone: an Actions lane holds what the customer does, not the team's next steps.
    (CardKind.ACTION, ("next step", "action item", "follow-up", "follow up", "to-do", "todo")),
)


def card_kind_for_lane(lane_name: str) -> CardKind:
    """The kind of card a lane makes, read from its name (a note when the name says nothing)."""
    name = lane_name.lower()
    for kind, words in _KIND_BY_LANE_NAME:
        if any(word in name for word in words):
            return kind
    return CardKind.NOTE


PERSONA_COLOURS = ("#2B6CB0", "#C05621", "#2F855A", "#B83280", "#6B46C1", "#C53030", "#2C7A7B", "#975A16")


def tidy_name(name: str) -> str:
    """A name as kept: spaces and line breaks folded into single spaces, none at the ends."""
    return " ".join(str(name).split())


def next_colour(taken: "set[str] | frozenset[str]", count: int) -> str:
    """The first persona colour no one has yet (a persona or a participant); once all are taken,
    they come round again by `count` (how many there are)."""
    return next((c for c in PERSONA_COLOURS if c not in taken), PERSONA_COLOURS[count % len(PERSONA_COLOURS)])

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _text(value: Any, what: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text")
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{what} is longer than {MAX_TEXT:,} characters")
    if "\x00" in value:
        raise ValidationError(f"{what} contains a NUL character")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate is not text: no file, font or PDF can hold it.
            raise ValidationError(f"{what} contains an invalid character (a lone surrogate)") from None
    if required and not value.strip():
        raise ValidationError(f"{what} cannot be empty")
    return value


def _enum(cls: type[StrEnum], value: Any, what: str) -> StrEnum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(v.value for v in cls if v.value)
        raise ValidationError(f"{what} {value!r} is not one of: {allowed}") from None


def _flags(value: Any, *names: str, whose: str = "") -> None:
    """Refuse a yes/no field that is not a bool (JSON's 1 or "true" is not one): "<whose><name> must be ..."."""
    for name in names:
        if not isinstance(getattr(value, name), bool):
            raise ValidationError(f"{whose}{name} must be true or false")


def _score(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(f"{what} must be a whole number from 1 to 5")
    return value


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError(f"{what} must be a finite number")
    return float(value)


def check_emotion(value: Any) -> float:
    """An emotion value, refused unless it is a finite number in −2…+2."""
    number = _number(value, "an emotion")
    if number is None or not EMOTION_MIN <= number <= EMOTION_MAX:
        raise ValidationError(f"an emotion must be between {EMOTION_MIN:+.0f} and {EMOTION_MAX:+.0f}")
    return number


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # fullmatch: "$" would let a trailing newline in


def check_due(value: Any) -> str:
    """A due date as kept: an ISO calendar date "YYYY-MM-DD" (a real day), or "" for none."""
    if not isinstance(value, str):
        raise ValidationError("a due date must be text like 2026-12-31")
    if value and not _ISO_DATE.fullmatch(value):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValidationError(f"due date {shown!r} is not a date like 2026-12-31")
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"due date {value!r} is not a day of the calendar") from None
    return value


def check_hex_colour(value: Any, what: str = "a colour") -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValidationError(f"{what} must look like #RRGGBB")
    return value.upper()


class _Value:
    """Shared behaviour of the frozen domain values."""

    def with_changes(self, **changes: Any):
        unknown = set(changes) - {f.name for f in fields(self)}  # type: ignore[arg-type]
        if unknown:
            raise ValidationError(f"unknown field(s): {', '.join(sorted(unknown))}")
        if "id" in changes:
            raise ValidationError("an id cannot be changed")
        return replace(self, **changes)  # type: ignore[type-var]


@dataclass(frozen=True, slots=True)
class MapInfo(_Value):
    title: str = "Untitled journey"
    description: str = ""
    owner: str = ""
    emotion_labels: tuple[str, ...] = DEFAULT_EMOTION_LABELS

    def __post_init__(self) -> None:
        _text(self.title, "the map's title", required=True)
        _text(self.description, "the map's description")
        _text(self.owner, "the map's owner")
        labels = tuple(self.emotion_labels)
        if len(labels) != 5:
            raise ValidationError("the emotion scale needs exactly five labels (−2 … +2)")
        for label in labels:
            _text(label, "an emotion label")
        object.__setattr__(self, "emotion_labels", labels)


@dataclass(frozen=True, slots=True)
class Stage(_Value):
    name: str
    goal: str = ""
    question: str = ""
    width: float = DEFAULT_STAGE_WIDTH
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a stage's name", required=True)
        _text(self.goal, "a stage's goal")
        _text(self.question, "a stage's question")
        width = _number(self.width, "a stage's width")
        if width is None or not MIN_STAGE_WIDTH <= width <= MAX_STAGE_WIDTH:
            raise ValidationError(f"a stage's width must be {MIN_STAGE_WIDTH:.0f}–{MAX_STAGE_WIDTH:.0f}")
        object.__setattr__(self, "width", width)


@dataclass(frozen=True, slots=True)
class Lane(_Value):
    name: str
    kind: LaneKind = LaneKind.CARDS
    question: str = ""
    collapsed: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a lane's name", required=True)
        _text(self.question, "a lane's question")
        object.__setattr__(self, "kind", _enum(LaneKind, self.kind, "lane kind"))
        _flags(self, "collapsed")

    @property
    def takes_cards(self) -> bool:
        """Cards can be put in this lane (an Emotions lane draws curves instead)."""
        return self.kind == LaneKind.CARDS

    @property
    def card_kind(self) -> CardKind:
        """The kind of card this lane makes when a card is added to it."""
        return card_kind_for_lane(self.name)


@dataclass(frozen=True, slots=True)
class Card(_Value):
    stage_id: str
    lane_id: str
    text: str = ""
    kind: CardKind = CardKind.NOTE
    notes: str = ""
    colour: str = "yellow"
    channel: Channel = Channel.NONE
    owner: str = ""
    evidence: Evidence = Evidence.NONE
    impact: int | None = None
    effort: int | None = None
    due: str = ""  # "YYYY-MM-DD" or ""; any card may hold one, an action shows it (model/card_footer.py)
    # A card's votes are not a field: they are the votes of the voting sessions (VotingSession, Vote),
    # and the count a map shows is its current session's (model/voting.py: shown_votes).
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.text, "a card's text")
        _text(self.notes, "a card's notes")
        _text(self.owner, "a card's owner")
        object.__setattr__(self, "kind", _enum(CardKind, self.kind, "card kind"))
        object.__setattr__(self, "channel", _enum(Channel, self.channel, "channel"))
        object.__setattr__(self, "evidence", _enum(Evidence, self.evidence, "evidence"))
        if self.colour not in PALETTE:
            raise ValidationError(f"colour {self.colour!r} is not in the palette: {', '.join(PALETTE)}")
        _score(self.impact, "impact")
        _score(self.effort, "effort")
        check_due(self.due)

    @property
    def cell(self) -> tuple[str, str]:
        return (self.stage_id, self.lane_id)


@dataclass(frozen=True, slots=True)
class Persona(_Value):
    name: str
    role: str = ""
    quote: str = ""
    goals: str = ""
    needs: str = ""
    pains: str = ""
    behaviours: str = ""
    motivations: str = ""
    photo: bytes | None = None
    colour: str = PERSONA_COLOURS[0]
    visible: bool = True
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a persona's name", required=True)
        for name in ("role", "quote", "goals", "needs", "pains", "behaviours", "motivations"):
            _text(getattr(self, name), f"a persona's {name}")
        if self.photo is not None and not isinstance(self.photo, bytes):
            raise ValidationError("a persona's photo must be image bytes")
        if self.photo is not None and len(self.photo) > 20_000_000:
            raise ValidationError("a persona's photo is larger than 20 MB")
        object.__setattr__(self, "colour", check_hex_colour(self.colour, "a persona's colour"))
        _flags(self, "visible")


@dataclass(frozen=True, slots=True)
class Participant(_Value):
    """A person in the workshop room (not a persona): who votes, rates and writes."""

    name: str
    role: str = ""
    colour: str = PERSONA_COLOURS[0]
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a participant's name", required=True)
        _text(self.role, "a participant's role")
        object.__setattr__(self, "colour", check_hex_colour(self.colour, "a participant's colour"))


class View(StrEnum):
    """How the map is shown: today's journey, the future one, or both over each other (view state, and a
    poster option)."""

    AS_IS = "as-is"
    TO_BE = "to-be"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class ToBeEmotion(_Value):
    """What a persona is meant to feel at a card in the future state: a point of its to-be curve.

    At most one per card and persona: the id is made from the pair (model/tobe.py), so the map's
    unique ids keep the rule and a lookup is one step.
    """

    card_id: str
    persona_id: str
    value: float
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", check_emotion(self.value))


@dataclass(frozen=True, slots=True)
class ToBeCard(_Value):
    """A card marked as a future-state (to-be) touchpoint; its id is made from the card's (model/tobe.py)."""

    card_id: str
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class PrintRecord(_Value):
    """A tiled poster that was printed: how, when, and the automatic snapshot of the map it showed."""

    when: str  # ISO 8601, UTC
    paper: str  # "A1", "tabloid", "600x400mm"
    tile: str  # the sheets: "A4" or "letter"
    overlap_mm: float
    snapshot_id: str  # the snapshot taken as it was printed (the map's state on the wall)
    landscape: bool = True
    personas: tuple[str, ...] = ()  # the personas whose curves it showed by name; () the visible ones
    legend: bool = True
    personas_strip: bool = True
    view: View = View.BOTH
    sheets: int = 0  # how many sheets came out of the printer
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        for name in ("when", "paper", "tile", "snapshot_id"):
            _text(getattr(self, name), f"a print record's {name}", required=True)
        overlap = _number(self.overlap_mm, "a print's overlap")
        if overlap is None or not 0.0 <= overlap <= 50.0:
            raise ValidationError("a print's overlap must be 0–50 mm")
        object.__setattr__(self, "overlap_mm", overlap)
        object.__setattr__(self, "personas", tuple(_text(p, "a printed persona's name") for p in self.personas))
        object.__setattr__(self, "view", _enum(View, self.view, "view"))
        _flags(self, "landscape", "legend", "personas_strip", whose="a print record's ")
        if isinstance(self.sheets, bool) or not isinstance(self.sheets, int) or self.sheets < 0:
            raise ValidationError("a print record's sheets must be a whole number")


MAX_VOTES = 10_000  # votes on one card, or a ballot's budget: a room, not a referendum


def _count(value: Any, what: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= MAX_VOTES:
        raise ValidationError(f"{what} must be a whole number from {least} to {MAX_VOTES:,}")
    return value


@dataclass(frozen=True, slots=True)
class VotingSession(_Value):
    """A dot vote: what is votable, each participant's budget and per-card cap, and where it stands.

    Empty `votable_lanes` or `votable_kinds` leave that side open: a session on
    no lanes and no kinds takes every card. Lane ids that no longer name a lane
    are kept (an undo may bring the lane back) and simply match no card.
    """

    name: str
    votable_lanes: tuple[str, ...] = ()  # lane ids
    votable_kinds: tuple[str, ...] = ()  # CardKind values
    votes_per_participant: int = 5
    max_per_card: int = 5
    anonymous: bool = False
    revealed: bool = False
    closed: bool = False
    current: bool = False  # the session whose counts the map shows (one at most)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a voting session's name", required=True)
        lanes = tuple(self.votable_lanes)
        if any(not isinstance(lane, str) or not lane for lane in lanes) or len(set(lanes)) != len(lanes):
            raise ValidationError("a voting session's lanes must be distinct lane ids")
        kinds = tuple(dict.fromkeys(_enum(CardKind, k, "a votable card kind").value for k in self.votable_kinds))
        object.__setattr__(self, "votable_lanes", lanes)
        object.__setattr__(self, "votable_kinds", kinds)
        if self.votes_per_participant == 0 or self.max_per_card == 0:
            # The one mistake a facilitator makes often enough to deserve its own words.
            raise ValidationError("a voting session needs at least one vote per participant and per card")
        _count(self.votes_per_participant, "votes per participant", 1)
        _count(self.max_per_card, "most votes per card", 1)
        _flags(self, "anonymous", "revealed", "closed", "current")

    def takes(self, card: Card) -> bool:
        """Whether the rules let a card be voted on (lanes and kinds, not whether the session is open)."""
        return ((not self.votable_lanes or card.lane_id in self.votable_lanes)
                and (not self.votable_kinds or card.kind.value in self.votable_kinds))


class VoteOrigin(StrEnum):
    BOOTH = "booth"  # a participant at the laptop
    ROOM = "room"  # a participant's phone
    WALL = "wall"  # dot stickers on the printed poster, counted by the facilitator


@dataclass(frozen=True, slots=True)
class Vote(_Value):
    """`count` votes on one card in one session: a participant's (booth, room) or the wall's total.

    A session holds at most one Vote per participant and card, and one wall
    Vote per card (model/voting_rules.py keeps that, the budget and the cap).
    """

    session_id: str
    participant_id: str | None
    card_id: str
    count: int = 1
    origin: VoteOrigin = VoteOrigin.BOOTH
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _count(self.count, "a vote's count", 1)
        origin = _enum(VoteOrigin, self.origin, "a vote's origin")
        object.__setattr__(self, "origin", origin)
        if (origin == VoteOrigin.WALL) != (self.participant_id is None):
            raise ValidationError("wall dots belong to no participant, and every other vote to one")


ROOM_CARD_TEXT_MAX = 500  # a card written on a phone: a sticky note, not an essay


@dataclass(frozen=True, slots=True)
class InboxCard(_Value):
    """A card a participant wrote on their phone, waiting for the facilitator to accept, edit or discard it.

    `hidden` keeps it private (only its writer sees it) until the facilitator reveals it to the room.
    """

    text: str
    lane_id: str
    stage_id: str
    participant_id: str
    hidden: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.text, "a card's text", required=True)
        if len(self.text) > ROOM_CARD_TEXT_MAX:
            raise ValidationError(f"a card from the room holds at most {ROOM_CARD_TEXT_MAX} characters")
        _flags(self, "hidden")


@dataclass(frozen=True, slots=True)
class RoomRating(_Value):
    """How one participant felt at one card (a touchpoint): a face on the five-face scale, −2…+2."""

    card_id: str
    participant_id: str
    value: int
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int) or not -2 <= self.value <= 2:
            raise ValidationError("a rating is a whole number from -2 to +2")


@dataclass(frozen=True, slots=True)
class Connection(_Value):
    source_id: str
    target_id: str
    label: str = ""
    share: float | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.label, "a connection's label")
        if self.source_id == self.target_id:
            raise ValidationError("a connection must join two different cards")
        share = _number(self.share, "a connection's share")
        if share is not None and not 0.0 <= share <= 100.0:
            raise ValidationError("a connection's share must be 0–100 %")
        object.__setattr__(self, "share", share)


@dataclass(frozen=True, slots=True)
class Kpi(_Value):
    stage_id: str
    name: str
    value: float | None = None
    target: float | None = None
    unit: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.name, "a KPI's name", required=True)
        _text(self.unit, "a KPI's unit")
        object.__setattr__(self, "value", _number(self.value, "a KPI's value"))
        object.__setattr__(self, "target", _number(self.target, "a KPI's target"))


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A named, dated copy of the map kept inside the same file (the copy itself lives in persistence)."""

    id: str
    name: str
    created: str  # ISO 8601, UTC
