"""One QUndoCommand per user gesture, each wrapping one Document operation.

A command refers to objects by id and carries the operation it applies; its
inverse is whatever `Document.apply` returned, so undo is exact by
construction (ids, order and cascades included). Builders that would change
nothing produce a command whose `op` is None; `EditSession.push` refuses to
put such a command on the stack, so the history only shows real changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QUndoCommand

from model import ops as o
from model.document import Content, Document
from model.domain import Card, Connection, Kpi, Lane, Persona, Stage, new_id
from model.persistence.errors import MapSaveError

# QUndoCommand.id() values: commands with the same id may merge (typing bursts).
MERGE_FIELD_EDIT = 1001


class DocumentCommand(QUndoCommand):
    """Applies `op` on redo and its recorded inverse on undo.

    `apply_now()` lets the caller apply the operation (and see a refusal)
    before the command is pushed; the stack's first `redo()` is then skipped.
    """

    def __init__(self, document: Document, op: o.Op | None, text: str | None = None) -> None:
        super().__init__(text if text is not None else (op.label if op is not None else ""))
        self.document = document
        self.op = op
        self._inverse: o.Op | None = None
        self._already_applied = False
        # Called with the error when undo/redo could not be saved to the file (set by EditSession).
        self.on_save_failed = None

    @property
    def changes_something(self) -> bool:
        return self.op is not None

    def apply_now(self) -> None:
        """Apply the operation at once; raises the model's refusal and leaves the map unchanged."""
        if self.op is None:
            raise ValueError("this command changes nothing")
        self._inverse = self.document.apply(self.op)
        self._already_applied = True

    def redo(self) -> None:
        if self._already_applied:
            self._already_applied = False
            return
        assert self.op is not None, "a command that changes nothing is never pushed"
        try:
            self._inverse = self.document.apply(self.op)
        except MapSaveError as error:
            self._report(error)

    def undo(self) -> None:
        assert self._inverse is not None
        try:
            self.document.apply(self._inverse)
        except MapSaveError as error:
            self._report(error)

    def _report(self, error: MapSaveError) -> None:
        # Raised from a Qt virtual, the error would only reach the excepthook; hand it to the session instead.
        if self.on_save_failed is None:
            raise error
        self.on_save_failed(error)


# -- field edits that merge while the user types --------------------------------


_UPDATE_READERS = {
    o.UpdateCard: ("card_id", lambda d, i: d.card(i)),
    o.UpdateStage: ("stage_id", lambda d, i: d.stage(i)),
    o.UpdateLane: ("lane_id", lambda d, i: d.lane(i)),
    o.UpdatePersona: ("persona_id", lambda d, i: d.persona(i)),
    o.UpdateConnection: ("connection_id", lambda d, i: d.connection(i)),
    o.UpdateKpi: ("kpi_id", lambda d, i: d.kpi(i)),
}


def _only_real_changes(current: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in changes.items() if getattr(current, k) != v}


class EditFieldsCommand(DocumentCommand):
    """Sets fields of one card, stage, lane, persona, connection, KPI or the map.

    With a `merge_key` (the inspector gives one per editing burst of one
    field), consecutive edits with the same key, target and fields merge
    into one undo step; a burst that returns to the start becomes obsolete.
    """

    def __init__(self, document: Document, op_type: type, target_id: str | None,
                 changes: Mapping[str, Any], *, merge_key: object = None, text: str | None = None) -> None:
        if op_type is o.UpdateMap:
            real = _only_real_changes(document.info, changes)
            op = o.UpdateMap(real) if real else None
        else:
            id_field, read = _UPDATE_READERS[op_type]
            real = _only_real_changes(read(document, target_id), changes)
            op = op_type(target_id, real) if real else None
        super().__init__(document, op, text)
        self.op_type = op_type
        self.target_id = target_id
        self.merge_key = merge_key
        self.fields = frozenset(changes)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGE_FIELD_EDIT if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (isinstance(other, EditFieldsCommand) and other.merge_key is not None
                and other.merge_key == self.merge_key and other.op_type is self.op_type
                and other.target_id == self.target_id and other.fields == self.fields
                and self.op is not None and other.op is not None):
            return False
        if self._inverse is None or other._inverse is None:
            return False  # merging needs both edits applied (as EditSession.push does)
        merged = {**self.op.changes, **other.op.changes}  # type: ignore[attr-defined]
        # A field the later edit changed first kept, until then, the value it had before this burst.
        old = {**other._inverse.changes, **self._inverse.changes}  # type: ignore[attr-defined]
        self.op = self._update(merged)
        self._inverse = self._update(old)
        # Typing back to where the burst started leaves nothing to undo.
        if old == merged:
            self.setObsolete(True)
        return True

    def _update(self, changes: dict[str, Any]) -> o.Op:
        return o.UpdateMap(changes) if self.op_type is o.UpdateMap else self.op_type(self.target_id, changes)


