"""What changed between two versions of a map (issue 13): added, removed, changed and moved.

Pure: `compare(before, after)` takes two `Content`s (or Documents) and lists
every stage, lane, persona, card, emotion, connection and KPI that differs,
plus the map's own fields, then the declared entities a facilitator compares
(model/diff_entities.py): participants, voting sessions, the workshop plan's
steps, the to-be emotions and marks, and each card's vote total per session
(a change of the card: field "votes (Session name)"). Run data (the journal,
print records, the room's inbox and ratings) is only counted (`run_data`).
Entities are matched by their stable ids, which makes the comparison exact.
Two maps with no id in common (made apart, e.g. imported from two
spreadsheets) are matched by text and position instead (model/diff_match.py),
and the result says so in `matched_by`; the declared entities are then still
matched by id only.

A move is a change of place, not of index: inserting a card at the top of a
cell shifts the cards below it without moving them. A card moved when its
cell changed, or when it left the order the other cards of its cell keep
(the fewest cards that explain the new order are reported, as `diff` reports
the fewest lines); stages, lanes, personas, connections and KPIs likewise
within their lists.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field as dataclass_field, fields
from typing import Any

from .document import Content, Document
from .domain import Card
from .entities import ENTITIES, Compared

CORE = ("map", "stage", "lane", "persona", "card", "emotion", "connection", "kpi")
# The declared entities compared one by one follow the core, in declaration order.
LISTED = (Compared.IN_ORDER, Compared.UNORDERED)
KINDS = CORE + tuple(kind for kind, e in ENTITIES.items() if e.compared in LISTED)
STATUSES = ("added", "removed", "changed", "moved")
MATCHED_BY_ID = "id"
MATCHED_BY_TEXT = "text and position"

Key = Any  # an entity's id; for an emotion, (card_id, persona_id)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's value before and after. Reference fields (a connection's cards, a KPI's stage) hold ids."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Place:
    """Where an entity sits: its index in its list, and for a card its cell (ids and names)."""

    index: int
    stage_id: str | None = None
    lane_id: str | None = None
    stage: str = ""
    lane: str = ""


@dataclass(frozen=True, slots=True)
class Difference:
    """One entity that differs.

    `status` is "added", "removed", "changed" (fields differ; `moved` tells
    whether it moved too) or "moved" (only its place differs). `before_id`
    and `after_id` name it in each version (equal when matched by id; None
    on the side where it does not exist). `label` is what people call it:
    a name, a card's text; user text, to be escaped wherever it is shown.
    """

    kind: str
    status: str
    label: str
    before_id: Key | None
    after_id: Key | None
    fields: tuple[FieldChange, ...] = ()
    before: Place | None = None
    after: Place | None = None
    moved: bool = False

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields)


@dataclass(frozen=True, slots=True)
class RunCount:
    """Run data of one kind (journal entries…), counted rather than listed: how many were added, removed and
    changed (matched by id)."""

    kind: str
    nouns: str  # "journal entries"
    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class MapDiff:
    """Every difference, in a fixed order: by kind (KINDS), then the after-version's order, then removals;
    and the run data's counts (`run_data`: only the kinds that differ)."""

    matched_by: str
    differences: tuple[Difference, ...]
    before: Content = dataclass_field(repr=False)
    after: Content = dataclass_field(repr=False)
    run_data: tuple[RunCount, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.differences and not self.run_data

    def __len__(self) -> int:
        return len(self.differences)

    def __iter__(self):
        return iter(self.differences)

    def of(self, kind: str, status: str | None = None) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind and (status is None or d.status == status)]

    def counts(self) -> dict[str, int]:
        """How many differences of each status (every status present, zeros included)."""
        counts = dict.fromkeys(STATUSES, 0)
        for d in self.differences:
            counts[d.status] += 1
        return counts


# -- matching ------------------------------------------------------------------------


@dataclass
class Matching:
    """Which entity of `before` is which of `after`: for each kind, before key -> after key."""

    by: str
    stages: dict[str, str]
    lanes: dict[str, str]
    personas: dict[str, str]
    cards: dict[str, str]
    connections: dict[str, str]
    kpis: dict[str, str]

    def of(self, kind: str) -> dict[str, str]:
        """The pairs of a core kind: "stage", "lane", "persona", "card", "connection" or "kpi"."""
        return {"stage": self.stages, "lane": self.lanes, "persona": self.personas, "card": self.cards,
                "connection": self.connections, "kpi": self.kpis}[kind]

    def emotion(self, key: tuple[str, str]) -> tuple[str, str] | None:
        card, persona = self.cards.get(key[0]), self.personas.get(key[1])
        return (card, persona) if card is not None and persona is not None else None


