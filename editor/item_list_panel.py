"""A panel for the ordered items of one declared entity (model/entities.py): a list, Add, Remove, Up, Down, a form.

Every change is one undoable edit through the EditSession; the list and the
form show the document and are rebuilt from it after each change of the
entity. Subclasses give the list's text and the form's rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from model import edits, ops
from model.entities import ENTITIES

from .forms import FieldBinder
from .prompts import Prompts
from .session import EditSession


def show_list_buttons(panel, has: bool) -> None:
    """A list-and-form panel's form and add/remove/up/down buttons, as its current row (`has`: one is
    chosen) and a read-only map allow; the personas panel and every ItemListPanel share it."""
    read_only = panel.session.read_only
    row = panel.list.currentRow()
    panel.form_widget.setVisible(has)
    panel.add_button.setEnabled(not read_only)
    panel.remove_button.setEnabled(has and not read_only)
    panel.up_button.setEnabled(has and not read_only and row > 0)
    panel.down_button.setEnabled(has and not read_only and row < panel.list.count() - 1)


class ItemListPanel(QWidget):
    kind = ""  # the entity's kind: "participant", "workshop_step"
    watched: frozenset[str] = frozenset()  # other kinds whose changes the list or form shows

    def __init__(self, session: EditSession, prompts: Prompts, hint: str, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.prompts = prompts
        self.doc = session.document
        self.entity = ENTITIES[self.kind]
        self._loading = False

        self.list = QListWidget()
        self.list.setObjectName(f"{self.kind}_list")
        self.list.setIconSize(QSize(14, 14))
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.buttons = QHBoxLayout()
        for button, handler in ((self.add_button, self.add_item), (self.remove_button, self.remove_item),
                                (self.up_button, lambda: self.move_item(-1)),
                                (self.down_button, lambda: self.move_item(+1))):
            button.clicked.connect(handler)
            self.buttons.addWidget(button)

        self.fields = FieldBinder(session)
        self.form_widget = QWidget()
        self.form = QFormLayout(self.form_widget)
        self.form.setContentsMargins(0, 6, 0, 0)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-size: 11px;")

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.layout_.addWidget(self.list)
        self.layout_.addWidget(self.hint)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.form_widget)
        self.layout_.addStretch()

        self.detach = self.doc.changed.connect(self._on_document_changed)  # the window calls it when closing
        session.read_only_changed.connect(lambda _r: self.refresh())

    # -- what subclasses say -------------------------------------------------------------------------

    def item_text(self, value: Any, row: int) -> str:
        return getattr(value, self.entity.label_field)

    def item_icon(self, value: Any) -> QIcon | None:
        return None

    def new_item_op(self) -> tuple[ops.Op | None, str | None]:
        """The edit that adds an item, and the new item's id."""
        raise NotImplementedError

    def first_field(self) -> QWidget | None:
        """The field to type in after Add."""
        return None

    def show_item(self, value: Any | None) -> None:
        """Bring the form's own widgets (beyond the bound fields) up to date."""

    # -- reading -------------------------------------------------------------------------------------

    def items(self) -> list[Any]:
        return self.doc.items(self.kind)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current(self) -> Any | None:
        item_id = self.current_id()
        return self.doc.item(self.kind, item_id) if item_id is not None else None

    def select(self, item_id: str) -> None:
        ids = [v.id for v in self.items()]
        if item_id in ids:
            self.list.setCurrentRow(ids.index(item_id))

    # -- showing ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._loading = True
        try:
            keep, row = self.current_id(), self.list.currentRow()
            values = self.items()
            self.list.clear()
            for i, value in enumerate(values):
                item = QListWidgetItem(self.item_text(value, i))
                icon = self.item_icon(value)
                if icon is not None:
                    item.setIcon(icon)
                item.setData(Qt.ItemDataRole.UserRole, value.id)
                self.list.addItem(item)
            ids = [v.id for v in values]
            if keep in ids:
                self.list.setCurrentRow(ids.index(keep))
            elif ids:
                self.list.setCurrentRow(max(0, min(row, len(ids) - 1)))  # the neighbour of a removed one
            self._show_current()
        finally:
            self._loading = False

    def _show_current(self) -> None:
        value = self.current()
        has = value is not None
        show_list_buttons(self, has)
        if has:
            self.fields.refresh()
        self.show_item(value)

    def _on_document_changed(self, change) -> None:
        if change.touches(self.kind) or any(change.touches(kind) for kind in self.watched):
            self.refresh()

    def _on_list_current_row_changed(self, _row: int) -> None:
        if not self._loading:
            self._show_current()

    # -- edits ---------------------------------------------------------------------------------------------

    def add_item(self) -> None:
        op, new_id = self.new_item_op()
        if self.session.edit(op) and new_id is not None:
            self.select(new_id)
            field = self.first_field()
            if field is not None:
                field.setFocus()
                if hasattr(field, "selectAll"):
                    field.selectAll()

    def remove_item(self) -> None:
        value = self.current()
        if value is None:
            return
        owned = _dependents(self.doc, self.kind, value.id)
        if owned and not self.prompts.confirm(
                f"Remove {self.entity.noun}",
                f"Remove “{self.item_text(value, self.list.currentRow())}” and {owned} that belong to it?\n\n"
                "Undo brings them back.", "Remove"):
            return
        self.session.edit(ops.RemoveItem(self.kind, value.id))

    def move_item(self, step: int) -> None:
        value = self.current()
        if value is None:
            return
        index = self.doc.item_index(self.kind, value.id) + step
        if 0 <= index < len(self.items()):
            self.session.edit(edits.move_item(self.doc, self.kind, value.id, index))


def _dependents(doc, kind: str, item_id: str) -> str:
    """What removing the item also removes, in words ('2 ballots'); '' for nothing."""
    parts = []
    for entity in ENTITIES.values():
        fields = [r.field for r in entity.refs if r.kind == kind]
        count = sum(1 for v in doc.items(entity.kind) if any(getattr(v, f) == item_id for f in fields)) if fields else 0
        if count:
            parts.append(f"{count} {entity.noun}{'s' if count != 1 else ''}")
    return ", ".join(parts)
