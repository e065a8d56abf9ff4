"""MapScene: draws a Document from its layout and turns gestures into signals.

The scene never changes the document. It observes `document.changed`, lays
the map out again and updates only the items whose values changed (id → item
maps; items hold values, never the Document). Mouse input goes to the current
tool (canvas.tools), keyboard input to canvas.keys; both end in the signals
below, one per gesture, and none when nothing would change.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from model import layout as lay
from model.document import Document
from model.layout import LayoutEngine
from model.layout_types import EmotionScale, Layout

from . import keys, style
from .text_editing import TextEditingMixin
from .inline_editor import InlineEditor
from .fonts import ensure_fonts
from .hits import Hit, hit_test
from .items.base import qrect
from .items.card import CardItem
from .items.connection import ConnectionItem
from .items.curve import CurveItem
from .items.grid import BlocksItem, CornerItem, GridItem
from .items.lane_header import LaneHeaderItem
from .items.overlays import GhostItem, LineOverlay, MarksItem, RubberBandItem
from .items.stage_header import StageHeaderItem
from .decorations import Decoration, combined_focus, combined_marks
from .vote_badges import VoteBadgeLayer, VoteBadges
from .selection import EMPTY, Selection, SelectionModel
from .sync import SceneSync
from .tools import TOOLS

# Connections run over the cards (a white casing keeps crossed text apart); labels above them.
Z_GRID, Z_CARDS, Z_CONNECTIONS, Z_LABELS, Z_CURVES = -10, 10, 20, 25, 30
Z_STAGES, Z_LANES, Z_CORNER = 60, 70, 80
DIM_OPACITY = style.DIM_OPACITY

_CURSORS = {
    "stage_edge": Qt.CursorShape.SizeHorCursor,
    "chevron": Qt.CursorShape.PointingHandCursor,
    "handle": Qt.CursorShape.CrossCursor,
    "point": Qt.CursorShape.SizeVerCursor,
    "stage": Qt.CursorShape.OpenHandCursor,
    "lane": Qt.CursorShape.OpenHandCursor,
}

# What a map keeps that the canvas does not lay out: the workshop's participants, plan and journal, and
# what phones in the room send (inbox cards, ratings). A change of these alone costs no re-layout; only
# the room's curve follows the ratings.
NOT_LAID_OUT = frozenset({"participant", "workshop_step", "journal_entry", "inbox_card", "room_rating"})


class MapScene(TextEditingMixin, QGraphicsScene):
    selection_changed = Signal()
    cards_dropped = Signal(list, str, str, int)
    stage_dropped = Signal(str, int)
    stage_resized = Signal(str, float)
    lane_dropped = Signal(str, int)
    lane_collapse_toggled = Signal(str)
    card_text_edited = Signal(str, str)
    cards_captured = Signal(str, str, list)  # stage, lane, lines typed or pasted: new cards at the cell's end
    emotion_dragged = Signal(str, str, float)
    emotion_added = Signal(str, str, float)
    emotion_added_in_empty_stage = Signal(str, str, float)  # stage, persona, value
    connection_drawn = Signal(str, str)
    stage_renamed = Signal(str, str)
    lane_renamed = Signal(str, str)
    context_menu_requested = Signal(object, object)
    laid_out = Signal()  # after every re-layout: overlays that follow the layout (vote badges, to-be, compare) redraw
    decoration_changed = Signal(str)  # a layer's name, after it was set, changed or removed (other views follow)
    vote_badges_changed = Signal()  # after set_vote_badges showed other badges (other views follow)

    def __init__(self, document: Document, parent=None, *, selection: SelectionModel | None = None,
                 layout_engine: LayoutEngine | None = None, draws_selection: bool = True) -> None:
        """`draws_selection=False`: a view others look at (the projector) shares the selection but never
        draws it: the room does not see the facilitator's clicks."""
        super().__init__(parent)
        ensure_fonts()
        self.document = document
        # Another view of the same document may share its scene's engine: the layout is then made once
        # (what an engine remembers never changes a result, and each scene compares with its own last).
        self._engine = layout_engine if layout_engine is not None else LayoutEngine()
        self._layout: Layout | None = None
        # The editor window's one selection, shared with its panels and any other view of the map.
        self.selection_model = selection if selection is not None else SelectionModel(self)
        self._draws_selection = draws_selection
        self._shown_selection: Selection = self.shown_selection()  # what the items' looks show
        self._decorations: dict[str, Decoration] = {}
        self._highlight: frozenset[str] | None = None  # the decorations' combined focus
        self._active_persona: str | None = None
        self._pin = (0.0, 0.0)
        self._full_detail = True
        self._hover: Hit = Hit("outside")
        self._cursor = Qt.CursorShape.ArrowCursor
        self._tool = TOOLS["select"]
        self._gesture = None
        self._editor: InlineEditor | None = None
        self._read_only = False  # no in-place editor opens on a map open read-only
        # What lays the map out: the engine itself, or (compare mode) a function of the engine and the
        # document that returns the map's layout with room left for overlays (canvas/compare_overlay.py).
        self._layout_source = None
        # Cards paint themselves, uncached: Qt keeps about 6 kB of bookkeeping for every item it has
        # ever cached (60 MB after scrolling through 10,000 cards) and draws each again at every zoom
        # step anyway. What caching saved while scrolling (the cards under the pinned headers,
        # repainted in every frame) is skipped outright instead (CardItem.paint).
        self._card_cache = QGraphicsItem.CacheMode.NoCache

        self.grid = GridItem()
        self.grid.setZValue(Z_GRID)
        self.blocks = BlocksItem()
        self.blocks.setZValue(Z_CARDS)
        self.blocks.hide()
        self.corner = CornerItem()
        self.corner.setZValue(Z_CORNER)
        self._drop_line = LineOverlay("drop", 3.0)
        self._guide = LineOverlay("drop", 2.5)
        self._connector = LineOverlay("selection", 2.0)
        self._band = RubberBandItem()
        self._ghost = GhostItem()
        self._cell_mark = GhostItem()
        self._cell_mark.setZValue(Z_CARDS - 1)
        self._marks = MarksItem()
        self._marks.setZValue(Z_CARDS + 1)
        self._marks.hide()
        for item in (self.grid, self.blocks, self.corner, self._drop_line, self._guide, self._connector, self._band,
                     self._ghost, self._cell_mark, self._marks):
            self.addItem(item)
        self.sync = SceneSync(self)
        self.vote_badges = VoteBadgeLayer(self, Z_CARDS + 2)  # over the cards and the decoration marks
        self.selection_model.changed.connect(self._on_selection_model_changed)
        self.selection_model.settled.connect(self.selection_changed)
        self._watch_document()
        self.relayout()

    def _watch_document(self) -> None:
        # A weak link: a deleted scene must not be kept alive (or called) by the document.
        ref = weakref.ref(self)

        def on_changed(change) -> None:
            scene = ref()
            if scene is None or not shiboken6.isValid(scene):
                disconnect()
                return
            scene._on_document_changed(change)

        disconnect = self.document.changed.connect(on_changed)
        self._disconnect = disconnect

    def close(self) -> None:
        """Stop observing the document (the scene is being thrown away)."""
        self._disconnect()

    # -- the layout -------------------------------------------------------------

    def layout(self) -> Layout:
        return self._layout

    def layout_engine(self) -> LayoutEngine:
        return self._engine

    def _on_document_changed(self, change) -> None:
        kinds = {kind for kind, _ in change.dirty}
        if kinds and kinds <= NOT_LAID_OUT:  # e.g. a journal entry, a phone joining or rating
            if "room_rating" in kinds:
                self.sync.room(self._layout)
            return
        self.relayout()

    def relayout(self) -> None:
        """Lay the map out again and bring every item up to date (only changed ones repaint)."""
        source = self._layout_source
        layout = source(self._engine, self.document) if source is not None else self._engine.layout(self.document)
        self._layout = layout
        self.setSceneRect(QRectF(0.0, 0.0, layout.width + 40.0, layout.height + 40.0))
        self.sync.apply(layout)
        self._prune_selection()
        if self._highlight is not None and self.sync.created:  # only new items lack the dimmed look
            self._apply_highlight(self.sync.created)
        if self._decorations:
            self._place_marks()
        self._place_editor()
        self.set_pin(*self._pin, force=True)
        self.laid_out.emit()

    def set_layout_source(self, source) -> None:
        """Lay the map out with `source(engine, document) -> Layout` (None: the engine) from now on.

        The layout it returns holds only the document's cards; it may leave room elsewhere."""
        self._layout_source = source
        self.relayout()

    # -- view state ---------------------------------------------------------------

    def set_active_persona(self, persona_id: str | None) -> None:
        self._active_persona = persona_id

    def active_persona(self) -> str | None:
        return self._active_persona

    def set_tool(self, name: str) -> None:
        """'select', 'connect' or 'emotion'; refuses other names with KeyError."""
        self._tool = TOOLS[name]

    def tool(self) -> str:
        return self._tool.name

    # -- decoration layers (canvas/decorations.py) -----------------------------------

    def set_decoration(self, name: str, decoration: Decoration | None) -> None:
        """Set (or with None remove) the decoration layer `name`; other layers stay as they are."""
        if decoration is None:
            if self._decorations.pop(name, None) is None:
                return
        else:
            if self._decorations.get(name) == decoration:
                return
            self._decorations[name] = decoration
        focus = combined_focus(self._decorations)
        if focus != self._highlight:
            self._highlight = focus
            self._apply_highlight()
            self.sync.mark_blocks_dirty()
            if not self._full_detail:
                self.sync.refresh_blocks()
        self._place_marks()
        self.decoration_changed.emit(name)

    def set_vote_badges(self, badges: VoteBadges | None) -> None:
        """Show vote badges over the cards (a revealed result with its heat, or a participant's ballot); None: none."""
        if badges != self.vote_badges.badges:
            self.vote_badges.show(badges)
            self.vote_badges_changed.emit()

    def decoration(self, name: str) -> Decoration | None:
        return self._decorations.get(name)

    def highlighted(self) -> frozenset[str] | None:
        """The cards every decoration layer keeps at full strength; None when none dims anything."""
        return self._highlight

    def card_opacity(self, card_id: str) -> float:
        """How strongly a card (and what is drawn over it) shows: dimmed when a decoration layer leaves it out."""
        keep = self._highlight
        return 1.0 if keep is None or card_id in keep else DIM_OPACITY

    def _place_marks(self) -> None:
        layout = self._layout
        rings = []
        for card_id, colours in combined_marks(self._decorations).items():
            box = layout.cards.get(card_id) if layout is not None else None
            if box is None or box.hidden:
                continue
            r = qrect(box.rect)
            for i, colour in enumerate(colours):
                grow = 3.0 + 4.0 * i
                rings.append((r.adjusted(-grow, -grow, grow, grow), colour))
        self._marks.set_rings(rings)

    def _apply_highlight(self, card_ids=None) -> None:
        items = self.sync.cards
        for card_id, item in (items.items() if card_ids is None else ((i, items[i]) for i in card_ids)):
            opacity = self.card_opacity(card_id)
            if item.opacity() != opacity:
                item.setOpacity(opacity)

    def pin(self) -> tuple[float, float]:
        return self._pin

    def set_pin(self, left: float, top: float, force: bool = False) -> None:
        """Keep lane headers at x = left and stage headers at y = top (the view's top-left corner)."""
        left, top = max(0.0, left), max(0.0, top)
        if (left, top) == self._pin and not force:
            return
        self._pin = (left, top)
        corner = self._layout.corner if self._layout is not None else None
        for item in self.sync.stages.values():
            item.setY(top)
            if corner is not None:
                item.set_visible_left(left + corner.w)
        for item in self.sync.lanes.values():
            item.setX(left)
            if corner is not None:
                item.set_visible_top(top + corner.h)
        self.corner.setPos(left, top)
        if self._editor is not None and self._editor.mode in ("stage", "lane"):
            self._place_editor()  # a rename editor rides with its pinned header

    def set_detail(self, full: bool) -> None:
        """Full detail, or every card as a flat block drawn by one item (the view does this below 40 %)."""
        if full == self._full_detail:
            return
        self._full_detail = full
        if not full:
            self.sync.refresh_blocks()
        # Top-level card items (not children of one layer): QGraphicsScene.render of a region
        # then paints only the cards in it, instead of a parent's whole subtree.
        for item in self.sync.cards.values():
            item.setVisible(full and item.box is not None and not item.box.hidden)
        self.sync.show_connections(full)
        self.blocks.setVisible(not full)
        # The grid and each curve span the map: far away a cached picture of them (Qt keeps only the
        # part in view) saves drawing hundreds of lines and points in every frame; close up they draw
        # only the pieces in the painted area.
        cache = QGraphicsItem.CacheMode.NoCache if full else QGraphicsItem.CacheMode.DeviceCoordinateCache
        self.grid.setCacheMode(cache)
        for curve in self.sync.curves.values():
            curve.setCacheMode(cache)

    def card_cache_mode(self) -> QGraphicsItem.CacheMode:
        return self._card_cache

    def repaint_all(self) -> None:
        """Repaint every item, dropping its cached pixmap (the palette changed)."""
        for item in self.items():
            item.update()

    def header_bands(self) -> tuple[float, float, float, float] | None:
        """Where the pinned headers cover the map, in scene coordinates: (top, bottom) of the stage
        headers' band and (left, right) of the lane headers'; None before the first layout."""
        if self._layout is None:
            return None
        left, top = self._pin
        corner = self._layout.corner
        return top, top + corner.h, left, left + corner.w

    def set_caching(self, enabled: bool) -> None:
        """Pixmap caching of cards on or off (off by default; PNG/SVG exports must paint every stroke)."""
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if enabled else QGraphicsItem.CacheMode.NoCache
        if mode == self._card_cache:
            return
        self._card_cache = mode
        for item in self.sync.cards.values():
            item.setCacheMode(mode)

    def full_detail(self) -> bool:
        return self._full_detail

    def cards_shown(self) -> bool:
        """Whether card items draw themselves (False at far zoom, where the blocks item does)."""
        return self._full_detail

    def gesture_active(self) -> bool:
        """A mouse gesture (drag, band, resize...) is under way."""
        return self._gesture is not None

    # -- items, for views and tests -------------------------------------------------

    def card_item(self, card_id: str) -> CardItem:
        return self.sync.cards[card_id]

    def stage_item(self, stage_id: str) -> StageHeaderItem:
        return self.sync.stages[stage_id]

    def lane_item(self, lane_id: str) -> LaneHeaderItem:
        return self.sync.lanes[lane_id]

    def curve_item(self, persona_id: str, lane_id: str) -> CurveItem:
        return self.sync.curves[(persona_id, lane_id)]

    def connection_item(self, connection_id: str) -> ConnectionItem:
        return self.sync.connections[connection_id]

    def item_counts(self) -> dict[str, int]:
        s = self.sync
        return {"cards": len(s.cards), "stages": len(s.stages), "lanes": len(s.lanes), "curves": len(s.curves), "connections": len(s.connections)}

    # -- selection ---------------------------------------------------------------

    def selected_ids(self) -> Selection:
        return self.selection_model.current()

    def shown_selection(self) -> Selection:
        """What the items draw as selected: the selection, or nothing in a scene that does not draw it."""
        return self.selection_model.current() if self._draws_selection else EMPTY

    def set_selection(self, selection: Selection, emit: bool = True) -> None:
        """Select in the window's selection model; without `emit`, panels hear of it at the next settle."""
        self.selection_model.set(selection, quiet=not emit)

    def _on_selection_model_changed(self, _old: Selection, selection: Selection) -> None:
        if not self._draws_selection:
            return
        old = self._shown_selection
        self._shown_selection = selection
        s = self.sync
        for kind, items in (("cards", s.cards), ("stages", s.stages), ("lanes", s.lanes), ("connections", s.connections)):
            now = set(getattr(selection, kind))
            for item_id in set(getattr(old, kind)) ^ now:
                if item_id in items:
                    items[item_id].set_selected_look(item_id in now)
        if old.connections != selection.connections and not self._full_detail:
            self.sync.refresh_selected_links()
        if old.emotion != selection.emotion:
            for (persona_id, _), item in s.curves.items():
                mine = selection.emotion is not None and selection.emotion[1] == persona_id
                item.set_selected_point(selection.emotion[0] if mine else None)
        self._mark_cell()

    def select(self, kind: str, ids: Iterable) -> None:
        """kind: 'cards', 'stages', 'lanes', 'connections' (ids), 'emotion' ((card_id, persona_id)) or 'cell'."""
        kind = {"card": "cards", "stage": "stages", "lane": "lanes", "connection": "connections"}.get(kind, kind)
        values = tuple(ids)
        if kind == "cards":
            self.set_selection(Selection(cards=tuple(self.journey_order(values))))
        elif kind in ("stages", "lanes", "connections"):
            self.set_selection(Selection(**{kind: values}))
        elif kind == "emotion":
            self.set_selection(Selection(emotion=(values[0], values[1])))
        elif kind == "cell":
            self.select_cell(values[0], values[1])
        else:
            raise ValueError(f"cannot select {kind!r}")

    def select_cell(self, stage_id: str, lane_id: str) -> None:
        self.set_selection(Selection(cell=(stage_id, lane_id)))

    def clear_selection(self) -> None:
        self.set_selection(EMPTY)

    def _prune_selection(self) -> None:
        layout, sel = self._layout, self.selected_ids()
        emotion = sel.emotion
        if emotion is not None and self.document.has_card(emotion[0]):
            emotion = emotion if self.document.emotion(*emotion) is not None else None
        else:
            emotion = None
        cell = sel.cell if sel.cell in layout.cells else None
        pruned = Selection(
            cards=tuple(c for c in sel.cards if c in layout.cards and not layout.cards[c].hidden),
            stages=tuple(s for s in sel.stages if s in layout.stage_index),
            lanes=tuple(x for x in sel.lanes if x in layout.lane_index),
            connections=tuple(c for c in sel.connections if c in self.sync.connections),
            emotion=emotion,
            cell=cell,
        )
        if pruned != sel:
            self.set_selection(pruned)
        else:
            self._mark_cell()

    def _mark_cell(self) -> None:
        cell = self.shown_selection().cell
        box = self._layout.cells.get(cell) if cell and self._layout is not None else None
        if box is None:
            self._cell_mark.hide()
        else:
            r = box.rect
            self._cell_mark.set_rect(QRectF(r.x + 3.0, r.y + 3.0, r.w - 6.0, r.h - 6.0))

    def journey_order(self, card_ids: Iterable[str]) -> list[str]:
        """Cards in the map's order: stage, then lane, then place in the cell."""
        layout = self._layout
        stage_pos = {b.stage_id: i for i, b in enumerate(layout.stages)}
        lane_pos = {b.lane_id: i for i, b in enumerate(layout.lanes)}
        boxes = [layout.cards[c] for c in set(card_ids) if c in layout.cards]
        boxes.sort(key=lambda b: (stage_pos[b.stage_id], lane_pos[b.lane_id], b.index))
        return [b.card_id for b in boxes]

    # -- hit-testing and hover ------------------------------------------------------------

    def hit_at(self, pos: QPointF) -> Hit:
        hovered = self._hover.id if self._hover.kind in ("card", "handle") else None
        return hit_test(self._layout, pos.x(), pos.y(), pin=self._pin, hovered_card=hovered)

    def connection_at(self, pos: QPointF) -> str | None:
        for conn_id, item in self.sync.connections.items():
            if item.isVisible() and item.shape().contains(item.mapFromScene(pos)):
                return conn_id
        return None

    def cards_in_rect(self, rect: QRectF) -> list[str]:
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        return [
            card_id
            for card_id, box in self._layout.cards.items()
            if not box.hidden and box.rect.x <= x1 and box.rect.right >= x0 and box.rect.y <= y1 and box.rect.bottom >= y0
        ]

    def set_hover(self, hit: Hit) -> None:
        old = self._hover
        if hit == old:
            return
        self._hover = hit
        s = self.sync
        old_card = old.id if old.kind in ("card", "handle") else None
        new_card = hit.id if hit.kind in ("card", "handle") else None
        if old_card != new_card:
            if old_card in s.cards:
                s.cards[old_card].set_hovered(False)
            if new_card in s.cards:
                s.cards[new_card].set_hovered(True)
        for kind, items in (("stage", s.stages), ("lane", s.lanes)):
            was = old.id if old.kind == kind else None
            now = hit.id if hit.kind == kind else None
            if was != now:
                if was in items:
                    items[was].set_hovered(False)
                if now in items:
                    items[now].set_hovered(True)
        self._set_cursor(_CURSORS.get(hit.kind, Qt.CursorShape.ArrowCursor))

    def _set_cursor(self, shape: Qt.CursorShape) -> None:
        if shape == self._cursor:
            return
        self._cursor = shape
        for view in self.views():
            view.viewport().setCursor(QCursor(shape))

    def cursor_shape(self) -> Qt.CursorShape:
        return self._cursor

    # -- gesture feedback (called by canvas.tools) ------------------------------------------

    def lift_cards(self, card_ids: list[str], lifted: bool) -> None:
        """Cards being dragged float above the rest, a little see-through so the drop line shows."""
        for card_id in card_ids:
            item = self.sync.cards.get(card_id)
            if item is not None:
                item.setZValue(Z_CURVES + 1 if lifted else Z_CARDS)
                if lifted:
                    item.setOpacity(0.82)
                else:
                    item.setOpacity(self.card_opacity(card_id))
                    item.reset_position()

    def offset_cards(self, card_ids: list[str], dx: float, dy: float) -> None:
        for card_id in card_ids:
            item = self.sync.cards.get(card_id)
            if item is not None and item.box is not None:
                item.setPos(item.box.rect.x + dx, item.box.rect.y + dy)

    def card_drop_target(self, x: float, y: float, moving: list[str]) -> tuple[str, str, int] | None:
        """(stage_id, lane_id, index without the moving cards) for a drop at (x, y), or None where cards cannot go."""
        layout = self._layout
        cell = lay.cell_at(layout, x, y)
        if cell is None:
            return None
        lane = layout.lane_index[cell[1]]
        if not lane.takes_cards or lane.collapsed:
            return None
        index = lay.insertion_index(layout, self.document, cell[0], cell[1], x, y, ignore=set(moving))
        return (cell[0], cell[1], index)

    def show_card_drop(self, target: tuple[str, str, int] | None, moving) -> None:
        if target is None:
            self._drop_line.hide()
            return
        stage_id, lane_id, index = target
        layout = self._layout
        others = [c for c in layout.cell_cards.get((stage_id, lane_id), ()) if c not in moving]
        cell = layout.cells[(stage_id, lane_id)].rect
        gap = self._engine.style.card_gap / 2
        if not others:
            a, b = QPointF(cell.x + 12.0, cell.y + 6.0), QPointF(cell.right - 12.0, cell.y + 6.0)
        elif index < len(others):
            r = layout.cards[others[index]].rect
            a, b = QPointF(r.x, r.y - gap), QPointF(r.right, r.y - gap)
        else:
            r = layout.cards[others[-1]].rect
            a, b = QPointF(r.x, r.bottom + gap), QPointF(r.right, r.bottom + gap)
        self._drop_line.show_line(a, b)

    def drop_line(self):
        """The drop indicator's line, or None when hidden (tests look at it)."""
        return self._drop_line.line() if self._drop_line.isVisible() else None

    def show_guide(self, a: QPointF, b: QPointF) -> None:
        self._guide.show_line(a, b)

    def show_connector(self, a: QPointF, b: QPointF) -> None:
        self._connector.show_line(a, b, arrow=True)

    def show_ghost(self, rect: QRectF) -> None:
        self._ghost.set_rect(rect)

    def hide_guides(self) -> None:
        for item in (self._guide, self._ghost, self._connector):
            item.hide()

    def show_band(self, rect: QRectF) -> None:
        self._band.set_rect(rect)

    def hide_band(self) -> None:
        self._band.hide()

    def scale_of(self, lane_id: str) -> EmotionScale | None:
        return next((s for s in self._layout.scales if s.lane_id == lane_id), None)

    def preview_emotion(self, persona_id: str, lane_id: str, card_id: str | None, y: float, value: float) -> None:
        item = self.sync.curves.get((persona_id, lane_id))
        if item is not None:
            item.set_preview(card_id, y, value)

    def emotion_text(self, value: float) -> str:
        labels = self.document.info.emotion_labels
        return f"{value:+.1f}  {labels[int(round(value)) + 2]}"

    # -- Qt events --------------------------------------------------------------------

    def _over_editor(self, pos: QPointF) -> bool:
        ed = self._editor
        return ed is not None and ed.sceneBoundingRect().contains(pos)

    def mousePressEvent(self, event) -> None:
        if self._over_editor(event.scenePos()):
            super().mousePressEvent(event)
            return
        if self._editor is not None:
            self.commit_editor()
        if self._gesture is not None:
            self._gesture.cancel()
            self._gesture = None
        if event.button() == Qt.MouseButton.LeftButton:
            self._gesture = self._tool.press(self, event)
        elif event.button() == Qt.MouseButton.RightButton:
            hit = self.hit_at(event.scenePos())
            if hit.kind == "card" and hit.id not in self.selected_ids().cards:
                self.set_selection(Selection(cards=(hit.id,)))
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._editor is not None and self.mouseGrabberItem() is self._editor:
            super().mouseMoveEvent(event)
            return
        if self._gesture is not None:
            self._gesture.move(event)
        else:
            self._tool.hover(self, event)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if self._editor is not None and self.mouseGrabberItem() is self._editor:
            super().mouseReleaseEvent(event)
            return
        gesture, self._gesture = self._gesture, None
        if gesture is not None and event.button() == Qt.MouseButton.LeftButton:
            gesture.release(event)
        elif gesture is not None:
            self._gesture = gesture
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        if self._over_editor(event.scenePos()):
            super().mouseDoubleClickEvent(event)
            return
        if self._gesture is not None:
            self._gesture.cancel()
            self._gesture = None
        hit = self.hit_at(event.scenePos())
        if hit.kind == "card":
            self.begin_edit_card(hit.id)
        elif hit.kind == "stage":
            self.begin_rename_stage(hit.id)
        elif hit.kind == "lane":
            self.begin_rename_lane(hit.id)
        elif hit.kind == "cell":
            self.select_cell(hit.id, hit.other)
            self.begin_quick_capture(hit.id, hit.other)
        event.accept()

    def contextMenuEvent(self, event) -> None:
        hit = self.hit_at(event.scenePos())
        if hit.kind == "card" and hit.id not in self.selected_ids().cards:
            self.set_selection(Selection(cards=(hit.id,)))
        elif hit.kind == "stage":
            self.set_selection(Selection(stages=(hit.id,)))
        elif hit.kind == "lane":
            self.set_selection(Selection(lanes=(hit.id,)))
        elif hit.kind == "cell":
            self.select_cell(hit.id, hit.other)
        self.context_menu_requested.emit(event.screenPos(), self.selected_ids())
        event.accept()

    def keyPressEvent(self, event) -> None:
        if self._gesture is not None and event.key() == Qt.Key.Key_Escape:
            # Escape abandons a drag in progress: previews go, nothing is emitted.
            self._gesture.cancel()
            self._gesture = None
            event.accept()
            return
        ed = self._editor
        if ed is not None:
            if self.focusItem() is not ed:
                self.sendEvent(ed, event)
            else:
                super().keyPressEvent(event)
            event.accept()
            return
        if not keys.handle_key(self, event):
            super().keyPressEvent(event)