class EditCardCommand(EditFieldsCommand):
    def __init__(self, document: Document, card_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateCard, card_id, changes, merge_key=merge_key)


class EditCardTextCommand(EditFieldsCommand):
    def __init__(self, document: Document, card_id: str, text: str, *, merge_key: object = None) -> None:
        super().__init__(document, o.UpdateCard, card_id, {"text": text}, merge_key=merge_key,
                         text="Edit card text")


class EditStageCommand(EditFieldsCommand):
    def __init__(self, document: Document, stage_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateStage, stage_id, changes, merge_key=merge_key)


class RenameStageCommand(EditFieldsCommand):
    def __init__(self, document: Document, stage_id: str, name: str) -> None:
        super().__init__(document, o.UpdateStage, stage_id, {"name": name}, text="Rename stage")


class ResizeStageCommand(EditFieldsCommand):
    def __init__(self, document: Document, stage_id: str, width: float) -> None:
        super().__init__(document, o.UpdateStage, stage_id, {"width": float(width)}, text="Resize stage")


class EditLaneCommand(EditFieldsCommand):
    def __init__(self, document: Document, lane_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateLane, lane_id, changes, merge_key=merge_key)


class RenameLaneCommand(EditFieldsCommand):
    def __init__(self, document: Document, lane_id: str, name: str) -> None:
        super().__init__(document, o.UpdateLane, lane_id, {"name": name}, text="Rename lane")


class ToggleLaneCollapsedCommand(EditFieldsCommand):
    def __init__(self, document: Document, lane_id: str) -> None:
        collapsed = not document.lane(lane_id).collapsed
        super().__init__(document, o.UpdateLane, lane_id, {"collapsed": collapsed},
                         text="Collapse lane" if collapsed else "Expand lane")


class EditPersonaCommand(EditFieldsCommand):
    def __init__(self, document: Document, persona_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdatePersona, persona_id, changes, merge_key=merge_key)


class EditConnectionCommand(EditFieldsCommand):
    def __init__(self, document: Document, connection_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateConnection, connection_id, changes, merge_key=merge_key)


class EditKpiCommand(EditFieldsCommand):
    def __init__(self, document: Document, kpi_id: str, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateKpi, kpi_id, changes, merge_key=merge_key)


class EditMapCommand(EditFieldsCommand):
    def __init__(self, document: Document, changes: Mapping[str, Any], *,
                 merge_key: object = None) -> None:
        super().__init__(document, o.UpdateMap, None, changes, merge_key=merge_key)


# -- stages and lanes -------------------------------------------------------------


class AddStageCommand(DocumentCommand):
    def __init__(self, document: Document, stage: Stage, index: int | None = None) -> None:
        super().__init__(document, o.AddStage(stage, index))
        self.stage_id = stage.id


class DeleteStageCommand(DocumentCommand):
    """Deletes the stage with its cards, emotions, connections and KPIs (all restored by undo)."""

    def __init__(self, document: Document, stage_id: str) -> None:
        super().__init__(document, o.RemoveStage(stage_id))


class MoveStageCommand(DocumentCommand):
    def __init__(self, document: Document, stage_id: str, index: int) -> None:
        same = document.stage_index(stage_id) == index
        super().__init__(document, None if same else o.MoveStage(stage_id, index))


class AddLaneCommand(DocumentCommand):
    def __init__(self, document: Document, lane: Lane, index: int | None = None) -> None:
        super().__init__(document, o.AddLane(lane, index))
        self.lane_id = lane.id


class DeleteLaneCommand(DocumentCommand):
    def __init__(self, document: Document, lane_id: str) -> None:
        super().__init__(document, o.RemoveLane(lane_id))


class MoveLaneCommand(DocumentCommand):
    def __init__(self, document: Document, lane_id: str, index: int) -> None:
        same = document.lane_index(lane_id) == index
        super().__init__(document, None if same else o.MoveLane(lane_id, index))


