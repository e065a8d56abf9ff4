"""Edit planners: each turns what a user (or a phone, or the command line) means into one operation.

Every planner reads the document and returns the one `Op` that does what was
asked, or None when nothing would change, so callers push nothing then. The
rules that decide an edit live here once: where moving cards land (an index
counted without the moving cards), what kind of card a lane makes, what a
duplicate or a paste carries, which cascades a deletion already covers.
Planners never apply anything; `Document.apply` validates and applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

from . import ops
from .document import Content, Document
from .domain import KIND_COLOURS, Card, CardKind, Connection, Kpi, Lane, Persona, Stage, new_id, tidy_name
from .errors import ValidationError

MAX_CAPTURED_LINES = 2000  # lines of pasted text turned into cards at once; more is surely not meant as cards


def _plural(count: int, verb: str, one: str) -> str:
    return f"{verb} {one}" if count == 1 else f"{verb} {count} {one}s"


def _named(op: ops.Op | None, name: str) -> ops.Op | None:
    """The operation under the name the undo history shows for it (a batch of one)."""
    return None if op is None else ops.Batch((op,), name)


def _one_or_batch(steps: Sequence[ops.Op], name: str) -> ops.Op | None:
    if not steps:
        return None
    return ops.Batch(tuple(steps), name)


# -- fields -----------------------------------------------------------------------------------

_READERS = {
    ops.UpdateCard: Document.card,
    ops.UpdateStage: Document.stage,
    ops.UpdateLane: Document.lane,
    ops.UpdatePersona: Document.persona,
    ops.UpdateConnection: Document.connection,
    ops.UpdateKpi: Document.kpi,
}


def _real_changes(current: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes that would change something, judged on the values as the model keeps them
    ("#aabbcc" is the colour "#AABBCC" already). A value the model refuses is kept, for the
    document to refuse with its message."""
    try:
        kept = current.with_changes(**changes)
    except (ValidationError, TypeError):
        return {k: v for k, v in changes.items() if getattr(current, k) != v}
    return {k: v for k, v in changes.items() if getattr(current, k) != getattr(kept, k)}


def update(doc: Document, op_type: type[ops.Op], target_id: str | None, changes: Mapping[str, Any]) -> ops.Op | None:
    """Set fields of the map (`ops.UpdateMap`, no target) or of one card, stage, lane, persona, connection, KPI."""
    if op_type is ops.UpdateMap:
        real = _real_changes(doc.info, changes)
        return ops.UpdateMap(real) if real else None
    real = _real_changes(_READERS[op_type](doc, target_id), changes)
    return op_type(target_id, real) if real else None  # type: ignore[call-arg]


def update_target(op: ops.Op) -> str | None:
    """The id an update operation edits (None for the map itself)."""
    if isinstance(op, ops.UpdateMap):
        return None
    if isinstance(op, ops.UpdateItem):
        return f"{op.kind}:{op.item_id}"
    return getattr(op, fields(op)[0].name)


def update_item(doc: Document, kind: str, item_id: str, changes: Mapping[str, Any]) -> ops.Op | None:
    """Set fields of an item of a declared entity (a participant…); None when nothing would change."""
    real = _real_changes(doc.item(kind, item_id), changes)
    return ops.UpdateItem(kind, item_id, real) if real else None


def move_item(doc: Document, kind: str, item_id: str, index: int) -> ops.Op | None:
    return None if doc.item_index(kind, item_id) == index else ops.MoveItem(kind, item_id, index)


def update_cards(doc: Document, card_ids: Iterable[str], changes: Mapping[str, Any],
                 name: str = "Edit cards") -> ops.Op | None:
    """The same fields set on several cards in one step (cards already so are left out)."""
    steps = []
    for card_id in dict.fromkeys(card_ids):
        real = _real_changes(doc.card(card_id), changes)
        if real:
            steps.append(ops.UpdateCard(card_id, real))
    return _one_or_batch(steps, name)


def rename_stage(doc: Document, stage_id: str, name: str) -> ops.Op | None:
    """A stage's new name, spaces tidied; None for an empty or unchanged name."""
    name = tidy_name(name)
    if not name or name == doc.stage(stage_id).name:
        return None
    return _named(ops.UpdateStage(stage_id, {"name": name}), "Rename stage")


