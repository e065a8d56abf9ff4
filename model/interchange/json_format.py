"""The JSON interchange format: the whole map, lossless and versioned.

A document is one object: `{"format": "journeymap", "version": 1, "map": {…},
"stages": […], "lanes": […], "personas": […], "cards": […], "emotions": […],
"connections": […], "kpis": […]}`. Every object keeps its id; lists keep the
map's order (cards grouped by cell, each cell in order); a persona's photo is
base64. `resources/journeymap.schema.json` describes it exactly.

Reading refuses, with `ImportRefusedError` naming the first problem and its
JSON path: text that is not JSON (with line:column), another "format", a
newer "version", anything the schema rejects, a value the model refuses, a
reference to an unknown stage, lane, card or persona, and an id used twice.
Deep nesting and enormous input are refused without exhausting the stack or
memory.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any

from ..document import Content, Document, content_items
from ..entities import ENTITIES, Entity
from ..domain import MAX_VOTES, Card, CardKind, Connection, Kpi, Lane, LaneKind, MapInfo, Persona, Stage
from ..errors import ImportRefusedError, JourneyError
from .text_files import read_text, write_text
from .json_schema import first_problem
from ..voting import LEGACY_SESSION_NAME, with_wall_votes

FORMAT_NAME = "journeymap"
# 2 added the declared entities' lists (participants…), 3 actions and cards' due dates; a map is written
# with the oldest version that holds it (version_needed), so older Journeymaps still read what they can.
FORMAT_VERSION = 3
# Four persona photos of the largest size the model allows, in base64, plus the rest of a big map.
MAX_JSON_CHARS = 200_000_000

# JSON field name -> model field name, where they differ (references read better without "_id").
_RENAMES = {
    "card": {"stage": "stage_id", "lane": "lane_id"},
    "connection": {"source": "source_id", "target": "target_id"},
    "kpi": {"stage": "stage_id"},
}


# -- writing -------------------------------------------------------------------


def _stage(s: Stage) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "goal": s.goal, "question": s.question, "width": s.width}


def _lane(lane: Lane) -> dict[str, Any]:
    return {
        "id": lane.id, "name": lane.name, "kind": lane.kind.value,
        "question": lane.question, "collapsed": lane.collapsed,
    }


def _persona(p: Persona) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "role": p.role, "quote": p.quote, "goals": p.goals, "needs": p.needs,
        "pains": p.pains, "behaviours": p.behaviours, "motivations": p.motivations,
        "photo": base64.b64encode(p.photo).decode("ascii") if p.photo is not None else None,
        "colour": p.colour, "visible": p.visible,
    }


def _card(c: Card, version: int) -> dict[str, Any]:
    out = {
        "id": c.id, "stage": c.stage_id, "lane": c.lane_id, "text": c.text, "kind": c.kind.value,
        "notes": c.notes, "colour": c.colour, "channel": c.channel.value, "owner": c.owner,
        "evidence": c.evidence.value, "impact": c.impact, "effort": c.effort,
    }
    if version >= 3:  # an older reader refuses a field it does not know
        out["due"] = c.due
    return out


def version_needed(content: Content) -> int:
    """The oldest format version that holds everything in `content`."""
    if any(c.due or c.kind == CardKind.ACTION for c in content.cards):
        return 3
    return 2 if content.items else 1


def _connection(c: Connection) -> dict[str, Any]:
    return {"id": c.id, "source": c.source_id, "target": c.target_id, "label": c.label, "share": c.share}


def _kpi(k: Kpi) -> dict[str, Any]:
    return {"id": k.id, "stage": k.stage_id, "name": k.name, "value": k.value, "target": k.target, "unit": k.unit}


def content_to_dict(content: Content) -> dict[str, Any]:
    """The whole map as plain JSON values, every field of every object, in the map's order."""
    info = content.info
    version = version_needed(content)
    data = {
        "format": FORMAT_NAME,
        # The oldest version that holds everything: a map without participants or actions stays readable
        # by a Journeymap that knows only version 1.
        "version": version,
        "map": {
            "title": info.title, "description": info.description, "owner": info.owner,
            "emotion_labels": list(info.emotion_labels),
        },
        "stages": [_stage(s) for s in content.stages],
        "lanes": [_lane(lane) for lane in content.lanes],
        "personas": [_persona(p) for p in content.personas],
        "cards": [_card(c, version) for c in content.cards],
        "emotions": [{"card": c, "persona": p, "value": v} for c, p, v in content.emotions],
        "connections": [_connection(c) for c in content.connections],
        "kpis": [_kpi(k) for k in content.kpis],
    }
    for kind, values in content.items:
        entity = ENTITIES[kind]
        data[entity.table] = [_item(entity, v) for v in values]
    return data


