"""Tools and gestures: small state machines that turn mouse input into the scene's signals.

A tool decides, at a press, which gesture starts from what lies under the
mouse; the gesture then follows the drag (showing previews, never changing the
document) and emits at most one signal at release, and none when nothing
would change.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from model import layout as lay
from model.domain import MAX_STAGE_WIDTH, MIN_STAGE_WIDTH

from .hits import Hit, card_above, stage_has_no_cards
from .selection import Selection

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def snap(value: float, fine: bool) -> float:
    """An emotion snapped to 0.5 (0.1 with Shift), kept in −2…+2."""
    step = 0.1 if fine else 0.5
    return max(-2.0, min(2.0, round(round(value / step) * step, 1)))


class Gesture:
    """Press → (move past the drag distance → drag …) → release: click() or drop()."""

    def __init__(self, scene, event) -> None:
        self.scene = scene
        self.start = event.scenePos()
        self._start_screen = event.screenPos()
        self.dragging = False

    def move(self, event) -> None:
        if not self.dragging:
            moved = (event.screenPos() - self._start_screen).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            self.dragging = True
            self.begin_drag(event)
        self.drag(event)

    def release(self, event) -> None:
        try:
            if self.dragging:
                self.drop(event)
            else:
                self.click(event)
        finally:
            self.finish()

    def cancel(self) -> None:
        self.finish()

    # overridden by gestures
    def begin_drag(self, event) -> None: ...
    def drag(self, event) -> None: ...
    def drop(self, event) -> None: ...
    def click(self, event) -> None: ...
    def finish(self) -> None: ...


class CardDragGesture(Gesture):
    """Click selects (Shift/Ctrl toggles); a drag moves the selected cards to a cell and place."""

    def __init__(self, scene, event, card_id: str) -> None:
        super().__init__(scene, event)
        self.card_id = card_id
        self.moving: list[str] = []
        self.target: tuple[str, str, int] | None = None
        selection = scene.selected_ids()
        self.toggled = bool(event.modifiers() & (SHIFT | CTRL))
        if self.toggled:
            cards = [c for c in selection.cards if c != card_id]
            if card_id not in selection.cards:
                cards.append(card_id)
            scene.set_selection(Selection(cards=tuple(cards)))
        elif card_id not in selection.cards:
            scene.set_selection(Selection(cards=(card_id,)))

    def begin_drag(self, event) -> None:
        selected = self.scene.selected_ids().cards
        if self.card_id not in selected:
            self.scene.set_selection(Selection(cards=(self.card_id,)))
            selected = (self.card_id,)
        self.moving = self.scene.journey_order(selected)
        self.scene.lift_cards(self.moving, True)

    def drag(self, event) -> None:
        pos = event.scenePos()
        self.scene.offset_cards(self.moving, pos.x() - self.start.x(), pos.y() - self.start.y())
        self.target = self.scene.card_drop_target(pos.x(), pos.y(), self.moving)
        self.scene.show_card_drop(self.target, self.moving)

    def drop(self, event) -> None:
        # Whether the drop changes anything (or a card went meanwhile) is for the edit's planner to say.
        if self.target is not None and self.moving:
            self.scene.cards_dropped.emit(list(self.moving), *self.target)

    def click(self, event) -> None:
        if not self.toggled and len(self.scene.selected_ids().cards) > 1:
            self.scene.set_selection(Selection(cards=(self.card_id,)))

    def finish(self) -> None:
        self.scene.lift_cards(self.moving, False)
        self.scene.show_card_drop(None, ())


class StageDragGesture(Gesture):
    """Click selects the stage; a drag reorders it."""

    def __init__(self, scene, event, stage_id: str) -> None:
        super().__init__(scene, event)
        self.stage_id = stage_id
        self.index: int | None = None
        scene.set_selection(Selection(stages=(stage_id,)))

    def drag(self, event) -> None:
        layout = self.scene.layout()
        box = layout.stage_index[self.stage_id]
        x = event.scenePos().x()
        dx = x - self.start.x()
        top = self.scene.pin()[1]
        self.scene.show_ghost(QRectF(box.header.x + dx, top, box.header.w, box.header.h))
        n = lay.stage_insertion_index(layout, x)
        edge = layout.stages[n].column.x if n < len(layout.stages) else layout.stages[-1].column.right
        self.scene.show_guide(QPointF(edge, 0.0), QPointF(edge, layout.height))
        self.index = n - 1 if box.column.center[0] < x else n

    def drop(self, event) -> None:
        if self.index is not None:
            self.scene.stage_dropped.emit(self.stage_id, self.index)

    def finish(self) -> None:
        self.scene.hide_guides()


class StageResizeGesture(Gesture):
    def __init__(self, scene, event, stage_id: str) -> None:
        super().__init__(scene, event)
        self.stage_id = stage_id
        self.width: float | None = None

    def drag(self, event) -> None:
        layout = self.scene.layout()
        box = layout.stage_index[self.stage_id]
        width = float(round(event.scenePos().x() - box.column.x))
        self.width = max(MIN_STAGE_WIDTH, min(MAX_STAGE_WIDTH, width))
        edge = box.column.x + self.width
        self.scene.show_ghost(QRectF(box.header.x, self.scene.pin()[1], self.width, box.header.h))
        self.scene.show_guide(QPointF(edge, 0.0), QPointF(edge, layout.height))

    def drop(self, event) -> None:
        if self.width is not None:
            self.scene.stage_resized.emit(self.stage_id, self.width)

    def click(self, event) -> None:
        self.scene.set_selection(Selection(stages=(self.stage_id,)))

    def finish(self) -> None:
        self.scene.hide_guides()


class LaneDragGesture(Gesture):
    """Click selects the lane; a drag reorders it."""

    def __init__(self, scene, event, lane_id: str) -> None:
        super().__init__(scene, event)
        self.lane_id = lane_id
        self.index: int | None = None
        scene.set_selection(Selection(lanes=(lane_id,)))

    def drag(self, event) -> None:
        layout = self.scene.layout()
        box = layout.lane_index[self.lane_id]
        y = event.scenePos().y()
        left = self.scene.pin()[0]
        self.scene.show_ghost(QRectF(left, box.header.y + y - self.start.y(), box.header.w, box.header.h))
        n = lay.lane_insertion_index(layout, y)
        edge = layout.lanes[n].row.y if n < len(layout.lanes) else layout.lanes[-1].row.bottom
        self.scene.show_guide(QPointF(0.0, edge), QPointF(layout.width, edge))
        self.index = n - 1 if box.row.center[1] < y else n

    def drop(self, event) -> None:
        if self.index is not None and self.index != self.scene.document.lane_index(self.lane_id):
            self.scene.lane_dropped.emit(self.lane_id, self.index)

    def finish(self) -> None:
        self.scene.hide_guides()


class ChevronGesture(Gesture):
    """A click on a lane's chevron (released over the same chevron) collapses or expands it."""

    def __init__(self, scene, event, lane_id: str) -> None:
        super().__init__(scene, event)
        self.lane_id = lane_id

    def click(self, event) -> None:
        self.drop(event)

    def drop(self, event) -> None:
        hit = self.scene.hit_at(event.scenePos())
        if hit.kind == "chevron" and hit.id == self.lane_id:
            self.scene.lane_collapse_toggled.emit(self.lane_id)


