"""Rows <-> the model: reading a whole Content, writing one Change.

Core statements (compiled once and cached by SQLAlchemy), not ORM flushes:
a change writes only the rows its `dirty` set names, each from the
Document's current state, with its current position.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_
from sqlalchemy.dialects.sqlite import insert

from ..document import Content, Document, content_items
from ..domain import Card, Connection as Link, Kpi, Lane, MapInfo, Persona, Stage
from ..entities import ENTITIES, Entity
from .schema import tables

# -- values -> rows -----------------------------------------------------------


def _info_row(info: MapInfo, app_version: str | None = None) -> dict[str, Any]:
    row = {
        "id": 1,
        "title": info.title,
        "description": info.description,
        "owner": info.owner,
        "emotion_labels": json.dumps(list(info.emotion_labels), ensure_ascii=False),
    }
    if app_version is not None:
        row["app_version"] = app_version
    return row


def _stage_row(s: Stage, pos: int) -> dict[str, Any]:
    return {"id": s.id, "position": pos, "name": s.name, "goal": s.goal, "question": s.question, "width": s.width}


def _lane_row(lane: Lane, pos: int) -> dict[str, Any]:
    return {
        "id": lane.id, "position": pos, "name": lane.name, "kind": lane.kind.value,
        "question": lane.question, "collapsed": lane.collapsed,
    }


_PERSONA_TEXT = ("name", "role", "quote", "goals", "needs", "pains", "behaviours", "motivations")


def _persona_row(p: Persona, pos: int) -> dict[str, Any]:
    row = {name: getattr(p, name) for name in _PERSONA_TEXT}
    row.update(id=p.id, position=pos, photo=p.photo, colour=p.colour, visible=p.visible)
    return row


def _card_row(c: Card, pos: int) -> dict[str, Any]:
    return {
        "id": c.id, "stage_id": c.stage_id, "lane_id": c.lane_id, "position": pos, "text": c.text,
        "kind": c.kind.value, "notes": c.notes, "colour": c.colour, "channel": c.channel.value,
        "owner": c.owner, "evidence": c.evidence.value, "impact": c.impact, "effort": c.effort,
        "due": c.due,
    }


def _connection_row(c: Link, pos: int) -> dict[str, Any]:
    return {"id": c.id, "position": pos, "source_id": c.source_id, "target_id": c.target_id,
            "label": c.label, "share": c.share}


def _kpi_row(k: Kpi, pos: int) -> dict[str, Any]:
    return {"id": k.id, "stage_id": k.stage_id, "position": pos, "name": k.name,
            "value": k.value, "target": k.target, "unit": k.unit}


def item_row(entity: Entity, value: Any, pos: int) -> dict[str, Any]:
    """An item of a declared entity as its table's row."""
    row: dict[str, Any] = {"id": value.id, "position": pos}
    for f in entity.fields:
        v = getattr(value, f.name)
        if v is not None and f.holds == "enum":
            v = v.value
        elif v is not None and f.holds == "texts":
            v = json.dumps(list(v), ensure_ascii=False)
        row[f.name] = v
    return row


def item_from_row(entity: Entity, row: Any) -> Any:
    """A row of a declared entity's table as its value (the value's own checks run)."""
    values: dict[str, Any] = {"id": row["id"]}
    for f in entity.fields:
        v = row[f.name]
        if v is not None and f.holds == "bool":
            v = _flag(v)
        elif v is not None and f.holds == "texts":
            v = json.loads(v)
            if not isinstance(v, list):
                raise ValueError(f"{entity.table}.{f.name} is not a list")
            v = tuple(v)
        values[f.name] = v
    return entity.value_type(**values)


# -- writing ------------------------------------------------------------------


def _upsert(conn: Connection, table_name: str, rows: list[dict[str, Any]], keys: tuple[str, ...] = ("id",)) -> None:
    if not rows:
        return
    table = tables()[table_name]
    stmt = insert(table)
    # ON CONFLICT DO UPDATE, never INSERT OR REPLACE: REPLACE deletes the old
    # row first, which would cascade to its cards, emotions and connections.
    stmt = stmt.on_conflict_do_update(
        index_elements=list(keys), set_={c: stmt.excluded[c] for c in rows[0] if c not in keys}
    )
    conn.execute(stmt, rows)


