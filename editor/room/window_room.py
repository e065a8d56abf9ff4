"""The room in a main window: Workshop › Open the Room… and Close the Room, the Room panel's dock,
what the panel asks of the window (the selected stages as the step's focus), and how to join shown
on the window's projector while the room is open."""

from __future__ import annotations

import errno
from dataclasses import replace

from PySide6.QtCore import Qt

from .panel import RoomPanel

DEFAULT_PORT = 8765  # the same address from one workshop to the next, when it is free


def open_room_on(room, address: str, port: int | None = None):
    """Open `room` on the address: the given port, or our usual one and any free one if it is taken.
    OSError or ValueError (nothing opened) when the address cannot be used."""
    try:
        return room.open(address, DEFAULT_PORT if port is None else port)
    except OSError as error:
        if port is not None or error.errno != errno.EADDRINUSE:
            raise
        return room.open(address, 0)


class WindowRoom:
    def __init__(self, window) -> None:
        self.window = window
        self.room = window.room
        self.panel = RoomPanel(self.room, window.prompts, window)
        self.dock = window._dock("Room", "room_dock", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        self.dock.hide()
        window.docks["room"] = self.dock
        self._placed = False  # the dock took its share of the column when the room first opened
        self.panel.open_requested.connect(self.open_room)
        self.panel.focus_requested.connect(self.focus_on_selection)
        self.room.opened.connect(self._on_room_opened)
        self.room.closed.connect(lambda: window.actions.refresh())  # the actions are made after the panels
        self.room.save_failed.connect(
            lambda message: window.statusBar().showMessage(f"A phone's change could not be saved: {message}", 8000))

    def open_room(self, address: str | None = None, port: int | None = None) -> bool:
        """Ask which network phones join on (unless given), then open the room; False if not opened."""
        from .qr import room_addresses

        if self.room.is_open:
            self._on_room_opened()
            return True
        if address is None:
            choices = room_addresses()
            labels = [c.label for c in choices]
            label = self.window.prompts.item(
                "Open the Room", "Phones join on this network (use one you trust, such as the laptop's own "
                "hotspot with a password: the room is plain HTTP, protected by its secret address):", labels)
            if label is None:
                return False
            address = choices[labels.index(label)].address
        try:
            open_room_on(self.room, address, port)
        except (OSError, ValueError) as error:
            self.window.prompts.warn("The room could not be opened", f"Phones cannot join on {address}: "
                                     f"{getattr(error, 'strerror', None) or error}")
            return False
        return True

    def show_on(self, presentation) -> None:
        """Tell `presentation` (editor/presentation/controller.py) how phones join while the room is open."""

        def opened() -> None:
            server = self.room.server
            if server is not None:
                presentation.show_room(server.join_url, server.base_url, server.code)

        self.room.opened.connect(opened)
        self.room.closed.connect(presentation.hide_room)
        opened()

    def focus_on_selection(self) -> None:
        """The step's focus: the selected stages, and the stages of the selected cards."""
        doc, chosen = self.window.document, self.window.scene.selected_ids()
        stages = set(chosen.stages) | {doc.card(c).stage_id for c in chosen.cards if doc.has_card(c)}
        if not stages:
            self.window.statusBar().showMessage("Select the stages (or cards in them) the room works on", 8000)
            return
        self.room.set_step(replace(self.room.step, stage_ids=tuple(s.id for s in doc.stages if s.id in stages)))

    def _on_room_opened(self) -> None:
        first = self.dock.isHidden() and not self._placed
        self.dock.show()
        self.dock.raise_()
        if first:
            self._share_the_column()
        self.window.actions.refresh()

    def _share_the_column(self) -> None:
        """The first time it opens under the inspector, the Room dock takes most of their column: a new dock
        gets a sliver of it, where the QR code alone fills the view (later, the facilitator's sizes stand)."""
        self._placed = True
        w, inspector = self.window, self.window.docks["inspector"]
        if self.dock.isFloating() or w.dockWidgetArea(self.dock) != w.dockWidgetArea(inspector) \
                or w.tabifiedDockWidgets(self.dock):
            return
        column = w.centralWidget().height()
        w.resizeDocks([inspector, self.dock], [column * 2 // 5, column * 3 // 5], Qt.Orientation.Vertical)

    def detach(self) -> None:
        self.panel.detach()
