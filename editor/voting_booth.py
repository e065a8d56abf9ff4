"""The voting booth: the laptop passed round the room, one participant at a time.

While the booth is open the window belongs to the room: its actions (shortcuts included) are locked, the
panels are put away, the canvas takes no edits, and a bar at the top asks who is voting. A participant picks
their name, clicks cards to give a vote (Shift-click or right-click takes one back), sees how many votes they
have left and their own votes as badges, never anyone else's; "Done" hides theirs again for the next person.

A participant's votes are theirs, not the facilitator's: each click is planned by model/voting.py and
applied with Origin.BOOTH straight to the document (saved at once), never pushed on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from canvas.vote_badges import VoteBadges
from model import ops, voting
from model.domain import Participant
from model.errors import JourneyError

from .voting_focus import BallotBar, focus_votable
from .window_layout import restore_layout
from model.events import Origin

PICK = "Choose your name…"
_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp,
                    Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End}
_CLICKS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}
_SWALLOWED = {QEvent.Type.MouseButtonRelease, QEvent.Type.ContextMenu}


class BoothBar(BallotBar):
    """Who is voting, how many votes they have left, what just happened, and Done."""

    def __init__(self, parent=None) -> None:
        super().__init__("Voting booth", "voting_booth_bar", parent)
        self.names = QComboBox()
        self.names.setMinimumWidth(180)
        self.add_name = QPushButton("Not on the List…")
        self.left = QLabel()
        self.left.setStyleSheet("font-size: 15px; font-weight: bold; padding: 0 10px;")
        self.done = QPushButton("Done")
        self.done.setToolTip("Hide your votes and hand the laptop to the next person")
        self.close_booth = QPushButton("Close Booth")
        self.close_booth.setToolTip("For the facilitator: give the window back")
        self.place((self.names, self.add_name, self.left), (self.done, self.close_booth))


class VotingBooth(QObject):
    """One booth session over a window (editor/main_window.py), for one voting session."""

    finished = Signal()
    vote_shown = Signal(str)  # card id: a click's vote is applied and its badge updated (the bench waits for it)

    def __init__(self, window, session_id: str, ask_name=None) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.document
        self.session_id = session_id
        self.participant_id: str | None = None
        self._ask_name = ask_name or (lambda: window.prompts.text("Not on the List", "Your name:"))
        self._docks_shown: list = []
        self._window_state = None
        self._detach = None
        self.bar = BoothBar(window)
        self.bar.names.activated.connect(self._on_names_activated)
        self.bar.add_name.clicked.connect(self.add_participant)
        self.bar.done.clicked.connect(self.done)
        self.bar.close_booth.clicked.connect(self.close)
        self.active = False

    # -- opening and closing ----------------------------------------------------------------------

    def open(self) -> None:
        w = self.window
        self.active = True
        w.actions.set_locked(True)
        self._window_state = w.saveState()  # the docks' places and sizes, given back as they were
        self._docks_shown = [d for d in w.docks.values() if d.isVisible()]
        for dock in self._docks_shown:
            dock.hide()
        w.toolbar.hide()
        w.menuBar().setEnabled(False)
        self.bar.put_on(w)
        w.scene.set_read_only(True)  # no in-place editor for a card clicked twice
        w.scene.clear_selection()
        w.voting_panel.canvas_taken = True
        w.scene.set_vote_badges(None)
        w.view.viewport().installEventFilter(self)
        w.view.installEventFilter(self)
        self._detach = self.doc.changed.connect(self._on_document_changed)
        focus_votable(w.scene, self.doc, self.session_id)
        self._fill_names()
        self.show_ballot()

    def close(self) -> None:
        """Give the window back to the facilitator, as it was."""
        if not self.active:
            return
        w = self.window
        self.active = False
        self.participant_id = None
        if self._detach is not None:
            self._detach()
        w.view.viewport().removeEventFilter(self)
        w.view.removeEventFilter(self)
        focus_votable(w.scene, self.doc, None)
        w.removeToolBarBreak(self.bar)
        w.removeToolBar(self.bar)
        w.toolbar.show()
        w.menuBar().setEnabled(True)
        for dock in self._docks_shown:
            dock.show()
        restore_layout(w, self._window_state)
        w.scene.set_read_only(w.session.read_only)
        w.actions.set_locked(False)
        w.voting_panel.canvas_taken = False
        w.voting_panel.show_badges()
        self.finished.emit()

    # -- who is voting ------------------------------------------------------------------------------

    def _fill_names(self) -> None:
        names = self.bar.names
        names.blockSignals(True)
        names.clear()
        names.addItem(PICK, None)
        for p in self.doc.items("participant"):
            names.addItem(p.name, p.id)
        names.setCurrentIndex(max(names.findData(self.participant_id), 0) if self.participant_id else 0)
        names.blockSignals(False)

    def _on_names_activated(self, index: int) -> None:
        self.choose(self.bar.names.itemData(index))

    def choose(self, participant_id: str | None) -> None:
        """Who votes now (None: nobody; the booth waits for a name)."""
        self.participant_id = participant_id
        index = self.bar.names.findData(participant_id) if participant_id else 0
        self.bar.names.setCurrentIndex(max(index, 0))
        self.bar.message.setText("")
        self.show_ballot()

    def add_participant(self) -> None:
        """Someone not on the list adds their name (their own act, like their votes: not undoable)."""
        name = self._ask_name()
        if not name or not name.strip():
            return
        person = Participant(name.strip())
        try:
            self.doc.apply(ops.AddItem(person), Origin.BOOTH)
        except JourneyError as error:
            self.bar.message.setText(str(error))
            return
        self._fill_names()
        self.choose(person.id)

    def done(self) -> None:
        """This participant has finished: hide their votes for the next person."""
        self.choose(None)
        self.bar.message.setText("Thank you! Pass the laptop on.")

    # -- votes --------------------------------------------------------------------------------------

    def click(self, card_id: str, take_back: bool = False) -> bool:
        """A participant's click on a card: one vote more (or back); True when it counted."""
        if self.participant_id is None:
            self.bar.message.setText("Choose your name first.")
            return False
        try:
            plan = voting.take_back if take_back else voting.cast
            op = plan(self.doc, self.session_id, self.participant_id, card_id)
            if op is None:
                self.bar.message.setText("You gave this card no vote to take back.")
                return False
            self.doc.apply(op, Origin.BOOTH)
        except JourneyError as error:
            self.bar.message.setText(str(error)[:1].upper() + str(error)[1:])
            return False
        self.bar.message.setText("Vote taken back." if take_back else "Vote counted.")
        self.show_ballot()
        self.vote_shown.emit(card_id)
        return True

    def show_ballot(self) -> None:
        """The participant's own votes as badges, and what they have left; nobody's when no one is chosen."""
        try:
            session = self.doc.item("voting_session", self.session_id)
        except JourneyError:
            self.bar.title.setText("This voting session was deleted")
            self.window.scene.set_vote_badges(None)
            return
        self.bar.title.setText(f"Voting: {session.name}")
        if self.participant_id is None:
            self.bar.left.setText("")
            self.window.scene.set_vote_badges(None)
            return
        person = self.doc.item("participant", self.participant_id)
        ballot = voting.ballot(self.doc, self.session_id, self.participant_id)
        left = max(session.votes_per_participant - sum(ballot.values()), 0)
        self.bar.left.setText(f"{left} of {session.votes_per_participant} vote"
                              f"{'s' if session.votes_per_participant != 1 else ''} left")
        self.window.scene.set_vote_badges(VoteBadges(ballot, heat=False, colour=person.colour))

    def _on_document_changed(self, change) -> None:
        if change.origin == Origin.BOOTH and not change.touches("participant"):
            return  # our own click: already shown
        if change.touches("card") or change.touches("voting_session"):
            focus_votable(self.window.scene, self.doc, self.session_id)
        if change.touches("participant"):
            gone = self.participant_id is not None and self.participant_id not in {
                p.id for p in self.doc.items("participant")}
            if gone:
                self.participant_id = None
                self.bar.message.setText("That name was removed from the workshop; choose yours again.")
            self._fill_names()
        self.show_ballot()

    # -- the canvas belongs to the booth -----------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # a key pressed on the canvas is never a shortcut while the booth is open
            return True
        if kind == QEvent.Type.KeyPress:
            return event.key() not in _NAVIGATION_KEYS  # no editing; scrolling is fine
        if watched is not self.window.view.viewport():
            return False
        if kind in _CLICKS:
            if event.button() == Qt.MouseButton.MiddleButton:
                return False  # panning
            hit = self.window.scene.hit_at(self.window.view.mapToScene(event.position().toPoint()))
            if hit.kind == "card":
                take_back = (event.button() == Qt.MouseButton.RightButton
                             or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                self.click(hit.id, take_back)
            return True
        if kind in _SWALLOWED:
            return event.type() != QEvent.Type.MouseButtonRelease or event.button() != Qt.MouseButton.MiddleButton
        if kind == QEvent.Type.MouseMove and event.buttons() & Qt.MouseButton.LeftButton:
            return True  # no drag, no rubber band
        return False

