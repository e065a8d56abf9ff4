"""A realistic small journey map for the canvas tests and the visual check, built through Document.apply."""

from __future__ import annotations

import sys
import time

from model import ops
from tests.model.factories import give_votes
from model.document import Document
from model.domain import Card, CardKind, Channel, Connection, Evidence, Kpi, Lane, LaneKind, Persona, Stage

HOSTILE = "Applies a first-order voucher <b>&\"'</b>"

def sample() -> Document:
    doc = Document()
    doc.apply(ops.UpdateMap({"title": "Online grocery: first order"}))
    names = [("Awareness", "Notice that weekly shopping takes too long"), ("Consideration", "Compare delivery services and prices"), ("Purchase", "Place the first order"), ("Delivery", "Receive fresh groceries on time"), ("Loyalty", "Order again and recommend")]
    stages = [Stage(n, goal=g, width=300 if i != 2 else 420) for i, (n, g) in enumerate(names)]
    lanes = [Lane("Actions"), Lane("Touchpoints"), Lane("Emotions", kind=LaneKind.EMOTIONS), Lane("Pain points"), Lane("Opportunities")]
    ps = [Persona("Maya", role="Busy parent", colour="#2B6CB0"), Persona("Tom", role="Student", colour="#C05621")]
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lanes), *map(ops.AddPersona, ps)]:
        doc.apply(op)
    A, T, E, P, O = lanes
    texts = {
        (0, A): [("Sees an ad on social media while commuting", CardKind.NOTE, Channel.SOCIAL, "yellow", Evidence.OBSERVED, 3, "Marketing"), ("Hears about it from a friend", CardKind.QUOTE, Channel.WORD_OF_MOUTH, "grey", Evidence.OBSERVED, 0, "")],
        (1, A): [("Compares delivery fees of three services", CardKind.NOTE, Channel.WEB, "yellow", Evidence.ASSUMED, 1, "Growth"), ("Reads reviews", CardKind.NOTE, Channel.REVIEW_SITE, "yellow", Evidence.NONE, 0, "")],
        (2, A): [("Fills the basket, picks a delivery slot", CardKind.NOTE, Channel.APP, "yellow", Evidence.OBSERVED, 0, ""), ("Pays with a saved card", CardKind.TOUCHPOINT, Channel.APP, "blue", Evidence.OBSERVED, 2, "Payments"), (HOSTILE, CardKind.NOTE, Channel.EMAIL, "orange", Evidence.PROPOSED, 0, "")],
        (3, A): [("Gets a text when the driver is close", CardKind.TOUCHPOINT, Channel.PHONE, "blue", Evidence.OBSERVED, 0, "Logistics")],
        (4, A): [("Reorders from the last basket", CardKind.NOTE, Channel.APP, "yellow", Evidence.ASSUMED, 4, "")],
        (0, T): [("Instagram ad", CardKind.TOUCHPOINT, Channel.SOCIAL, "blue", Evidence.NONE, 0, "")],
        (1, T): [("Price comparison page", CardKind.TOUCHPOINT, Channel.WEB, "blue", Evidence.NONE, 0, ""), ("Store visit", CardKind.TOUCHPOINT, Channel.STORE, "teal", Evidence.NONE, 0, "")],
        (2, T): [("Checkout", CardKind.TOUCHPOINT, Channel.APP, "blue", Evidence.NONE, 0, ""), ("Chat support", CardKind.TOUCHPOINT, Channel.CHAT, "teal", Evidence.NONE, 0, "")],
        (3, T): [("Delivery tracking", CardKind.TOUCHPOINT, Channel.APP, "blue", Evidence.NONE, 0, "")],
        (4, T): [("Referral email", CardKind.TOUCHPOINT, Channel.EMAIL, "blue", Evidence.NONE, 0, "")],
        (1, P): [("Delivery fee only shown at checkout", CardKind.PAIN_POINT, Channel.WEB, "red", Evidence.OBSERVED, 7, "Product")],
        (2, P): [("Slot I wanted disappeared while paying", CardKind.PAIN_POINT, Channel.APP, "red", Evidence.OBSERVED, 5, "")],
        (3, P): [("Two items substituted without asking", CardKind.PAIN_POINT, Channel.NONE, "red", Evidence.ASSUMED, 2, "Operations")],
        (1, O): [("Show the fee on the product page", CardKind.OPPORTUNITY, Channel.WEB, "green", Evidence.PROPOSED, 4, "Product")],
        (2, O): [("Hold the slot for 10 minutes", CardKind.IDEA, Channel.APP, "purple", Evidence.PROPOSED, 3, "")],
        (4, O): [("Reward referrals with free delivery", CardKind.OPPORTUNITY, Channel.EMAIL, "green", Evidence.PROPOSED, 1, "")],
    }
    made = {}
    for (s, lane), cards in texts.items():
        for text, kind, ch, col, ev, votes, owner in cards:
            c = Card(stages[s].id, lane.id, text, kind=kind, channel=ch, colour=col, evidence=ev, owner=owner)
            doc.apply(ops.AddCard(c)); made.setdefault((s, lane.id), []).append(c)
            give_votes(doc, {c.id: votes})
    vals = [(0, 0.5, 1.0), (1, -0.5, 0.0), (2, -1.5, -1.0), (3, 1.0, 0.5), (4, 2.0, 1.5)]
    for s, a, b in vals:
        c = made[(s, A.id)][0]
        doc.apply(ops.SetEmotion(c.id, ps[0].id, a)); doc.apply(ops.SetEmotion(c.id, ps[1].id, b))
    doc.apply(ops.AddConnection(Connection(made[(0, A.id)][0].id, made[(1, A.id)][0].id, "clicks the ad", 40)))
    doc.apply(ops.AddConnection(Connection(made[(1, A.id)][0].id, made[(2, A.id)][0].id)))
    doc.apply(ops.AddConnection(Connection(made[(2, A.id)][0].id, made[(1, A.id)][1].id, "abandons basket")))
    doc.apply(ops.AddKpi(Kpi(stages[1].id, "Conversion", 12, 20, "%")))
    doc.apply(ops.AddKpi(Kpi(stages[2].id, "CSAT", 72, 80, "%")))
    doc.apply(ops.AddKpi(Kpi(stages[2].id, "Drop-off", 31, unit="%")))
    doc.apply(ops.AddKpi(Kpi(stages[4].id, "NPS", 41)))
    return doc

if __name__ == "__main__":
    from canvas.render import render_png
    t = time.perf_counter()
    render_png(sample(), sys.argv[1] if len(sys.argv) > 1 else "/tmp/cv/sample.png", scale=float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
    print("rendered", time.perf_counter() - t)
