"""The workshop plan's planners and what a step covers: Qt-free, for the editor, the projector and the CLI.

Planners return one operation (or None when nothing would change), like
model/edits.py. A step's focus names stages and lanes by id; ids the map no
longer has (a stage deleted after the plan was made) are ignored when the
focus is read, and dropped the next time the step's focus is edited. A new
focus naming an id the map does not have is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import edits, ops
from .document import Document
from .domain import Lane, LaneKind, tidy_name
from .errors import ValidationError
from .workshop_domain import Activity, WorkshopStep

STEP = "workshop_step"  # the entity's kind (model/entities.py)

# What the room is asked when neither the step nor its focus says more.
ACTIVITY_PROMPTS: dict[Activity, str] = {
    Activity.INTRODUCE: "What journey are we mapping today, for whom, and why?",
    Activity.CAPTURE: "What does the customer do, think and feel here?",
    Activity.DISCUSS: "What stands out, and what surprises us?",
    Activity.RATE_EMOTIONS: "How does the customer feel at each moment, from frustrated to delighted?",
    Activity.VOTE: "Which cards matter most? Place your dots.",
    Activity.PRIORITISE: "What brings the most for the least effort?",
    Activity.BREAK: "Take a break; we start again soon.",
    Activity.WRAP_UP: "What did we decide, who owns it, and what happens next?",
}


def steps(doc: Document) -> list[WorkshopStep]:
    """The plan, in order."""
    return doc.items(STEP)


def total_minutes(doc: Document) -> int:
    return sum(step.minutes for step in steps(doc))


# -- the focus ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Focus:
    """What a step covers on the map as it is now.

    `stages` and `lanes` are the ids kept (map order); a step naming none of
    one kind, or only ids gone from the map, covers all of that kind.
    `missing` are the ids the step names that the map no longer has.
    """

    stages: tuple[str, ...]
    lanes: tuple[str, ...]
    whole_map: bool
    missing: tuple[str, ...] = ()


def focus_of(doc: Document, step: WorkshopStep) -> Focus:
    stage_ids = [s.id for s in doc.stages]
    lane_ids = [lane.id for lane in doc.lanes]
    named_stages = [i for i in stage_ids if i in step.focus_stages]
    named_lanes = [i for i in lane_ids if i in step.focus_lanes]
    missing = tuple(i for i in (*step.focus_stages, *step.focus_lanes) if i not in stage_ids and i not in lane_ids)
    return Focus(
        stages=tuple(named_stages or stage_ids),
        lanes=tuple(named_lanes or lane_ids),
        whole_map=not named_stages and not named_lanes,
        missing=missing,
    )


def focus_cells(doc: Document, step: WorkshopStep) -> list[tuple[str, str]]:
    """The cells the step covers that hold cards, in journey order (stage by stage, lane by lane).

    A focus on lanes that hold no cards (the Emotions lane) keeps every card lane of its stages:
    the points the room rates hang on those cards.
    """
    focus = focus_of(doc, step)
    card_lanes = [lane.id for lane in doc.lanes if lane.takes_cards]
    lanes = [i for i in card_lanes if i in focus.lanes] or card_lanes
    return [(stage_id, lane_id) for stage_id in focus.stages for lane_id in lanes]


def focus_card_ids(doc: Document, step: WorkshopStep) -> frozenset[str] | None:
    """The cards the step keeps at full strength; None for a step on the whole map (nothing dims)."""
    if focus_of(doc, step).whole_map:
        return None
    return frozenset(card.id for cell in focus_cells(doc, step) for card in doc.cell_cards(*cell))


def framed_lanes(doc: Document, step: WorkshopStep) -> tuple[str, ...]:
    """The Emotions lanes the room must see whole with the step's cards: those its focus names, and every
    one (in the focus's stages) for a rate-emotions step — curves hang under the touchpoints, not in their
    cells, so framing the cards alone cuts them off. () for a step on the whole map."""
    focus = focus_of(doc, step)
    if focus.whole_map:
        return ()
    named = set(step.focus_lanes)
    return tuple(lane.id for lane in doc.lanes if lane.kind == LaneKind.EMOTIONS and not lane.collapsed
                 and (lane.id in named or step.activity == Activity.RATE_EMOTIONS))


def capture_cell(doc: Document, step: WorkshopStep, preferred: tuple[str, str] | None = None) -> tuple[str, str] | None:
    """Where quick capture puts the room's cards: `preferred` (the selected cell) when the step covers it,
    else the first cell of the focus; None when the map has no cell that takes cards."""
    cells = focus_cells(doc, step)
    if preferred is not None and preferred in cells:
        return preferred
    return cells[0] if cells else None


def _named(doc: Document, step: WorkshopStep) -> tuple[list, list]:
    """The lanes and stages the step names that the map still has, in map order."""
    return ([lane for lane in doc.lanes if lane.id in step.focus_lanes],
            [stage for stage in doc.stages if stage.id in step.focus_stages])


def step_prompt(doc: Document, step: WorkshopStep) -> str:
    """What the room is asked: the step's own prompt, else the guiding question of its first focused lane,
    else of its first focused stage, else the activity's usual question."""
    if step.prompt.strip():
        return step.prompt
    lanes, stages = _named(doc, step)
    for thing in (*lanes, *stages):
        if thing.question.strip():
            return thing.question
    return ACTIVITY_PROMPTS[step.activity]


def focus_summary(doc: Document, step: WorkshopStep) -> str:
    """The focus in words: 'Whole map', 'Pain points · Awareness, Decision'."""
    lanes, stages = _named(doc, step)
    parts = [", ".join(thing.name for thing in group) for group in (lanes, stages) if group]
    return " · ".join(parts) or "Whole map"


# -- planners ----------------------------------------------------------------------------------------


def _focus_ids(current: Sequence[str], wanted: Iterable[str], known: Sequence[str], noun: str) -> tuple[str, ...]:
    """`wanted` in map order. An id the map does not have is refused, unless the step already named it
    (a deleted stage): that one is dropped."""
    wanted = list(dict.fromkeys(wanted))
    for item_id in wanted:
        if item_id not in known and item_id not in current:
            raise ValidationError(f"the map has no {noun} with id {item_id!r} to focus on")
    chosen = set(wanted)
    return tuple(i for i in known if i in chosen)


def _checked_step(doc: Document, step: WorkshopStep) -> WorkshopStep:
    stage_ids = [s.id for s in doc.stages]
    lane_ids = [lane.id for lane in doc.lanes]
    return step.with_changes(focus_stages=_focus_ids((), step.focus_stages, stage_ids, "stage"),
                             focus_lanes=_focus_ids((), step.focus_lanes, lane_ids, "lane"))


def add_step(doc: Document, step: WorkshopStep, index: int | None = None) -> ops.Op:
    """A new step (its focus checked against the map); at `index`, or at the end."""
    return ops.AddItem(_checked_step(doc, step), index)


def edit_step(doc: Document, step_id: str, changes: Mapping[str, Any]) -> ops.Op | None:
    """Set fields of a step; None when nothing would change. A new focus is kept in map order."""
    current = doc.item(STEP, step_id)
    changes = dict(changes)
    if "focus_stages" in changes:
        changes["focus_stages"] = _focus_ids(current.focus_stages, _as_ids(changes["focus_stages"]),
                                             [s.id for s in doc.stages], "stage")
    if "focus_lanes" in changes:
        changes["focus_lanes"] = _focus_ids(current.focus_lanes, _as_ids(changes["focus_lanes"]),
                                            [lane.id for lane in doc.lanes], "lane")
    return edits.update_item(doc, STEP, step_id, changes)


def _as_ids(value: Any) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("a focus must be a list of ids")
    return list(value)


def set_focus_member(doc: Document, step_id: str, kind: str, item_id: str, member: bool) -> ops.Op | None:
    """One stage or lane ticked in (or out of) a step's focus; ids gone from the map drop out with it."""
    field = {"stage": "focus_stages", "lane": "focus_lanes"}[kind]
    current = getattr(doc.item(STEP, step_id), field)
    wanted = [i for i in current if i != item_id] + ([item_id] if member else [])
    return edit_step(doc, step_id, {field: wanted})


def move_step(doc: Document, step_id: str, index: int) -> ops.Op | None:
    return edits.move_item(doc, STEP, step_id, index)


def delete_step(doc: Document, step_id: str) -> ops.Op:
    doc.item(STEP, step_id)
    return ops.RemoveItem(STEP, step_id)


def replace_plan(doc: Document, new_steps: Sequence[WorkshopStep], name: str) -> ops.Op | None:
    """The whole plan replaced by `new_steps` in one step; None when both are empty."""
    removals = [ops.RemoveItem(STEP, s.id) for s in steps(doc)]
    additions = [ops.AddItem(_checked_step(doc, s)) for s in new_steps]
    if not removals and not additions:
        return None
    return ops.Batch((*removals, *additions), name)


def lanes_matching(doc: Document, words: Sequence[str], emotions: bool = False) -> tuple[str, ...]:
    """The ids of lanes whose name holds any of `words` (the Emotions lanes when `emotions`)."""
    def fits(lane: Lane) -> bool:
        if emotions:
            return lane.kind == LaneKind.EMOTIONS
        name = lane.name.lower()
        return lane.takes_cards and any(word in name for word in words)

    return tuple(lane.id for lane in doc.lanes if fits(lane))


# -- participants ------------------------------------------------------------------------------------

PARTICIPANT = "participant"


def add_participant(doc: Document, name: str, role: str = "", index: int | None = None) -> ops.Op | None:
    """A new person in the room, in the first colour no one has yet; None for a blank name."""
    from .domain import Participant, next_colour

    name = tidy_name(name)
    if not name:
        return None
    taken = {p.colour for p in doc.items(PARTICIPANT)}
    return ops.AddItem(Participant(name, role, next_colour(taken, len(taken))), index)


def rename_participant(doc: Document, participant_id: str, name: str) -> ops.Op | None:
    """A participant's new name, spaces tidied; None for a blank or unchanged name."""
    name = tidy_name(name)
    return edits.update_item(doc, PARTICIPANT, participant_id, {"name": name}) if name else None
