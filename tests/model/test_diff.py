"""Comparing two versions of a map: hand-made pairs with their differences written out, and properties."""

from __future__ import annotations

import dataclasses
import json
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import ops, tobe, voting
from model.diff import KINDS, MATCHED_BY_ID, MATCHED_BY_TEXT, FieldChange, Place, compare
from model.diff_report import quote, to_json, to_text
from model.document import Content, Document
from model.domain import (Card, CardKind, Connection, Kpi, Lane, LaneKind, Participant, Persona, Stage, VotingSession,
                          new_id)
from model.entities import CORE_KINDS, ENTITIES, entity_of
from model.workshop_domain import WorkshopStep


def base() -> tuple[Document, dict]:
    """Two stages × two card lanes and an emotions lane, two personas, named cards, a connection, a KPI."""
    doc = Document()
    s = {n: Stage(n) for n in ("Aware", "Buy", "Keep")}
    lanes = {n: Lane(n) for n in ("Actions", "Pains")}
    lanes["Emotions"] = Lane("Emotions", kind=LaneKind.EMOTIONS)
    p = {n: Persona(n) for n in ("Ana", "Ben")}
    for op in [*map(ops.AddStage, s.values()), *map(ops.AddLane, lanes.values()), *map(ops.AddPersona, p.values())]:
        doc.apply(op)
    cards = {}
    for stage in ("Aware", "Buy"):
        for i in range(4):
            name = f"{stage.lower()}{i}"
            cards[name] = Card(s[stage].id, lanes["Actions"].id, f"{stage} card {i}")
            doc.apply(ops.AddCard(cards[name]))
    cards["pain"] = Card(s["Buy"].id, lanes["Pains"].id, "Too expensive", kind=CardKind.PAIN_POINT)
    doc.apply(ops.AddCard(cards["pain"]))
    doc.apply(ops.SetEmotion(cards["aware0"].id, p["Ana"].id, 1.0))
    doc.apply(ops.SetEmotion(cards["buy0"].id, p["Ana"].id, -1.0))
    doc.apply(ops.SetEmotion(cards["buy0"].id, p["Ben"].id, 0.5))
    conn = Connection(cards["aware0"].id, cards["buy0"].id, "signs up")
    doc.apply(ops.AddConnection(conn))
    kpi = Kpi(s["Buy"].id, "Conversion", 12, 20, "%")
    doc.apply(ops.AddKpi(kpi))
    return doc, {"stages": s, "lanes": lanes, "personas": p, "cards": cards, "conn": conn, "kpi": kpi}


def summary(diff) -> list[tuple]:
    """(kind, status, label, field names, moved) per difference, in the diff's order."""
    return [(d.kind, d.status, d.label, d.field_names, d.moved) for d in diff]


# -- hand-made pairs ------------------------------------------------------------------------


def test_a_map_compared_with_itself_or_an_equal_copy_has_no_differences():
    doc, _ = base()
    assert compare(doc, doc).empty
    assert compare(doc.content(), Document(doc.content()).content()).empty
    assert compare(doc, doc).matched_by == MATCHED_BY_ID


def test_edited_card_lists_each_changed_field_with_before_and_after():
    doc, e = base()
    before = doc.content()
    doc.apply(ops.UpdateCard(e["cards"]["aware1"].id, {"text": "Reads a review", "colour": "red"}))
    diff = compare(before, doc)
    assert summary(diff) == [("card", "changed", "Reads a review", ("text", "colour"), False)]
    (d,) = diff
    assert d.fields == (
        FieldChange("text", "Aware card 1", "Reads a review"),
        FieldChange("colour", "yellow", "red"),
    )
    assert d.before_id == d.after_id == e["cards"]["aware1"].id
    assert d.before == d.after == Place(1, e["stages"]["Aware"].id, e["lanes"]["Actions"].id, "Aware", "Actions")


def test_card_moved_to_another_cell_reports_both_places_and_nothing_else():
    doc, e = base()
    before = doc.content()
    card = e["cards"]["aware2"]
    doc.apply(ops.MoveCard(card.id, e["stages"]["Keep"].id, e["lanes"]["Pains"].id, 0))
    diff = compare(before, doc)
    assert summary(diff) == [("card", "moved", "Aware card 2", (), True)]
    (d,) = diff
    assert d.before == Place(2, e["stages"]["Aware"].id, e["lanes"]["Actions"].id, "Aware", "Actions")
    assert d.after == Place(0, e["stages"]["Keep"].id, e["lanes"]["Pains"].id, "Keep", "Pains")


