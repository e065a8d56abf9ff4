"""The keys the presentation answers: what presentation clickers send, and a few for the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

K = Qt.Key
NEXT_KEYS = frozenset({K.Key_Right, K.Key_Down, K.Key_PageDown})
PREVIOUS_KEYS = frozenset({K.Key_Left, K.Key_Up, K.Key_PageUp})
BLACK_KEYS = frozenset({K.Key_B, K.Key_Period})  # PowerPoint's keys for a black screen, which clickers send
ZOOM_IN_KEYS = frozenset({K.Key_Plus, K.Key_Equal})
ZOOM_OUT_KEYS = frozenset({K.Key_Minus, K.Key_Underscore})
ZOOM_STEP = 1.25
ROOM_KEYS = frozenset({K.Key_Q})  # how to join the room (its QR code), shown while it is open

# For Help › Keyboard Shortcuts.
HELP = (
    ("→, ↓, Page Down (presenting)", "Next part of the map, then the next step or stage"),
    ("←, ↑, Page Up (presenting)", "Previous part, step or stage (Page Up/Down work from the editor too)"),
    ("B or . (presenting)", "Black screen, and back"),
    ("+ / − (presenting)", "Zoom the projector in / out"),
    ("Q (presenting)", "Hide or show how phones join the room (while the room is open)"),
    ("Esc (presenting)", "End the presentation, back to the editor"),
)
