"""File > Snapshots: create a named snapshot, list them, open one as a new map, revert to one.

Reverting is one undoable command (ReplaceContent), asked for first; opening
a snapshot makes a new map in the data folder and leaves this one alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout)

from model import edits
from model.errors import JourneyError



def when(iso: str) -> str:
    """A snapshot's ISO time in local time: '2026-05-01 14:02'."""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SnapshotsDialog(QDialog):
    def __init__(self, map_file, session, context, prompts, parent=None, *, compare=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snapshots")
        self.map_file = map_file
        self.session = session
        self.context = context
        self.prompts = prompts
        self.compare = compare  # compare(snapshot info): compare mode against it (editor/compare_mode.py)
        intro = QLabel("A snapshot keeps the map as it is now, inside the same file. "
                       "Open one as a new map, or revert this map to it (undo brings today's map back).")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.create_button = QPushButton("Take Snapshot…")
        self.open_button = QPushButton("Open as New Map")
        self.revert_button = QPushButton("Revert to Snapshot…")
        self.compare_button = QPushButton("Compare with Now")
        self.compare_button.setToolTip("Show what changed since this snapshot: added, removed, changed, moved")
        self.compare_button.clicked.connect(self.compare_selected)
        self.create_button.clicked.connect(self.create_snapshot)
        self.open_button.clicked.connect(self.open_selected)
        self.revert_button.clicked.connect(self.revert_to_selected)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.compare_button, self.open_button, self.revert_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(520, 380)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        try:
            snapshots = self.map_file.snapshots()
        except JourneyError as error:
            self.prompts.warn("Cannot list the snapshots", str(error))
            snapshots = []
        for info in reversed(snapshots):  # newest first
            item = QListWidgetItem(f"{info.name}    {when(info.created)}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        read_only = self.session.read_only
        self.create_button.setEnabled(not read_only)
        self.open_button.setEnabled(has)
        self.compare_button.setEnabled(has and self.compare is not None)
        self.revert_button.setEnabled(has and not read_only)

    def create_snapshot(self) -> None:
        default = f"Snapshot {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}"
        name = self.prompts.text("Take a snapshot", "Name of the snapshot:", default)
        if not name or not name.strip():
            return
        try:
            self.map_file.create_snapshot(name.strip())
        except JourneyError as error:
            self.prompts.warn("Cannot take the snapshot", str(error))
            return
        self.reload()

    def open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            content = self.map_file.snapshot_content(info.id)
            title = f"{content.info.title} ({info.name})"
            content = replace(content, info=content.info.with_changes(title=title))
            new_file = self.context.files.create(content)
        except JourneyError as error:
            self.prompts.warn("Cannot open the snapshot", str(error))
            return
        self.context.open_window(new_file)
        self.accept()

    def compare_selected(self) -> None:
        info = self.selected()
        if info is None or self.compare is None:
            return
        self.accept()
        self.compare(info)

    def revert_to_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not self.prompts.confirm(
                "Revert to snapshot",
                f"Replace the whole map with the snapshot “{info.name}” ({when(info.created)})?\n\n"
                "Edit > Undo brings the current map back.", "Revert"):
            return
        try:
            content = self.map_file.snapshot_content(info.id)
        except JourneyError as error:
            self.prompts.warn("Cannot read the snapshot", str(error))
            return
        self.session.edit(edits.replace_content(self.session.document, content, f"Revert to “{info.name}”"))
        self.accept()