def _delete(conn: Connection, table_name: str, ids: list) -> None:
    if not ids:
        return
    table = tables()[table_name]
    if table_name == "emotions":
        cols = tuple_(table.c.card_id, table.c.persona_id)
        for start in range(0, len(ids), 400):
            conn.execute(delete(table).where(cols.in_(ids[start:start + 400])))
        return
    for start in range(0, len(ids), 900):
        conn.execute(delete(table).where(table.c.id.in_(ids[start:start + 900])))


def _positions(items: list) -> dict[str, int]:
    return {item.id: i for i, item in enumerate(items)}


def write_dirty(conn: Connection, doc: Document, dirty) -> None:
    """Bring the rows named by `dirty` in line with `doc`; the caller owns the transaction.

    Upserts run parents first, then deletes children first: a row is never
    deleted while a row that stays still points at it, so ON DELETE CASCADE
    only removes what the document removed too.
    """
    by_kind: dict[str, list] = defaultdict(list)
    for kind, key in dirty:
        by_kind[kind].append(key)
    upserts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    deletes: dict[str, list] = defaultdict(list)

    if by_kind.get("map"):
        upserts["map_info"].append(_info_row(doc.info))
    for kind, table, items, make in (
        ("stage", "stages", doc.stages if by_kind.get("stage") else None, _stage_row),
        ("lane", "lanes", doc.lanes if by_kind.get("lane") else None, _lane_row),
        ("persona", "personas", doc.personas if by_kind.get("persona") else None, _persona_row),
        ("connection", "connections", doc.connections if by_kind.get("connection") else None, _connection_row),
        ("kpi", "kpis", doc.kpis if by_kind.get("kpi") else None, _kpi_row),
    ):
        if items is None:
            continue
        where = _positions(items)
        for item_id in by_kind[kind]:
            pos = where.get(item_id)
            if pos is None:
                deletes[table].append(item_id)
            else:
                upserts[table].append(make(items[pos], pos))
    if by_kind.get("card"):
        cells: dict[tuple[str, str], dict[str, int]] = {}
        for card_id in by_kind["card"]:
            if not doc.has_card(card_id):
                deletes["cards"].append(card_id)
                continue
            card = doc.card(card_id)
            where = cells.get(card.cell)
            if where is None:
                where = cells[card.cell] = _positions(doc.cell_cards(*card.cell))
            upserts["cards"].append(_card_row(card, where[card_id]))
    for card_id, persona_id in by_kind.get("emotion", ()):
        value = doc.emotion(card_id, persona_id) if doc.has_card(card_id) else None
        if value is None:
            deletes["emotions"].append((card_id, persona_id))
        else:
            upserts["emotions"].append({"card_id": card_id, "persona_id": persona_id, "value": value})
    for kind, entity in ENTITIES.items():
        if by_kind.get(kind):
            items = doc.items(kind)
            where = _positions(items)
            for item_id in by_kind[kind]:
                pos = where.get(item_id)
                if pos is None:
                    deletes[entity.table].append(item_id)
                else:
                    upserts[entity.table].append(item_row(entity, items[pos], pos))

    # Parents first for upserts; children first for deletes (declared entities are the children).
    declared = [e.table for e in ENTITIES.values()]
    for table in ("map_info", "stages", "lanes", "personas", "cards", "connections", "kpis", *declared):
        _upsert(conn, table, upserts.get(table, []))
    _upsert(conn, "emotions", upserts.get("emotions", []), ("card_id", "persona_id"))
    for table in (*reversed(declared), "kpis", "connections", "emotions", "cards", "personas", "lanes", "stages"):
        _delete(conn, table, deletes.get(table, []))


