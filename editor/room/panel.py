"""The Room panel: how phones join (address, QR code, room code), what they may do now, who is in,
and the inbox of cards they wrote, for the facilitator to accept, edit, discard or reveal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from model.room.plans import INBOX, PARTICIPANT
from model.room.step import PROMPT_MAX

from .controller import RoomController
from .qr import qr_pixmap_within

_ROOM_KINDS = ("participant", "inbox_card", "stage", "lane")
QR_SIDE = 132  # pixels: phones near the laptop can scan it; the room scans the projector's, much larger


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class RoomPanel(QWidget):
    open_requested = Signal()
    focus_requested = Signal()  # "the selected stages": the window knows the selection

    def __init__(self, room: RoomController, prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room_panel")
        self.room, self.prompts = room, prompts
        self.status = QLabel("The room is closed. Open it to let phones in the room take part.")
        self.status.setWordWrap(True)
        self.address = QLabel()
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.code = QLabel()
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(font)
        self.open_button, self.close_button = QPushButton("Open the Room…"), QPushButton("Close the Room")
        self.open_button.clicked.connect(self.open_requested.emit)
        self.close_button.clicked.connect(room.close)

        # How to join in one row, the code beside the QR code: the step and the inbox stay in sight in a short dock.
        details = QVBoxLayout()
        details.addWidget(self.code)
        details.addWidget(self.address)
        details.addStretch(1)
        details.addLayout(_buttons(self.open_button, self.close_button))
        join = QHBoxLayout()
        join.addWidget(self.qr)
        join.addLayout(details, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(join)
        layout.addWidget(self._build_step())
        layout.addWidget(self._build_people(), 1)  # the lists take what the dock has to spare
        layout.addWidget(self._build_inbox(), 2)

        room.opened.connect(self.refresh)
        room.closed.connect(self.refresh)
        room.changed.connect(self._refresh_lists)
        self._disconnect = room.document.changed.connect(self._on_document_changed)
        self.refresh()

    def _build_step(self) -> QGroupBox:
        box = QGroupBox("Phones may")
        self.writing, self.rating = QCheckBox("Add cards"), QCheckBox("Rate the touchpoints")
        self.voting = QCheckBox("Vote")
        self.private = QCheckBox("Keep new cards private until revealed")
        self.locked = QCheckBox("Lock joining (no one new)")
        self.prompt = QLineEdit()
        self.prompt.setMaxLength(PROMPT_MAX)
        self.prompt.setPlaceholderText("What you ask the room (shown on every phone)")
        self.focus = QLabel()
        self.focus.setWordWrap(True)
        focus_selected, whole_map = QPushButton("Focus on Selected Stages"), QPushButton("Whole Map")
        focus_selected.clicked.connect(self.focus_requested.emit)
        whole_map.clicked.connect(lambda: self._set(stage_ids=(), lane_ids=()))
        for box_, name in ((self.writing, "writing"), (self.rating, "rating"), (self.voting, "voting"),
                           (self.private, "private_writing")):
            box_.toggled.connect(lambda on, n=name: self._set(**{n: on}))
        self.locked.toggled.connect(self.room.set_joining_locked)
        self.prompt.editingFinished.connect(lambda: self._set(prompt=self.prompt.text().strip()))
        layout = QVBoxLayout(box)
        for widget in (self.writing, self.rating, self.voting, self.private, self.prompt, self.focus):
            layout.addWidget(widget)
        layout.addLayout(_buttons(focus_selected, whole_map))
        layout.addWidget(self.locked)
        return box

    def _build_people(self) -> QGroupBox:
        box = QGroupBox("Who is in")
        self.people = QListWidget()
        self.people.setObjectName("room_people")
        send_out, remove = QPushButton("Send Out"), QPushButton("Remove with Their Cards…")
        send_out.setToolTip("Their phone leaves the room; what they did stays in the map")
        send_out.clicked.connect(lambda: self._each_person(self.room.send_out))
        remove.clicked.connect(self._remove_people)
        layout = QVBoxLayout(box)
        layout.addWidget(self.people)
        layout.addLayout(_buttons(send_out, remove))
        return box

    def _build_inbox(self) -> QGroupBox:
        box = QGroupBox("Cards from the room")
        self.inbox = QListWidget()
        self.inbox.setObjectName("room_inbox")
        self.inbox.setWordWrap(True)
        self.inbox.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        accept, edit, discard, reveal = (QPushButton(t) for t in ("Accept", "Edit…", "Discard", "Reveal All"))
        accept.clicked.connect(lambda: [self.room.accept(i) for i in self._selected(self.inbox)])
        edit.clicked.connect(self._edit)
        discard.clicked.connect(lambda: self.room.discard(self._selected(self.inbox)))
        reveal.clicked.connect(self.room.reveal)
        self.inbox.itemDoubleClicked.connect(lambda item: self.room.accept(item.data(Qt.ItemDataRole.UserRole)))
        buttons = QGridLayout()  # two by two: four in a row would make the dock wider than its column
        for i, button in enumerate((accept, edit, discard, reveal)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(box)
        layout.addWidget(self.inbox)
        layout.addLayout(buttons)
        return box

    # -- the room's state ---------------------------------------------------------------------------

    def _set(self, **changes) -> None:
        from dataclasses import replace

        self.room.set_step(replace(self.room.step, **changes))

    def refresh(self) -> None:
        server = self.room.server
        self.open_button.setVisible(server is None)
        self.close_button.setVisible(server is not None)
        for widget in (self.qr, self.code, self.address):
            widget.setVisible(server is not None)
        if server is None:
            self.status.setText("The room is closed. Open it to let phones in the room take part.")
        else:
            self.status.setText("Phones join by scanning the code, or at the address with the room code:")
            self.qr.setPixmap(qr_pixmap_within(server.join_url, QR_SIDE))
            self.code.setText(server.code)
            self.address.setText(server.base_url)
        self._refresh_lists()

    def _refresh_lists(self) -> None:
        room, step = self.room, self.room.step
        for box, on in ((self.writing, step.writing), (self.rating, step.rating), (self.voting, step.voting),
                        (self.private, step.private_writing), (self.locked, room.joining_locked)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self.voting.setEnabled(room.voting is not None)
        self.voting.setToolTip("" if room.voting is not None else "Voting from phones comes with dot voting sessions")
        if not self.prompt.hasFocus():
            self.prompt.setText(step.prompt)
        doc = room.document
        stages = step.stages(doc)
        self.focus.setText("Focus: the whole map" if not step.stage_ids else
                           "Focus: " + ", ".join(s.name for s in stages))
        joined = set(room.joined)
        self._fill(self.people, [(p.id, p.name + ("  ✓ acted in this step" if p.id in room.acted_in_step else "")
                                  + ("  (sent out)" if p.id in room.sent_out else ""))
                                 for p in doc.items(PARTICIPANT) if p.id in joined])
        names = {p.id: p.name for p in doc.items(PARTICIPANT)}
        stage_names, lane_names = {s.id: s.name for s in doc.stages}, {lane.id: lane.name for lane in doc.lanes}
        self._fill(self.inbox, [(c.id, f"{c.text}\n— {names.get(c.participant_id, '?')}, "
                                       f"{stage_names[c.stage_id]} · {lane_names[c.lane_id]}"
                                       + ("  (private)" if c.hidden else ""))
                                for c in doc.items(INBOX)])

    @staticmethod
    def _fill(widget: QListWidget, rows: list[tuple[str, str]]) -> None:
        chosen = set(RoomPanel._selected(widget))
        widget.clear()
        for item_id, text in rows:
            item = QListWidgetItem(text)  # plain text: a card's "<b>" shows as typed
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            widget.addItem(item)
            item.setSelected(item_id in chosen)

    @staticmethod
    def _selected(widget: QListWidget) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in widget.selectedItems()]

    def _each_person(self, act) -> None:
        for pid in self._selected(self.people):
            act(pid)

    def _remove_people(self) -> None:
        chosen = self._selected(self.people)
        if chosen and self.prompts.confirm("Remove from the room", "Remove the selected people from the map, "
                                           "with their ratings and the cards they wrote that wait here? "
                                           "(Edit › Undo brings them back.)", "Remove"):
            for pid in chosen:
                self.room.remove_with_items(pid)

    def _edit(self) -> None:
        chosen = self._selected(self.inbox)
        if len(chosen) == 1:
            waiting = self.room.document.item(INBOX, chosen[0])
            text = self.prompts.text("Edit the card", "Text:", waiting.text)
            if text is not None:
                self.room.edit_text(chosen[0], text)

    def _on_document_changed(self, change) -> None:
        if any(change.touches(kind) for kind in _ROOM_KINDS):
            self._refresh_lists()

    def detach(self) -> None:
        self._disconnect()
