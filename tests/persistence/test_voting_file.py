"""Voting sessions and votes are saved as they change, and reopen equal (wall dots with no participant too)."""

from __future__ import annotations

from model import ops, voting
from model.document import Document
from model.domain import Participant, VotingSession
from model.interchange.json_format import dumps, loads
from model.persistence import MapFile, read_content
from tests.model.factories import small_map


def test_sessions_and_ballots_survive_reopening_and_json(map_path):
    with MapFile.create(map_path, small_map().content()) as mapfile:
        doc = mapfile.document
        dana = Participant("Dana")
        doc.apply(ops.AddItem(dana))
        session = VotingSession("Top pains", votable_kinds=("pain_point",), votes_per_participant=3, current=True)
        doc.apply(voting.add_session(doc, session))
        pains = [c for c in doc.cards() if c.kind == "pain_point"]
        doc.apply(voting.cast(doc, session.id, dana.id, pains[0].id))
        doc.apply(voting.cast(doc, session.id, dana.id, pains[0].id))
        doc.apply(voting.set_wall_total(doc, session.id, pains[1].id, 6))
        doc.apply(voting.reveal(doc, session.id))
        doc.apply(ops.RemoveCard(pains[2].id))
        expected = doc.content()
    assert read_content(map_path) == expected
    with MapFile.open(map_path) as again:
        assert voting.shown_votes(again.document) == {pains[0].id: 2, pains[1].id: 6}
        again.document.apply(ops.RemoveItem("participant", dana.id))  # the file's cascade matches the model's
        after = again.document.content()
    assert read_content(map_path) == after
    assert voting.totals(Document(after), session.id) == {pains[1].id: 6}
    assert loads(dumps(expected)) == expected
