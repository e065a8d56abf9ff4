"""The presenter view: what the facilitator sees on the laptop while the projector shows the map.

A panel docked in the editor window (the full editor stays usable beside it):
the step on the screen, the time left, the step's notes for the facilitator,
the next step's title, and buttons for what the clicker does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from .screens import describe


def _plain(name: str, *, point_size: float | None = None, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is data, never markup
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    label.setFont(font)
    return label


class PresenterPanel(QWidget):
    previous_clicked = Signal()
    next_clicked = Signal()
    black_toggled = Signal(bool)
    room_toggled = Signal(bool)  # how to join the room, on the projector or not
    end_clicked = Signal()
    screen_chosen = Signal(object)  # a QScreen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenter_panel")
        self.heading = QLabel("On the projector")
        self.title_label = _plain("presenter_title", point_size=15, bold=True)
        self.prompt_label = _plain("presenter_prompt")
        self.timer_label = _plain("presenter_timer", point_size=26, bold=True, wrap=False)
        self.timer_label.hide()
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("presenter_notes")
        self.notes.setReadOnly(True)
        self.notes.setPlaceholderText("No notes for this step.")
        self.notes.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.next_label = _plain("presenter_next")
        self.previous_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.black_button = QPushButton("Black Screen")
        self.black_button.setCheckable(True)
        self.room_button = QPushButton("How to Join")
        self.room_button.setObjectName("presenter_room")
        self.room_button.setCheckable(True)
        self.room_button.setToolTip("The room's QR code, address and code on the projector (Q there)")
        self.room_button.hide()
        self.end_button = QPushButton("End Presentation")
        self.screen_box = QComboBox()
        self.screen_box.setObjectName("presenter_screen")
        self.screen_box.setToolTip("The screen the room sees")

        self.previous_button.clicked.connect(self.previous_clicked)
        self.next_button.clicked.connect(self.next_clicked)
        self.black_button.toggled.connect(self.black_toggled)
        self.room_button.toggled.connect(self.room_toggled)
        self.end_button.clicked.connect(self.end_clicked)
        self.screen_box.activated.connect(self._on_screen_box_activated)
        self._screens: list = []

        moves = QHBoxLayout()
        moves.addWidget(self.previous_button)
        moves.addWidget(self.next_button)
        controls = QHBoxLayout()
        controls.addWidget(self.black_button)
        controls.addWidget(self.room_button)
        controls.addWidget(self.end_button)
        notes_heading = QLabel("Notes")
        notes_heading.setObjectName("presenter_notes_heading")
        column = QVBoxLayout(self)
        for widget in (self.heading, self.title_label, self.prompt_label, self.timer_label, notes_heading):
            column.addWidget(widget)
        column.addWidget(self.notes, 1)
        column.addWidget(self.next_label)
        column.addLayout(moves)
        column.addLayout(controls)
        column.addWidget(self.screen_box)
        self.set_next("")

    def set_now(self, title: str, prompt: str, notes: str) -> None:
        self.title_label.setText(title)
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt))
        self.notes.setPlainText(notes)

    def set_next(self, title: str) -> None:
        self.next_label.setText(f"Next: {title}" if title else "Next: —")

    def set_timer(self, text: str, urgent: bool) -> None:
        self.timer_label.setText(text)
        self.timer_label.setVisible(bool(text))
        self.timer_label.setStyleSheet("color: #C53030;" if urgent else "")

    def set_black(self, black: bool) -> None:
        if self.black_button.isChecked() != black:
            self.black_button.blockSignals(True)
            self.black_button.setChecked(black)
            self.black_button.blockSignals(False)

    def set_room(self, open_: bool, shown: bool) -> None:
        """The room's button: there while the room is open, checked while the projector shows how to join."""
        self.room_button.setVisible(open_)
        if self.room_button.isChecked() != shown:
            self.room_button.blockSignals(True)
            self.room_button.setChecked(shown)
            self.room_button.blockSignals(False)

    def set_screens(self, screens: list, current) -> None:
        self._screens = list(screens)
        self.screen_box.clear()
        for screen in self._screens:
            self.screen_box.addItem(describe(screen))
        if current in self._screens:
            self.screen_box.setCurrentIndex(self._screens.index(current))

    def _on_screen_box_activated(self, index: int) -> None:
        if 0 <= index < len(self._screens):
            self.screen_chosen.emit(self._screens[index])
