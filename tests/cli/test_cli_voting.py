"""`journeymap info` lists each voting session with its rules, state and totals per card."""

from __future__ import annotations

import json

from model import ops, voting
from model.domain import Participant, VotingSession
from model.events import Origin
from model.persistence import MapFile
from tests.hostile.corpus import hostile_texts
from tests.model.factories import small_map

from .test_cli import digest, run


def _voted_map(path, name="Top pains", card_text=None):
    with MapFile.create(path, small_map().content()) as mapfile:
        doc = mapfile.document
        if card_text is not None:
            doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": card_text}))
        dana, eli = Participant("Dana"), Participant("Eli")
        for p in (dana, eli):
            doc.apply(ops.AddItem(p))
        pain_lane = doc.lanes[2]
        top = VotingSession(name, votable_lanes=(pain_lane.id,), votes_per_participant=3, max_per_card=2, current=True)
        doc.apply(voting.add_session(doc, top))
        pains = [c for c in doc.cards() if c.lane_id == pain_lane.id]
        for who, card in ((dana, pains[0]), (dana, pains[0]), (eli, pains[0]), (eli, pains[1])):
            doc.apply(voting.cast(doc, top.id, who.id, card.id), Origin.BOOTH)
        doc.apply(voting.set_wall_total(doc, top.id, pains[2].id, 5))
        doc.apply(voting.close(doc, top.id))
        quiet = VotingSession("Ideas", anonymous=True)
        doc.apply(voting.add_session(doc, quiet))
        doc.apply(voting.cast(doc, quiet.id, dana.id, doc.cards()[0].id), Origin.BOOTH)
        doc.apply(ops.RemoveLane(doc.lanes[0].id))  # the card voted on in "Ideas" goes, with its vote
        return [c.id for c in pains]


def test_info_json_gives_each_sessions_rules_state_and_ranked_totals(tmp_path, capsys):
    path = tmp_path / "voted.journey"
    pains = _voted_map(path)
    before = digest(path)
    code, out, err = run(capsys, "info", "--json", str(path))
    assert code == 0 and err == "" and digest(path) == before
    summary = json.loads(out)
    assert "votes" not in summary  # the votes are in their sessions' totals
    top, ideas = summary["voting_sessions"]
    assert {k: top[k] for k in ("name", "current", "revealed", "closed", "anonymous", "votes_per_participant",
                                 "max_per_card", "votable_lanes", "votable_kinds", "participants_voted", "votes")} == {
        "name": "Top pains", "current": True, "revealed": False, "closed": True, "anonymous": False,
        "votes_per_participant": 3, "max_per_card": 2, "votable_lanes": ["Pain points"], "votable_kinds": [],
        "participants_voted": 2, "votes": 9}
    assert [(t["rank"], t["card"], t["votes"], t["wall"]) for t in top["totals"]] == [
        (1, pains[2], 5, 5), (2, pains[0], 3, 0), (3, pains[1], 1, 0)]
    assert top["totals"][1]["voters"] == [{"name": "Dana", "votes": 2}, {"name": "Eli", "votes": 1}]
    assert ideas["anonymous"] and ideas["totals"] == [] and ideas["votes"] == 0


def test_info_text_lists_sessions_and_prints_hostile_names_literally(tmp_path, capsys):
    hostile = [t for t in hostile_texts() if t.strip()][:6]
    for i, text in enumerate(hostile):
        path = tmp_path / f"voted{i}.journey"
        _voted_map(path, name=text, card_text=text)
        code, out, err = run(capsys, "info", str(path))
        assert code == 0 and err == ""
        lines = out.splitlines()
        start = lines.index("voting_sessions:")
        assert lines[start + 1].lstrip().startswith("★ ") and "(current; closed; hidden; named)" in lines[start + 1]
        assert "3 votes each, at most 2 per card; cards of lanes Pain points" in lines[start + 1]
        assert lines[start + 2].strip() == "2 participants voted, 9 votes in all"
        assert "[wall 5]" in lines[start + 3] and "[Dana ×2, Eli]" in lines[start + 4]
        assert all("\x1b" not in line and "\x07" not in line for line in lines)


def test_info_of_a_map_without_sessions_says_so(tmp_path, capsys):
    path = tmp_path / "plain.journey"
    MapFile.create(path, small_map().content()).close()
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0 and "voting_sessions: (none)" in out
    code, out, _ = run(capsys, "info", "--json", str(path))
    assert json.loads(out)["voting_sessions"] == []
