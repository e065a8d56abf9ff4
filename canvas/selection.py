"""What is selected: view state, never on the undo stack, one selection per editor window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


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


class SelectionModel(QObject):
    """The one selection of an editor window, shared by every scene of its map and by its panels.

    `changed(old, new)` fires on every change (scenes update their looks);
    `settled()` fires when a change is complete (panels refresh): a rubber
    band changes the selection quietly while it is dragged and settles once.
    """

    changed = Signal(object, object)
    settled = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._current: Selection = EMPTY
        self._unsettled = False

    def current(self) -> Selection:
        return self._current

    def set(self, selection: Selection, *, quiet: bool = False) -> None:
        """Select `selection`; with `quiet`, panels hear of it only at the next `settle()`."""
        old = self._current
        if selection == old:
            if not quiet:
                self.settle()
            return
        self._current = selection
        self.changed.emit(old, selection)
        self._unsettled = True
        if not quiet:
            self.settle()

    def settle(self) -> None:
        if self._unsettled:
            self._unsettled = False
            self.settled.emit()
