"""The model's one change-notification mechanism.

A Document announces exactly one `Change` per applied operation. Views and
persistence subscribe with a plain callable; there is no Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from .ops import Op

T = TypeVar("T")

# What an entry of Change.dirty names: ("card", card_id), ("emotion", (card_id, persona_id)),
# ("map", "map"), and likewise for stage, lane, persona, connection, kpi. An entry is dirty
# when the entity was added, removed, edited, or its position among its siblings changed.
DirtyKey = tuple[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    op: "Op"
    inverse: "Op"
    dirty: frozenset[DirtyKey]

    def touches(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.dirty)


class Signal(Generic[T]):
    """A list of callbacks; `connect` returns a function that disconnects."""

    __slots__ = ("_slots",)

    def __init__(self) -> None:
        self._slots: list[Callable[[T], None]] = []

    def connect(self, slot: Callable[[T], None]) -> Callable[[], None]:
        self._slots.append(slot)

        def disconnect() -> None:
            if slot in self._slots:
                self._slots.remove(slot)

        return disconnect

    def emit(self, value: T) -> None:
        for slot in list(self._slots):
            slot(value)
