"""Operations: every edit a user can make to a map, as a value.

`Document.apply(op)` validates an operation, applies it, announces one change
and returns the operation that undoes it exactly (ids, order and cascades
included). Operations refer to objects by id, so they stay valid across undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .domain import Card, Connection, Kpi, Lane, Persona, Stage


def _frozen(changes: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(changes))


@dataclass(frozen=True)
class Op:
    """Base class; `label` is what the undo history shows."""

    @property
    def label(self) -> str:
        return type(self).__name__


# -- the map itself ---------------------------------------------------------


@dataclass(frozen=True)
class UpdateMap(Op):
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit map"  # type: ignore[assignment]


# -- stages, lanes, personas: ordered lists ---------------------------------


@dataclass(frozen=True)
class AddStage(Op):
    stage: Stage
    index: int | None = None  # None: at the end
    label = "Add stage"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemoveStage(Op):
    """Removes the stage with its cards, their emotions and connections, and its KPIs."""

    stage_id: str
    label = "Delete stage"  # type: ignore[assignment]


@dataclass(frozen=True)
class MoveStage(Op):
    stage_id: str
    index: int
    label = "Move stage"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdateStage(Op):
    stage_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit stage"  # type: ignore[assignment]


@dataclass(frozen=True)
class AddLane(Op):
    lane: Lane
    index: int | None = None
    label = "Add lane"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemoveLane(Op):
    """Removes the lane with its cards, their emotions and connections."""

    lane_id: str
    label = "Delete lane"  # type: ignore[assignment]


@dataclass(frozen=True)
class MoveLane(Op):
    lane_id: str
    index: int
    label = "Move lane"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdateLane(Op):
    lane_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit lane"  # type: ignore[assignment]


@dataclass(frozen=True)
class AddPersona(Op):
    persona: Persona
    index: int | None = None
    label = "Add persona"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemovePersona(Op):
    """Removes the persona and every emotion it felt."""

    persona_id: str
    label = "Delete persona"  # type: ignore[assignment]


@dataclass(frozen=True)
class MovePersona(Op):
    persona_id: str
    index: int
    label = "Move persona"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdatePersona(Op):
    persona_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit persona"  # type: ignore[assignment]


# -- cards ------------------------------------------------------------------


@dataclass(frozen=True)
class AddCard(Op):
    card: Card
    index: int | None = None  # position inside the card's cell; None: at the end
    label = "Add card"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemoveCard(Op):
    """Removes the card with its emotions and connections."""

    card_id: str
    label = "Delete card"  # type: ignore[assignment]


@dataclass(frozen=True)
class MoveCard(Op):
    """Moves a card to `index` in the cell (stage, lane); the index counts the cell without the card."""

    card_id: str
    stage_id: str
    lane_id: str
    index: int | None = None
    label = "Move card"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdateCard(Op):
    card_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit card"  # type: ignore[assignment]


# -- emotions, connections, KPIs ---------------------------------------------


@dataclass(frozen=True)
class SetEmotion(Op):
    """Sets what a persona feels at a card; `value=None` clears it."""

    card_id: str
    persona_id: str
    value: float | None
    label = "Set emotion"  # type: ignore[assignment]


@dataclass(frozen=True)
class AddConnection(Op):
    connection: Connection
    index: int | None = None
    label = "Add connection"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemoveConnection(Op):
    connection_id: str
    label = "Delete connection"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdateConnection(Op):
    connection_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit connection"  # type: ignore[assignment]


@dataclass(frozen=True)
class AddKpi(Op):
    kpi: Kpi
    index: int | None = None  # among all KPIs of the map; a stage's KPIs keep this order
    label = "Add KPI"  # type: ignore[assignment]


@dataclass(frozen=True)
class RemoveKpi(Op):
    kpi_id: str
    label = "Delete KPI"  # type: ignore[assignment]


@dataclass(frozen=True)
class UpdateKpi(Op):
    kpi_id: str
    changes: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))

    label = "Edit KPI"  # type: ignore[assignment]


# -- items of the declared entities (model/entities.py): participants and those to come --------------


def _noun(kind: str) -> str:
    from .entities import ENTITIES  # ops are values; the registry is only needed for a label

    entity = ENTITIES.get(kind)
    return entity.noun if entity is not None else kind


@dataclass(frozen=True)
class AddItem(Op):
    """Adds an item of a declared entity (its kind follows from the value's type)."""

    value: Any
    index: int | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        from .entities import entity_of

        return f"Add {entity_of(self.value).noun}"


class _NamedByKind:
    """For operations on one item named by its entity's kind: the history names it by the entity's noun."""

    verb = ""

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"{self.verb} {_noun(self.kind)}"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RemoveItem(_NamedByKind, Op):
    """Removes an item, with the items of other entities that refer to it."""

    kind: str
    item_id: str
    verb = "Delete"


@dataclass(frozen=True)
class MoveItem(_NamedByKind, Op):
    kind: str
    item_id: str
    index: int
    verb = "Move"


@dataclass(frozen=True)
class UpdateItem(_NamedByKind, Op):
    kind: str
    item_id: str
    changes: Mapping[str, Any]
    verb = "Edit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))


# -- compound ---------------------------------------------------------------


@dataclass(frozen=True)
class Batch(Op):
    """Several operations applied as one: all of them or none, one change event."""

    ops: tuple[Op, ...]
    name: str = "Edit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "ops", tuple(self.ops))

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.name


@dataclass(frozen=True)
class ReplaceContent(Op):
    """Replaces the whole map (revert to a snapshot); undone by replacing it back."""

    content: Any  # model.document.Content
    name: str = "Replace map"

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.name



# The operations that set fields of one thing: a typing burst of them may merge into one undo step.
FIELD_UPDATES: tuple[type[Op], ...] = (UpdateMap, UpdateStage, UpdateLane, UpdatePersona, UpdateCard,
                                       UpdateConnection, UpdateKpi, UpdateItem)
