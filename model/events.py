"""The model's one change-notification mechanism.

A Document announces exactly one `Change` per applied operation, after its
store saved it. Views subscribe with a plain callable; there is no Qt here.
One failing subscriber is reported and never stops the others (nor the caller
that made the change, whose edit is already saved).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from .ops import Op

T = TypeVar("T")
log = logging.getLogger("journeymap")

# What an entry of Change.dirty names: ("card", card_id), ("emotion", (card_id, persona_id)),
# ("map", "map"), and likewise for stage, lane, persona, connection, kpi. An entry is dirty
# when the entity was added, removed, edited, or its position among its siblings changed.
DirtyKey = tuple[str, Any]


class Origin(StrEnum):
    """Where a change came from, so a view can tell (a room's vote from the facilitator's own edit)."""

    EDITOR = "editor"  # the canvas and the panels of the editor
    HISTORY = "history"  # undo and redo
    COMMAND_LINE = "command line"
    IMPORT = "import"
    ROOM = "room"  # phones in the workshop room
    BOOTH = "booth"  # the voting booth passed round the room
    JOURNAL = "journal"  # the workshop's session journal recording what happened (never on the undo stack)
    PRINT = "print"  # a tiled print's record (a fact about the paper on the wall, not an edit: never undone)


@dataclass(frozen=True, slots=True)
class Change:
    op: "Op"
    inverse: "Op"
    dirty: frozenset[DirtyKey]
    origin: Origin = Origin.EDITOR

    def touches(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.dirty)


def log_failure(slot: Callable[..., Any], error: BaseException) -> None:
    log.error("a subscriber failed while handling a change: %r", slot, exc_info=error)


class Signal(Generic[T]):
    """A list of callbacks; `connect` returns a function that disconnects.

    `emit` calls every callback even when one raises: the error goes to
    `on_error(slot, error)` (logged unless set), and the next callback runs.
    """

    __slots__ = ("_slots", "on_error")

    def __init__(self) -> None:
        self._slots: list[Callable[[T], None]] = []
        self.on_error: Callable[[Callable[[T], None], BaseException], None] = log_failure

    def connect(self, slot: Callable[[T], None]) -> Callable[[], None]:
        self._slots.append(slot)

        def disconnect() -> None:
            if slot in self._slots:
                self._slots.remove(slot)

        return disconnect

    def emit(self, value: T) -> None:
        for slot in list(self._slots):
            try:
                slot(value)
            except Exception as error:  # noqa: BLE001 - a view's failure must not reach the edit's caller
                try:
                    self.on_error(slot, error)
                except Exception:  # noqa: BLE001 - nor may the report of it
                    log_failure(slot, error)
