"""CSV for spreadsheets: the cards as a table, and survey responses.

Two kinds of table are read, told apart by their header row:

* **Cards** (what `write_csv` writes): one row per card with the columns
  stage, lane, kind, text, notes, colour, channel, owner, evidence, impact,
  effort, due (a date like 2026-12-31), votes and one "emotion: NAME" column per persona. Only stage is
  required; stages, lanes and personas appear in the order first met. The
  votes column is the count the map shows (its current voting session's, once
  revealed); read back, it becomes the wall totals of a new revealed session.
* **Survey responses**: one row per respondent and touchpoint with the columns
  respondent, touchpoint and score (1–5 or 0–10), optionally stage and
  persona. Each touchpoint becomes a card whose emotion is the mean score on
  −2…+2, per persona (or for "Customer").

Refused (ImportRefusedError naming the row and column): text that is not
UTF-8, binary data, a header that is neither kind, an empty stage, a value
the map cannot hold (unknown kind, colour, channel, evidence; impact outside
1–5; a due date that is not a date like 2026-12-31; a score or emotion that
is not a number), or a file over the size limit.
Emotions outside −2…+2 are clamped with a warning; unknown columns are
ignored with a warning. The Excel format (`xlsx_format`) reads and writes the
same tables through `card_table`, `read_card_rows` and `read_survey_rows`. Spreadsheet formulas are defused on export (a cell
starting with = + - @ gets a leading apostrophe, removed again on import).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..document import Content, Document
from ..domain import (
    EMOTION_MAX, EMOTION_MIN, KIND_COLOURS, MAX_TEXT, MAX_VOTES, PALETTE, PERSONA_COLOURS, Card, CardKind, Channel, Evidence,
    Lane, LaneKind, Persona, Stage, check_due,
)
from ..errors import ImportRefusedError, JourneyError
from .text_files import read_text, write_text
from ..voting import IMPORTED_SESSION_NAME, shown_votes, with_wall_votes

MAX_CSV_BYTES = 50_000_000
CARD_COLUMNS = ("stage", "lane", "kind", "text", "notes", "colour", "channel", "owner", "evidence", "impact",
                "effort", "due", "votes")
_TEXT_COLUMNS = {"stage", "lane", "text", "notes", "owner"}
_EMOTION_HEADER = re.compile(r"emotions?\s*(?::|\(|-)\s*(.+?)\)?\s*$", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- export ------------------------------------------------------------------------


def _defuse(text: str) -> str:
    # A spreadsheet would run "=HYPERLINK(…)" typed on a sticky note; the apostrophe makes it text.
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def card_table(content: Content, format_name: str) -> tuple[list[str], list[list[Any]], list[str]]:
    """The cards as a table, for CSV and Excel alike.

    Returns the header (CARD_COLUMNS, then "emotion: NAME" per persona, names made unique), one row
    per card in map order (text exactly as typed, numbers as int or float, None where unset), and the
    warning that says what a table cannot carry.
    """
    doc = Document(content)
    shown = shown_votes(doc)
    headers, used = [], set()
    for persona in content.personas:
        name, n = persona.name.strip() or "Persona", 2
        while name in used:
            name, n = f"{persona.name.strip()} {n}", n + 1
        used.add(name)
        headers.append(f"emotion: {name}")
    rows = []
    for card in doc.cards():
        row = {
            "stage": doc.stage(card.stage_id).name, "lane": doc.lane(card.lane_id).name, "kind": card.kind.value,
            "text": card.text, "notes": card.notes, "colour": card.colour, "channel": card.channel.value,
            "owner": card.owner, "evidence": card.evidence.value, "impact": card.impact,
            "effort": card.effort, "due": card.due, "votes": shown.get(card.id, 0),
        }
        rows.append([row[c] for c in CARD_COLUMNS] + [doc.emotion(card.id, p.id) for p in content.personas])
    empty = [s.name for s in content.stages if not any(c.stage_id == s.id for c in content.cards)]
    lost = [f"{len(empty)} stages without cards"] if empty else []
    lost += [f"{n} {what}" for n, what in ((len(content.connections), "connections"), (len(content.kpis), "KPIs")) if n]
    if content.items_of("voting_session"):
        lost.append("voting sessions and ballots (votes holds the current session's revealed totals)")
    warning = (f"{format_name} carries the cards and their emotions; not carried: "
               + ", ".join([*lost, "ids, stage goals and widths, lane questions, persona profiles"]))
    return [*CARD_COLUMNS, *headers], rows, [warning]


TEXT_COLUMN_INDEXES = frozenset(i for i, c in enumerate(CARD_COLUMNS) if c in _TEXT_COLUMNS)


def to_csv(content: Content) -> tuple[str, list[str]]:
    """The cards as CSV text (one row per card, an emotion column per persona), and what CSV cannot carry."""
    header, rows, warnings = card_table(content, "CSV")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_defuse(v) if i in TEXT_COLUMN_INDEXES else _cell(v) for i, v in enumerate(row)])
    return out.getvalue(), warnings


def write_csv(content: Content, path: str | os.PathLike[str]) -> list[str]:
    """Write the cards as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents); returns warnings."""
    text, warnings = to_csv(content)
    write_text(Path(path), text, encoding="utf-8-sig")
    return warnings


# -- import ------------------------------------------------------------------------


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("_", " ").strip().lower().split())


CARDS, SURVEY = "cards", "survey"
_SURVEY_KEYS = frozenset({"respondent", "touchpoint", "score"})


def table_kind(header: list[str]) -> str | None:
    """Which table a header row starts, for CSV and Excel alike: SURVEY (respondent, touchpoint and
    score columns), else CARDS (a stage column), else None."""
    keys = {_header_key(h) for h in header}
    if _SURVEY_KEYS <= keys:
        return SURVEY
    return CARDS if "stage" in keys else None


def _undefuse(text: str) -> str:
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START) else text


def _enum(cls: type, value: str, where: str) -> Any:
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return cls(key)
    except ValueError:
        allowed = ", ".join(v.value for v in cls if v.value)
        raise ImportRefusedError(f"{where}: {value!r} is not one of: {allowed}") from None


def _float(value: str, where: str) -> float | None:
    text = value.strip().replace(",", ".") if value.count(",") == 1 and "." not in value else value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ImportRefusedError(f"{where}: {value.strip()[:40]!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImportRefusedError(f"{where}: {value.strip()[:40]!r} is not a number")
    return number


def _whole(value: str, where: str) -> int | None:
    number = _float(value, where)
    if number is None:
        return None
    if not number.is_integer():
        raise ImportRefusedError(f"{where}: {value.strip()[:40]!r} is not a whole number")
    return int(number)


class TableBuilder:
    """Stages, lanes and personas in the order first met, then one Content through the Document's checks."""

    def __init__(self) -> None:
        self.stages: dict[str, Stage] = {}
        self.lanes: dict[str, Lane] = {}
        self.personas: dict[str, Persona] = {}
        self.cards: list[Card] = []
        self.emotions: dict[tuple[str, str], float] = {}
        self.votes: dict[str, int] = {}  # card id -> the "votes" cell: wall totals of a session on import

    def stage(self, name: str, where: str) -> Stage:
        name = name.strip()
        if not name:
            raise ImportRefusedError(f"{where}: the stage is empty")
        if name not in self.stages:
            self.stages[name] = _make(lambda: Stage(name), where)
        return self.stages[name]

    def lane(self, name: str, where: str) -> Lane:
        name = name.strip() or "Actions"
        if name not in self.lanes:
            self.lanes[name] = _make(lambda: Lane(name), where)
        return self.lanes[name]

    def persona(self, name: str, where: str) -> Persona:
        if name not in self.personas:
            colour = PERSONA_COLOURS[len(self.personas) % len(PERSONA_COLOURS)]
            self.personas[name] = _make(lambda: Persona(name, colour=colour), where)
        return self.personas[name]

    def content(self, title: str) -> Content:
        from ..domain import MapInfo

        lanes = list(self.lanes.values())
        if self.emotions:
            lanes.insert(1, Lane("Emotions", kind=LaneKind.EMOTIONS))
        content = Content(
            info=MapInfo(title=title), stages=tuple(self.stages.values()), lanes=tuple(lanes),
            cards=tuple(self.cards), personas=tuple(self.personas.values()),
            emotions=tuple(sorted((c, p, v) for (c, p), v in self.emotions.items())),
        )
        try:
            content = with_wall_votes(content, self.votes, IMPORTED_SESSION_NAME)
            return Document(content).content()
        except JourneyError as error:
            raise ImportRefusedError(str(error)) from None


