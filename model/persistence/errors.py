"""Errors of the file layer that the model's own module does not need.

Both derive from JourneyError, so a caller that reports JourneyError messages
shows them without a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import SaveRefusedError

if TYPE_CHECKING:
    from ..events import Change


class MapSaveError(SaveRefusedError):
    """A change could not be written to the map's file.

    `change` is the Change that was not saved. The document takes it back
    before the error reaches the caller, so memory and file hold the same
    map: the file keeps its previous, complete state.
    """

    def __init__(self, message: str, change: "Change | None" = None) -> None:
        super().__init__(message)
        self.change = change


class MapReadOnlyError(MapSaveError):
    """The map was opened read-only, so a change cannot be saved to it."""
