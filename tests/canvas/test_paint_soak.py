"""A paint soak: a large scene painted a few thousand times must not leak references to None.

PySide6 6.12.0 dropped a reference to None on some virtual calls until the
interpreter aborted; this catches any such leak in our paint paths.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from canvas.scene import MapScene
from tests.model.factories import generated_map


def test_large_scene_paints_thousands_of_times_without_losing_none_references(qapp):
    doc = generated_map(2000, stages=8, lanes=6, personas=2, seed=7)
    scene = MapScene(doc)
    try:
        layout = scene.layout()
        assert scene.item_counts()["cards"] == 2000
        image = QImage(240, 160, QImage.Format.Format_ARGB32_Premultiplied)
        # Garbage left by earlier tests, collected in the middle of the soak, freed hundreds of
        # references to None at once and failed a full run now and then: collect it first.
        gc.collect()
        start = sys.getrefcount(None)
        # Windows over the map at several zooms, like a view panning; every fourth at far zoom (blocks).
        windows = []
        for i in range(60):
            x = (i * 173.0) % max(layout.width - 300.0, 1.0)
            y = (i * 911.0) % max(layout.height - 300.0, 1.0)
            windows.append(QRectF(x, y, 300.0, 200.0))
        renders = 0
        for rounds in range(40):
            for i, source in enumerate(windows):
                far = i % 4 == 0
                scene.set_detail(not far)
                if far:
                    source = QRectF(0.0, source.y(), layout.width, layout.width * 2 / 3)
                image.fill(Qt.GlobalColor.white)
                painter = QPainter(image)
                scene.render(painter, QRectF(image.rect()), source)
                painter.end()
                renders += 1
            # A leaking binding loses one reference per call: thousands by now. Normal churn is a few.
            now = sys.getrefcount(None)
            assert now >= start - 100, f"references to None fell from {start} to {now} after {renders} renders"
        assert renders >= 2000
        assert sys.getrefcount(None) >= start - 100
    finally:
        scene.close()