def _make(factory: Callable[[], Any], where: str) -> Any:
    try:
        return factory()
    except JourneyError as error:
        raise ImportRefusedError(f"{where}: {error}") from None


def _clamped(value: float, where: str, warnings: list[str]) -> float:
    if EMOTION_MIN <= value <= EMOTION_MAX:
        return value
    clamped = min(EMOTION_MAX, max(EMOTION_MIN, value))
    warnings.append(f"{where}: emotion {value:g} is outside −2…+2; used {clamped:+g}")
    return clamped


Rows = list[tuple[int, list[str]]]  # (row number as the user sees it, cells as text)


def read_card_rows(header: list[str], rows: Rows, warnings: list[str], *, text: Callable[[str], str] = _undefuse,
                   build: TableBuilder | None = None) -> TableBuilder:
    """Add a card table's rows to `build` (a new one if None); `text` reads a text cell (CSV undoes its defusing)."""
    keys = [_header_key(h) for h in header]
    columns: dict[str, int] = {}
    emotion_columns: list[tuple[int, str]] = []
    for index, (raw, key) in enumerate(zip(header, keys)):
        match = _EMOTION_HEADER.fullmatch(raw.strip())
        if key in CARD_COLUMNS or key == "color":
            name = "colour" if key == "color" else key
            if name in columns:
                warnings.append(f"column {raw.strip()[:40]!r} appears twice; the second one is ignored")
            columns.setdefault(name, index)
        elif match and match.group(1).strip():
            persona_name = match.group(1).strip()
            if any(persona_name == seen for _, seen in emotion_columns):
                warnings.append(f"column {raw.strip()[:40]!r} appears twice; the second one is ignored")
                continue
            emotion_columns.append((index, persona_name))
        elif key:
            warnings.append(f"column {raw.strip()[:40]!r} is not a card field; ignored")
    build = build or TableBuilder()
    personas = [build.persona(name, f"column {name!r}") for _, name in emotion_columns]
    for line, row in rows:
        def cell(name: str) -> str:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        where = f"row {line}"
        if any(c.strip() for c in row[len(header):]):
            warnings.append(f"{where}: {len(row)} cells but {len(header)} columns; "
                            "the cells after the last column are ignored")
        fields: dict[str, Any] = {"text": text(cell("text")), "notes": text(cell("notes")), "owner": text(cell("owner"))}
        if cell("kind").strip():
            fields["kind"] = _enum(CardKind, cell("kind"), f"{where}, column 'kind'")
        fields["colour"] = KIND_COLOURS[fields.get("kind", CardKind.NOTE)]
        if cell("colour").strip():
            colour = cell("colour").strip().lower().replace("gray", "grey")
            if colour not in PALETTE:
                raise ImportRefusedError(f"{where}, column 'colour': {cell('colour').strip()[:40]!r} is not one of: "
                                         + ", ".join(PALETTE))
            fields["colour"] = colour
        if cell("channel").strip():
            fields["channel"] = _enum(Channel, cell("channel"), f"{where}, column 'channel'")
        if cell("evidence").strip():
            fields["evidence"] = _enum(Evidence, cell("evidence"), f"{where}, column 'evidence'")
        for name in ("impact", "effort"):
            value = _whole(cell(name), f"{where}, column {name!r}")
            if value is not None:
                fields[name] = value
        fields["due"] = _make(lambda: check_due(cell("due").strip()), f"{where}, column 'due'")
        votes = _whole(cell("votes"), f"{where}, column 'votes'")
        if votes is not None and not 0 <= votes <= MAX_VOTES:
            raise ImportRefusedError(f"{where}, column 'votes': must be a whole number from 0 to {MAX_VOTES:,}")
        stage = build.stage(text(cell("stage")), where)
        lane = build.lane(text(cell("lane")), where)
        card = _make(lambda: Card(stage.id, lane.id, **fields), where)
        build.cards.append(card)
        if votes:
            build.votes[card.id] = votes
        for (index, name), persona in zip(emotion_columns, personas):
            value = _float(row[index] if index < len(row) else "", f"{where}, column {('emotion: ' + name)!r}")
            if value is not None:
                build.emotions[card.id, persona.id] = _clamped(value, where, warnings)
    return build


