"""Voting in a window: the Voting panel's dock, and the booth or wall-dots mode it opens over the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from model import voting

from .voting_booth import VotingBooth
from .voting_panel import VotingPanel
from .wall_dots import WallDots


class WindowVoting:
    """What a main window (editor/main_window.py) needs for dot voting; one per window."""

    def __init__(self, window) -> None:
        self.window = window
        self.panel = VotingPanel(window.session, window.scene, window.prompts, window)
        window.voting_panel = self.panel
        window.docks["voting"] = window._dock("Voting", "voting_dock", self.panel,
                                              Qt.DockWidgetArea.RightDockWidgetArea, scroll=True)
        window.tabifyDockWidget(window.docks["insights"], window.docks["voting"])
        window.docks["inspector"].raise_()
        self.panel.booth_requested.connect(self.open_booth)
        self.panel.wall_dots_requested.connect(self.open_wall_dots)
        self.panel.card_activated.connect(window.show_card)
        self.booth: VotingBooth | None = None
        self.wall_dots: WallDots | None = None

    def _session_for(self, session_id: str | None):
        doc = self.window.document
        if session_id is None:  # from the menu: the session the map shows, else the one picked in the panel
            session = voting.current_session(doc) or self.panel.selected()
            if session is None:
                self.window.prompts.info("Voting", "Start a voting session first (Voting panel › New…).")
            return session
        return doc.item("voting_session", session_id)

    def open_booth(self, session_id: str | None = None) -> VotingBooth | None:
        """Hand the window to the room for one session: made current and hidden first (undoable) if need be."""
        w = self.window
        session = self._session_for(session_id)
        if session is None or self.booth is not None or self.wall_dots is not None:
            return None
        if session.closed:
            w.prompts.info("Voting Booth", f"Voting in “{session.name}” is closed. Reopen it first.")
            return None
        if not w.document.items("participant"):
            w.prompts.info("Voting Booth", "Nobody is on the workshop's list yet: in the booth, each person "
                           "can add their name with “Not on the List…”.")
        if session.revealed:
            if not w.prompts.confirm("Voting Booth", f"The results of “{session.name}” are shown. Hide them "
                                     "before the laptop goes round?", "Hide and Open Booth"):
                return None
            w.session.edit(voting.reveal(w.document, session.id, False))
        w.session.edit(voting.make_current(w.document, session.id))
        self.booth = VotingBooth(w, session.id)
        self.booth.finished.connect(self._on_booth_finished)
        self.booth.open()
        return self.booth

    def _on_booth_finished(self) -> None:
        self.booth = None
        self.window.actions.refresh()

    def open_wall_dots(self, session_id: str | None = None) -> WallDots | None:
        session = self._session_for(session_id)
        if session is None or self.booth is not None or self.wall_dots is not None:
            return None
        if session.closed:
            self.window.prompts.info("Wall Dots", f"Voting in “{session.name}” is closed. Reopen it first.")
            return None
        self.wall_dots = WallDots(self.window, session.id)
        self.wall_dots.finished.connect(self._on_wall_dots_finished)
        self.wall_dots.open()
        return self.wall_dots

    def _on_wall_dots_finished(self) -> None:
        self.wall_dots = None

    def detach(self) -> None:
        if self.booth is not None:
            self.booth.close()
        if self.wall_dots is not None:
            self.wall_dots.close()
        self.panel.detach()
