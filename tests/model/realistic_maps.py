"""Maps shaped like the ones facilitators make, for the benchmark and its checks (no Qt).

What a real map looks like, and what the old bench maps (167 cards per cell, twelve
words, no notes, one connection per fifty cards) did not:

- 6–8 lanes (one of them Emotions), named as facilitators name them, each card of
  its lane's kind; 1–25 cards per cell, about nine on average, few cells nearly full;
- stages of the usual widths (a few widened to two columns of cards); as many stages as
  the size needs at about nine cards per cell: 300 cards → 7 stages, 2,000 → 30; the
  larger stress sizes keep the cells real and grow sideways (5,000 → 79 stages,
  10,000 → 159), since 30 stages × 7 card lanes × 25 cards hold at most 5,250;
- card text from one line to a short paragraph, about one card in twelve in Greek,
  Cyrillic, Chinese/Japanese or Arabic; notes on about 40 %, owners on half, a channel
  on most touchpoints, evidence on 60 %, votes on a third, impact and effort on some;
- three personas, each with an emotion on most touchpoints;
- one connection per five cards, mostly to a card of the same or the next stage, a few
  skipping ahead or looping back; some labelled, many with a share of customers.

`realistic_map(n)` builds the Content directly (fast enough for 10,000 cards) and hands it
to a Document, which checks it as it would a file.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from model.document import Content, Document
from model.domain import (
    KIND_COLOURS,
    Card,
    CardKind,
    Channel,
    Connection,
    Evidence,
    Kpi,
    Lane,
    LaneKind,
    MapInfo,
    Persona,
    Stage,
)

SIZES = (300, 2000, 5000, 10_000)
MEAN_PER_CELL = 9
MAX_PER_CELL = 25
MAX_STAGES = 30

LANE_NAMES = ("Actions", "Touchpoints", "Thoughts", "Pain points", "Opportunities", "Backstage", "Ideas")
STAGE_NAMES = ("Awareness", "Research", "Consideration", "Comparison", "Decision", "Purchase", "Onboarding",
               "First use", "Support", "Renewal", "Retention", "Advocacy")
OWNERS = ("Sales", "Support", "Marketing", "Operations", "Billing", "Product", "Customer success", "IT",
          "Legal", "Field service")
SUBJECTS = ("The customer", "She", "He", "They", "The buyer", "Our rep", "The support agent", "The app",
            "The website", "The invoice", "A colleague", "The team lead", "Procurement", "The call centre")
VERBS = ("compares", "reads", "asks about", "waits for", "signs up for", "calls about", "downloads",
         "cannot find", "searches for", "books", "cancels", "shares", "complains about", "reviews",
         "pays", "receives", "forgets", "updates", "recommends", "returns")
OBJECTS = ("the pricing page", "a demo", "the trial", "the contract", "an onboarding email", "the invoice",
           "delivery times", "the mobile app", "a discount code", "the help centre article", "a reminder",
           "the renewal offer", "our chat widget", "the product tour", "a survey", "the order status",
           "the password reset link", "a quote from a competitor", "the terms and conditions")
TAILS = ("before the weekend", "on a phone while commuting", "twice in one week", "after a friend mentions it",
         "because the form timed out", "while waiting on hold", "late in the evening", "from the store",
         "without any reply", "and gives up", "with the whole team", "to check the numbers")
# Text people write in other scripts (the fonts must carry them on screen and on paper).
FOREIGN = (
    "Ο πελάτης συγκρίνει τις τιμές πριν αποφασίσει",
    "Περιμένει απάντηση από την υποστήριξη για τρεις μέρες",
    "Клиент сравнивает тарифы и читает отзывы",
    "Не может найти ссылку для сброса пароля",
    "顧客は価格ページを比較してから決める",
    "客户在周末之前等待支持团队的回复",
    "注文の状況が分からず電話で問い合わせる",
    "العميل يقارن الأسعار قبل اتخاذ القرار",
    "ينتظر ردًا من فريق الدعم منذ ثلاثة أيام",
)
NOTES = ("Heard in four of six interviews.", "From the support ticket analysis, Q3.",
         "Needs checking with the billing team before the workshop.",
         "Survey: 41 % mention this.\nFollow up with the research team.",
         "Observed in the store visit; the queue was long.", "See the NPS comments for examples.")
LABELS = ("signs up", "asks for help", "drops off", "pays", "comes back", "escalates", "tries again")
PERSONA_SPECS = (("Ana, first-time buyer", "#2B6CB0"), ("Ben, busy professional", "#C05621"),
                 ("Chen, procurement lead", "#2F855A"))


@dataclass(frozen=True)
class Shape:
    """A realistic map's size and shape, for the benchmark's table."""

    cards: int
    stages: int
    lanes: int  # Emotions lane included
    connections: int
    personas: int

    def describe(self) -> str:
        cells = self.stages * (self.lanes - 1)
        return (f"{self.cards:,} cards: {self.stages} stages × {self.lanes} lanes, {self.cards / cells:.1f} cards "
                f"per card cell, {self.connections:,} connections, {self.personas} personas")


def shape_for(cards: int) -> Shape:
    """Lanes 6 (small maps) to 8, stages as many as cells of about nine cards need (at least 6)."""
    lanes = 6 if cards <= 500 else (7 if cards <= 2000 else 8)
    card_lanes = lanes - 1
    stages = max(6, round(cards / (card_lanes * MEAN_PER_CELL)))
    if cards <= MAX_STAGES * card_lanes * 12:  # realistic sizes stay within 30 stages
        stages = min(stages, MAX_STAGES)
    if cards > stages * card_lanes * MAX_PER_CELL:
        raise ValueError(f"{cards} cards do not fit {stages} × {card_lanes} cells of at most {MAX_PER_CELL}")
    return Shape(cards, stages, lanes, cards // 5, len(PERSONA_SPECS))


def _cell_counts(rng: random.Random, cells: int, total: int) -> list[int]:
    """`cells` counts in 1 … 25 summing to `total`: most near the mean, some sparse, a few nearly full."""
    mean = total / cells
    weights = [max(0.15, rng.lognormvariate(0.0, 0.55)) for _ in range(cells)]
    scale = (total - cells) / sum(weights)
    counts = [1 + min(MAX_PER_CELL - 1, int(w * scale)) for w in weights]
    # Hand out what rounding and the cap left over (or take back the excess), one card at a time.
    order = list(range(cells))
    while (diff := total - sum(counts)) != 0:
        rng.shuffle(order)
        for i in order:
            if diff > 0 and counts[i] < MAX_PER_CELL and counts[i] < mean * 2.6:
                counts[i] += 1
                diff -= 1
            elif diff < 0 and counts[i] > 1:
                counts[i] -= 1
                diff += 1
            if diff == 0:
                break
        else:
            if all(c >= min(MAX_PER_CELL, mean * 2.6) for c in counts) and diff > 0:
                raise ValueError("no room left in the cells")
    return counts


def _text(rng: random.Random) -> str:
    """One line to a short paragraph; about one card in twelve in another script."""
    if rng.random() < 0.085:
        first = rng.choice(FOREIGN)
        return first if rng.random() < 0.6 else f"{first}. {rng.choice(FOREIGN)}"
    roll = rng.random()
    sentences = 1 if roll < 0.55 else (2 if roll < 0.85 else rng.randint(3, 4))
    out = []
    for i in range(sentences):
        parts = [rng.choice(SUBJECTS) if i == 0 or rng.random() < 0.5 else rng.choice(SUBJECTS).lower(),
                 rng.choice(VERBS), rng.choice(OBJECTS)]
        if rng.random() < 0.55:
            parts.append(rng.choice(TAILS))
        out.append(" ".join(parts) + ".")
    if sentences == 1 and rng.random() < 0.3:  # a short sticky: three or four words, no full stop
        return " ".join(out[0].rstrip(".").split()[:rng.randint(3, 4)])
    return " ".join(out)


def realistic_map(cards: int, *, seed: int = 1) -> Document:
    """A map of `cards` cards shaped like a real one (see the module's docstring)."""
    return Document(realistic_content(cards, seed=seed))


def realistic_content(cards: int, *, seed: int = 1) -> Content:
    rng = random.Random(seed * 7919 + cards)
    shape = shape_for(cards)
    stages = []
    for i in range(shape.stages):
        name = STAGE_NAMES[i % len(STAGE_NAMES)] + ("" if i < len(STAGE_NAMES) else f" {i // len(STAGE_NAMES) + 1}")
        width = rng.choice((260.0, 260.0, 260.0, 280.0, 300.0, 340.0, 540.0))
        goal = rng.choice(("", "", "Understand the offer", "Choose with confidence", "Get value in the first week"))
        stages.append(Stage(name, goal=goal, width=width))
    card_lanes = [Lane(name) for name in LANE_NAMES[: shape.lanes - 1]]
    emotions = Lane("Emotions", kind=LaneKind.EMOTIONS)
    lanes = card_lanes[:2] + [emotions] + card_lanes[2:]
    personas = [Persona(name, role=name.split(", ")[1], colour=colour) for name, colour in PERSONA_SPECS]

    counts = _cell_counts(rng, len(stages) * len(card_lanes), cards)
    made: list[Card] = []
    wall: dict[str, int] = {}  # card id -> dots counted on the wall
    by_stage: list[list[Card]] = [[] for _ in stages]
    count = iter(counts)
    for s, stage in enumerate(stages):
        for lane in card_lanes:
            kind = lane.card_kind
            for _ in range(next(count)):
                touch = kind == CardKind.TOUCHPOINT
                scored = rng.random() < 0.25
                card = Card(
                    stage.id, lane.id, _text(rng), kind=kind,
                    notes=rng.choice(NOTES) if rng.random() < 0.4 else "",
                    colour=KIND_COLOURS[kind] if rng.random() < 0.8 else rng.choice(list(KIND_COLOURS.values())),
                    channel=rng.choice(list(Channel)[1:]) if (touch and rng.random() < 0.9) or rng.random() < 0.2
                    else Channel.NONE,
                    owner=rng.choice(OWNERS) if rng.random() < 0.5 else "",
                    evidence=rng.choice(list(Evidence)[1:]) if rng.random() < 0.6 else Evidence.NONE,
                    impact=rng.randint(1, 5) if scored else None,
                    effort=rng.randint(1, 5) if scored else None,
                )
                made.append(card)
                if rng.random() < 0.33:  # a third of the cards got dots on the wall
                    wall[card.id] = rng.randint(1, 9)
                by_stage[s].append(card)

    # Most touchpoints carry each persona's feeling there (and some actions do).
    emotion_values = []
    for card in made:
        share = 0.85 if card.kind == CardKind.TOUCHPOINT else (0.1 if card.kind == CardKind.NOTE else 0.0)
        for persona in personas:
            if share and rng.random() < share:
                emotion_values.append((card.id, persona.id, rng.choice((-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0))))
    emotion_values.sort()

    connections, pairs = [], set()
    while len(connections) < shape.connections:
        s = rng.randrange(len(stages))
        roll = rng.random()
        step = 0 if roll < 0.5 else (1 if roll < 0.85 else (rng.randint(2, 3) if roll < 0.93 else -rng.randint(1, 2)))
        t = s + step
        if not 0 <= t < len(stages) or not by_stage[s] or not by_stage[t]:
            continue
        a, b = rng.choice(by_stage[s]), rng.choice(by_stage[t])
        if a.id == b.id or (a.id, b.id) in pairs:
            continue
        pairs.add((a.id, b.id))
        label = rng.choice(LABELS) if rng.random() < 0.15 else ""
        share = float(rng.choice((5, 10, 20, 35, 50, 70, 90))) if rng.random() < 0.4 else None
        connections.append(Connection(a.id, b.id, label, share))

    kpis = [Kpi(stage.id, name, value, target, unit)
            for stage in stages[::3]
            for name, value, target, unit in [rng.choice((("Conversion", 12.0, 20.0, "%"), ("CSAT", 72.0, 80.0, ""),
                                                          ("Drop-off", 35.0, 20.0, "%"), ("NPS", 18.0, 30.0, "")))]]
    info = MapInfo(f"Realistic journey, {cards:,} cards", description="Generated for the benchmark",
                   owner="Customer experience team")
    content = Content(info=info, stages=tuple(stages), lanes=tuple(lanes), cards=tuple(made),
                      personas=tuple(personas), emotions=tuple(emotion_values), connections=tuple(connections),
                      kpis=tuple(kpis))
    from model.voting import with_wall_votes

    return with_wall_votes(content, wall, "Dots on the wall")  # votes are a voting session's


def realistic_mermaid(tasks: int, *, seed: int = 1) -> str:
    """A Mermaid `journey` of `tasks` tasks over about a dozen sections, three actors, scores 1–5."""
    rng = random.Random(seed)
    sections = max(1, math.ceil(tasks / 16))
    lines = ["journey", f"    title A customer journey of {tasks} tasks"]
    actors = ("Ana", "Ben", "Chen")
    for i in range(tasks):
        if i % math.ceil(tasks / sections) == 0:
            lines.append(f"    section {STAGE_NAMES[(i // 16) % len(STAGE_NAMES)]} {i // 16 + 1}")
        text = f"Task {i + 1} " + " ".join(rng.choice(OBJECTS).split()[:3])
        who = ", ".join(rng.sample(actors, rng.randint(1, 3)))
        lines.append(f"      {text}: {rng.randint(1, 5)}: {who}")
    return "\n".join(lines) + "\n"