class RubberBandGesture(Gesture):
    """A click on empty space selects the cell (or nothing); a drag selects the cards it touches."""

    def __init__(self, scene, event, hit: Hit) -> None:
        super().__init__(scene, event)
        self.hit = hit
        self.additive = bool(event.modifiers() & (SHIFT | CTRL))
        self.before = scene.selected_ids()
        self.base = self.before.cards if self.additive else ()

    def drag(self, event) -> None:
        rect = QRectF(self.start, event.scenePos()).normalized()
        self.scene.show_band(rect)
        touched = self.scene.cards_in_rect(rect)
        ids = self.scene.journey_order(set(self.base) | set(touched))
        self.scene.set_selection(Selection(cards=tuple(ids)), emit=False)

    def drop(self, event) -> None:
        self.scene.selection_model.settle()

    def click(self, event) -> None:
        if self.hit.kind == "cell":
            self.scene.select_cell(self.hit.id, self.hit.other)
        elif not self.additive:
            self.scene.clear_selection()

    def finish(self) -> None:
        self.scene.hide_band()


class EmotionPointGesture(Gesture):
    """Drag a face up or down: snaps to 0.5 (Shift: 0.1); a tooltip shows the value and its label."""

    def __init__(self, scene, event, card_id: str, persona_id: str, lane_id: str) -> None:
        super().__init__(scene, event)
        self.card_id, self.persona_id, self.lane_id = card_id, persona_id, lane_id
        self.value: float | None = None
        scene.set_selection(Selection(emotion=(card_id, persona_id)))

    def drag(self, event) -> None:
        scale = self.scene.scale_of(self.lane_id)
        if scale is None:
            return
        fine = bool(event.modifiers() & SHIFT)
        self.value = snap(scale.value_at(event.scenePos().y()), fine)
        self.scene.preview_emotion(self.persona_id, self.lane_id, self.card_id, scale.y_for(self.value), self.value)
        QToolTip.showText(event.screenPos(), self.scene.emotion_text(self.value))

    def drop(self, event) -> None:
        self.drag(event)  # the value where the mouse was released, with the modifiers held then
        if self.value is not None:
            self.scene.emotion_dragged.emit(self.card_id, self.persona_id, self.value)

    def finish(self) -> None:
        self.scene.preview_emotion(self.persona_id, self.lane_id, None, 0.0, 0.0)
        QToolTip.hideText()


