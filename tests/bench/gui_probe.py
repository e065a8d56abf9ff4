"""One GUI measurement in a fresh process; prints one JSON object on its last line.

    gui_probe.py bare            a bare PySide6 window: launch to first frame
    gui_probe.py example         the editor on the example map: launch to first painted frame
    gui_probe.py large MAP       open time and frame times (drag, pan, whole map) of a big map
    gui_probe.py memory MAP      resident memory with the map open in the editor's canvas
    gui_probe.py insights        the Insights panel brought up to date after one edit of a 2,000-card map
    gui_probe.py presentation MAP   F5 in the editor to the map painted full screen on the projector
                                 (run with two screens: tests/editor/virtual_screens.py)
    gui_probe.py booth MAP       the voting booth in the editor: a click on a card to its vote painted
"""

import json
import os
import sys
import time

LAUNCHED = float(os.environ.get("JOURNEYMAP_BENCH_LAUNCHED", time.time()))


def report(**values):
    print(json.dumps(values), flush=True)


def bare():
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, _obj, event):
            if event.type() == QEvent.Type.Paint:
                report(first_frame_s=time.time() - LAUNCHED)
                QTimer.singleShot(0, app.quit)
            return False

    window = QWidget()
    window.resize(1920, 1080)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()


def example():
    os.environ["JOURNEYMAP_EXIT_AFTER_FIRST_FRAME"] = "1"
    import main

    sys.exit(main.main(["--example"]))


def _frame_times(view, step, frames=90):
    """Time synchronous repaints of the viewport after each step (ms)."""
    from PySide6.QtWidgets import QApplication

    times = []
    for i in range(frames):
        step(i)
        start = time.perf_counter()
        view.viewport().repaint()
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[int(0.95 * (len(times) - 1))]


def _open_view(path):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from canvas.fonts import ensure_fonts
    from canvas.scene import MapScene
    from canvas.view import MapView
    from model.persistence import MapFile

    ensure_fonts()
    start = time.perf_counter()
    map_file = MapFile.open(path, read_only=True)
    scene = MapScene(map_file.document)
    view = MapView(scene)
    view.resize(1920, 1080)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    return app, map_file, scene, view, time.perf_counter() - start


def large(path):
    app, map_file, scene, view, opened = _open_view(path)
    view.reset_zoom()
    layout = scene.layout()
    first = next(iter(layout.cards.values()))
    item = next(i for i in scene.items() if getattr(i, "card_id", None) == first.card_id)
    origin = item.pos()

    def drag(i):
        item.setPos(origin.x() + (i % 30) * 4, origin.y() + (i % 20) * 3)

    drag_p95 = _frame_times(view, drag)
    item.setPos(origin)
    bar = view.horizontalScrollBar()

    def pan(i):
        bar.setValue(bar.minimum() + (i * 25) % max(1, bar.maximum() - bar.minimum()))

    pan_p95 = _frame_times(view, pan)
    view.fit_map()
    whole_p95 = _frame_times(view, lambda i: None)
    report(open_s=opened, drag_p95_ms=drag_p95, pan_p95_ms=pan_p95, whole_p95_ms=whole_p95)
    map_file.close()


def memory(path):
    app, map_file, scene, view, _ = _open_view(path)
    view.fit_map()
    view.viewport().repaint()
    with open("/proc/self/status") as status:
        rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    report(rss_mb=rss_kb / 1024)
    map_file.close()


def insights():
    """Edit a card (a different one each time, connected or not), then time the panel's refresh, list included."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from canvas.scene import MapScene
    from editor.insights_panel import InsightsPanel
    from model import ops
    from model.insights import findings
    from tests.model.factories import connected_map

    doc = connected_map(2000, 400)
    panel = InsightsPanel(doc, MapScene(doc))
    panel.resize(360, 900)
    panel.show()
    app.processEvents()
    cards = doc.cards()
    times, shown = [], []
    for i in range(15):
        card = cards[(i * 131) % len(cards)]
        doc.apply(ops.UpdateCard(card.id, {"text": f"{card.text} (edit {i})"}))
        start = time.perf_counter()
        panel.refresh()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        shown.append(sum(panel.tree.topLevelItem(g).childCount() for g in range(panel.tree.topLevelItemCount())))
        if panel.found != findings(doc):
            raise RuntimeError("the panel does not show what the edited map says")
    if min(shown) == 0:
        raise RuntimeError("the panel listed no findings")
    times.sort()
    report(refresh_p50_ms=times[len(times) // 2], refresh_max_ms=times[-1], listed=min(shown))


def presentation(path):
    """Time View › Present from the action to the projector's first painted frame of the map."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QGuiApplication
