"""In-place text editors on the canvas: card text, stage and lane names, and quick capture.

Enter commits, Shift+Enter adds a line (where a newline is allowed), Escape
cancels; in quick capture Tab and Shift+Tab move to the next or previous stage
and a paste of several lines is handed over as separate cards. The editor is a
plain item placed by the scene, so it survives re-layouts: the scene moves it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QTextOption
from PySide6.QtWidgets import QGraphicsTextItem

from . import style
from .fonts import bold_font, card_font


class InlineEditor(QGraphicsTextItem):
    committed = Signal(str)
    cancelled = Signal()
    tabbed = Signal(int)  # +1 Tab, -1 Shift+Tab (quick capture only)
    lines_pasted = Signal(list)  # several pasted lines (quick capture only)

    def __init__(self, mode: str, target: object, text: str = "", *, bold: bool = False, size: float = 11.0) -> None:
        super().__init__()
        self.mode = mode  # "card", "stage", "lane" or "quick"
        self.target = target  # a card/stage/lane id, or (stage_id, lane_id) for quick capture
        self.setFont(bold_font(size) if bold else card_font(size))
        self.setDefaultTextColor(style.colour(style.current().ink))
        self.document().setDocumentMargin(6.0)
        self.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        self.setPlainText(text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(2000)
        self._box = QRectF()
        self.select_all()

    @property
    def allows_newlines(self) -> bool:
        return self.mode in ("card", "quick")

    def place(self, rect: QRectF) -> None:
        """Put the editor over `rect` (scene coordinates), as wide as it."""
        self.setPos(rect.topLeft())
        self.setTextWidth(max(rect.width(), 60.0))
        self._box = QRectF(0.0, 0.0, max(rect.width(), 60.0), max(rect.height(), 24.0))
        self.update()

    def select_all(self) -> None:
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def clear_text(self) -> None:
        self.setPlainText("")

    def boundingRect(self) -> QRectF:
        return super().boundingRect().united(self._box)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        box = self.boundingRect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.pen(style.current().selection, 2.0))
        painter.setBrush(style.brush(style.current().surface))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 5.0, 5.0)
        if self.mode == "quick" and not self.toPlainText():
            painter.setPen(style.pen(style.current().ink_faint))
            painter.setFont(card_font(11.0))
            painter.drawText(box.adjusted(8, 6, -8, -6), Qt.AlignmentFlag.AlignLeft, "Type a card, Enter for the next…")
        super().paint(painter, option, widget)

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if shift and self.allows_newlines:
                self.textCursor().insertText("\n")
            else:
                self.committed.emit(self.toPlainText())
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        if self.mode == "quick" and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.tabbed.emit(-1 if key == Qt.Key.Key_Backtab or shift else 1)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste) and self.paste_lines():
            event.accept()
            return
        super().keyPressEvent(event)

    def paste_lines(self) -> bool:
        """Quick capture: a clipboard of several lines becomes several cards. True when handled."""
        if self.mode != "quick":
            return False
        text = QGuiApplication.clipboard().text()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            return False
        self.lines_pasted.emit(lines)
        return True

    def sceneEvent(self, event) -> bool:
        # Tab must reach keyPressEvent instead of moving the focus between items.
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(event)
            return True
        return super().sceneEvent(event)
