"""Every question and message the editor puts to the user, in one injectable service.

Windows and panels receive a `Prompts` in their constructor and never open a
QMessageBox or QFileDialog themselves, so tests can hand in scripted answers
while every other widget stays real.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

MAP_FILTER = "Journey maps (*.journey)"


class Prompts:
    """Modal dialogs over a parent window. Each method returns the user's answer (None when cancelled)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def with_parent(self, parent: QWidget) -> "Prompts":
        """The same service, with dialogs centred over `parent`."""
        return type(self)(parent)

    # messages -------------------------------------------------------------------

    def info(self, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Information, title, text)

    def warn(self, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Warning, title, text)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent)
        box.setTextFormat(_plain())
        box.exec()

    def confirm(self, title: str, text: str, ok_text: str = "OK") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        box.setTextFormat(_plain())
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(ok)
        box.exec()
        return box.clickedButton() is ok

    def choose(self, title: str, text: str, choices: Sequence[str], *, detail: str = "") -> str | None:
        """One of `choices` (buttons, the first is the default); None when the dialog is closed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        box.setTextFormat(_plain())
        if detail:
            box.setInformativeText(detail)
        buttons = {}
        for i, choice in enumerate(choices):
            role = QMessageBox.ButtonRole.RejectRole if choice == "Cancel" else QMessageBox.ButtonRole.AcceptRole
            buttons[box.addButton(choice, role)] = choice
            if i == 0:
                box.setDefaultButton(next(iter(buttons)))
        box.exec()
        return buttons.get(box.clickedButton())

    # input -----------------------------------------------------------------------------

    def text(self, title: str, label: str, default: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, text=default)
        return value if ok else None

    def item(self, title: str, label: str, items: Sequence[str], current: int = 0) -> str | None:
        value, ok = QInputDialog.getItem(self.parent, title, label, list(items), current, False)
        return value if ok else None

    def colour(self, title: str, initial: str) -> str | None:
        colour = QColorDialog.getColor(QColor(initial), self.parent, title)
        return colour.name().upper() if colour.isValid() else None

    # files ---------------------------------------------------------------------------------

    def open_file(self, title: str, file_filter: str = MAP_FILTER, start: Path | None = None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, str(start or Path.home()), file_filter)
        return Path(path) if path else None

    def save_file(self, title: str, file_filter: str = MAP_FILTER, suggested: Path | None = None) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested or Path.home()), file_filter)
        return Path(path) if path else None


def _plain():
    from PySide6.QtCore import Qt

    # User text (titles, file names, error messages) is data, never rich text.
    return Qt.TextFormat.PlainText
