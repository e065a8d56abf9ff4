"""The facilitator's side: opening the room from the menu, its QR code, the panel's inbox and people."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from canvas.selection import Selection


def decoded_qr(pixmap, tmp_path) -> str:
    """What a phone's camera reads from the QR code (zbarimg, a real decoder)."""
    path = tmp_path / "qr.png"
    assert pixmap.save(str(path))
    result = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=30)
    return result.stdout.strip()


def qr_matches(pixmap, text: str, scale: int | None = None) -> bool:
    """The picture's modules are those of a QR code of `text` (segno's), quiet zone included, `scale` pixels
    a module (by default, as many as the picture's side holds)."""
    import segno

    image = pixmap.toImage()
    code = segno.make(text, error="m", micro=False)
    matrix = code.matrix
    if scale is None:
        scale = pixmap.width() // code.symbol_size(scale=1, border=4)[0]
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            colour = image.pixelColor((col + 4) * scale + scale // 2, (row + 4) * scale + scale // 2)
            if (colour.lightness() < 128) != bool(dark):
                return False
    return True


def test_opening_the_room_from_the_menu_shows_how_to_join(window, loopback, prompts, qtbot, tmp_path):
    prompts.script("item", next(label for label in _labels() if label.endswith("127.0.0.1")))
    window.actions["workshop.open_room"].trigger()
    room = window.room
    assert room.is_open and window.docks["room"].isVisible()
    assert not window.actions["workshop.open_room"].isEnabled() and window.actions["workshop.close_room"].isEnabled()
    panel = window.room_ui.panel
    assert panel.code.text() == room.server.code and panel.address.text() == room.server.base_url
    assert qr_matches(panel.qr.pixmap(), room.server.join_url)
    if shutil.which("zbarimg"):
        assert decoded_qr(panel.qr.pixmap(), tmp_path) == room.server.join_url
    window.actions["workshop.close_room"].trigger()
    assert not room.is_open and panel.open_button.isVisibleTo(panel)


def fully_shown(widget) -> bool:
    """Nothing of `widget` is scrolled out of its dock or hidden: the facilitator sees all of it."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_the_room_dock_shows_how_to_join_and_what_phones_may_do_without_scrolling(window, loopback, prompts, qtbot):
    """In the default window (the smallest screen of the suite), the dock the room opens in shows the code, the
    address, the button that closes the room and the step's first choices at once; its QR code beside them,
    small (the room scans the projector's), and the Inspector above it keeps a usable part of the column."""
    prompts.script("item", next(label for label in _labels() if label.endswith("127.0.0.1")))
    window.actions["workshop.open_room"].trigger()
    panel, dock = window.room_ui.panel, window.docks["room"]
    inspector = window.docks["inspector"]
    qtbot.waitUntil(lambda: dock.height() > inspector.height() >= 200)
    for widget in (panel.status, panel.qr, panel.code, panel.address, panel.close_button, panel.writing):
        assert fully_shown(widget), widget
    assert panel.qr.width() <= 140 and panel.qr.geometry().top() < panel.code.geometry().bottom()  # side by side
    assert dock.width() == inspector.width()  # the column no wider than before the room opened
    # The facilitator's own size for the dock stands when the room opens again.
    window.resizeDocks([dock], [200], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: dock.height() < inspector.height())
    chosen = dock.height()
    window.actions["workshop.close_room"].trigger()
    dock.close()  # and the panel with it
    prompts.script("item", next(label for label in _labels() if label.endswith("127.0.0.1")))
    window.actions["workshop.open_room"].trigger()
    QApplication.processEvents()  # the layout's pass: a dock resized on opening would change now
    assert window.room.is_open and dock.height() == chosen
    window.actions["workshop.close_room"].trigger()


def _labels():
    from editor.room.qr import room_addresses

    return [a.label for a in room_addresses()]


def test_the_inbox_accept_edit_discard_and_reveal(room, phones, off_gui, window, prompts):
    ana = phones()
    off_gui(lambda: ana.join(room.server.token, "Ana"))
    room.set_step(room.step.__class__(private_writing=True))
    state = off_gui(ana.state)[0]
    lanes = {lane["name"]: lane["id"] for lane in state["lanes"]}
    stage = state["stages"][1]["id"]
    off_gui(lambda: [ana.post("/api/cards", {"text": t, "lane": lanes["Pain points"], "stage": stage})  # in order
                     for t in ("<b>Slow</b> delivery", "Rude driver", "Lost parcel")])
    panel = window.room_ui.panel
    texts = [panel.inbox.item(i).text() for i in range(panel.inbox.count())]
    assert texts[0].startswith("<b>Slow</b> delivery\n— Ana,") and all("(private)" in t for t in texts)

    def select(row):
        panel.inbox.clearSelection()
        panel.inbox.item(row).setSelected(True)

    doc, stack = window.document, window.stack
    select(0)
    before, depth = doc.content(), stack.count()
    _button(panel, "Accept").click()
    assert stack.count() == depth + 1 and stack.undoText() == "Accept card from the room"
    cell = doc.cell_cards(stage, lanes["Pain points"])
    assert cell[-1].text == "<b>Slow</b> delivery" and len(doc.items("inbox_card")) == 2
    stack.undo()
    assert doc.content() == before
    select(1)
    prompts.script("text", "Very rude driver")
    _button(panel, "Edit…").click()
    select(2)
    _button(panel, "Discard").click()
    _button(panel, "Reveal All").click()
    assert [(c.text, c.hidden) for c in doc.items("inbox_card")] == [("<b>Slow</b> delivery", False),
                                                                    ("Very rude driver", False)]
    assert stack.count() == depth + 3  # edit, discard, reveal: one step each


def _button(panel, text):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in panel.findChildren(QPushButton) if b.text() == text)


def test_people_are_listed_sent_out_and_removed(room, phones, off_gui, window, prompts):
    ana, ben = phones(), phones()
    off_gui(lambda: ana.join(room.server.token, "Ana"), lambda: ben.join(room.server.token, "Ben"))
    card = off_gui(ana.state)[0]["touchpoints"][0]["id"]
    off_gui(lambda: ana.post("/api/ratings", {"card": card, "value": 2}))
    panel = window.room_ui.panel
    rows = sorted(panel.people.item(i).text() for i in range(panel.people.count()))
    assert rows == ["Ana  ✓ acted in this step", "Ben"]
    by_name = {panel.people.item(i).text().split()[0]: panel.people.item(i) for i in range(panel.people.count())}
    by_name["Ben"].setSelected(True)
    _button(panel, "Send Out").click()
    [refused] = off_gui(lambda: ben.post("/api/ratings", {"card": card, "value": 1}))
    assert refused.status_code == 401
    panel.people.clearSelection()
    by_name = {panel.people.item(i).text().split()[0]: panel.people.item(i) for i in range(panel.people.count())}
    by_name["Ana"].setSelected(True)
    prompts.script("confirm", True)
    _button(panel, "Remove with Their Cards…").click()
    doc = window.document
    assert "Ana" not in [p.name for p in doc.items("participant")] and not doc.items("room_rating")
    window.stack.undo()
    assert [r.value for r in doc.items("room_rating")] == [2]


def test_locking_and_focusing_the_room(room, phones, off_gui, window):
    panel = window.room_ui.panel
    panel.locked.setChecked(True)
    phone = phones()
    [refused] = off_gui(lambda: phone.join(room.server.token, "Late"))
    assert refused.status_code == 403
    panel.locked.setChecked(False)
    stage = window.document.stages[1]
    window.scene.set_selection(Selection(stages=(stage.id,)))
    _button(panel, "Focus on Selected Stages").click()
    assert room.step.stage_ids == (stage.id,) and stage.name in panel.focus.text()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    [state] = off_gui(phone.state)
    assert [s["id"] for s in state["stages"]] == [stage.id]
    assert {t["stage"] for t in state["touchpoints"]} == {stage.name}
    panel.rating.setChecked(False)
    [state] = off_gui(phone.state)
    assert state["touchpoints"] == [] and not state["step"]["rating"]