def _ids(content: Content) -> set[str]:
    found: set[str] = set()
    for items in (content.stages, content.lanes, content.personas, content.cards, content.connections, content.kpis):
        found.update(x.id for x in items)
    return found


def _match_by_id(a: Content, b: Content) -> Matching:
    def same(xs: Sequence, ys: Sequence) -> dict[str, str]:
        present = {y.id for y in ys}
        return {x.id: x.id for x in xs if x.id in present}

    return Matching(
        MATCHED_BY_ID,
        same(a.stages, b.stages),
        same(a.lanes, b.lanes),
        same(a.personas, b.personas),
        same(a.cards, b.cards),
        same(a.connections, b.connections),
        same(a.kpis, b.kpis),
    )


def match(a: Content, b: Content) -> Matching:
    """By id; by text and position when both maps hold something and no id is in both."""
    a_ids, b_ids = _ids(a), _ids(b)
    if a_ids and b_ids and a_ids.isdisjoint(b_ids):
        from .diff_match import match_by_text

        return match_by_text(a, b)
    return _match_by_id(a, b)


# -- comparing -------------------------------------------------------------------------


def _as_content(version: Content | Document) -> Content:
    return version.content() if isinstance(version, Document) else version


def compare(before: Content | Document, after: Content | Document, matching: Matching | None = None) -> MapDiff:
    """The differences from `before` to `after`; empty when they hold the same map.

    `matching` is their match() when the caller has made it already.
    """
    from .diff_entities import item_differences, run_counts, vote_changes

    a, b = _as_content(before), _as_content(after)
    m = match(a, b) if matching is None else matching
    names = Names(a, b)
    out: list[Difference] = []
    out += _map_fields(a, b)
    out += _ordered("stage", a.stages, b.stages, m.stages, {}, names.stage_label)
    out += _ordered("lane", a.lanes, b.lanes, m.lanes, {}, names.lane_label)
    out += _ordered("persona", a.personas, b.personas, m.personas, {}, names.persona_label)
    out += _cards(a, b, m, names, vote_changes(a, b, m))
    out += _emotions(a, b, m, names)
    out += _ordered("connection", a.connections, b.connections, m.connections,
                    {"source_id": m.cards, "target_id": m.cards}, names.connection_label)
    out += _ordered("kpi", a.kpis, b.kpis, m.kpis, {"stage_id": m.stages}, names.kpi_label)
    out += item_differences(a, b, m, names)
    return MapDiff(m.by, tuple(out), a, b, run_counts(a, b))


def short(text: str, limit: int = 60) -> str:
    """A label from user text: its first line, cut to `limit` characters."""
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class Names:
    """Labels of entities in either version (the after-version's name wins)."""

    def __init__(self, a: Content, b: Content) -> None:
        self.personas = {p.id: p.name for p in (*a.personas, *b.personas)}
        self.cards = {c.id: c for c in (*a.cards, *b.cards)}
        self._versions = (a, b)
        self._named: dict[str, dict] = {}  # kind -> id -> the thing, made when first asked for

    def _things(self, kind: str) -> dict:
        if kind not in self._named:
            table = {"stage": "stages", "lane": "lanes", "persona": "personas", "card": "cards",
                     "connection": "connections", "kpi": "kpis"}.get(kind)
            found = {}
            for version in self._versions:
                found.update((x.id, x) for x in (getattr(version, table) if table else version.items_of(kind)))
            self._named[kind] = found
        return self._named[kind]

    def known(self, kind: str, thing_id: Any) -> bool:
        """Whether either version has the thing of `kind` with this id."""
        return thing_id in self._things(kind)

    def label_of(self, kind: str, thing_id: Any) -> str:
        """What people call the thing of `kind` with this id, in either version; the id itself when neither has it."""
        thing = self._things(kind).get(thing_id)
        if thing is None:
            return str(thing_id)
        if kind == "card":
            return self.card_label(thing)
        if kind == "connection":
            return self.connection_label(thing)
        if kind in ENTITIES:
            return self.item_label(kind, thing)
        return short(thing.name)

    def item_label(self, kind: str, value: Any) -> str:
        """A declared entity's item by its label field (model/entities.py); a label field that refers to
        something is read as that thing, the item's other references after it: "Pay online (Ana)"."""
        entity = ENTITIES[kind]
        if entity.label_field is None:
            return entity.noun
        main = entity.ref(entity.label_field)
        if main is None:
            return short(str(getattr(value, entity.label_field))) or f"(no {entity.label_field})"
        others = [self.label_of(r.kind, getattr(value, r.field)) for r in entity.refs
                  if r is not main and getattr(value, r.field) is not None]
        text = self.label_of(main.kind, getattr(value, main.field))
        return f"{text} ({', '.join(others)})" if others else text

    def stage_label(self, stage) -> str:
        return short(stage.name)

    lane_label = persona_label = kpi_label = stage_label

    def card_label(self, card: Card) -> str:
        return short(card.text) or "(empty card)"

    def card_id_label(self, card_id: str) -> str:
        card = self.cards.get(card_id)
        return self.card_label(card) if card is not None else card_id

    def connection_label(self, conn) -> str:
        arrow = f"{self.card_id_label(conn.source_id)} → {self.card_id_label(conn.target_id)}"
        return f"{arrow} ({short(conn.label)})" if conn.label.strip() else arrow

    def emotion_label(self, key: tuple[str, str]) -> str:
        return f"{short(self.personas.get(key[1], key[1]))} at {self.card_id_label(key[0])}"


