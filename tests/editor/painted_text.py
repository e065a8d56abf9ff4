"""The size every piece of text comes out at on screen, measured from the painting itself.

`painted_text(widget)` renders the widget through a paint engine that draws
nothing and records each text item with its font's pixel size times the
painter's scale at that moment: the size a person sees, whatever item drew it
and however it was zoomed or rotated.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPaintDevice, QPaintEngine, QPainter, QTransform

M = QPaintDevice.PaintDeviceMetric


class _Recorder(QPaintEngine):
    def __init__(self) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.texts: list[tuple[float, str]] = []
        self._transform = QTransform()

    def begin(self, _device) -> bool:
        return True

    def end(self) -> bool:
        return True

    def updateState(self, state) -> None:  # noqa: N802 - Qt's name
        if state.state() & QPaintEngine.DirtyFlag.DirtyTransform:
            self._transform = QTransform(state.transform())

    def drawTextItem(self, _at, item) -> None:  # noqa: N802 - Qt's name
        font = item.font()
        px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96.0 / 72.0
        t = self._transform
        scale = math.sqrt(abs(t.m11() * t.m22() - t.m12() * t.m21()))  # rotated labels too
        self.texts.append((px * scale, item.text()))

    # Everything else is drawn nowhere.
    def _draw_nothing(self, *_args) -> None:
        pass

    drawPixmap = drawPath = drawPolygon = drawRects = drawLines = _draw_nothing  # noqa: N815 - Qt's names
    drawEllipse = drawImage = drawTiledPixmap = drawPoints = _draw_nothing  # noqa: N815

    def type(self):
        return QPaintEngine.Type.User


class _Device(QPaintDevice):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.engine = _Recorder()
        self._metrics = {M.PdmWidth: width, M.PdmHeight: height, M.PdmDpiX: 96, M.PdmDpiY: 96,
                         M.PdmPhysicalDpiX: 96, M.PdmPhysicalDpiY: 96, M.PdmDepth: 32,
                         M.PdmWidthMM: round(width * 25.4 / 96), M.PdmHeightMM: round(height * 25.4 / 96),
                         M.PdmDevicePixelRatio: 1, M.PdmNumColors: 1 << 24}

    def paintEngine(self):  # noqa: N802 - Qt's name
        return self.engine

    def metric(self, metric):
        value = self._metrics.get(metric)
        return value if value is not None else super().metric(metric)


def painted_text(view) -> list[tuple[float, str]]:
    """(pixel size, text) of every text item a QGraphicsView draws in its viewport, 1:1, uncached."""
    scene = view.scene()
    caching = scene.card_cache_mode()
    scene.set_caching(False)  # a card painted from its pixmap cache would hide its text from the recorder
    try:
        viewport = view.viewport().rect()
        device = _Device(viewport.width(), viewport.height())
        painter = QPainter(device)
        view.render(painter, QRectF(0, 0, viewport.width(), viewport.height()), viewport)
        painter.end()
    finally:
        scene.set_caching(caching == caching.DeviceCoordinateCache)
    return device.engine.texts


def painted_widget_text(widget) -> list[tuple[float, str]]:
    """(pixel size, text) of every text item a widget and its children draw, 1:1."""
    from PySide6.QtCore import QPoint

    device = _Device(widget.width(), widget.height())
    painter = QPainter(device)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return device.engine.texts
