"""Compare mode (issue 13): the map now against a snapshot or another map, read-only, one click from editing.

`CompareMode.start(before, label)` makes the map read-only (undo and redo
too: nothing may change while the marks describe it), lays the canvas out
with the comparison (canvas/compare_overlay.py), shows the comparison bar
(what is compared, the counts, Previous / Next change, Back to Editing) and
a note in the inspector with the before and after of the change in hand.
`stop()` puts everything back as it was. F8 / Shift+F8 walk the changes in
reading order, selecting each and bringing it into view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolBar, QVBoxLayout

from canvas.compare_overlay import ComparisonOverlay
from model.diff_report import detail_lines, quote
from model.document import Content
from model.errors import JourneyError

COMPARING = "you are comparing versions: click Back to Editing to change the map"
ANOTHER_MAP = "Another map file…"


class ComparisonNote(QFrame):
    """The inspector's note while comparing: the change in hand, before → after, as plain text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("comparison_note")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Its own ink on its own paper: readable whatever the theme.
        self.setStyleSheet("#comparison_note { background: #FFF8E6; border: 1px solid #E6C77A; border-radius: 4px; }"
                           " #comparison_note QLabel { color: #1A202C; }")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # user text: never markup
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.label)
        self.hide()

    def text(self) -> str:
        return self.label.text()


