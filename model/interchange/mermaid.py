"""Mermaid `journey` diagrams in and out.

Import: each `section` becomes a stage, each task `Name: score: actor, actor`
a card in an "Actions" lane, each actor a persona feeling `score − 3` (so
−2…+2) at that card; a task with no actors is felt by a persona "Customer".
Tasks before any section go to a first stage, "Start". `title` is the map's
title; `accTitle` and `accDescr` become its description. The map gets an
"Actions" lane and an "Emotions" lane so the curves show.

Refused with `ImportRefusedError("line N: …")`: a file whose first token is not
`journey`, and any line Mermaid's grammar rejects (a task name without
`: score`, a stray `:` or `;`, a second `journey`), plus a task whose score is
not a number. Out-of-range scores are clamped with a warning; fractional
scores are kept, as Mermaid keeps them.

Export writes valid Mermaid: one task per card of the Actions lane (or the
first cards lane) that carries an emotion, its actors the personas who feel
one there, names cleaned of what Mermaid would read as syntax (`: # ;`, `%%`,
line breaks). Everything Mermaid cannot carry is listed in the warnings.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Content, Document
from ..domain import KIND_COLOURS, PERSONA_COLOURS, Card, CardKind, Lane, LaneKind, MapInfo, Persona, Stage
from ..errors import ImportRefusedError, JourneyError
from .text_files import read_text, write_text
from .mermaid_lexer import Token, preprocess, tokens

MAX_MERMAID_CHARS = 5_000_000
FIRST_STAGE = "Start"
DEFAULT_PERSONA = "Customer"
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")  # what JavaScript's Number() reads as decimal
_BREAK = re.compile(r"<br\s*/?>|</br\s*/?>", re.IGNORECASE)  # Mermaid draws these as line breaks


# -- import ------------------------------------------------------------------------


@dataclass
class _Task:
    name: str
    score: float
    actors: list[str]
    line: int


@dataclass
class _Section:
    name: str
    line: int
    tasks: list[_Task] = field(default_factory=list)


def _js_number(text: str) -> float | None:
    text = text.strip()
    return float(text) if _NUMBER.fullmatch(text) else None


def _shown(text: str, limit: int = 40) -> str:
    """User text quoted in a message, cut short: a refusal is one readable line, whatever the file holds."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _label(text: str) -> str:
    return " ".join(_BREAK.sub(" ", text).split())


def _task(name: Token, data: Token, warnings: list[str]) -> _Task:
    """What journeyDb.addTask makes of `taskName taskData`: the score before the 2nd colon, actors after it."""
    pieces = data.text[1:].split(":")
    score = _js_number(pieces[0])
    if score is None:
        shown = pieces[0].strip()
        raise ImportRefusedError(
            f"line {data.line}: the score {_shown(shown)} is not a number" if shown else f"line {data.line}: the task has no score"
        )
    if len(pieces) > 2:
        warnings.append(f"line {data.line}: text after a second ':' is ignored, as Mermaid ignores it")
    actors = [a.strip() for a in pieces[1].split(",")] if len(pieces) > 1 else []
    if not 1 <= score <= 5:
        clamped = min(5.0, max(1.0, score))
        warnings.append(f"line {data.line}: score {_shown(pieces[0])[1:-1]} is outside 1…5; used {clamped:g}")
        score = clamped
    return _Task(_label(name.text), score, [a for a in actors if a], name.line)


def _syntax_error(token: Token) -> ImportRefusedError:
    if token.kind == "JOURNEY":
        what = f"{_shown(token.text)} (Mermaid reads it as the diagram keyword; a task name cannot start with it)"
    elif token.kind == "TASK_DATA":
        what = f"{_shown(token.text)} (a task needs a name before the ':')"
    elif token.kind == "COLON":
        what = "':' (a task needs a name before the ':' and a score after it)"
    else:
        what = _shown(token.text)
    return ImportRefusedError(f"line {token.line}: unexpected {what}")