class EmotionAddGesture(Gesture):
    """A click in an Emotions lane under a card sets the active persona's value there; in a stage
    with no card yet, it asks for a touchpoint to carry the point."""

    def __init__(self, scene, event, stage_id: str, lane_id: str, persona_id: str) -> None:
        super().__init__(scene, event)
        self.stage_id, self.lane_id, self.persona_id = stage_id, lane_id, persona_id

    def click(self, event) -> None:
        scene = self.scene
        scale = scene.scale_of(self.lane_id)
        layout = scene.layout()
        card_id = card_above(layout, scene.document, self.stage_id, self.lane_id, self.start.x(), self.persona_id)
        if scale is None:
            return
        value = snap(scale.value_at(self.start.y()), bool(event.modifiers() & SHIFT))
        if card_id is None:
            if stage_has_no_cards(layout, self.stage_id):
                scene.emotion_added_in_empty_stage.emit(self.stage_id, self.persona_id, value)
            else:
                scene.select_cell(self.stage_id, self.lane_id)
            return
        scene.emotion_added.emit(card_id, self.persona_id, value)
        scene.set_selection(Selection(emotion=(card_id, self.persona_id)))


class ConnectGesture(Gesture):
    """Drag from a card's handle (or, with the connect tool, from anywhere on it) to another card."""

    def __init__(self, scene, event, source_id: str) -> None:
        super().__init__(scene, event)
        self.source_id = source_id

    def drag(self, event) -> None:
        pos = event.scenePos()
        box = self.scene.layout().cards[self.source_id].rect
        self.scene.show_connector(QPointF(box.right, box.center[1]), pos)
        target = lay.card_at(self.scene.layout(), pos.x(), pos.y())
        self.scene.set_hover(Hit("card", target) if target else Hit("outside"))

    def drop(self, event) -> None:
        pos = event.scenePos()
        target = lay.card_at(self.scene.layout(), pos.x(), pos.y())
        if target is None or target == self.source_id:
            return
        if any(c.target_id == target for c in self.scene.document.card_connections(self.source_id) if c.source_id == self.source_id):
            return  # already connected this way: nothing would change
        self.scene.connection_drawn.emit(self.source_id, target)

    def click(self, event) -> None:
        self.scene.set_selection(Selection(cards=(self.source_id,)))

    def finish(self) -> None:
        self.scene.hide_guides()


class SelectConnectionGesture(Gesture):
    def __init__(self, scene, event, connection_id: str) -> None:
        super().__init__(scene, event)
        scene.set_selection(Selection(connections=(connection_id,)))


# -- tools --------------------------------------------------------------------


class SelectTool:
    """The default tool: select, drag, reorder, resize, collapse, draw connections from handles."""

    name = "select"

    def press(self, scene, event):
        hit = scene.hit_at(event.scenePos())
        return self.gesture_for(scene, event, hit)

    def gesture_for(self, scene, event, hit: Hit):
        kind = hit.kind
        if kind == "stage_edge":
            return StageResizeGesture(scene, event, hit.id)
        if kind == "stage":
            return StageDragGesture(scene, event, hit.id)
        if kind == "chevron":
            return ChevronGesture(scene, event, hit.id)
        if kind == "lane":
            return LaneDragGesture(scene, event, hit.id)
        if kind == "handle":
            return ConnectGesture(scene, event, hit.id)
        if kind == "point":
            return EmotionPointGesture(scene, event, hit.id, hit.other, hit.lane)
        if kind == "card":
            return CardDragGesture(scene, event, hit.id)
        connection_id = scene.connection_at(event.scenePos())
        if connection_id is not None:
            return SelectConnectionGesture(scene, event, connection_id)
        if kind == "emotion_lane":
            persona_id = self.persona_for(scene)
            if persona_id is not None:
                return EmotionAddGesture(scene, event, hit.id, hit.other, persona_id)
        return RubberBandGesture(scene, event, hit)

    def persona_for(self, scene) -> str | None:
        return scene.active_persona()

    def hover(self, scene, event) -> None:
        scene.set_hover(scene.hit_at(event.scenePos()))


class ConnectTool(SelectTool):
    """A press anywhere on a card starts a connection."""

    name = "connect"

    def gesture_for(self, scene, event, hit: Hit):
        if hit.kind == "card":
            return ConnectGesture(scene, event, hit.id)
        return super().gesture_for(scene, event, hit)

    def hover(self, scene, event) -> None:
        hit = scene.hit_at(event.scenePos())
        if hit.kind == "card":
            hit = Hit("handle", hit.id)  # the whole card is a handle here: show it, with the cross cursor
        scene.set_hover(hit)


class EmotionTool(SelectTool):
    """Clicks in an Emotions lane add points even with no active persona (the first visible one is used)."""

    name = "emotion"

    def persona_for(self, scene) -> str | None:
        active = scene.active_persona()
        if active is not None:
            return active
        visible = [p.id for p in scene.document.personas if p.visible]
        return visible[0] if visible else None


TOOLS = {tool.name: tool for tool in (SelectTool(), ConnectTool(), EmotionTool())}
