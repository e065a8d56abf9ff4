"""The one door through which edits reach a map: `EditSession.push(command)`.

It applies the command before it goes on the stack, so a refused edit (the
model raises a typed error) is reported and never pushed; a command that
changes nothing is never pushed either. A failure to commit the change to
disk (persistence raises from the change handler) is handed to the window,
which tells the user and keeps the map safe.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from model.document import Document
from model.errors import JourneyError, NotFoundError, ValidationError

from .commands import DocumentCommand


class EditSession(QObject):
    """Document + undo stack + the read-only switch, shared by the window, the panels and the gestures."""

    refused = Signal(str)  # an edit the model refused: one line for the status bar
    read_only_changed = Signal(bool)

    def __init__(self, document: Document, stack: QUndoStack, *, read_only: bool = False,
                 on_commit_failed: Callable[[JourneyError], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self._read_only = read_only
        self._on_commit_failed = on_commit_failed

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self._read_only = read_only
            self.read_only_changed.emit(read_only)

    def push(self, command: DocumentCommand) -> bool:
        """Apply and push `command`; False (nothing pushed) if it changes nothing, is refused, or the map is read-only."""
        if not command.changes_something:
            return False
        if self._read_only:
            self.refused.emit("the map is open read-only")
            return False
        try:
            command.apply_now()
        except (ValidationError, NotFoundError) as error:
            self.refused.emit(str(error))
            return False
        except JourneyError as error:  # the change could not be written to the file
            if self._on_commit_failed is None:
                raise
            self._on_commit_failed(error)
            return False
        command.on_save_failed = self._on_history_save_failed
        self.stack.push(command)
        return True

    def _on_history_save_failed(self, error: JourneyError) -> None:
        """An undo or redo could not be saved: the file keeps its state, and the history no longer matches it."""
        if self._on_commit_failed is None:
            raise error
        self._on_commit_failed(error)
        # The stack already moved its index; clearing it (after the current undo returns) keeps it honest.
        QTimer.singleShot(0, self.stack.clear)
