"""Find & filter: search card text, filter by kind, channel, persona, owner and evidence.

Matching cards are highlighted on the canvas and the rest dimmed
(the canvas's find decoration layer); with no search and no filter, nothing is dimmed.
This is view state: nothing here touches the document or the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from canvas.decorations import FIND, Decoration
from model.domain import CardKind, Channel, Evidence

from .forms import literal_tooltip

ANY = "Any"


def matching_cards(doc, text: str = "", *, kind=None, channel=None, persona_id=None, owner=None,
                   evidence=None) -> list[str]:
    """Ids of the cards (in journey order) that contain `text` (case-insensitive, text or notes) and pass every filter."""
    needle = text.casefold().strip()
    felt = {card for (card, p) in doc.emotions() if p == persona_id} if persona_id else None
    found = []
    for card in doc.cards():
        if needle and needle not in card.text.casefold() and needle not in card.notes.casefold():
            continue
        if kind is not None and card.kind != kind:
            continue
        if channel is not None and card.channel != channel:
            continue
        if owner is not None and card.owner != owner:
            continue
        if evidence is not None and card.evidence != evidence:
            continue
        if felt is not None and card.id not in felt:
            continue
        found.append(card.id)
    return found


class FindPanel(QWidget):
    card_activated = Signal(str)  # a result was clicked: the window shows that card

    def __init__(self, document, scene, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("find")
        self.doc = document
        self.scene = scene
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search card text…")
        self.search.setClearButtonEnabled(True)
        self.kind = self._combo([(k.label, k) for k in CardKind])
        self.channel = self._combo([(ch.label, ch) for ch in Channel if ch.value])
        self.persona = QComboBox()
        self.owner = QComboBox()
        self.evidence = self._combo([(e.value.capitalize(), e) for e in Evidence if e.value])
        self.count = QLabel()
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.results.itemClicked.connect(self._on_results_item_activated)

        form = QFormLayout()
        form.addRow(self.search)
        form.addRow("Kind", self.kind)
        form.addRow("Channel", self.channel)
        form.addRow("Persona", self.persona)
        form.addRow("Owner", self.owner)
        form.addRow("Evidence", self.evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignRight)

        self.search.textChanged.connect(self.apply)
        for combo in (self.kind, self.channel, self.persona, self.owner, self.evidence):
            combo.currentIndexChanged.connect(self.apply)
        # A burst of edits (a paste of fifty cards) re-runs the search once.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._on_document_settled)
        self.detach = document.changed.connect(lambda _change: self._later.start())  # the window calls it when it closes
        self._fill_dynamic_choices()
        self.apply()

    @staticmethod
    def _combo(items) -> QComboBox:
        combo = QComboBox()
        combo.addItem(ANY, None)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _fill_dynamic_choices(self) -> None:
        """Persona and owner choices follow the map; the current choice is kept while it exists."""
        for combo, items in (
            (self.persona, [(p.name, p.id) for p in self.doc.personas]),
            (self.owner, [(o, o) for o in sorted({c.owner for c in self.doc.cards() if c.owner}, key=str.casefold)]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ANY, None)
            for label, value in items:
                combo.addItem(label, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def is_filtering(self) -> bool:
        return bool(self.search.text().strip()) or any(
            combo.currentData() is not None
            for combo in (self.kind, self.channel, self.persona, self.owner, self.evidence))

    def matches(self) -> list[str]:
        return matching_cards(
            self.doc, self.search.text(), kind=self.kind.currentData(), channel=self.channel.currentData(),
            persona_id=self.persona.currentData(), owner=self.owner.currentData(),
            evidence=self.evidence.currentData())

    def apply(self) -> None:
        """Highlight the matches on the canvas (or clear the highlight) and list them."""
        self.results.clear()
        if not self.is_filtering():
            self.scene.set_decoration(FIND, None)
            self.count.setText("Type to search, or choose a filter.")
            return
        found = self.matches()
        self.scene.set_decoration(FIND, Decoration(focus=frozenset(found)))
        self.count.setText("No card matches." if not found else
                           f"{len(found)} card{'s' if len(found) != 1 else ''} match.")
        for card_id in found[:500]:
            card = self.doc.card(card_id)
            stage = self.doc.stage(card.stage_id).name
            text = " ".join(card.text.split()) or "(empty card)"
            item = QListWidgetItem(f"{text}  ·  {stage}")
            item.setData(Qt.ItemDataRole.UserRole, card_id)
            item.setToolTip(literal_tooltip(card.text))
            self.results.addItem(item)

    def clear(self) -> None:
        for combo in (self.kind, self.channel, self.persona, self.owner, self.evidence):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self.apply()

    def focus_search(self) -> None:
        parent = self.parentWidget()
        if parent is not None and parent.isHidden():
            parent.show()
        if parent is not None:
            parent.raise_()
        self.search.setFocus()
        self.search.selectAll()

    def _on_document_settled(self) -> None:
        # A chosen persona or owner that left the map falls back to Any: apply that too,
        # or the cards would stay dimmed by a filter no longer shown.
        was_filtering = self.is_filtering()
        self._fill_dynamic_choices()
        if was_filtering or self.is_filtering():
            self.apply()

    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        card_id = item.data(Qt.ItemDataRole.UserRole)
        if self.doc.has_card(card_id):
            self.scene.select("card", [card_id])
            self.card_activated.emit(card_id)
