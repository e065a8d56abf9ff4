"""Rebuild tests/data/schema3.journey: a small map as schema 3 wrote it (cards with owners, participants,
a voting session with their votes, a workshop plan and one snapshot), for the upgrade to schema 4.

Run from the repository root with the Journeymap of commit 'Vote badges and their heat dim with their card'
(the last to write schema 3): python tests/data/make_schema3_fixture.py
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

from model import ops, voting  # noqa: E402
from model.domain import Card, CardKind, Participant, VotingSession  # noqa: E402
from model.persistence import MapFile  # noqa: E402
from model.persistence.header import SCHEMA_VERSION  # noqa: E402
from model.templates import build_template  # noqa: E402

OUT = Path(__file__).with_name("schema3.journey")

# (stage, lane, text, kind, owner)
CARDS = (
    (0, "Actions", "Reads a review of us", CardKind.NOTE, ""),
    (1, "Pain points", "Pricing page is unclear", CardKind.PAIN_POINT, "Marketing"),
    (2, "Opportunities", "Offer a guided demo", CardKind.OPPORTUNITY, "Sales"),
    (3, "Pain points", "Card payment fails twice", CardKind.PAIN_POINT, "Payments team"),
    (4, "Opportunities", "Thank-you call after a month", CardKind.IDEA, "Customer success"),
)


def main() -> None:
    assert SCHEMA_VERSION == 3, "run this with the Journeymap that writes schema 3"
    OUT.unlink(missing_ok=True)
    content = build_template("five-phase", title="Workshop before actions", plan="pains-to-opportunities")
    with MapFile.create(OUT, content) as mapfile:
        doc = mapfile.document
        lanes = {lane.name: lane.id for lane in doc.lanes}
        cards = []
        for stage, lane, text, kind, owner in CARDS:
            card = Card(doc.stages[stage].id, lanes[lane], text, kind=kind, owner=owner, impact=4, effort=2)
            doc.apply(ops.AddCard(card))
            cards.append(card)
        ana, ben = Participant("Ana", "Support lead"), Participant("Ben", "Product")
        doc.apply(ops.AddItem(ana))
        doc.apply(ops.AddItem(ben))
        session = VotingSession("Which pains first", votes_per_participant=3, max_per_card=2, revealed=True)
        doc.apply(voting.add_session(doc, session))
        for person, card in ((ana, cards[1]), (ana, cards[1]), (ana, cards[3]), (ben, cards[3])):
            doc.apply(voting.cast(doc, session.id, person.id, card.id))
        mapfile.create_snapshot("Before the actions")
    with closing(sqlite3.connect(OUT, isolation_level=None)) as conn:
        conn.execute("UPDATE map_info SET app_version = '0.2.0'")
        conn.execute("VACUUM")


if __name__ == "__main__":
    main()
