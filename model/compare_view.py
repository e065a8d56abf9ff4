"""A comparison laid out for the eye (issue 13): what compare mode and the comparison poster draw.

From an earlier version and the map now (model/diff.py), `comparison_view`
lays the map out with room for the removed cards in their old cells, so a
ghost never covers a card; the ghosts themselves are left out of the
layout's cards (every view keeps seeing only the map's own cards) and given
separately with their boxes. It adds a trace from each moved card's old cell,
the earlier emotion curves placed under today's cards (a removed card's
value under its ghost), a mark colour per card, and the stops next/previous
change walk through in reading order. Pure: values in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .diff import Difference, MapDiff, compare, match
from .document import Content, Document
from .domain import Card
from .entities import ENTITIES
from .layout import LayoutEngine, curve_points, smooth_segments
from .layout_types import CardBox, Curve, Layout, Rect

# One colour per kind of difference, shared by the canvas and the comparison poster.
ADDED = "#2F855A"
REMOVED = "#C53030"
CHANGED = "#B7791F"
MOVED = "#805AD5"
STATUS_COLOURS = {"added": ADDED, "removed": REMOVED, "changed": CHANGED, "moved": MOVED}


@dataclass(frozen=True)
class Ghost:
    """A removed card drawn where it was: its earlier value and its box in the comparison's layout
    (None when its stage or lane is gone too)."""

    card: Card
    box: CardBox | None
    difference: Difference


@dataclass(frozen=True)
class Trace:
    """A moved card's way from its old cell (`start`, a card-sized slot there) to where it is now (`end`)."""

    card_id: str
    start: Rect
    end: Rect


@dataclass(frozen=True)
class Stop:
    """One place next/previous change goes to: what to select and show, and its differences.

    `kind`: "card", "ghost", "stage", "lane", "connection" or "other" (a persona, the map's fields);
    `target` the id to select (a ghost's: the earlier card's id); `rect` where to look, None for nowhere.
    """

    kind: str
    target: str | None
    rect: Rect | None
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class ComparisonView:
    diff: MapDiff
    layout: Layout  # the map now, with room for the ghosts (which are not among its cards)
    ghosts: tuple[Ghost, ...]
    traces: tuple[Trace, ...]
    old_curves: tuple[Curve, ...]  # the earlier curves of the personas whose emotions changed
    marks: dict[str, str]  # card id (now) -> STATUS_COLOURS colour
    stops: tuple[Stop, ...]

    def stop_of(self, target: str) -> int | None:
        """The index of the stop that selects `target`, or None."""
        return next((i for i, s in enumerate(self.stops) if s.target == target), None)


def comparison_view(before: Content | Document, now: Content | Document,
                    engine: LayoutEngine | None = None) -> ComparisonView:
    """Compare `before` with `now` and lay the result out (with `engine`, e.g. the canvas's own)."""
    a = before.content() if isinstance(before, Document) else before
    b = now.content() if isinstance(now, Document) else now
    engine = engine or LayoutEngine()
    matching = match(a, b)
    diff = compare(a, b, matching)
    merged, placed = _with_ghosts(a, b, diff, matching)
    full = engine.layout(Document(merged))
    layout = _without(full, set(placed))
    ghosts = tuple(Ghost(card, full.cards.get(d.before_id) if d.before_id in placed else None, d)
                   for d, card in _removed_cards(a, diff))
    traces = _traces(a, diff, full, layout, matching.stages, matching.lanes)
    old_curves = _old_curves(a, b, diff, matching, full)
    marks = {d.after_id: STATUS_COLOURS["changed" if d.fields else d.status]
             for d in diff.of("card") if d.status != "removed"}
    stops = _stops(diff, layout, ghosts)
    return ComparisonView(diff, layout, ghosts, traces, old_curves, marks, stops)


# -- ghosts -----------------------------------------------------------------------------------------


def _removed_cards(a: Content, diff: MapDiff) -> list[tuple[Difference, Card]]:
    cards = {c.id: c for c in a.cards}
    return [(d, cards[d.before_id]) for d in diff.of("card", "removed")]


SLOT = "was:"  # a moved card's old place in the comparison's layout: SLOT + its earlier id