def test_inserting_a_card_at_the_top_of_a_cell_does_not_move_the_cards_below_it():
    doc, e = base()
    before = doc.content()
    new = Card(e["stages"]["Aware"].id, e["lanes"]["Actions"].id, "First thing")
    doc.apply(ops.AddCard(new, 0))
    doc.apply(ops.RemoveCard(e["cards"]["aware2"].id))
    assert summary(compare(before, doc)) == [
        ("card", "added", "First thing", (), False),
        ("card", "removed", "Aware card 2", (), False),
    ]


def test_a_card_moved_two_places_down_its_cell_is_the_one_reported():
    doc, e = base()
    before = doc.content()
    cards = e["cards"]
    doc.apply(ops.MoveCard(cards["aware0"].id, e["stages"]["Aware"].id, e["lanes"]["Actions"].id, 2))
    diff = compare(before, doc)
    assert summary(diff) == [("card", "moved", "Aware card 0", (), True)]
    assert (diff.differences[0].before.index, diff.differences[0].after.index) == (0, 2)


def test_a_swap_of_neighbours_reports_exactly_one_of_them_the_same_one_every_time():
    doc, e = base()
    before = doc.content()
    doc.apply(ops.MoveCard(e["cards"]["buy1"].id, e["stages"]["Buy"].id, e["lanes"]["Actions"].id, 0))
    first = compare(before, doc)
    assert [d.status for d in first] == ["moved"]
    assert first.differences[0].label in ("Buy card 0", "Buy card 1")
    assert compare(before, doc) == first


def test_removing_a_card_removes_its_emotions_and_connections_too():
    doc, e = base()
    before = doc.content()
    doc.apply(ops.RemoveCard(e["cards"]["buy0"].id))
    assert summary(compare(before, doc)) == [
        ("card", "removed", "Buy card 0", (), False),
        ("emotion", "removed", "Ana at Buy card 0", ("value",), False),
        ("emotion", "removed", "Ben at Buy card 0", ("value",), False),
        ("connection", "removed", "Aware card 0 → Buy card 0 (signs up)", (), False),
    ]


def test_stage_renamed_added_and_moved_kpi_and_connection_edited_emotion_changed():
    doc, e = base()
    before = doc.content()
    s = e["stages"]
    doc.apply(ops.UpdateStage(s["Buy"].id, {"name": "Purchase", "goal": "Pays"}))
    doc.apply(ops.AddStage(Stage("Advocacy")))
    doc.apply(ops.MoveStage(s["Aware"].id, 2))
    doc.apply(ops.UpdateKpi(e["kpi"].id, {"value": 14.0}))
    doc.apply(ops.UpdateConnection(e["conn"].id, {"label": "buys", "share": 40.0}))
    doc.apply(ops.SetEmotion(e["cards"]["buy0"].id, e["personas"]["Ben"].id, -2.0))
    doc.apply(ops.SetEmotion(e["cards"]["aware0"].id, e["personas"]["Ana"].id, None))
    doc.apply(ops.UpdateMap({"title": "Checkout journey"}))
    diff = compare(before, doc)
    assert summary(diff) == [
        ("map", "changed", "Checkout journey", ("title",), False),
        ("stage", "changed", "Purchase", ("name", "goal"), False),
        ("stage", "moved", "Aware", (), True),
        ("stage", "added", "Advocacy", (), False),
        ("emotion", "changed", "Ben at Buy card 0", ("value",), False),
        ("emotion", "removed", "Ana at Aware card 0", ("value",), False),
        ("connection", "changed", "Aware card 0 → Buy card 0 (buys)", ("label", "share"), False),
        ("kpi", "changed", "Conversion", ("value",), False),
    ]
    by_kind = {d.kind: d for d in diff if d.status == "changed"}
    assert by_kind["emotion"].fields == (FieldChange("value", 0.5, -2.0),)
    assert by_kind["kpi"].fields == (FieldChange("value", 12.0, 14.0),)
    moved = diff.of("stage", "moved")[0]
    assert (moved.before, moved.after) == (Place(0), Place(2))
    assert diff.counts() == {"added": 1, "removed": 1, "changed": 5, "moved": 1}