# -- cards --------------------------------------------------------------------------


class AddCardsCommand(DocumentCommand):
    """Adds cards in one step: a quick-capture line, a paste of several lines, an Insert > Card."""

    def __init__(self, document: Document, cards: Sequence[Card], index: int | None = None,
                 text: str | None = None) -> None:
        cards = list(cards)
        if not cards:
            op = None
        elif len(cards) == 1:
            op = o.AddCard(cards[0], index)
        else:
            # Consecutive cards of the same cell follow one another from `index`.
            steps, offsets = [], {}
            for card in cards:
                at = None
                if index is not None:
                    at = index + offsets.get(card.cell, 0)
                    offsets[card.cell] = offsets.get(card.cell, 0) + 1
                steps.append(o.AddCard(card, at))
            op = o.Batch(tuple(steps), f"Add {len(cards)} cards")
        super().__init__(document, op, text or (op.label if op else ""))
        self.card_ids = tuple(c.id for c in cards)


class AddCardCommand(AddCardsCommand):
    def __init__(self, document: Document, card: Card, index: int | None = None) -> None:
        super().__init__(document, [card], index)


def _plural(count: int, verb: str, one: str) -> str:
    return f"{verb} {one}" if count == 1 else f"{verb} {count} {one}s"


class DeleteCardsCommand(DocumentCommand):
    """Deletes cards with their emotions and connections; undo puts each back in its place."""

    def __init__(self, document: Document, card_ids: Iterable[str]) -> None:
        ids = [i for i in dict.fromkeys(card_ids) if document.has_card(i)]
        op = o.Batch(tuple(o.RemoveCard(i) for i in ids), _plural(len(ids), "Delete", "card")) if ids else None
        super().__init__(document, op)


def _slot(cell: list[str], moving: set[str], index: int) -> int:
    """Where in `cell` the position `index`, counted among the cards not moving, lies."""
    seen = 0
    for position, card_id in enumerate(cell):
        if seen == index:
            return position
        if card_id not in moving:
            seen += 1
    return len(cell)


class MoveCardsCommand(DocumentCommand):
    """Moves cards, in the given order, to `index` of a cell; `index` counts the cell without them."""

    def __init__(self, document: Document, card_ids: Sequence[str], stage_id: str, lane_id: str, index: int) -> None:
        moving = list(dict.fromkeys(card_ids))
        target = [c.id for c in document.cell_cards(stage_id, lane_id)]
        sim = list(target)
        steps: list[o.Op] = []
        for i, card_id in enumerate(moving):
            if card_id in sim:
                sim.remove(card_id)
            if i == 0:
                at = _slot(sim, set(moving), index)
            else:
                at = sim.index(moving[i - 1]) + 1
            sim.insert(at, card_id)
            steps.append(o.MoveCard(card_id, stage_id, lane_id, at))
        unchanged = sim == target and all(document.card(i).cell == (stage_id, lane_id) for i in moving)
        op = None if unchanged or not moving else o.Batch(tuple(steps), _plural(len(moving), "Move", "card"))
        super().__init__(document, op)


class UpdateCardsCommand(DocumentCommand):
    """Recolours, changes the kind of (or sets any fields on) every selected card in one step."""

    def __init__(self, document: Document, card_ids: Iterable[str], changes: Mapping[str, Any],
                 text: str = "Edit cards") -> None:
        steps = []
        for card_id in dict.fromkeys(card_ids):
            real = _only_real_changes(document.card(card_id), changes)
            if real:
                steps.append(o.UpdateCard(card_id, real))
        super().__init__(document, o.Batch(tuple(steps), text) if steps else None)


class DuplicateCardsCommand(DocumentCommand):
    """Copies each card (text, fields, emotions) right after its original."""

    def __init__(self, document: Document, card_ids: Iterable[str]) -> None:
        cells: dict[tuple[str, str], list[str]] = {}
        steps: list[o.Op] = []
        self.copy_ids: list[str] = []
        originals = [document.card(i) for i in dict.fromkeys(card_ids)]
        for card in originals:
            cell = cells.setdefault(card.cell, [c.id for c in document.cell_cards(*card.cell)])
            copy = replace(card, id=new_id())  # with_changes refuses ids on purpose; a copy needs a fresh one
            at = cell.index(card.id) + 1
            cell.insert(at, copy.id)
            steps.append(o.AddCard(copy, at))
            for persona in document.personas:
                value = document.emotion(card.id, persona.id)
                if value is not None:
                    steps.append(o.SetEmotion(copy.id, persona.id, value))
            self.copy_ids.append(copy.id)
        op = o.Batch(tuple(steps), _plural(len(originals), "Duplicate", "card")) if originals else None
        super().__init__(document, op)


