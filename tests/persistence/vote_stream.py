"""A replayable stream of dot votes, cast as the booth and phones cast them, for the voting kill test."""

from __future__ import annotations

import random

from maps import make_content, seeded_ids

from model import voting
from model.document import Content, Document
from model.domain import Participant, VotingSession
from model.errors import JourneyError
from model.events import Origin

PEOPLE = ("Dana", "Eli", "Fay", "Gus")


def voting_content(seed: int) -> tuple[Content, str]:
    """A map with four participants and an open session on every card; (content, the session's id)."""
    doc = Document(make_content(60, seed=seed))
    with seeded_ids(random.Random(seed)):
        for name in PEOPLE:
            doc.apply(voting.ops.AddItem(Participant(name)))
        session = VotingSession("Kill test", votes_per_participant=12, max_per_card=3)
        doc.apply(voting.add_session(doc, session))
    return doc.content(), session.id


def votes(doc: Document, session_id: str, seed: int):
    """Cast and take back votes forever; yields (n, participant id, card id, that card's count for them)
    after each one is applied (committed, when the document has a store). Refusals (no votes left, the cap)
    are skipped the same way on replay."""
    rng = random.Random(seed)
    people = [p.id for p in doc.items("participant")]
    n = 0
    with seeded_ids(rng):
        while True:
            who, card = rng.choice(people), rng.choice(doc.cards()).id
            back = rng.random() < 0.25
            origin = rng.choice([Origin.BOOTH, Origin.ROOM])
            try:
                op = (voting.take_back if back else voting.cast)(doc, session_id, who, card)
                if op is None:
                    continue
                doc.apply(op, origin)
            except JourneyError:
                continue
            n += 1
            yield n, who, card, voting.ballot(doc, session_id, who).get(card, 0)
