"""The undo stack's commands: one generic command that applies an operation, and its typing-burst merge.

What an edit does is planned in the model (model/edits.py); a command only
carries the planned operation. Its inverse is whatever `Document.apply`
returned, so undo is exact by construction (ids, order and cascades
included). `EditSession.edit` pushes nothing when a planner returned None.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from model import ops
from model.document import Document
from model.edits import update_target
from model.errors import JourneyError
from model.events import Origin

# QUndoCommand.id() values: commands with the same id may merge (typing bursts).
MERGE_FIELD_EDIT = 1001


class DocumentCommand(QUndoCommand):
    """Applies `op` on redo and its recorded inverse on undo.

    `apply_now()` lets the caller apply the operation (and see a refusal)
    before the command is pushed; the stack's first `redo()` is then skipped.
    """

    def __init__(self, document: Document, op: ops.Op, text: str | None = None,
                 origin: Origin = Origin.EDITOR) -> None:
        super().__init__(text if text is not None else op.label)
        self.document = document
        self.op = op
        self.origin = origin
        self._inverse: ops.Op | None = None
        self._already_applied = False
        # Called with the error when undo/redo could not be saved to the file (set by EditSession).
        self.on_save_failed = None

    def apply_now(self) -> None:
        """Apply the operation at once; raises the model's refusal and leaves the map unchanged."""
        self._inverse = self.document.apply(self.op, self.origin)
        self._already_applied = True

    def redo(self) -> None:
        if self._already_applied:
            self._already_applied = False
            return
        try:
            self._inverse = self.document.apply(self.op, Origin.HISTORY)
        except JourneyError as error:  # not saved, or refused: the map changed meanwhile off this stack
            self._report(error)

    def undo(self) -> None:
        assert self._inverse is not None
        try:
            self.document.apply(self._inverse, Origin.HISTORY)
        except JourneyError as error:  # not saved, or refused: the map changed meanwhile off this stack
            self._report(error)

    def _report(self, error: JourneyError) -> None:
        # Raised from a Qt virtual, the error would only reach the excepthook; hand it to the session instead.
        if self.on_save_failed is None:
            raise error
        self.on_save_failed(error)


class FieldEditCommand(DocumentCommand):
    """Sets fields of one thing (an `Update…` operation); a typing burst merges into one undo step.

    Consecutive edits with the same `merge_key` (the inspector gives one per
    burst of one field), target and fields merge; a burst that returns to
    where it started becomes obsolete and leaves the history.
    """

    def __init__(self, document: Document, op: ops.Op, *, merge_key: object = None, text: str | None = None) -> None:
        super().__init__(document, op, text)
        self.merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGE_FIELD_EDIT if self.merge_key is not None else -1

    def _shape(self) -> tuple:
        return _shape(self.op)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (isinstance(other, FieldEditCommand) and other.merge_key is not None
                and other.merge_key == self.merge_key and other._shape() == self._shape()):
            return False
        if self._inverse is None or other._inverse is None:
            return False  # merging needs both edits applied (as EditSession.push does)
        self.op = _merged(self.op, other.op, later_wins=True)
        # A field the later edit changed first kept, until then, the value it had before this burst.
        self._inverse = _merged(self._inverse, other._inverse, later_wins=False)
        if _changes(self.op) == _changes(self._inverse):  # typed back to where the burst started
            self.setObsolete(True)
        return True


def _shape(op: ops.Op) -> tuple:
    """What two edits of one burst share: the same fields of the same things (a batch: step by step)."""
    if isinstance(op, ops.Batch):
        return (ops.Batch, tuple(_shape(step) for step in op.ops))
    if isinstance(op, ops.SetEmotion):
        return (ops.SetEmotion, op.card_id, op.persona_id)
    return (type(op), update_target(op), frozenset(op.changes))  # type: ignore[attr-defined]


def _merged(first: ops.Op, second: ops.Op, *, later_wins: bool) -> ops.Op:
    if isinstance(first, ops.Batch):
        steps = tuple(_merged(a, b, later_wins=later_wins) for a, b in zip(first.ops, second.ops))
        return ops.Batch(steps, first.name)
    if isinstance(first, ops.SetEmotion):  # one value: the burst's last, or (undoing) the first one's before
        return second if later_wins else first
    a, b = first.changes, second.changes  # type: ignore[attr-defined]
    return _with_changes(first, {**a, **b} if later_wins else {**b, **a})


def _changes(op: ops.Op) -> list:
    if isinstance(op, ops.Batch):
        return [_changes(step) for step in op.ops]
    if isinstance(op, ops.SetEmotion):
        return [op.value]
    return [dict(op.changes)]  # type: ignore[attr-defined]


def _with_changes(op: ops.Op, changes: dict) -> ops.Op:
    if isinstance(op, ops.UpdateMap):
        return ops.UpdateMap(changes)
    if isinstance(op, ops.UpdateItem):
        return ops.UpdateItem(op.kind, op.item_id, changes)
    return type(op)(update_target(op), changes)  # type: ignore[call-arg]
