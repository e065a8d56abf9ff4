"""A MapDiff for people (text) and for programs (JSON-ready values): `journeymap diff`.

User text in the text form is quoted with control characters escaped, so a
card's text cannot move the terminal's cursor or fake another line.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .diff import Difference, FieldChange, MapDiff, Place
from .layout import format_number

SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_REFS = {"source_id": "cards", "target_id": "cards", "stage_id": "stages"}
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
    """One JSON-ready object: matched_by, counts, and every difference in order.

    A persona's photo is given as its size and SHA-256, never as bytes; an
    emotion's ids are [card_id, persona_id].
    """
    return {
        "matched_by": diff.matched_by,
        "counts": diff.counts(),
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


class _Lookup:
    def __init__(self, diff: MapDiff) -> None:
        self.cards = {c.id: c.text for c in (*diff.before.cards, *diff.after.cards)}
        self.stages = {s.id: s.name for s in (*diff.before.stages, *diff.after.stages)}

    def value(self, change: FieldChange, value: Any) -> str:
        table = _REFS.get(change.field)
        if table is not None and isinstance(value, str):
            names = getattr(self, table)
            return quote(names[value]) if value in names else "(gone)"
        if value is None:
            return "(none)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return format_number(value)
        if isinstance(value, bytes):
            return f"a photo ({max(1, round(len(value) / 1024))} kB)"
        if isinstance(value, tuple):
            return ", ".join(quote(str(v), 20) for v in value)
        if isinstance(value, str):
            return quote(value) if value else "(empty)"
        return quote(str(value))


def _where(place: Place) -> str:
    if place.stage_id is None:
        return f"#{place.index + 1}"
    return f"{quote(place.stage, 30)} / {quote(place.lane, 30)} #{place.index + 1}"


def _parts(d: Difference, lookup: _Lookup) -> list[str]:
    parts = [f"{_NAMES.get(f.field, f.field)}: {lookup.value(f, f.before)} → {lookup.value(f, f.after)}"
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
    head = f"{SIGNS[d.status]} {d.kind} {quote(d.label)}"
    if d.kind == "map":
        head = f"{SIGNS[d.status]} map"
    parts = _parts(d, lookup)
    return head + (": " + "; ".join(parts) if parts else "")


def detail_lines(diff: MapDiff, d: Difference) -> list[str]:
    """One difference for a panel: a heading ("Card changed: 'Pricing page'"), then one line per changed
    field (before → after), the move, or where it was; user text quoted with control characters escaped."""
    what = "Map" if d.kind == "map" else d.kind.capitalize()
    if d.kind == "kpi":
        what = "KPI"
    head = f"{what} {d.status}" + ("" if d.kind == "map" else f": {quote(d.label)}")
    return [head, *_parts(d, _Lookup(diff))]


def to_text(diff: MapDiff, before_name: str, after_name: str) -> str:
    """Lines for a terminal: what is compared, one line per difference, then the counts."""
    lookup = _Lookup(diff)
    lines = [f"comparing {before_name} with {after_name} (matched by {diff.matched_by})"]
    if diff.matched_by != "id":
        lines.append("the two maps share no ids: entities were paired by their text and place")
    lines += [_line(d, lookup) for d in diff.differences]
    if diff.empty:
        lines.append("no differences")
    else:
        counts = diff.counts()
        lines.append(", ".join(f"{n} {status}" for status, n in counts.items() if n))
    return "\n".join(lines)
