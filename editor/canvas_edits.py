"""Turns the canvas's gesture signals into undoable edits.

The scene never changes the document, and never decides whether a gesture
changes anything: it emits what the user did. Each signal here is planned
into one operation by model/edits.py and pushed through the EditSession,
which pushes nothing when the planner returns None.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from model import edits
from model.errors import ValidationError

from .session import EditSession


class CanvasEdits(QObject):
    """Connects one MapScene's signals to edits on one EditSession."""

    def __init__(self, scene, session: EditSession, parent=None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.session = session
        doc = session.document
        edit = session.edit
        scene.cards_dropped.connect(lambda ids, s, lane, i: edit(edits.move_cards(doc, list(ids), s, lane, i)))
        scene.stage_dropped.connect(lambda stage_id, i: edit(edits.move_stage(doc, stage_id, i)))
        scene.stage_resized.connect(lambda stage_id, w: edit(edits.resize_stage(doc, stage_id, w)))
        scene.lane_dropped.connect(lambda lane_id, i: edit(edits.move_lane(doc, lane_id, i)))
        scene.lane_collapse_toggled.connect(lambda lane_id: edit(edits.toggle_lane_collapsed(doc, lane_id)))
        scene.card_text_edited.connect(lambda card_id, text: edit(edits.edit_card_text(doc, card_id, text)))
        scene.cards_captured.connect(self._on_scene_cards_captured)
        scene.emotion_dragged.connect(lambda card_id, p, v: edit(edits.set_emotion(doc, card_id, p, v)))
        scene.emotion_added.connect(lambda card_id, p, v: edit(edits.set_emotion(doc, card_id, p, v)))
        scene.emotion_added_in_empty_stage.connect(self._on_scene_emotion_added_in_empty_stage)
        scene.connection_drawn.connect(self._on_scene_connection_drawn)
        scene.stage_renamed.connect(lambda stage_id, name: edit(edits.rename_stage(doc, stage_id, name)))
        scene.lane_renamed.connect(lambda lane_id, name: edit(edits.rename_lane(doc, lane_id, name)))

    def _on_scene_connection_drawn(self, source_id: str, target_id: str) -> None:
        op = edits.connect(self.session.document, source_id, target_id)
        if op is None and source_id != target_id:
            self.session.refused.emit("these two cards are already connected in this direction")
        self.session.edit(op)

    def _on_scene_cards_captured(self, stage_id: str, lane_id: str, lines: list) -> None:
        try:
            op = edits.capture_lines(self.session.document, stage_id, lane_id, lines)
        except ValidationError as error:
            self.session.refused.emit(str(error))
            return
        self.session.edit(op)

    def _on_scene_emotion_added_in_empty_stage(self, stage_id: str, persona_id: str, value: float) -> None:
        op = edits.add_emotion_in_empty_stage(self.session.document, stage_id, persona_id, value)
        if op is None:
            self.session.refused.emit("add a lane that holds cards first: an emotion point hangs on a card")
            return
        if self.session.edit(op):
            card_id = edits.added_card_ids(op)[0]
            self.scene.select("emotion", (card_id, persona_id))
            self.session.noticed.emit("Added a touchpoint to carry the point (deleting the card deletes its "
                                      "points too)")
