"""The Voting panel: the map's dot-vote sessions, their rules and state, and the ranked results once revealed.

Everything the facilitator does here (a new session, its rules, reveal, close, which session the map shows,
clearing a ballot) is one undoable command through the EditSession, planned by model/voting.py. Collecting
ballots happens elsewhere: the voting booth (editor/voting_booth.py) and wall dots (editor/wall_dots.py).
A revealed current session also shows on the canvas as badges and heat (canvas/vote_badges.py), a view
the panel keeps up to date unless the booth has the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGridLayout, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from canvas.vote_badges import VoteBadges
from model import voting
from model.domain import CardKind, LaneKind, VotingSession
from model.errors import NotFoundError

from .forms import FieldBinder, fill_checklist, plain_label
from .prompts import Prompts
from .session import EditSession
from .when_seen import WhenSeen

RESULTS_SHOWN = 50  # a ranked list longer than this is not read out in a workshop


def session_line(doc, session: VotingSession) -> str:
    """A session's row in the list: name, whether the map shows it, its state."""
    state = ["closed" if session.closed else "open", "revealed" if session.revealed else "hidden"]
    return f"{'★ ' if session.current else ''}{session.name} — {', '.join(state)}"


def progress_text(doc, session: VotingSession) -> str:
    """How far the vote has come, without saying who voted for what."""
    people = len(doc.items("participant"))
    voted = len(voting.voters(doc, session.id))
    cast = sum(v.count for v in voting.votes_in(doc, session.id) if v.participant_id is not None)
    wall = sum(1 for v in voting.votes_in(doc, session.id) if v.participant_id is None)
    parts = [f"{voted} of {people} participants voted ({cast} votes)"]
    if wall:
        parts.append(f"wall dots on {wall} card{'s' if wall != 1 else ''}")
    return " · ".join(parts)


