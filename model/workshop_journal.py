"""The session journal: what happened while a workshop ran, recorded in the map, and read back.

`JournalRecorder` listens to the document while a run is active and turns
the room's work into entries: cards added, changed, removed, and votes cast
or taken back (booth, phones, wall totals); undo and redo are not new work,
nor are imports or the journal's own writes. Entries are
written as their own document changes, a batch at a time, with the origin
JOURNAL: never on the undo stack, and never while another change is being
announced (the editor schedules the write for right after). A card edited
again and again within a short while (a typing burst, a dragged emotion
point) is journalled once.

`steps_as_run` and `timeline` read the journal back for the timeline panel,
`journeymap info` and the workshop report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from . import ops
from .document import Document
from .errors import JourneyError
from .domain import Vote
from .events import Change, Origin
from .insights.base import short
from .voting_rules import SESSION, VOTE
from .workshop_domain import JournalEntry, JournalKind, utc_text

JOURNAL = "journal_entry"  # the entity's kind (model/entities.py)
K = JournalKind
# Changes that are not new work in the room: history replayed, a map read in, the journal itself.
NOT_WORK = frozenset({Origin.HISTORY, Origin.IMPORT, Origin.COMMAND_LINE, Origin.JOURNAL})
COALESCE_SECONDS = 120.0
DETAIL_CHARS = 200


def journal(doc: Document) -> list[JournalEntry]:
    return doc.items(JOURNAL)


def _walk(op: ops.Op) -> Iterator[ops.Op]:
    if isinstance(op, ops.Batch):
        for step in op.ops:
            yield from _walk(step)
    else:
        yield op


def change_entries(change: Change, step_id: str, at: str, doc: Document | None = None) -> list[JournalEntry]:
    """The entries a change makes while step `step_id` runs; none for a change that is not new work.

    `doc` is the document the change was applied to (its votes and sessions name what a vote change was).
    """
    if change.origin in NOT_WORK:
        return []
    removed = {o.card.id: o.card for o in _walk(change.inverse) if isinstance(o, ops.AddCard)}
    out: list[JournalEntry] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: JournalKind, card_id: str, detail: str) -> None:
        if (kind, card_id) not in seen:
            seen.add((kind, card_id))
            out.append(JournalEntry(at, kind, step_id, card_id, short(detail, DETAIL_CHARS)))

    for op in _walk(change.op):
        if isinstance(op, ops.AddCard):
            add(K.CARD_ADDED, op.card.id, op.card.text)
        elif isinstance(op, ops.RemoveCard):
            card = removed.get(op.card_id)
            add(K.CARD_REMOVED, op.card_id, card.text if card is not None else "")
        elif isinstance(op, ops.UpdateCard):
            add(K.CARD_CHANGED, op.card_id, ", ".join(sorted(op.changes)))
        elif isinstance(op, ops.MoveCard):
            add(K.CARD_CHANGED, op.card_id, "moved")
        elif isinstance(op, ops.SetEmotion):
            add(K.CARD_CHANGED, op.card_id, "emotion")
    added = {e.card_id for e in out if e.kind == K.CARD_ADDED}
    # A card added and changed in one go (added, then its emotion set) is one new card.
    out = [e for e in out if not (e.kind == K.CARD_CHANGED and e.card_id in added)]
    if doc is not None:
        out += [JournalEntry(at, K.VOTE_CAST, step_id, card_id, detail) for card_id, detail in vote_changes(change, doc)]
    return out


def vote_changes(change: Change, doc: Document) -> list[tuple[str, str]]:
    """(card id, what happened) for each vote the change cast or took back: "+1 in “Fix first” (booth)".

    A wall total says the total it set. Who voted is never written: a session may be anonymous.
    """
    before: dict[str, Vote] = {}
    for op in _walk(change.inverse):
        if isinstance(op, ops.AddItem) and isinstance(op.value, Vote):
            before[op.value.id] = op.value
        elif isinstance(op, ops.UpdateItem) and op.kind == VOTE and "count" in op.changes:
            if doc.has_item(VOTE, op.item_id):
                before[op.item_id] = replace(doc.item(VOTE, op.item_id), count=op.changes["count"])
    after: dict[str, Vote | None] = {}
    for op in _walk(change.op):
        if isinstance(op, ops.AddItem) and isinstance(op.value, Vote):
            after[op.value.id] = op.value
        elif isinstance(op, (ops.UpdateItem, ops.RemoveItem)) and op.kind == VOTE:
            after[op.item_id] = doc.item(VOTE, op.item_id) if doc.has_item(VOTE, op.item_id) else None
    out = []
    for vote_id, now in after.items():
        was = before.get(vote_id)
        vote = now or was
        if vote is None:
            continue
        delta = (now.count if now else 0) - (was.count if was else 0)
        if delta == 0:
            continue
        has_session = doc.has_item(SESSION, vote.session_id)
        where = f"in “{doc.item(SESSION, vote.session_id).name}”" if has_session else "in a deleted session"
        if vote.participant_id is None:
            out.append((vote.card_id, f"wall total {now.count if now else 0} {where}"))
        else:
            sign = "+" if delta > 0 else "−"
            out.append((vote.card_id, f"{sign}{abs(delta)} {where} ({vote.origin.value})"))
    return out


class JournalRecorder:
    """Records into the document while started; `schedule(fn)` runs `fn` soon, outside the change in progress.

    `clock` gives seconds since the epoch. `on_error(message)` hears of a journal write that could not
    be saved (its entries are dropped; the room's work itself is saved).
    """

    def __init__(self, doc: Document, clock: Callable[[], float], schedule: Callable[[Callable[[], None]], None],
                 on_error: Callable[[str], None] | None = None) -> None:
        self.doc = doc
        self._clock = clock
        self._schedule = schedule
        self._on_error = on_error
        self.step_id = ""
        self._pending: list[JournalEntry] = []
        self._last: dict[str, float] = {}  # card id -> when it was last journalled in this step
        self._disconnect: Callable[[], None] | None = None

    @property
    def active(self) -> bool:
        return self._disconnect is not None

    def start(self) -> None:
        if self._disconnect is None:
            self._disconnect = self.doc.changed.connect(self._on_document_changed)

    def stop(self) -> None:
        if self._disconnect is not None:
            self._disconnect()
            self._disconnect = None

    def set_step(self, step_id: str) -> None:
        if step_id != self.step_id:
            self.step_id = step_id
            self._last.clear()

    def record(self, kind: JournalKind, step_id: str = "", card_id: str = "", detail: str = "",
               at: float | None = None) -> None:
        """An entry of the run itself (a step started, time added) or of another recorder (a vote cast)."""
        moment = self._clock() if at is None else at
        self._queue([JournalEntry(utc_text(moment), kind, step_id, card_id, short(detail, DETAIL_CHARS))])

    def _on_document_changed(self, change: Change) -> None:
        now = self._clock()
        fresh = []
        for entry in change_entries(change, self.step_id, utc_text(now), self.doc):
            last = self._last.get(entry.card_id)
            if entry.kind == K.VOTE_CAST:  # every vote counts; a vote is not an edit of its card
                fresh.append(entry)
                continue
            if entry.kind == K.CARD_CHANGED and last is not None and now - last < COALESCE_SECONDS:
                continue
            self._last[entry.card_id] = now
            fresh.append(entry)
        self._queue(fresh)

    def _queue(self, entries: list[JournalEntry]) -> None:
        if not entries:
            return
        first = not self._pending
        self._pending += entries
        if first:
            self._schedule(self.flush)

    def flush(self) -> bool:
        """Write what is pending as one change; False when it could not be saved."""
        pending, self._pending = self._pending, []
        if not pending:
            return True
        try:
            self.doc.apply(ops.Batch(tuple(ops.AddItem(e) for e in pending), "Journal"), Origin.JOURNAL)
        except JourneyError as error:
            if self._on_error is not None:
                self._on_error(f"the session journal could not be saved: {error}")
            return False
        return True


# -- reading it back -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRun:
    """One step as it ran: when it started and ended (None while it runs)."""

    step_id: str
    title: str
    planned_minutes: int | None  # None for a step no longer in the plan
    started: datetime
    ended: datetime | None

    @property
    def minutes(self) -> float | None:
        return None if self.ended is None else (self.ended - self.started).total_seconds() / 60.0


def steps_as_run(doc: Document) -> list[StepRun]:
    """Each step's real start and end, in the order they ran (a step run twice appears twice)."""
    plan = {s.id: s for s in doc.items("workshop_step")}
    out: list[StepRun] = []
    open_at: dict[str, int] = {}
    for entry in journal(doc):
        if entry.kind == K.STEP_STARTED:
            step = plan.get(entry.step_id)
            open_at[entry.step_id] = len(out)
            out.append(StepRun(entry.step_id, step.title if step else "(a step since deleted)",
                               step.minutes if step else None, entry.moment, None))
        elif entry.kind == K.STEP_ENDED and entry.step_id in open_at:
            at = open_at.pop(entry.step_id)
            run = out[at]
            out[at] = StepRun(run.step_id, run.title, run.planned_minutes, run.started, entry.moment)
    return out


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    kind: JournalKind
    step: str  # the step's title ("" for none)
    text: str  # one plain sentence


def timeline(doc: Document) -> list[TimelineRow]:
    """The journal as sentences: 'Card added: “Calls support”', 'Step started: Capture actions'."""
    plan = {s.id: s.title for s in doc.items("workshop_step")}
    rows = []
    for entry in journal(doc):
        step = plan.get(entry.step_id, "")
        rows.append(TimelineRow(entry.moment, entry.kind, step, _sentence(doc, entry, step)))
    return rows


def _sentence(doc: Document, entry: JournalEntry, step: str) -> str:
    label = entry.kind.label
    if entry.kind in (K.STEP_STARTED, K.STEP_ENDED, K.TIME_UP):
        return f"{label}: {step or '(a step since deleted)'}"
    if entry.card_id:
        text = doc.card(entry.card_id).text if doc.has_card(entry.card_id) else ""
        if entry.kind in (K.CARD_CHANGED, K.VOTE_CAST):
            shown = short(text, DETAIL_CHARS) if text else "(a card since deleted)"
            return f"{label}: “{shown}” ({entry.detail})" if entry.detail else f"{label}: “{shown}”"
        return f"{label}: “{short(text, DETAIL_CHARS) or entry.detail}”"
    return f"{label}: {entry.detail}" if entry.detail else label
