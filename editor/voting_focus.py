"""While ballots are collected (booth, wall dots): the cards a session does not take are dimmed, and a
fixed bar at the top of the window says what is going on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolBar

from canvas.decorations import VOTING, Decoration
from model import voting
from model.errors import JourneyError


def focus_votable(scene, doc, session_id: str | None) -> None:
    """Dim the cards a session does not take while its ballots are collected (None: dim nothing)."""
    try:
        session = None if session_id is None else doc.item("voting_session", session_id)
    except JourneyError:
        session = None
    if session is None:
        scene.set_decoration(VOTING, None)
        return
    scene.set_decoration(VOTING, Decoration(focus=frozenset(c.id for c in voting.votable_cards(doc, session))))


class BallotBar(QToolBar):
    """The booth's and wall dots' bar: a bold title, the bar's own widgets, a plain-text message, then,
    after a separator, the buttons that end it. It stays where it is put."""

    def __init__(self, title: str, name: str, parent=None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setMovable(False)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold; padding: 0 8px;")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)

    def place(self, middle, ending) -> None:
        """Add the widgets in order: title, `middle`, message | `ending`."""
        for widget in (self.title, *middle, self.message):
            self.addWidget(widget)
        self.addSeparator()
        for widget in ending:
            self.addWidget(widget)

    def put_on(self, window) -> None:
        """Show the bar across the top of `window`, on a row of its own below the toolbars."""
        window.addToolBarBreak()
        window.addToolBar(self)
        self.show()