def _with_ghosts(a: Content, b: Content, diff: MapDiff, matching) -> tuple[Content, list[str]]:
    """`b` with each removed card put back in its old cell, and an empty slot where each card that changed
    cell was (when that cell still exists), after the nearest card that came before it there and is still
    there: a ghost or a trace's start takes its own room and never covers a card."""
    stages, lanes, kept = matching.stages, matching.lanes, matching.cards
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in b.cards:
        cells.setdefault(card.cell, []).append(card)
    room = {d.before_id: d.before_id for d in diff.of("card", "removed")}
    room.update({d.before_id: SLOT + d.before_id for d in diff.of("card")
                 if d.moved and (d.before.stage_id, d.before.lane_id) != _cell_before(d, stages, lanes)})
    placed: list[str] = []
    old_cells: dict[tuple[str, str], list[Card]] = {}
    for card in a.cards:
        old_cells.setdefault(card.cell, []).append(card)
    for (stage_id, lane_id), old in old_cells.items():
        cell = (stages.get(stage_id), lanes.get(lane_id))
        if None in cell or not any(c.id in room for c in old):
            continue
        current = cells.setdefault(cell, [])
        for i, card in enumerate(old):
            if card.id not in room:
                continue
            at = 0
            for earlier in reversed(old[:i]):  # after the nearest earlier card of this cell still in it
                target = room.get(earlier.id) if room.get(earlier.id) in placed else kept.get(earlier.id)
                spot = next((k for k, c in enumerate(current) if c.id == target), None)
                if spot is not None:
                    at = spot + 1
                    break
            current.insert(at, replace(card, id=room[card.id], stage_id=cell[0], lane_id=cell[1]))
            placed.append(room[card.id])
    order = [c for s in b.stages for lane in b.lanes for c in cells.get((s.id, lane.id), ())]
    return replace(b, cards=tuple(order)), placed


def _cell_before(d: Difference, stages: dict, lanes: dict) -> tuple[str | None, str | None]:
    """The cell a moved card is in now, named by the earlier version's ids (for a card moved across cells,
    not the cell it left)."""
    back_stage = {now: was for was, now in stages.items()}
    back_lane = {now: was for was, now in lanes.items()}
    return back_stage.get(d.after.stage_id), back_lane.get(d.after.lane_id)


def _without(layout: Layout, ghost_ids: set[str]) -> Layout:
    """The layout with the ghosts' room kept and the ghosts themselves taken out of its cards."""
    if not ghost_ids:
        return layout
    cards = {k: v for k, v in layout.cards.items() if k not in ghost_ids}
    cell_cards = {}
    for key, ids in layout.cell_cards.items():
        if any(i in ghost_ids for i in ids):
            ids = tuple(i for i in ids if i not in ghost_ids)
        cell_cards[key] = ids
    return replace(layout, cards=cards, cell_cards=cell_cards)


# -- traces ------------------------------------------------------------------------------------------


def _traces(a: Content, diff: MapDiff, full: Layout, layout: Layout, stages: dict, lanes: dict) -> tuple[Trace, ...]:
    """A trace for each moved card still on the map: from its slot in the old cell (a card moved within
    its cell: where it stood in it) to where it is now."""
    moved = [d for d in diff.of("card") if d.moved and d.after_id in layout.cards]
    out = []
    before = None
    for d in moved:
        end = layout.cards[d.after_id].rect
        slot = full.cards.get(SLOT + d.before_id)
        if slot is not None:
            out.append(Trace(d.after_id, slot.rect, end))
            continue
        cell = layout.cells.get((stages.get(d.before.stage_id), lanes.get(d.before.lane_id)))
        if cell is None:
            continue  # its old stage or lane is gone
        before = before or LayoutEngine().layout(Document(a))
        old_box = before.cards[d.before_id]
        old_cell = before.cells[(d.before.stage_id, d.before.lane_id)].rect
        r, c = old_box.rect, cell.rect
        w, h = min(r.w, c.w - 4.0), min(r.h, c.h - 4.0)
        x = c.x + min(max(r.x - old_cell.x, 2.0), c.w - w - 2.0)
        y = c.y + min(max(r.y - old_cell.y, 2.0), c.h - h - 2.0)
        out.append(Trace(d.after_id, Rect(x, y, w, h), end))
    return tuple(out)


# -- the earlier curves ------------------------------------------------------------------------------


def _old_curves(a: Content, b: Content, diff: MapDiff, matching, full: Layout) -> tuple[Curve, ...]:
    """Each changed persona's earlier values under today's cards (a removed card's under its ghost), in
    each Emotions lane: dashed ghosts beside today's curves."""
    back = {now: was for was, now in matching.personas.items()}
    changed = {d.before_id[1] for d in diff.of("emotion") if d.before_id is not None}
    changed |= {back.get(d.after_id[1]) for d in diff.of("emotion", "added")}
    b_personas = {p.id: p for p in b.personas}
    a_personas = {p.id: p for p in a.personas}
    journeys: dict[str, list[tuple[str, float]]] = {}
    where = {}  # the earlier card id -> the id its box has in `full`
    for c in a.cards:
        now = matching.cards.get(c.id)
        where[c.id] = now if now is not None else c.id
    order = {card_id: i for i, card_id in enumerate(
        i for s in full.stages for lane in full.lanes for i in full.cell_cards.get((s.stage_id, lane.lane_id), ()))}
    for card_id, persona_id, value in a.emotions:
        box_id = where.get(card_id)
        if persona_id in changed and box_id in full.cards:
            journeys.setdefault(persona_id, []).append((box_id, value))
    curves = []
    for scale in full.scales:
        lane = full.lane_index.get(scale.lane_id)
        if lane is None or lane.collapsed:
            continue
        for persona_id in [p.id for p in a.personas if p.id in journeys]:  # in the personas' order
            journey = journeys[persona_id]
            now_id = matching.personas.get(persona_id)
            persona = b_personas.get(now_id) if now_id is not None else a_personas[persona_id]
            if persona is None or not persona.visible:
                continue
            journey = sorted(journey, key=lambda item: order.get(item[0], 0))
            rects = [full.cards[card_id].rect for card_id, _ in journey]
            points = curve_points(journey, rects, scale)
            curves.append(Curve(persona.id, scale.lane_id, persona.colour, points, smooth_segments(points, scale.area)))
    return tuple(curves)


