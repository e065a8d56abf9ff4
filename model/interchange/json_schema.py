"""The JSON Schema of the interchange format, and its errors said in one line.

The schema lives in `resources/journeymap.schema.json`; jsonschema is imported
only when a document is checked, so opening the editor does not pay for it.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Sequence
from typing import Any

from resources import resource_path

SCHEMA_FILE = "journeymap.schema.json"
_MAX_ERRORS_LOOKED_AT = 200  # enough to find the first one without walking a huge bad file


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) as a dict: the bundled file for the core map, and one list
    for each declared entity (model/entities.py), made from its declaration."""
    schema = json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    from ..entities import ENTITIES

    for entity in ENTITIES.values():
        schema["$defs"][entity.kind] = entity_schema(entity)
        schema["properties"][entity.table] = {"type": "array", "items": {"$ref": f"#/$defs/{entity.kind}"},
                                              "default": []}
    return schema


_FIELD_SCHEMAS = {
    "text": {"$ref": "#/$defs/text"},
    "int": {"type": "integer"},
    "float": {"$ref": "#/$defs/number"},
    "bool": {"type": "boolean"},
    "bytes": {"type": "string", "contentEncoding": "base64"},
    "texts": {"type": "array", "items": {"$ref": "#/$defs/text"}},
}


def entity_schema(entity) -> dict[str, Any]:
    """The JSON Schema of one item of a declared entity (the model checks its values' ranges)."""
    properties: dict[str, Any] = {"id": {"$ref": "#/$defs/id"}}
    required = ["id"]
    for f in entity.fields:
        ref = entity.ref(f.name)
        name = ref.json if ref is not None else f.name
        if ref is not None:
            one: dict[str, Any] = {"$ref": "#/$defs/id"}
        elif f.holds == "enum":
            one = {"enum": [member.value for member in f.enum]}
        else:
            one = dict(_FIELD_SCHEMAS[f.holds])
        if f.optional:
            one = {"anyOf": [one, {"type": "null"}]}
        properties[name] = one
        if f.required:
            required.append(name)
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


@functools.cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def first_problem(data: Any) -> str | None:
    """The first place (in document order) where `data` breaks the schema, as "path: problem"; None if valid."""
    errors = list(itertools.islice(_validator().iter_errors(data), _MAX_ERRORS_LOOKED_AT))
    if not errors:
        return None
    error = min(errors, key=lambda e: _document_order(data, list(e.absolute_path)))
    return f"{format_path(error.absolute_path)}: {_describe(error)}"


def format_path(path: Sequence[Any]) -> str:
    """A JSON path as a reader writes it: stages[2].name ("document" for the whole)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def _document_order(data: Any, path: list[Any]) -> tuple[int, ...]:
    """Where a path sits when the file is read top to bottom (object keys in their written order)."""
    order = []
    node = data
    for part in path:
        if isinstance(node, dict):
            keys = list(node)
            order.append(keys.index(part) if part in node else len(keys))
        elif isinstance(node, list) and isinstance(part, int):
            order.append(part)
        else:
            break
        node = node[part]
    return tuple(order)


_TYPE_WORDS = {
    "string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
    "array": "a list", "object": "an object", "null": "null",
}


def _short(value: Any) -> str:
    """A value quoted for a message, never longer than a line."""
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _describe(error) -> str:
    """One line for a jsonschema error, without dumping the (possibly enormous) value."""
    kind, expected, schema, instance = error.validator, error.validator_value, error.schema, error.instance
    if kind == "required":
        missing = [name for name in expected if isinstance(instance, dict) and name not in instance]
        return f"missing the field {missing[0]!r}" if missing else "a required field is missing"
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        extra = sorted(name for name in instance if name not in known)
        return f"unknown field {extra[0]!r}" if extra else "unknown field"
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return "must be " + " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in expected)
        return f"{_short(instance)} is not one of: {allowed}"
    if kind == "const":
        return f"must be {expected!r}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if "minimum" in schema and "maximum" in schema:
            return f"{_short(instance)} is outside {_number(schema['minimum'])} … {_number(schema['maximum'])}"
        return f"{_short(instance)} must be {'at least' if 'inimum' in kind else 'at most'} {_number(expected)}"
    if kind == "pattern":
        if expected == "\\S":
            return "must not be empty"
        if expected.startswith("^#"):
            return "must look like #RRGGBB"
        if "[0-9]{4}-" in expected:
            return f"{_short(instance)} is not a date like 2026-12-31"
        return "is not in the expected form"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"is longer than {expected:,} characters"
    if kind in ("minItems", "maxItems"):
        if schema.get("minItems") == schema.get("maxItems"):
            return f"must hold exactly {schema['minItems']} items"
        return f"must hold {'at least' if kind == 'minItems' else 'at most'} {expected} items"
    message = str(error.message)
    return message if len(message) <= 200 else message[:197] + "…"
