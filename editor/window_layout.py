"""A main window's panel layout, kept while something passes over it and given back afterwards.

A presentation docks its presenter view beside the inspector (two screens) or
covers the editor (one screen), and the voting booth puts the panels away
while the laptop goes round the room; either may push the docks around, and a
facilitator who returns to the editor expects the panels as they left them.
Places and sizes come back (QMainWindow.restoreState: exact, where resizing
docks one by one is not); which docks and toolbars are open, and which tab is
in front, stay as they are by then (a panel opened meanwhile stays open).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from .when_seen import can_be_seen


def restore_layout(window: QMainWindow, state: QByteArray) -> None:
    """The docks' and toolbars' places and sizes as in `state` (window.saveState()); what is open stays."""
    docks = [dock for dock in window.findChildren(QDockWidget)
             if window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea]
    bars = [bar for bar in window.findChildren(QToolBar)
            if window.toolBarArea(bar) != Qt.ToolBarArea.NoToolBarArea]
    hidden = {widget: widget.isHidden() for widget in (*docks, *bars)}
    in_front = [dock for dock in docks if can_be_seen(dock)]
    window.restoreState(state)
    for widget, was_hidden in hidden.items():
        if widget.isHidden() != was_hidden:
            widget.setHidden(was_hidden)
    for dock in in_front:
        if window.tabifiedDockWidgets(dock):
            dock.raise_()
