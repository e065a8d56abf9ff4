"""Canvas figures for a large realistic map (not a test): scene build, pan, card drag and far-zoom frame times.

`make bench` times the same gestures in the editor's own window (tests/bench/gestures.py); this is the
quicker look at the canvas alone, for profiling.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.canvas.bench_canvas [cards]
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.canvas.bench_canvas edits [cards]

`edits` times the re-layout and the scene's item update after single-card edits.

Frames are timed as a synchronous viewport repaint at 1920 × 1080 after each step.
"""

from __future__ import annotations

import statistics
import sys
import time


class _PaintCounter:
    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter()
        widget.installEventFilter(self._filter)


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main(cards: int = 5000) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from canvas.scene import MapScene
    from canvas.view import MapView
    from tests.model.realistic_maps import realistic_map

    app = QApplication.instance() or QApplication(sys.argv[:1])
    doc = realistic_map(cards)
    t0, c0 = time.perf_counter(), time.process_time()
    scene = MapScene(doc)
    view = MapView(scene)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t0
    opened_cpu = time.process_time() - c0
    port = view.viewport()

    cpu: dict[str, list[float]] = {}

    paints = _PaintCounter(port)

    def frame(step, kind: str = "") -> float:
        """One frame as the user gets it: the step, then Qt repaints only what it invalidated."""
        t, c = time.perf_counter(), time.process_time()
        before = paints.count
        step()
        for _ in range(5):  # the scene's dirty-item pass and the viewport update are posted events
            app.processEvents()
            if paints.count > before:
                break
        cpu.setdefault(kind, []).append((time.process_time() - c) * 1000)
        return (time.perf_counter() - t) * 1000

    def full_frame(step, kind: str = "") -> float:
        """The worst case: the whole viewport repainted after the step."""
        step()
        t, c = time.perf_counter(), time.process_time()
        port.repaint()
        cpu.setdefault(kind, []).append((time.process_time() - c) * 1000)
        return (time.perf_counter() - t) * 1000

    pan = [frame(lambda i=i: view.pan_by(0, 13 if i < 100 else -13), "pan") for i in range(200)]
    # A full screen per frame: every card on it is new, so nothing comes from the pixmap caches.
    fast = [frame(lambda i=i: view.pan_by(0, 40 if i < 50 else -40), "fast") for i in range(100)]
    full = [full_frame(lambda i=i: view.pan_by(0, 13 if i < 50 else -13), "full") for i in range(100)]
    page = [frame(lambda i=i: view.pan_by(0, 1000), "page") for i in range(40)]
    view.verticalScrollBar().setValue(0)

    layout = scene.layout()
    top = layout.lanes[0]
    card_id = layout.cell_cards[(layout.stages[1].stage_id, top.lane_id)][0]
    r = layout.cards[card_id].rect
    start = view.mapFromScene(*r.center)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    drag = [frame(lambda i=i: QTest.mouseMove(port, start + QPoint(6 * i, 3 * (i % 40))), "drag") for i in range(1, 150)]
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)

    t = time.perf_counter()
    view.fit_map()
    app.processEvents()
    to_fit = time.perf_counter() - t
    far = [full_frame(lambda: None, "far") for _ in range(100)]
    far_zoom = view.zoom_factor()
    view.reset_zoom()

    print(f"{cards} cards: scene + view built and first frame painted in {opened:.3f} s ({opened_cpu:.3f} s CPU)")
    print(f"pan at 100 %:        p95 {p95(pan):.1f} ms, median {statistics.median(pan):.1f} ms")
    print(f"fast pan 40 px/frame: p95 {p95(fast):.1f} ms, median {statistics.median(fast):.1f} ms")
    print(f"pan, whole viewport repainted each frame: p95 {p95(full):.1f} ms, median {statistics.median(full):.1f} ms")
    print(f"pan a screen/frame: p95 {p95(page):.1f} ms, median {statistics.median(page):.1f} ms (cold caches)")
    print(f"card drag at 100 %:  p95 {p95(drag):.1f} ms, median {statistics.median(drag):.1f} ms")
    print(f"whole map ({far_zoom:.3f}x, blocks, full repaint): p95 {p95(far):.1f} ms, median {statistics.median(far):.1f} ms; switching to it {to_fit * 1000:.0f} ms")
    print("CPU time per frame, p95 (ms; independent of other load on the machine): "
          + ", ".join(f"{k} {p95(v):.1f}" for k, v in cpu.items()))
    scene.close()


