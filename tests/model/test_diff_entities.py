"""Comparing the declared entities of two versions (model/diff_entities.py): participants, the plan's steps,
voting sessions and each card's votes per session, the future state, and run data counted. Hand-made pairs,
the expected differences written out here."""

from __future__ import annotations

import dataclasses
import json

from model import ops, tobe, voting
from model.compare_view import CHANGED, comparison_view
from model.diff import MATCHED_BY_TEXT, FieldChange, Place, compare
from model.diff_report import detail_lines, to_json, to_text
from model.document import Content, Document, content_items
from model.domain import (Card, InboxCard, Lane, LaneKind, Participant, Persona, PrintRecord, RoomRating, Stage,
                          VotingSession)
from model.entities import room_rating_id
from model.workshop_domain import Activity, JournalEntry, WorkshopStep
from tests.model.test_diff import summary, with_fresh_ids


def workshop() -> tuple[Document, dict]:
    """Two stages × Actions, Pains and Emotions; Ana; three cards; Bob and Eve; the session "Top pains" on the
    Pains lane (the pain point has 2 wall dots); a two-step plan; a to-be point and a to-be mark."""
    doc = Document()
    s = {n: Stage(n) for n in ("Aware", "Buy")}
    lanes = {n: Lane(n) for n in ("Actions", "Pains")}
    lanes["Emotions"] = Lane("Emotions", kind=LaneKind.EMOTIONS)
    ana = Persona("Ana")
    for op in [*map(ops.AddStage, s.values()), *map(ops.AddLane, lanes.values()), ops.AddPersona(ana)]:
        doc.apply(op)
    cards = {"ad": Card(s["Aware"].id, lanes["Actions"].id, "Sees an ad"),
             "pay": Card(s["Buy"].id, lanes["Actions"].id, "Pays online"),
             "price": Card(s["Buy"].id, lanes["Pains"].id, "Too expensive")}
    for card in cards.values():
        doc.apply(ops.AddCard(card))
    people = {"bob": Participant("Bob", role="Sales"), "eve": Participant("Eve")}
    for person in people.values():
        doc.apply(ops.AddItem(person))
    session = VotingSession("Top pains", votable_lanes=(lanes["Pains"].id,), votes_per_participant=3)
    doc.apply(voting.add_session(doc, session))
    doc.apply(voting.set_wall_total(doc, session.id, cards["price"].id, 2))
    steps = {"intro": WorkshopStep("Welcome", Activity.INTRODUCE, 5),
             "capture": WorkshopStep("Capture pains", focus_stages=(s["Buy"].id,), focus_lanes=(lanes["Pains"].id,))}
    for step in steps.values():
        doc.apply(ops.AddItem(step))
    doc.apply(tobe.set_to_be_emotion(doc, cards["ad"].id, ana.id, 1.0))
    doc.apply(tobe.mark_to_be(doc, [cards["pay"].id], True))
    return doc, {"stages": s, "lanes": lanes, "ana": ana, "cards": cards, "people": people, "session": session,
                 "steps": steps}


def test_a_map_with_every_entity_compared_with_itself_or_a_copy_is_empty():
    doc, _ = workshop()
    assert compare(doc, doc).empty
    assert compare(doc.content(), Document(doc.content()).content()).empty


