"""Maps for the poster tests, built through the Document's own operations."""

from __future__ import annotations

from model import ops
from tests.model.factories import give_votes
from model.document import Document
from model.domain import Card, CardKind, Channel, Connection, Evidence, Kpi, Lane, LaneKind, MapInfo, Persona, Stage

HOSTILE = (
    "a<b",
    "AT&T",
    "<b>bold</b>",
    '<font color="red">x</font>',
    '<img src="/etc/hostname"/>',
    "[[[x]]]",
)


def workshop_map(extra_texts: tuple[str, ...] = ()) -> Document:
    """A realistic B2B onboarding journey: five stages, five lanes, two personas, KPIs, connections."""
    doc = Document()
    doc.apply(ops.UpdateMap({"title": "Onboarding a new business customer", "owner": "CX team — Lea Novak"}))
    stages = [
        Stage("Awareness", goal="Notices that invoicing eats the team's week"),
        Stage("Consideration", goal="Compares three tools on price and effort"),
        Stage("Decision", goal="Gets sign-off from finance"),
        Stage("Onboarding", goal="First invoice sent within a day"),
        Stage("Retention", goal="Uses it every week and tells peers"),
    ]
    lanes = [
        Lane("Actions"),
        Lane("Touchpoints"),
        Lane("Emotions", kind=LaneKind.EMOTIONS),
        Lane("Pain points"),
        Lane("Opportunities"),
    ]
    personas = [
        Persona("Maya", role="Office manager, 12-person agency", quote="I just want invoices out on Friday.", colour="#2B6CB0"),
        Persona("Tomás", role="Finance lead", quote="Show me the total cost first.", colour="#C05621"),
    ]
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lanes), *map(ops.AddPersona, personas)]:
        doc.apply(op)
    a, t, _, p, opp = lanes
    rows = [
        (0, a, "Reads a peer's post about automated invoicing", CardKind.NOTE, Channel.SOCIAL, "yellow"),
        (0, t, "LinkedIn post by a customer", CardKind.TOUCHPOINT, Channel.SOCIAL, "blue"),
        (0, p, "Doesn't know such tools exist for small teams", CardKind.PAIN_POINT, Channel.NONE, "red"),
        (1, a, "Compares pricing pages of three vendors", CardKind.NOTE, Channel.WEB, "yellow"),
        (1, a, "Books a demo", CardKind.NOTE, Channel.WEB, "yellow"),
        (1, t, "Pricing page", CardKind.TOUCHPOINT, Channel.WEB, "blue"),
        (1, t, "Sales demo call", CardKind.TOUCHPOINT, Channel.PHONE, "blue"),
        (1, p, "Per-seat pricing is confusing", CardKind.PAIN_POINT, Channel.WEB, "red"),
        (1, opp, "A price calculator on the pricing page", CardKind.OPPORTUNITY, Channel.WEB, "green"),
        (2, a, "Sends the quote to finance", CardKind.NOTE, Channel.EMAIL, "yellow"),
        (2, t, "Quote PDF", CardKind.TOUCHPOINT, Channel.DOCUMENT, "blue"),
        (2, p, "Finance asks for a security review", CardKind.PAIN_POINT, Channel.EMAIL, "red"),
        (2, opp, "A ready-made security pack", CardKind.IDEA, Channel.DOCUMENT, "purple"),
        (3, a, "Imports customers from a spreadsheet", CardKind.NOTE, Channel.APP, "yellow"),
        (3, a, "Sends the first invoice", CardKind.NOTE, Channel.APP, "yellow"),
        (3, t, "Welcome email with a checklist", CardKind.TOUCHPOINT, Channel.EMAIL, "blue"),
        (3, t, "Live chat with support", CardKind.TOUCHPOINT, Channel.CHAT, "blue"),
        (3, p, "CSV import rejects dates like 03/04/2024", CardKind.PAIN_POINT, Channel.APP, "red"),
        (3, opp, "“It took me ten minutes, not ten hours.”", CardKind.QUOTE, Channel.NONE, "grey"),
        (4, a, "Recommends the tool at a meetup", CardKind.NOTE, Channel.EVENT, "yellow"),
        (4, t, "Review on a software review site", CardKind.TOUCHPOINT, Channel.REVIEW_SITE, "blue"),
        (4, p, "Renewal price rises without warning", CardKind.PAIN_POINT, Channel.EMAIL, "red"),
        (4, opp, "Referral credit for both sides", CardKind.OPPORTUNITY, Channel.WORD_OF_MOUTH, "green"),
    ]
    cards = []
    for i, (s, lane, text, kind, channel, colour) in enumerate(rows):
        card = Card(stages[s].id, lane.id, text, kind=kind, channel=channel, colour=colour,
                    owner="Sales" if kind == CardKind.TOUCHPOINT and i % 3 == 0 else "",
                    evidence=Evidence.OBSERVED if kind == CardKind.PAIN_POINT else Evidence.NONE)
        doc.apply(ops.AddCard(card))
        give_votes(doc, {card.id: (i * 7) % 4})
        cards.append(card)
    for i, text in enumerate(extra_texts):
        card = Card(stages[i % len(stages)].id, a.id, text)
        doc.apply(ops.AddCard(card))
        cards.append(card)
    maya = [0.0, -1.0, -0.5, -1.5, 1.5]
    tomas = [-0.5, -1.5, -2.0, 0.5, 1.0]
    action_cards = [next(c for c in cards if c.stage_id == st.id and c.lane_id == a.id) for st in stages]
    for card, m, tv in zip(action_cards, maya, tomas):
        doc.apply(ops.SetEmotion(card.id, personas[0].id, m))
        doc.apply(ops.SetEmotion(card.id, personas[1].id, tv))
    doc.apply(ops.AddConnection(Connection(cards[3].id, cards[9].id, "books a demo", 40)))
    doc.apply(ops.AddConnection(Connection(cards[9].id, cards[13].id, "signs")))
    doc.apply(ops.AddConnection(Connection(cards[11].id, cards[5].id, "back to pricing")))
    doc.apply(ops.AddKpi(Kpi(stages[1].id, "Demo rate", 18, 25, "%")))
    doc.apply(ops.AddKpi(Kpi(stages[2].id, "Win rate", 31, 40, "%")))
    doc.apply(ops.AddKpi(Kpi(stages[3].id, "Time to first invoice", 3.5, 1, "days")))
    doc.apply(ops.AddKpi(Kpi(stages[4].id, "NPS", 42, 50)))
    return doc


def map_with_card_texts(texts: tuple[str, ...], *, title: str = "Texts") -> Document:
    """One stage per text so every card is short and wide; one persona."""
    doc = Document()
    doc.apply(ops.UpdateMap({"title": title}))
    lane = Lane("Actions")
    doc.apply(ops.AddLane(lane))
    doc.apply(ops.AddPersona(Persona("Customer")))
    stage = Stage("Stage", width=520.0)
    doc.apply(ops.AddStage(stage))
    for text in texts:
        doc.apply(ops.AddCard(Card(stage.id, lane.id, text)))
    return doc


def info(doc: Document) -> MapInfo:
    return doc.info
