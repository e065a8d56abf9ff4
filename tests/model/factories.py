"""Small builders of documents for tests, through the Document's own operations."""

from __future__ import annotations

import random

from model import ops, voting
from model.document import Document
from model.domain import PALETTE, Card, CardKind, Channel, Connection, Kpi, Lane, LaneKind, Persona, Stage, VotingSession


def small_map() -> Document:
    """Three stages, three lanes (one of them emotions), two personas, a few cards, emotions and connections."""
    doc = Document()
    stages = [Stage(name) for name in ("Awareness", "Decision", "Retention")]
    lanes = [Lane("Actions"), Lane("Emotions", kind=LaneKind.EMOTIONS), Lane("Pain points")]
    personas = [Persona("Ana", colour="#2B6CB0"), Persona("Ben", colour="#C05621")]
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lanes), *map(ops.AddPersona, personas)]:
        doc.apply(op)
    cards = []
    for s, stage in enumerate(stages):
        for t in range(2):
            card = Card(stage.id, lanes[0].id, f"{stage.name} action {t}", kind=CardKind.TOUCHPOINT, channel=Channel.WEB)
            doc.apply(ops.AddCard(card))
            cards.append(card)
        pain = Card(stage.id, lanes[2].id, f"{stage.name} hurts", kind=CardKind.PAIN_POINT, colour="red")
        doc.apply(ops.AddCard(pain))
        cards.append(pain)
        doc.apply(ops.SetEmotion(cards[-3].id, personas[0].id, float(s) - 1))
        doc.apply(ops.SetEmotion(cards[-2].id, personas[1].id, 1.5 - s))
    doc.apply(ops.AddConnection(Connection(cards[0].id, cards[3].id, "signs up", 60)))
    doc.apply(ops.AddConnection(Connection(cards[6].id, cards[1].id, "back to research")))
    doc.apply(ops.AddKpi(Kpi(stages[1].id, "Conversion", 12, 20, "%")))
    return doc


def generated_map(cards: int, *, stages: int = 6, lanes: int = 6, personas: int = 2, seed: int = 1) -> Document:
    """A map of `cards` cards spread across the cells, for benchmarks and large-scene tests."""
    rng = random.Random(seed)
    doc = Document()
    stage_list = [Stage(f"Stage {i + 1}", goal=f"Goal of stage {i + 1}") for i in range(stages)]
    lane_list = [Lane(f"Lane {i + 1}") for i in range(lanes - 1)] + [Lane("Emotions", kind=LaneKind.EMOTIONS)]
    lane_list.insert(2, lane_list.pop())
    persona_list = [Persona(f"Persona {i + 1}") for i in range(personas)]
    for op in [*map(ops.AddStage, stage_list), *map(ops.AddLane, lane_list), *map(ops.AddPersona, persona_list)]:
        doc.apply(op)
    card_lanes = [lane for lane in lane_list if lane.kind == LaneKind.CARDS]
    words = "customer signs compares pricing calls support waits trial invoice onboarding demo email".split()
    colours = list(PALETTE)
    made = []
    votes = {}
    for i in range(cards):
        card = Card(
            rng.choice(stage_list).id,
            rng.choice(card_lanes).id,
            " ".join(rng.choice(words) for _ in range(rng.randint(2, 14))),
            kind=rng.choice(list(CardKind)),
            colour=rng.choice(colours),
        )
        votes[card.id] = rng.randint(0, 3)
        doc.apply(ops.AddCard(card))
        made.append(card)
        if i % 5 == 0:
            doc.apply(ops.SetEmotion(card.id, rng.choice(persona_list).id, rng.choice([-2, -1, -0.5, 0, 1, 2])))
    for i in range(0, len(made) - 1, 50):
        doc.apply(ops.AddConnection(Connection(made[i].id, made[i + 1].id)))
    give_votes(doc, votes)
    return doc


def give_votes(doc: Document, card_votes: dict[str, int], name: str = "Votes") -> None:
    """Votes the map shows on these cards: wall totals of a revealed, current session (made when missing)."""
    session = voting.current_session(doc)
    if session is None:
        session = VotingSession(name, revealed=True, current=True)
        doc.apply(voting.add_session(doc, session))
    for card_id, count in card_votes.items():
        op = voting.set_wall_total(doc, session.id, card_id, count)
        if op is not None:
            doc.apply(op)