def _read(text: str) -> tuple[dict[str, str], list[_Section], list[str]]:
    """The statements of a journey diagram, following Mermaid's grammar; refuses what it rejects."""
    text, front = preprocess(text)
    stream = tokens(text)
    first = next(tok for tok in stream if tok.kind != "NEWLINE")
    if first.kind != "JOURNEY":
        raise ImportRefusedError(f"line {first.line}: not a Mermaid journey diagram (expected 'journey')")
    meta: dict[str, str] = {"title": front.get("title", "")}
    sections: list[_Section] = []
    warnings: list[str] = []
    for tok in stream:
        if tok.kind in ("NEWLINE", "EOF"):
            continue
        if tok.kind == "TITLE":
            meta["title"] = tok.text[6:].strip()
        elif tok.kind == "ACC_TITLE_VALUE":
            meta["acc_title"] = tok.text.strip()
        elif tok.kind == "ACC_DESCR_VALUE":
            meta["acc_descr"] = tok.text.strip()
        elif tok.kind == "ACC_DESCR_MULTILINE":
            meta["acc_descr"] = re.sub(r"\n\s+", "\n", tok.text.strip())  # as mermaid's setAccDescription
        elif tok.kind == "SECTION":
            sections.append(_Section(_label(tok.text[8:]), tok.line))
        elif tok.kind == "TASK_NAME":
            data = next(stream)
            if data.kind != "TASK_DATA":
                raise ImportRefusedError(
                    f"line {tok.line}: expected ': score' after the task {_shown(tok.text)}"
                )
            if not sections:
                sections.append(_Section(FIRST_STAGE, tok.line))
            sections[-1].tasks.append(_task(tok, data, warnings))
        else:
            raise _syntax_error(tok)
    return meta, sections, warnings


def _checked(line: int, make):
    try:
        return make()
    except JourneyError as error:
        raise ImportRefusedError(f"line {line}: {error}") from None


def parse_mermaid(text: str) -> tuple[Content, list[str]]:
    """The map a Mermaid `journey` diagram describes, and warnings about what was adjusted.

    Refused (ImportRefusedError "line N: …"): not a journey diagram, a line
    Mermaid's grammar rejects, a score that is not a number, a name the map
    cannot hold, or more than MAX_MERMAID_CHARS characters.
    """
    if len(text) > MAX_MERMAID_CHARS:
        raise ImportRefusedError(f"too large for a Mermaid journey ({len(text):,} characters; at most {MAX_MERMAID_CHARS:,})")
    if text.startswith("\ufeff"):
        text = text[1:]
    meta, sections, warnings = _read(text)
    description = "\n\n".join(v for v in (meta.get("acc_title", ""), meta.get("acc_descr", "")) if v)
    info = _checked(1, lambda: MapInfo(title=meta["title"] or MapInfo().title, description=description))
    actions = Lane("Actions", question="What does the customer do?")
    emotions_lane = Lane("Emotions", kind=LaneKind.EMOTIONS, question="How do they feel, from frustrated to delighted?")
    stages: list[Stage] = []
    cards: list[Card] = []
    personas: dict[str, Persona] = {}
    felt: dict[tuple[str, str], float] = {}
    for number, section in enumerate(sections, 1):
        name = section.name
        if not name:
            name = f"Stage {number}"
            warnings.append(f"line {section.line}: a section without a name is called {name!r}")
        stage = _checked(section.line, lambda: Stage(name))
        stages.append(stage)
        for task in section.tasks:
            card = _checked(task.line, lambda: Card(stage.id, actions.id, task.name, kind=CardKind.NOTE,
                                                    colour=KIND_COLOURS[CardKind.NOTE]))
            cards.append(card)
            for actor in task.actors or [DEFAULT_PERSONA]:
                if actor not in personas:
                    colour = PERSONA_COLOURS[len(personas) % len(PERSONA_COLOURS)]
                    personas[actor] = _checked(task.line, lambda: Persona(actor, colour=colour))
                felt[card.id, personas[actor].id] = task.score - 3.0
    if len(personas) > len(PERSONA_COLOURS):
        warnings.append(f"{len(personas)} actors share {len(PERSONA_COLOURS)} colours; recolour some in the map")
    content = Content(
        info=info,
        stages=tuple(stages),
        lanes=(actions, emotions_lane),
        cards=tuple(cards),
        personas=tuple(personas.values()),
        emotions=tuple(sorted((c, p, v) for (c, p), v in felt.items())),
    )
    return Document(content).content(), warnings


def read_mermaid(path: str | os.PathLike[str]) -> tuple[Content, list[str]]:
    """The map in the Mermaid file at `path`, and warnings; messages are prefixed with the path."""
    path = Path(path)
    text = read_text(path, MAX_MERMAID_CHARS * 4)
    try:
        return parse_mermaid(text)
    except ImportRefusedError as error:
        raise ImportRefusedError(f"{path}: {error}") from None


# -- export ------------------------------------------------------------------------

_KEYWORD_START = re.compile(r"journey(?![A-Za-z0-9_])|title\s|section\s|acctitle\s*:|accdescr\s*[:{]", re.IGNORECASE)


def _clean(text: str, forbidden: str) -> str:
    """Text Mermaid reads back as the same words: no line breaks, no `forbidden` characters, no `%%`."""
    text = "".join(" " if ch in forbidden or ch in "\n\r\u2028\u2029" else ch for ch in text)
    text = re.sub(r"%{2,}", "%", text)
    return " ".join(text.split())


def _score(values: list[float]) -> int:
    mean = sum(values) / len(values)
    return int(min(5, max(1, math.floor(mean + 0.5) + 3)))


