"""Starting points for a new map, from the journey-mapping literature, and the bundled example.

Each template is a set of stages and lanes, each with a short guiding question
(and a one-line goal for stages), plus one persona, "Customer". A template is
built fresh on every call, so two maps made from it share no ids.
"""

from __future__ import annotations

import functools

from resources import resource_path

from .document import Content, Document
from .domain import LaneKind, Lane, MapInfo, Persona, PERSONA_COLOURS, Stage
from .errors import ValidationError

EXAMPLE_FILE = "b2b-onboarding.json"

# (name, goal, question) per stage.
_AWARENESS = ("Awareness", "They notice a need and hear of us.", "How does the customer first notice the problem, and us?")
_CONSIDERATION = ("Consideration", "They compare ways to solve it.", "What do they compare, and whom do they ask?")
_DECISION = ("Decision", "They choose a provider.", "What convinces them, and what nearly stops them?")
_PURCHASE = ("Purchase", "They buy without friction.", "What happens when they buy, and where does it stall?")
_LOYALTY = ("Loyalty & advocacy", "They come back and recommend us.", "Why do they stay, return and tell others?")
_RETENTION = ("Retention", "They get value and renew.", "What keeps them using it and renewing?")
_ADVOCACY = ("Advocacy", "They recommend us to peers.", "What makes them recommend us, and where?")

_STAGES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "five-phase": (_AWARENESS, _CONSIDERATION, _DECISION, _PURCHASE, _LOYALTY),
    "b2b": (
        ("Awareness", "The buying team sees a business problem and hears of us.",
         "What trigger puts the problem on the team's agenda, and where do they look?"),
        ("Consideration", "They shortlist vendors and build a business case.",
         "Who joins the buying group, and what do they need to compare?"),
        ("Decision", "They choose, negotiate and sign.", "What must procurement, IT and finance sign off?"),
        ("Retention", "They roll out, reach value and renew.", "How soon do they see value, and what blocks adoption?"),
        ("Advocacy", "They expand and refer peers.", "What would make them a reference customer?"),
    ),
    "ecommerce": (
        ("Awareness", "Shoppers discover the product.", "Where do shoppers first see the product?"),
        ("Consideration", "They compare products, prices and reviews.", "What do they compare before adding to cart?"),
        ("Conversion", "They check out and pay.", "Where do they drop off between cart and payment?"),
        ("Retention", "Delivery, returns and the next order go well.", "What brings them back for a second order?"),
        ("Advocacy", "They review and recommend.", "What makes them leave a review or tell a friend?"),
    ),
    "digital": (
        ("Awareness", "They learn the service exists.", "How do people find out the service exists?"),
        ("Discovering", "They explore what it offers.", "What do they look at first, and what confuses them?"),
        ("Learning", "They understand how it works for them.", "What do they need to learn before they trust it?"),
        ("Choosing", "They pick a plan or an option.", "How do they choose between the options?"),
        ("Purchasing", "They sign up and pay.", "What happens during sign-up and payment?"),
        ("After-sales", "They get help and keep using it.", "Where do they get help, and how fast?"),
    ),
    "service-blueprint": (_AWARENESS, _CONSIDERATION, _DECISION, _PURCHASE, _LOYALTY),
    "blank": (
        ("Stage 1", "", "What is the customer trying to do here?"),
        ("Stage 2", "", "What is the customer trying to do here?"),
        ("Stage 3", "", "What is the customer trying to do here?"),
    ),
}

# (name, kind, question) per lane.
_ACTIONS = ("Actions", LaneKind.CARDS, "What does the customer do?")
_TOUCHPOINTS = ("Touchpoints", LaneKind.CARDS, "Where do they meet us: channel, person, screen?")
_THOUGHTS = ("Thoughts", LaneKind.CARDS, "What are they thinking or asking themselves?")
_EMOTIONS = ("Emotions", LaneKind.EMOTIONS, "How do they feel, from frustrated to delighted?")
_PAINS = ("Pain points", LaneKind.CARDS, "What frustrates, slows or blocks them?")
_OPPORTUNITIES = ("Opportunities", LaneKind.CARDS, "What could we improve or offer here?")
_BACKSTAGE = ("Backstage", LaneKind.CARDS, "What happens behind the scenes that they do not see?")