class VotingPanel(QWidget):
    booth_requested = Signal(str)  # session id: the window hands the laptop to the room
    wall_dots_requested = Signal(str)  # session id: the facilitator types the poster's dot counts
    card_activated = Signal(str)  # a result was clicked: the window brings the card into view

    def __init__(self, session: EditSession, scene, prompts: Prompts, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("voting")
        self.session = session
        self.doc = session.document
        self.scene = scene
        self.prompts = prompts
        self.canvas_taken = False  # the booth shows a ballot on the canvas: no results there meanwhile
        self._when_seen = WhenSeen(self, self.refresh, stale=False)  # refreshed below

        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(lambda _row: self.refresh())
        self.new_button, self.delete_button, self.current_button = (
            QPushButton("New…"), QPushButton("Delete"), QPushButton("Show on Map"))
        self.current_button.setToolTip("The map's cards, poster and exports show this session's counts")
        self.reveal_button, self.close_button = QPushButton("Reveal Results"), QPushButton("Close Voting")
        self.booth_button, self.wall_button = QPushButton("Voting Booth…"), QPushButton("Wall Dots…")
        self.clear_button = QPushButton("Clear a Ballot…")
        for button, handler in ((self.new_button, self.new_session), (self.delete_button, self.delete_session),
                                (self.current_button, self.make_current), (self.reveal_button, self.toggle_reveal),
                                (self.close_button, self.toggle_closed), (self.booth_button, self.open_booth),
                                (self.wall_button, self.open_wall_dots), (self.clear_button, self.clear_ballot)):
            button.clicked.connect(handler)
        buttons = QGridLayout()
        for i, button in enumerate((self.new_button, self.delete_button, self.current_button, self.reveal_button,
                                    self.close_button, self.clear_button, self.booth_button, self.wall_button)):
            buttons.addWidget(button, i // 3, i % 3)

        self.fields = FieldBinder(session)
        self.rules = QWidget()
        form = QFormLayout(self.rules)
        form.setContentsMargins(0, 6, 0, 0)
        form.addRow("Name", self.fields.line(self._read("name"), self._write("name")))
        for label, name in (("Votes each", "votes_per_participant"), ("Most per card", "max_per_card")):
            spin = self.fields.spin(1, 10_000, self._read(name), self._write(name))
            # A budget tighter than the ballots is refused (the status bar says whose); once typed, show the rule.
            spin.editingFinished.connect(self.fields.refresh)
            form.addRow(label, spin)
        form.addRow(self.fields.check("Anonymous (results name no one)", self._read("anonymous"),
                                      self._write("anonymous")))
        self.lanes = QListWidget()
        self.kinds = QListWidget()
        for widget, tip in ((self.lanes, "Tick the lanes whose cards can be voted on (none ticked: every lane)"),
                            (self.kinds, "Tick the kinds of card that can be voted on (none ticked: every kind)")):
            widget.setMaximumHeight(96)
            widget.setToolTip(tip)
        self.lanes.itemChanged.connect(lambda _item: self._on_votable_ticked(self.lanes, "votable_lanes"))
        self.kinds.itemChanged.connect(lambda _item: self._on_votable_ticked(self.kinds, "votable_kinds"))
        form.addRow("Votable lanes", self.lanes)
        form.addRow("Votable kinds", self.kinds)
        self.lanes_note = plain_label("")
        form.addRow(self.lanes_note)

        self.progress = plain_label("")
        self.heat_check = QCheckBox("Badges and heat on the map when revealed")
        self.heat_check.setChecked(True)
        self.heat_check.toggled.connect(lambda _on: self.show_badges())
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.results.itemClicked.connect(self._on_results_item_activated)
        self.empty = plain_label("No voting session yet. “New…” starts a dot vote: what can be voted on, "
                            "how many votes each person has, at most how many on one card.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.rules)
        layout.addWidget(self.progress)
        layout.addWidget(self.heat_check)
        layout.addWidget(self.results, 1)
        self.detach = self.doc.changed.connect(self._on_document_changed)  # the window calls it when it closes
        self.refresh()
        self.show_badges()

    # -- the selected session --------------------------------------------------------------

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def selected(self) -> VotingSession | None:
        session_id = self.current_id()
        try:
            return None if session_id is None else self.doc.item("voting_session", session_id)
        except NotFoundError:
            return None

    def select_session(self, session_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == session_id:
                self.list.setCurrentRow(row)

    def _read(self, name: str):
        return lambda: getattr(self.selected(), name, None)

    def _write(self, name: str):
        def write(value):
            session = self.selected()
            return None if session is None else voting.edit_session(self.doc, session.id, **{name: value})
        return write

    # -- keeping up ---------------------------------------------------------------------------

    def _on_document_changed(self, change) -> None:
        if change.touches("vote") or change.touches("voting_session") or change.touches("card"):
            self.show_badges()
        self._when_seen.request()  # the panel itself only while it can be seen

    def show_badges(self) -> None:
        """The current session's revealed totals as badges and heat on the canvas (unless the booth has it)."""
        if self.canvas_taken:
            return
        shown = voting.shown_votes(self.doc) if self.heat_check.isChecked() else {}
        self.scene.set_vote_badges(VoteBadges(shown, heat=True) if shown else None)

    def refresh(self) -> None:
        self._when_seen.stale = False
        sessions = voting.sessions(self.doc)
        keep = self.current_id()
        with QSignalBlocker(self.list):
            self.list.clear()
            for s in sessions:
                item = QListWidgetItem(session_line(self.doc, s))
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.list.addItem(item)
            ids = [s.id for s in sessions]
            current = voting.current_session(self.doc)
            fallback = current.id if current is not None else (ids[0] if ids else None)
            row = ids.index(keep) if keep in ids else (ids.index(fallback) if fallback else -1)
            self.list.setCurrentRow(row)
        session = self.selected()
        self.empty.setVisible(session is None)
        for widget in (self.rules, self.progress, self.heat_check, self.results):
            widget.setVisible(session is not None)
        for button in (self.delete_button, self.current_button, self.reveal_button, self.close_button,
                       self.booth_button, self.wall_button, self.clear_button):
            button.setEnabled(session is not None and not self.session.read_only)
        self.new_button.setEnabled(not self.session.read_only)
        self.fields.refresh()
        if session is None:
            return
        self.current_button.setEnabled(not session.current and not self.session.read_only)
        self.reveal_button.setText("Hide Results" if session.revealed else "Reveal Results")
        self.close_button.setText("Reopen Voting" if session.closed else "Close Voting")
        for button in (self.booth_button, self.wall_button, self.clear_button):
            button.setEnabled(not session.closed and not self.session.read_only)
        self._fill_votable(session)
        self.progress.setText(progress_text(self.doc, session))
        self._fill_results(session)

    def _fill_votable(self, session: VotingSession) -> None:
        lanes = [(lane.name, lane.id) for lane in self.doc.lanes if lane.kind == LaneKind.CARDS]
        kinds = [(kind.label, kind.value) for kind in CardKind]
        fill_checklist(self.lanes, lanes, session.votable_lanes)
        fill_checklist(self.kinds, kinds, session.votable_kinds)
        missing = voting.missing_lanes(self.doc, session)
        gone = len(missing) == len(session.votable_lanes) and missing
        self.lanes_note.setText(
            "" if not missing else
            ("Every lane this session was on has been deleted: no card can be voted on until you tick a lane."
             if gone else f"{len(missing)} of its lanes were deleted; the others still count."))
        self.lanes_note.setVisible(bool(missing))

    def _on_votable_ticked(self, widget: QListWidget, field: str) -> None:
        session = self.selected()
        if session is None:
            return
        ticked = tuple(widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(widget.count())
                       if widget.item(r).checkState() == Qt.CheckState.Checked)
        if field == "votable_lanes":  # lanes deleted since stay in the rules: an undo may bring them back
            ticked += tuple(voting.missing_lanes(self.doc, session))
        if not self.session.edit(voting.edit_session(self.doc, session.id, **{field: ticked})):
            self.refresh()  # refused or read-only: show the rules as they are

    def _fill_results(self, session: VotingSession) -> None:
        self.results.clear()
        if not session.revealed:
            item = QListWidgetItem("Results are hidden until you reveal them.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
            return
        ranked = voting.ranked(self.doc, session.id)
        if not ranked:
            self.results.addItem(QListWidgetItem("No votes yet."))
        for r in ranked[:RESULTS_SHOWN]:
            card = self.doc.card(r.card_id)
            text = " ".join(card.text.split()) or f"(untitled {card.kind.label.lower()})"
            line = f"{r.rank}. {r.votes} vote{'s' if r.votes != 1 else ''} — {text}"
            named = voting.card_voters(self.doc, session.id, r.card_id)
            if named:
                line += "\n    " + ", ".join(f"{name} ×{count}" if count > 1 else name for name, count in named)
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, r.card_id)
            self.results.addItem(item)
        if len(ranked) > RESULTS_SHOWN:
            self.results.addItem(QListWidgetItem(f"… and {len(ranked) - RESULTS_SHOWN} more cards with votes"))

    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        card_id = item.data(Qt.ItemDataRole.UserRole)
        if card_id and self.doc.has_card(card_id):
            self.scene.select("cards", [card_id])
            self.card_activated.emit(card_id)

    # -- the facilitator's actions (each one undoable) -------------------------------------------

    def new_session(self) -> None:
        name = self.prompts.text("New Voting Session", "What is this vote about?",
                                 f"Dot vote {len(voting.sessions(self.doc)) + 1}")
        if name is None or not name.strip():
            return
        session = VotingSession(name.strip(), votes_per_participant=5, max_per_card=3, current=True)
        if self.session.edit(voting.add_session(self.doc, session)):
            self.refresh()
            self.select_session(session.id)

    def delete_session(self) -> None:
        session = self.selected()
        if session is not None and self.prompts.confirm(
                "Delete Voting Session", f"Delete “{session.name}” and every vote in it? (Undo brings it back.)",
                "Delete"):
            self.session.edit(voting.delete_session(self.doc, session.id))

    def make_current(self) -> None:
        session = self.selected()
        if session is not None:
            self.session.edit(voting.make_current(self.doc, session.id))

    def toggle_reveal(self) -> None:
        session = self.selected()
        if session is not None:
            self.session.edit(voting.reveal(self.doc, session.id, not session.revealed))

    def toggle_closed(self) -> None:
        session = self.selected()
        if session is not None:
            op = voting.reopen(self.doc, session.id) if session.closed else voting.close(self.doc, session.id)
            self.session.edit(op)

    def clear_ballot(self) -> None:
        session = self.selected()
        if session is None:
            return
        people = {p.id: p.name for p in self.doc.items("participant")}
        voters = [p for p in voting.voters(self.doc, session.id) if p in people]
        if not voters:
            self.prompts.info("Clear a Ballot", "Nobody has voted in this session yet.")
            return
        names = [people[p] for p in voters]
        chosen = self.prompts.item("Clear a Ballot", "Whose votes should be taken away?", names)
        if chosen is not None:
            self.session.edit(voting.clear_ballot(self.doc, session.id, voters[names.index(chosen)]))

    def open_booth(self) -> None:
        session = self.selected()
        if session is not None:
            self.booth_requested.emit(session.id)

    def open_wall_dots(self) -> None:
        session = self.selected()
        if session is not None:
            self.wall_dots_requested.emit(session.id)