def rename_lane(doc: Document, lane_id: str, name: str) -> ops.Op | None:
    name = tidy_name(name)
    if not name or name == doc.lane(lane_id).name:
        return None
    return _named(ops.UpdateLane(lane_id, {"name": name}), "Rename lane")


def resize_stage(doc: Document, stage_id: str, width: float) -> ops.Op | None:
    return _named(update(doc, ops.UpdateStage, stage_id, {"width": float(width)}), "Resize stage")


def toggle_lane_collapsed(doc: Document, lane_id: str) -> ops.Op:
    collapsed = not doc.lane(lane_id).collapsed
    return _named(ops.UpdateLane(lane_id, {"collapsed": collapsed}), "Collapse lane" if collapsed else "Expand lane")


def edit_card_text(doc: Document, card_id: str, text: str) -> ops.Op | None:
    """A card's text typed in place; None when it is unchanged."""
    return _named(update(doc, ops.UpdateCard, card_id, {"text": text}), "Edit card text")


# -- stages, lanes, personas, KPIs ----------------------------------------------------------------


def move_stage(doc: Document, stage_id: str, index: int) -> ops.Op | None:
    return None if doc.stage_index(stage_id) == index else ops.MoveStage(stage_id, index)


def move_lane(doc: Document, lane_id: str, index: int) -> ops.Op | None:
    return None if doc.lane_index(lane_id) == index else ops.MoveLane(lane_id, index)


def move_persona(doc: Document, persona_id: str, index: int) -> ops.Op | None:
    return None if doc.persona_index(persona_id) == index else ops.MovePersona(persona_id, index)


def add_stage(doc: Document, stage: Stage, index: int | None = None) -> ops.Op:
    return ops.AddStage(stage, index)


def add_lane(doc: Document, lane: Lane, index: int | None = None) -> ops.Op:
    return ops.AddLane(lane, index)


def add_persona(doc: Document, persona: Persona, index: int | None = None) -> ops.Op:
    return ops.AddPersona(persona, index)


def add_kpi(doc: Document, kpi: Kpi) -> ops.Op:
    """A new KPI after its stage's last one, so a stage's KPIs keep the map-wide order."""
    after = [i for i, k in enumerate(doc.kpis) if k.stage_id == kpi.stage_id]
    return ops.AddKpi(kpi, after[-1] + 1 if after else None)


# -- cards ------------------------------------------------------------------------------------------


def new_card(doc: Document, stage_id: str, lane_id: str, text: str = "") -> Card:
    """A new card for a cell: its kind and colour follow what the lane makes (a 'Pain points' lane: pain points)."""
    kind = doc.lane(lane_id).card_kind
    return Card(stage_id, lane_id, text, kind=kind, colour=KIND_COLOURS[kind])


def cards_from_lines(doc: Document, stage_id: str, lane_id: str, lines: Iterable[str]) -> list[Card]:
    """One new card per non-empty line (trimmed). Refused (ValidationError) past MAX_CAPTURED_LINES."""
    texts = [line.strip() for line in lines]
    texts = [t for t in texts if t]
    if len(texts) > MAX_CAPTURED_LINES:
        raise ValidationError(f"{len(texts):,} lines is too many; add at most {MAX_CAPTURED_LINES:,} cards at once")
    return [new_card(doc, stage_id, lane_id, t) for t in texts]


def add_cards(doc: Document, cards: Sequence[Card], index: int | None = None, name: str | None = None) -> ops.Op | None:
    """Cards added in one step; those of one cell follow one another from `index` (None: the cell's end).

    None when there are no cards, or when a card's lane takes no cards.
    """
    cards = list(cards)
    if not cards or any(not doc.lane(c.lane_id).takes_cards for c in cards):
        return None
    steps, offsets = [], {}
    for card in cards:
        at = None
        if index is not None:
            at = index + offsets.get(card.cell, 0)
            offsets[card.cell] = offsets.get(card.cell, 0) + 1
        steps.append(ops.AddCard(card, at))
    return ops.Batch(tuple(steps), name or _plural(len(cards), "Add", "card"))


