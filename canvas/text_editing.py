"""The scene's in-place editing: card text, stage and lane names, quick capture of new cards.

A mixin of MapScene (kept apart so each file reads in one sitting). The
editor item is placed from the current layout after every re-layout, so an
edit in progress survives document changes; it is cancelled only when what it
edits disappears.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from .inline_editor import InlineEditor
from .selection import Selection

QUICK_HEIGHT = 52.0


class TextEditingMixin:
    _editor: InlineEditor | None

    def editor(self) -> InlineEditor | None:
        return self._editor

    def is_editing(self) -> bool:
        return self._editor is not None

    def begin_edit_card(self, card_id: str) -> None:
        """Edit a card's text in place (refuses hidden cards of collapsed lanes silently: nothing opens)."""
        box = self._layout.cards.get(card_id)
        if box is None or box.hidden:
            return
        self._open_editor(InlineEditor("card", card_id, self.document.card(card_id).text, size=box.text.size))
        if card_id not in self.selected_ids().cards:
            self.set_selection(Selection(cards=(card_id,)))

    def begin_rename_stage(self, stage_id: str) -> None:
        if stage_id not in self._layout.stage_index:
            return
        size = self._layout.stage_index[stage_id].name.size
        self._open_editor(InlineEditor("stage", stage_id, self.document.stage(stage_id).name, bold=True, size=size))

    def begin_rename_lane(self, lane_id: str) -> None:
        if lane_id not in self._layout.lane_index:
            return
        size = self._layout.lane_index[lane_id].name.size
        self._open_editor(InlineEditor("lane", lane_id, self.document.lane(lane_id).name, bold=True, size=size))

    def begin_quick_capture(self, stage_id: str, lane_id: str) -> None:
        """Open the quick-capture editor at the end of a cell; refused (nothing opens) for
        Emotions lanes, collapsed lanes and unknown cells."""
        layout = self._layout
        lane = layout.lane_index.get(lane_id)
        if (stage_id, lane_id) not in layout.cells or lane is None or not lane.takes_cards or lane.collapsed:
            return
        self.select_cell(stage_id, lane_id)
        ed = self._editor
        if ed is not None and ed.mode == "quick":
            self._quick_flush()
            ed.target = (stage_id, lane_id)
            self._place_editor()
            return
        self._open_editor(InlineEditor("quick", (stage_id, lane_id), "", size=self._engine.style.card_text_size))

    def set_read_only(self, read_only: bool) -> None:
        """On a read-only map no in-place editor opens (typing in a cell, Enter, F2, double-click):
        whatever was typed there would only be refused and lost."""
        self._read_only = bool(read_only)
        if self._read_only:
            self.cancel_editor()

    def _open_editor(self, editor: InlineEditor) -> None:
        if self._read_only:
            return
        if self._editor is not None:
            self.commit_editor()
        self._editor = editor
        self.addItem(editor)
        editor.committed.connect(self._on_editor_committed)
        editor.cancelled.connect(self._on_editor_cancelled)
        editor.tabbed.connect(self._on_editor_tabbed)
        editor.lines_pasted.connect(self._on_editor_lines_pasted)
        self._place_editor()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_editor(self) -> None:
        ed = self._editor
        if ed is None:
            return
        layout = self._layout
        left, top = self._pin
        if ed.mode == "card":
            box = layout.cards.get(ed.target)
            if box is None or box.hidden:
                self.cancel_editor()
                return
            r = box.rect
            ed.place(QRectF(r.x, r.y + box.header.h - 4.0, r.w, r.h - box.header.h + 4.0))
        elif ed.mode == "stage":
            box = layout.stage_index.get(ed.target)
            if box is None:
                self.cancel_editor()
                return
            ed.place(QRectF(box.header.x + 4.0, top + 4.0, box.header.w - 8.0, 30.0))
        elif ed.mode == "lane":
            box = layout.lane_index.get(ed.target)
            if box is None:
                self.cancel_editor()
                return
            ed.place(QRectF(left + 4.0, box.header.y + 4.0, box.header.w - 8.0, 30.0))
        else:
            cell = layout.cells.get(ed.target)
            lane = layout.lane_index.get(ed.target[1]) if cell else None
            if cell is None or lane is None or lane.collapsed or not lane.takes_cards:
                self.cancel_editor()
                return
            ed.place(self._quick_rect(ed.target))

    def _quick_rect(self, cell_key) -> QRectF:
        """Below the cell's last card (first column when it is empty), as wide as a card."""
        layout = self._layout
        st = self._engine.style
        cell = layout.cells[cell_key].rect
        ids = layout.cell_cards.get(cell_key, ())
        if ids:
            r = layout.cards[ids[-1]].rect
            return QRectF(r.x, r.bottom + st.card_gap, r.w, QUICK_HEIGHT)
        fit = max(1, int((cell.w - 2 * st.cell_padding + st.card_gap) // (st.card_min_width + st.card_gap)))
        width = (cell.w - 2 * st.cell_padding - (fit - 1) * st.card_gap) / fit
        return QRectF(cell.x + st.cell_padding, cell.y + st.cell_padding, width, QUICK_HEIGHT)

    def _close_editor(self) -> None:
        ed, self._editor = self._editor, None
        if ed is not None:
            ed.clearFocus()
            self.removeItem(ed)
            ed.deleteLater()

    def cancel_editor(self) -> None:
        """Close the editor; nothing is emitted."""
        self._close_editor()

    def _on_editor_cancelled(self) -> None:
        # Escape in quick capture stops capturing but keeps the card being typed, as a click elsewhere
        # does; Escape in a card or name editor drops the edit.
        ed = self._editor
        if ed is not None and ed.mode == "quick":
            self.commit_editor()
        else:
            self.cancel_editor()

    def commit_editor(self) -> None:
        """Emit the edit if it changes something, then close the editor."""
        ed = self._editor
        if ed is None:
            return
        if ed.mode == "quick":
            self._quick_flush()
            self._close_editor()
            return
        self._on_editor_committed(ed.toPlainText())

    def _on_editor_committed(self, text: str) -> None:
        ed = self._editor
        if ed is None:
            return
        if ed.mode == "quick":
            self._quick_flush()  # the editor stays open for the next card
            return
        self._close_editor()
        # Whether the text changes anything (or the name is empty) is for the edit's planner to say.
        layout = self._layout
        if ed.mode == "card" and ed.target in layout.cards:
            self.card_text_edited.emit(ed.target, text)
        elif ed.mode == "stage" and ed.target in layout.stage_index:
            self.stage_renamed.emit(ed.target, text)
        elif ed.mode == "lane" and ed.target in layout.lane_index:
            self.lane_renamed.emit(ed.target, text)

    # -- quick capture ------------------------------------------------------------------

    def _quick_flush(self) -> None:
        ed = self._editor
        if ed is None or ed.mode != "quick":
            return
        text = ed.toPlainText().strip()
        ed.clear_text()
        if text:
            self.quick_add(ed.target, text)

    def quick_add(self, cell_key, text: str) -> None:
        """One typed card for the end of the cell."""
        self.quick_add_lines(cell_key, [text])

    def quick_add_lines(self, cell_key, lines: list[str]) -> None:
        """Cards for the end of the cell, one per non-empty line, asked for at once (one undo step)."""
        lines = [line.strip() for line in lines if line.strip()]
        if lines:
            self.cards_captured.emit(cell_key[0], cell_key[1], lines)

    def _on_editor_lines_pasted(self, lines: list) -> None:
        ed = self._editor
        if ed is not None and ed.mode == "quick":
            self._quick_flush()
            self.quick_add_lines(ed.target, lines)

    def _on_editor_tabbed(self, step: int) -> None:
        ed = self._editor
        if ed is None or ed.mode != "quick":
            return
        stage_id, lane_id = ed.target
        stages = [b.stage_id for b in self._layout.stages]
        at = stages.index(stage_id) + step
        if 0 <= at < len(stages):
            self.begin_quick_capture(stages[at], lane_id)
        else:
            self._quick_flush()
