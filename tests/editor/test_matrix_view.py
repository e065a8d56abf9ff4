"""The impact × effort matrix driven with the mouse: a drag is one undoable edit, the quadrant follows the scores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from model.insights import Quadrant, quadrant


@pytest.fixture
def matrix_window(application, qtbot):
    win = application.open_example()
    qtbot.waitExposed(win)
    win.docks["matrix"].show()
    win.resizeDocks([win.docks["matrix"]], [320], Qt.Orientation.Vertical)
    view = win.matrix_view
    # Drawn at the view's own size: wait for the drawing that follows the dock's last resize.
    qtbot.waitUntil(lambda: view.isVisible() and bool(view.dots)
                    and view.sceneRect().size().toSize() == view.viewport().size())
    return win


def card_by_text(doc, start: str):
    return next(c for c in doc.cards() if c.text.startswith(start))


def dot_point(view, card_id: str) -> QPoint:
    return view.mapFromScene(view.dots[card_id].scenePos())


def square_point(view, impact: int, effort: int) -> QPoint:
    return view.mapFromScene(view.grid().square(impact, effort).center())


def drag(qtbot, view, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=(start + end) / 2)
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_every_scored_card_is_a_dot_in_the_square_of_its_impact_and_effort(matrix_window):
    view, doc = matrix_window.matrix_view, matrix_window.document
    scored = [c for c in doc.cards() if c.impact is not None and c.effort is not None]
    assert set(view.dots) == {c.id for c in scored} and len(scored) == 13
    grid = view.grid()
    for card in scored:
        assert grid.square(card.impact, card.effort).contains(view.dots[card.id].scenePos())
    # The quadrant lines: impact and effort from 3 up are high.
    pricing = card_by_text(doc, "Pricing page only says")  # impact 4, effort 1
    assert quadrant(pricing.impact, pricing.effort) == Quadrant.QUICK_WIN
    quick_wins = grid.square(5, 1).united(grid.square(3, 2))
    assert quick_wins.contains(view.dots[pricing.id].scenePos())


def test_dragging_a_dot_is_one_undoable_edit_and_the_quadrant_follows(matrix_window, qtbot):
    win = matrix_window
    view, doc = win.matrix_view, win.document
    sync = card_by_text(doc, "Nightly telematics sync")  # impact 5, effort 3: a big bet
    assert quadrant(sync.impact, sync.effort) == Quadrant.BIG_BET
    before, count = doc.content(), win.stack.count()
    drag(qtbot, view, dot_point(view, sync.id), square_point(view, 2, 5))
    moved = doc.card(sync.id)
    assert (moved.impact, moved.effort) == (2, 5)
    assert quadrant(moved.impact, moved.effort) == Quadrant.THANKLESS
    assert win.stack.count() == count + 1
    qtbot.waitUntil(lambda: view.grid().square(2, 5).contains(view.dots[sync.id].scenePos()))
    after = doc.content()
    win.stack.undo()
    assert doc.content() == before
    qtbot.waitUntil(lambda: view.grid().square(5, 3).contains(view.dots[sync.id].scenePos()))
    win.stack.redo()
    assert doc.content() == after


def test_a_drag_back_into_its_own_square_pushes_nothing(matrix_window, qtbot):
    win = matrix_window
    view, doc = win.matrix_view, win.document
    sync = card_by_text(doc, "Nightly telematics sync")
    start = dot_point(view, sync.id)
    count, before = win.stack.count(), doc.content()
    drag(qtbot, view, start, start + QPoint(3, 2))
    assert win.stack.count() == count and doc.content() == before
    assert view.grid().square(5, 3).contains(view.dots[sync.id].scenePos())


def test_selection_is_shared_with_the_canvas(matrix_window, qtbot):
    win = matrix_window
    view, doc = win.matrix_view, win.document
    trust = card_by_text(doc, "Trust page with the SOC 2")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=dot_point(view, trust.id))
    assert win.scene.selected_ids().cards == (trust.id,)
    assert view.dots[trust.id].pen().widthF() == 3.0
    sync = card_by_text(doc, "Nightly telematics sync")
    win.scene.select("cards", [sync.id])
    assert view.dots[sync.id].pen().widthF() == 3.0 and view.dots[trust.id].pen().widthF() != 3.0


def test_a_read_only_map_cannot_be_rescored_by_dragging(matrix_window, qtbot):
    win = matrix_window
    view, doc = win.matrix_view, win.document
    win.session.set_read_only(True)
    sync = card_by_text(doc, "Nightly telematics sync")
    before = doc.content()
    drag(qtbot, view, dot_point(view, sync.id), square_point(view, 1, 1))
    assert doc.content() == before and win.stack.count() == 0
    assert win.scene.selected_ids().cards == (sync.id,)  # looking is still allowed


def test_a_card_given_scores_elsewhere_appears_and_one_losing_them_goes(matrix_window, qtbot):
    from model import ops

    win = matrix_window
    view, doc = win.matrix_view, win.document
    note = doc.cards()[0]
    win.session.edit(ops.UpdateCard(note.id, {"impact": 1, "effort": 4}))
    qtbot.waitUntil(lambda: note.id in view.dots)
    assert view.grid().square(1, 4).contains(view.dots[note.id].scenePos())
    win.session.edit(ops.UpdateCard(note.id, {"effort": None}))
    qtbot.waitUntil(lambda: note.id not in view.dots)


def test_a_hidden_matrix_draws_nothing_and_catches_up_when_shown(matrix_window, qtbot):
    from PySide6.QtWidgets import QApplication

    from model import ops

    win = matrix_window
    view, doc = win.matrix_view, win.document
    win.docks["matrix"].hide()
    note = doc.cards()[0]
    win.session.edit(ops.UpdateCard(note.id, {"impact": 5, "effort": 5}))
    for _ in range(3):  # the zero-interval debounce fires within these
        QApplication.processEvents()
    assert note.id not in view.dots
    win.docks["matrix"].show()
    qtbot.waitUntil(lambda: note.id in view.dots)
