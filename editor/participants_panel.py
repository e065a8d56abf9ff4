"""The Participants panel: the people in the workshop room (not personas): name, role, colour.

Adding, renaming, recolouring, reordering and removing are each one undoable
edit. A participant's colour marks what is theirs (their ballot's dots).
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from model import edits, workshop
from model.domain import Participant

from .forms import colour_dot
from .item_list_panel import ItemListPanel


class ParticipantsPanel(ItemListPanel):
    kind = workshop.PARTICIPANT

    def __init__(self, session, prompts, parent=None) -> None:
        super().__init__(session, prompts, "The people in the room: they vote in the booth and rate in the room. "
                                           "Personas are whom the journey is about.", parent)
        self.setObjectName("participants")
        self.name_edit = self.fields.line(
            lambda: self.current().name,
            lambda name: workshop.rename_participant(self.doc, self.current_id(), name),
            placeholder="Name")
        self.role_edit = self.fields.line(
            lambda: self.current().role,
            lambda role: edits.update_item(self.doc, self.kind, self.current_id(), {"role": role}),
            placeholder="e.g. Support lead")
        self.colour_button = QPushButton("Colour…")
        self.colour_button.clicked.connect(self.choose_colour)
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Role", self.role_edit)
        self.form.addRow("Colour", self.colour_button)
        self.refresh()

    def item_text(self, value: Participant, row: int) -> str:
        return f"{value.name} — {value.role}" if value.role else value.name

    def item_icon(self, value: Participant):
        return colour_dot(value.colour)

    def new_item_op(self):
        op = workshop.add_participant(self.doc, f"Participant {len(self.items()) + 1}")
        return op, op.value.id

    def first_field(self):
        return self.name_edit

    def show_item(self, value: Participant | None) -> None:
        self.colour_button.setEnabled(value is not None and not self.session.read_only)
        if value is not None:
            self.colour_button.setIcon(colour_dot(value.colour))

    def choose_colour(self) -> None:
        value = self.current()
        if value is None:
            return
        colour = self.prompts.colour("Participant colour", value.colour)
        if colour:
            self.session.edit(edits.update_item(self.doc, self.kind, value.id, {"colour": colour}))
