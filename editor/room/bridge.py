"""The hand-over between the room's server thread and the GUI thread.

`submit(intent)` is called on the server thread: it queues the intent with a future and, when the
queue was empty, emits a queued signal, so the handler runs on the GUI thread (the only thread that
touches the Document) with every intent waiting by then: a storm of phones becomes a few groups,
each saved in one transaction (the file's synchronous write is the slow part). The handler's outcomes
resolve the futures the server awaits. Closing resolves every future still waiting with CLOSED, so the
server's shutdown never waits on the GUI thread that is shutting it down.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, InvalidStateError

from PySide6.QtCore import QObject, Qt, Signal

from model.room.intents import Intent

from .host import CLOSED, Outcome

MOST_AT_ONCE = 200  # intents applied in one group: bounds one transaction's size and wait


class IntentBridge(QObject):
    _posted = Signal()  # from any thread: intents are waiting

    def __init__(self, handle: Callable[[Sequence[Intent]], list[Outcome]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handle = handle
        self._lock = threading.Lock()
        self._waiting: list[tuple[Intent, Future]] = []
        self._closed = False
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
        while True:
            with self._lock:
                group, self._waiting = self._waiting[:MOST_AT_ONCE], self._waiting[MOST_AT_ONCE:]
            if not group:
                return
            outcomes = self._handle([intent for intent, _ in group])
            for (_, future), outcome in zip(group, outcomes):
                _resolve(future, outcome)

    def close(self) -> None:
        """No intent is applied any more; every waiting phone is told the room closed."""
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