class CompareMode(QObject):
    changed = Signal()  # started, stopped, or moved to another change

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = ComparisonOverlay(window.scene, self)
        self.overlay.updated.connect(self._on_overlay_updated)
        self.label = ""
        self.index: int | None = None  # the stop in hand
        self._was_read_only = False
        self.note = ComparisonNote()
        window.inspector.layout().insertWidget(0, self.note)
        self.bar = self._build_bar()
        window.selection.settled.connect(self._on_selection_settled)

    @property
    def active(self) -> bool:
        return self.overlay.active

    @property
    def view(self):
        return self.overlay.view

    # -- the bar ----------------------------------------------------------------------------

    def _build_bar(self) -> QToolBar:
        w = self.window
        bar = QToolBar("Comparison", w)
        bar.setObjectName("comparison_bar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setContentsMargins(6, 0, 12, 0)
        bar.addWidget(self.summary)
        for action_id in ("compare.previous", "compare.next"):
            bar.addAction(w.actions[action_id])
        bar.addSeparator()
        bar.addAction(w.actions["compare.poster"])
        bar.addAction(w.actions["compare.stop"])
        w.addToolBarBreak()
        w.addToolBar(bar)
        bar.hide()
        return bar

    def summary_text(self) -> str:
        view = self.view
        if view is None:
            return ""
        counts = view.diff.counts()
        found = " · ".join(f"{n} {status}" for status, n in counts.items() if n) or "no differences"
        by = "" if view.diff.matched_by == "id" else " (no ids in common: matched by text and place)"
        return f"Comparing with {self.label}{by}: {found}"

    # -- starting and stopping ------------------------------------------------------------

    def choose(self) -> None:
        """File > Compare With…: a snapshot of this map, or another map file."""
        w = self.window
        try:
            snapshots = list(reversed(w.map_file.snapshots()))  # newest first
        except JourneyError as error:
            w.prompts.warn("Cannot list the snapshots", str(error))
            snapshots = []
        from .snapshots_dialog import when

        choices = [f"Snapshot “{s.name}” ({when(s.created)})" for s in snapshots] + [ANOTHER_MAP]
        picked = w.prompts.item("Compare with", "Compare the map now with:", choices)
        if picked is None:
            return
        if picked != ANOTHER_MAP:
            self.compare_with_snapshot(snapshots[choices.index(picked)])
            return
        path = w.prompts.open_file("Compare with a map", "Journey maps (*.journey)", start=w.map_file.path.parent)
        if path is not None:
            self.compare_with_file(Path(path))

    def compare_with_snapshot(self, info) -> None:
        from .snapshots_dialog import when

        try:
            content = self.window.map_file.snapshot_content(info.id)
        except JourneyError as error:
            self.window.prompts.warn("Cannot read the snapshot", str(error))
            return
        self.start(content, f"snapshot {quote(info.name)} ({when(info.created)})")

    def compare_with_file(self, path: Path) -> None:
        from model.persistence import read_content

        if path.resolve() == self.window.map_file.path.resolve():
            self.window.prompts.warn("Compare with a map", "That is this map: choose a snapshot or another map.")
            return
        try:
            content = read_content(path)
        except (JourneyError, OSError) as error:
            self.window.prompts.warn("Cannot compare with that map", str(error))
            return
        self.start(content, quote(path.name))

    def start(self, before: Content, label: str) -> None:
        """Compare the map now with `before` (called `label` on the bar), read-only until stop()."""
        w = self.window
        w.scene.commit_editor()  # a card being typed is kept before the map turns read-only
        if not self.active:
            self._was_read_only = w.session.read_only
        self.label = label
        w.session.set_read_only(True, COMPARING)
        self.index = None
        self.overlay.show(before)
        self.bar.show()
        self._show_note()
        w.actions.refresh()
        w.update_title()
        self.changed.emit()

    def stop(self) -> None:
        """Back to editing: the marks go, the map is editable (and undo works) again."""
        if not self.active:
            return
        w = self.window
        self.overlay.clear()
        self.index = None
        self.bar.hide()
        self.note.hide()
        w.session.set_read_only(self._was_read_only)
        w.actions.refresh()
        w.update_title()
        self.changed.emit()

    def export_poster(self) -> None:
        """The comparison as a poster (PDF): the same marks, a legend, every change listed."""
        from export.compare_poster import export_comparison_poster

        from .import_export import export_path

        w = self.window
        if not self.active:
            return
        suggested = export_path(w.map_file.path, f"{w.document.info.title} (changes)", ".pdf")
        dest = w.prompts.save_file("Export the comparison poster", "PDF files (*.pdf)", suggested)
        if dest is None:
            return
        dest = Path(dest)
        if dest.suffix.lower() != ".pdf":
            dest = dest.with_name(dest.name + ".pdf")
        try:
            warnings = export_comparison_poster(self.overlay.before, w.document, dest, before_name=self.label)
        except (JourneyError, OSError) as error:
            w.prompts.warn("Cannot export the comparison poster", str(error))
            return
        w.statusBar().showMessage(" ".join([f"Exported {dest}.", *warnings]), 15000)

    # -- walking the changes ------------------------------------------------------------------

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        view = self.view
        if view is None or not view.stops:
            return
        count = len(view.stops)
        self.index = (0 if by > 0 else count - 1) if self.index is None else (self.index + by) % count
        self._go(view.stops[self.index])

    def current_stop(self):
        view = self.view
        if view is None or self.index is None or self.index >= len(view.stops):
            return None
        return view.stops[self.index]

    def _go(self, stop) -> None:
        w = self.window
        kind = {"card": "cards", "stage": "stages", "lane": "lanes", "connection": "connections"}.get(stop.kind)
        if kind is not None and stop.target is not None:
            w.scene.select(kind, [stop.target])
        else:
            w.scene.clear_selection()
        if stop.rect is not None:
            x, y = stop.rect.center
            w.view.centerOn(QPointF(x, y))
        self._show_note()
        self.changed.emit()

    def _on_selection_settled(self) -> None:
        """A card, stage, lane or connection picked on the map: its change, or that it has none."""
        view = self.view
        if view is None:
            return
        s = self.window.scene.selected_ids()
        picked = (s.cards or s.stages or s.lanes or s.connections or (None,))[0]
        if picked is not None:
            found = view.stop_of(picked)
            if found is None:
                self.note.label.setText("No change here since the version compared.")
                self.note.show()
                return
            self.index = found
        self._show_note()

    def _on_overlay_updated(self) -> None:
        self.summary.setText(self.summary_text())
        view = self.view
        if view is not None and self.index is not None and self.index >= len(view.stops):
            self.index = None
        if self.active:
            self._show_note()

    def _show_note(self) -> None:
        stop = self.current_stop()
        view = self.view
        if view is None:
            return
        if stop is None:
            self.note.label.setText(f"Comparing with {self.label}. Press F8 for the next change, Shift+F8 for the "
                                    "previous one; added cards are ringed green, changed amber, moved blue (with a "
                                    "trace from their old cell), removed ones are red ghosts.")
        else:
            blocks = ["\n".join(detail_lines(view.diff, d)) for d in stop.differences]
            where = "" if stop.rect is not None or stop.kind == "other" else "\n(its stage or lane is gone too)"
            self.note.label.setText(f"Change {self.index + 1} of {len(view.stops)}\n\n" + "\n\n".join(blocks) + where)
        self.note.show()
