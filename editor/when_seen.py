"""Keeping a panel up to date only while someone can see it.

Qt calls a dock widget tabbed behind another one visible: `isVisible()` stays True, the panel just has
no area on the screen. A panel that asked `isVisible()` before redrawing after a change of the map kept
redrawing behind the inspector's tab. `can_be_seen` asks the real question, and `WhenSeen` runs a panel's
refresh after a change while it can be seen, and otherwise once it can be seen again: when it is shown,
or when its dock's tab is brought forward.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget


def can_be_seen(widget: QWidget) -> bool:
    """Shown, and not hidden behind another dock's tab (or anything else covering all of it)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class WhenSeen(QObject):
    """Calls `refresh` for `widget` only while the widget can be seen.

    `request()` after a change: with no `delay_ms`, the widget refreshes at once; with one, that long
    after the last request (a burst of changes refreshes once). While it cannot be seen it only
    becomes stale, and refreshes when it is shown or its dock's tab is raised.
    """

    def __init__(self, widget: QWidget, refresh: Callable[[], None], *, delay_ms: int | None = None,
                 stale: bool = True) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self.stale = stale
        self._dock: QDockWidget | None = None
        self._timer: QTimer | None = None
        if delay_ms is not None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(delay_ms)
            self._timer.timeout.connect(self._on_timer_timeout)
        widget.installEventFilter(self)

    def request(self) -> None:
        """What the widget shows has changed."""
        self.stale = True
        if not can_be_seen(self._widget):
            return
        if self._timer is None:
            self.refresh_now()
        else:
            self._timer.start()

    def refresh_now(self) -> None:
        self.stale = False
        self._refresh()

    def stop(self) -> None:
        """No refresh is pending any more (the window is closing)."""
        if self._timer is not None:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if can_be_seen(self._widget):
            self.refresh_now()

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible and self.stale:  # its tab brought forward (or the dock shown)
            self.refresh_now()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self._widget and event.type() == QEvent.Type.Show:
            self._watch_dock()
            if self.stale and can_be_seen(self._widget):
                self.refresh_now()
        return False

    def _watch_dock(self) -> None:
        """Hear of the dock's tab being raised: the widget itself is told nothing then (it was never hidden)."""
        if self._dock is not None:
            return
        parent = self._widget.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is not None:
            self._dock = parent
            parent.visibilityChanged.connect(self._on_dock_visibility_changed)
