"""Bringing the scene's items up to date with a new layout: create, update, remove by id.

Each item compares the values it is given with the ones it holds and repaints
only on a difference, so a re-layout after one edit touches few items.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from model.layout_query import LABEL_HEADER_GAP, LABEL_NUDGES
from model.layout_types import Layout, Rect

from .items.base import qrect
from .items.card import CardItem
from .items.connection import LABEL_HEIGHT, MAX_LABEL, ConnectionItem
from .items.curve import CurveItem
from .items.grid import CORNER_TITLE_SIZE
from .items.lane_header import LaneHeaderItem
from .items.room_curve import RoomCurveItem
from .items.stage_header import StageHeaderItem

# How far from its route a connection's label can be placed: half its widest box, across its line by the
# widest nudge, slid clear of the headers by at most half its box (model/layout_query.label_spot).
LABEL_REACH = max(MAX_LABEL + 12.0, LABEL_HEIGHT) + max(abs(n) for n in LABEL_NUDGES) + LABEL_HEADER_GAP
# More rectangles than this where a card may stand anew (a cell measured again or moved counts where it was
# and where it is, a removed one where it was): every label is placed again.
MOST_CHANGED_RECTS = 24


class SceneSync:
    def __init__(self, scene) -> None:
        self.scene = scene
        self.cards: dict[str, CardItem] = {}
        self.stages: dict[str, StageHeaderItem] = {}
        self.lanes: dict[str, LaneHeaderItem] = {}
        self.curves: dict[tuple[str, str], CurveItem] = {}
        self.room_curves: dict[str, RoomCurveItem] = {}  # lane id -> the room's curve there
        self.connections: dict[str, ConnectionItem] = {}
        self._blocks_dirty = True
        self._cell_ids: dict[tuple[str, str], tuple[str, ...]] = {}  # the last layout's cell_cards
        self._cells: dict = {}  # and its cells
        self._votes: dict[str, int] = {}  # and the votes its cards showed
        self._changed_cells: list[Rect] | None = None  # where the last apply measured or moved cards (None: all)
        self._corner = None  # the last layout's corner (the headers labels keep clear of)
        self.created: list[str] = []  # the card items the last apply made (they need the decorations' look)

    def apply(self, layout: Layout) -> None:
        scene = self.scene
        from .scene import Z_CARDS, Z_CONNECTIONS, Z_CURVES, Z_LABELS, Z_LANES, Z_STAGES

        scene.grid.set_layout(layout)
        self._stages(layout, Z_STAGES)
        self._lanes(layout, Z_LANES)
        self._cards(layout, Z_CARDS)
        self._curves(layout, Z_CURVES)
        self._connections(layout, Z_CONNECTIONS, Z_LABELS)
        self.room(layout)
        lines_fit = max(1, int((layout.corner.h - 14.0) // 15.0))
        title, _ = scene.layout_engine().wrap(scene.document.info.title, layout.corner.w - 20.0, CORNER_TITLE_SIZE, True,
                                              lines_fit)
        scene.corner.set_values(layout.corner.w, layout.corner.h, title)
        self._blocks_dirty = True
        if not scene.full_detail():
            self.refresh_blocks()

    def _remove(self, items: dict, keep) -> None:
        for key in [k for k in items if k not in keep]:
            item = items.pop(key)
            label = getattr(item, "label_item", None)
            if label is not None:
                self.scene.removeItem(label)
            self.scene.removeItem(item)

    def _header(self, items: dict, key: str, make, z: float, selected: bool):
        """The header item for `key`, made, marked and added to the scene when new
        (the scene pins it to the view's edge right after the sync)."""
        item = items.get(key)
        if item is None:
            item = items[key] = make(key)
            item.setZValue(z)
            item.set_selected_look(selected)
            self.scene.addItem(item)
        return item

    def _stages(self, layout: Layout, z: float) -> None:
        selected = self.scene.shown_selection().stages
        for box in layout.stages:
            self._header(self.stages, box.stage_id, StageHeaderItem, z, box.stage_id in selected).set_box(box)
        self._remove(self.stages, layout.stage_index)

    def _lanes(self, layout: Layout, z: float) -> None:
        selected = self.scene.shown_selection().lanes
        scales = {s.lane_id: s for s in layout.scales}
        for box in layout.lanes:
            item = self._header(self.lanes, box.lane_id, LaneHeaderItem, z, box.lane_id in selected)
            item.set_values(box, scales.get(box.lane_id))
        self._remove(self.lanes, layout.lane_index)

    def _cards(self, layout: Layout, z: float) -> None:
        scene = self.scene
        doc = scene.document
        items = self.cards
        shown = scene.full_detail()
        cache = scene.card_cache_mode()
        selected = set(scene.shown_selection().cards)
        self.created = []
        boxes, card_of, before, cells_before = layout.cards, doc.card, self._cell_ids, self._cells
        votes = layout.votes
        # Where a card may stand anew (the cells measured again or moved, where they were and are): the
        # connections' labels, which keep clear of cards, are placed again only near them (a vote counted
        # under a footer it already had moves nothing; a footer that appears changes one cell).
        changed: list[Rect] = [cells_before[key].rect for key in before.keys() - layout.cell_cards.keys()]
        for key, ids in layout.cell_cards.items():
            # The same tuple as last time: the engine did not measure these cards again, so each
            # draws as before, at most moved with its cell.
            measured_before = before.get(key) is ids
            if measured_before and cells_before[key].rect == layout.cells[key].rect:
                continue  # nor did the cell move: the very CardBoxes the items already hold (or none)
            if len(changed) <= MOST_CHANGED_RECTS:
                changed.append(layout.cells[key].rect)
                if key in cells_before:
                    changed.append(cells_before[key].rect)
            for card_id in ids:
                box = boxes[card_id]
                item = items.get(card_id)
                if item is None:
                    card = card_of(card_id)
                    item = items[card_id] = CardItem(card_id)
                    self.created.append(card_id)
                    item.setZValue(z)
                    item.setCacheMode(cache)
                    item.set_values(box, card, votes.get(card_id, 0))
                    item.setVisible(shown and not box.hidden)
                    scene.addItem(item)
                    if card_id in selected:
                        item.set_selected_look(True)
                elif item.box is box:
                    if not measured_before and item.card is not card_of(card_id):
                        item.set_values(box, card_of(card_id), votes.get(card_id, 0))  # same box, new look
                elif measured_before:
                    item.move_to(box)
                elif item.set_values(box, card_of(card_id), votes.get(card_id, 0)):
                    item.setVisible(shown and not box.hidden)
        if votes is not self._votes:
            # A count that changed without changing the card's footer left its cell as it was.
            for card_id in self._votes.keys() | votes.keys():
                item = items.get(card_id)
                if item is not None:
                    item.set_votes(votes.get(card_id, 0))
        self._cell_ids, self._cells, self._votes = layout.cell_cards, layout.cells, votes
        self._changed_cells = None if len(changed) > MOST_CHANGED_RECTS else changed  # None: look everywhere
        if len(items) != len(boxes):
            self._remove(items, boxes)

    def _curves(self, layout: Layout, z: float) -> None:
        scene = self.scene
        areas = {s.lane_id: s.area for s in layout.scales}
        keep = set()
        emotion = scene.shown_selection().emotion
        for curve in layout.curves:
            key = (curve.persona_id, curve.lane_id)
            keep.add(key)
            item = self.curves.get(key)
            if item is None:
                item = self.curves[key] = CurveItem(*key)
                item.setZValue(z)
                if not scene.full_detail():
                    item.setCacheMode(CurveItem.CacheMode.DeviceCoordinateCache)  # as set_detail does
                scene.addItem(item)
            item.set_curve(curve, areas[curve.lane_id])
            item.set_selected_point(emotion[0] if emotion and emotion[1] == curve.persona_id else None)
        self._remove(self.curves, keep)

    def room(self, layout: Layout) -> None:
        """The room's curves (model/room/curve.py), one per Emotions lane under the persona curves; none
        when no one rated. Also called on its own when only ratings changed (nothing the layout places moved)."""
        from model.room.curve import room_curves

        from .scene import Z_CURVES

        keep = set()
        for curve in room_curves(self.scene.document, layout):
            keep.add(curve.lane_id)
            item = self.room_curves.get(curve.lane_id)
            if item is None:
                item = self.room_curves[curve.lane_id] = RoomCurveItem(curve.lane_id)
                item.setZValue(Z_CURVES - 1)
                self.scene.addItem(item)
            item.set_curve(curve)
        self._remove(self.room_curves, keep)

    def _connections(self, layout: Layout, z: float, z_label: float) -> None:
        scene = self.scene
        keep = set()
        selected = set(scene.shown_selection().connections)
        changed = None if layout.corner != self._corner else self._changed_cells
        self._corner = layout.corner
        for path in layout.connections:
            keep.add(path.connection_id)
            item = self.connections.get(path.connection_id)
            if item is None:
                item = self.connections[path.connection_id] = ConnectionItem(path.connection_id)
                item.setZValue(z)
                item.label_item.setZValue(z_label)
                item.set_shown(scene.full_detail())
                scene.addItem(item)
                scene.addItem(item.label_item)
            if item.path_value != path or changed is None or _reaches(path, changed):
                item.set_path(path, layout)  # the route, and its label's spot among the cards
            item.set_selected_look(path.connection_id in selected)
            # A connection touching a hidden card (collapsed lane) still draws: it keeps its anchor strip.
        self._remove(self.connections, keep)

    def mark_blocks_dirty(self) -> None:
        self._blocks_dirty = True

    def refresh_blocks(self) -> None:
        """The far-zoom picture: every visible card's rectangle, grouped by palette colour, and every
        connection's route as a hairline, grouped by tone."""
        if not self._blocks_dirty:
            return
        layout = self.scene.layout()
        keep = self.scene.highlighted()
        by_colour: dict[tuple[str, bool], list[QRectF]] = {}
        for card_id, box in layout.cards.items():
            if box.hidden:
                continue
            item = self.cards[card_id]
            dimmed = keep is not None and card_id not in keep
            by_colour.setdefault((item.card.colour, dimmed), []).append(qrect(box.rect))
        links = {"connection": QPainterPath(), "loop_back": QPainterPath()}
        for path in layout.connections:
            _add_route(links["loop_back" if path.loops_back else "connection"], path.points)
        self.scene.blocks.set_blocks(layout.width, layout.height, by_colour, links)
        self.refresh_selected_links()
        self._blocks_dirty = False

    def refresh_selected_links(self) -> None:
        """The far-zoom picture's selected connections (the items that would show them are hidden)."""
        route = QPainterPath()
        for connection_id in self.scene.shown_selection().connections:
            item = self.connections.get(connection_id)
            if item is not None and item.path_value is not None:
                _add_route(route, item.path_value.points)
        self.scene.blocks.set_selected_links(route)

    def show_connections(self, shown: bool) -> None:
        """Connection items and their labels drawn by themselves (full detail) or not (far zoom:
        the blocks item draws every route)."""
        for item in self.connections.values():
            item.set_shown(shown)


def _reaches(path, rects: list[Rect]) -> bool:
    """Whether a label of `path` could be placed over one of `rects`: every spot label_spot tries lies
    within LABEL_REACH of the route. Nothing changed: no; a route without points: anywhere."""
    if not rects:
        return False
    xs, ys = [p[0] for p in path.points], [p[1] for p in path.points]
    if not xs:
        return True
    x0, y0 = min(xs) - LABEL_REACH, min(ys) - LABEL_REACH
    box = Rect(x0, y0, max(xs) + LABEL_REACH - x0, max(ys) + LABEL_REACH - y0)
    return any(box.intersects(r) for r in rects)


def _add_route(path: QPainterPath, points) -> None:
    if len(points) < 2:
        return
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