def test_lanes_and_personas_added_removed_and_edited():
    doc, e = base()
    before = doc.content()
    doc.apply(ops.AddLane(Lane("Ideas"), 0))
    doc.apply(ops.UpdateLane(e["lanes"]["Pains"].id, {"collapsed": True}))
    doc.apply(ops.RemovePersona(e["personas"]["Ben"].id))
    doc.apply(ops.UpdatePersona(e["personas"]["Ana"].id, {"role": "Buyer", "photo": b"\x89PNG fake"}))
    doc.apply(ops.AddPersona(Persona("Cleo")))
    assert summary(compare(before, doc)) == [
        ("lane", "added", "Ideas", (), False),
        ("lane", "changed", "Pains", ("collapsed",), False),
        ("persona", "changed", "Ana", ("role", "photo"), False),
        ("persona", "added", "Cleo", (), False),
        ("persona", "removed", "Ben", (), False),
        ("emotion", "removed", "Ben at Buy card 0", ("value",), False),
    ]


def test_an_edited_and_moved_card_is_changed_and_moved():
    doc, e = base()
    before = doc.content()
    card = e["cards"]["buy3"]
    doc.apply(ops.UpdateCard(card.id, {"notes": "from the interviews"}))
    doc.apply(ops.MoveCard(card.id, e["stages"]["Aware"].id, e["lanes"]["Pains"].id, 0))
    (d,) = compare(before, doc)
    assert (d.status, d.field_names, d.moved) == ("changed", ("notes",), True)
    assert (d.before.stage, d.before.lane, d.after.stage, d.after.lane) == ("Buy", "Actions", "Aware", "Pains")


def test_differences_come_in_kind_order_then_the_new_versions_order_then_removals():
    doc, e = base()
    before = doc.content()
    doc.apply(ops.RemoveCard(e["cards"]["aware0"].id))
    doc.apply(ops.AddCard(Card(e["stages"]["Buy"].id, e["lanes"]["Actions"].id, "late"), 0))
    doc.apply(ops.AddCard(Card(e["stages"]["Aware"].id, e["lanes"]["Pains"].id, "early")))
    doc.apply(ops.UpdateKpi(e["kpi"].id, {"name": "Conv."}))
    doc.apply(ops.AddStage(Stage("Zero"), 0))
    kinds = [d.kind for d in compare(before, doc)]
    assert kinds == ["stage", "card", "card", "card", "emotion", "connection", "kpi"]
    assert [d.label for d in compare(before, doc).of("card")] == ["early", "late", "Aware card 0"]


# -- maps made apart: matched by text and place ---------------------------------------------


def with_fresh_ids(content: Content) -> Content:
    """The same map with every id of the core replaced: what importing the same spreadsheet twice gives.

    The declared entities' items keep their own ids (as an imported session's votes do), their references
    and mentioned ids following the core's new ones: a value to compare, not one a Document would load (a
    to-be item's id is no longer the one made from its card).
    """
    ids: dict[str, str] = {}

    def new(old: str) -> str:
        return ids.setdefault(old, new_id())

    r = dataclasses.replace

    def item(kind: str, value):
        entity = ENTITIES[kind]
        changes = {ref.field: new(getattr(value, ref.field)) for ref in entity.refs
                   if ref.kind in CORE_KINDS and getattr(value, ref.field) is not None}
        changes |= {m.field: tuple(map(new, getattr(value, m.field))) for m in entity.mentions if m.kind in CORE_KINDS}
        return r(value, **changes)

    return Content(
        content.info,
        tuple(r(s, id=new(s.id)) for s in content.stages),
        tuple(r(x, id=new(x.id)) for x in content.lanes),
        tuple(r(c, id=new(c.id), stage_id=new(c.stage_id), lane_id=new(c.lane_id)) for c in content.cards),
        tuple(r(p, id=new(p.id)) for p in content.personas),
        tuple(sorted((new(c), new(p), v) for c, p, v in content.emotions)),
        tuple(r(c, id=new(c.id), source_id=new(c.source_id), target_id=new(c.target_id)) for c in content.connections),
        tuple(r(k, id=new(k.id), stage_id=new(k.stage_id)) for k in content.kpis),
        tuple((kind, tuple(item(kind, v) for v in values)) for kind, values in content.items),
    )


def test_two_maps_with_no_id_in_common_are_matched_by_text_and_say_so():
    doc, _ = base()
    copy = with_fresh_ids(doc.content())
    diff = compare(doc, copy)
    assert diff.matched_by == MATCHED_BY_TEXT
    assert diff.empty


