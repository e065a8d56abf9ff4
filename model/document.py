"""The Document: the single source of truth for one map.

Every change goes through `Document.apply(op)`, which validates the operation,
applies it, hands the `Change` to the document's store (the map file) and only
then announces it to views, and returns the exact inverse. A store that refuses
the change gets the document back as it was. Cascading removals are built from
primitive steps whose inverses are recorded as they run, so undo restores
every card, emotion and connection in its place. Operations are dispatched by
their type through one explicit table (`_HANDLERS`), so renaming an operation
class cannot break dispatch silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from . import ops
from .domain import Card, Connection, Kpi, Lane, LaneKind, MapInfo, Persona, Stage, check_emotion
from .entities import ENTITIES, entity_of
from .errors import NotFoundError, SaveRefusedError, ValidationError
from .events import Change, DirtyKey, Origin, Signal

V = TypeVar("V", Stage, Lane, Persona, Connection, Kpi)


@dataclass(frozen=True)
class Content:
    """Everything a map holds, in order: what equality, files and interchange see."""

    info: MapInfo = field(default_factory=MapInfo)
    stages: tuple[Stage, ...] = ()
    lanes: tuple[Lane, ...] = ()
    cards: tuple[Card, ...] = ()  # grouped by cell, each cell in its order
    personas: tuple[Persona, ...] = ()
    emotions: tuple[tuple[str, str, float], ...] = ()  # (card_id, persona_id, value), sorted
    connections: tuple[Connection, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    # The declared entities' items (model/entities.py): (kind, values in order) for each kind that has
    # any, in declaration order.
    items: tuple[tuple[str, tuple[Any, ...]], ...] = ()

    def items_of(self, kind: str) -> tuple[Any, ...]:
        return next((values for k, values in self.items if k == kind), ())


def content_items(by_kind: dict[str, Iterable[Any]]) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """Content.items in its one canonical form, from values grouped by kind."""
    out = []
    for kind in ENTITIES:
        values = tuple(by_kind.get(kind, ()))
        if values:
            out.append((kind, values))
    unknown = set(by_kind) - set(ENTITIES)
    if unknown:
        raise ValidationError(f"no entity called {sorted(unknown)[0]!r}")
    return tuple(out)


# Steps of a cascade that are only valid once the cascade has emptied what they remove.


@dataclass(frozen=True)
class _RemoveBareStage(ops.Op):
    stage_id: str


@dataclass(frozen=True)
class _RemoveBareLane(ops.Op):
    lane_id: str


@dataclass(frozen=True)
class _RemoveBarePersona(ops.Op):
    persona_id: str


@dataclass(frozen=True)
class _RemoveBareCard(ops.Op):
    card_id: str


@dataclass(frozen=True)
class _RemoveBareConnection(ops.Op):
    connection_id: str


@dataclass(frozen=True)
class _RemoveBareKpi(ops.Op):
    kpi_id: str


@dataclass(frozen=True)
class _RemoveBareItem(ops.Op):
    kind: str
    item_id: str


class Store(Protocol):
    """Where a document's changes are kept (the map file). `commit` saves one change or raises.

    Raising SaveRefusedError (or any error) refuses the change: the document
    takes it back, so memory never holds what the store does not.
    """

    def commit(self, change: Change) -> None: ...


class _Ordered(Generic[V]):
    """Values kept by id in a user-visible order."""

    def __init__(self, kind: str, noun: str) -> None:
        self.kind = kind
        self.noun = noun
        self.ids: list[str] = []
        self.items: dict[str, V] = {}

    def __iter__(self) -> Iterator[V]:
        return (self.items[i] for i in self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.items

    def get(self, item_id: str) -> V:
        try:
            return self.items[item_id]
        except KeyError:
            raise NotFoundError(f"no {self.noun} with id {item_id!r}") from None

    def index(self, item_id: str) -> int:
        self.get(item_id)
        return self.ids.index(item_id)



def _check_index(index: int | None, size: int) -> int:
    """A position to insert at among `size` items; None means the end."""
    if index is None:
        return size
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= size:
        raise ValidationError(f"position {index!r} is outside 0…{size}")
    return index


def _check_unique_id(value_id: str, *collections: Any) -> None:
    if not isinstance(value_id, str) or not value_id:
        raise ValidationError("an id must be non-empty text")
    if any(value_id in c for c in collections):
        raise ValidationError(f"id {value_id!r} is already used")


class Document:
    """One journey map in memory, with its change signal."""

    def __init__(self, content: Content | None = None, *, store: Store | None = None) -> None:
        self.changed: Signal[Change] = Signal()
        self.store = store
        self._depth = 0
        self._dirty: set[DirtyKey] = set()
        self._held: list[Change] = []  # saved changes the views hear of at announce() (apply(announce=False))
        self._load(content or Content())

    # -- reading -------------------------------------------------------------

    @property
    def info(self) -> MapInfo:
        return self._info

    @property
    def stages(self) -> list[Stage]:
        return list(self._stages)

    @property
    def lanes(self) -> list[Lane]:
        return list(self._lanes)

    @property
    def personas(self) -> list[Persona]:
        return list(self._personas)

    @property
    def connections(self) -> list[Connection]:
        return list(self._connections)

    @property
    def kpis(self) -> list[Kpi]:
        return list(self._kpis)

    def stage(self, stage_id: str) -> Stage:
        return self._stages.get(stage_id)

    def lane(self, lane_id: str) -> Lane:
        return self._lanes.get(lane_id)

    def persona(self, persona_id: str) -> Persona:
        return self._personas.get(persona_id)

    def connection(self, connection_id: str) -> Connection:
        return self._connections.get(connection_id)

    def kpi(self, kpi_id: str) -> Kpi:
        return self._kpis.get(kpi_id)

    def items(self, kind: str) -> list[Any]:
        """The items of a declared entity, in order (KeyError for an undeclared kind)."""
        return list(self._items[kind])

    def item(self, kind: str, item_id: str) -> Any:
        return self._items[kind].get(item_id)

    def has_item(self, kind: str, item_id: str) -> bool:
        return item_id in self._items[kind]

    def item_index(self, kind: str, item_id: str) -> int:
        return self._items[kind].index(item_id)

    def card(self, card_id: str) -> Card:
        try:
            return self._cards[card_id]
        except KeyError:
            raise NotFoundError(f"no card with id {card_id!r}") from None

    def has_card(self, card_id: str) -> bool:
        return card_id in self._cards

    def stage_index(self, stage_id: str) -> int:
        return self._stages.index(stage_id)

    def lane_index(self, lane_id: str) -> int:
        return self._lanes.index(lane_id)

    def persona_index(self, persona_id: str) -> int:
        return self._personas.index(persona_id)

    def cell_cards(self, stage_id: str, lane_id: str) -> list[Card]:
        return [self._cards[i] for i in self._cells.get((stage_id, lane_id), ())]

    def card_index(self, card_id: str) -> int:
        card = self.card(card_id)
        return self._cells[card.cell].index(card_id)

    @property
    def card_count(self) -> int:
        return len(self._cards)

    def cards(self) -> list[Card]:
        """All cards, stage by stage, lane by lane, each cell in its order."""
        return [
            self._cards[card_id]
            for stage_id in self._stages.ids
            for lane_id in self._lanes.ids
            for card_id in self._cells.get((stage_id, lane_id), ())
        ]

    def stage_kpis(self, stage_id: str) -> list[Kpi]:
        return [k for k in self._kpis if k.stage_id == stage_id]

    def emotion(self, card_id: str, persona_id: str) -> float | None:
        return self._emotions.get((card_id, persona_id))

    def emotions(self) -> dict[tuple[str, str], float]:
        return dict(self._emotions)

    def persona_curve(self, persona_id: str) -> list[tuple[Card, float]]:
        """A persona's emotions in journey order (stage, then lane, then cell order)."""
        return [(c, v) for c in self.cards() if (v := self._emotions.get((c.id, persona_id))) is not None]

    def card_connections(self, card_id: str) -> list[Connection]:
        return [c for c in self._connections if card_id in (c.source_id, c.target_id)]

    def content(self) -> Content:
        return Content(
            info=self._info,
            stages=tuple(self._stages),
            lanes=tuple(self._lanes),
            cards=tuple(self.cards()),
            personas=tuple(self._personas),
            emotions=tuple(sorted((c, p, v) for (c, p), v in self._emotions.items())),
            connections=tuple(self._connections),
            kpis=tuple(self._kpis),
            items=tuple((kind, tuple(coll)) for kind, coll in self._items.items() if len(coll)),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and self.content() == other.content()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<Document {self._info.title!r}: {len(self._stages)} stages, {len(self._lanes)} lanes, "
            f"{len(self._cards)} cards>"
        )

    # -- changing ------------------------------------------------------------

    def apply(self, op: ops.Op, origin: Origin = Origin.EDITOR, *, announce: bool = True) -> ops.Op:
        """Apply one operation as a whole, save it, tell the views; return the operation that undoes it.

        Raises ValidationError or NotFoundError when any part of the operation
        is refused, and SaveRefusedError when the store cannot save it; either
        way the map is left unchanged and no view hears of it. A view that
        fails while hearing of a saved change is reported through
        `changed.on_error` and does not undo the change.

        `announce=False` saves the change and holds it back from the views until `announce()` — or
        the next operation, which announces what is held first, so views always hear changes in the
        order they were made. The room confirms phones' actions in between: a phone waits for the
        file, not for the canvas.
        """
        if self._depth:
            raise ValidationError("an operation cannot be applied while another one is being applied or saved")
        self.announce()
        self._depth = 1
        try:
            inverse = self._apply(op)
            change = Change(op, inverse, frozenset(self._dirty), origin)
            if self.store is not None:
                self._save(change)
        finally:
            self._depth = 0
            self._dirty = set()  # a refused operation leaves no dirty keys for the next one
        if announce:
            self.changed.emit(change)
        else:
            self._held.append(change)
        return inverse

    def announce(self) -> None:
        """Tell the views of the changes `apply(announce=False)` saved, in the order they were made."""
        while self._held:
            self.changed.emit(self._held.pop(0))

    def _save(self, change: Change) -> None:
        try:
            self.store.commit(change)  # type: ignore[union-attr]
        except BaseException as error:
            self._apply(change.inverse)  # take the change back quietly: nobody has heard of it
            if isinstance(error, SaveRefusedError) or not isinstance(error, Exception):
                raise
            raise SaveRefusedError(f"the change could not be saved: {error}") from error

    def _apply(self, op: ops.Op) -> ops.Op:
        handler = _HANDLERS.get(type(op))
        if handler is None:
            raise ValidationError(f"unknown operation {type(op).__name__}")
        return handler(self, op)

    def _run_all(self, steps: Iterable[ops.Op], name: str) -> ops.Op:
        """Apply steps in order; on a refusal undo the ones done and re-raise."""
        inverses: list[ops.Op] = []
        try:
            for step in steps:
                inverses.append(self._apply(step))
        except Exception:
            for inverse in reversed(inverses):
                self._apply(inverse)
            raise
        return ops.Batch(tuple(reversed(inverses)), name)

    def _mark(self, kind: str, key: Any) -> None:
        if self._depth:
            self._dirty.add((kind, key))

    def _mark_from(self, coll: _Ordered, start: int) -> None:
        for item_id in coll.ids[start:]:
            self._mark(coll.kind, item_id)

    # ordered-list primitives shared by stages, lanes, personas, connections, KPIs

    def _insert(self, coll: _Ordered, value: Any, index: int | None) -> None:
        at = _check_index(index, len(coll))
        coll.ids.insert(at, value.id)
        coll.items[value.id] = value
        self._mark(coll.kind, value.id)
        self._mark_from(coll, at)

    def _remove(self, coll: _Ordered, item_id: str) -> tuple[Any, int]:
        at = coll.index(item_id)
        value = coll.items.pop(item_id)
        del coll.ids[at]
        self._mark(coll.kind, item_id)
        self._mark_from(coll, at)
        return value, at

    def _move(self, coll: _Ordered, item_id: str, index: int) -> int:
        old = coll.index(item_id)
        new = _check_index(index, len(coll) - 1)
        coll.ids.insert(new, coll.ids.pop(old))
        self._mark_from(coll, min(old, new))
        return old

    def _update(self, coll: _Ordered, item_id: str, changes: Any, check=None) -> dict[str, Any]:
        value = coll.get(item_id)
        new = value.with_changes(**changes)
        if check:
            check(value, new)
        coll.items[item_id] = new
        self._mark(coll.kind, item_id)
        return {k: getattr(value, k) for k in changes}

    # map

    def _update_map(self, op: ops.UpdateMap) -> ops.Op:
        old = {k: getattr(self._info, k) for k in op.changes}
        self._info = self._info.with_changes(**op.changes)
        self._mark("map", "map")
        return ops.UpdateMap(old)

    # stages

    def _add_stage(self, op: ops.AddStage) -> ops.Op:
        _check_unique_id(op.stage.id, self._stages)
        self._insert(self._stages, op.stage, op.index)
        return ops.RemoveStage(op.stage.id)

    def _remove_stage(self, op: ops.RemoveStage) -> ops.Op:
        stage = self._stages.get(op.stage_id)
        steps: list[ops.Op] = [ops.RemoveCard(c.id) for lane in self._lanes for c in self.cell_cards(stage.id, lane.id)]
        steps += [ops.RemoveKpi(k.id) for k in self.stage_kpis(stage.id)]
        steps += self._dependents("stage", stage.id)
        steps.append(_RemoveBareStage(stage.id))
        return self._run_all(steps, op.label)

    def _remove_bare_stage(self, op: _RemoveBareStage) -> ops.Op:
        stage, at = self._remove(self._stages, op.stage_id)
        for lane_id in self._lanes.ids:
            self._cells.pop((stage.id, lane_id), None)
        return ops.AddStage(stage, at)

    def _move_stage(self, op: ops.MoveStage) -> ops.Op:
        return ops.MoveStage(op.stage_id, self._move(self._stages, op.stage_id, op.index))

    def _update_stage(self, op: ops.UpdateStage) -> ops.Op:
        return ops.UpdateStage(op.stage_id, self._update(self._stages, op.stage_id, op.changes))

    # lanes

    def _add_lane(self, op: ops.AddLane) -> ops.Op:
        _check_unique_id(op.lane.id, self._lanes)
        self._insert(self._lanes, op.lane, op.index)
        return ops.RemoveLane(op.lane.id)

    def _remove_lane(self, op: ops.RemoveLane) -> ops.Op:
        lane = self._lanes.get(op.lane_id)
        steps: list[ops.Op] = [ops.RemoveCard(c.id) for s in self._stages for c in self.cell_cards(s.id, lane.id)]
        steps += self._dependents("lane", lane.id)
        steps.append(_RemoveBareLane(lane.id))
        return self._run_all(steps, op.label)

    def _remove_bare_lane(self, op: _RemoveBareLane) -> ops.Op:
        lane, at = self._remove(self._lanes, op.lane_id)
        for stage_id in self._stages.ids:
            self._cells.pop((stage_id, lane.id), None)
        return ops.AddLane(lane, at)

    def _move_lane(self, op: ops.MoveLane) -> ops.Op:
        return ops.MoveLane(op.lane_id, self._move(self._lanes, op.lane_id, op.index))

    def _update_lane(self, op: ops.UpdateLane) -> ops.Op:
        def check(old: Lane, new: Lane) -> None:
            if new.kind != LaneKind.CARDS and any(self._cells.get((s, old.id)) for s in self._stages.ids):
                raise ValidationError(f"lane {old.name!r} holds cards, so it cannot become an {new.kind} lane")

        return ops.UpdateLane(op.lane_id, self._update(self._lanes, op.lane_id, op.changes, check))

    # personas

    def _add_persona(self, op: ops.AddPersona) -> ops.Op:
        _check_unique_id(op.persona.id, self._personas)
        self._insert(self._personas, op.persona, op.index)
        return ops.RemovePersona(op.persona.id)

    def _remove_persona(self, op: ops.RemovePersona) -> ops.Op:
        self._personas.get(op.persona_id)
        steps: list[ops.Op] = [ops.SetEmotion(c, p, None) for (c, p) in self._emotions if p == op.persona_id]
        steps += self._dependents("persona", op.persona_id)
        steps.append(_RemoveBarePersona(op.persona_id))
        return self._run_all(steps, op.label)

    def _remove_bare_persona(self, op: _RemoveBarePersona) -> ops.Op:
        persona, at = self._remove(self._personas, op.persona_id)
        return ops.AddPersona(persona, at)

    def _move_persona(self, op: ops.MovePersona) -> ops.Op:
        return ops.MovePersona(op.persona_id, self._move(self._personas, op.persona_id, op.index))

    def _update_persona(self, op: ops.UpdatePersona) -> ops.Op:
        return ops.UpdatePersona(op.persona_id, self._update(self._personas, op.persona_id, op.changes))

    # cards

    def _check_card_cell(self, stage_id: str, lane_id: str) -> None:
        self._stages.get(stage_id)
        lane = self._lanes.get(lane_id)
        if lane.kind != LaneKind.CARDS:
            raise ValidationError(f"lane {lane.name!r} draws emotion curves and holds no cards")

    def _mark_cell_from(self, cell: tuple[str, str], start: int) -> None:
        for card_id in self._cells.get(cell, ())[start:]:
            self._mark("card", card_id)

    def _add_card(self, op: ops.AddCard) -> ops.Op:
        card = op.card
        _check_unique_id(card.id, self._cards)
        self._check_card_cell(card.stage_id, card.lane_id)
        cell = self._cells.setdefault(card.cell, [])
        at = _check_index(op.index, len(cell))
        cell.insert(at, card.id)
        self._cards[card.id] = card
        self._mark_cell_from(card.cell, at)
        return ops.RemoveCard(card.id)

    def _remove_card(self, op: ops.RemoveCard) -> ops.Op:
        self.card(op.card_id)
        steps: list[ops.Op] = [ops.RemoveConnection(c.id) for c in self.card_connections(op.card_id)]
        steps += [ops.SetEmotion(c, p, None) for (c, p) in self._emotions if c == op.card_id]
        steps += self._dependents("card", op.card_id)
        steps.append(_RemoveBareCard(op.card_id))
        return self._run_all(steps, op.label)

    def _remove_bare_card(self, op: _RemoveBareCard) -> ops.Op:
        card = self._cards[op.card_id]
        cell = self._cells[card.cell]
        at = cell.index(card.id)
        del cell[at]
        del self._cards[card.id]
        self._mark("card", card.id)
        self._mark_cell_from(card.cell, at)
        return ops.AddCard(card, at)

    def _move_card(self, op: ops.MoveCard) -> ops.Op:
        card = self.card(op.card_id)
        self._check_card_cell(op.stage_id, op.lane_id)
        old_cell = self._cells[card.cell]
        old_at = old_cell.index(card.id)
        new_cell_key = (op.stage_id, op.lane_id)
        size = len(self._cells.get(new_cell_key, ())) - (1 if new_cell_key == card.cell else 0)
        new_at = _check_index(op.index, size)
        del old_cell[old_at]
        self._mark_cell_from(card.cell, old_at)
        moved = card.with_changes(stage_id=op.stage_id, lane_id=op.lane_id)
        self._cards[card.id] = moved
        self._cells.setdefault(new_cell_key, []).insert(new_at, card.id)
        self._mark_cell_from(new_cell_key, new_at)
        self._mark("card", card.id)
        return ops.MoveCard(card.id, card.stage_id, card.lane_id, old_at)

    def _update_card(self, op: ops.UpdateCard) -> ops.Op:
        if {"stage_id", "lane_id"} & set(op.changes):
            raise ValidationError("a card changes cell by a move, not an edit")
        card = self.card(op.card_id)
        self._cards[card.id] = card.with_changes(**op.changes)
        self._mark("card", card.id)
        return ops.UpdateCard(card.id, {k: getattr(card, k) for k in op.changes})

    # emotions

    def _set_emotion(self, op: ops.SetEmotion) -> ops.Op:
        self.card(op.card_id)
        self._personas.get(op.persona_id)
        key = (op.card_id, op.persona_id)
        old = self._emotions.get(key)
        if op.value is None:
            self._emotions.pop(key, None)
        else:
            self._emotions[key] = check_emotion(op.value)
        self._mark("emotion", key)
        return ops.SetEmotion(op.card_id, op.persona_id, old)

    # connections

    def _check_connection(self, conn: Connection, ignore: str | None = None) -> None:
        self.card(conn.source_id)
        self.card(conn.target_id)
        source, target = conn.source_id, conn.target_id
        # Every connection is looked at (no index to keep in step with undo): the plainest loop,
        # since a map's load checks each of its connections against all the others.
        for other in self._connections.items.values():
            if other.target_id == target and other.source_id == source and other.id != ignore:
                raise ValidationError("these two cards are already connected in this direction")

    def _add_connection(self, op: ops.AddConnection) -> ops.Op:
        _check_unique_id(op.connection.id, self._connections)
        self._check_connection(op.connection)
        self._insert(self._connections, op.connection, op.index)
        return ops.RemoveConnection(op.connection.id)

    def _remove_connection(self, op: ops.RemoveConnection) -> ops.Op:
        return self._after_dependents("connection", op.connection_id, _RemoveBareConnection(op.connection_id), op.label)

    def _remove_bare_connection(self, op: _RemoveBareConnection) -> ops.Op:
        connection, at = self._remove(self._connections, op.connection_id)
        return ops.AddConnection(connection, at)

    def _update_connection(self, op: ops.UpdateConnection) -> ops.Op:
        return ops.UpdateConnection(
            op.connection_id,
            self._update(self._connections, op.connection_id, op.changes, lambda _, new: self._check_connection(new, new.id)),
        )

    # KPIs

    def _add_kpi(self, op: ops.AddKpi) -> ops.Op:
        _check_unique_id(op.kpi.id, self._kpis)
        self._stages.get(op.kpi.stage_id)
        self._insert(self._kpis, op.kpi, op.index)
        return ops.RemoveKpi(op.kpi.id)

    def _remove_kpi(self, op: ops.RemoveKpi) -> ops.Op:
        return self._after_dependents("kpi", op.kpi_id, _RemoveBareKpi(op.kpi_id), op.label)

    def _remove_bare_kpi(self, op: _RemoveBareKpi) -> ops.Op:
        kpi, at = self._remove(self._kpis, op.kpi_id)
        return ops.AddKpi(kpi, at)

    # items of the declared entities (model/entities.py)

    def _exists(self, kind: str, item_id: str) -> bool:
        return item_id in (self._cards if kind == "card" else self._by_kind[kind])

    def _after_dependents(self, kind: str, item_id: str, bare: ops.Op, name: str) -> ops.Op:
        """Remove what refers to (kind, item_id) first, then the thing itself with `bare`, as one step."""
        steps = self._dependents(kind, item_id)
        return self._run_all([*steps, bare], name) if steps else self._apply(bare)

    def _dependents(self, kind: str, item_id: str) -> list[ops.Op]:
        """Removals of the items that refer to (kind, item_id): they cannot outlive it."""
        steps: list[ops.Op] = []
        for entity in ENTITIES.values():
            fields = [r.field for r in entity.refs if r.kind == kind]
            if fields:
                steps += [ops.RemoveItem(entity.kind, v.id) for v in self._items[entity.kind]
                          if any(getattr(v, f) == item_id for f in fields)]
        return steps

    def _check_refs(self, value: Any) -> None:
        """The item's references exist, and its entity's own rules (entities.Entity.check) hold."""
        entity = entity_of(value)
        for ref in entity.refs:
            target = getattr(value, ref.field)
            if target is not None and not self._exists(ref.kind, target):
                raise NotFoundError(f"no {ref.kind} with id {target!r} for this {entity.noun}")
        if entity.check is not None:
            entity.check(self, value)

    def _add_item(self, op: ops.AddItem) -> ops.Op:
        try:
            entity = entity_of(op.value)
        except KeyError:
            raise ValidationError(f"{type(op.value).__name__} is not something a map keeps") from None
        coll = self._items[entity.kind]
        _check_unique_id(op.value.id, coll)
        self._check_refs(op.value)
        self._insert(coll, op.value, op.index)
        return ops.RemoveItem(entity.kind, op.value.id)

    def _remove_item(self, op: ops.RemoveItem) -> ops.Op:
        self._collection(op.kind).get(op.item_id)
        return self._after_dependents(op.kind, op.item_id, _RemoveBareItem(op.kind, op.item_id), op.label)

    def _remove_bare_item(self, op: _RemoveBareItem) -> ops.Op:
        value, at = self._remove(self._collection(op.kind), op.item_id)
        return ops.AddItem(value, at)

    def _move_item(self, op: ops.MoveItem) -> ops.Op:
        return ops.MoveItem(op.kind, op.item_id, self._move(self._collection(op.kind), op.item_id, op.index))

    def _update_item(self, op: ops.UpdateItem) -> ops.Op:
        old = self._update(self._collection(op.kind), op.item_id, op.changes, lambda _, new: self._check_refs(new))
        return ops.UpdateItem(op.kind, op.item_id, old)

    def _collection(self, kind: str) -> _Ordered:
        try:
            return self._items[kind]
        except KeyError:
            raise ValidationError(f"a map keeps no {kind!r}") from None

    def _update_kpi(self, op: ops.UpdateKpi) -> ops.Op:
        return ops.UpdateKpi(
            op.kpi_id, self._update(self._kpis, op.kpi_id, op.changes, lambda _, new: self._stages.get(new.stage_id))
        )

    # compound

    def _batch(self, op: ops.Batch) -> ops.Op:
        return self._run_all(op.ops, op.name)

    def _replace_content(self, op: ops.ReplaceContent) -> ops.Op:
        old = self.content()
        validated = Document(op.content)  # refuses an inconsistent content before touching ours
        del validated
        self._mark_everything()
        self._load(op.content)
        self._mark_everything()
        return ops.ReplaceContent(old, op.name)

    def _mark_everything(self) -> None:
        self._mark("map", "map")
        for coll in (self._stages, self._lanes, self._personas, self._connections, self._kpis, *self._items.values()):
            for item_id in coll.ids:
                self._mark(coll.kind, item_id)
        for card_id in self._cards:
            self._mark("card", card_id)
        for key in self._emotions:
            self._mark("emotion", key)

    # -- loading -------------------------------------------------------------

    def _load(self, content: Content) -> None:
        """Build the state from content through the same checks every edit passes."""
        self._info = content.info
        self._stages: _Ordered[Stage] = _Ordered("stage", "stage")
        self._lanes: _Ordered[Lane] = _Ordered("lane", "lane")
        self._personas: _Ordered[Persona] = _Ordered("persona", "persona")
        self._connections: _Ordered[Connection] = _Ordered("connection", "connection")
        self._kpis: _Ordered[Kpi] = _Ordered("kpi", "KPI")
        self._cards: dict[str, Card] = {}
        self._cells: dict[tuple[str, str], list[str]] = {}
        self._emotions: dict[tuple[str, str], float] = {}
        self._items: dict[str, _Ordered] = {kind: _Ordered(kind, e.noun) for kind, e in ENTITIES.items()}
        # Every ordered collection by the kind a reference names (cards are kept by cell, apart).
        self._by_kind: dict[str, _Ordered] = {coll.kind: coll for coll in (
            self._stages, self._lanes, self._personas, self._connections, self._kpis, *self._items.values())}
        depth, self._depth = self._depth, 0  # loading announces nothing
        try:
            for stage in content.stages:
                self._add_stage(ops.AddStage(stage))
            for lane in content.lanes:
                self._add_lane(ops.AddLane(lane))
            for card in content.cards:
                self._add_card(ops.AddCard(card))
            for persona in content.personas:
                self._add_persona(ops.AddPersona(persona))
            for card_id, persona_id, value in content.emotions:
                self._set_emotion(ops.SetEmotion(card_id, persona_id, value))
            for connection in content.connections:
                self._add_connection(ops.AddConnection(connection))
            for kpi in content.kpis:
                self._add_kpi(ops.AddKpi(kpi))
            for kind, values in content.items:
                if kind not in self._items:
                    raise ValidationError(f"a map keeps no {kind!r}")
                for value in values:
                    if entity_of(value).kind != kind:
                        raise ValidationError(f"a {type(value).__name__} listed among the {kind}s")
                    self._add_item(ops.AddItem(value))
        finally:
            self._depth = depth


