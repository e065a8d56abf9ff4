"""Wall dots: the facilitator types the dot stickers counted on the printed poster, card by card.

A bar at the top of the window walks the session's votable cards in journey order, the current one
selected and brought into view. Type the count and press Enter: the wall total is set (one undoable
command, nothing when the count did not change) and the next card comes up. Shift+Enter goes back, Escape
ends. Totals are planned by model/voting.py (set_wall_total) and pushed through the EditSession.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox

from model import voting
from model.domain import MAX_VOTES
from model.errors import JourneyError

from .voting_focus import BallotBar, focus_votable

SNIPPET = 60  # characters of a card's text shown in the bar


class WallDotsBar(BallotBar):
    def __init__(self, parent=None) -> None:
        super().__init__("Wall dots", "wall_dots_bar", parent)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setMinimumWidth(260)
        self.count = QSpinBox()
        self.count.setRange(0, MAX_VOTES)
        self.count.setMinimumWidth(80)
        self.count.setToolTip("Dots counted on this card. Enter: next card · Shift+Enter: previous · Esc: done")
        self.previous = QPushButton("◀ Previous")
        self.next = QPushButton("Next ▶")
        self.finish = QPushButton("Done")
        self.place((self.where, self.count, self.previous, self.next), (self.finish,))


class WallDots(QObject):
    """Entering one session's wall totals over a window (editor/main_window.py)."""

    finished = Signal()

    def __init__(self, window, session_id: str) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.document
        self.session_id = session_id
        self.index = 0
        self.bar = WallDotsBar(window)
        self.bar.count.installEventFilter(self)
        self.bar.count.lineEdit().installEventFilter(self)
        self.bar.previous.clicked.connect(lambda: self.step(-1))
        self.bar.next.clicked.connect(lambda: self.step(+1))
        self.bar.finish.clicked.connect(self.close)
        self._detach = None
        self._shown: str | None = None  # the card whose count the spin box holds
        self.active = False

    def cards(self) -> list[str]:
        """The cards the session takes, in journey order (what the poster shows, left to right)."""
        session = self.doc.item("voting_session", self.session_id)
        return [c.id for c in voting.votable_cards(self.doc, session)]

    def open(self) -> None:
        self.active = True
        self.bar.put_on(self.window)
        self._detach = self.doc.changed.connect(self._on_document_changed)
        focus_votable(self.window.scene, self.doc, self.session_id)
        self.show_card()
        self.bar.count.setFocus()

    def close(self) -> None:
        if not self.active:
            return
        self.commit()
        self.active = False
        if self._detach is not None:
            self._detach()
        focus_votable(self.window.scene, self.doc, None)
        self.window.removeToolBar(self.bar)
        self.finished.emit()

    def _on_document_changed(self, change) -> None:
        if change.touches("card") or change.touches("voting_session"):
            focus_votable(self.window.scene, self.doc, self.session_id)
        self.show_card()

    def current(self) -> str | None:
        cards = self.cards()
        if not cards:
            return None
        self.index = max(0, min(self.index, len(cards) - 1))
        return cards[self.index]

    def show_card(self) -> None:
        """The current card in the bar, selected and in view, with its wall total ready to be typed over."""
        try:
            session = self.doc.item("voting_session", self.session_id)
        except JourneyError:
            self.bar.title.setText("This voting session was deleted")
            self.bar.count.setEnabled(False)
            return
        self.bar.title.setText(f"Wall dots: {session.name}")
        card_id = self.current()
        self.bar.count.setEnabled(card_id is not None and not session.closed)
        if card_id is None:
            self.bar.where.setText("No card can be voted on in this session.")
            return
        card = self.doc.card(card_id)
        text = " ".join(card.text.split()) or f"(untitled {card.kind.label.lower()})"
        if len(text) > SNIPPET:
            text = text[:SNIPPET - 1] + "…"
        self.bar.where.setText(f"{self.index + 1} / {len(self.cards())}: {text}")
        wall = next((v.count for v in voting.votes_in(self.doc, self.session_id)
                     if v.card_id == card_id and v.participant_id is None), 0)
        if card_id != self._shown or not self.bar.count.hasFocus():  # never under the facilitator's typing
            self._shown = card_id
            self.bar.count.setValue(wall)
            self.bar.count.selectAll()
        if self.window.scene.selected_ids().cards != (card_id,):
            self.window.scene.select("cards", [card_id])
            self.window.show_card(card_id)

    def commit(self) -> bool:
        """The typed count as the card's wall total: one undo step, none when it did not change."""
        card_id = self.current()
        if card_id is None or not self.bar.count.isEnabled():
            return False
        self.bar.count.interpretText()
        try:
            op = voting.set_wall_total(self.doc, self.session_id, card_id, self.bar.count.value())
        except JourneyError as error:
            self.bar.message.setText(str(error))
            return False
        pushed = self.window.session.edit(op)
        self.bar.message.setText("")
        return pushed

    def step(self, by: int) -> None:
        self.commit()
        self.index = max(0, min(self.index + by, len(self.cards()) - 1))
        self.show_card()
        self.bar.count.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.step(-1 if back else +1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return False
