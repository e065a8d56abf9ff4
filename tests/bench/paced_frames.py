"""Frames asked of the canvas at a steady pace while something else keeps the GUI thread busy.

`PacedFrames` asks for a frame every `every_ms` on a fixed schedule (as a display asks for one each
refresh): at each tick a real wheel event scrolls the view by `step` px, alternately down and up, so the
view stays where it is and every frame has something new to draw. A frame lasts from its scheduled
instant (not from when the busy thread got round to it: a stall is a late frame) until the first paint
of the viewport begun after its wheel event has finished. Every paint is logged (begun, finished, the
part of the scene it drew), so a caller can also ask when something was first drawn. Times are
time.monotonic(), one clock for every process of the machine.

Each tick checks the view moved; a frame that never got a paint is reported, never timed as fast.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.bench.gestures import send_wheel


class PacedFrames(QObject):
    def __init__(self, view, *, every_ms: float = 16.0, step: int = 25) -> None:
        super().__init__()
        self.view, self.port = view, view.viewport()
        self.every = every_ms / 1000
        bar = view.verticalScrollBar()
        per_notch = QApplication.wheelScrollLines() * bar.singleStep()
        self.delta = max(1, round(120 * step / per_notch))
        self.paints: list[tuple[float, float, QRectF]] = []  # (begun, finished, scene rect drawn)
        self.asks: list[tuple[float, float]] = []  # (scheduled, its wheel event sent)
        self.problems: list[str] = []
        self._next = 0.0
        self._down = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.port.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.port and event.type() == QEvent.Type.Paint:
            drawn = self.view.mapToScene(event.region().boundingRect()).boundingRect()
            begun = time.monotonic()
            self.view.viewportEvent(event)  # painted here, so the clock stops when the pixels are drawn
            self.paints.append((begun, time.monotonic(), drawn))
            return True
        return False

    def start(self) -> None:
        self._next = time.monotonic()
        self._tick()

    def stop(self) -> None:
        """No more frames are asked (the paints are still logged until `close`)."""
        self._timer.stop()

    def close(self) -> None:
        self._timer.stop()
        self.port.removeEventFilter(self)

    def _tick(self) -> None:
        now = time.monotonic()
        bar = self.view.verticalScrollBar()
        before = bar.value()
        self._down = not self._down or before <= bar.minimum()
        at = QPointF(self.port.width() / 2, self.port.height() / 2)
        send_wheel(self.port, at, -self.delta if self._down else self.delta)
        if bar.value() == before:
            self.problems.append(f"a wheel step did not scroll the view (still at {before})")
        sent = time.monotonic()
        while self._next <= now:  # every instant passed while the thread was busy asked for its frame
            self.asks.append((self._next, sent))
            self._next += self.every
        self._timer.start(max(0, math.ceil((self._next - time.monotonic()) * 1000)))

    def frames_ms(self, windows: list[tuple[float, float]]) -> list[float]:
        """Each frame scheduled inside one of the (start, end) windows: ms until its paint finished
        (inf for a frame no paint followed)."""
        out = []
        for scheduled, sent in self.asks:
            if any(a <= scheduled <= b for a, b in windows):
                done = next((finished for begun, finished, _ in self.paints if begun >= sent), math.inf)
                out.append((done - scheduled) * 1000)
        return out

    def first_drawn(self, rect: QRectF, after: float) -> float:
        """When a paint begun after `after` that drew the scene rect `rect` finished (inf: none did)."""
        return next((finished for begun, finished, drawn in self.paints if begun >= after and drawn.intersects(rect)),
                    math.inf)