# Every operation type and the method that applies it. tests/model/test_document.py checks that every
# operation class of model.ops has an entry.
_HANDLERS: dict[type[ops.Op], Callable[[Document, Any], ops.Op]] = {
    ops.UpdateMap: Document._update_map,
    ops.AddStage: Document._add_stage,
    ops.RemoveStage: Document._remove_stage,
    _RemoveBareStage: Document._remove_bare_stage,
    ops.MoveStage: Document._move_stage,
    ops.UpdateStage: Document._update_stage,
    ops.AddLane: Document._add_lane,
    ops.RemoveLane: Document._remove_lane,
    _RemoveBareLane: Document._remove_bare_lane,
    ops.MoveLane: Document._move_lane,
    ops.UpdateLane: Document._update_lane,
    ops.AddPersona: Document._add_persona,
    ops.RemovePersona: Document._remove_persona,
    _RemoveBarePersona: Document._remove_bare_persona,
    ops.MovePersona: Document._move_persona,
    ops.UpdatePersona: Document._update_persona,
    ops.AddCard: Document._add_card,
    ops.RemoveCard: Document._remove_card,
    _RemoveBareCard: Document._remove_bare_card,
    ops.MoveCard: Document._move_card,
    ops.UpdateCard: Document._update_card,
    ops.SetEmotion: Document._set_emotion,
    ops.AddConnection: Document._add_connection,
    ops.RemoveConnection: Document._remove_connection,
    ops.UpdateConnection: Document._update_connection,
    ops.AddKpi: Document._add_kpi,
    ops.RemoveKpi: Document._remove_kpi,
    ops.UpdateKpi: Document._update_kpi,
    _RemoveBareConnection: Document._remove_bare_connection,
    _RemoveBareKpi: Document._remove_bare_kpi,
    ops.AddItem: Document._add_item,
    ops.RemoveItem: Document._remove_item,
    _RemoveBareItem: Document._remove_bare_item,
    ops.MoveItem: Document._move_item,
    ops.UpdateItem: Document._update_item,
    ops.Batch: Document._batch,
    ops.ReplaceContent: Document._replace_content,
}
