"""The Personas panel: add, edit every field (colour, photo), reorder, remove, show/hide curves, pick the active one.

The list's current persona is the active persona of the canvas (the one a
click in an Emotions lane adds a point for): view state, never on the undo
stack. The checkbox of a row is the persona's `visible` field: a command.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from model import edits
from model import ops
from model.domain import Persona, next_colour

from .session import EditSession
from .forms import FieldBinder, colour_dot, literal_tooltip
from .item_list_panel import show_list_buttons
from .prompts import Prompts

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"
PHOTO_MAX_SIDE = 512  # photos are shown small; keeping them small keeps the map file small
PHOTO_MAX_BYTES = 20_000_000


def photo_bytes_from_file(path: Path) -> bytes:
    """PNG bytes of an image file, scaled down to PHOTO_MAX_SIDE; ValueError if it is not a readable image."""
    if path.stat().st_size > PHOTO_MAX_BYTES:
        raise ValueError(f"{path.name} is larger than 20 MB")
    image = QImage()
    if not image.loadFromData(path.read_bytes()):
        raise ValueError(f"{path.name} is not an image Journeymap can read")
    if max(image.width(), image.height()) > PHOTO_MAX_SIDE:
        image = image.scaled(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class PersonasPanel(QWidget):
    def __init__(self, session: EditSession, scene, prompts: Prompts, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personas")
        self.session = session
        self.scene = scene
        self.prompts = prompts
        self.doc = session.document
        self._loading = False

        self.list = QListWidget()
        self.list.setIconSize(QSize(14, 14))
        self.list.setMaximumHeight(120)
        self.list.setToolTip("The selected persona is the active one: clicks in an Emotions lane add its points.\n"
                             "Untick a persona to hide its curve.")
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.itemChanged.connect(self._on_list_item_changed)

        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        for button, handler in ((self.add_button, self.add_persona), (self.remove_button, self.remove_persona),
                                (self.up_button, lambda: self.move_persona(-1)),
                                (self.down_button, lambda: self.move_persona(+1))):
            button.clicked.connect(handler)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)

        self.fields = FieldBinder(session)
        self.form_widget = QWidget()
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 6, 0, 0)

        def bind(name: str):
            return (lambda: getattr(self.doc.persona(self.current_id()), name),
                    lambda v: edits.update(self.doc, ops.UpdatePersona, self.current_id(), {name: v}))

        self.photo = QLabel()
        self.photo.setFixedSize(72, 72)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid palette(mid); border-radius: 4px;")
        self.photo_button = QPushButton("Photo…")
        self.photo_button.clicked.connect(self.choose_photo)
        self.clear_photo_button = QPushButton("Remove Photo")
        self.clear_photo_button.clicked.connect(self.clear_photo)
        self.colour_button = QPushButton("Colour…")
        self.colour_button.clicked.connect(self.choose_colour)
        photo_buttons = QVBoxLayout()
        for button in (self.colour_button, self.photo_button, self.clear_photo_button):
            photo_buttons.addWidget(button)
        photo_buttons.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.photo)
        top.addLayout(photo_buttons)
        top.addStretch()
        form.addRow(top)
        form.addRow("Name", f_name := self.fields.line(*bind("name")))
        self.name_edit = f_name
        form.addRow("Role", self.fields.line(*bind("role")))
        form.addRow("Quote", self.fields.text_area(*bind("quote"), lines=2))
        for name in ("goals", "needs", "pains", "behaviours", "motivations"):
            form.addRow(name.capitalize(), self.fields.text_area(*bind(name), lines=3))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        hint = QLabel("Click the Emotions lane to add a point for the selected persona; untick to hide a curve.")
        hint.setWordWrap(True)
        hint.setStyleSheet("font-size: 11px;")  # the palette's text colour: readable in every theme
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.form_widget)
        layout.addStretch()

        self.detach = self.doc.changed.connect(self._on_document_changed)  # the window calls it when it closes
        session.read_only_changed.connect(lambda _r: self.refresh())
        self.refresh()
        if self.doc.personas and scene.active_persona() is None:
            self.list.setCurrentRow(0)

    # -- reading -------------------------------------------------------------------------

    def persona_ids(self) -> list[str]:
        return [p.id for p in self.doc.personas]

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_persona(self, persona_id: str) -> None:
        ids = self.persona_ids()
        if persona_id in ids:
            self.list.setCurrentRow(ids.index(persona_id))

    # -- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._loading = True
        try:
            keep = self.scene.active_persona() or self.current_id()
            personas = self.doc.personas
            self.list.blockSignals(True)
            self.list.clear()
            for persona in personas:
                item = QListWidgetItem(colour_dot(persona.colour), persona.name)
                item.setData(Qt.ItemDataRole.UserRole, persona.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if persona.visible else Qt.CheckState.Unchecked)
                item.setToolTip(literal_tooltip(persona.role or persona.name))
                self.list.addItem(item)
            ids = [p.id for p in personas]
            if keep in ids:
                self.list.setCurrentRow(ids.index(keep))
            elif ids:
                self.list.setCurrentRow(0)
            self.list.blockSignals(False)
            self._sync_active()
            self._show_current()
        finally:
            self._loading = False

    def _show_current(self) -> None:
        persona_id = self.current_id()
        read_only = self.session.read_only
        has = persona_id is not None
        show_list_buttons(self, has)
        for button in (self.colour_button, self.photo_button):
            button.setEnabled(has and not read_only)
        if not has:
            return
        persona = self.doc.persona(persona_id)
        self.clear_photo_button.setEnabled(persona.photo is not None and not read_only)
        self.colour_button.setIcon(colour_dot(persona.colour))
        self.fields.refresh()
        self.photo.setPixmap(self.photo_pixmap(persona))
        if persona.photo is None:
            self.photo.setText("No photo")

    def photo_pixmap(self, persona: Persona) -> QPixmap:
        """The persona's photo as a 70 px thumbnail (a null pixmap when there is none or it cannot be read)."""
        if persona.photo is None:
            return QPixmap()
        pixmap = QPixmap()
        if not pixmap.loadFromData(persona.photo):
            return QPixmap()
        return pixmap.scaled(70, 70, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)

    def _sync_active(self) -> None:
        persona_id = self.current_id()
        if self.scene.active_persona() != persona_id:
            self.scene.set_active_persona(persona_id)

    # -- events --------------------------------------------------------------------------------

    def _on_document_changed(self, change) -> None:
        if change.touches("persona") or change.touches("map"):
            self.refresh()

    def _on_list_current_row_changed(self, _row: int) -> None:
        if self._loading:
            return
        self._sync_active()
        self._show_current()

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        persona_id = item.data(Qt.ItemDataRole.UserRole)
        visible = item.checkState() == Qt.CheckState.Checked
        if not self.session.edit(edits.update(self.doc, ops.UpdatePersona, persona_id, {"visible": visible})):
            self.refresh()  # read-only or refused: show the model's state again

    # -- edits -----------------------------------------------------------------------------------

    def add_persona(self) -> None:
        colour = next_colour({p.colour for p in self.doc.personas}, len(self.doc.personas))
        persona = Persona(f"Persona {len(self.doc.personas) + 1}", colour=colour)
        if self.session.edit(edits.add_persona(self.doc, persona)):
            self.select_persona(persona.id)
            self.name_edit.setFocus()
            self.name_edit.selectAll()

    def remove_persona(self) -> None:
        persona_id = self.current_id()
        if persona_id is None:
            return
        persona = self.doc.persona(persona_id)
        felt = sum(1 for (_card, p) in self.doc.emotions() if p == persona_id)
        if felt and not self.prompts.confirm(
                "Remove persona", f"Remove “{persona.name}” and the {felt} points of their emotion curve?\n\n"
                                  "Undo brings them back.", "Remove"):
            return
        self.session.edit(ops.RemovePersona(persona_id))

    def move_persona(self, step: int) -> None:
        persona_id = self.current_id()
        if persona_id is None:
            return
        index = self.doc.persona_index(persona_id) + step
        if 0 <= index < len(self.doc.personas):
            self.session.edit(edits.move_persona(self.doc, persona_id, index))

    def choose_colour(self) -> None:
        persona_id = self.current_id()
        if persona_id is None:
            return
        colour = self.prompts.colour("Persona colour", self.doc.persona(persona_id).colour)
        if colour:
            self.session.edit(edits.update(self.doc, ops.UpdatePersona, persona_id, {"colour": colour}))

    def choose_photo(self) -> None:
        persona_id = self.current_id()
        if persona_id is None:
            return
        path = self.prompts.open_file("Choose a photo", IMAGE_FILTER)
        if path is None:
            return
        try:
            data = photo_bytes_from_file(path)
        except (OSError, ValueError) as error:
            self.prompts.warn("Cannot use that photo", str(error))
            return
        self.session.edit(edits.update(self.doc, ops.UpdatePersona, persona_id, {"photo": data}))

    def clear_photo(self) -> None:
        persona_id = self.current_id()
        if persona_id is not None:
            self.session.edit(edits.update(self.doc, ops.UpdatePersona, persona_id, {"photo": None}))
