"""OverviewWidget: the whole map small, with the view's visible area; click or drag to move the view.

It draws from the layout (blocks per card), cached in a pixmap that is
rebuilt only when the layout changes, so it costs nothing while panning.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import style
from .items.base import qrect


class OverviewWidget(QWidget):
    def __init__(self, view, parent=None) -> None:
        super().__init__(parent)
        self._view = view
        self._scene = view.scene()
        self._pixmap: QPixmap | None = None
        self._layout = None
        self._dragging = False
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._scene.changed.connect(self._on_scene_changed)
        view.scene_shown.connect(self._on_view_scene_shown)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.zoom_changed.connect(self.update)
        view.theme_repainted.connect(self._on_view_theme_repainted)

    def sizeHint(self) -> QSize:
        return QSize(240, 140)

    def _on_view_theme_repainted(self) -> None:
        self._pixmap = None
        self.update()

    def _on_view_scene_shown(self, scene) -> None:
        """The view shows another scene (compare mode's snapshot): draw that one."""
        self._scene.changed.disconnect(self._on_scene_changed)
        self._scene = scene
        scene.changed.connect(self._on_scene_changed)
        self._pixmap = None
        self.update()

    def _on_scene_changed(self, _regions) -> None:
        if self._scene.layout() is not self._layout:
            self._pixmap = None
            self.update()

    def _transform(self) -> tuple[float, float, float]:
        """(scale, dx, dy) from map coordinates to this widget, the map centred and fitted."""
        layout = self._scene.layout()
        w, h = max(layout.width, 1.0), max(layout.height, 1.0)
        s = min((self.width() - 8) / w, (self.height() - 8) / h)
        s = max(s, 1e-4)
        return s, (self.width() - w * s) / 2, (self.height() - h * s) / 2

    def _build(self) -> QPixmap:
        layout = self._scene.layout()
        self._layout = layout
        pixmap = QPixmap(self.size())
        pixmap.fill(style.colour(style.current().background))
        s, dx, dy = self._transform()
        p = QPainter(pixmap)
        p.translate(dx, dy)
        p.scale(s, s)
        p.fillRect(QRectF(0, 0, layout.width, layout.height), style.brush(style.current().cell))
        p.fillRect(QRectF(layout.corner.w, 0, layout.width - layout.corner.w, layout.corner.h), style.brush(style.current().accent, 60))
        p.fillRect(QRectF(0, 0, layout.corner.w, layout.height), style.brush(style.current().lane_header))
        for lane in layout.lanes:
            if lane.draws_curves:
                p.fillRect(qrect(lane.row), style.brush(style.current().emotion_band))
        by_colour: dict[str, list[QRectF]] = {}
        for card_id, box in layout.cards.items():
            if not box.hidden:
                item = self._scene.card_item(card_id)
                colour = item.card.colour if item.card else "white"
                by_colour.setdefault(colour, []).append(qrect(box.rect))
        palette = style.current()
        # Cards in their border tone; high contrast draws every border black, so there the fill, outlined.
        outlined = palette.card_border_width > 1.0
        p.setPen(style.cosmetic_pen(palette.ink, 1.0) if outlined else style.no_pen())
        for colour, rects in by_colour.items():
            p.setBrush(style.brush(style.card_fill(colour) if outlined else style.card_border(colour)))
            p.drawRects(rects)
        p.end()
        return pixmap

    def paintEvent(self, event) -> None:
        if self._pixmap is None or self._pixmap.size() != self.size() or self._layout is not self._scene.layout():
            self._pixmap = self._build()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._pixmap)
        s, dx, dy = self._transform()
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        rect = QRectF(dx + visible.x() * s, dy + visible.y() * s, visible.width() * s, visible.height() * s)
        p.setPen(style.cosmetic_pen(style.current().selection, 2.0))
        p.setBrush(style.brush(style.current().selection, 28))
        p.drawRect(rect.intersected(QRectF(0, 0, self.width() - 1, self.height() - 1)))
        p.end()

    def resizeEvent(self, event) -> None:
        self._pixmap = None
        super().resizeEvent(event)

    def _centre_view_at(self, pos: QPointF) -> None:
        s, dx, dy = self._transform()
        self._view.centerOn(QPointF((pos.x() - dx) / s, (pos.y() - dy) / s))
        self.update()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._centre_view_at(event.position())
            event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._dragging:
            self._centre_view_at(event.position())
            event.accept()

    def mouseReleaseEvent(self, event) -> None:
        self._dragging = False
        event.accept()
