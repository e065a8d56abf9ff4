"""The bench's own checks at a small size: each gesture does what its figure says, or the figure fails.

`make bench` times these gestures on 2,000- to 10,000-card maps (tests/bench/__main__.py); here
they run on a 300-card map, so a bench that measures nothing fails the suite.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from model.persistence import MapFile
from tests.bench import gestures as g
from tests.bench.editing import edit_soak
from tests.model.realistic_maps import realistic_content


@pytest.fixture
def session(qapp, tmp_path):
    path = tmp_path / "realistic.journey"
    MapFile.create(path, realistic_content(300)).close()
    opened = g.open_in_editor(path)
    yield opened
    opened.close()


def test_each_gesture_does_what_its_figure_says(session):
    scene, view = session.scene, session.view
    g.to_top_left(session)
    top = view.verticalScrollBar().value()
    frames = g.scroll_down(session, frames=12)
    assert len(frames) == 12 and min(frames) > 0
    assert view.verticalScrollBar().value() - top == session.notes["scrolled_px"] >= 12 * 20

    g.to_top_left(session)
    before = {c.id: c.cell for c in scene.document.cards()}
    assert len(g.drag_card(session, moves=12)) == 12
    moved = [c for c in scene.document.cards() if before[c.id] != c.cell]
    assert len(moved) == 1 and session.window.stack.count() == 1  # one card, one undo step

    g.to_top_left(session)
    assert len(g.rubber_band(session, moves=10)) == 10
    assert len(scene.selected_ids().cards) == session.notes["band_selected"] >= 3

    g.to_top_left(session)
    assert len(g.wheel_zoom(session, steps=4, rounds=1)) == 8
    assert view.zoom_factor() == pytest.approx(1.0)

    switch, whole = g.fit_all(session, frames=3)
    assert switch > 0 and len(whole) == 3
    layout = scene.layout()
    assert g.visible_scene_rect(view).adjusted(-1, -1, 1, 1).contains(QPointF(layout.width, layout.height))


def test_a_gesture_that_changes_nothing_is_refused(session):
    session.window.actions["view.fit"].trigger()
    session.clock.settle()
    with pytest.raises(g.GestureFailed, match="nothing to measure"):
        g.scroll_down(session)  # the whole map shows: a wheel cannot move it
    with pytest.raises(g.GestureFailed, match="painted nothing"):
        session.clock.frame(lambda: None, timeout=0.3)
    # A drop the editor refuses (the map is read-only now) leaves the card where it was.
    session.window.session.set_read_only(True)
    g.actual_size(session)
    with pytest.raises(g.GestureFailed, match="did not land"):
        g.drag_card(session, moves=8)


def test_the_editing_soak_edits_through_the_window(session):
    result = edit_soak(session, 0.6)
    assert result.edits >= 3
    assert session.window.stack.count() >= 1
    assert result.start_mb > 0 and result.end_mb > 0


def test_frames_asked_at_a_pace_are_each_painted_and_move_the_view(session, qtbot):
    """The room's storm figure asks the canvas for a frame every 16 ms (tests/bench/paced_frames.py)."""
    from PySide6.QtCore import QRectF

    from tests.bench.paced_frames import PacedFrames

    g.actual_size(session)
    session.clock.close()  # PacedFrames paints and logs the viewport itself
    bar = session.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    frames = PacedFrames(session.view)
    frames.start()
    qtbot.waitUntil(lambda: len(frames.asks) >= 8, timeout=10_000)
    frames.stop()
    qtbot.waitUntil(lambda: frames.paints and frames.paints[-1][0] >= frames.asks[-1][1], timeout=5000)
    frames.close()
    asked = frames.frames_ms([(frames.asks[0][0], frames.asks[-1][0])])
    assert len(asked) == len(frames.asks) and max(asked) < float("inf") and min(asked) > 0
    assert frames.problems == [] and abs(bar.value() - middle) <= 30  # down and up again, each step a move
    shown = g.visible_scene_rect(session.view)
    assert frames.first_drawn(shown, frames.asks[0][1]) < float("inf")
    assert frames.first_drawn(QRectF(shown.left(), shown.bottom() + 5000, 10, 10), 0.0) == float("inf")
    assert frames.frames_ms([(0.0, frames.asks[0][0] - 1)]) == []  # only frames asked inside a window count


def test_paced_frames_report_a_view_that_does_not_move(session, qtbot):
    from tests.bench.paced_frames import PacedFrames

    session.window.actions["view.fit"].trigger()  # the whole map shows: a wheel cannot scroll it
    session.clock.close()
    frames = PacedFrames(session.view)
    frames.start()
    qtbot.waitUntil(lambda: len(frames.asks) >= 2, timeout=10_000)
    frames.close()
    assert frames.problems and "did not scroll" in frames.problems[0]