def _unique_actor_names(personas: list[Persona], warnings: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    used: set[str] = set()
    for number, persona in enumerate(personas, 1):
        name = _clean(persona.name, ":#;,") or f"Persona {number}"
        base, n = name, 2
        while name in used:
            name, n = f"{base} {n}", n + 1
        if name != persona.name:
            warnings.append(f"persona {persona.name!r} is written as {name!r}")
        used.add(name)
        names[persona.id] = name
    return names


def _task_lane(content: Content) -> Lane | None:
    card_lanes = [lane for lane in content.lanes if lane.kind == LaneKind.CARDS]
    named = [lane for lane in card_lanes if lane.name.strip().lower() == "actions"]
    return (named or card_lanes or [None])[0]


def to_mermaid(content: Content) -> tuple[str, list[str]]:
    """The map as a Mermaid `journey` diagram, and warnings naming what it cannot carry."""
    warnings: list[str] = []
    lines = ["journey"]
    title = _clean(content.info.title, "#;")
    if title:
        lines.append(f"    title {title}")
    description = content.info.description.strip()
    if description and "\n" not in description:
        # A one-line value runs to the line's end, '#' and ';' included; '%%{' would still read as a directive.
        lines.append(f"    accDescr: {re.sub(r'%{2,}', '%', description)}")
    elif description:
        body = re.sub(r"%{2,}", "%", description.replace("}", ")"))
        if body != description:
            warnings.append("the description lost characters Mermaid reads as syntax ('}' and '%%')")
        lines += ["    accDescr {", *body.split("\n"), "    }"]
    lane = _task_lane(content)
    felt: dict[str, list[tuple[str, float]]] = {}
    for card_id, persona_id, value in content.emotions:
        felt.setdefault(card_id, []).append((persona_id, value))
    actors = _unique_actor_names(list(content.personas), warnings)
    persona_order = {p.id: i for i, p in enumerate(content.personas)}
    carried: set[str] = set()
    mixed = rounded = renamed = 0
    for number, stage in enumerate(content.stages, 1):
        name = _clean(stage.name, ":#;") or f"Stage {number}"
        if name != stage.name:
            renamed += 1
        lines.append(f"    section {name}")
        for card in content.cards:
            if lane is None or card.stage_id != stage.id or card.lane_id != lane.id or card.id not in felt:
                continue
            carried.add(card.id)
            feelings = sorted(felt[card.id], key=lambda pv: persona_order[pv[0]])
            values = [v for _, v in feelings]
            score = _score(values)
            mixed += len(set(values)) > 1
            rounded += any(v + 3 != score for v in values)
            task = _clean(card.text, ":#;") or "Untitled card"
            if _KEYWORD_START.match(task):
                task = f"“{task}”"  # Mermaid would read the bare words as a keyword
            if task != card.text:
                renamed += 1
            lines.append(f"      {task}: {score}: {', '.join(actors[p] for p, _ in feelings)}")
    if renamed:
        warnings.append(f"{renamed} stage or card names lost characters Mermaid reads as syntax (: # ; %% line breaks)")
    if mixed:
        warnings.append(f"{mixed} tasks: the personas feel differently, and Mermaid has one score per task; the average was used")
    if rounded:
        warnings.append(f"{rounded} tasks: emotions were rounded to Mermaid's whole scores 1…5")
    lost = [
        f"{n} cards {what}" for n, what in (
            (sum(1 for c in content.cards if lane is None or c.lane_id != lane.id), "in other lanes"),
            (sum(1 for c in content.cards if lane is not None and c.lane_id == lane.id and c.id not in carried),
             f"of {lane.name!r} with no emotion" if lane else ""),
        ) if n
    ]
    voiced = {p for c, p, _ in content.emotions if c in carried}
    silent = sum(1 for p in content.personas if p.id not in voiced)
    lost += [f"{n} {what}" for n, what in ((len(content.connections), "connections"), (len(content.kpis), "KPIs"),
                                           (silent, "personas without an emotion on those cards")) if n]
    # Votes are items too: any vote on a carried card is among the workshop's items.
    if lost or content.items or any(c.notes or c.channel or c.owner or c.due for c in content.cards if c.id in carried):
        warnings.append("Mermaid carries stages, tasks, scores and actors only; not carried: "
                        + ", ".join([*lost, "card notes and details, stage goals, persona profiles",
                                     *(["the workshop (participants, voting sessions…)"] if content.items else [])]))
    return "\n".join(lines) + "\n", warnings


def write_mermaid(content: Content, path: str | os.PathLike[str]) -> list[str]:
    """Write the map as a Mermaid journey (the file is replaced whole or not at all); returns the warnings."""
    text, warnings = to_mermaid(content)
    write_text(Path(path), text)
    return warnings


__all__ = ["parse_mermaid", "to_mermaid", "read_mermaid", "write_mermaid"]
