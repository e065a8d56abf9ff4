"""Errors of the file layer that the model's own module does not need.

Both derive from JourneyError, so a caller that reports JourneyError messages
shows them without a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import JourneyError

if TYPE_CHECKING:
    from ..events import Change


class MapSaveError(JourneyError):
    """A change made in memory could not be written to the map's file.

    `change` is the Change that was not saved. The editor undoes it with
    `MapFile.revert(change)` so the screen and the file agree again; until a
    later write succeeds, the file keeps its previous, complete state.
    """

    def __init__(self, message: str, change: "Change | None" = None) -> None:
        super().__init__(message)
        self.change = change


class MapReadOnlyError(MapSaveError):
    """The map was opened read-only, so a change cannot be saved to it."""