def write_content(conn: Connection, content: Content, app_version: str) -> None:
    """Fill an empty map file with `content` (create, import)."""
    t = tables()
    conn.execute(insert(t["map_info"]), [_info_row(content.info, app_version)])
    groups = [
        ("stages", [_stage_row(s, i) for i, s in enumerate(content.stages)]),
        ("lanes", [_lane_row(x, i) for i, x in enumerate(content.lanes)]),
        ("personas", [_persona_row(p, i) for i, p in enumerate(content.personas)]),
    ]
    cell_pos: dict[tuple[str, str], int] = defaultdict(int)
    card_rows = []
    for card in content.cards:
        card_rows.append(_card_row(card, cell_pos[card.cell]))
        cell_pos[card.cell] += 1
    groups += [
        ("cards", card_rows),
        ("emotions", [{"card_id": c, "persona_id": p, "value": v} for c, p, v in content.emotions]),
        ("connections", [_connection_row(c, i) for i, c in enumerate(content.connections)]),
        ("kpis", [_kpi_row(k, i) for i, k in enumerate(content.kpis)]),
    ]
    groups += [(ENTITIES[kind].table, [item_row(ENTITIES[kind], v, i) for i, v in enumerate(values)])
               for kind, values in content.items]
    for name, rows in groups:
        if rows:
            conn.execute(insert(t[name]), rows)


# -- reading ------------------------------------------------------------------


def read_rows(conn: Connection) -> Content:
    """The whole map as Content, every list in its saved order (not yet validated as a whole)."""
    t = tables()
    info_row = conn.execute(select(t["map_info"]).where(t["map_info"].c.id == 1)).mappings().first()
    if info_row is None:
        raise ValueError("the map's information row is missing")
    labels = json.loads(info_row["emotion_labels"])
    if not isinstance(labels, list):
        raise ValueError("the emotion labels are not a list")
    info = MapInfo(info_row["title"], info_row["description"], info_row["owner"], tuple(labels))

    def ordered(name: str):
        table = t[name]
        return conn.execute(select(table).order_by(table.c.position, table.c.id)).mappings().all()

    stages = tuple(Stage(r["name"], r["goal"], r["question"], r["width"], r["id"]) for r in ordered("stages"))
    lanes = tuple(
        Lane(r["name"], r["kind"], r["question"], _flag(r["collapsed"]), r["id"]) for r in ordered("lanes")
    )
    personas = tuple(
        Persona(
            **{n: r[n] for n in _PERSONA_TEXT},
            photo=r["photo"], colour=r["colour"], visible=_flag(r["visible"]), id=r["id"],
        )
        for r in ordered("personas")
    )
    # Cards grouped by cell in journey order (stage, lane, position), as Document.content() lists them.
    cards_t, st, ln = t["cards"], t["stages"], t["lanes"]
    card_query = (
        select(cards_t)
        .join(st, st.c.id == cards_t.c.stage_id)
        .join(ln, ln.c.id == cards_t.c.lane_id)
        .order_by(st.c.position, st.c.id, ln.c.position, ln.c.id, cards_t.c.position, cards_t.c.id)
    )
    cards = tuple(
        Card(
            r["stage_id"], r["lane_id"], r["text"], r["kind"], r["notes"], r["colour"], r["channel"],
            r["owner"], r["evidence"], r["impact"], r["effort"], r["due"], id=r["id"],
        )
        for r in conn.execute(card_query).mappings()
    )
    em = t["emotions"]
    emotions = tuple(
        (r[0], r[1], r[2])
        for r in conn.execute(select(em.c.card_id, em.c.persona_id, em.c.value).order_by(em.c.card_id, em.c.persona_id))
    )
    connections = tuple(
        Link(r["source_id"], r["target_id"], r["label"], r["share"], r["id"]) for r in ordered("connections")
    )
    kpis = tuple(Kpi(r["stage_id"], r["name"], r["value"], r["target"], r["unit"], r["id"]) for r in ordered("kpis"))
    items = content_items({kind: [item_from_row(e, r) for r in ordered(e.table)] for kind, e in ENTITIES.items()})
    return Content(info, stages, lanes, cards, personas, emotions, connections, kpis, items)


def _flag(value: Any) -> bool:
    if value in (0, 1):
        return bool(value)
    raise ValueError(f"a true/false column holds {value!r}")