# -- emotions, connections, personas, KPIs ------------------------------------------------


class SetEmotionCommand(DocumentCommand):
    """Sets (or with None clears) what a persona feels at a card."""

    def __init__(self, document: Document, card_id: str, persona_id: str, value: float | None) -> None:
        same = document.emotion(card_id, persona_id) == value
        text = "Remove emotion" if value is None else "Set emotion"
        super().__init__(document, None if same else o.SetEmotion(card_id, persona_id, value), text)


class AddConnectionCommand(DocumentCommand):
    def __init__(self, document: Document, connection: Connection) -> None:
        super().__init__(document, o.AddConnection(connection))
        self.connection_id = connection.id


class DeleteConnectionsCommand(DocumentCommand):
    def __init__(self, document: Document, connection_ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(connection_ids))
        op = o.Batch(tuple(o.RemoveConnection(i) for i in ids), _plural(len(ids), "Delete", "connection")) if ids else None
        super().__init__(document, op)


class AddPersonaCommand(DocumentCommand):
    def __init__(self, document: Document, persona: Persona, index: int | None = None) -> None:
        super().__init__(document, o.AddPersona(persona, index))
        self.persona_id = persona.id


class DeletePersonaCommand(DocumentCommand):
    def __init__(self, document: Document, persona_id: str) -> None:
        super().__init__(document, o.RemovePersona(persona_id))


class MovePersonaCommand(DocumentCommand):
    def __init__(self, document: Document, persona_id: str, index: int) -> None:
        same = document.persona_index(persona_id) == index
        super().__init__(document, None if same else o.MovePersona(persona_id, index))


class AddKpiCommand(DocumentCommand):
    def __init__(self, document: Document, kpi: Kpi) -> None:
        # A stage's KPIs keep the map-wide order: put the new one after the stage's last.
        kpis = document.kpis
        after = [i for i, k in enumerate(kpis) if k.stage_id == kpi.stage_id]
        super().__init__(document, o.AddKpi(kpi, after[-1] + 1 if after else None))
        self.kpi_id = kpi.id


class DeleteKpiCommand(DocumentCommand):
    def __init__(self, document: Document, kpi_id: str) -> None:
        super().__init__(document, o.RemoveKpi(kpi_id))


class DeleteSelectionCommand(DocumentCommand):
    """Deletes whatever is selected (cards, connections, stages, lanes, an emotion point) in one step."""

    def __init__(self, document: Document, *, cards: Sequence[str] = (), connections: Sequence[str] = (),
                 stages: Sequence[str] = (), lanes: Sequence[str] = (),
                 emotion: tuple[str, str] | None = None) -> None:
        steps: list[o.Op] = []
        doomed_cards = set(cards)
        # Connections of deleted cards go with their cards; removing them twice would be refused.
        for conn_id in dict.fromkeys(connections):
            conn = document.connection(conn_id)
            if not {conn.source_id, conn.target_id} & doomed_cards:
                steps.append(o.RemoveConnection(conn_id))
        if emotion is not None and emotion[0] not in doomed_cards and document.emotion(*emotion) is not None:
            steps.append(o.SetEmotion(emotion[0], emotion[1], None))
        in_removed_rows = {c for c in doomed_cards
                           if document.card(c).stage_id in stages or document.card(c).lane_id in lanes}
        steps += [o.RemoveCard(c) for c in dict.fromkeys(cards) if c not in in_removed_rows]
        steps += [o.RemoveStage(s) for s in dict.fromkeys(stages)]
        steps += [o.RemoveLane(lane) for lane in dict.fromkeys(lanes)]
        if not steps:
            op = None
        elif len(steps) == 1:
            op = steps[0]
        else:
            op = o.Batch(tuple(steps), "Delete selection")
        super().__init__(document, op)


class ReplaceContentCommand(DocumentCommand):
    """Replaces the whole map (revert to a snapshot); undo brings the previous map back."""

    def __init__(self, document: Document, content: Content, text: str) -> None:
        same = document.content() == content
        super().__init__(document, None if same else o.ReplaceContent(content, text), text)
