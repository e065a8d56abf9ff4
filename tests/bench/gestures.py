"""Real gestures on the real editor window, each frame timed from the input event to painted pixels.

The window is the app's own: `Application.open_path` opens the map, the app's
100 % and Fit Map actions set the zoom. Input is real `QWheelEvent`s and
`QMouseEvent`s sent to the canvas's viewport, as the platform would send them.
A frame lasts from the moment its event is sent until the viewport's paint event
has finished (`FrameClock` paints the viewport itself inside its event filter, so
the clock stops when the pixels are drawn, not when the paint event arrives).

Every gesture checks that it did what it says: the view moved by what the wheel
asked, the card landed in the cell it was dropped on, the rubber band's
selection grew, the zoom changed at each wheel step, the whole map fits after
Fit Map, and every frame painted something. A gesture that does nothing raises
GestureFailed instead of reporting a fast frame.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from editor.prompts import Prompts

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
WINDOW_SIZE = (1920, 1080)
SCROLL_STEP = 25  # px per frame: a steady two-finger scroll on a touchpad


class GestureFailed(AssertionError):
    """A gesture did not do what its figure says it measures."""


class NoDialogs(Prompts):
    """The bench answers no dialog: one appearing means the gesture went somewhere unexpected."""

    def with_parent(self, parent):
        return self

    def _refuse(self, *args, **_kwargs):
        raise GestureFailed(f"an unexpected dialog: {args[:2]}")

    info = warn = confirm = choose = text = item = colour = open_file = save_file = _refuse


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        raise GestureFailed("no frames were timed")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class FrameClock(QObject):
    """Counts the viewport's paints and when each one finished."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
        self.port = view.viewport()
        self.app = QApplication.instance()
        self.paints = 0
        self.painted_at = 0.0  # perf_counter() when the last paint finished
        self.paint_ms: list[float] = []  # how long each paint took, for the profile
        self.cpu_ms: list[float] = []  # each frame's CPU time: steadier than wall time on a busy machine
        self.port.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.port and event.type() == QEvent.Type.Paint:
            # Paint it here (what the scroll area's own filter would do next), so the clock
            # stops when the painting is done.
            start = time.perf_counter()
            self.view.viewportEvent(event)
            self.painted_at = time.perf_counter()
            self.paint_ms.append((self.painted_at - start) * 1000)
            self.paints += 1
            return True
        return False

    def close(self) -> None:
        self.port.removeEventFilter(self)

    def settle(self, rounds: int = 3) -> None:
        """Let whatever an earlier step posted run, so it is not counted in the next frame."""
        for _ in range(rounds):
            self.app.processEvents()

    def frame(self, act, *, timeout: float = 10.0) -> float:
        """Run `act` (which sends input events) and return milliseconds until its last paint finished;
        GestureFailed when nothing is painted within `timeout` seconds."""
        self.settle()
        before = self.paints
        cpu = time.process_time()
        start = time.perf_counter()
        act()
        deadline = start + timeout
        while self.paints == before:
            if time.perf_counter() > deadline:
                raise GestureFailed("the view painted nothing after the gesture's event")
            self.app.processEvents()
        for _ in range(2):  # a second update posted by the first paint belongs to this frame too
            self.app.processEvents()
        self.cpu_ms.append((time.process_time() - cpu) * 1000)
        return (self.painted_at - start) * 1000

    def repaint_frame(self) -> float:
        """The whole viewport painted (an expose: the window uncovered or restored)."""
        return self.frame(self.port.update)


# -- input ---------------------------------------------------------------------------------


def _global(port, at: QPointF) -> QPointF:
    return QPointF(port.mapToGlobal(at.toPoint()))


def send_mouse(port, kind: QEvent.Type, at: QPointF, button=NO_BUTTON, buttons=NO_BUTTON, modifiers=NO_MOD) -> None:
    event = QMouseEvent(kind, at, _global(port, at), button, buttons, modifiers)
    QApplication.sendEvent(port, event)


