"""Compare mode (issue 13): the map now against a snapshot or another map, or two snapshots of the map,
read-only, one click from editing.

`CompareMode.start(before, label)` makes the map read-only (undo and redo
too: nothing may change while the marks describe it), lays the canvas out
with the comparison (canvas/compare_overlay.py), shows the comparison bar
(what is compared, the counts, Previous / Next change, Back to Editing) and
a note in the inspector with the before and after of the change in hand.
`stop()` puts everything back as it was. F8 / Shift+F8 walk the changes in
reading order, selecting each and bringing it into view.

With `after` (a later snapshot), the marks are drawn on that snapshot's map
instead: a scene of its own (a Document of the snapshot, its own selection,
never edited) takes the canvas's place in the window's view until stop(). The
panels, find and the inspector's fields still follow the map now; the note
in the inspector follows the comparison.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolBar, QVBoxLayout

from canvas.compare_overlay import ComparisonOverlay
from model.diff_report import detail_lines, quote, run_data_sentence
from model.document import Content
from model.errors import JourneyError

COMPARING = "you are comparing versions: click Back to Editing to change the map"
ANOTHER_MAP = "Another map file…"
TWO_SNAPSHOTS = "Two snapshots of this map…"


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
        self._live_overlay = ComparisonOverlay(window.scene, self)
        self._live_overlay.updated.connect(self._on_overlay_updated)
        # A later snapshot shown as the after-state: its scene, overlay and content (None: the map now).
        self._after: tuple | None = None
        self.label = ""
        self.after_label = ""  # what is shown, when it is not the map now
        self.index: int | None = None  # the stop in hand
        self._was_read_only = False
        self.note = ComparisonNote()
        window.inspector.layout().insertWidget(0, self.note)
        self.bar = self._build_bar()
        window.selection.settled.connect(self._on_selection_settled)

    @property
    def overlay(self) -> ComparisonOverlay:
        """The overlay drawing the comparison: on the snapshot's scene when one is shown, else on the map's."""
        return self._after[1] if self._after is not None else self._live_overlay

    @property
    def scene(self):
        """The scene the window's view shows: the map's, or the after-snapshot's."""
        return self._after[0] if self._after is not None else self.window.scene

    @property
    def after(self):
        """The version compared with `before`: the after-snapshot's Content, or the map now (the Document)."""
        return self._after[2] if self._after is not None else self.window.document

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
        if self._after is not None:
            return f"Showing {self.after_label}, compared with {self.label}{by}: {found}"
        return f"Comparing with {self.label}{by}: {found}"

    # -- starting and stopping ------------------------------------------------------------

    def choose(self) -> None:
        """File > Compare With…: a snapshot of this map, another map file, or two snapshots of this map."""
        w = self.window
        try:
            taken = w.map_file.snapshots()  # in the order they were taken
        except JourneyError as error:
            w.prompts.warn("Cannot list the snapshots", str(error))
            taken = []
        snapshots = list(reversed(taken))  # newest first
        choices = [_choice(s) for s in snapshots] + [ANOTHER_MAP] + ([TWO_SNAPSHOTS] if len(taken) > 1 else [])
        picked = w.prompts.item("Compare with", "Compare the map now with:", choices)
        if picked is None:
            return
        if picked == TWO_SNAPSHOTS:
            self.choose_two(taken)
            return
        if picked != ANOTHER_MAP:
            self.compare_with_snapshot(snapshots[choices.index(picked)])
            return
        path = w.prompts.open_file("Compare with a map", "Journey maps (*.journey)", start=w.map_file.path.parent)
        if path is not None:
            self.compare_with_file(Path(path))

    def choose_two(self, taken: list) -> None:
        """Two snapshots (`taken`: in the order they were taken): the earlier is "before", and the "after" is
        picked among those taken later."""
        prompts = self.window.prompts
        earlier = list(reversed(taken[:-1]))  # newest first; the last one taken has nothing after it
        picked = prompts.item("Compare two snapshots", "Before: the earlier snapshot", [_choice(s) for s in earlier])
        if picked is None:
            return
        before = earlier[[_choice(s) for s in earlier].index(picked)]
        later = list(reversed(taken[taken.index(before) + 1:]))
        picked = prompts.item("Compare two snapshots", f"After: a snapshot taken after “{before.name}”",
                              [_choice(s) for s in later])
        if picked is None:
            return
        self.compare_snapshots(before, later[[_choice(s) for s in later].index(picked)])

    def _snapshot(self, info) -> Content | None:
        try:
            return self.window.map_file.snapshot_content(info.id)
        except JourneyError as error:
            self.window.prompts.warn("Cannot read the snapshot", str(error))
            return None

    def compare_with_snapshot(self, info) -> None:
        content = self._snapshot(info)
        if content is not None:
            self.start(content, _label(info))

    def compare_snapshots(self, before_info, after_info) -> None:
        """Show snapshot `after_info`'s map, read-only, with what changed since snapshot `before_info` marked."""
        before = self._snapshot(before_info)
        after = self._snapshot(after_info) if before is not None else None
        if after is not None:
            self.start(before, _label(before_info), after=after, after_label=_label(after_info))

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

    def start(self, before: Content, label: str, *, after: Content | None = None, after_label: str = "") -> None:
        """Compare `before` (called `label` on the bar) with the map now, or with `after` (a later snapshot,
        called `after_label`, shown in the map's place); read-only until stop()."""
        w = self.window
        w.scene.commit_editor()  # a card being typed is kept before the map turns read-only
        if not self.active:
            self._was_read_only = w.session.read_only
        self.overlay.clear()  # a comparison already shown gives way
        self._drop_after()
        self.label, self.after_label = label, after_label
        w.session.set_read_only(True, COMPARING)
        self.index = None
        if after is not None:
            self._show_after(after)
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
        self._drop_after()
        self.index = None
        self.bar.hide()
        self.note.hide()
        w.session.set_read_only(self._was_read_only)
        w.actions.refresh()
        w.update_title()
        self.changed.emit()

    def _show_after(self, content: Content) -> None:
        """The snapshot's map in the view's place, in a scene of its own that nothing edits."""
        from canvas.scene import MapScene
        from model.document import Document

        scene = MapScene(Document(content))  # its own selection: the window's names the map now
        scene.set_read_only(True)
        overlay = ComparisonOverlay(scene, self)
        overlay.updated.connect(self._on_overlay_updated)
        scene.selection_model.settled.connect(self._on_selection_settled)
        self._after = (scene, overlay, content)
        self.window.view.show_scene(scene)

    def _drop_after(self) -> None:
        """The map's own scene back in the view; the snapshot's scene goes."""
        if self._after is None:
            return
        scene, overlay, _ = self._after
        self._after = None
        self.window.view.show_scene(self.window.scene)
        overlay.clear()
        scene.close()
        overlay.deleteLater()
        scene.deleteLater()

    def close(self) -> None:
        """The window closes: a snapshot's scene leaves the view before the view goes."""
        self._drop_after()

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
            warnings = export_comparison_poster(self.overlay.before, self.after, dest, before_name=self.label)
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
            self.scene.select(kind, [stop.target])
        else:
            self.scene.clear_selection()
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
        s = self.scene.selected_ids()
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
            what = f"Showing {self.after_label}, compared with {self.label}" if self._after is not None \
                else f"Comparing with {self.label}"
            run = run_data_sentence(view.diff)
            self.note.label.setText(f"{what}. Press F8 for the next change, Shift+F8 for the previous one; added "
                                    "cards are ringed green, changed amber, moved blue (with a trace from their old "
                                    "cell), removed ones are red ghosts." + (f"\n\n{run}" if run else ""))
        else:
            blocks = ["\n".join(detail_lines(view.diff, d)) for d in stop.differences]
            where = "" if stop.rect is not None or stop.kind == "other" else "\n(its stage or lane is gone too)"
            self.note.label.setText(f"Change {self.index + 1} of {len(view.stops)}\n\n" + "\n\n".join(blocks) + where)
        self.note.show()


def _choice(info) -> str:
    """A snapshot as the compare prompts list it."""
    from .snapshots_dialog import when

    return f"Snapshot “{info.name}” ({when(info.created)})"


def _label(info) -> str:
    """A snapshot as the comparison bar and the poster name it."""
    from .snapshots_dialog import when

    return f"snapshot {quote(info.name)} ({when(info.created)})"
