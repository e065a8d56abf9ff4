"""How to join the room, on the projector: a corner with a QR code, the address and the room code, shown
while the room is open and a presentation runs, hidden when the room closes; Q hides it and brings it back."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.editor.painted_text import painted_widget_text
from tests.room.test_room_panel import decoded_qr, qr_matches

K = Qt.Key


def present(window, qtbot):
    window.actions["view.present.steps"].trigger()
    presentation = window.presentation()
    qtbot.waitExposed(presentation.window)
    return presentation, presentation.window


def module_scale(pixmap, text: str) -> int:
    """Pixels per module of a QR code of `text` drawn as `pixmap` (its quiet zone of 4 modules included)."""
    import segno

    modules = segno.make(text, error="m", micro=False).symbol_size(scale=1, border=4)[0]
    assert pixmap.width() == pixmap.height() and pixmap.width() % modules == 0
    return pixmap.width() // modules


def test_the_projector_shows_how_to_join_while_the_room_is_open(room, window, qtbot, tmp_path):
    presentation, projector = present(window, qtbot)
    corner = projector.room_corner
    assert corner.isVisible() and projector.is_room_shown()
    server = room.server
    assert corner.address.text() == server.base_url and corner.code.text() == server.code
    pixmap = corner.qr.pixmap()
    assert qr_matches(pixmap, server.join_url, module_scale(pixmap, server.join_url))
    if shutil.which("zbarimg"):
        assert decoded_qr(pixmap, tmp_path) == server.join_url  # what a phone's camera reads
    # Large: the code a third of the screen's shorter side, every text at least 14 px, all of it on screen.
    screen = projector.size()
    assert pixmap.width() >= min(screen.width(), screen.height()) * 0.25
    texts = painted_widget_text(corner)
    assert {text for _, text in texts} >= {server.base_url, server.code, "Room code"}
    assert min(size for size, _ in texts) >= 14
    assert projector.rect().contains(corner.geometry())
    assert corner.geometry().bottom() > projector.view.geometry().center().y()  # in a corner, under the banner
    assert corner.geometry().right() > projector.width() * 0.6

    with qtbot.waitSignal(projector.room_shown_changed):
        room.close()
    assert not corner.isVisible()
    qtbot.keyClick(projector, K.Key_Q)  # nothing to join: Q shows nothing
    assert not corner.isVisible()


def test_q_hides_and_brings_back_how_to_join(room, window, qtbot):
    _presentation, projector = present(window, qtbot)
    qtbot.keyClick(projector, K.Key_Q)
    assert not projector.room_corner.isVisible()
    qtbot.keyClick(projector, K.Key_Q)
    assert projector.room_corner.isVisible()
    qtbot.keyClick(projector, K.Key_B)  # a black screen covers it too
    assert projector.black.isVisible()
    assert projector.childAt(projector.room_corner.geometry().center()) is projector.black
    qtbot.keyClick(projector, K.Key_B)


def test_a_room_opened_during_a_presentation_appears_and_a_new_room_has_its_own_code(window, loopback, qtbot):
    presentation, projector = present(window, qtbot)
    assert not projector.room_corner.isVisible()  # the room is closed
    window.room.open("127.0.0.1", 0)
    try:
        first = window.room.server.join_url
        assert projector.room_corner.isVisible() and projector.room_corner.join_url == first
        window.room.close()
        window.room.open("127.0.0.1", 0)
        assert projector.room_corner.isVisible()
        assert projector.room_corner.join_url == window.room.server.join_url != first
        assert projector.room_corner.code.text() == window.room.server.code
    finally:
        window.room.close()


def test_a_presentation_ended_and_started_again_shows_the_open_room(room, window, qtbot):
    presentation, projector = present(window, qtbot)
    with qtbot.waitSignal(presentation.ended):
        qtbot.keyClick(projector, K.Key_Escape)
    _, again = present(window, qtbot)
    assert again is not projector and again.room_corner.isVisible()
    assert again.room_corner.code.text() == room.server.code