def _field_changes(x, y, refs: dict[str, dict[str, str]], skip: frozenset[str] = frozenset(),
                   id_lists: dict[str, dict[str, str]] | None = None) -> tuple[FieldChange, ...]:
    """Fields that differ; a reference field differs when x's target is not matched to y's, a list of ids
    (`id_lists`) when x's, each read as its match (or itself, unmatched), are not y's."""
    changes = []
    lists = id_lists or {}
    for f in fields(x):
        name = f.name
        if name == "id" or name in skip:
            continue
        old, new = getattr(x, name), getattr(y, name)
        if name in refs:
            if refs[name].get(old) != new:
                changes.append(FieldChange(name, old, new))
        elif name in lists:
            if tuple(lists[name].get(i, i) for i in old) != new:
                changes.append(FieldChange(name, old, new))
        elif old != new:
            changes.append(FieldChange(name, old, new))
    return tuple(changes)


def _map_fields(a: Content, b: Content) -> list[Difference]:
    if a.info == b.info:
        return []
    found = _field_changes(a.info, b.info, {})
    return [Difference("map", "changed", short(b.info.title), "map", "map", found)]


def _kept_in_order(sequence: list[int]) -> set[int]:
    """Positions (into `sequence`) of a longest increasing subsequence: what kept its relative order.

    Patience sorting, O(n log n); ties go to the earliest elements, so the
    answer is the same for the same input.
    """
    tails: list[int] = []  # the smallest tail value of an increasing run of each length
    tail_at: list[int] = []  # the position of that tail
    parent = [-1] * len(sequence)
    for pos, value in enumerate(sequence):
        i = bisect_left(tails, value)
        if i == len(tails):
            tails.append(value)
            tail_at.append(pos)
        else:
            tails[i] = value
            tail_at[i] = pos
        parent[pos] = tail_at[i - 1] if i else -1
    kept: set[int] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos != -1:
        kept.add(pos)
        pos = parent[pos]
    return kept


def _ordered(kind: str, xs: Sequence, ys: Sequence, pairs: dict[str, str], refs: dict[str, dict[str, str]],
             label: Callable[[Any], str], *, in_order: bool = True,
             id_lists: dict[str, dict[str, str]] | None = None) -> list[Difference]:
    """Differences in one list (stages, lanes, personas, connections, KPIs, declared entities' items);
    without `in_order` their order means nothing and none is moved."""
    a_at = {x.id: i for i, x in enumerate(xs)}
    back = {bid: aid for aid, bid in pairs.items()}
    common = [(back[y.id], y.id) for y in ys if y.id in back]  # in after-order
    kept = _kept_in_order([a_at[aid] for aid, _ in common]) if in_order else set(range(len(common)))
    moved = {common[i][1] for i in range(len(common)) if i not in kept}
    out = []
    for j, y in enumerate(ys):
        aid = back.get(y.id)
        if aid is None:
            out.append(Difference(kind, "added", label(y), None, y.id, after=Place(j)))
            continue
        x = xs[a_at[aid]]
        changed = () if x == y else _field_changes(x, y, refs, id_lists=id_lists)
        is_moved = y.id in moved
        if changed or is_moved:
            status = "changed" if changed else "moved"
            out.append(Difference(kind, status, label(y), aid, y.id, changed, Place(a_at[aid]), Place(j), is_moved))
    for i, x in enumerate(xs):
        if x.id not in pairs:
            out.append(Difference(kind, "removed", label(x), x.id, None, before=Place(i)))
    return out


