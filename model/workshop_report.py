"""The workshop report's content: what happened in the room and what it decided, as plain values.

`workshop_report(doc)` reads the map (its plan and journal, participants,
voting sessions, scores, findings and action cards) into sections of
paragraphs, subheadings, tables and findings. The PDF (export/report_pdf.py)
and the Markdown (export/report_markdown.py) lay out the same values, so the
two files say the same thing; neither decides what goes in.

Times are the journal's (UTC in the file), shown in the laptop's time zone
unless another is given. User text is kept as typed: escaping is the writer's
job, for its own format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from .document import Document
from .domain import CardKind
from .insights import FindingKind, findings, priorities, summarised
from .insights.base import plural, short
from .voting_report import rules_text, sessions_summary, state_text, turnout_text
from .workshop import steps
from .workshop_domain import JournalKind
from .workshop_journal import StepRun, journal, steps_as_run

CELL_CHARS = 160  # a card's text in a table: enough to know it, short enough to keep rows low
# A report is read, not searched: the top of each ranking, then how many more (the Voting panel, the
# Insights panel and `journeymap info` / `insights` have them all).
SHOWN_VOTED = 30
SHOWN_PRIORITIES = 40
NONE = "—"


@dataclass(frozen=True)
class Column:
    name: str
    share: float  # of the table's width
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TextBlock:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class FindingList:
    items: tuple[tuple[str, str], ...]  # (severity, sentence); an empty severity is a note ("… and 3 more")


@dataclass(frozen=True)
class MapPage:
    """The map itself, as a poster page (PDF) or its cards in text (Markdown)."""


Block = Union[TextBlock, Subheading, Table, FindingList, MapPage]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class WorkshopReport:
    title: str  # the map's
    subtitle: str  # "Workshop report · 1 December 2026, 10:00–11:32"
    facts: tuple[str, ...]  # "6 participants", "5 steps in 1 h 32 min (planned 1 h 30 min)", …
    sections: tuple[Section, ...] = field(default=())

    def section(self, title: str) -> Section:
        return next(s for s in self.sections if s.title == title)


AGENDA = "Agenda as run"
PARTICIPANTS = "Participants"
THE_MAP = "The map"
VOTING = "Voting results"
PRIORITIES = "Opportunities and priorities"
FINDINGS = "What the map says"
ACTIONS = "Decisions and next steps"


def workshop_report(doc: Document, tz: dt.tzinfo | None = None, today: dt.date | None = None) -> WorkshopReport:
    """The report of the workshop `doc` holds; `tz` for its times (the laptop's when None)."""
    runs = steps_as_run(doc)
    first = journal(doc)[0].moment if journal(doc) else None
    day = first.astimezone(tz).date() if first else (today or dt.date.today())
    when = _date(day)
    if runs:
        end = runs[-1].ended or runs[-1].started
        last = end.astimezone(tz).date()
        if last == day:
            when += f", {_clock(runs[0].started, tz)}–{_clock(end, tz)}"
        else:  # a workshop over several days (or a plan run again another day)
            when += f", {_clock(runs[0].started, tz)} – {_date(last)}, {_clock(end, tz)}"
    return WorkshopReport(
        title=" ".join(doc.info.title.split()),
        subtitle=f"Workshop report · {when}",
        facts=tuple(_facts(doc, runs)),
        sections=(
            Section(AGENDA, tuple(_agenda(doc, runs, tz))),
            Section(PARTICIPANTS, tuple(_participants(doc))),
            Section(THE_MAP, (MapPage(),)),
            Section(VOTING, tuple(_voting(doc))),
            Section(PRIORITIES, tuple(_priorities(doc))),
            Section(FINDINGS, tuple(_findings(doc))),
            Section(ACTIONS, tuple(_actions(doc))),
        ),
    )


# -- pieces ------------------------------------------------------------------------------------------


def _clock(moment: dt.datetime, tz: dt.tzinfo | None) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _started(run: StepRun, previous: StepRun | None, tz: dt.tzinfo | None) -> str:
    """A step's start; with its day when the day differs from the step before's (a workshop over days)."""
    day = run.started.astimezone(tz).date()
    if previous is not None and previous.started.astimezone(tz).date() != day:
        return f"{day.day} {day:%b} {_clock(run.started, tz)}"
    return _clock(run.started, tz)


def duration(minutes: float) -> str:
    """'45 min', '1 h', '1 h 32 min' (whole minutes)."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _facts(doc: Document, runs: list[StepRun]) -> list[str]:
    out = [plural(len(doc.items("participant")), "participant")]
    if runs:
        took = sum(r.minutes or 0.0 for r in runs)
        planned = sum(r.planned_minutes or 0 for r in runs)
        out.append(f"{plural(len(runs), 'step')} run in {duration(took)} (planned {duration(planned)})")
    elif steps(doc):
        out.append(f"{plural(len(steps(doc)), 'step')} planned, not run yet")
    kinds = [e.kind for e in journal(doc)]
    if kinds:
        out.append(f"{plural(kinds.count(JournalKind.CARD_ADDED), 'card')} added")
    cast = sum(s["votes"] for s in sessions_summary(doc))
    if cast:
        out.append(f"{plural(cast, 'vote')} cast")
    actions = sum(1 for c in doc.cards() if c.kind == CardKind.ACTION)
    out.append(plural(actions, "action"))
    return out


def _in_run(run: StepRun, kind: JournalKind, doc: Document) -> int:
    """How many entries of `kind` the journal holds for this run of its step."""
    return sum(1 for e in journal(doc) if e.kind == kind and e.step_id == run.step_id
               and run.started <= e.moment and (run.ended is None or e.moment <= run.ended))


def _agenda(doc: Document, runs: list[StepRun], tz: dt.tzinfo | None) -> list[Block]:
    plan = steps(doc)
    activity = {s.id: s.activity.label for s in plan}
    if not runs:
        if not plan:
            return [TextBlock("No workshop plan: Workshop › Use a Plan adds one.", muted=True)]
        rows = tuple((str(i), s.title, s.activity.label, duration(s.minutes)) for i, s in enumerate(plan, start=1))
        return [TextBlock("Not run yet: the journal records each step's real times while the workshop runs.",
                          muted=True),
                Table((Column("#", 0.06, True), Column("Step", 0.54), Column("Activity", 0.22),
                       Column("Planned", 0.18, True)), rows)]
    rows = []
    for i, (run, previous) in enumerate(zip(runs, [None, *runs]), start=1):
        took = run.minutes
        over = "" if took is None or run.planned_minutes is None else _over(took - run.planned_minutes)
        rows.append((
            str(i), run.title, activity.get(run.step_id, NONE),
            duration(run.planned_minutes) if run.planned_minutes is not None else NONE,
            _started(run, previous, tz), _clock(run.ended, tz) if run.ended else "running",
            (duration(took) + over) if took is not None else NONE,
            str(_in_run(run, JournalKind.CARD_ADDED, doc)), str(_in_run(run, JournalKind.VOTE_CAST, doc)),
        ))
    blocks: list[Block] = [Table((
        Column("#", 0.04, True), Column("Step", 0.28), Column("Activity", 0.13), Column("Planned", 0.1, True),
        Column("Started", 0.09, True), Column("Ended", 0.09, True), Column("Took", 0.13, True),
        Column("Cards", 0.07, True), Column("Votes", 0.07, True),
    ), tuple(rows))]
    ran = {r.step_id for r in runs}
    skipped = [f"{s.title} ({duration(s.minutes)})" for s in plan if s.id not in ran]
    if skipped:
        blocks.append(TextBlock("Planned but not run: " + "; ".join(skipped) + ".", muted=True))
    return blocks


def _over(minutes: float) -> str:
    whole = round(minutes)
    return "" if whole == 0 else f" ({'+' if whole > 0 else '−'}{abs(whole)})"


def _participants(doc: Document) -> list[Block]:
    rows = tuple((" ".join(p.name.split()), " ".join(p.role.split()) or NONE) for p in doc.items("participant"))
    if not rows:
        return [TextBlock("No participants were listed: Workshop › Participants names the people in the room.",
                          muted=True)]
    return [Table((Column("Name", 0.5), Column("Role", 0.5)), rows)]


def _voting(doc: Document) -> list[Block]:
    summary = sessions_summary(doc)
    if not summary:
        return [TextBlock("No voting sessions.", muted=True)]
    blocks: list[Block] = []
    for s in summary:
        blocks.append(Subheading(s["name"]))
        blocks.append(TextBlock(f"{rules_text(s)}. {turnout_text(s)} ({state_text(s)}).", muted=True))
        if not s["totals"]:
            blocks.append(TextBlock("No votes cast.", muted=True))
            continue
        blocks.append(Table(
            (Column("Rank", 0.07, True), Column("Votes", 0.08, True), Column("Card", 0.55), Column("Stage", 0.15),
             Column("Lane", 0.15)),
            tuple((str(t["rank"]), str(t["votes"]), short(t["text"], CELL_CHARS) or "(empty card)",
                   short(t["stage"], 40), short(t["lane"], 40)) for t in s["totals"][:SHOWN_VOTED])))
        blocks += _more(len(s["totals"]) - SHOWN_VOTED, "card with votes", "cards with votes", "the Voting panel")
    return blocks


def _more(count: int, noun: str, nouns: str, where: str) -> list[Block]:
    """The line under a ranking cut short: how many more there are, and where to see them all."""
    if count <= 0:
        return []
    return [TextBlock(f"… and {count} more {noun if count == 1 else nouns} ({where} lists them all).", muted=True)]


def _priorities(doc: Document) -> list[Block]:
    ranked = priorities(doc)
    scored = {p.card_id for p in ranked}
    rows = []
    for p in ranked:
        card = doc.card(p.card_id)
        rows.append((str(p.rank), short(card.text, CELL_CHARS) or "(empty card)", short(doc.stage(p.stage_id).name, 40),
                     p.quadrant.label, str(p.impact), str(p.effort), str(p.votes), short(card.owner, 40) or NONE))
    unscored = [c for c in doc.cards() if c.kind == CardKind.OPPORTUNITY and c.id not in scored]
    for card in unscored:
        rows.append((NONE, short(card.text, CELL_CHARS) or "(empty card)", short(doc.stage(card.stage_id).name, 40),
                     "not scored", NONE if card.impact is None else str(card.impact),
                     NONE if card.effort is None else str(card.effort), NONE, short(card.owner, 40) or NONE))
    if not rows:
        return [TextBlock("No opportunities yet, and no card has an impact and an effort.", muted=True)]
    blocks: list[Block] = [Table((
        Column("#", 0.05, True), Column("Opportunity", 0.33), Column("Stage", 0.13), Column("Quadrant", 0.12),
        Column("Impact", 0.08, True), Column("Effort", 0.08, True), Column("Votes", 0.08, True), Column("Owner", 0.13),
    ), tuple(rows[:SHOWN_PRIORITIES]))]
    blocks += _more(len(rows) - SHOWN_PRIORITIES, "card", "cards", "the Insights panel")
    if ranked:
        blocks.append(TextBlock("Ranked quick wins first, then big bets, fill-ins and thankless tasks; within each, "
                                "by impact × (6 − effort) + votes.", muted=True))
    return blocks


def _findings(doc: Document) -> list[Block]:
    found = [f for f in findings(doc) if f.kind != FindingKind.PRIORITY]  # the priorities have their own table
    if not found:
        return [TextBlock("Nothing to report yet: add cards, emotions and connections.", muted=True)]
    blocks: list[Block] = []
    for group, items in summarised(found):
        blocks += [Subheading(group), FindingList(tuple(items))]
    return blocks


def _actions(doc: Document) -> list[Block]:
    order = {c.id: i for i, c in enumerate(doc.cards())}
    actions = sorted((c for c in doc.cards() if c.kind == CardKind.ACTION),
                     key=lambda c: (c.due == "", c.due, order[c.id]))
    if not actions:
        return [TextBlock("No actions on the map: a card of kind Action, with an owner and a due date, "
                          "is a decision or a next step.", muted=True)]
    return [Table((Column("Action", 0.5), Column("Owner", 0.17), Column("Due", 0.13), Column("Stage", 0.2)),
                  tuple((short(c.text, CELL_CHARS * 2) or "(empty card)", short(c.owner, 40) or NONE,
                         c.due or NONE, short(doc.stage(c.stage_id).name, 40)) for c in actions))]
