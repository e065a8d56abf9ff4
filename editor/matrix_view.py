"""The impact × effort matrix: every card with an impact and an effort as a dot in four quadrants.

Effort runs left to right and impact bottom to top, 1–5 each; the quadrant
lines sit where model.insights puts them (3 and up is high). A dot's size
follows its votes and its colour its stage. Clicking a dot selects the card
on the canvas (the selection is shared both ways); dragging it to another
square sets its impact and effort as one undoable command through the
EditSession, and nothing is pushed when it lands where it started.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

from model import edits, ops, voting
from model.insights import HIGH_SCORE, Quadrant, quadrant

from .forms import literal_tooltip
from .when_seen import WhenSeen

STAGE_COLOURS = ("#3182CE", "#DD6B20", "#38A169", "#D53F8C", "#805AD5", "#E53E3E", "#319795", "#B7791F")
QUADRANT_TINTS = {Quadrant.QUICK_WIN: "#E6F6EC", Quadrant.BIG_BET: "#EBF4FF",
                  Quadrant.FILL_IN: "#F7FAFC", Quadrant.THANKLESS: "#FFF5F5"}
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN = 34.0, 34.0, 6.0
ROW = 18.0  # the height a dot and its label take in a crowded square


@dataclass(frozen=True)
class Grid:
    """The matrix drawn at the view's own size (1 scene unit = 1 pixel, so labels stay readable)."""

    width: float
    height: float

    @property
    def cell_w(self) -> float:
        return max(20.0, (self.width - MARGIN_LEFT - MARGIN) / 5)

    @property
    def cell_h(self) -> float:
        return max(20.0, (self.height - MARGIN_BOTTOM - MARGIN) / 5)

    def square(self, impact: int, effort: int) -> QRectF:
        """The square for this impact and effort (1–5 each): effort left to right, impact bottom to top."""
        return QRectF(MARGIN_LEFT + (effort - 1) * self.cell_w, MARGIN + (5 - impact) * self.cell_h,
                      self.cell_w, self.cell_h)

    def square_at(self, pos: QPointF) -> tuple[int, int]:
        """(impact, effort) of the square under `pos`, clamped into 1–5."""
        effort = min(5, max(1, math.floor((pos.x() - MARGIN_LEFT) / self.cell_w) + 1))
        impact = min(5, max(1, 5 - math.floor((pos.y() - MARGIN) / self.cell_h)))
        return impact, effort

    def slots(self, impact: int, effort: int, count: int) -> list[tuple[QPointF, float]]:
        """Where `count` dots of one square go, and how wide each one's place is: in rows, then columns."""
        rect = self.square(impact, effort)
        top = rect.y() + 16  # below the quadrant's title
        rows_fit = max(1, int((rect.bottom() - top) // ROW))
        cols = math.ceil(count / rows_fit)
        rows = math.ceil(count / cols)
        row_h = min(ROW * 1.6, (rect.bottom() - top) / rows)
        col_w = rect.width() / cols
        return [(QPointF(rect.x() + c * col_w + 10, top + (r + 0.5) * row_h), col_w)
                for i in range(count) for r, c in [divmod(i, cols)]]


def dot_radius(votes: int) -> float:
    return 4.0 + 1.6 * math.sqrt(min(votes, 25))


class DotItem(QGraphicsEllipseItem):
    """One card's dot with its short label; holds the card's id, never the card."""

    def __init__(self, card_id: str, radius: float, colour: str, label: str, room: float) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.card_id = card_id
        self.setBrush(QBrush(QColor(colour)))
        self.setPen(QPen(QColor("#FFFFFF"), 1.5))
        self.setZValue(2)
        self.label = QGraphicsSimpleTextItem(self)
        metrics = QFontMetricsF(self.label.font())
        self.label.setText(metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(0.0, room - radius - 14)))
        self.label.setBrush(QBrush(QColor("#1A202C")))
        self.label.setPos(radius + 3, -metrics.height() / 2)

    def set_selected_look(self, selected: bool) -> None:
        self.setPen(QPen(QColor("#1A202C"), 3.0) if selected else QPen(QColor("#FFFFFF"), 1.5))
        self.setZValue(3 if selected else 2)


class MatrixView(QGraphicsView):
    def __init__(self, session, map_scene, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("matrix")
        self.session = session
        self.doc = session.document
        self.map_scene = map_scene
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(240, 200)
        # Drawn at the view's size, one pixel a unit: nothing to scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.dots: dict[str, DotItem] = {}
        self._drag: tuple[DotItem, QPointF] | None = None  # the dot and where it was
        # Drawn when first seen, and only while it can be seen; a burst of changes (an undo of fifty edits)
        # rebuilds once.
        self._when_seen = WhenSeen(self, self.rebuild, delay_ms=0)
        self._disconnect = self.doc.changed.connect(lambda _change: self._when_seen.request())
        map_scene.selection_changed.connect(self._on_map_scene_selection_changed)

    def detach(self) -> None:
        """Stop listening to the map (the window calls it when it closes)."""
        self._disconnect()
        self._when_seen.stop()
        try:
            self.map_scene.selection_changed.disconnect(self._on_map_scene_selection_changed)
        except (RuntimeError, TypeError):
            pass

    # -- drawing -----------------------------------------------------------------------

    def grid(self) -> Grid:
        size = self.viewport().size()
        return Grid(float(max(size.width(), 200)), float(max(size.height(), 160)))

    def rebuild(self) -> None:
        if self._drag is not None:
            return  # the map changed under a drag (another window?); the release rebuilds
        self._when_seen.stale = False
        scene = self.scene()
        scene.clear()
        self.dots = {}
        grid = self.grid()
        self._draw_grid(scene, grid)
        stage_pos = {s.id: i for i, s in enumerate(self.doc.stages)}
        squares: dict[tuple[int, int], list] = {}
        shown = voting.shown_votes(self.doc)  # the current voting session's totals, once revealed
        for card in self.doc.cards():
            if card.impact is not None and card.effort is not None:
                squares.setdefault((card.impact, card.effort), []).append(card)
        for (impact, effort), cards in squares.items():
            for card, (centre, room) in zip(cards, grid.slots(impact, effort, len(cards))):
                text = " ".join(card.text.split()) or f"(untitled {card.kind.label.lower()})"
                votes = shown.get(card.id, 0)
                radius = min(dot_radius(votes), grid.cell_h * 0.3)
                colour = STAGE_COLOURS[stage_pos[card.stage_id] % len(STAGE_COLOURS)]
                dot = DotItem(card.id, radius, colour, text, room)
                dot.setPos(centre)
                stage = self.doc.stage(card.stage_id).name
                dot.setToolTip(literal_tooltip(
                    f"{text}\n{stage} · impact {impact} · effort {effort} · "
                    f"{votes} vote{'s' if votes != 1 else ''} · {quadrant(impact, effort).label}"))
                scene.addItem(dot)
                self.dots[card.id] = dot
        self._on_map_scene_selection_changed()

    def _draw_grid(self, scene: QGraphicsScene, grid: Grid) -> None:
        scene.setSceneRect(QRectF(0, 0, grid.width, grid.height))
        # Quadrants: the high half starts at HIGH_SCORE for both impact and effort.
        top_left, bottom_right = grid.square(5, 1), grid.square(1, 5)
        left, top, right, bottom = top_left.left(), top_left.top(), bottom_right.right(), bottom_right.bottom()
        # High effort starts at the left of effort HIGH_SCORE; high impact at the bottom of impact HIGH_SCORE.
        split = QPointF(grid.square(1, HIGH_SCORE).left(), grid.square(HIGH_SCORE, 1).bottom())
        quadrants = {
            Quadrant.QUICK_WIN: QRectF(QPointF(left, top), QPointF(split.x(), split.y())),
            Quadrant.BIG_BET: QRectF(QPointF(split.x(), top), QPointF(right, split.y())),
            Quadrant.FILL_IN: QRectF(QPointF(left, split.y()), QPointF(split.x(), bottom)),
            Quadrant.THANKLESS: QRectF(QPointF(split.x(), split.y()), QPointF(right, bottom)),
        }
        for q, rect in quadrants.items():
            scene.addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(QColor(QUADRANT_TINTS[q]))).setZValue(-2)
            title = scene.addSimpleText(q.label + "s")
            title.setBrush(QBrush(QColor("#4A5568")))
            title.setPos(rect.x() + 4, rect.y() + 1)
            title.setZValue(-1)
        line = QPen(QColor("#CBD5E0"), 1)
        for i in range(6):
            x, y = left + i * grid.cell_w, top + i * grid.cell_h
            scene.addLine(x, top, x, bottom, line).setZValue(-1)
            scene.addLine(left, y, right, y, line).setZValue(-1)
        strong = QPen(QColor("#4A5568"), 2)
        scene.addLine(split.x(), top, split.x(), bottom, strong).setZValue(-1)
        scene.addLine(left, split.y(), right, split.y(), strong).setZValue(-1)
        for n in range(1, 6):
            scene.addSimpleText(str(n)).setPos(grid.square(1, n).center().x() - 3, bottom + 2)
            scene.addSimpleText(str(n)).setPos(left - 12, grid.square(n, 1).center().y() - 8)
        scene.addSimpleText("Effort →").setPos((left + right) / 2 - 24, bottom + 16)
        impact = scene.addSimpleText("Impact →")
        impact.setRotation(-90)
        impact.setPos(2, (top + bottom) / 2 + 28)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._when_seen.request()  # drawn again at the new size

    # -- selection, shared with the canvas -----------------------------------------------

    def _on_map_scene_selection_changed(self) -> None:
        chosen = set(self.map_scene.selected_ids().cards)
        for card_id, dot in self.dots.items():
            dot.set_selected_look(card_id in chosen)

    def _dot_at(self, view_pos) -> DotItem | None:
        for item in self.items(view_pos):
            while item is not None and not isinstance(item, DotItem):
                item = item.parentItem()
            if item is not None:
                return item
        return None

    # -- dragging -----------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        dot = self._dot_at(event.position().toPoint())
        if dot is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.map_scene.select("cards", [dot.card_id])
        if not self.session.read_only:
            self._drag = (dot, dot.pos())
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        self._drag[0].setPos(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._drag is None:
            super().mouseReleaseEvent(event)
            return
        dot, start = self._drag
        self._drag = None
        impact, effort = self.grid().square_at(self.mapToScene(event.position().toPoint()))
        card_id = dot.card_id
        pushed = False
        if self.doc.has_card(card_id):
            card = self.doc.card(card_id)
            if (card.impact, card.effort) != (impact, effort):
                pushed = self.session.edit(edits.update(self.doc, ops.UpdateCard, card_id, {"impact": impact, "effort": effort}),
                                          "Rescore card")
        if not pushed:
            dot.setPos(start)
        event.accept()