def capture_lines(doc: Document, stage_id: str, lane_id: str, lines: Iterable[str],
                  index: int | None = None) -> ops.Op | None:
    """Quick capture: typed or pasted lines become cards of the cell, in order, in one step."""
    return add_cards(doc, cards_from_lines(doc, stage_id, lane_id, lines), index)


def paste_cards(doc: Document, cards: Sequence[Card], stage_id: str, lane_id: str,
                index: int | None = None) -> ops.Op | None:
    """Copied cards pasted whole (kind, notes, owner, impact…) into one cell, with new ids, in one step."""
    pasted = [replace(card, id=new_id(), stage_id=stage_id, lane_id=lane_id) for card in cards]
    return add_cards(doc, pasted, index, _plural(len(pasted), "Paste", "card"))


def added_card_ids(op: ops.Op | None) -> list[str]:
    """The ids of the cards an operation adds, in order (what to select after a paste or a duplicate)."""
    if isinstance(op, ops.AddCard):
        return [op.card.id]
    if isinstance(op, ops.Batch):
        return [i for step in op.ops for i in added_card_ids(step)]
    return []


def delete_cards(doc: Document, card_ids: Iterable[str]) -> ops.Op | None:
    """Cards deleted with their emotions and connections; undo puts each back in its place."""
    ids = [i for i in dict.fromkeys(card_ids) if doc.has_card(i)]
    return _one_or_batch([ops.RemoveCard(i) for i in ids], _plural(len(ids), "Delete", "card"))


def _slot(cell: list[str], moving: set[str], index: int) -> int:
    """Where in `cell` the position `index`, counted among the cards not moving, lies."""
    seen = 0
    for position, card_id in enumerate(cell):
        if seen == index:
            return position
        if card_id not in moving:
            seen += 1
    return len(cell)


def move_cards(doc: Document, card_ids: Sequence[str], stage_id: str, lane_id: str, index: int) -> ops.Op | None:
    """Cards moved, in the given order, to `index` of a cell; `index` counts the cell without them.

    Cards that went meanwhile are left out. None when the cards would end where they are, or when
    the lane takes no cards.
    """
    moving = [i for i in dict.fromkeys(card_ids) if doc.has_card(i)]
    if not moving or not doc.lane(lane_id).takes_cards:
        return None
    doc.stage(stage_id)
    target = [c.id for c in doc.cell_cards(stage_id, lane_id)]
    sim = list(target)
    steps: list[ops.Op] = []
    for i, card_id in enumerate(moving):
        if card_id in sim:
            sim.remove(card_id)
        at = _slot(sim, set(moving), index) if i == 0 else sim.index(moving[i - 1]) + 1
        sim.insert(at, card_id)
        steps.append(ops.MoveCard(card_id, stage_id, lane_id, at))
    if sim == target and all(doc.card(i).cell == (stage_id, lane_id) for i in moving):
        return None
    return ops.Batch(tuple(steps), _plural(len(moving), "Move", "card"))


def duplicate_cards(doc: Document, card_ids: Iterable[str]) -> ops.Op | None:
    """Each card copied right after its original, with its emotions (not its votes: the room gave them the original)."""
    cells: dict[tuple[str, str], list[str]] = {}
    steps: list[ops.Op] = []
    originals = [doc.card(i) for i in dict.fromkeys(card_ids)]
    for card in originals:
        cell = cells.setdefault(card.cell, [c.id for c in doc.cell_cards(*card.cell)])
        copy = replace(card, id=new_id())
        at = cell.index(card.id) + 1
        cell.insert(at, copy.id)
        steps.append(ops.AddCard(copy, at))
        for persona in doc.personas:
            value = doc.emotion(card.id, persona.id)
            if value is not None:
                steps.append(ops.SetEmotion(copy.id, persona.id, value))
    return _one_or_batch(steps, _plural(len(originals), "Duplicate", "card"))


