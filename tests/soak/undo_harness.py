"""The undo model's harness (tests/soak/test_undo_model.py): a map file, an edit session, and the checks of one push.

`UndoHarness.push(op)` is where every planned operation is checked: first on
a scratch copy of the map (it changes something; its inverse restores the map
exactly, ids and order; the inverse of the inverse redoes it), then for real
(the map is what the copy predicted, the views heard it once as the editor's,
the stack grew by one step or a typing burst merged, undo and redo are exact
and saved). None pushes nothing; a refused operation changes nothing and is
reported once. The rules live in the test module; this holds no rule.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from maps import make_content, seeded_ids
from PySide6.QtGui import QUndoStack

from editor.session import EditSession
from model import edits
from model import ops
from model.document import Document, content_items
from model.domain import Participant
from model.errors import NotFoundError, ValidationError
from model.events import Origin
from model.persistence import MapFile

# How to read the thing an update operation edits.
READERS = {ops.UpdateStage: Document.stage, ops.UpdateLane: Document.lane, ops.UpdatePersona: Document.persona,
           ops.UpdateCard: Document.card, ops.UpdateConnection: Document.connection, ops.UpdateKpi: Document.kpi}


def start_content():
    """A small map with something of every kind, participants of the workshop room included."""
    room = content_items({"participant": (Participant("Ana", role="facilitator"), Participant("Bo"))})
    return replace(make_content(8, seed=3, stages=3, lanes=3), items=room)


class ViewFailure(RuntimeError):
    pass


class UndoHarness(RuleBasedStateMachine):
    folder: Path
    counter = itertools.count()
    tally: Counter = Counter()  # what the examples did, for the run's figures
    used: Counter = Counter()  # how often the run used each planner

    def __init__(self) -> None:
        super().__init__()
        self.tally["examples"] += 1
        # Ids from a seeded stream, so every example replays exactly (hypothesis shrinks by replaying).
        self.ids = seeded_ids(random.Random(0)).__enter__()
        try:
            self.path = self.folder / f"model-{next(self.counter)}.journey"
            self.mapfile = MapFile.create(self.path, start_content())
            self.snapshot_ids: list[str] = []
            self.clipboard = self.copied_elsewhere()
            self.bursts = 0  # typing bursts so far: each has its own merge key
            self._new_stack()
        except BaseException:
            self.ids.__exit__(None, None, None)
            raise

    # -- plumbing ------------------------------------------------------------------------

    def copied_elsewhere(self) -> list:
        """What the clipboard holds when the window opens: two cards copied from another map."""
        return list(make_content(4, seed=9, stages=1, lanes=2).cards[:2])

    def _new_stack(self) -> None:
        self.doc = self.mapfile.document
        self._reader(self.path)
        self.stack = QUndoStack()
        self.save_failures: list = []
        self.session = EditSession(self.doc, self.stack, on_commit_failed=self.save_failures.append)
        self.refusals: list[str] = []
        self.session.refused.connect(self.refusals.append)
        self.states = [self.doc.content()]  # the content at each index of the stack
        self.heard: list = []  # every change the views heard
        self.view_failures: list = []
        self.broken_view_heard = 0
        self.doc.changed.on_error = lambda slot, error: self.view_failures.append((slot, error))
        self.disconnect_broken = None
        self.disconnect_recorder = self.doc.changed.connect(self.heard.append)

    def _reader(self, path: Path) -> None:
        """A second, read-only connection to the file (kept open: its compiled queries are reused every step)."""
        from model.persistence.schema import make_engine

        if getattr(self, "reader", None) is not None:
            self.reader.dispose()
        self.reader = make_engine(path, read_only=True)

    def file_content(self):
        from model.persistence.store import read_rows

        with self.reader.connect() as conn, conn.begin():
            return Document(read_rows(conn)).content()

    def plan(self, planner, *args, **kwargs):
        """What `planner` makes of the map as it is now (and a note that the run used it)."""
        self.used[planner.__name__] += 1
        return planner(self.doc, *args, **kwargs)

    def _nothing_changed(self, before, index, count, heard) -> None:
        assert self.doc.content() == before, "an edit that was not pushed changed the map"
        assert (self.stack.index(), self.stack.count()) == (index, count), "an edit that was not pushed is on the stack"
        assert len(self.heard) == heard, "the views heard of an edit that was not made"

    def push(self, op, text=None, merge_key=None) -> bool:
        """Push a planned operation, checking it against a scratch copy of the map; True if it was pushed."""
        before, index, count, heard = self.doc.content(), self.stack.index(), self.stack.count(), len(self.heard)
        refused, failures = len(self.refusals), len(self.save_failures)
        if op is None:
            self.tally["planned nothing"] += 1
            assert self.session.edit(None, text, merge_key=merge_key) is False
            self._nothing_changed(before, index, count, heard)
            assert len(self.refusals) == refused, "planning nothing is no refusal"
            return False
        scratch = Document(before)
        try:
            inverse = scratch.apply(op)
        except (ValidationError, NotFoundError):
            self.tally["refused"] += 1
            assert self.session.edit(op, text, merge_key=merge_key) is False, f"{op.label!r} was refused, yet pushed"
            self._nothing_changed(before, index, count, heard)
            assert len(self.refusals) == refused + 1, "a refusal is reported in one line"
            return False
        after = scratch.content()
        assert after != before, f"{op.label!r} was planned but changes nothing"
        again = scratch.apply(inverse)
        assert scratch.content() == before, f"the inverse of {op.label!r} does not restore the map exactly"
        scratch.apply(again)
        assert scratch.content() == after, f"the inverse of the inverse of {op.label!r} does not redo it exactly"

        assert self.session.edit(op, text, merge_key=merge_key) is True, f"{op.label!r} was not pushed"
        self.tally["pushed while a view failed" if self.disconnect_broken else "pushed"] += 1
        assert self.doc.content() == after, f"{op.label!r} did not do what it did on a copy of the map"
        assert (len(self.refusals), len(self.save_failures)) == (refused, failures)
        assert [(c.op, c.origin) for c in self.heard[heard:]] == [(op, Origin.EDITOR)], \
            "the views did not hear of the edit exactly once, as the editor's"
        # The inverse undo will apply is the real document's own (a cascade may list its steps in another order).
        replay = Document(after)
        replay.apply(self.heard[-1].inverse)
        assert replay.content() == before, f"the recorded inverse of {op.label!r} does not restore the map exactly"
        at = self.stack.index()
        assert at == self.stack.count()
        if merge_key is not None and isinstance(op, ops.FIELD_UPDATES):
            assert at in (index - 1, index, index + 1)  # merged with the typing before it, back to nothing, or new
            if at == index - 1:
                assert after == self.states[at], "a burst typed back to its start still changed the map"
                self.tally["burst typed back"] += 1
            elif at == index:
                self.tally["merged into a typing burst"] += 1
        else:
            assert at == index + 1, f"{op.label!r} is not one new undo step"
            assert self.stack.text(at - 1) == (op.label if text is None else text)
        self.states = self.states[:at] + [self.doc.content()]
        # Every step is undone and redone at once, so every kind's undo is checked every time it is pushed
        # (the undo and redo rules below also walk further back and forth through the history).
        if self.stack.canUndo():
            heard = len(self.heard)
            self.stack.undo()
            assert self.doc.content() == self.states[at - 1], f"undoing {op.label!r} did not restore the map"
            assert self.file_content() == self.states[at - 1], f"the undo of {op.label!r} was not saved"
            self.stack.redo()
            assert self.doc.content() == self.states[at], f"redoing {op.label!r} did not restore its change"
            assert [c.origin for c in self.heard[heard:]] == [Origin.HISTORY] * 2
        return True

    def pick(self, data, items):
        return data.draw(st.sampled_from(list(items)))

    def some_ids(self, data, items, min_size=1, max_size=3, unique=False):
        ids = [x.id for x in items]
        return data.draw(st.lists(st.sampled_from(ids), min_size=min_size, max_size=max_size, unique=unique))

    def cards(self):
        return self.doc.cards()

    def cell_ids(self, stage_id, lane_id):
        return [c.id for c in self.doc.cell_cards(stage_id, lane_id)]

    def update(self, op_type, target, changes, key):
        """Fields set as the inspector sets them (`target`: an id, None for the map, (kind, id) for an item)."""
        if op_type is ops.UpdateItem:
            kind, item_id = target
            op = self.plan(edits.update_item, kind, item_id, changes)
            current, target = self.doc.item(kind, item_id), f"{kind}:{item_id}"
        else:
            op = self.plan(edits.update, op_type, target, changes)
            current = self.doc.info if target is None else READERS[op_type](self.doc, target)
        if op is not None:
            self.used["update_target"] += 1
            assert edits.update_target(op) == target
            assert set(op.changes) <= set(changes)
        else:
            kept = current.with_changes(**changes)  # the values as the model keeps them ("#aabbcc" is "#AABBCC")
            assert all(getattr(current, k) == getattr(kept, k) for k in changes), "planned nothing, yet a field differs"
        self.push(op, merge_key=key)

    def added_ids(self, op):
        self.used["added_card_ids"] += 1
        return edits.added_card_ids(op)

    def _broken_view(self, change) -> None:
        self.broken_view_heard += 1
        raise ViewFailure("Internal C++ object (QDoubleSpinBox) already deleted.")

    @contextmanager
    def unwritable_file(self):
        """Every write fails while a folder holds the name of the file's rollback journal."""
        blocker = Path(str(self.path) + "-journal")
        blocker.mkdir()
        try:
            yield
        finally:
            blocker.rmdir()

    def teardown(self):
        try:
            self.stack.clear()
            self.mapfile.close()
            self.reader.dispose()
        finally:
            self.ids.__exit__(None, None, None)

