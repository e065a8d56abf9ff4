"""Compare mode on the canvas: the map laid out with room for the removed cards, and what changed drawn over it.

`ComparisonOverlay.show(before)` makes the scene lay the map out through
model/compare_view.py (room for each removed card in its old cell), rings
added, changed and moved cards in the COMPARISON decoration layer, and adds
overlay items: removed cards as ghosts, traces from moved cards' old cells,
the earlier emotion curves dashed. It follows every re-layout (a change from
the room while comparing), and `clear()` puts the scene back as it was. It
never changes the document.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from model.compare_view import REMOVED, ComparisonView, comparison_view
from model.document import Content

from .decorations import COMPARISON, Decoration
from .items.comparison import DashedCurveItem, GhostCardItem, TraceItem

Z_OLD_CURVES, Z_GHOSTS, Z_TRACES = 29, 11, 26  # earlier curves under today's, ghosts among cards, traces over them


class ComparisonOverlay(QObject):
    updated = Signal()  # the comparison was laid out again (its view may have new stops)

    def __init__(self, scene, parent=None) -> None:
        super().__init__(parent)
        self.scene = scene
        self._before: Content | None = None
        self.view: ComparisonView | None = None
        self._items: list = []
        scene.laid_out.connect(self._on_scene_laid_out)

    @property
    def active(self) -> bool:
        return self._before is not None

    @property
    def before(self) -> Content | None:
        """The version compared with."""
        return self._before

    def show(self, before: Content) -> ComparisonView:
        """Compare the scene's map with `before` from now on; returns the comparison as laid out."""
        self._before = before
        self.scene.set_layout_source(self._lay_out)  # lays out at once, then _on_scene_laid_out draws
        return self.view

    def clear(self) -> None:
        if self._before is None:
            return
        self._before, self.view = None, None
        self._drop_items()
        self.scene.set_decoration(COMPARISON, None)
        self.scene.set_layout_source(None)

    def items(self) -> list:
        """The overlay items now in the scene (tests look at them)."""
        return list(self._items)

    def ghost_items(self) -> list[GhostCardItem]:
        return [i for i in self._items if isinstance(i, GhostCardItem)]

    def trace_items(self) -> list[TraceItem]:
        return [i for i in self._items if isinstance(i, TraceItem)]

    def curve_items(self) -> list[DashedCurveItem]:
        return [i for i in self._items if isinstance(i, DashedCurveItem)]

    def _lay_out(self, engine, document):
        self.view = comparison_view(self._before, document, engine)
        return self.view.layout

    def _drop_items(self) -> None:
        for item in self._items:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self._items = []

    def _on_scene_laid_out(self) -> None:
        view = self.view
        if self._before is None or view is None:
            return
        self._drop_items()
        for ghost in view.ghosts:
            if ghost.box is not None:
                self._add(GhostCardItem(ghost.card.id, ghost.box, REMOVED), Z_GHOSTS)
        for trace in view.traces:
            self._add(TraceItem(trace.card_id, trace.start, trace.end, view.marks.get(trace.card_id, REMOVED)),
                      Z_TRACES)
        for curve in view.old_curves:
            self._add(DashedCurveItem(curve, alpha=150, width=2.0), Z_OLD_CURVES)
        self.scene.set_decoration(COMPARISON, Decoration(marks=view.marks))
        self.updated.emit()

    def _add(self, item, z: float) -> None:
        item.setZValue(z)
        self.scene.addItem(item)
        self._items.append(item)
