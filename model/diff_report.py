"""A MapDiff for people (text) and for programs (JSON-ready values): `journeymap diff`.

User text in the text form is quoted with control characters escaped, so a
card's text cannot move the terminal's cursor or fake another line. Ids in a
field (a connection's cards, a KPI's stage, a to-be emotion's persona, a
voting session's lanes) are shown as the names of what they name.

Run data (journal entries, print records, the room's inbox and ratings) is
counted, not listed (model/diff_entities.py): one closing line says so, "run
data, counted not listed: 12 journal entries added", and JSON gives the counts
under "run_data".
"""

from __future__ import annotations

import hashlib
from typing import Any

from .diff import LISTED, Difference, FieldChange, MapDiff, Names, Place
from .entities import ENTITIES
from .insights.base import listed
from .layout import format_number

SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
# The core's fields that hold an id: what they name, and what the text calls them.
_REFS = {"source_id": "card", "target_id": "card", "stage_id": "stage"}
_NAMES = {"source_id": "from", "target_id": "to", "stage_id": "stage"}


# -- JSON ----------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def _json_place(place: Place | None) -> dict | None:
    if place is None:
        return None
    out: dict[str, Any] = {"index": place.index}
    if place.stage_id is not None:
        out.update(stage_id=place.stage_id, lane_id=place.lane_id, stage=place.stage, lane=place.lane)
    return out


def to_json(diff: MapDiff) -> dict:
    """One JSON-ready object: matched_by, counts, every difference in order, and the run data's counts.

    A persona's photo is given as its size and SHA-256, never as bytes; an
    emotion's ids are [card_id, persona_id]. `run_data` lists the counted
    kinds that differ: {"kind", "table", "added", "removed", "changed"}.
    """
    return {
        "matched_by": diff.matched_by,
        "counts": diff.counts(),
        "run_data": [{"kind": r.kind, "table": ENTITIES[r.kind].table, "added": r.added, "removed": r.removed,
                      "changed": r.changed} for r in diff.run_data],
        "differences": [
            {
                "kind": d.kind,
                "status": d.status,
                "label": d.label,
                "before_id": _json_value(d.before_id),
                "after_id": _json_value(d.after_id),
                "fields": [{"field": f.field, "before": _json_value(f.before), "after": _json_value(f.after)}
                           for f in d.fields],
                "moved": d.moved,
                "before": _json_place(d.before),
                "after": _json_place(d.after),
            }
            for d in diff.differences
        ],
    }


# -- text ----------------------------------------------------------------------------


def quote(text: str, limit: int = 60) -> str:
    """User text in quotes on one line: control characters escaped, long text cut with an ellipsis."""
    shown = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            shown.append("\\n")
        elif ch == "\t":
            shown.append("\\t")
        elif code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
                or 0x2066 <= code <= 0x2069:
            shown.append(f"\\u{code:04x}")
        else:
            shown.append(ch)
        if len(shown) > limit:
            return "'" + "".join(shown[:limit - 1]) + "…'"
    return "'" + "".join(shown) + "'"


def _named_kind(kind: str, field: str) -> tuple[str | None, str]:
    """What the ids in a field of a thing of `kind` name (None: it holds no ids), and the field's name in text."""
    entity = ENTITIES.get(kind)
    if entity is None:
        return _REFS.get(field), _NAMES.get(field, field.replace("_", " "))
    ref = entity.ref(field)
    if ref is not None:
        return ref.kind, ref.json
    mention = next((x for x in entity.mentions if x.field == field), None)
    return (mention.kind if mention is not None else None), field.replace("_", " ")


def field_name(kind: str, field: str) -> str:
    """A field as the text names it ("from", "votable lanes"); user text in it (a session's name in
    "votes (Top pains)") with control characters escaped."""
    return quote(_named_kind(kind, field)[1], 80)[1:-1]


def kind_name(kind: str) -> str:
    """A kind as the text names it: "card", "KPI", "voting session"."""
    if kind == "kpi":
        return "KPI"
    entity = ENTITIES.get(kind)
    return entity.noun if entity is not None else kind


