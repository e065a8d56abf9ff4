"""What is selected on the canvas: view state, never on the undo stack."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    cards: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    lanes: tuple[str, ...] = ()
    connections: tuple[str, ...] = ()
    emotion: tuple[str, str] | None = None  # (card_id, persona_id)
    cell: tuple[str, str] | None = None  # (stage_id, lane_id)

    @property
    def is_empty(self) -> bool:
        return self == EMPTY


EMPTY = Selection()