def test_a_participant_renamed_a_step_added_a_session_revealed_and_a_cards_votes_from_2_to_5():
    doc, e = workshop()
    before = doc.content()
    bob, eve, session, price = e["people"]["bob"], e["people"]["eve"], e["session"], e["cards"]["price"]
    doc.apply(ops.UpdateItem("participant", bob.id, {"name": "Robert"}))
    vote_step = WorkshopStep("Vote on pains", Activity.VOTE, 10)
    doc.apply(ops.AddItem(vote_step))
    doc.apply(voting.reveal(doc, session.id))
    doc.apply(voting.set_wall_total(doc, session.id, price.id, 4))
    doc.apply(voting.cast(doc, session.id, eve.id, price.id))  # 4 wall dots and Eve's: 5
    diff = compare(before, doc)
    assert summary(diff) == [
        ("card", "changed", "Too expensive", ("votes (Top pains)",), False),
        ("participant", "changed", "Robert", ("name",), False),
        ("voting_session", "changed", "Top pains", ("revealed",), False),
        ("workshop_step", "added", "Vote on pains", (), False),
    ]
    card, person, voted, step = diff.differences
    assert card.fields == (FieldChange("votes (Top pains)", 2, 5),)
    assert person.fields == (FieldChange("name", "Bob", "Robert"),)
    assert voted.fields == (FieldChange("revealed", False, True),)
    assert (step.before, step.after, step.after_id) == (None, Place(2), vote_step.id)
    assert diff.counts() == {"added": 1, "removed": 0, "changed": 3, "moved": 0}
    assert to_text(diff, "a.journey", "b.journey").splitlines() == [
        "comparing a.journey with b.journey (matched by id)",
        "~ card 'Too expensive': votes (Top pains): 2 → 5",
        "~ participant 'Robert': name: 'Bob' → 'Robert'",
        "~ voting session 'Top pains': revealed: no → yes",
        "+ workshop step 'Vote on pains'",
        "1 added, 3 changed",
    ]


def test_participants_added_and_removed_and_steps_moved_in_the_plan():
    doc, e = workshop()
    doc.apply(ops.AddItem(WorkshopStep("Wrap up", Activity.WRAP_UP, 5)))
    before = doc.content()
    bob, intro = e["people"]["bob"], e["steps"]["intro"]
    doc.apply(ops.RemoveItem("participant", bob.id))
    doc.apply(ops.AddItem(Participant("Zoe", role="Support"), 0))
    doc.apply(ops.MoveItem("workshop_step", intro.id, 2))  # the welcome last: the others kept their order
    doc.apply(ops.UpdateItem("workshop_step", e["steps"]["capture"].id, {"minutes": 25}))
    assert summary(compare(before, doc)) == [
        ("participant", "added", "Zoe", (), False),
        ("participant", "removed", "Bob", (), False),
        ("workshop_step", "changed", "Capture pains", ("minutes",), False),
        ("workshop_step", "moved", "Welcome", (), True),
    ]


def test_a_new_session_with_votes_and_a_deleted_one_show_on_the_cards_they_counted():
    doc, e = workshop()
    cards, eve = e["cards"], e["people"]["eve"]
    before = doc.content()
    doc.apply(voting.delete_session(doc, e["session"].id))  # its 2 wall dots on the pain point go with it
    ideas = VotingSession("Best ideas", votes_per_participant=3)
    doc.apply(voting.add_session(doc, ideas))
    doc.apply(voting.cast(doc, ideas.id, eve.id, cards["ad"].id))
    doc.apply(voting.cast(doc, ideas.id, eve.id, cards["ad"].id))
    doc.apply(voting.set_wall_total(doc, ideas.id, cards["price"].id, 3))
    diff = compare(before, doc)
    assert summary(diff) == [
        ("card", "changed", "Sees an ad", ("votes (Best ideas)",), False),
        ("card", "changed", "Too expensive", ("votes (Best ideas)", "votes (Top pains)"), False),
        ("voting_session", "added", "Best ideas", (), False),
        ("voting_session", "removed", "Top pains", (), False),
    ]
    assert diff.differences[1].fields == (FieldChange("votes (Best ideas)", 0, 3), FieldChange("votes (Top pains)", 2, 0))
    assert diff.differences[0].fields == (FieldChange("votes (Best ideas)", 0, 2),)