class _Lookup:
    def __init__(self, diff: MapDiff) -> None:
        self.names = Names(diff.before, diff.after)

    def _name(self, kind: str, thing_id: Any, limit: int = 60) -> str:
        if not self.names.known(kind, thing_id):
            return "(gone)"
        return quote(self.names.label_of(kind, thing_id), limit)

    def value(self, d: Difference, change: FieldChange, value: Any) -> str:
        named = _named_kind(d.kind, change.field)[0]
        if named is not None and isinstance(value, str):
            return self._name(named, value)
        if named is not None and isinstance(value, tuple):
            return ", ".join(self._name(named, v, 20) for v in value) or "(none)"
        if value is None:
            return "(none)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return format_number(value)
        if isinstance(value, bytes):
            return f"a photo ({max(1, round(len(value) / 1024))} kB)"
        if isinstance(value, tuple):
            return ", ".join(quote(str(v), 20) for v in value) or "(none)"
        if isinstance(value, str):
            return quote(value) if value else "(empty)"
        return quote(str(value))


def _where(place: Place) -> str:
    if place.stage_id is None:
        return f"#{place.index + 1}"
    return f"{quote(place.stage, 30)} / {quote(place.lane, 30)} #{place.index + 1}"


def _parts(d: Difference, lookup: _Lookup) -> list[str]:
    parts = [f"{field_name(d.kind, f.field)}: {lookup.value(d, f, f.before)} → {lookup.value(d, f, f.after)}"
             for f in d.fields if not (d.kind == "emotion" and d.status in ("added", "removed"))]
    if d.kind == "emotion" and d.status in ("added", "removed"):
        value = d.fields[0].after if d.status == "added" else d.fields[0].before
        parts.append(f"value {format_number(value)}")
    if d.moved and d.before is not None and d.after is not None:
        parts.append(f"moved from {_where(d.before)} to {_where(d.after)}")
    elif d.status == "added" and d.after is not None and d.after.stage_id is not None:
        parts.append(f"in {_where(d.after)}")
    elif d.status == "removed" and d.before is not None and d.before.stage_id is not None:
        parts.append(f"was in {_where(d.before)}")
    return parts


def _line(d: Difference, lookup: _Lookup) -> str:
    head = f"{SIGNS[d.status]} {kind_name(d.kind)} {quote(d.label)}"
    if d.kind == "map":
        head = f"{SIGNS[d.status]} map"
    parts = _parts(d, lookup)
    return head + (": " + "; ".join(parts) if parts else "")


def detail_lines(diff: MapDiff, d: Difference) -> list[str]:
    """One difference for a panel: a heading ("Card changed: 'Pricing page'"), then one line per changed
    field (before → after), the move, or where it was; user text quoted with control characters escaped."""
    what = "Map" if d.kind == "map" else kind_name(d.kind)
    what = what[:1].upper() + what[1:]
    head = f"{what} {d.status}" + ("" if d.kind == "map" else f": {quote(d.label)}")
    return [head, *_parts(d, _Lookup(diff))]


def matched_by_note(diff: MapDiff) -> str | None:
    """For maps made apart, how their entities were paired (None when matched by id)."""
    if diff.matched_by == "id":
        return None
    by_id = listed([e.nouns for e in ENTITIES.values() if e.compared in LISTED])
    return f"the two maps share no ids: entities were paired by their text and place ({by_id} by id only)"


def run_data_line(diff: MapDiff) -> str | None:
    """The run data's counts in one line ("run data, counted not listed: 12 journal entries added"); None when
    it is the same."""
    parts = []
    for r in diff.run_data:
        counts = [(n, status) for status, n in (("added", r.added), ("removed", r.removed), ("changed", r.changed))
                  if n]
        (first, status), rest = counts[0], counts[1:]
        noun = ENTITIES[r.kind].noun if first == 1 else r.nouns
        parts.append(", ".join([f"{first} {noun} {status}", *(f"{n} {st}" for n, st in rest)]))
    return f"run data, counted not listed: {'; '.join(parts)}" if parts else None


def run_data_sentence(diff: MapDiff) -> str | None:
    """run_data_line as a sentence, for a panel or a page: "Run data, counted not listed: …."."""
    line = run_data_line(diff)
    return None if line is None else f"{line[:1].upper()}{line[1:]}."


def to_text(diff: MapDiff, before_name: str, after_name: str) -> str:
    """Lines for a terminal: what is compared, one line per difference, the run data's counts, then the counts."""
    lookup = _Lookup(diff)
    lines = [f"comparing {before_name} with {after_name} (matched by {diff.matched_by})"]
    note = matched_by_note(diff)
    if note is not None:
        lines.append(note)
    lines += [_line(d, lookup) for d in diff.differences]
    run = run_data_line(diff)
    if run is not None:
        lines.append(run)
    if diff.empty:
        lines.append("no differences")
    elif diff.differences:
        counts = diff.counts()
        lines.append(", ".join(f"{n} {status}" for status, n in counts.items() if n))
    return "\n".join(lines)