def booth(path):
    """In the editor's window, booth open, a participant chosen: click a card (a real mouse press on the
    canvas) and time until the vote is saved, its badge updated and the canvas repainted."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from canvas.fonts import ensure_fonts
    from editor.app import Application
    from editor.prompts import Prompts

    ensure_fonts()
    screens = QGuiApplication.screens()
    if len(screens) != 2:
        raise RuntimeError("the presentation figure needs the laptop and projector screens")
    editor = Application(Prompts()).open_path(path)
    for _ in range(20):
        app.processEvents()
    painted = []

    class FirstPaint(QObject):
        def eventFilter(self, _obj, event):
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watcher = FirstPaint()
    start = time.perf_counter()
    editor.actions["view.present.steps"].trigger()  # shows the window; Qt paints it from the event loop
    window = editor.presentation().window
    window.view.viewport().installEventFilter(watcher)
    deadline = start + 10.0
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
    if not painted:
        raise RuntimeError("the projector never painted the map")
    if not (window.isVisible() and window.isFullScreen() and window.screen() == screens[1]):
        raise RuntimeError("the presentation is not full screen on the projector")
    area = window.visible_area()
    shown = [c for c, box in window.scene.layout().cards.items()
             if not box.hidden and area.intersects(_qrect(box.rect))]
    if not window.scene.cards_shown() or len(shown) < 3:
        raise RuntimeError(f"the projector shows {len(shown)} cards")
    report(open_ms=(painted[0] - start) * 1000, cards_shown=len(shown), zoom=window.view.zoom_factor())
    editor.close()


def _qrect(rect):
    from PySide6.QtCore import QRectF

    return QRectF(rect.x, rect.y, rect.w, rect.h)
    from model import voting

    ensure_fonts()
    editor = Application(Prompts())
    window = editor.open_path(path)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    window.view.reset_zoom()
    booth = window.voting.open_booth()
    if booth is None:
        raise RuntimeError("the booth did not open")
    doc = window.document
    session = voting.current_session(doc)
    person = doc.items("participant")[0]
    booth.choose(person.id)
    port = window.view.viewport()
    cards = [c for c in doc.cards() if session.takes(c)][::37][:40]
    times = []
    for card in cards:
        window.show_card(card.id)
        app.processEvents()
        box = window.scene.layout().cards[card.id].rect
        point = window.view.mapFromScene(QPointF(box.x + 12, box.y + box.h / 2))
        press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(point), QPointF(port.mapToGlobal(point)),
                            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        before = voting.ballot(doc, session.id, person.id).get(card.id, 0)
        start = time.perf_counter()
        QApplication.sendEvent(port, press)
        app.processEvents()  # paints what the vote changed (the card's badge), as the event loop would
        times.append((time.perf_counter() - start) * 1000)
        badge = window.scene.vote_badges.items.get(card.id)
        if voting.ballot(doc, session.id, person.id).get(card.id, 0) != before + 1 or badge is None \
                or badge.count != before + 1 or not badge.isVisible():
            raise RuntimeError("the click's vote was not counted and shown")
    booth.close()
    times.sort()
    report(click_p50_ms=times[len(times) // 2], click_p95_ms=times[int(0.95 * (len(times) - 1))], clicks=len(times))
    window.close()


if __name__ == "__main__":
    mode = sys.argv[1]
    {"bare": bare, "example": example, "large": lambda: large(sys.argv[2]), "memory": lambda: memory(sys.argv[2]),
     "insights": insights, "presentation": lambda: presentation(sys.argv[2])}[
     "insights": insights, "booth": lambda: booth(sys.argv[2])}[
        mode
    ]()
