"""Bundled workshop plans from journey-mapping practice, as data.

A plan template names its steps' focus by what lanes are for (words found in
a lane's name: "pain", "opportunit"), not by id, so one plan fits every map: a
step whose words match no lane of the map covers the whole map. The
timeboxes add up to the plan's length.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .errors import ValidationError
from .workshop import lanes_matching, replace_plan
from .workshop_domain import Activity, WorkshopStep

A = Activity


@dataclass(frozen=True)
class PlannedStep:
    title: str
    activity: Activity
    minutes: int
    lane_words: tuple[str, ...] = ()  # the lanes to focus on, by words in their names; () = whole map
    emotions: bool = False  # focus on the Emotions lanes
    prompt: str = ""  # "" = the focused lane's guiding question
    notes: str = ""


@dataclass(frozen=True)
class PlanTemplate:
    name: str
    title: str
    summary: str
    steps: tuple[PlannedStep, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


_PAINS = ("pain", "problem", "frustrat")
_OPPORTUNITIES = ("opportunit", "improve", "idea")

PLANS: dict[str, PlanTemplate] = {p.name: p for p in (
    PlanTemplate("as-is-90", "As-is journey in 90 minutes",
                 "map today's journey with the room: actions, touchpoints, thoughts, pains, emotions, one vote", (
        PlannedStep("Welcome, goal and persona", A.INTRODUCE, 10,
                    prompt="Who is the customer, and which journey are we mapping today?",
                    notes="Name the scope (where the journey starts and ends) and the persona. Agree the stages."),
        PlannedStep("Walk the stages", A.DISCUSS, 10,
                    prompt="Do these stages follow the journey as the customer sees it?",
                    notes="Rename, add or remove stages now; cards come next."),
        PlannedStep("What the customer does", A.CAPTURE, 15, ("action",),
                    notes="One action per card, in the customer's words. Go stage by stage."),
        PlannedStep("Where they meet us", A.CAPTURE, 10, ("touchpoint", "channel", "frontstage")),
        PlannedStep("What they think, and what hurts", A.CAPTURE, 15, ("thought", *_PAINS),
                    notes="Mark evidence: observed, assumed. Assumptions are fine; say so."),
        PlannedStep("How they feel", A.RATE_EMOTIONS, 10, emotions=True,
                    notes="Each persona's curve: one point per touchpoint, from frustrated to delighted."),
        PlannedStep("Break", A.BREAK, 5),
        PlannedStep("Vote on the biggest pains", A.VOTE, 10, _PAINS,
                    prompt="Which pain points hurt the customer most? Three dots each."),
        PlannedStep("Wrap-up", A.WRAP_UP, 5,
                    notes="Read back the top pains; agree who takes the map further."),
    )),
    PlanTemplate("pains-to-opportunities", "Pain points to opportunities in 2 hours",
                 "from the journey's pain points to ranked opportunities with owners", (
        PlannedStep("Welcome and recap of the journey", A.INTRODUCE, 10,
                    prompt="Here is the journey so far: what is missing?"),
        PlannedStep("Pain points, stage by stage", A.CAPTURE, 20, _PAINS,
                    notes="Silent writing first (5 minutes), then read out and place."),
        PlannedStep("Cluster and discuss the pains", A.DISCUSS, 15, _PAINS,
                    notes="Merge duplicates; connect causes and effects."),
        PlannedStep("Dot vote: the pains that matter", A.VOTE, 10, _PAINS,
                    prompt="Which pain points should we fix first? Three dots each."),
        PlannedStep("Break", A.BREAK, 10),
        PlannedStep("Opportunities for the top pains", A.CAPTURE, 25, _OPPORTUNITIES,
                    prompt="How might we remove these pains, or turn them into something good?"),
        PlannedStep("Impact and effort", A.PRIORITISE, 15, _OPPORTUNITIES,
                    notes="Rate each opportunity 1–5 for impact and effort; use the matrix."),
        PlannedStep("Dot vote: the opportunities to pursue", A.VOTE, 10, _OPPORTUNITIES),
        PlannedStep("Owners and next steps", A.WRAP_UP, 5,
                    prompt="Who owns each chosen opportunity, and what is the first step?"),
    )),
    PlanTemplate("service-blueprint-half-day", "Service blueprint, half day",
                 "customer actions, frontstage, backstage and support processes, then what to fix first", (
        PlannedStep("Welcome, scope and persona", A.INTRODUCE, 15,
                    notes="Pick one scenario; the blueprint follows it end to end."),
        PlannedStep("Customer actions", A.CAPTURE, 30, ("customer", "action")),
        PlannedStep("Frontstage: what the customer sees of us", A.CAPTURE, 25, ("frontstage", "touchpoint")),
        PlannedStep("Break", A.BREAK, 15),
        PlannedStep("Backstage: what happens out of sight", A.CAPTURE, 30, ("backstage",)),
        PlannedStep("Support processes and systems", A.CAPTURE, 25, ("support", "system")),
        PlannedStep("Fail points, waits and handoffs", A.DISCUSS, 30,
                    prompt="Where does it fail, wait or pass between teams?",
                    notes="Mark fail points as pain points; connect the handoffs."),
        PlannedStep("Break", A.BREAK, 10),
        PlannedStep("Dot vote: what to fix first", A.VOTE, 15, _PAINS),
        PlannedStep("Prioritise", A.PRIORITISE, 25, _OPPORTUNITIES,
                    notes="Impact and effort for each candidate; quick wins first."),
        PlannedStep("Owners and next steps", A.WRAP_UP, 20),
    )),
)}

PLAN_NAMES: tuple[str, ...] = tuple(PLANS)


def plan_template(name: object) -> PlanTemplate:
    if name not in PLANS:
        raise ValidationError(f"no workshop plan named {name!r}; choose one of: {', '.join(PLAN_NAMES)}")
    return PLANS[name]  # type: ignore[index]


def plan_steps(doc: Document, name: str) -> list[WorkshopStep]:
    """The template's steps for this map (new ids), focused on the map's own lanes."""
    steps = []
    for planned in plan_template(name).steps:
        lanes = lanes_matching(doc, planned.lane_words, planned.emotions) if (planned.lane_words or planned.emotions) else ()
        steps.append(WorkshopStep(planned.title, planned.activity, planned.minutes, focus_lanes=lanes,
                                  prompt=planned.prompt, notes=planned.notes))
    return steps


def apply_plan(doc: Document, name: str):
    """The map's plan replaced by the template's, in one undoable step."""
    return replace_plan(doc, plan_steps(doc, name), f"Use plan “{plan_template(name).title}”")