# -- stops -------------------------------------------------------------------------------------------


def _stops(diff: MapDiff, layout: Layout, ghosts: tuple[Ghost, ...]) -> tuple[Stop, ...]:
    by_target: dict[str, list[Difference]] = {}
    kinds: dict[str, str] = {}
    rects: dict[str, Rect | None] = {}
    others: list[Stop] = []

    def add(kind: str, target: str, rect: Rect | None, d: Difference) -> None:
        if target not in by_target:
            by_target[target], kinds[target], rects[target] = [], kind, rect
        by_target[target].append(d)

    ghost_boxes = {g.card.id: g.box for g in ghosts}
    card_of = _cards_of(diff)
    for d in diff.differences:
        if d.kind == "card":
            if d.status == "removed":
                box = ghost_boxes.get(d.before_id)
                add("ghost", d.before_id, box.rect if box is not None else None, d)
            elif d.after_id in layout.cards:
                add("card", d.after_id, layout.cards[d.after_id].rect, d)
        elif (card_id := card_of(d)) is not None:
            if card_id in layout.cards:
                add("card", card_id, layout.cards[card_id].rect, d)
            elif card_id in ghost_boxes:
                box = ghost_boxes[card_id]
                add("ghost", card_id, box.rect if box is not None else None, d)
            else:
                others.append(Stop("other", None, None, (d,)))
        elif d.kind == "stage" and d.after_id in layout.stage_index:
            add("stage", d.after_id, layout.stage_index[d.after_id].header, d)
        elif d.kind == "lane" and d.after_id in layout.lane_index:
            add("lane", d.after_id, layout.lane_index[d.after_id].header, d)
        elif d.kind == "kpi" and d.after_id is not None and _kpi_stage(diff, d) in layout.stage_index:
            stage_id = _kpi_stage(diff, d)
            add("stage", stage_id, layout.stage_index[stage_id].header, d)
        elif d.kind == "connection" and d.after_id is not None:
            path = next((p for p in layout.connections if p.connection_id == d.after_id), None)
            x, y = path.label_at if path is not None else (0.0, 0.0)
            add("connection", d.after_id, Rect(x - 20, y - 10, 40, 20) if path is not None else None, d)
        else:
            others.append(Stop("other", None, None, (d,)))
    columns = [s.column for s in layout.stages]

    def reading_order(target: str):
        r = rects[target]
        if r is None:
            return (len(columns) + 1, 0.0, 0.0)
        cx = r.x + r.w / 2
        column = next((i for i, c in enumerate(columns) if c.x <= cx <= c.right), -1 if cx < layout.corner.w else 0)
        return (column, r.y, r.x)

    located = sorted(by_target, key=reading_order)
    return tuple(Stop(kinds[t], t, rects[t], tuple(by_target[t])) for t in located) + tuple(others)


def _cards_of(diff: MapDiff):
    """card_of(d): the card an emotion, or a declared entity's item that refers to a card (a to-be emotion or
    mark), is about, in the version that has it; None for other differences."""
    items: dict[tuple[int, str], dict] = {}

    def card_of(d: Difference) -> str | None:
        if d.kind == "emotion":
            return d.after_id[0] if d.after_id is not None else d.before_id[0]
        entity = ENTITIES.get(d.kind)
        ref = next((r for r in entity.refs if r.kind == "card"), None) if entity is not None else None
        if ref is None:
            return None
        side, item_id = (1, d.after_id) if d.after_id is not None else (0, d.before_id)
        if (side, d.kind) not in items:
            version = diff.after if side else diff.before
            items[(side, d.kind)] = {x.id: x for x in version.items_of(d.kind)}
        item = items[(side, d.kind)].get(item_id)
        return getattr(item, ref.field) if item is not None else None

    return card_of


def _kpi_stage(diff: MapDiff, d: Difference) -> str | None:
    kpi = next((k for k in diff.after.kpis if k.id == d.after_id), None)
    return kpi.stage_id if kpi is not None else None
