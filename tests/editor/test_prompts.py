"""The real Prompts service: its dialogs show plain text and return what the user clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from editor.prompts import Prompts


def _answer_with(button_text: str, seen: list) -> None:
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.textFormat()))
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        box.reject()

    QTimer.singleShot(0, click)


def test_choose_returns_the_clicked_choice_and_shows_text_as_text(qapp):
    seen = []
    _answer_with("Take over", seen)
    answer = Prompts().choose("Map in use", "<b>map</b> is open", ["Open read-only", "Take over", "Cancel"])
    assert answer == "Take over"
    assert seen == [("<b>map</b> is open", Qt.TextFormat.PlainText)]


def test_confirm_is_false_when_cancelled(qapp):
    seen = []
    _answer_with("Cancel", seen)
    assert Prompts().confirm("Revert", "Replace the map?", "Revert") is False
    _answer_with("Revert", seen)
    assert Prompts().confirm("Revert", "Replace the map?", "Revert") is True
