"""Random sequences of operations keep the map's invariants; saving and JSON keep it equal; undoing all returns to the start."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from model import ops
from model.document import Document
from model.domain import PALETTE, Card, CardKind, Connection, Kpi, Lane, LaneKind, Participant, Persona, Stage
from model.errors import JourneyError

texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
names = texts.filter(lambda s: s.strip())


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.doc = Document()
        self.start = self.doc.content()
        self.undo: list[ops.Op] = []
        self.changes = 0
        self.doc.changed.connect(self._count)

    def _count(self, _change) -> None:
        self.changes += 1

    def do(self, op: ops.Op) -> None:
        before, count = self.doc.content(), self.changes
        try:
            self.undo.append(self.doc.apply(op))
        except JourneyError:
            assert self.doc.content() == before, "a refused operation changed the map"
            assert self.changes == count, "a refused operation announced a change"
            return
        assert self.changes == count + 1

    def card_lanes(self):
        return [lane for lane in self.doc.lanes if lane.kind == LaneKind.CARDS]

    @rule(name=names, at=st.integers(0, 8))
    def add_stage(self, name, at):
        self.do(ops.AddStage(Stage(name), min(at, len(self.doc.stages))))

    @rule(name=names, emotions=st.booleans())
    def add_lane(self, name, emotions):
        self.do(ops.AddLane(Lane(name, kind=LaneKind.EMOTIONS if emotions else LaneKind.CARDS)))

    @rule(name=names, colour=st.sampled_from(["#112233", "#AABBCC"]))
    def add_persona(self, name, colour):
        self.do(ops.AddPersona(Persona(name, colour=colour)))

    @precondition(lambda self: self.doc.stages and self.card_lanes())
    @rule(data=st.data(), text=texts, kind=st.sampled_from(list(CardKind)), colour=st.sampled_from(list(PALETTE)))
    def add_card(self, data, text, kind, colour):
        stage = data.draw(st.sampled_from(self.doc.stages))
        lane = data.draw(st.sampled_from(self.card_lanes()))
        size = len(self.doc.cell_cards(stage.id, lane.id))
        self.do(ops.AddCard(Card(stage.id, lane.id, text, kind=kind, colour=colour), data.draw(st.integers(0, size))))

    @precondition(lambda self: self.doc.card_count and self.card_lanes())
    @rule(data=st.data())
    def move_card(self, data):
        card = data.draw(st.sampled_from(self.doc.cards()))
        stage = data.draw(st.sampled_from(self.doc.stages))
        lane = data.draw(st.sampled_from(self.card_lanes()))
        size = len([c for c in self.doc.cell_cards(stage.id, lane.id) if c.id != card.id])
        self.do(ops.MoveCard(card.id, stage.id, lane.id, data.draw(st.integers(0, size))))

    @precondition(lambda self: self.doc.card_count)
    @rule(data=st.data(), text=texts, impact=st.none() | st.integers(0, 5),
          due=st.sampled_from(["", "2026-12-31", "2027-02-29", "31/12"]))
    def edit_card(self, data, text, impact, due):
        card = data.draw(st.sampled_from(self.doc.cards()))
        self.do(ops.UpdateCard(card.id, {"text": text, "impact": impact, "due": due}))

    @precondition(lambda self: self.doc.card_count and self.doc.personas)
    @rule(data=st.data(), value=st.none() | st.floats(-2, 2))
    def set_emotion(self, data, value):
        card = data.draw(st.sampled_from(self.doc.cards()))
        persona = data.draw(st.sampled_from(self.doc.personas))
        self.do(ops.SetEmotion(card.id, persona.id, value))

    @precondition(lambda self: self.doc.card_count >= 2)
    @rule(data=st.data(), share=st.none() | st.floats(0, 100))
    def connect(self, data, share):
        a, b = data.draw(st.lists(st.sampled_from(self.doc.cards()), min_size=2, max_size=2, unique_by=lambda c: c.id))
        self.do(ops.AddConnection(Connection(a.id, b.id, share=share)))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), name=names)
    def add_kpi(self, data, name):
        self.do(ops.AddKpi(Kpi(data.draw(st.sampled_from(self.doc.stages)).id, name, 1.0, 2.0, "%")))

    @precondition(lambda self: len(self.doc.stages) >= 2)
    @rule(data=st.data())
    def move_stage(self, data):
        stage = data.draw(st.sampled_from(self.doc.stages))
        self.do(ops.MoveStage(stage.id, data.draw(st.integers(0, len(self.doc.stages) - 1))))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data())
    def move_lane(self, data):
        lane = data.draw(st.sampled_from(self.doc.lanes))
        self.do(ops.MoveLane(lane.id, data.draw(st.integers(0, len(self.doc.lanes) - 1))))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data())
    def remove_stage(self, data):
        self.do(ops.RemoveStage(data.draw(st.sampled_from(self.doc.stages)).id))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data())
    def remove_lane(self, data):
        self.do(ops.RemoveLane(data.draw(st.sampled_from(self.doc.lanes)).id))

    @precondition(lambda self: self.doc.card_count)
    @rule(data=st.data())
    def remove_card(self, data):
        self.do(ops.RemoveCard(data.draw(st.sampled_from(self.doc.cards())).id))

    @precondition(lambda self: self.doc.personas)
    @rule(data=st.data())
    def remove_persona(self, data):
        self.do(ops.RemovePersona(data.draw(st.sampled_from(self.doc.personas)).id))

    @precondition(lambda self: self.undo)
    @rule(name=names, role=texts, at=st.integers(0, 4))
    def add_participant(self, name, role, at):
        self.do(ops.AddItem(Participant(name, role), min(at, len(self.doc.items("participant")))))

    @precondition(lambda self: self.doc.items("participant"))
    @rule(data=st.data(), name=names)
    def edit_participant(self, data, name):
        who = data.draw(st.sampled_from(self.doc.items("participant")))
        self.do(ops.UpdateItem("participant", who.id, {"name": name}))

    @precondition(lambda self: len(self.doc.items("participant")) > 1)
    @rule(data=st.data())
    def move_participant(self, data):
        people = self.doc.items("participant")
        who = data.draw(st.sampled_from(people))
        self.do(ops.MoveItem("participant", who.id, data.draw(st.integers(0, len(people) - 1))))

    @precondition(lambda self: self.doc.items("participant"))
    @rule(data=st.data())
    def remove_participant(self, data):
        self.do(ops.RemoveItem("participant", data.draw(st.sampled_from(self.doc.items("participant"))).id))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self):
        before_last = self.undo.pop()
        self.doc.apply(before_last)

    @rule()
    def json_export_then_import_is_equal(self):
        from model.interchange.json_format import dumps, loads

        assert loads(dumps(self.doc.content())) == self.doc.content()

    @rule()
    def save_then_reopen_is_equal(self):
        from model.persistence import MapFile, read_content

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "map.journey"
            MapFile.create(path, self.doc.content()).close()
            assert read_content(path) == self.doc.content()

    @invariant()
    def references_hold(self):
        doc = self.doc
        stage_ids = {s.id for s in doc.stages}
        lane_kinds = {lane.id: lane.kind for lane in doc.lanes}
        card_ids = {c.id for c in doc.cards()}
        assert len(card_ids) == doc.card_count
        for card in doc.cards():
            assert card.stage_id in stage_ids and lane_kinds[card.lane_id] == LaneKind.CARDS
        persona_ids = {p.id for p in doc.personas}
        for card_id, persona_id in doc.emotions():
            assert card_id in card_ids and persona_id in persona_ids
        for connection in doc.connections:
            assert {connection.source_id, connection.target_id} <= card_ids
        assert all(k.stage_id in stage_ids for k in doc.kpis)

    @invariant()
    def content_rebuilds_an_equal_document(self):
        assert Document(self.doc.content()) == self.doc

    def teardown(self):
        for inverse in reversed(self.undo):
            self.doc.apply(inverse)
        assert self.doc.content() == self.start


DocumentMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestDocumentMachine = DocumentMachine.TestCase