def send_wheel(port, at: QPointF, dy: int, modifiers=NO_MOD) -> None:
    event = QWheelEvent(at, _global(port, at), QPoint(0, 0), QPoint(0, dy), NO_BUTTON, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(port, event)


# -- the window ------------------------------------------------------------------------------


@dataclass
class Session:
    """The app, its window on the map, and the frame clock on its canvas."""

    controller: object
    window: object
    clock: FrameClock
    opened_s: float
    notes: dict = field(default_factory=dict)

    @property
    def view(self):
        return self.window.view

    @property
    def scene(self):
        return self.window.scene

    def close(self) -> None:
        self.clock.close()
        self.window.close()
        QApplication.processEvents()


def open_in_editor(path: Path, size: tuple[int, int] = WINDOW_SIZE) -> Session:
    """The map at `path` in the app's own window (Application.open_path), resized and painted once."""
    from editor.app import Application

    start = time.perf_counter()
    controller = Application(prompts=NoDialogs())
    window = controller.open_path(Path(path))
    if window is None:
        raise GestureFailed(f"the editor did not open {path}")
    window.resize(*size)
    window.view.viewport().repaint()
    QApplication.processEvents()
    opened = time.perf_counter() - start
    return Session(controller, window, FrameClock(window.view), opened)


def actual_size(session: Session) -> None:
    """The app's View › 100 % action."""
    session.window.actions["view.actual_size"].trigger()
    if session.view.zoom_factor() != 1.0:
        raise GestureFailed(f"100 % left the zoom at {session.view.zoom_factor()}")
    session.clock.settle()


def to_top_left(session: Session) -> None:
    """100 %, scrolled to the map's top-left corner, with nothing left pending."""
    actual_size(session)
    session.view.horizontalScrollBar().setValue(0)
    session.view.verticalScrollBar().setValue(0)
    session.clock.settle()


def visible_scene_rect(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


# -- gestures ----------------------------------------------------------------------------


def scroll_down(session: Session, *, frames: int | None = None, step: int = SCROLL_STEP) -> list[float]:
    """Scroll down with the wheel, `step` px a frame, from the top to the bottom of the map (or `frames` frames).

    Each frame checks the view moved by about `step` (a wheel that moves nothing is refused)."""
    view, port = session.view, session.view.viewport()
    bar = view.verticalScrollBar()
    bar.setValue(bar.minimum())
    session.clock.settle()
    room = bar.maximum() - bar.minimum()
    if room < step * 4:
        raise GestureFailed(f"the map scrolls only {room} px vertically at this zoom: nothing to measure")
    # One notch (120) scrolls wheelScrollLines × singleStep; Qt accumulates fractions of a notch.
    per_notch = QApplication.wheelScrollLines() * bar.singleStep()
    delta = max(1, round(120 * step / per_notch))
    count = frames if frames is not None else room // step
    at = QPointF(port.width() / 2, port.height() / 2)
    times, moved = [], 0
    for _ in range(count):
        before = bar.value()
        if before >= bar.maximum():
            break
        times.append(session.clock.frame(lambda: send_wheel(port, at, -delta)))
        now = bar.value()
        if now <= before:
            raise GestureFailed(f"a wheel step did not scroll (still at {now})")
        moved += now - before
    if not times or moved < 0.8 * step * len(times):
        raise GestureFailed(f"the view moved {moved} px over {len(times)} frames of {step} px")
    session.notes["scrolled_px"] = moved
    return times


def _card_in_view(session: Session, *, near: tuple[float, float] = (0.3, 0.35)) -> str:
    """A visible card whose centre is near the given fraction of the viewport."""
    view, layout = session.view, session.scene.layout()
    seen = visible_scene_rect(view)
    x = seen.left() + seen.width() * near[0]
    y = seen.top() + seen.height() * near[1]
    best, best_d = None, float("inf")
    for card_id, box in layout.cards.items():
        if box.hidden:
            continue
        cx, cy = box.rect.center
        if not seen.adjusted(box.rect.w, 120, -box.rect.w, -box.rect.h).contains(QPointF(cx, cy)):
            continue
        d = (cx - x) ** 2 + (cy - y) ** 2
        if d < best_d:
            best, best_d = card_id, d
    if best is None:
        raise GestureFailed("no card is in view to drag")
    return best


def drag_card(session: Session, *, moves: int = 40) -> list[float]:
    """Press on a card, drag it in `moves` steps to the next stage's cell in another lane, release.

    Checks that the drop line showed during the drag and that the card landed in that cell."""
    view, scene, port = session.view, session.scene, session.view.viewport()
    layout = scene.layout()
    card_id = _card_in_view(session)
    box = layout.cards[card_id]
    stages = [s.stage_id for s in layout.stages]
    lanes = [lane for lane in layout.lanes if lane.kind == "cards" and not lane.collapsed]
    target_stage = stages[stages.index(box.stage_id) + 1] if stages.index(box.stage_id) + 1 < len(stages) else stages[0]
    seen = visible_scene_rect(view).adjusted(0.0, 120.0, -40.0, -40.0)  # clear of the pinned stage headers
    # A cell of the next stage in view, another lane's if one shows, else the same lane's.
    target = None
    for lane in sorted(lanes, key=lambda lane: lane.lane_id == box.lane_id):
        cell = layout.cells[(target_stage, lane.lane_id)].rect
        shown = QRectF(cell.x, cell.y, cell.w, cell.h).intersected(seen)
        if shown.height() > 40 and shown.width() > 100:
            target = (lane.lane_id, shown.center())
            break
    if target is None:
        raise GestureFailed("no cell of the next stage is in view to drop on")
    lane_id, drop_at = target
    start = view.mapFromScene(QPointF(*box.rect.center))
    end = view.mapFromScene(drop_at)
    start, end = QPointF(start), QPointF(end)
    times = []
    send_mouse(port, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for i in range(1, moves + 1):
        at = start + (end - start) * (i / moves)
        times.append(session.clock.frame(lambda at=at: send_mouse(port, QEvent.Type.MouseMove, at, NO_BUTTON, LEFT)))
    line = scene.drop_line()
    if line is None:
        raise GestureFailed("no drop line showed while the card was dragged over a cell")
    drop = session.clock.frame(lambda: send_mouse(port, QEvent.Type.MouseButtonRelease, end, LEFT, NO_BUTTON))
    card = scene.document.card(card_id)
    if (card.stage_id, card.lane_id) != (target_stage, lane_id):
        raise GestureFailed("the dragged card did not land in the cell it was dropped on")
    session.notes.setdefault("drop_ms", []).append(drop)
    return times


def rubber_band(session: Session, *, moves: int = 40) -> list[float]:
    """From an empty spot of a cell, drag a rubber band down and right; the selection must grow."""
    view, scene, port = session.view, session.scene, session.view.viewport()
    scene.clear_selection()
    session.clock.settle()
    layout = scene.layout()
    seen = visible_scene_rect(view)
    start = None
    # An empty spot: inside a cell, on no card and no connection, in the view's upper left part.
    for fx in (0.2, 0.3, 0.4, 0.25, 0.35, 0.15):
        for fy in [i / 40 for i in range(6, 24)]:
            x, y = seen.left() + seen.width() * fx, seen.top() + seen.height() * fy
            hit = scene.hit_at(QPointF(x, y))
            if hit.kind == "cell" and scene.connection_at(QPointF(x, y)) is None:
                start = QPointF(x, y)
                break
        if start is not None:
            break
    if start is None:
        raise GestureFailed("no empty spot in view to start a rubber band")
    a = QPointF(view.mapFromScene(start))
    b = QPointF(min(a.x() + port.width() * 0.45, port.width() - 40), min(a.y() + port.height() * 0.45, port.height() - 40))
    send_mouse(port, QEvent.Type.MouseButtonPress, a, LEFT, LEFT)
    times, counts = [], []
    for i in range(1, moves + 1):
        at = a + (b - a) * (i / moves)
        times.append(session.clock.frame(lambda at=at: send_mouse(port, QEvent.Type.MouseMove, at, NO_BUTTON, LEFT)))
        counts.append(len(scene.selected_ids().cards))
    send_mouse(port, QEvent.Type.MouseButtonRelease, b, LEFT, NO_BUTTON)
    session.clock.settle()
    chosen = len(scene.selected_ids().cards)
    if chosen < 3 or chosen <= counts[len(counts) // 4]:
        raise GestureFailed(f"the rubber band's selection did not grow ({counts[len(counts) // 4]} → {chosen})")
    session.notes["band_selected"] = chosen
    return times


def wheel_zoom(session: Session, *, steps: int = 8, rounds: int = 2) -> list[float]:
    """Ctrl+wheel around the viewport's centre: `steps` notches out, the wheel rests, as many back in,
    it rests, `rounds` times. Zooming out passes the level where cards turn into blocks and back.

    Each notch must change the zoom. The frames drawn when the wheel rests (the map drawn anew,
    sharp, at the zoom reached) are timed too: session.notes["zoom_rest_ms"]."""
    view, port = session.view, session.view.viewport()
    at = QPointF(port.width() / 2, port.height() / 2)
    times, rests = [], session.notes.setdefault("zoom_rest_ms", [])
    for _ in range(rounds):
        for delta in (-120, 120):
            for _ in range(steps):
                before = view.zoom_factor()
                times.append(session.clock.frame(lambda d=delta: send_wheel(port, at, d, CTRL)))
                now = view.zoom_factor()
                if not (now < before if delta < 0 else now > before):
                    raise GestureFailed(f"a Ctrl+wheel notch left the zoom at {now:.3f}")
            # The wheel rests: what its timer would do next, timed from the start.
            rests.append(session.clock.frame(view.end_wheel_zoom) if view.wheel_zooming() else 0.0)
            if view.wheel_zooming():
                raise GestureFailed("the map was not drawn anew when the wheel rested")
    return times


def fit_all(session: Session, *, frames: int = 30) -> tuple[float, list[float]]:
    """The app's Fit Map action (timed to its painted frame), then full repaints of the whole map in view.

    Checks the whole map is inside the view."""
    view = session.view
    action = session.window.actions["view.fit"]
    switch = session.clock.frame(action.trigger)
    layout = session.scene.layout()
    seen = visible_scene_rect(view)
    if not seen.adjusted(-1, -1, 1, 1).contains(QRectF(0.0, 0.0, layout.width, layout.height)):
        raise GestureFailed(f"Fit Map shows {seen}, not the whole {layout.width:.0f} × {layout.height:.0f} map")
    times = [session.clock.repaint_frame() for _ in range(frames)]
    session.notes["fit_zoom"] = view.zoom_factor()
    return switch, times


def scroll_everywhere(session: Session) -> int:
    """Show every part of the map at the current zoom, one screen at a time, each painted; returns screens."""
    view = session.view
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    screens = 0
    x = h.minimum()
    while True:
        y = v.minimum()
        while True:
            if (h.value(), v.value()) == (x, y):
                session.clock.repaint_frame()  # already there (the first screen): paint it all the same
            else:
                session.clock.frame(lambda x=x, y=y: (h.setValue(x), v.setValue(y)))
            screens += 1
            if y >= v.maximum():
                break
            y = min(v.maximum(), y + max(1, v.pageStep()))
        if x >= h.maximum():
            break
        x = min(h.maximum(), x + max(1, h.pageStep()))
    return screens