def test_maps_made_apart_report_renames_edits_moves_additions_and_removals():
    doc, _ = base()
    other = Document(with_fresh_ids(doc.content()))
    stages = {s.name: s for s in other.stages}
    lanes = {x.name: x for x in other.lanes}
    cards = {c.text: c for c in other.cards()}
    other.apply(ops.UpdateStage(stages["Keep"].id, {"name": "Loyalty"}))
    other.apply(ops.UpdateCard(cards["Buy card 2"].id, {"text": "Buy card two"}))
    other.apply(ops.MoveCard(cards["Aware card 3"].id, stages["Buy"].id, lanes["Pains"].id))
    other.apply(ops.RemoveCard(cards["Aware card 1"].id))
    other.apply(ops.AddCard(Card(stages["Keep"].id, lanes["Actions"].id, "Renews")))
    diff = compare(doc, other)
    assert diff.matched_by == MATCHED_BY_TEXT
    assert summary(diff) == [
        ("stage", "changed", "Loyalty", ("name",), False),
        ("card", "changed", "Buy card two", ("text",), False),
        ("card", "moved", "Aware card 3", (), True),
        ("card", "added", "Renews", (), False),
        ("card", "removed", "Aware card 1", (), False),
    ]
    changed = diff.differences[1]
    assert changed.before_id == next(c.id for c in doc.cards() if c.text == "Buy card 2")
    assert changed.after_id == cards["Buy card 2"].id


def test_text_matching_ignores_case_and_spacing_but_reports_the_edit():
    doc, _ = base()
    other = Document(with_fresh_ids(doc.content()))
    card = next(c for c in other.cards() if c.text == "Buy card 1")
    other.apply(ops.UpdateCard(card.id, {"text": "  buy   CARD 1 "}))
    assert summary(compare(doc, other)) == [("card", "changed", "buy   CARD 1", ("text",), False)]


def test_an_empty_map_against_a_full_one_is_all_additions_by_id():
    doc, _ = base()
    diff = compare(Content(), doc)
    assert diff.matched_by == MATCHED_BY_ID
    assert {d.status for d in diff} == {"added"}
    assert len(diff.of("card")) == doc.card_count


# -- reports ---------------------------------------------------------------------------------


HOSTILE = ("\x1b[2J\x1b[31mred", "line one\nline two", "right\u202eleft", "<b>bold</b> & 'quotes'", "\x00"[:0] + "\u0085next")


@pytest.mark.parametrize("text", HOSTILE)
def test_reports_show_hostile_text_on_one_line_without_control_characters(text):
    doc, e = base()
    before = doc.content()
    doc.apply(ops.UpdateCard(e["cards"]["aware0"].id, {"text": text}))
    diff = compare(before, doc)
    report = to_text(diff, "a.journey", "b.journey")
    assert len(report.splitlines()) == 3  # heading, the one difference, the counts
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch == "\u202e" for ch in report.replace("\n", ""))
    data = json.loads(json.dumps(to_json(diff)))
    assert data["differences"][0]["fields"][0] == {"field": "text", "before": "Aware card 0", "after": text}


def test_json_report_carries_ids_places_counts_and_photos_as_digests():
    doc, e = base()
    before = doc.content()
    card = e["cards"]["aware2"]
    doc.apply(ops.MoveCard(card.id, e["stages"]["Keep"].id, e["lanes"]["Pains"].id))
    doc.apply(ops.UpdatePersona(e["personas"]["Ana"].id, {"photo": b"12345"}))
    data = json.loads(json.dumps(to_json(compare(before, doc))))
    assert data["matched_by"] == "id"
    assert data["counts"] == {"added": 0, "removed": 0, "changed": 1, "moved": 1}
    persona, moved = data["differences"]
    assert persona["fields"] == [{"field": "photo", "before": None, "after": {
        "bytes": 5, "sha256": "5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5"}}]
    assert moved["before"] == {"index": 2, "stage_id": e["stages"]["Aware"].id, "lane_id": e["lanes"]["Actions"].id,
                               "stage": "Aware", "lane": "Actions"}
    assert moved["after"]["stage"] == "Keep" and moved["after"]["index"] == 0


def test_quote_cuts_long_text():
    assert quote("x" * 100, 10) == "'" + "x" * 9 + "…'"
    assert quote("a\tb") == "'a\\tb'"


# -- properties --------------------------------------------------------------------------------


