"""The workshop's nouns as immutable values: a step of the plan and an entry of the session journal.

They live beside model/domain.py rather than in it so the workshop's values read
in one place; they follow the same rules (frozen, checked when built, `_Value`
for `with_changes`) and are declared as entities in model/entities.py.

A step's focus names stages and lanes by id. It is not a reference the map
removes with what it names: a stage deleted (and perhaps brought back by
undo) leaves its id in the steps, and model/workshop.py ignores ids the map no
longer has. A journal entry is history: its step and card ids are plain text,
so an entry stays when its card or step goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .domain import LabelledEnum, _enum, _text, _Value, new_id
from .errors import ValidationError

MIN_STEP_MINUTES = 1
MAX_STEP_MINUTES = 480  # a whole working day is one step too many; more is a typo (600 for 60)
MAX_FOCUS_IDS = 1000


class Activity(LabelledEnum):
    INTRODUCE = "introduce"
    CAPTURE = "capture"
    DISCUSS = "discuss"
    RATE_EMOTIONS = "rate_emotions"
    VOTE = "vote"
    PRIORITISE = "prioritise"
    BREAK = "break"
    WRAP_UP = "wrap_up"


class JournalKind(LabelledEnum):
    RUN_STARTED = "run_started"
    RUN_ENDED = "run_ended"
    STEP_STARTED = "step_started"
    STEP_ENDED = "step_ended"
    PAUSED = "paused"
    RESUMED = "resumed"
    TIME_ADDED = "time_added"
    TIME_UP = "time_up"
    CARD_ADDED = "card_added"
    CARD_CHANGED = "card_changed"
    CARD_REMOVED = "card_removed"
    VOTE_CAST = "vote_cast"
    NOTE = "note"


def check_minutes(value: object, what: str = "a step's timebox") -> int:
    """Whole minutes from 1 to 480; refused with a message that says the range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number of minutes, not {value!r}")
    if not MIN_STEP_MINUTES <= value <= MAX_STEP_MINUTES:
        raise ValidationError(f"{what} must be {MIN_STEP_MINUTES}–{MAX_STEP_MINUTES} minutes (8 hours); "
                              f"{value} is not")
    return value


def _ids(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise ValidationError(f"{what} must be a list of ids")
    ids = tuple(value)
    if len(ids) > MAX_FOCUS_IDS:
        raise ValidationError(f"{what} names more than {MAX_FOCUS_IDS:,} ids")
    for item in ids:
        if not isinstance(item, str) or not item or len(item) > 200:
            raise ValidationError(f"{what} must hold ids (non-empty text)")
    if len(set(ids)) != len(ids):
        raise ValidationError(f"{what} names an id twice")
    return ids


@dataclass(frozen=True, slots=True)
class WorkshopStep(_Value):
    """One step of the workshop plan. An empty focus (no stages, no lanes) is the whole map;
    an empty prompt shows the focused lane's or stage's guiding question (model/workshop.py)."""

    title: str
    activity: Activity = Activity.CAPTURE
    minutes: int = 10
    focus_stages: tuple[str, ...] = ()
    focus_lanes: tuple[str, ...] = ()
    prompt: str = ""
    notes: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.title, "a step's title", required=True)
        object.__setattr__(self, "activity", _enum(Activity, self.activity, "activity"))
        check_minutes(self.minutes)
        object.__setattr__(self, "focus_stages", _ids(self.focus_stages, "a step's focus stages"))
        object.__setattr__(self, "focus_lanes", _ids(self.focus_lanes, "a step's focus lanes"))
        _text(self.prompt, "a step's prompt")
        _text(self.notes, "a step's notes")


def utc_text(moment: datetime | float) -> str:
    """A moment (a datetime, or seconds since the epoch) as the journal writes it: '2024-05-01T10:02:03Z'."""
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment, UTC)
    elif moment.tzinfo is None:
        raise ValidationError("a journal time must say its time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """The moment a journal time names; refused unless it is ISO 8601 with a time zone."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValidationError(f"a journal time must be an ISO 8601 date and time, not {text!r}") from None
    if moment.tzinfo is None:
        raise ValidationError(f"a journal time must say its time zone (UTC): {text!r}")
    return moment


@dataclass(frozen=True, slots=True)
class JournalEntry(_Value):
    """What happened while a workshop ran, and when (UTC, to the second)."""

    at: str
    kind: JournalKind
    step_id: str = ""
    card_id: str = ""
    detail: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not isinstance(self.at, str):
            raise ValidationError("a journal time must be text")
        object.__setattr__(self, "at", utc_text(parse_utc(self.at)))
        object.__setattr__(self, "kind", _enum(JournalKind, self.kind, "journal entry kind"))
        _text(self.step_id, "a journal entry's step")
        _text(self.card_id, "a journal entry's card")
        _text(self.detail, "a journal entry's detail")

    @property
    def moment(self) -> datetime:
        return parse_utc(self.at)