def delete_selection(doc: Document, *, cards: Sequence[str] = (), connections: Sequence[str] = (),
                     stages: Sequence[str] = (), lanes: Sequence[str] = (),
                     emotion: tuple[str, str] | None = None) -> ops.Op | None:
    """Whatever is selected deleted in one step; what a cascade already removes is not removed twice."""
    steps: list[ops.Op] = []
    doomed_cards = {c for c in cards if doc.has_card(c)}
    for conn_id in dict.fromkeys(connections):
        conn = doc.connection(conn_id)
        if not {conn.source_id, conn.target_id} & doomed_cards:
            steps.append(ops.RemoveConnection(conn_id))
    if emotion is not None and emotion[0] not in doomed_cards and doc.emotion(*emotion) is not None:
        steps.append(ops.SetEmotion(emotion[0], emotion[1], None))
    in_removed_rows = {c for c in doomed_cards if doc.card(c).stage_id in stages or doc.card(c).lane_id in lanes}
    steps += [ops.RemoveCard(c) for c in dict.fromkeys(cards) if c in doomed_cards and c not in in_removed_rows]
    steps += [ops.RemoveStage(s) for s in dict.fromkeys(stages)]
    steps += [ops.RemoveLane(lane) for lane in dict.fromkeys(lanes)]
    if len(steps) == 1:
        return steps[0]
    return _one_or_batch(steps, "Delete selection")


# -- emotions and connections ----------------------------------------------------------------------


def set_emotion(doc: Document, card_id: str, persona_id: str, value: float | None) -> ops.Op | None:
    """What a persona feels at a card (None clears it); None when it already feels that."""
    if doc.emotion(card_id, persona_id) == value:
        return None
    op = ops.SetEmotion(card_id, persona_id, value)
    return op if value is not None else _named(op, "Remove emotion")


def touchpoint_lane(doc: Document) -> Lane | None:
    """The lane a new touchpoint goes to: one that makes touchpoints, else the first lane that takes cards."""
    lanes = [lane for lane in doc.lanes if lane.takes_cards]
    return next((lane for lane in lanes if lane.card_kind == CardKind.TOUCHPOINT), lanes[0] if lanes else None)


def add_emotion_in_empty_stage(doc: Document, stage_id: str, persona_id: str, value: float,
                               text: str = "New touchpoint") -> ops.Op | None:
    """A point on a stage with no card to hang it on: a touchpoint made for it, with the point, in one step.

    None when the map has no lane that takes cards.
    """
    lane = touchpoint_lane(doc)
    if lane is None:
        return None
    doc.persona(persona_id)
    card = Card(stage_id, lane.id, text, kind=CardKind.TOUCHPOINT, colour=KIND_COLOURS[CardKind.TOUCHPOINT])
    return ops.Batch((ops.AddCard(card), ops.SetEmotion(card.id, persona_id, value)), "Add touchpoint and emotion")


def connect(doc: Document, source_id: str, target_id: str, label: str = "", share: float | None = None) -> ops.Op | None:
    """An arrow from one card to another; None for a card to itself or cards already connected that way."""
    if source_id == target_id or not (doc.has_card(source_id) and doc.has_card(target_id)):
        return None
    if any((c.source_id, c.target_id) == (source_id, target_id) for c in doc.connections):
        return None
    return ops.AddConnection(Connection(source_id, target_id, label, share))


def delete_connections(doc: Document, connection_ids: Iterable[str]) -> ops.Op | None:
    ids = list(dict.fromkeys(connection_ids))
    return _one_or_batch([ops.RemoveConnection(i) for i in ids], _plural(len(ids), "Delete", "connection"))


# -- the whole map ------------------------------------------------------------------------------------


def replace_content(doc: Document, content: Content, name: str) -> ops.Op | None:
    """The whole map replaced (revert to a snapshot); None when it already holds exactly that.

    The map's print records stay as they are: they say what is on the wall, which a revert does not change.
    """
    from .document import content_items

    by_kind = {kind: values for kind, values in content.items if kind != "print_record"}
    by_kind["print_record"] = doc.items("print_record")
    content = replace(content, items=content_items(by_kind))
    return None if doc.content() == content else ops.ReplaceContent(content, name)