@st.composite
def maps(draw) -> Document:
    """A random map built through Document.apply: stages, lanes, personas, cards, emotions, connections, KPIs."""
    doc = Document()
    for i in range(draw(st.integers(1, 4))):
        doc.apply(ops.AddStage(Stage(f"S{i}")))
    for i in range(draw(st.integers(1, 3))):
        doc.apply(ops.AddLane(Lane(f"L{i}")))
    doc.apply(ops.AddLane(Lane("Emotions", kind=LaneKind.EMOTIONS), draw(st.integers(0, len(doc.lanes)))))
    for i in range(draw(st.integers(0, 3))):
        doc.apply(ops.AddPersona(Persona(f"P{i}")))
    card_lanes = [x for x in doc.lanes if x.kind == LaneKind.CARDS]
    for i in range(draw(st.integers(0, 14))):
        stage, lane = draw(st.sampled_from(doc.stages)), draw(st.sampled_from(card_lanes))
        doc.apply(ops.AddCard(Card(stage.id, lane.id, draw(st.sampled_from(["", "same", f"card {i}"])))))
    cards = doc.cards()
    if cards and doc.personas:
        for _ in range(draw(st.integers(0, 8))):
            card, persona = draw(st.sampled_from(cards)), draw(st.sampled_from(doc.personas))
            doc.apply(ops.SetEmotion(card.id, persona.id, draw(st.sampled_from([-2.0, -0.5, 0.0, 1.0]))))
    if len(cards) >= 2:
        for a, b in draw(st.lists(st.sampled_from(list(combinations(cards, 2))), max_size=4, unique=True)):
            doc.apply(ops.AddConnection(Connection(a.id, b.id, draw(st.sampled_from(["", "goes"])))))
    for i in range(draw(st.integers(0, 3))):
        doc.apply(ops.AddKpi(Kpi(draw(st.sampled_from(doc.stages)).id, f"K{i}", float(i))))
    _draw_workshop(draw, doc)
    return doc


def _draw_workshop(draw, doc: Document) -> None:
    """Participants, a plan's steps (focused on a stage or not), voting sessions with wall dots and
    participants' votes, to-be marks and points: the declared entities a comparison lists."""
    for i in range(draw(st.integers(0, 2))):
        doc.apply(ops.AddItem(Participant(f"U{i}")))
    for i in range(draw(st.integers(0, 3))):
        focus = draw(st.sampled_from([(), (doc.stages[0].id,)]))
        doc.apply(ops.AddItem(WorkshopStep(f"T{i}", focus_stages=focus)))
    cards = doc.cards()
    people = doc.items("participant")
    for i in range(draw(st.integers(0, 2))):
        session = VotingSession(f"V{i}", votes_per_participant=9, max_per_card=9)
        doc.apply(voting.add_session(doc, session))
        for card in draw(st.lists(st.sampled_from(cards), max_size=3, unique_by=lambda c: c.id)) if cards else ():
            doc.apply(voting.set_wall_total(doc, session.id, card.id, draw(st.integers(1, 4))))
            if people:
                doc.apply(voting.cast(doc, session.id, draw(st.sampled_from(people)).id, card.id))
    if cards:
        marked = tobe.mark_to_be(doc, draw(st.lists(st.sampled_from([c.id for c in cards]), max_size=3)), True)
        if marked is not None:
            doc.apply(marked)
        if doc.personas:
            for _ in range(draw(st.integers(0, 3))):
                card, persona = draw(st.sampled_from(cards)), draw(st.sampled_from(doc.personas))
                point = tobe.set_to_be_emotion(doc, card.id, persona.id, draw(st.sampled_from([-1.0, 0.5])))
                if point is not None:
                    doc.apply(point)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(maps())
def test_any_map_compared_with_itself_is_empty(doc):
    assert compare(doc, doc).empty
    assert compare(doc, with_fresh_ids(doc.content())).empty


def _removed_by(inverse: ops.Op) -> list[tuple[tuple[str, object], str]]:
    """What an applied removal did, read from its inverse (every entity the undo adds back): each (kind, id)
    removed, and each card that stays but lost votes "changed"."""
    taken = _taken_by(inverse)
    cards = {key[1] for key in taken if key[0] == "card"}
    return ([(key, "removed") for key in taken if key[0] in KINDS]
            + [(("card", card), "changed") for kind, card in taken if kind == "vote" and card not in cards])


def _taken_by(inverse: ops.Op) -> list[tuple[str, object]]:
    """(kind, id) of every entity the inverse adds back; ("vote", its card's id) for a vote."""
    found: list[tuple[str, object]] = []
    if isinstance(inverse, ops.Batch):
        for op in inverse.ops:
            found += _taken_by(op)
    elif isinstance(inverse, ops.AddItem):
        kind = entity_of(inverse.value).kind
        found.append(("vote", inverse.value.card_id) if kind == "vote" else (kind, inverse.value.id))
    elif isinstance(inverse, ops.AddCard):
        found.append(("card", inverse.card.id))
    elif isinstance(inverse, ops.AddStage):
        found.append(("stage", inverse.stage.id))
    elif isinstance(inverse, ops.AddLane):
        found.append(("lane", inverse.lane.id))
    elif isinstance(inverse, ops.AddPersona):
        found.append(("persona", inverse.persona.id))
    elif isinstance(inverse, ops.AddConnection):
        found.append(("connection", inverse.connection.id))
    elif isinstance(inverse, ops.AddKpi):
        found.append(("kpi", inverse.kpi.id))
    elif isinstance(inverse, ops.SetEmotion) and inverse.value is not None:
        found.append(("emotion", (inverse.card_id, inverse.persona_id)))
    return found