def connected_map(cards: int, connections: int, *, seed: int = 1) -> Document:
    """generated_map with owners, channels, evidence, scores and `connections` connections, most with a share.

    Connections mostly run forward (to the same or a later stage), some back,
    so the map has flow, leaks, dead ends, loops, handoffs and channel switches.
    """
    rng = random.Random(seed)
    doc = generated_map(cards, seed=seed)
    owners = ["", "Sales", "Support", "Marketing", "Operations", "Billing"]
    channels = list(Channel)
    made = doc.cards()
    for card in made[::3]:
        scored = rng.random() < 0.5
        doc.apply(ops.UpdateCard(card.id, {
            "owner": rng.choice(owners), "channel": rng.choice(channels),
            "evidence": rng.choice(["observed", "assumed", "", "proposed"]),
            "impact": rng.randint(1, 5) if scored else None, "effort": rng.randint(1, 5) if scored else None,
        }))
    stage_of = {s.id: i for i, s in enumerate(doc.stages)}
    pairs = {(c.source_id, c.target_id) for c in doc.connections}
    while len(doc.connections) < connections:
        a, b = rng.sample(made, 2)
        back = stage_of[b.stage_id] < stage_of[a.stage_id]
        if (a.id, b.id) in pairs or (back and rng.random() < 0.8):
            continue
        pairs.add((a.id, b.id))
        share = None if rng.random() < 0.2 else float(rng.choice([5, 10, 20, 35, 50, 70, 90]))
        doc.apply(ops.AddConnection(Connection(a.id, b.id, share=share)))
    return doc


HOSTILE = "<b>AT&T</b> a<b & <font color=red>x</font>"


def after_workshop_map() -> Document:
    """small_map after a workshop that ran from 10:00 to 10:38 UTC on 1 May 2024, every figure set by hand.

    Participants Ana (Designer), Ben (Support lead), Cleo; a plan of four steps, three of which ran
    (Welcome 10:00–10:06 of 5 min, Capture pains 10:06–10:30 of 20 with two cards added, Vote 10:30–10:38
    of 10 with three votes cast); the revealed, current session "Fix first": Ana 2 and Ben 1 on "Explain
    pricing", Ben 1 on "Rebuild onboarding"; opportunities "Explain pricing" (impact 5, effort 1, owner Dana),
    "Rebuild onboarding" (5, 5) and "Add a FAQ" (not scored); three actions, one of them hostile text.
    """
    from model.domain import Participant
    from model.events import Origin
    from model.workshop_domain import Activity, JournalEntry, JournalKind as K, WorkshopStep

    doc = small_map()
    decision = doc.stages[1].id
    pains, actions = doc.lanes[2].id, doc.lanes[0].id
    pricing = Card(decision, pains, "Explain pricing", kind=CardKind.OPPORTUNITY, owner="Dana", impact=5, effort=1)
    onboarding = Card(decision, pains, "Rebuild onboarding", kind=CardKind.OPPORTUNITY, impact=5, effort=5)
    faq = Card(doc.stages[2].id, pains, "Add a FAQ", kind=CardKind.OPPORTUNITY)
    todo = [Card(decision, actions, "Draft the pricing page", kind=CardKind.ACTION, owner="Ana Lima", due="2026-12-15"),
            Card(decision, actions, "Call five customers", kind=CardKind.ACTION, owner="Ben", due="2026-12-08"),
            Card(doc.stages[2].id, actions, HOSTILE, kind=CardKind.ACTION)]
    for card in (pricing, onboarding, faq, *todo):
        doc.apply(ops.AddCard(card))
    people = [Participant("Ana", "Designer"), Participant("Ben", "Support lead", "#C05621"),
              Participant("Cleo", colour="#2F855A")]
    for person in people:
        doc.apply(ops.AddItem(person))
    plan = [WorkshopStep("Welcome", Activity.INTRODUCE, 5), WorkshopStep("Capture pains", Activity.CAPTURE, 20),
            WorkshopStep("Vote", Activity.VOTE, 10), WorkshopStep("Wrap up", Activity.WRAP_UP, 5)]
    for step in plan:
        doc.apply(ops.AddItem(step))
    session = VotingSession("Fix first", votes_per_participant=3, max_per_card=2, revealed=True, current=True)
    doc.apply(voting.add_session(doc, session))
    for person, card in ((people[0], pricing), (people[0], pricing), (people[1], pricing), (people[1], onboarding)):
        doc.apply(voting.cast(doc, session.id, person.id, card.id), Origin.BOOTH)
    welcome, capture, vote = (s.id for s in plan[:3])
    entries = [("10:00:00", K.STEP_STARTED, welcome, ""), ("10:06:00", K.STEP_ENDED, welcome, ""),
               ("10:06:00", K.STEP_STARTED, capture, ""), ("10:12:00", K.CARD_ADDED, capture, faq.id),
               ("10:20:00", K.CARD_ADDED, capture, onboarding.id), ("10:30:00", K.STEP_ENDED, capture, ""),
               ("10:30:00", K.STEP_STARTED, vote, ""), ("10:33:00", K.VOTE_CAST, vote, pricing.id),
               ("10:34:00", K.VOTE_CAST, vote, pricing.id), ("10:35:00", K.VOTE_CAST, vote, onboarding.id),
               ("10:38:00", K.STEP_ENDED, vote, "")]
    for at, kind, step_id, card_id in entries:
        doc.apply(ops.AddItem(JournalEntry(f"2024-05-01T{at}Z", kind, step_id, card_id)), Origin.JOURNAL)
    return doc