Scores = dict[tuple[str, str, str], list[float]]  # (stage, touchpoint, persona) -> the scores given


def read_survey_rows(header: list[str], rows: Rows, warnings: list[str], *, text: Callable[[str], str] = _undefuse,
                     default_stage: str = "Journey") -> tuple[Scores, bool]:
    """Survey responses grouped by (stage, touchpoint, persona), and whether they are on the 0–10 scale."""
    keys = [_header_key(h) for h in header]
    column = {key: keys.index(key) for key in ("respondent", "touchpoint", "score", "stage", "persona") if key in keys}
    scores: Scores = {}
    for line, row in rows:
        def cell(name: str) -> str:
            index = column.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        touchpoint = text(cell("touchpoint"))
        if not touchpoint:
            raise ImportRefusedError(f"row {line}, column 'touchpoint': empty")
        score = _float(cell("score"), f"row {line}, column 'score'")
        if score is None:
            continue  # an unanswered question
        if not 0 <= score <= 10:
            raise ImportRefusedError(f"row {line}, column 'score': {score:g} is outside 0–10")
        key = (text(cell("stage")) or default_stage, touchpoint, text(cell("persona")) or "Customer")
        scores.setdefault(key, []).append(score)
    every = [s for values in scores.values() for s in values]
    ten_point = bool(every) and (max(every) > 5 or min(every) < 1)
    warnings.append(f"scores read on a {'0–10' if ten_point else '1–5'} scale "
                    f"({'some are above 5 or below 1' if ten_point else 'none is above 5 or below 1'})")
    return scores, ten_point


