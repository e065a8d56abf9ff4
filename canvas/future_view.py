"""As-is and to-be on the canvas (issue 13): the view state and what it draws.

`FutureView.set_view(View.AS_IS | TO_BE | BOTH)` chooses what the map shows:
as-is draws today's curves and dims the cards marked to-be (in the FUTURE
decoration layer); to-be draws each persona's to-be curve, dashed in its
colour, instead of the as-is one; both draws the two. In the to-be and both
views a to-be card carries a dashed ring, as on the poster. The view is view
state: never saved, never undone. It follows every re-layout.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QPainter

from model.domain import View
from model.tobe import to_be_cards

from . import style
from .decorations import FUTURE, Decoration
from .items.base import qrect
from .items.comparison import DashedCurveItem
from .items.overlays import MarksItem

TO_BE_INK = "#2C7A7B"  # the poster's too (export/poster_future.py)
RING_GAP = 3.5
Z_FUTURE_CURVES, Z_RINGS = 31, 12


class RingsItem(MarksItem):
    """Dashed rings round the to-be cards: the decoration marks' item, drawn in the poster's to-be look."""

    def set_rects(self, rects: list[QRectF]) -> None:
        self.set_rings([(r, TO_BE_INK) for r in rects])

    def rects(self) -> list[QRectF]:
        return [r for r, _colour in self.rings()]

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(style.no_brush())
        painter.setPen(style.dashed_pen(TO_BE_INK, 2.0, (6.0, 3.5)))
        for r, _colour in self._rings:
            painter.drawRoundedRect(r, 8.0, 8.0)


class FutureView(QObject):
    view_changed = Signal(object)  # the View now shown

    def __init__(self, scene, parent=None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.view = View.BOTH
        self._curves: dict[tuple[str, str], DashedCurveItem] = {}
        self.rings = RingsItem()
        self.rings.setZValue(Z_RINGS)
        scene.addItem(self.rings)
        scene.laid_out.connect(self.refresh)
        self.refresh()

    def set_view(self, view: View) -> None:
        view = View(view)
        if view != self.view:
            self.view = view
            self.refresh()
            self.view_changed.emit(view)

    def curve_items(self) -> list[DashedCurveItem]:
        return list(self._curves.values())

    def refresh(self) -> None:
        scene, view = self.scene, self.view
        layout = scene.layout()
        if layout is None:
            return
        for item in scene.sync.curves.values():
            item.setVisible(view != View.TO_BE)
        keep = {}
        for curve in layout.to_be_curves if view != View.AS_IS else ():
            key = (curve.persona_id, curve.lane_id)
            item = self._curves.pop(key, None)
            if item is None or item.curve is not curve:
                if item is not None:
                    scene.removeItem(item)
                item = DashedCurveItem(curve, width=2.4)
                item.setZValue(Z_FUTURE_CURVES)
                scene.addItem(item)
            keep[key] = item
        for item in self._curves.values():
            scene.removeItem(item)
        self._curves = keep
        future = to_be_cards(scene.document)
        rects = []
        if view != View.AS_IS:
            for card_id in future:
                box = layout.cards.get(card_id)
                if box is not None and not box.hidden:
                    rects.append(qrect(box.rect).adjusted(-RING_GAP, -RING_GAP, RING_GAP, RING_GAP))
        self.rings.set_rects(rects)
        dim = view == View.AS_IS and bool(future)
        scene.set_decoration(FUTURE, Decoration(focus=frozenset(layout.cards) - future) if dim else None)