def _item(entity: Entity, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": value.id}
    for f in entity.fields:
        v = getattr(value, f.name)
        ref = entity.ref(f.name)
        if v is not None and f.holds == "enum":
            v = v.value
        elif v is not None and f.holds == "bytes":
            v = base64.b64encode(v).decode("ascii")
        elif v is not None and f.holds == "texts":
            v = list(v)
        out[ref.json if ref is not None else f.name] = v
    return out


def _item_from(entity: Entity, item: dict[str, Any], path: str) -> Any:
    fields: dict[str, Any] = {"id": item["id"]}
    for f in entity.fields:
        ref = entity.ref(f.name)
        name = ref.json if ref is not None else f.name
        if name not in item:
            continue
        v = item[name]
        if v is not None and f.holds == "bytes":
            try:
                v = base64.b64decode(v, validate=True)
            except (binascii.Error, ValueError):
                raise _refuse(f"{path}.{name}: not valid base64") from None
        elif v is not None and f.holds == "texts":
            v = tuple(v)
        elif v is not None and f.holds == "int":
            v = _whole(v)
        fields[f.name] = v
    try:
        return entity.value_type(**fields)
    except JourneyError as error:
        raise _refuse(f"{path}: {error}") from None


def dumps(content: Content) -> str:
    """The map as JSON text (UTF-8 friendly, indented, ending in a newline)."""
    return json.dumps(content_to_dict(content), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_json(content: Content, path: str | os.PathLike[str]) -> None:
    """Write the map as JSON; the file is replaced whole or not at all (ExportError if it cannot be)."""
    write_text(Path(path), dumps(content))


# -- reading -------------------------------------------------------------------


def _refuse(message: str) -> ImportRefusedError:
    return ImportRefusedError(message)


def _check_header(data: object) -> None:
    """Refuse early what is not ours or is too new, before the schema's more detailed complaints."""
    if not isinstance(data, dict):
        raise _refuse('not a Journeymap JSON document: expected an object with "format": "journeymap"')
    if data.get("format") != FORMAT_NAME:
        raise _refuse('not a Journeymap JSON document: "format" must be "journeymap"')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _refuse(f'version: must be a whole number (this Journeymap writes versions 1 to {FORMAT_VERSION})')
    if version < 1:
        raise _refuse(f"version: {version} is not a Journeymap version (they start at 1)")
    if version > FORMAT_VERSION:
        raise _refuse(
            f"version: {version} is newer than this Journeymap understands ({FORMAT_VERSION}); "
            "update Journeymap to read this file"
        )


def _whole(value: Any) -> Any:
    # JSON does not tell 3 from 3.0; the model's whole-number fields want an int.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _build(cls: type, kind: str, item: dict[str, Any], path: str):
    renames = _RENAMES.get(kind, {})
    fields = {renames.get(key, key): value for key, value in item.items()}
    if kind == "persona" and fields.get("photo") is not None:
        try:
            fields["photo"] = base64.b64decode(fields["photo"], validate=True)
        except (binascii.Error, ValueError):
            raise _refuse(f"{path}.photo: not valid base64") from None
    if kind == "card":
        fields.pop("votes", None)  # read by _legacy_votes
        for name in ("impact", "effort"):
            if name in fields:
                fields[name] = _whole(fields[name])
    try:
        return cls(**fields)
    except JourneyError as error:
        raise _refuse(f"{path}: {error}") from None


def _legacy_votes(cards: Any) -> dict[str, int]:
    """A card's "votes" of files written before voting sessions: card id -> count."""
    out: dict[str, int] = {}
    for i, item in enumerate(cards):
        if not isinstance(item, dict) or "votes" not in item:
            continue
        votes = _whole(item["votes"])
        if isinstance(votes, bool) or not isinstance(votes, int) or not 0 <= votes <= MAX_VOTES:
            raise _refuse(f"cards[{i}].votes: must be a whole number from 0 to {MAX_VOTES:,}")
        if votes:
            out[item.get("id")] = votes
    return out


def _unique_ids(items: list[Any], name: str) -> dict[str, int]:
    """id -> index; refuses an id used twice in the same list."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise _refuse(f"{name}[{index}].id: {item.id!r} is already used by {name}[{seen[item.id]}]")
        seen[item.id] = index
    return seen


def _check_references(c: Content) -> None:
    """Refuse, with its path, every reference the model would refuse without saying where."""
    stage_ids = _unique_ids(list(c.stages), "stages")
    lane_ids = _unique_ids(list(c.lanes), "lanes")
    persona_ids = _unique_ids(list(c.personas), "personas")
    card_ids = _unique_ids(list(c.cards), "cards")
    _unique_ids(list(c.connections), "connections")
    _unique_ids(list(c.kpis), "kpis")
    for i, card in enumerate(c.cards):
        if card.stage_id not in stage_ids:
            raise _refuse(f"cards[{i}].stage: no stage with id {card.stage_id!r}")
        if card.lane_id not in lane_ids:
            raise _refuse(f"cards[{i}].lane: no lane with id {card.lane_id!r}")
        lane = c.lanes[lane_ids[card.lane_id]]
        if lane.kind != LaneKind.CARDS:
            raise _refuse(f"cards[{i}].lane: lane {lane.name!r} draws emotion curves and holds no cards")
    felt: dict[tuple[str, str], int] = {}
    for i, (card_id, persona_id, _value) in enumerate(c.emotions):
        if card_id not in card_ids:
            raise _refuse(f"emotions[{i}].card: no card with id {card_id!r}")
        if persona_id not in persona_ids:
            raise _refuse(f"emotions[{i}].persona: no persona with id {persona_id!r}")
        if (card_id, persona_id) in felt:
            raise _refuse(f"emotions[{i}]: a second value for the card and persona of emotions[{felt[card_id, persona_id]}]")
        felt[card_id, persona_id] = i
    joined: dict[tuple[str, str], int] = {}
    for i, conn in enumerate(c.connections):
        for end, card_id in (("source", conn.source_id), ("target", conn.target_id)):
            if card_id not in card_ids:
                raise _refuse(f"connections[{i}].{end}: no card with id {card_id!r}")
        pair = (conn.source_id, conn.target_id)
        if pair in joined:
            raise _refuse(f"connections[{i}]: joins the same two cards, in the same direction, as connections[{joined[pair]}]")
        joined[pair] = i
    for i, kpi in enumerate(c.kpis):
        if kpi.stage_id not in stage_ids:
            raise _refuse(f"kpis[{i}].stage: no stage with id {kpi.stage_id!r}")
    known = {"stage": stage_ids, "lane": lane_ids, "persona": persona_ids, "card": card_ids,
             "connection": _unique_ids(list(c.connections), "connections"), "kpi": _unique_ids(list(c.kpis), "kpis")}
    for kind, values in c.items:
        entity = ENTITIES[kind]
        known[kind] = _unique_ids(list(values), entity.table)
        for i, value in enumerate(values):
            for ref in entity.refs:
                target = getattr(value, ref.field)
                if target is not None and target not in known[ref.kind]:
                    raise _refuse(f"{entity.table}[{i}].{ref.json}: no {ref.kind} with id {target!r}")


def _content(data: dict[str, Any]) -> Content:
    info_fields = dict(data["map"])
    if "emotion_labels" in info_fields:
        info_fields["emotion_labels"] = tuple(info_fields["emotion_labels"])
    try:
        info = MapInfo(**info_fields)
    except JourneyError as error:
        raise _refuse(f"map: {error}") from None

    def many(key: str, cls: type, kind: str) -> tuple[Any, ...]:
        return tuple(_build(cls, kind, item, f"{key}[{i}]") for i, item in enumerate(data.get(key, ())))

    emotions = [(item["card"], item["persona"], float(item["value"])) for item in data.get("emotions", ())]
    content = Content(
        info=info,
        stages=many("stages", Stage, "stage"),
        lanes=many("lanes", Lane, "lane"),
        cards=many("cards", Card, "card"),
        personas=many("personas", Persona, "persona"),
        emotions=tuple(emotions),
        connections=many("connections", Connection, "connection"),
        kpis=many("kpis", Kpi, "kpi"),
        items=content_items({kind: [_item_from(e, item, f"{e.table}[{i}]") for i, item in enumerate(data.get(e.table, ()))]
                             for kind, e in ENTITIES.items()}),
    )
    # Votes counted on cards before there were voting sessions become a session of their own.
    content = with_wall_votes(content, _legacy_votes(data.get("cards", ())), LEGACY_SESSION_NAME)
    _check_references(content)
    try:
        # The model's own checks, the same every edit passes; returns the canonical order.
        return Document(content).content()
    except JourneyError as error:
        raise _refuse(f"map: {error}") from None


def content_from_dict(data: object, *, bundled: bool = False) -> Content:
    """The map described by parsed JSON `data`.

    Refused (ImportRefusedError, "path: problem"): not our format, a newer
    version, the first thing the JSON Schema rejects, a value the model
    refuses, an unknown reference or an id used twice. `bundled=True` is for
    maps this program ships (checked against the schema by the tests): it
    skips the JSON Schema, whose validator costs a tenth of a second to build
    at start-up, and keeps every check of the model.
    """
    try:
        _check_header(data)
        problem = None if bundled else first_problem(data)
        if problem:
            raise _refuse(problem)
        return _content(data)  # type: ignore[arg-type]
    except RecursionError:
        raise _refuse("document: nested too deeply to be a map") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(text: str) -> Content:
    """The map in JSON `text`; refuses (ImportRefusedError) what `content_from_dict` refuses and text that is not JSON."""
    if not isinstance(text, str):
        raise _refuse("not JSON text")
    if len(text) > MAX_JSON_CHARS:
        raise _refuse(f"too large to be a map ({len(text):,} characters; at most {MAX_JSON_CHARS:,})")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise _refuse(f"line {error.lineno}:{error.colno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise _refuse("not valid JSON for a map: nested too deeply") from None
    except ValueError as error:  # a duplicated key, NaN, or an integer with too many digits
        raise _refuse(f"not valid JSON: {error}") from None
    return content_from_dict(data)


def read_json(path: str | os.PathLike[str]) -> Content:
    """The map in the JSON file at `path`; refuses an unreadable, oversized, non-UTF-8 or invalid file."""
    path = Path(path)
    text = read_text(path, MAX_JSON_CHARS * 4)
    try:
        return loads(text)
    except ImportRefusedError as error:
        raise _refuse(f"{path}: {error}") from None


__all__ = [
    "FORMAT_VERSION", "content_to_dict", "content_from_dict", "dumps", "loads", "write_json", "read_json",
]
