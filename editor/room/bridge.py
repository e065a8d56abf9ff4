"""The hand-over between the room's server thread and the GUI thread.

`submit(intent)` is called on the server thread: it queues the intent with a future and, when the
queue was empty, emits a queued signal, so the handler runs on the GUI thread (the only thread that
touches the Document) with every intent waiting by then: a storm of phones becomes a few groups,
each saved in one transaction (the file's synchronous write is the slow part). The handler's outcomes
resolve the futures the server awaits; then `settled()` runs (the controller wakes the phones' live
streams there, so the server answers the phones that acted before it sends everyone the new state).
Closing resolves every future still waiting with CLOSED, so the server's shutdown never waits on the GUI
thread that is shutting it down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, InvalidStateError

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from model.room.intents import Intent

from .host import CLOSED, Outcome

MOST_AT_ONCE = 200  # intents applied in one group: bounds one transaction's size and wait
# A room tapping at once reaches the GUI thread over some milliseconds (the server reads one request at a
# time): wait until GATHER_MS pass with nothing new, at most GATHER_MAX_MS, and save them as one group.
GATHER_MS, GATHER_MAX_MS = 3, 25


class IntentBridge(QObject):
    _posted = Signal()  # from any thread: intents are waiting

    def __init__(self, handle: Callable[[Sequence[Intent]], list[Outcome]], parent: QObject | None = None, *,
                 settled: Callable[[], None] = lambda: None) -> None:
        super().__init__(parent)
        self._handle, self._settled = handle, settled
        self._lock = threading.Lock()
        self._waiting: list[tuple[Intent, Future]] = []
        self._closed = False
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._on_gather_timeout)
        self._gather_seen, self._gather_since = 0, 0.0
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def submit(self, intent: Intent) -> Future[Outcome]:
        """Any thread: the intent's outcome, once the GUI thread applied it (or refused it)."""
        future: Future[Outcome] = Future()
        with self._lock:
            if self._closed:
                future.set_result(CLOSED)
                return future
            self._waiting.append((intent, future))
            first = len(self._waiting) == 1
        if first:
            self._posted.emit()
        return future

    def _on_posted(self) -> None:
        if not self._gather.isActive():
            self._gather_seen, self._gather_since = self._count(), time.monotonic()
            self._gather.start()

    def _count(self) -> int:
        with self._lock:
            return len(self._waiting)

    def _on_gather_timeout(self) -> None:
        now = self._count()
        if now > self._gather_seen and (time.monotonic() - self._gather_since) * 1000 < GATHER_MAX_MS:
            self._gather_seen = now  # still arriving: wait for a quiet moment
            self._gather.start()
            return
        self._apply_waiting()

    def _apply_waiting(self) -> None:
        while True:
            with self._lock:
                group, self._waiting = self._waiting[:MOST_AT_ONCE], self._waiting[MOST_AT_ONCE:]
            if not group:
                return
            try:
                outcomes = self._handle([intent for intent, _ in group])
                for (_, future), outcome in zip(group, outcomes):
                    _resolve(future, outcome)
            finally:
                self._settled()

    def close(self) -> None:
        """No intent is applied any more; every waiting phone is told the room closed."""
        self._gather.stop()
        with self._lock:
            self._closed = True
            waiting, self._waiting = self._waiting, []
        for _, future in waiting:
            _resolve(future, CLOSED)


def _resolve(future: Future, outcome: Outcome) -> None:
    try:
        future.set_result(outcome)
    except InvalidStateError:
        pass  # cancelled by a server that stopped waiting
