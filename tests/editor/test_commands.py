"""The undo stack's commands: a planned edit pushed once, undone and redone exactly, typing bursts merged.

What each edit does is planned and tested in tests/model/test_edits.py; here
the session and its commands: nothing pushed for no plan, a refusal reported,
a burst one step, and a view that fails never separates the map from its history.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from editor.session import EditSession
from model import edits
from model import ops
from model.domain import Connection
from tests.model.factories import small_map


@pytest.fixture
def session(qapp):
    doc = small_map()
    return EditSession(doc, QUndoStack())


def ids(doc):
    return [card.id for card in doc.cards()]


def test_a_planned_edit_is_one_exact_undo_step(session):
    doc, stack = session.document, session.stack
    before = doc.content()
    op = edits.move_cards(doc, [ids(doc)[0]], doc.stages[2].id, doc.lanes[0].id, 1)
    assert session.edit(op) is True
    after = doc.content()
    assert after != before and stack.count() == 1 and stack.undoText() == "Move card"
    stack.undo()
    assert doc.content() == before
    stack.redo()
    assert doc.content() == after


def test_no_plan_pushes_nothing(session):
    doc = session.document
    first = ids(doc)[0]
    assert session.edit(edits.move_cards(doc, [first], doc.stages[0].id, doc.lanes[0].id, 0)) is False
    assert session.stack.count() == 0


def test_a_failing_view_leaves_the_edit_on_the_stack_and_the_other_views_informed(session):
    """Regression: a view raising inside the change signal left the edit in the document (and file)
    with nothing on the undo stack, an edit no one could undo."""
    doc, stack = session.document, session.stack
    heard, failures = [], []

    def broken_view(_change):
        raise RuntimeError("Internal C++ object (QDoubleSpinBox) already deleted.")

    doc.changed.connect(broken_view)
    doc.changed.connect(heard.append)
    doc.changed.on_error = lambda slot, error: failures.append(error)
    before = doc.content()
    assert session.edit(edits.rename_stage(doc, doc.stages[0].id, "Noticing")) is True
    assert doc.stages[0].name == "Noticing" and stack.count() == 1
    assert len(heard) == 1 and len(failures) == 1  # the next view still heard of it
    stack.undo()
    assert doc.content() == before
    assert len(heard) == 2


def test_typing_burst_merges_into_one_step_and_ends_with_a_new_key(session):
    doc = session.document
    card_id = ids(doc)[0]
    original = doc.card(card_id).text
    burst = object()
    for text in ("H", "He", "Hel", "Hello"):
        session.edit(edits.update(doc, ops.UpdateCard, card_id, {"text": text}), merge_key=burst)
    assert session.stack.count() == 1
    assert doc.card(card_id).text == "Hello"
    session.edit(edits.update(doc, ops.UpdateCard, card_id, {"text": "Hello!"}), merge_key=object())
    assert session.stack.count() == 2
    session.stack.undo()
    assert doc.card(card_id).text == "Hello"
    session.stack.undo()
    assert doc.card(card_id).text == original
    assert not session.stack.canUndo()


def test_typing_back_to_the_start_leaves_nothing_to_undo(session):
    doc = session.document
    card_id = ids(doc)[0]
    original = doc.card(card_id).text
    burst = object()
    session.edit(edits.update(doc, ops.UpdateCard, card_id, {"text": original + "x"}), merge_key=burst)
    session.edit(edits.update(doc, ops.UpdateCard, card_id, {"text": original}), merge_key=burst)
    assert doc.card(card_id).text == original
    assert not session.stack.canUndo()


def test_refused_edit_is_reported_and_not_pushed(session, qtbot):
    doc = session.document
    cards = ids(doc)
    existing = doc.connections[0]
    before = doc.content()
    with qtbot.waitSignal(session.refused) as blocker:
        ok = session.edit(ops.AddConnection(Connection(existing.source_id, existing.target_id)))
    assert ok is False and "already connected" in blocker.args[0]
    assert doc.content() == before and session.stack.count() == 0
    assert cards


def test_read_only_session_pushes_nothing(session):
    session.set_read_only(True)
    doc = session.document
    assert session.edit(edits.update(doc, ops.UpdateMap, None, {"title": "Nope"})) is False
    assert doc.info.title != "Nope"


def test_merged_burst_restores_a_field_only_the_later_edit_changed(session):
    doc = session.document
    before = doc.content()
    owner = doc.info.owner
    burst = object()
    session.edit(ops.UpdateMap({"title": "A", "owner": owner}), merge_key=burst)  # owner unchanged
    session.edit(ops.UpdateMap({"title": "B", "owner": "Team"}), merge_key=burst)
    assert session.stack.count() == 1
    session.stack.undo()
    assert doc.content() == before
    session.stack.redo()
    assert (doc.info.title, doc.info.owner) == ("B", "Team")


def test_an_undo_the_map_refuses_after_a_change_off_the_stack_is_reported_and_clears_the_history(session, qtbot):
    """Found with the voting booth: a participant's change (off the facilitator's stack) can leave an
    older step nothing to undo. The map refuses; that must be said, not shown as an unexpected error."""
    from model.events import Origin

    doc, stack = session.document, session.stack
    a, b = ids(doc)[1], ids(doc)[5]
    assert session.edit(edits.connect(doc, a, b)) is True
    doc.apply(ops.RemoveCard(a), Origin.BOOTH)  # not the facilitator's: not on the stack; takes the arrow too
    before = doc.content()
    with qtbot.waitSignal(session.refused) as blocker:
        stack.undo()  # would remove a connection that is already gone
    assert "cannot undo" in blocker.args[0]
    assert doc.content() == before
    qtbot.waitUntil(lambda: stack.count() == 0)
