"""The keyboard on the canvas when no in-place editor is open.

F2 or Enter edits the selected card (renames a selected stage or lane); with a
cell selected, Enter or typing starts quick capture, and so does a paste of
one line of text (copied cards and several lines are pasted whole by the
editor's Paste); arrow keys move the card or cell selection; Escape clears it.
Everything else is left to the editor's shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from .selection import Selection

K = Qt.Key
_ARROWS = {K.Key_Left: (-1, 0), K.Key_Right: (1, 0), K.Key_Up: (0, -1), K.Key_Down: (0, 1)}
CARDS_MIME = "application/x-journeymap-cards"  # cards copied from Journeymap, pasted whole
_NO_TYPING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


def handle_key(scene, event) -> bool:
    """True when the key was used."""
    sel = scene.selected_ids()
    key = event.key()
    if key == K.Key_F2 or (key in (K.Key_Return, K.Key_Enter) and not event.modifiers()):
        if len(sel.cards) == 1:
            scene.begin_edit_card(sel.cards[0])
        elif len(sel.stages) == 1:
            scene.begin_rename_stage(sel.stages[0])
        elif len(sel.lanes) == 1:
            scene.begin_rename_lane(sel.lanes[0])
        elif sel.cell is not None and key != K.Key_F2:
            scene.begin_quick_capture(*sel.cell)
        else:
            return False
        return True
    if key == K.Key_Escape:
        if sel.is_empty:
            return False
        scene.clear_selection()
        return True
    if key in _ARROWS:
        return _move(scene, sel, *_ARROWS[key])
    if sel.cell is not None and event.matches(QKeySequence.StandardKey.Paste):
        line = pasted_line()
        if line is None:
            return False
        scene.begin_quick_capture(*sel.cell)
        editor = scene.editor()
        if editor is not None:
            editor.textCursor().insertText(line)
        return True
    text = event.text()
    if sel.cell is not None and text and text.isprintable() and not (event.modifiers() & _NO_TYPING):
        scene.begin_quick_capture(*sel.cell)
        editor = scene.editor()
        if editor is None:
            return False
        editor.textCursor().insertText(text)
        return True
    return False


def pasted_line() -> str | None:
    """The clipboard's text when it is one line to type into quick capture; None for copied cards
    (pasted whole by the editor's Paste), several lines (one card each, also the editor's Paste) or nothing."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None or data.hasFormat(CARDS_MIME) or not data.hasText():
        return None
    lines = [line.strip() for line in data.text().splitlines() if line.strip()]
    return lines[0] if len(lines) == 1 else None


def _card_lanes(layout) -> list[str]:
    return [b.lane_id for b in layout.lanes if b.takes_cards and not b.collapsed]


def _move(scene, sel: Selection, dx: int, dy: int) -> bool:
    layout = scene.layout()
    stages = [b.stage_id for b in layout.stages]
    lanes = _card_lanes(layout)
    if not stages or not lanes:
        return False
    if len(sel.cards) == 1:
        box = layout.cards[sel.cards[0]]
        ids = list(layout.cell_cards.get((box.stage_id, box.lane_id), ()))
        if dy:
            at = ids.index(box.card_id) + dy
            if 0 <= at < len(ids):
                scene.set_selection(Selection(cards=(ids[at],)))
            return True
        return _to_cell(scene, layout, stages, box.stage_id, box.lane_id, dx, 0, box.index)
    if sel.cell is not None:
        return _to_cell(scene, layout, stages, sel.cell[0], sel.cell[1], dx, dy, None)
    return False


def _to_cell(scene, layout, stages, stage_id, lane_id, dx, dy, index) -> bool:
    """Move to the neighbouring cell; land on its card at `index` (clamped) when there is one."""
    lanes = _card_lanes(layout)
    s = max(0, min(len(stages) - 1, stages.index(stage_id) + dx))
    if lane_id in lanes:
        l_at = max(0, min(len(lanes) - 1, lanes.index(lane_id) + dy))
    else:
        l_at = 0
    target = (stages[s], lanes[l_at])
    ids = layout.cell_cards.get(target, ())
    if index is not None and ids:
        scene.set_selection(Selection(cards=(ids[min(index, len(ids) - 1)],)))
    else:
        scene.select_cell(*target)
    return True
