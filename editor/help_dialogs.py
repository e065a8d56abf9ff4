"""Help > Keyboard shortcuts (built from the declared actions) and Help > About."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from .actions import ActionSet

# Gestures on the canvas that are not menu actions.
CANVAS_KEYS = (
    ("Type with a cell selected", "Start a new card there (quick capture)"),
    ("Enter (quick capture)", "Add the card and start the next one in the same cell"),
    ("Tab / Shift+Tab (quick capture)", "Move to the next / previous stage"),
    ("Escape", "Cancel the edit"),
    ("Arrow keys", "Move the selection"),
    ("Double-click a card or header", "Edit its text in place"),
    ("Ctrl+wheel", "Zoom around the mouse"),
    ("Middle-drag or Space+drag", "Pan the map"),
    ("Shift while dragging an emotion point", "Fine steps of 0.1"),
)


_NAMED_KEYS = {"Del", "Backspace", "Ins", "Return", "Enter", "Tab", "Space", "Esc", "Home", "End", "PgUp", "PgDown",
               "Left", "Right", "Up", "Down"}


def _typed(key: str) -> bool:
    """False for dedicated keys of some keyboards ("Copy", "Shift+Save"), which a list of shortcuts only clutters."""
    last = "+" if key.endswith("+") else key.rsplit("+", 1)[-1]  # "Ctrl++" ends in the plus key
    return len(last) == 1 or last in _NAMED_KEYS or (last[0] == "F" and last[1:].isdigit())


def shortcut_rows(actions: ActionSet) -> list[tuple[str, str]]:
    from .presentation.keys import HELP as PRESENTATION_KEYS

    rows = []
    for action_id in actions.ids():
        action = actions[action_id]
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        keys = [k for k in keys if _typed(k)][:2]
        if keys:
            spec = actions.spec(action_id)
            where = " › ".join(_plain(part) for part in (spec.menu, spec.submenu) if part)
            text = _plain(spec.text)
            rows.append((", ".join(keys), f"{where} › {text}" if where else text))
    return rows + list(CANVAS_KEYS) + list(PRESENTATION_KEYS)


def _plain(text: str) -> str:
    """A menu text without its mnemonic markers ("&&" is a literal ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    def __init__(self, actions: ActionSet, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Keys", "What it does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 560)


def about_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("journeymap")
    except PackageNotFoundError:
        number = "development"
    return (f"Journeymap {number}\n\n"
            "An offline editor for customer journey maps: capture the journey with the room, "
            "then print it as a poster for the wall.\n\n"
            "Every change is saved as you make it. Nothing is sent over the network.")
