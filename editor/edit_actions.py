"""The Edit, Insert and Card menu handlers: each plans one edit from the selection (model/edits.py) and pushes it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from model import edits
from model.domain import Card, Lane, LaneKind, Persona, Stage, next_colour
from model.errors import ValidationError

from .clipboard import cards_from_mime, cards_to_mime
from .session import EditSession
from .prompts import Prompts

LANE_KINDS = {"Cards": LaneKind.CARDS, "Emotion curve": LaneKind.EMOTIONS}


class EditActions:
    """Selection-based edits of one window (the scene holds the selection; it is never on the stack)."""

    def __init__(self, session: EditSession, scene, prompts: Prompts) -> None:
        self.session = session
        self.scene = scene
        self.prompts = prompts

    @property
    def document(self):
        return self.session.document

    def selection(self):
        return self.scene.selected_ids()

    # enabled-when -----------------------------------------------------------------------

    def has_cards(self) -> bool:
        return bool(self.selection().cards)

    def has_anything(self) -> bool:
        s = self.selection()
        return bool(s.cards or s.connections or s.stages or s.lanes or s.emotion)

    def can_paste(self) -> bool:
        data = QGuiApplication.clipboard().mimeData()
        return data is not None and (data.hasText() or data.hasFormat("application/x-journeymap-cards")) \
            and self.target_cell() is not None

    def can_edit_text(self) -> bool:
        s = self.selection()
        return len(s.cards) == 1 or len(s.stages) == 1 or len(s.lanes) == 1

    def can_connect(self) -> bool:
        return len(self.selection().cards) == 2

    # the cell new cards go to ----------------------------------------------------------------

    def target_cell(self) -> tuple[str, str, int | None] | None:
        """(stage, lane, index) for new cards: the selected cell, after the last selected card, or the first cell."""
        s = self.selection()
        doc = self.document
        if s.cell is not None:
            return (*s.cell, None)
        if s.cards:
            last = doc.card(s.cards[-1])
            return (last.stage_id, last.lane_id, doc.card_index(last.id) + 1)
        lanes = [lane for lane in doc.lanes if lane.takes_cards]
        if doc.stages and lanes:
            return (doc.stages[0].id, lanes[0].id, None)
        return None

    def _ordered_cards(self):
        chosen = set(self.selection().cards)
        return [card for card in self.document.cards() if card.id in chosen]

    # clipboard --------------------------------------------------------------------------------

    def copy(self) -> None:
        cards = self._ordered_cards()
        if cards:
            QGuiApplication.clipboard().setMimeData(cards_to_mime(cards))

    def cut(self) -> None:
        cards = self._ordered_cards()
        if cards:
            self.copy()
            points = self._points_on(card.id for card in cards)
            if self.session.edit(edits.delete_cards(self.document, [card.id for card in cards])) and points:
                self._tell_points_went(points)

    def paste(self) -> None:
        target = self.target_cell()
        data = QGuiApplication.clipboard().mimeData()
        if target is None or data is None:
            return
        stage_id, lane_id, index = target
        try:
            offered = cards_from_mime(data)
            if offered and isinstance(offered[0], Card):
                op = edits.paste_cards(self.document, offered, stage_id, lane_id, index)
            else:
                op = edits.capture_lines(self.document, stage_id, lane_id, offered, index)
        except ValidationError as error:
            self.session.refused.emit(str(error))
            return
        if self.session.edit(op):
            self.scene.select("card", edits.added_card_ids(op))

    # selection edits ----------------------------------------------------------------------------

    def duplicate(self) -> None:
        op = edits.duplicate_cards(self.document, [card.id for card in self._ordered_cards()])
        if self.session.edit(op):
            self.scene.select("card", edits.added_card_ids(op))

    def delete(self) -> None:
        s = self.selection()
        points = self._points_on(s.cards)
        if self.session.edit(edits.delete_selection(
                self.document, cards=s.cards, connections=s.connections, stages=s.stages, lanes=s.lanes,
                emotion=s.emotion)) and points:
            self._tell_points_went(points)

    def _points_on(self, card_ids) -> int:
        """How many emotion points hang on these cards (they go with their cards)."""
        doomed = set(card_ids)
        return sum(1 for card_id, _persona in self.document.emotions() if card_id in doomed)

    def _tell_points_went(self, points: int) -> None:
        self.session.noticed.emit(f"{points} emotion point{'s' if points != 1 else ''} went with the deleted "
                                  "cards (Undo brings them back)")

    def select_all(self) -> None:
        self.scene.select("card", [card.id for card in self.document.cards()])

    def edit_text(self) -> None:
        s = self.selection()
        doc = self.document
        if len(s.cards) == 1:
            self.scene.begin_edit_card(s.cards[0])
        elif len(s.stages) == 1:
            name = self.prompts.text("Rename stage", "Stage name:", doc.stage(s.stages[0]).name)
            if name is not None:
                self.session.edit(edits.rename_stage(doc, s.stages[0], name))
        elif len(s.lanes) == 1:
            name = self.prompts.text("Rename lane", "Lane name:", doc.lane(s.lanes[0]).name)
            if name is not None:
                self.session.edit(edits.rename_lane(doc, s.lanes[0], name))

    def recolour(self, colour: str) -> None:
        self.session.edit(edits.update_cards(self.document, self.selection().cards, {"colour": colour},
                                             "Recolour cards"))

    def change_kind(self, kind) -> None:
        self.session.edit(edits.update_cards(self.document, self.selection().cards, {"kind": kind},
                                             "Change card kind"))

    def all_to_be(self) -> bool:
        """Every selected card is marked as a future-state (to-be) card."""
        from model.tobe import is_to_be

        cards = self.selection().cards
        return bool(cards) and all(is_to_be(self.document, c) for c in cards if self.document.has_card(c))

    def toggle_to_be(self) -> None:
        """Mark the selected cards as to-be (future state), or, when they all are, as as-is again."""
        from model.tobe import mark_to_be

        self.session.edit(mark_to_be(self.document, self.selection().cards, not self.all_to_be()))

    # insert -----------------------------------------------------------------------------------------

    def insert_stage(self) -> None:
        s = self.selection()
        doc = self.document
        index = doc.stage_index(s.stages[-1]) + 1 if s.stages else None
        name = self.prompts.text("New stage", "Stage name:", "New stage")
        if name and name.strip():
            stage = Stage(name.strip())
            if self.session.edit(edits.add_stage(doc, stage, index)):
                self.scene.select("stage", [stage.id])

    def insert_lane(self) -> None:
        s = self.selection()
        doc = self.document
        kind = self.prompts.item("New lane", "What the lane holds:", list(LANE_KINDS))
        if kind is None:
            return
        default = "Emotions" if LANE_KINDS[kind] == LaneKind.EMOTIONS else "New lane"
        name = self.prompts.text("New lane", "Lane name:", default)
        if name and name.strip():
            lane = Lane(name.strip(), kind=LANE_KINDS[kind])
            index = doc.lane_index(s.lanes[-1]) + 1 if s.lanes else None
            if self.session.edit(edits.add_lane(doc, lane, index)):
                self.scene.select("lane", [lane.id])

    def insert_card(self) -> None:
        target = self.target_cell()
        if target is None:
            self.session.refused.emit("add a stage and a cards lane first")
            return
        stage_id, lane_id, index = target
        card = edits.new_card(self.document, stage_id, lane_id, "")
        if self.session.edit(edits.add_cards(self.document, [card], index)):
            self.scene.select("card", [card.id])
            self.scene.begin_edit_card(card.id)

    def insert_persona(self) -> None:
        doc = self.document
        name = self.prompts.text("New persona", "Persona name:", "New persona")
        if name and name.strip():
            used = {p.colour for p in doc.personas}
            persona = Persona(name.strip(), colour=next_colour(used, len(used)))
            self.session.edit(edits.add_persona(doc, persona))

    def insert_connection(self) -> None:
        cards = self.selection().cards
        if len(cards) == 2:
            self.session.edit(edits.connect(self.document, cards[0], cards[1]))