_CELL_FIELDS = frozenset({"stage_id", "lane_id"})


def _card_places(content: Content) -> dict[str, Place]:
    stages = {s.id: s.name for s in content.stages}
    lanes = {x.id: x.name for x in content.lanes}
    places: dict[str, Place] = {}
    index = 0
    cell = None
    for card in content.cards:  # grouped by cell, each cell in its order
        if card.cell != cell:
            cell, index = card.cell, 0
        places[card.id] = Place(index, card.stage_id, card.lane_id, stages.get(card.stage_id, ""),
                                lanes.get(card.lane_id, ""))
        index += 1
    return places


def _cards(a: Content, b: Content, m: Matching, names: Names,
           votes: dict[str, tuple[FieldChange, ...]]) -> list[Difference]:
    """The cards' differences; `votes`: each card's changed vote totals (after id -> changes), its last fields."""
    a_cards = {c.id: c for c in a.cards}
    a_places, b_places = _card_places(a), _card_places(b)
    back = {bid: aid for aid, bid in m.cards.items()}

    # Cards that stayed in their cell: which of them left the order the others keep.
    stayed: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for y in b.cards:
        aid = back.get(y.id)
        if aid is None:
            continue
        x = a_cards[aid]
        if m.stages.get(x.stage_id) == y.stage_id and m.lanes.get(x.lane_id) == y.lane_id:
            stayed.setdefault(y.cell, []).append((a_places[aid].index, y.id))
    reordered: set[str] = set()
    for entries in stayed.values():
        if len(entries) > 1:
            kept = _kept_in_order([i for i, _ in entries])
            reordered.update(entries[k][1] for k in range(len(entries)) if k not in kept)

    out = []
    for y in b.cards:
        aid = back.get(y.id)
        after = b_places[y.id]
        if aid is None:
            out.append(Difference("card", "added", names.card_label(y), None, y.id, after=after))
            continue
        x = a_cards[aid]
        changed = (() if x == y else _field_changes(x, y, {}, _CELL_FIELDS)) + votes.get(y.id, ())
        same_cell = m.stages.get(x.stage_id) == y.stage_id and m.lanes.get(x.lane_id) == y.lane_id
        is_moved = not same_cell or y.id in reordered
        if changed or is_moved:
            status = "changed" if changed else "moved"
            out.append(Difference("card", status, names.card_label(y), aid, y.id, changed, a_places[aid], after,
                                  is_moved))
    for x in a.cards:
        if x.id not in m.cards:
            out.append(Difference("card", "removed", names.card_label(x), x.id, None, before=a_places[x.id]))
    return out


def _emotions(a: Content, b: Content, m: Matching, names: Names) -> list[Difference]:
    """Emotions in the after-version's journey order (card, then persona), then the removed ones likewise."""
    b_card_at = {c.id: i for i, c in enumerate(b.cards)}
    b_persona_at = {p.id: i for i, p in enumerate(b.personas)}
    a_card_at = {c.id: i for i, c in enumerate(a.cards)}
    a_persona_at = {p.id: i for i, p in enumerate(a.personas)}
    now = {(c, p): v for c, p, v in b.emotions}
    was: dict[tuple[str, str], tuple[tuple[str, str], float]] = {}  # after-key -> (before-key, value)
    out = []
    gone = []
    for card_id, persona_id, value in a.emotions:
        key = m.emotion((card_id, persona_id))
        if key is not None and key in now:
            was[key] = ((card_id, persona_id), value)
        else:
            gone.append((a_card_at[card_id], a_persona_at[persona_id], (card_id, persona_id), value))
    for key in sorted(now, key=lambda k: (b_card_at[k[0]], b_persona_at[k[1]])):
        value = now[key]
        found = was.get(key)
        if found is None:
            out.append(Difference("emotion", "added", names.emotion_label(key), None, key,
                                  (FieldChange("value", None, value),)))
        elif found[1] != value:
            out.append(Difference("emotion", "changed", names.emotion_label(key), found[0], key,
                                  (FieldChange("value", found[1], value),)))
    for _, _, key, value in sorted(gone):
        out.append(Difference("emotion", "removed", names.emotion_label(key), key, None,
                              (FieldChange("value", value, None),)))
    return out
