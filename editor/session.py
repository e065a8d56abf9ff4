"""The one door through which the editor's edits reach a map: `EditSession.edit(op)`.

Callers plan the operation with model/edits.py and hand it over; None (the
planner found nothing to change) pushes nothing. The operation is applied
before its command goes on the stack, so a refused edit (the model raises a
typed error) is reported and never pushed. A change the map's file refuses
to save was already taken back by the document; the window is told, so it
can tell the user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from model import ops
from model.document import Document
from model.errors import JourneyError, NotFoundError, SaveRefusedError, ValidationError

from .commands import DocumentCommand, FieldEditCommand


_MERGEABLE = (*ops.FIELD_UPDATES, ops.SetEmotion)


def _field_edit(op: ops.Op) -> bool:
    """Fields (or an emotion) set on one thing, or on several at once (a batch of such): a typing
    burst or a run of nudges may merge them."""
    if isinstance(op, ops.Batch):
        return bool(op.ops) and all(isinstance(step, _MERGEABLE) for step in op.ops)
    return isinstance(op, _MERGEABLE)


class EditSession(QObject):
    """Document + undo stack + the read-only switch, shared by the window, the panels and the gestures."""

    refused = Signal(str)  # an edit the model refused: one line for the status bar
    noticed = Signal(str)  # what an edit did beyond the obvious: one line for the status bar
    read_only_changed = Signal(bool)

    def __init__(self, document: Document, stack: QUndoStack, *, read_only: bool = False,
                 on_commit_failed: Callable[[JourneyError], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self._read_only = read_only
        self._reason = "the map is open read-only"  # what a refused edit says while read-only
        self._on_commit_failed = on_commit_failed

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool, reason: str = "the map is open read-only") -> None:
        """Allow or refuse edits; `reason` is what a refused edit says (e.g. while comparing)."""
        self._reason = reason
        if read_only != self._read_only:
            self._read_only = read_only
            self.read_only_changed.emit(read_only)

    def edit(self, op: ops.Op | None, text: str | None = None, *, merge_key: object = None) -> bool:
        """Apply and push a planned operation as one undo step; False (nothing pushed) for None or a refusal.

        With a `merge_key`, consecutive field edits of one typing burst merge into one step.
        """
        if op is None:
            return False
        if merge_key is not None and _field_edit(op):
            return self.push(FieldEditCommand(self.document, op, merge_key=merge_key, text=text))
        return self.push(DocumentCommand(self.document, op, text))

    def push(self, command: DocumentCommand) -> bool:
        """Apply and push `command`; False (nothing pushed) if it is refused or the map is read-only."""
        if self._read_only:
            self.refused.emit(self._reason)
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
        """An undo or redo could not be done: its change could not be saved (the file keeps its state), or
        the map refused it because a change made off this stack (a participant's vote in the booth, a
        phone in the room) left nothing for it to undo. Either way the map stays as it is and the history
        no longer matches it, so it is cleared."""
        if isinstance(error, SaveRefusedError):
            if self._on_commit_failed is None:
                raise error
            self._on_commit_failed(error)
        else:
            self.refused.emit(f"cannot undo or redo that step any more ({error}); the history was cleared")
        # The stack already moved its index; clearing it (after the current undo returns) keeps it honest.
        QTimer.singleShot(0, self.stack.clear)