def edit_figures(cards: int = 5000, repeats: int = 30) -> dict[str, tuple[float, float, float, float]]:
    """Median milliseconds after one edit, per kind of edit, on a `cards` map:
    (layout, scene update) in wall time, then the same two in CPU time (which other load on
    the machine does not inflate as much).

    Kinds: a text change that keeps the card's height; a text change that makes a card of the
    tallest cell of the first lane taller (every row below moves); a move between two cells;
    an emotion change. The scene update is everything MapScene.relayout does after the layout.
    """
    from PySide6.QtWidgets import QApplication

    from canvas.scene import MapScene
    from model import ops
    from tests.model.realistic_maps import realistic_map

    app = QApplication.instance() or QApplication(sys.argv[:1])
    doc = realistic_map(cards)
    scene = MapScene(doc)
    engine = scene.layout_engine()
    timings: list[tuple[float, float]] = []
    plain_layout = engine.layout

    def timed_layout(d):
        t, c = time.perf_counter(), time.process_time()
        result = plain_layout(d)
        timings.append((time.perf_counter() - t, time.process_time() - c))
        return result

    engine.layout = timed_layout  # an instance attribute: the scene calls it like the method
    rng = __import__("random").Random(7)
    persona = doc.personas[0].id
    card_lanes = [lane.id for lane in doc.lanes if lane.kind == "cards"]

    def tallest_cell_card() -> str:
        layout = scene.layout()
        lane = card_lanes[0]
        cell = max((layout.cells[(s.id, lane)] for s in doc.stages), key=lambda c: len(layout.cell_cards[(c.stage_id, lane)]))
        return layout.cell_cards[(cell.stage_id, lane)][-1]

    def edit(kind: str):
        """The operation for one edit of this kind (chosen before the clock starts)."""
        card = doc.card(rng.choice(list(scene.layout().cards)))
        if kind == "text, same height":
            return ops.UpdateCard(card.id, {"text": card.text[:-1] + ("a" if card.text[-1] != "a" else "b")})
        if kind == "text, taller card moves rows":
            grown = doc.card(tallest_cell_card())
            return ops.UpdateCard(grown.id, {"text": grown.text + " and one more line of words to wrap"})
        if kind == "move between cells":
            return ops.MoveCard(card.id, rng.choice(doc.stages).id, rng.choice(card_lanes), 0)
        return ops.SetEmotion(card.id, persona, rng.choice([-2.0, -1.0, 0.0, 1.0, 2.0]))

    def ms(values) -> float:
        return statistics.median(values) * 1000

    figures = {}
    for kind in ("text, same height", "text, taller card moves rows", "move between cells", "emotion"):
        lay, total, lay_cpu, total_cpu = [], [], [], []
        for _ in range(repeats):
            op = edit(kind)
            timings.clear()
            t, c = time.perf_counter(), time.process_time()
            doc.apply(op)  # Document.changed: the scene lays out and updates its items at once
            total.append(time.perf_counter() - t)
            total_cpu.append(time.process_time() - c)
            lay.append(sum(w for w, _ in timings))
            lay_cpu.append(sum(p for _, p in timings))
            app.processEvents()
        figures[kind] = (
            ms(lay),
            ms([a - b for a, b in zip(total, lay)]),
            ms(lay_cpu),
            ms([a - b for a, b in zip(total_cpu, lay_cpu)]),
        )
    scene.close()
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "edits":
        print("medians, ms                     layout  scene update   (CPU: layout  scene update)")
        for name, (lay, upd, lay_cpu, upd_cpu) in edit_figures(int(sys.argv[2]) if len(sys.argv) > 2 else 5000).items():
            print(f"{name:30s} {lay:7.1f} {upd:13.1f}         {lay_cpu:7.1f} {upd_cpu:13.1f}")
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