def test_a_removed_card_takes_its_votes_and_future_with_it_without_a_votes_field():
    doc, e = workshop()
    before = doc.content()
    doc.apply(ops.RemoveCard(e["cards"]["price"].id))
    doc.apply(ops.RemoveCard(e["cards"]["pay"].id))
    assert summary(compare(before, doc)) == [
        ("card", "removed", "Pays online", (), False),
        ("card", "removed", "Too expensive", (), False),
        ("to_be_card", "removed", "Pays online", (), False),
    ]


def test_session_rules_and_to_be_changes_read_their_ids_as_names():
    doc, e = workshop()
    lanes, session, ana, cards = e["lanes"], e["session"], e["ana"], e["cards"]
    before = doc.content()
    doc.apply(voting.edit_session(doc, session.id, votable_lanes=(lanes["Actions"].id, lanes["Pains"].id),
                                  max_per_card=2))
    doc.apply(tobe.set_to_be_emotion(doc, cards["ad"].id, ana.id, 2.0))
    doc.apply(tobe.set_to_be_emotion(doc, cards["pay"].id, ana.id, -1.0))
    doc.apply(tobe.mark_to_be(doc, [cards["pay"].id], False))
    doc.apply(tobe.mark_to_be(doc, [cards["price"].id], True))
    diff = compare(before, doc)
    assert summary(diff) == [
        ("voting_session", "changed", "Top pains", ("votable_lanes", "max_per_card"), False),
        ("to_be_emotion", "changed", "Sees an ad (Ana)", ("value",), False),
        ("to_be_emotion", "added", "Pays online (Ana)", (), False),
        ("to_be_card", "added", "Too expensive", (), False),
        ("to_be_card", "removed", "Pays online", (), False),
    ]
    assert diff.differences[0].fields[0] == FieldChange("votable_lanes", (lanes["Pains"].id,),
                                                        (lanes["Actions"].id, lanes["Pains"].id))
    lines = to_text(diff, "a", "b").splitlines()
    assert lines[1] == ("~ voting session 'Top pains': votable lanes: 'Pains' → 'Actions', 'Pains'; "
                        "max per card: 5 → 2")
    assert lines[2] == "~ to-be emotion 'Sees an ad (Ana)': value: 1 → 2"
    assert lines[4:6] == ["+ to-be mark 'Too expensive'", "- to-be mark 'Pays online'"]
    assert detail_lines(diff, diff.differences[0]) == [
        "Voting session changed: 'Top pains'", "votable lanes: 'Pains' → 'Actions', 'Pains'", "max per card: 5 → 2"]


def test_a_to_be_change_is_a_stop_at_its_card_and_a_vote_change_marks_the_card_changed():
    doc, e = workshop()
    cards = e["cards"]
    before = doc.content()
    doc.apply(tobe.set_to_be_emotion(doc, cards["ad"].id, e["ana"].id, -2.0))
    doc.apply(voting.set_wall_total(doc, e["session"].id, cards["price"].id, 7))
    view = comparison_view(before, doc)
    assert view.marks == {cards["price"].id: CHANGED}  # a to-be point is no change of the card itself
    assert [(s.kind, s.target, [d.kind for d in s.differences]) for s in view.stops] == [
        ("card", cards["ad"].id, ["to_be_emotion"]),
        ("card", cards["price"].id, ["card"]),
    ]


