"""How phones join the room, in a corner of the projector: a QR code large enough to scan from a seat,
the address in large type and the room code for those who type it.

Shown over the map's bottom-right corner while the room is open (the map is not framed around it:
Q hides it when it covers what the room should see, and brings it back).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from canvas.fonts import bold_font, card_font

from ..room.qr import qr_pixmap_within

HEADING_PX, ADDRESS_PX, CODE_LABEL_PX, CODE_PX = 24, 24, 18, 48
QR_SHARE = 0.34  # of the window's shorter side: a code a phone reads from the back of a meeting room
MARGIN = 24  # from the window's edges
STYLE = """
QFrame#presentation_room { background: white; border: 1px solid #CBD5E0; border-radius: 14px; }
QLabel { color: #1A202C; background: transparent; border: none; }
QLabel#presentation_room_code_label { color: #4A5568; }
"""


def _label(name: str, font: QFont) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


class RoomCorner(QFrame):
    """The corner panel. Its input: `set_room(join_url, address, code)`, then `fit(window_size)`."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presentation_room")
        self.setStyleSheet(STYLE)
        self.heading = _label("presentation_room_heading", bold_font(HEADING_PX))
        self.heading.setText("Join on your phone")
        self.qr = QLabel()
        self.qr.setObjectName("presentation_room_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.address = _label("presentation_room_address", card_font(ADDRESS_PX))
        self.code_label = _label("presentation_room_code_label", card_font(CODE_LABEL_PX))
        self.code_label.setText("Room code")
        code_font = QFont(bold_font(CODE_PX))  # a copy: the cached font is shared
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.code = _label("presentation_room_code", code_font)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 14, 18, 14)
        column.setSpacing(6)
        for widget in (self.heading, self.qr, self.address, self.code_label, self.code):
            column.addWidget(widget)
        self.join_url = ""
        self._qr_side = 0

    def set_room(self, join_url: str, address: str, code: str) -> None:
        """What phones join with: the QR code holds `join_url`; `address` and `code` are typed by hand."""
        if join_url != self.join_url:
            self.join_url = join_url
            self._qr_side = 0  # made again at the next fit()
        self.address.setText(address)
        self.code.setText(code)

    def fit(self, window: QSize) -> None:
        """Size the code for a window of `window`'s size and sit in its bottom-right corner."""
        side = int(min(window.width(), window.height()) * QR_SHARE)
        if self.join_url and side != self._qr_side:
            self._qr_side = side
            self.qr.setPixmap(qr_pixmap_within(self.join_url, side))
        self.adjustSize()
        self.move(window.width() - self.width() - MARGIN, window.height() - self.height() - MARGIN)
