"""One GUI measurement in a fresh process; prints one JSON object on its last line.

    gui_probe.py bare              a bare PySide6 window: launch to its first frame painted
    gui_probe.py example           the editor on the example map: launch to its first frame painted
    gui_probe.py gestures MAP      the map in the editor's window at 1920 × 1080: open time, then at 100 %
                                   wheel scrolling, a card drag, a rubber band, Ctrl+wheel zoom, and Fit Map
    gui_probe.py memory MAP SECS   resident memory with the map open, after scrolling all of it at 100 %,
                                   and its growth over SECS seconds of simulated editing
    gui_probe.py insights          the Insights panel brought up to date after one edit of a 2,000-card map

Run it on a 1920 × 1080 screen: QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json (tests/bench/__main__.py
writes one). Every gesture checks its effect (tests/bench/gestures.py); a failed check exits non-zero.
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
        """Reports once the first paint event has been handled (a zero timer runs after it)."""

        done = False

        def eventFilter(self, _obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, lambda: (report(first_frame_s=time.time() - LAUNCHED), app.quit()))
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


def _summary(times: list[float]) -> dict:
    from tests.bench.gestures import percentile

    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times), "frames": len(times)}


def gestures(path):
    from PySide6.QtWidgets import QApplication

    QApplication([])
    from tests.bench import gestures as g

    session = g.open_in_editor(path)
    results = {"open_s": session.opened_s, "viewport": [session.view.viewport().width(), session.view.viewport().height()]}

    def at_top_left():
        g.actual_size(session)
        session.view.horizontalScrollBar().setValue(0)
        session.view.verticalScrollBar().setValue(0)
        session.clock.settle()

    at_top_left()
    results["scroll"] = _summary(g.scroll_down(session, frames=int(os.environ.get("JOURNEYMAP_BENCH_SCROLL_FRAMES", 240))))
    at_top_left()
    drags = []
    for _ in range(3):  # three cards, each to the next stage; the view stays where it is
        drags += g.drag_card(session)
    results["drag"] = _summary(drags)
    results["drop_ms"] = max(session.notes["drop_ms"])
    at_top_left()
    results["band"] = _summary(g.rubber_band(session))
    at_top_left()
    results["zoom"] = _summary(g.wheel_zoom(session))
    results["zoom_rest"] = _summary(session.notes.pop("zoom_rest_ms"))
    switch, whole = g.fit_all(session)
    results["fit_switch_ms"] = switch
    results["fit"] = _summary(whole)
    results["notes"] = {k: v for k, v in session.notes.items() if k != "drop_ms"}
    session.close()
    report(**results)


def memory(path, seconds):
    from PySide6.QtWidgets import QApplication

    QApplication([])
    from tests.bench import gestures as g
    from tests.bench.editing import edit_soak, rss_mb

    session = g.open_in_editor(path)
    opened = rss_mb()
    g.actual_size(session)
    screens = g.scroll_everywhere(session)
    scrolled = rss_mb()
    soak = edit_soak(session, float(seconds))
    report(rss_open_mb=opened, rss_scrolled_mb=scrolled, screens=screens, soak_s=soak.seconds, soak_edits=soak.edits,
           soak_before_mb=soak.before_mb, soak_start_mb=soak.start_mb, soak_end_mb=soak.end_mb, soak_growth=soak.growth)
    session.close()


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


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"bare": bare, "example": example, "gestures": lambda: gestures(args[0]),
     "memory": lambda: memory(args[0], args[1]), "insights": insights}[mode]()
