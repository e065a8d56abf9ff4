"""Paint soak: a 5,000-card scene rendered again and again leaks neither references nor memory.

Each render paints a window of the map into a QImage through MapScene.render
(QGraphicsScene.render: every item's paint), alternating close-up windows at
several zooms (full detail: card text, shapes, curves, connections) with
far views of a whole band of the map (cards as blocks), as panning and
zooming do. 300 renders at SCALE 1, 10,000 at SCALE 10 (`make soak`).

- `sys.getrefcount(None)` never falls more than normal churn: a binding
  that loses one reference to None per virtual call (PySide6 6.12.0 did) loses
  thousands here;
- resident memory (VmRSS) stops growing after a warm-up: the growth over the
  last third of the renders stays small, both in absolute terms and against
  the first third's (a leak grows every third alike).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from canvas.scene import MapScene
from tests.model.factories import generated_map

from .conftest import SCALE

RENDERS = 300 if SCALE == 1 else 10_000
CARDS = 5_000
NONE_CHURN = 100  # references to None come and go with caches; a leak loses one per call, thousands in all
WARM_UP = 0.2  # the first fifth fills glyph, pixmap and layout caches
RSS_SLACK_KB = 3_072 if SCALE == 1 else 6_144  # the last third may still grow this much (allocator noise)


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory is read from /proc (Linux)")
def test_a_5000_card_scene_painted_again_and_again_leaks_nothing(qapp, soak_report):
    doc = generated_map(CARDS, stages=12, lanes=7, personas=3, seed=11)
    scene = MapScene(doc)
    try:
        layout = scene.layout()
        assert scene.item_counts()["cards"] == CARDS
        image = QImage(320, 200, QImage.Format.Format_ARGB32_Premultiplied)
        zooms = (1.0, 0.75, 1.5, 2.0)  # a window of the map this many times the image's size
        none_start = sys.getrefcount(None)
        samples: list[tuple[int, int]] = []
        for i in range(RENDERS):
            far = i % 5 == 4
            scene.set_detail(not far)
            if far:
                top = (i * 397.0) % max(layout.height - 600.0, 1.0)
                source = QRectF(0.0, top, layout.width, layout.width * 0.625)
            else:
                zoom = zooms[i % len(zooms)]
                w, h = image.width() * zoom, image.height() * zoom
                x = (i * 173.0) % max(layout.width - w, 1.0)
                y = (i * 911.0) % max(layout.height - h, 1.0)
                source = QRectF(x, y, w, h)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            scene.render(painter, QRectF(image.rect()), source)
            painter.end()
            if i % 50 == 0:
                assert image != _blank(image), f"render {i} painted nothing"
            if i % 10 == 9:
                now = sys.getrefcount(None)
                assert now >= none_start - NONE_CHURN, (
                    f"references to None fell from {none_start} to {now} after {i + 1} renders"
                )
                samples.append((i + 1, _rss_kb()))
        _check_memory_levels_off(samples, soak_report, sys.getrefcount(None) - none_start)
    finally:
        scene.close()


def _blank(image: QImage) -> QImage:
    white = QImage(image.size(), image.format())
    white.fill(Qt.GlobalColor.white)
    return white


def _check_memory_levels_off(samples: list[tuple[int, int]], report, none_change: int) -> None:
    settled = [rss for done, rss in samples if done > RENDERS * WARM_UP]
    third = len(settled) // 3
    assert third >= 2, "too few memory samples"
    first = settled[third] - settled[0]
    last = settled[-1] - settled[-third - 1]
    curve = ", ".join(f"{done}:{rss // 1024}MB" for done, rss in samples[:: max(1, len(samples) // 12)])
    report(f"paint: {RENDERS} renders of {CARDS} cards; references to None {none_change:+d}; RSS after warm-up: "
           f"first third {first:+d} kB, last third {last:+d} kB; curve (renders:RSS) {curve}")
    assert last <= RSS_SLACK_KB and last <= max(first, 0) + RSS_SLACK_KB // 2, (
        f"resident memory still grows after warm-up: +{last} kB over the last third (first third +{first} kB); "
        f"curve {curve}"
    )
