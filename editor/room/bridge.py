"""The hand-over between the room's server thread and the GUI thread.

`submit(intent)` is called on the server thread: it registers a future and emits a queued signal, so
the handler runs on the GUI thread (the only thread that touches the Document), whose Outcome then
resolves the future the server awaits. Closing resolves every future still waiting with CLOSED, so the
server's shutdown never waits on the GUI thread that is shutting it down.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError

from PySide6.QtCore import QObject, Qt, Signal

from model.room.intents import Intent

from .host import CLOSED, Outcome


class IntentBridge(QObject):
    _posted = Signal(object)  # (intent, future), from any thread

    def __init__(self, handle: Callable[[Intent], Outcome], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handle = handle
        self._lock = threading.Lock()
        self._waiting: set[Future] = set()
        self._closed = False
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def submit(self, intent: Intent) -> Future[Outcome]:
        """Any thread: the intent's outcome, once the GUI thread applied it (or refused it)."""
        future: Future[Outcome] = Future()
        with self._lock:
            if self._closed:
                future.set_result(CLOSED)
                return future
            self._waiting.add(future)
        self._posted.emit((intent, future))
        return future

    def _on_posted(self, posted) -> None:
        intent, future = posted
        with self._lock:
            if future not in self._waiting:
                return  # resolved by close()
            self._waiting.discard(future)
        outcome = self._handle(intent)
        _resolve(future, outcome)

    def close(self) -> None:
        """No intent is applied any more; every waiting phone is told the room closed."""
        with self._lock:
            self._closed = True
            waiting, self._waiting = self._waiting, set()
        for future in waiting:
            _resolve(future, CLOSED)


def _resolve(future: Future, outcome: Outcome) -> None:
    try:
        future.set_result(outcome)
    except InvalidStateError:
        pass  # cancelled by a server that stopped waiting