_STANDARD_LANES = (_ACTIONS, _TOUCHPOINTS, _THOUGHTS, _EMOTIONS, _PAINS, _OPPORTUNITIES)

_LANES: dict[str, tuple[tuple[str, LaneKind, str], ...]] = {
    "five-phase": _STANDARD_LANES,
    "b2b": (*_STANDARD_LANES, _BACKSTAGE),
    "ecommerce": _STANDARD_LANES,
    "digital": _STANDARD_LANES,
    "service-blueprint": (
        ("Customer actions", LaneKind.CARDS, "What does the customer do at each step?"),
        ("Frontstage", LaneKind.CARDS, "What do our people and systems do in front of the customer?"),
        ("Backstage", LaneKind.CARDS, "What do our people do out of the customer's sight?"),
        ("Support processes", LaneKind.CARDS, "Which systems, partners and policies make it possible?"),
        _EMOTIONS,
    ),
    "blank": (_ACTIONS, _EMOTIONS),
}

_SUMMARIES = {
    "five-phase": "the five classic phases: awareness, consideration, decision, purchase, loyalty & advocacy",
    "b2b": "business buying: awareness, consideration, decision, retention, advocacy, with a backstage lane",
    "ecommerce": "online shopping: awareness, consideration, conversion, retention, advocacy",
    "digital": "a digital service: awareness, discovering, learning, choosing, purchasing, after-sales",
    "service-blueprint": "five phases with customer actions, frontstage, backstage and support processes lanes",
    "blank": "three empty stages with an actions lane and an emotions lane",
}

_TITLES = {
    "five-phase": "Customer journey",
    "b2b": "B2B customer journey",
    "ecommerce": "Online shopping journey",
    "digital": "Digital service journey",
    "service-blueprint": "Service blueprint",
    "blank": "Untitled journey",
}

TEMPLATE_NAMES: tuple[str, ...] = ("five-phase", "b2b", "ecommerce", "digital", "service-blueprint", "blank")


def _check_name(name: object) -> str:
    if name not in _STAGES:
        raise ValidationError(f"no template named {name!r}; choose one of: {', '.join(TEMPLATE_NAMES)}")
    return name  # type: ignore[return-value]


def template_summary(name: str) -> str:
    """One line saying what the template holds (for `journeymap templates` and the start screen)."""
    return _SUMMARIES[_check_name(name)]


def build_template(name: str, title: str | None = None, plan: str | None = None) -> Content:
    """A new map from the template `name`, with fresh ids, and with the workshop plan `plan`
    (model/workshop_plans.py) when one is named; refuses (ValidationError) an unknown name or a blank title."""
    _check_name(name)
    info = MapInfo(title=_TITLES[name] if title is None else title)
    stages = tuple(Stage(n, goal=goal, question=question) for n, goal, question in _STAGES[name])
    lanes = tuple(Lane(n, kind=kind, question=question) for n, kind, question in _LANES[name])
    persona = Persona(
        "Customer",
        role="The person whose journey this map follows",
        colour=PERSONA_COLOURS[0],
    )
    # Through the Document so a template is checked exactly as any map is.
    doc = Document(Content(info=info, stages=stages, lanes=lanes, personas=(persona,)))
    if plan is not None:
        from .workshop_plans import apply_plan

        doc.apply(apply_plan(doc, plan))
    return doc.content()


@functools.cache
def example_content() -> Content:
    """The bundled example map (resources/examples/b2b-onboarding.json): what a newcomer opens first."""
    import json

    from .interchange.json_format import content_from_dict

    text = resource_path("examples", EXAMPLE_FILE).read_text(encoding="utf-8")
    return content_from_dict(json.loads(text), bundled=True)