def test_run_data_is_counted_not_listed_and_the_report_says_so():
    doc, e = workshop()
    bob, price = e["people"]["bob"], e["cards"]["price"]
    lanes, stages = e["lanes"], e["stages"]
    doc.apply(ops.AddItem(RoomRating(price.id, bob.id, -1, id=room_rating_id(price.id, bob.id))))
    doc.apply(ops.AddItem(InboxCard("Queue too long", lanes["Pains"].id, stages["Buy"].id, bob.id)))
    before = doc.content()
    for i in range(12):
        doc.apply(ops.AddItem(JournalEntry(f"2024-05-01T10:{i:02d}:00Z", "note", detail=f"note {i}")))
    doc.apply(ops.AddItem(PrintRecord("2024-05-01T12:00:00Z", "A1", "A4", 10.0, "snap")))
    doc.apply(ops.UpdateItem("room_rating", room_rating_id(price.id, bob.id), {"value": 2}))
    doc.apply(ops.RemoveItem("inbox_card", doc.items("inbox_card")[0].id))
    diff = compare(before, doc)
    assert diff.differences == () and not diff.empty
    assert [(r.kind, r.added, r.removed, r.changed) for r in diff.run_data] == [
        ("journal_entry", 12, 0, 0), ("print_record", 1, 0, 0), ("inbox_card", 0, 1, 0), ("room_rating", 0, 0, 1)]
    assert to_text(diff, "a", "b").splitlines() == [
        "comparing a with b (matched by id)",
        "run data, counted not listed: 12 journal entries added; 1 print record added; 1 card from the room "
        "removed; 1 rating from the room changed",
    ]
    data = json.loads(json.dumps(to_json(diff)))
    assert data["differences"] == [] and data["counts"] == {"added": 0, "removed": 0, "changed": 0, "moved": 0}
    assert data["run_data"] == [
        {"kind": "journal_entry", "table": "journal_entries", "added": 12, "removed": 0, "changed": 0},
        {"kind": "print_record", "table": "print_records", "added": 1, "removed": 0, "changed": 0},
        {"kind": "inbox_card", "table": "inbox_cards", "added": 0, "removed": 1, "changed": 0},
        {"kind": "room_rating", "table": "room_ratings", "added": 0, "removed": 0, "changed": 1},
    ]


def test_maps_made_apart_match_declared_entities_by_id_only_reading_their_ids_through_the_text_matching():
    doc, e = workshop()
    content = doc.content()
    copy = with_fresh_ids(content)  # every core id new; the declared entities below keep theirs
    new_id = {a.id: b.id for a, b in zip((*content.stages, *content.lanes, *content.cards, *content.personas),
                                         (*copy.stages, *copy.lanes, *copy.cards, *copy.personas), strict=True)}
    capture = e["steps"]["capture"]
    moved_focus = dataclasses.replace(capture, focus_stages=tuple(new_id[i] for i in capture.focus_stages),
                                      focus_lanes=tuple(new_id[i] for i in capture.focus_lanes))
    bob, eve = e["people"]["bob"], e["people"]["eve"]
    eve_again = Participant("Eve")  # the same name, another id: another participant
    copy = dataclasses.replace(copy, items=content_items({
        "participant": [bob, eve_again], "workshop_step": [e["steps"]["intro"], moved_focus]}))
    a = Content(content.info, content.stages, content.lanes, content.cards, content.personas, content.emotions,
                content.connections, content.kpis, content_items({
                    "participant": [bob, eve], "workshop_step": list(e["steps"].values())}))
    diff = compare(a, copy)
    assert diff.matched_by == MATCHED_BY_TEXT
    assert summary(diff) == [
        ("participant", "added", "Eve", (), False),
        ("participant", "removed", "Eve", (), False),
    ]
    assert to_text(diff, "a", "b").splitlines()[1] == (
        "the two maps share no ids: entities were paired by their text and place (participants, voting sessions, "
        "workshop steps, to-be emotions and to-be marks by id only)")


def test_a_hostile_session_name_reaches_the_report_escaped():
    doc, e = workshop()
    before = doc.content()
    doc.apply(voting.edit_session(doc, e["session"].id, name="\x1b[2Jpains\nfake"))
    doc.apply(voting.set_wall_total(doc, e["session"].id, e["cards"]["price"].id, 3))
    report = to_text(compare(before, doc), "a", "b")
    assert "\x1b" not in report and len(report.splitlines()) == 4
    assert "~ card 'Too expensive': votes (\\u001b[2Jpains\\nfake): 2 → 3" in report.splitlines()