class Edits:
    """Random edits applied to a map, each to an entity no earlier edit named, with what they must show."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.expected: dict[tuple[str, object], str] = {}  # (kind, id) -> status
        self.moved: set[tuple[str, object]] = set()
        self.named: set[object] = set()
        self.n = 0

    def fresh(self) -> str:
        self.n += 1
        return f"edit {self.n}"

    def _note(self, key, status: str) -> None:
        was = self.expected.get(key)
        if status == "removed":
            if was == "added":
                del self.expected[key]
            else:
                self.expected[key] = "removed"
                self.moved.discard(key)
        elif was is None:
            self.expected[key] = status
        elif was == "moved" and status == "changed":
            self.expected[key] = "changed"

    def untouched(self, items, kind):
        return [x for x in items if (kind, x.id) not in self.expected and x.id not in self.named]

    def apply(self, data) -> None:
        doc = self.doc
        choices = ["add_card", "add_stage", "add_persona", "map"]
        cards = self.untouched(doc.cards(), "card")
        if cards:
            choices += ["edit_card", "remove_card", "move_card"]
            if doc.personas:
                choices.append("emotion")
        if len(doc.cards()) >= 2:
            choices.append("connect")
        if self.untouched(doc.stages, "stage"):
            choices += ["rename_stage", "remove_stage"]
        if self.untouched(doc.lanes, "lane"):
            choices.append("rename_lane")
        if self.untouched(doc.personas, "persona"):
            choices += ["rename_persona", "remove_persona"]
        if self.untouched(doc.connections, "connection"):
            choices += ["label_connection", "remove_connection"]
        if self.untouched(doc.kpis, "kpi"):
            choices += ["kpi_value"]
        choices += self.workshop_choices()
        what = data.draw(st.sampled_from(choices))
        if what in self.workshop_choices():
            self.workshop_edit(what, data)
            return
        card_lanes = [x for x in doc.lanes if x.kind == LaneKind.CARDS]
        if what == "add_card":
            stage, lane = data.draw(st.sampled_from(doc.stages)), data.draw(st.sampled_from(card_lanes))
            card = Card(stage.id, lane.id, self.fresh())
            doc.apply(ops.AddCard(card, data.draw(st.integers(0, len(doc.cell_cards(stage.id, lane.id))))))
            self._note(("card", card.id), "added")
        elif what == "add_stage":
            stage = Stage(self.fresh())
            doc.apply(ops.AddStage(stage, data.draw(st.integers(0, len(doc.stages)))))
            self._note(("stage", stage.id), "added")
        elif what == "add_persona":
            persona = Persona(self.fresh())
            doc.apply(ops.AddPersona(persona))
            self._note(("persona", persona.id), "added")
        elif what == "map":
            doc.apply(ops.UpdateMap({"title": self.fresh()}))
            self._note(("map", "map"), "changed")
        elif what in ("edit_card", "remove_card", "move_card", "emotion"):
            card = data.draw(st.sampled_from(cards))
            self.named.add(card.id)
            if what == "edit_card":
                doc.apply(ops.UpdateCard(card.id, {"text": self.fresh()}))
                self._note(("card", card.id), "changed")
            elif what == "remove_card":
                for key, status in _removed_by(doc.apply(ops.RemoveCard(card.id))):
                    self._note(key, status)
            elif what == "move_card":
                cells = [(s.id, x.id) for s in doc.stages for x in card_lanes if (s.id, x.id) != card.cell]
                if not cells:
                    return
                stage_id, lane_id = data.draw(st.sampled_from(cells))
                size = len(doc.cell_cards(stage_id, lane_id))
                doc.apply(ops.MoveCard(card.id, stage_id, lane_id, data.draw(st.integers(0, size))))
                self._note(("card", card.id), "moved")
                self.moved.add(("card", card.id))
            else:
                persona = data.draw(st.sampled_from(doc.personas))
                key = (card.id, persona.id)
                old = doc.emotion(*key)
                value = data.draw(st.sampled_from([v for v in (-2.0, -1.5, 0.25, 1.75, None) if v != old]))
                if old is None and value is None:
                    return
                doc.apply(ops.SetEmotion(card.id, persona.id, value))
                self._note(("emotion", key), "added" if old is None else "removed" if value is None else "changed")
        elif what == "connect":
            a, b = data.draw(st.lists(st.sampled_from(doc.cards()), min_size=2, max_size=2, unique_by=lambda c: c.id))
            if any((c.source_id, c.target_id) == (a.id, b.id) for c in doc.connections):
                return
            conn = Connection(a.id, b.id)
            doc.apply(ops.AddConnection(conn))
            self._note(("connection", conn.id), "added")
        elif what in ("rename_stage", "remove_stage"):
            stage = data.draw(st.sampled_from(self.untouched(doc.stages, "stage")))
            self.named.add(stage.id)
            if what == "rename_stage":
                doc.apply(ops.UpdateStage(stage.id, {"name": self.fresh()}))
                self._note(("stage", stage.id), "changed")
            elif len(doc.stages) > 1:
                for key, status in _removed_by(doc.apply(ops.RemoveStage(stage.id))):
                    self._note(key, status)
        elif what == "rename_lane":
            lane = data.draw(st.sampled_from(self.untouched(doc.lanes, "lane")))
            self.named.add(lane.id)
            doc.apply(ops.UpdateLane(lane.id, {"name": self.fresh()}))
            self._note(("lane", lane.id), "changed")
        elif what in ("rename_persona", "remove_persona"):
            persona = data.draw(st.sampled_from(self.untouched(doc.personas, "persona")))
            self.named.add(persona.id)
            if what == "rename_persona":
                doc.apply(ops.UpdatePersona(persona.id, {"name": self.fresh()}))
                self._note(("persona", persona.id), "changed")
            else:
                for key, status in _removed_by(doc.apply(ops.RemovePersona(persona.id))):
                    self._note(key, status)
        elif what in ("label_connection", "remove_connection"):
            conn = data.draw(st.sampled_from(self.untouched(doc.connections, "connection")))
            self.named.add(conn.id)
            if what == "label_connection":
                doc.apply(ops.UpdateConnection(conn.id, {"label": self.fresh()}))
                self._note(("connection", conn.id), "changed")
            else:
                doc.apply(ops.RemoveConnection(conn.id))
                self._note(("connection", conn.id), "removed")
        elif what == "kpi_value":
            kpi = data.draw(st.sampled_from(self.untouched(doc.kpis, "kpi")))
            self.named.add(kpi.id)
            doc.apply(ops.UpdateKpi(kpi.id, {"value": (kpi.value or 0.0) + 1.0}))
            self._note(("kpi", kpi.id), "changed")


    # The declared entities (model/diff_entities.py): each edit names what it touches, like the core's.

    def voters(self) -> set[str]:
        return {v.participant_id for v in self.doc.items("vote")}

    def workshop_choices(self) -> list[str]:
        doc = self.doc
        choices = ["add_participant", "add_step", "add_session"]
        if self.untouched(doc.items("participant"), "participant"):
            choices.append("rename_participant")
        if [p for p in self.untouched(doc.items("participant"), "participant") if p.id not in self.voters()]:
            choices.append("remove_participant")  # a voter's removal would change cards' totals: not here
        if self.untouched(doc.items("workshop_step"), "workshop_step"):
            choices += ["retitle_step", "remove_step"]
        if self.untouched(doc.items("voting_session"), "voting_session"):
            choices += ["reveal_session", "delete_session"]
            if self.untouched(doc.cards(), "card"):
                choices.append("wall_total")
        if self.untouched(doc.cards(), "card"):
            choices.append("mark_to_be")
            if doc.personas:
                choices.append("to_be_emotion")
        return choices

    def workshop_edit(self, what: str, data) -> None:
        doc = self.doc
        if what == "add_participant":
            person = Participant(self.fresh())
            doc.apply(ops.AddItem(person, data.draw(st.integers(0, len(doc.items("participant"))))))
            self._note(("participant", person.id), "added")
        elif what in ("rename_participant", "remove_participant"):
            people = self.untouched(doc.items("participant"), "participant")
            if what == "remove_participant":
                people = [p for p in people if p.id not in self.voters()]
            person = data.draw(st.sampled_from(people))
            self.named.add(person.id)
            if what == "rename_participant":
                doc.apply(ops.UpdateItem("participant", person.id, {"name": self.fresh()}))
                self._note(("participant", person.id), "changed")
            else:
                doc.apply(ops.RemoveItem("participant", person.id))
                self._note(("participant", person.id), "removed")
        elif what == "add_step":
            step = WorkshopStep(self.fresh())
            doc.apply(ops.AddItem(step, data.draw(st.integers(0, len(doc.items("workshop_step"))))))
            self._note(("workshop_step", step.id), "added")
        elif what in ("retitle_step", "remove_step"):
            step = data.draw(st.sampled_from(self.untouched(doc.items("workshop_step"), "workshop_step")))
            self.named.add(step.id)
            if what == "retitle_step":
                doc.apply(ops.UpdateItem("workshop_step", step.id, {"title": self.fresh()}))
                self._note(("workshop_step", step.id), "changed")
            else:
                doc.apply(ops.RemoveItem("workshop_step", step.id))
                self._note(("workshop_step", step.id), "removed")
        elif what == "add_session":
            session = VotingSession(self.fresh())
            doc.apply(voting.add_session(doc, session))
            self._note(("voting_session", session.id), "added")
        elif what in ("reveal_session", "delete_session", "wall_total"):
            session = data.draw(st.sampled_from(self.untouched(doc.items("voting_session"), "voting_session")))
            self.named.add(session.id)
            if what == "reveal_session":
                doc.apply(voting.reveal(doc, session.id, not session.revealed))
                self._note(("voting_session", session.id), "changed")
            elif what == "delete_session":  # its votes' cards lose them: changed
                for key, status in _removed_by(doc.apply(voting.delete_session(doc, session.id))):
                    self._note(key, status)
            else:
                card = data.draw(st.sampled_from(self.untouched(doc.cards(), "card")))
                self.named.add(card.id)
                wall = next((v.count for v in doc.items("vote") if v.session_id == session.id
                             and v.card_id == card.id and v.participant_id is None), 0)
                doc.apply(voting.set_wall_total(doc, session.id, card.id, data.draw(
                    st.sampled_from([n for n in (0, 1, 3) if n != wall]))))
                self._note(("card", card.id), "changed")
        elif what == "mark_to_be":
            card = data.draw(st.sampled_from(self.untouched(doc.cards(), "card")))
            self.named.add(card.id)
            marked = tobe.is_to_be(doc, card.id)
            doc.apply(tobe.mark_to_be(doc, [card.id], not marked))
            self._note(("to_be_card", tobe.to_be_card_id(card.id)), "removed" if marked else "added")
        elif what == "to_be_emotion":
            card = data.draw(st.sampled_from(self.untouched(doc.cards(), "card")))
            persona = data.draw(st.sampled_from(doc.personas))
            self.named.add(card.id)
            old = tobe.to_be_value(doc, card.id, persona.id)
            value = data.draw(st.sampled_from([v for v in (-2.0, 0.25, None) if v != old]))
            if old is None and value is None:
                return
            doc.apply(tobe.set_to_be_emotion(doc, card.id, persona.id, value))
            self._note(("to_be_emotion", tobe.to_be_emotion_id(card.id, persona.id)),
                       "added" if old is None else "removed" if value is None else "changed")


@FAST
@given(maps(), st.data())
def test_random_edits_are_reported_exactly_entity_by_entity(doc, data):
    before = doc.content()
    edits = Edits(doc)
    for _ in range(data.draw(st.integers(1, 8))):
        edits.apply(data)
    diff = compare(before, doc)
    reported = {(d.kind, d.after_id if d.after_id is not None else d.before_id): d.status for d in diff}
    assert reported == edits.expected
    moved = {(d.kind, d.after_id) for d in diff if d.moved}
    assert moved == edits.moved & set(reported)
    assert diff.matched_by == MATCHED_BY_ID
    assert compare(before, doc) == diff  # the same order every time


def _lis_length(seq: list[int]) -> int:
    best = [1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if seq[j] < seq[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@FAST
@given(st.permutations(range(7)))
def test_a_reordering_reports_the_fewest_moves_that_explain_it(order):
    stages = [Stage(f"S{i}") for i in range(7)]
    a = Content(stages=tuple(stages))
    b = Content(stages=tuple(stages[i] for i in order))
    moved = {d.before_id for d in compare(a, b)}
    assert all(d.status == "moved" for d in compare(a, b))
    assert len(moved) == 7 - _lis_length(list(order))
    kept = [i for i in order if stages[i].id not in moved]
    assert kept == sorted(kept)  # the stages not reported kept their relative order
