"""MapView: zoom, pan and pinned headers over a MapScene."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QMouseEvent, QPainter, QPixmap, QPixmapCache, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsView

from . import keys, style
from .items.card import LOD_TEXT

MIN_ZOOM, MAX_ZOOM = 0.02, 4.0
PIXMAP_CACHE_KB = 16 * 1024  # the far zoom's cached pictures (blocks, grid, curves: each at most the view's size)
EDGE = 28  # px from the viewport's edge where a drag scrolls the view
EDGE_STEP = 18  # px per tick at the very edge
STEP = 1.25
ZOOM_REST_MS = 160  # a wheel still this long ends a zoom: the map is drawn anew at the zoom reached


class MapView(QGraphicsView):
    """Ctrl+wheel zooms around the cursor; wheel/Shift+wheel scroll; middle-drag and Space-drag pan."""

    zoom_changed = Signal(float)
    theme_repainted = Signal()
    scene_shown = Signal(object)  # show_scene() put this scene in the view

    def __init__(self, scene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setBackgroundBrush(style.brush(style.current().background))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Hover (connection handles, resize cursor) needs moves without a button held.
        self.viewport().setMouseTracking(True)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self._zoom = 1.0
        self._pan_from: QPointF | None = None
        self._space = False
        self.horizontalScrollBar().valueChanged.connect(self._on_scroll)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        # Dragging near an edge scrolls the map, so a card can travel further than the window shows.
        self._edge_timer = QTimer(self)
        self._edge_timer.setInterval(30)
        self._edge_timer.timeout.connect(self._on_edge_timer_timeout)
        self._edge_pos: QPointF | None = None
        self._scene_rect = scene.sceneRect() if scene is not None else QRectF()
        if scene is not None:
            scene.sceneRectChanged.connect(self._on_scene_rect_changed)
        # While a paint event runs: the scene rectangles it repaints (canvas/items/base.painted_rects).
        self.painting: list[QRectF] | None = None
        # A wheel zoom under way: the frame it started from and the view's transform then. Each notch
        # shows that frame scaled at once (drawing hundreds of cards at a new size takes several
        # frames' time); when the wheel rests, the map is drawn anew, sharp, at the zoom reached.
        self._zoom_frame: tuple[QPixmap, QTransform] | None = None
        self._zoom_rest = QTimer(self)
        self._zoom_rest.setSingleShot(True)
        self._zoom_rest.setInterval(ZOOM_REST_MS)
        self._zoom_rest.timeout.connect(self.end_wheel_zoom)

    def map_scene(self):
        return self.scene()

    def show_scene(self, scene) -> None:
        """Show another scene at the same zoom (compare mode shows a snapshot's map read-only this way).

        The view follows the new scene's size, pins its headers where the view looks and draws it at the
        detail the zoom asks for; whoever owns the old scene keeps it alive.
        """
        old = self.scene()
        if scene is old:
            return
        self.end_wheel_zoom()
        if old is not None:
            old.sceneRectChanged.disconnect(self._on_scene_rect_changed)
        self.setScene(scene)
        self._scene_rect = scene.sceneRect()
        scene.sceneRectChanged.connect(self._on_scene_rect_changed)
        scene.set_detail(self._zoom >= LOD_TEXT)
        self._on_scroll()
        self.viewport().update()
        self.scene_shown.emit(scene)

    def repaint_theme(self) -> None:
        """After canvas.style.use(): draw the background, every item and the overview in the new palette."""
        self.end_wheel_zoom()
        self.setBackgroundBrush(style.brush(style.current().background))
        self.resetCachedContent()
        scene = self.scene()
        if scene is not None:
            scene.repaint_all()
        self.viewport().update()
        self.theme_repainted.emit()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._zoom_frame is not None:
            self._paint_zoom_frame()
            return
        # Qt hands each item only the bounding rectangle of what is repainted; while scrolling that
        # is a strip at the top (the pinned stage headers), a column at the left (the lane headers)
        # and a strip at the bottom (what scrolled in), whose bounding rectangle is the whole view.
        # What the map's own items (grid, cards, connections, curves) must draw is less: the
        # region's rectangles less the pinned headers, which cover what lies under them.
        region = event.region().subtracted(self._header_region())
        pad = 3.0 / max(self._zoom, 1e-3)  # antialiasing reaches a pixel or two beyond a rectangle
        self.painting = [self.mapToScene(r).boundingRect().adjusted(-pad, -pad, pad, pad) for r in region]
        try:
            super().paintEvent(event)
        finally:
            self.painting = None

    def _header_region(self) -> QRegion:
        """Where the pinned stage and lane headers cover the view (viewport coordinates)."""
        scene = self.scene()
        bands = scene.header_bands() if scene is not None else None
        if bands is None:
            return QRegion()
        top, bottom, left, right = bands
        port = self.viewport().rect()
        # Whole pixels the headers cover (their opaque fill): the row or column they half cover is drawn.
        t = self.viewportTransform()
        y0, y1 = math.ceil(t.map(QPointF(0.0, top)).y()), math.floor(t.map(QPointF(0.0, bottom)).y())
        x0, x1 = math.ceil(t.map(QPointF(left, 0.0)).x()), math.floor(t.map(QPointF(right, 0.0)).x())
        stages = QRegion(0, y0, port.width(), max(0, y1 - y0))
        lanes = QRegion(x0, 0, max(0, x1 - x0), port.height())
        return stages.united(lanes)

    def _paint_zoom_frame(self) -> None:
        frame, then = self._zoom_frame
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self.backgroundBrush())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        # A pixel of the old frame showed scene point then⁻¹(p); that point is now at now(then⁻¹(p)).
        inverse, _ = then.inverted()
        painter.setTransform(inverse * self.viewportTransform())
        painter.drawPixmap(0, 0, frame)
        painter.end()

    def _frame_on_screen(self) -> QPixmap:
        """What the viewport shows now: a copy of its pixels in the window's backing store (no
        drawing), or, where the platform keeps no such image, the viewport drawn again."""
        port = self.viewport()
        store = port.backingStore()
        image = store.paintDevice() if store is not None else None
        if isinstance(image, QImage) and not image.isNull():
            dpr = image.devicePixelRatio()
            at = port.mapTo(port.window(), QPoint(0, 0))
            rect = QRect(round(at.x() * dpr), round(at.y() * dpr), round(port.width() * dpr), round(port.height() * dpr))
            if image.rect().contains(rect):
                frame = QPixmap.fromImage(image.copy(rect))
                frame.setDevicePixelRatio(dpr)
                return frame
        return port.grab()

    def wheel_zooming(self) -> bool:
        """A wheel zoom is under way (its frames are the first one, scaled)."""
        return self._zoom_frame is not None

    def end_wheel_zoom(self) -> None:
        """The wheel rests: draw the map anew, sharp, at the zoom reached."""
        self._zoom_rest.stop()
        if self._zoom_frame is None:
            return
        self._zoom_frame = None
        if self.scene() is not None:
            self.scene().set_detail(self._zoom >= LOD_TEXT)
        self.viewport().update()

    def _on_scene_rect_changed(self, rect: QRectF) -> None:
        old, self._scene_rect = self._scene_rect, QRectF(rect)
        if not rect.contains(old):
            # While anyone listens to scene.changed (the overview does), an item leaving the scene
            # repaints only the new scene rect: repaint the whole viewport, or what stood beyond
            # the smaller map (a deleted stage, rows that moved up) stays on screen.
            self.viewport().update()

    # -- zoom ---------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self._zoom

    def zoom_to(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor` (clamped to 2 %–400 %), keeping the scene point under `anchor` (viewport coords) in place."""
        self.end_wheel_zoom()
        self._zoom_to(factor, anchor)

    def _zoom_to(self, factor: float, anchor: QPointF | None) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, float(factor)))
        if anchor is None:
            anchor = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
        scene_at = self.mapToScene(anchor.toPoint())
        self.resetTransform()
        self.scale(factor, factor)
        changed = factor != self._zoom
        self._zoom = factor
        # Keep the anchored scene point under the same viewport point.
        now = self.mapFromScene(scene_at)
        delta = now - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        if self.scene() is not None and self._zoom_frame is None:
            self.scene().set_detail(factor >= LOD_TEXT)  # after a wheel zoom, when it ends
        self._on_scroll()
        if changed:
            self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.zoom_to(self._zoom * STEP)

    def zoom_out(self) -> None:
        self.zoom_to(self._zoom / STEP)

    def reset_zoom(self) -> None:
        self.zoom_to(1.0)

    def fit_rect(self, rect: QRectF, margin: float = 24.0) -> None:
        vw, vh = max(self.viewport().width() - 2 * margin, 10), max(self.viewport().height() - 2 * margin, 10)
        if rect.width() <= 0 or rect.height() <= 0:
            return
        factor = min(vw / rect.width(), vh / rect.height())
        self.zoom_to(min(factor, 2.0))
        self.centerOn(rect.center())
        self._on_scroll()

    def fit_map(self) -> None:
        layout = self.scene().layout()
        self.fit_rect(QRectF(0.0, 0.0, layout.width, layout.height))

    def fit_selection(self) -> None:
        """Fit the selected cards (or stage, lane, cell); the whole map when nothing is selected."""
        scene = self.scene()
        layout = scene.layout()
        sel = scene.selected_ids()
        rects = [layout.cards[c].rect for c in sel.cards if c in layout.cards]
        rects += [layout.stage_index[s].column for s in sel.stages if s in layout.stage_index]
        rects += [layout.lane_index[x].row for x in sel.lanes if x in layout.lane_index]
        if sel.cell and sel.cell in layout.cells:
            rects.append(layout.cells[sel.cell].rect)
        if not rects:
            self.fit_map()
            return
        x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
        x1, y1 = max(r.right for r in rects), max(r.bottom for r in rects)
        # Leave room for the pinned headers above and left.
        pad_x, pad_y = layout.corner.w, layout.corner.h
        self.fit_rect(QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + pad_x, y1 - y0 + pad_y))

    # -- scrolling keeps the headers pinned ---------------------------------------------

    def _on_scroll(self, *_args) -> None:
        scene = self.scene()
        if scene is None:  # during teardown
            return
        top_left = self.mapToScene(0, 0)
        scene.set_pin(top_left.x(), top_left.y())

    def resizeEvent(self, event) -> None:
        # (A wheel zoom goes on: its scrollbars come and go as the map outgrows the view or fits in it.)
        super().resizeEvent(event)
        self._on_scroll()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._on_scroll()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                if self._zoom_frame is None:
                    self._zoom_frame = (self._frame_on_screen(), self.viewportTransform())
                self._zoom_rest.start()
                self._zoom_to(self._zoom * (STEP**steps), event.position())
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    # -- panning ----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and not self.scene().is_editing():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and self._space:
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:
        self.end_wheel_zoom()  # a click lands on the map as drawn anew, not on a scaled picture of it
        if event.button() == Qt.MouseButton.MiddleButton or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan_by(-delta.x(), -delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)
        self._follow_edges(event)

    def _edge_push(self, pos: QPointF) -> tuple[float, float]:
        w, h = self.viewport().width(), self.viewport().height()

        def push(v: float, size: float) -> float:
            if v < EDGE:
                return -EDGE_STEP * (EDGE - v) / EDGE
            if v > size - EDGE:
                return EDGE_STEP * (v - (size - EDGE)) / EDGE
            return 0.0

        return push(pos.x(), w), push(pos.y(), h)

    def _follow_edges(self, event) -> None:
        scene = self.scene()
        dragging = scene is not None and scene.gesture_active() and event.buttons() & Qt.MouseButton.LeftButton
        if dragging and self._edge_push(event.position()) != (0.0, 0.0):
            self._edge_pos = event.position()
            if not self._edge_timer.isActive():
                self._edge_timer.start()
        else:
            self._edge_pos = None
            self._edge_timer.stop()

    def _on_edge_timer_timeout(self) -> None:
        scene = self.scene()
        if self._edge_pos is None or scene is None or not scene.gesture_active():
            self._edge_timer.stop()
            return
        dx, dy = self._edge_push(self._edge_pos)
        self.pan_by(dx, dy)
        # The gesture follows the mouse over the scrolled map: replay the move at the same spot.
        pos = self._edge_pos
        move = QMouseEvent(
            QEvent.Type.MouseMove, pos, self.viewport().mapToGlobal(pos), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )
        super().mouseMoveEvent(move)

    def event(self, event) -> bool:
        # While text is edited in place, editing keys belong to the editor, not to window shortcuts
        # (Delete, Ctrl+Z, Ctrl+A...); with a cell selected, a paste of one line starts quick capture.
        if event.type() == QEvent.Type.ShortcutOverride and self.scene() is not None:
            scene = self.scene()
            if scene.is_editing():
                event.accept()
                return True
            if (scene.selected_ids().cell is not None and event.matches(QKeySequence.StandardKey.Paste)
                    and keys.pasted_line() is not None):
                event.accept()
                return True
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:
        self._edge_timer.stop()
        self._edge_pos = None
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Scroll by (dx, dy) viewport pixels."""
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

from .overview import OverviewWidget  # noqa: E402,F401  (the contract names it in canvas.view)
