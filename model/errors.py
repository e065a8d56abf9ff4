"""Every error the model raises, in one place.

Each carries a message meant for the user: one line, no traceback needed.
"""


class JourneyError(Exception):
    """Base of every refusal the model makes."""


class ValidationError(JourneyError, ValueError):
    """A value or an edit breaks an invariant of the map."""


class NotFoundError(JourneyError, KeyError):
    """An id names nothing in the map."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class NotAllowedError(ValidationError):
    """An edit the current workshop step does not allow (a phone writing while the room only rates)."""


class SaveRefusedError(JourneyError):
    """The document's store refused to save a change; the document was left as it was before it."""


class FileRefusedError(JourneyError):
    """A file cannot be opened as a map: missing, unreadable, foreign, damaged or too new."""


class MapLockedError(FileRefusedError):
    """Another running Journeymap holds the map for writing."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


class ImportRefusedError(JourneyError):
    """An interchange file (JSON, Mermaid, CSV) cannot be read as a map."""


class ExportError(JourneyError):
    """An export cannot be written."""