def add_survey(build: TableBuilder, scores: Scores, ten_point: bool, warnings: list[str], *,
               on_cards: bool = False) -> None:
    """Each touchpoint's mean score becomes its persona's emotion at the touchpoint's card.

    `on_cards`: a touchpoint is first looked for among the cards already built (same text, and same
    stage when the survey names one): survey results for a card table. A touchpoint no card names
    becomes a new touchpoint card noting how many responses it has, in a "Touchpoints" lane.
    """
    existing: dict[tuple[str, str], Card] = {}
    if on_cards:
        stage_names = {stage.id: name for name, stage in build.stages.items()}
        for card in build.cards:
            existing.setdefault((stage_names[card.stage_id], card.text), card)
            existing.setdefault(("", card.text), card)
    else:
        build.lane("Touchpoints", "header")
    made: dict[tuple[str, str], Card] = {}
    for (stage_name, touchpoint, persona_name), values in scores.items():
        mean = sum(values) / len(values)
        emotion = (mean - 5) / 2.5 if ten_point else mean - 3
        card = existing.get((stage_name, touchpoint))
        if card is None:
            stage_name = stage_name or "Journey"
            if (stage_name, touchpoint) not in made:
                stage = build.stage(stage_name, "header")
                lane = build.lane("Touchpoints", "header")
                made[stage_name, touchpoint] = _make(
                    lambda: Card(stage.id, lane.id, touchpoint, kind=CardKind.TOUCHPOINT,
                                 colour=KIND_COLOURS[CardKind.TOUCHPOINT]), f"touchpoint {touchpoint[:40]!r}")
                build.cards.append(made[stage_name, touchpoint])
            card = made[stage_name, touchpoint]
        persona = build.persona(persona_name, f"persona {persona_name[:40]!r}")
        if (card.id, persona.id) in build.emotions:
            warnings.append(f"touchpoint {_short(touchpoint)!r}: the survey's emotion for {_short(persona_name)!r} "
                            "replaces the one in the card table")
        build.emotions[card.id, persona.id] = round(min(EMOTION_MAX, max(EMOTION_MIN, emotion)), 3)
    for (stage_name, touchpoint), card in made.items():
        counts = [len(v) for (s, t, _), v in scores.items() if t == touchpoint and (s or "Journey") == stage_name]
        build.cards[build.cards.index(card)] = card.with_changes(notes=f"{sum(counts)} survey responses")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sniff_delimiter(first_line: str) -> str:
    # Spreadsheets in many locales write ';'; survey tools often write tabs.
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def parse_csv(text: str) -> tuple[Content, list[str]]:
    """A map from CSV text: a card table or survey responses (see the module docstring for what is refused)."""
    if "\x00" in text:
        raise ImportRefusedError("not a CSV file (it holds binary data)")
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_TEXT + 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line), strict=True)
        table = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ImportRefusedError(f"row {reader.line_num}: not valid CSV ({error})") from None
    finally:
        csv.field_size_limit(limit)
    if not table:
        raise ImportRefusedError("the CSV file is empty")
    (_, header), rows = table[0], table[1:]
    kind = table_kind(header)
    warnings: list[str] = []
    if kind == SURVEY:
        build = TableBuilder()
        add_survey(build, *read_survey_rows(header, rows, warnings), warnings)
        return build.content("Survey journey"), warnings
    if kind == CARDS:
        return read_card_rows(header, rows, warnings).content("Imported journey"), warnings
    raise ImportRefusedError(
        "row 1: the header names neither a card table (a 'stage' column) nor survey responses "
        "('respondent', 'touchpoint' and 'score' columns)"
    )


def read_csv(path: str | os.PathLike[str]) -> tuple[Content, list[str]]:
    """The map in the CSV file at `path`, and warnings; refusals are prefixed with the path."""
    path = Path(path)
    text = read_text(path, MAX_CSV_BYTES, hint="; save it from the spreadsheet as 'CSV UTF-8'")
    try:
        return parse_csv(text)
    except ImportRefusedError as error:
        raise ImportRefusedError(f"{path}: {error}") from None


__all__ = ["to_csv", "write_csv", "parse_csv", "read_csv", "CARD_COLUMNS"]
