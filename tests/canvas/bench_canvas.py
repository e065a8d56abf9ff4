"""Canvas figures for a large map (not a test): scene build, pan, card drag and far-zoom frame times.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.canvas.bench_canvas [cards]

Frames are timed as a synchronous viewport repaint at 1920 × 1080 after each step.
"""

from __future__ import annotations

import statistics
import sys
import time


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main(cards: int = 5000) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from canvas.scene import MapScene
    from canvas.view import MapView
    from tests.model.factories import generated_map

    app = QApplication.instance() or QApplication(sys.argv[:1])
    doc = generated_map(cards, stages=8, lanes=6, personas=2)
    t0 = time.perf_counter()
    scene = MapScene(doc)
    view = MapView(scene)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t0
    port = view.viewport()

    def frame(step) -> float:
        step()
        t = time.perf_counter()
        port.repaint()
        return (time.perf_counter() - t) * 1000

    pan = [frame(lambda i=i: view.pan_by(0, 13 if i < 100 else -13)) for i in range(200)]
    # A full screen per frame: every card on it is new, so nothing comes from the pixmap caches.
    page = [frame(lambda i=i: view.pan_by(0, 1000)) for i in range(40)]
    view.verticalScrollBar().setValue(0)

    layout = scene.layout()
    top = layout.lanes[0]
    card_id = layout.cell_cards[(layout.stages[1].stage_id, top.lane_id)][0]
    r = layout.cards[card_id].rect
    start = view.mapFromScene(*r.center)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    drag = [frame(lambda i=i: QTest.mouseMove(port, start + QPoint(6 * i, 3 * (i % 40)))) for i in range(1, 150)]
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)

    t = time.perf_counter()
    view.fit_map()
    app.processEvents()
    to_fit = time.perf_counter() - t
    far = [frame(lambda i=i: view.pan_by(1 if i % 2 else -1, 0)) for i in range(100)]
    far_zoom = view.zoom_factor()
    view.reset_zoom()

    print(f"{cards} cards: scene + view built and first frame painted in {opened:.3f} s")
    print(f"pan at 100 %:        p95 {p95(pan):.1f} ms, median {statistics.median(pan):.1f} ms")
    print(f"pan a screen/frame: p95 {p95(page):.1f} ms, median {statistics.median(page):.1f} ms (cold caches)")
    print(f"card drag at 100 %:  p95 {p95(drag):.1f} ms, median {statistics.median(drag):.1f} ms")
    print(f"whole map ({far_zoom:.3f}x, blocks): p95 {p95(far):.1f} ms, median {statistics.median(far):.1f} ms; switching to it {to_fit * 1000:.0f} ms")
    scene.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
