"""What cards and the stage and lane headers share: a selected and a hovered look, and for
the pinned headers, text that slides along the header to stay readable while it is partly
scrolled away under the other headers."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from .. import style

def qrect(r) -> QRectF:
    """A layout Rect (model/layout_types.py) as a QRectF."""
    return QRectF(r.x, r.y, r.w, r.h)


TEXT_LOD = 0.2  # below this zoom a header's 12-point words are under 3 pixels tall: not drawn


def view_painting(widget) -> list[QRectF] | None:
    """The scene rectangles a MapView is repainting right now, or None (an export, a cache)."""
    view = widget.parentWidget() if widget is not None else None
    return getattr(view, "painting", None)


def painted_rects(option, widget) -> list[QRectF] | None:
    """The parts of the scene being painted, for an item drawn in scene coordinates (at 0, 0,
    untransformed): the rectangles of a MapView's paint region, else the exposed rectangle
    (ItemUsesExtendedStyleOption), or None when the whole item is painted (an export)."""
    rects = view_painting(widget)
    if rects is not None:
        return rects
    exposed = option.exposedRect
    return None if exposed.isEmpty() else [exposed]


def touches(box: QRectF, rects: list[QRectF]) -> bool:
    return any(box.intersects(r) for r in rects)


class MarkableItem(QGraphicsItem):
    """An item drawn differently when selected or hovered; the setters repaint only on a change."""

    def __init__(self) -> None:
        super().__init__()
        self._selected = False
        self._hovered = False

    def set_selected_look(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def selected_look(self) -> bool:
        return self._selected

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self._hovered:
            self._hovered = hovered
            self.update()


class HeaderItem(MarkableItem):
    """A stage or lane header: `_rect` in item coordinates, and a slide of its text of at most `_room`.

    At rest, and in every export, the text sits where the layout put it (slide 0).
    """

    def __init__(self) -> None:
        super().__init__()
        self._rect = QRectF()
        self._room = 0.0  # how far the text may slide and still fit the header
        self._slide = 0.0

    def _keep_slide_in_room(self) -> None:
        """After a new box: the room may have shrunk below the current slide."""
        self._slide = min(self._slide, self._room)

    def _slide_by(self, offset: float) -> None:
        """Slide the text `offset` along the header (clamped to 0 … room); repaint on a change."""
        slide = min(max(0.0, offset), self._room)
        if slide != self._slide:
            self._slide = slide
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def _paint_outline(self, painter: QPainter) -> None:
        """The selection (or hover) frame just inside the header."""
        if self._selected or self._hovered:
            painter.setBrush(style.no_brush())
            painter.setPen(style.pen(style.current().selection if self._selected else style.current().hover, 2.0))
            painter.drawRect(self._rect.adjusted(1.0, 1.0, -1.0, -1.0))
