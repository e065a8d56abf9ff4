"""Turns the canvas's gesture signals into undoable commands (canvas_editor_contract.md).

The scene never changes the document; it emits what the user did. Each
signal here becomes exactly one command pushed through the EditSession,
which pushes nothing when nothing changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from model.domain import Card, Connection

from . import commands as c
from .editing import EditSession


class GestureHandler(QObject):
    """Connects one MapScene's signals to commands on one EditSession."""

    def __init__(self, scene, session: EditSession, parent=None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.session = session
        doc = session.document
        push = session.push
        scene.cards_dropped.connect(lambda ids, s, lane, i: push(c.MoveCardsCommand(doc, list(ids), s, lane, i)))
        scene.stage_dropped.connect(lambda stage_id, i: push(c.MoveStageCommand(doc, stage_id, i)))
        scene.stage_resized.connect(lambda stage_id, w: push(c.ResizeStageCommand(doc, stage_id, w)))
        scene.lane_dropped.connect(lambda lane_id, i: push(c.MoveLaneCommand(doc, lane_id, i)))
        scene.lane_collapse_toggled.connect(lambda lane_id: push(c.ToggleLaneCollapsedCommand(doc, lane_id)))
        scene.card_text_edited.connect(lambda card_id, text: push(c.EditCardTextCommand(doc, card_id, text)))
        scene.card_quick_added.connect(self._on_scene_card_quick_added)
        scene.emotion_dragged.connect(lambda card_id, p, v: push(c.SetEmotionCommand(doc, card_id, p, v)))
        scene.emotion_added.connect(lambda card_id, p, v: push(c.SetEmotionCommand(doc, card_id, p, v)))
        scene.connection_drawn.connect(self._on_scene_connection_drawn)
        scene.stage_renamed.connect(self._on_scene_stage_renamed)
        scene.lane_renamed.connect(self._on_scene_lane_renamed)

    def _on_scene_card_quick_added(self, stage_id: str, lane_id: str, index: int, text: str) -> None:
        if not text.strip():
            return
        card = new_card(self.session.document, stage_id, lane_id, text)
        self.session.push(c.AddCardsCommand(self.session.document, [card], index, "Add card"))

    def _on_scene_connection_drawn(self, source_id: str, target_id: str) -> None:
        if source_id == target_id:
            return
        self.session.push(c.AddConnectionCommand(self.session.document, Connection(source_id, target_id)))

    def _on_scene_stage_renamed(self, stage_id: str, name: str) -> None:
        if name.strip():
            self.session.push(c.RenameStageCommand(self.session.document, stage_id, name.strip()))

    def _on_scene_lane_renamed(self, lane_id: str, name: str) -> None:
        if name.strip():
            self.session.push(c.RenameLaneCommand(self.session.document, lane_id, name.strip()))


def new_card(document, stage_id: str, lane_id: str, text: str = "") -> Card:
    """A new card for a cell: the kind and colour follow the lane's name (a 'Pain points' lane gets pain points)."""
    from model.domain import KIND_COLOURS, CardKind

    name = document.lane(lane_id).name.lower()
    kind = CardKind.NOTE
    for candidate, words in (
        (CardKind.PAIN_POINT, ("pain", "problem", "frustrat")),
        (CardKind.OPPORTUNITY, ("opportunit", "improve")),
        (CardKind.TOUCHPOINT, ("touchpoint", "channel")),
        (CardKind.IDEA, ("idea",)),
        (CardKind.QUOTE, ("quote", "said", "voice", "thought", "think")),
    ):
        if any(w in name for w in words):
            kind = candidate
            break
    return Card(stage_id, lane_id, text, kind=kind, colour=KIND_COLOURS[kind])
