"""The Session Journal panel: what happened while the workshop ran, as a timeline (read-only).

Rows come from model/workshop_journal.py (`timeline`, the same sentences the
report uses), times in the computer's local time. A row with a card selects
that card on the canvas when clicked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from model.workshop_journal import JOURNAL, journal, steps_as_run, timeline

from .when_seen import WhenSeen

_WATCHED = frozenset({JOURNAL, "workshop_step", "card"})


class JournalPanel(QWidget):
    def __init__(self, document, scene, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("journal")
        self.doc = document
        self.scene = scene
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("journal_tree")
        self.tree.setHeaderLabels(["Time", "What", "Step"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemClicked.connect(self._on_tree_item_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        # Rebuilt only while it can be seen (a hidden timeline when it is shown); several journal writes
        # in a row (a busy room) redraw once.
        self._when_seen = WhenSeen(self, self.refresh, delay_ms=0)
        self.detach = document.changed.connect(self._on_document_changed)

    def refresh(self) -> None:
        rows = timeline(self.doc)
        entries = journal(self.doc)
        runs = steps_as_run(self.doc)
        self.tree.clear()
        for row, entry in zip(rows, entries):
            local = row.at.astimezone()
            item = QTreeWidgetItem([local.strftime("%H:%M:%S"), row.text, row.step])
            item.setToolTip(0, local.strftime("%Y-%m-%d %H:%M:%S %Z"))
            item.setToolTip(1, row.text)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.card_id)
            self.tree.addTopLevelItem(item)
        if rows:
            self.tree.scrollToBottom()
            done = sum(1 for r in runs if r.ended is not None)
            self.summary.setText(f"{len(rows)} entries · {done} step{'s' if done != 1 else ''} run · since "
                                 f"{rows[0].at.astimezone().strftime('%Y-%m-%d %H:%M')}")
        else:
            self.summary.setText("Nothing yet: the journal records each step's real times and the cards the room "
                                 "adds while a workshop runs (start it on the run bar).")

    def _on_document_changed(self, change) -> None:
        if any(kind in _WATCHED for kind, _ in change.dirty) and (change.touches(JOURNAL) or journal(self.doc)):
            self._when_seen.request()

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        card_id = item.data(0, Qt.ItemDataRole.UserRole)
        if card_id and self.doc.has_card(card_id):
            self.scene.select("card", [card_id])
