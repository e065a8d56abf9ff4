"""Every Document operation validates, applies, announces one change and inverts exactly."""

from __future__ import annotations

import pytest

from model import ops
from model.document import Document
from model.domain import Card, Connection, Kpi, Lane, LaneKind, Participant, Persona, Stage
from model.errors import NotFoundError, SaveRefusedError, ValidationError
from model.events import Origin

from .factories import small_map


def ids(doc: Document):
    return {
        "stages": [s.id for s in doc.stages],
        "lanes": [lane.id for lane in doc.lanes],
        "cards": [c.id for c in doc.cards()],
    }


def exact(doc: Document, op: ops.Op) -> ops.Op:
    """Apply op, check undo returns to the start exactly and redo to the same result."""
    before = doc.content()
    changes = []
    disconnect = doc.changed.connect(changes.append)
    inverse = doc.apply(op)
    after = doc.content()
    assert len(changes) == 1, "one operation announces exactly one change"
    assert changes[0].op is op and changes[0].inverse is inverse
    doc.apply(inverse)
    assert doc.content() == before
    redo_inverse = doc.apply(op)
    assert doc.content() == after
    disconnect()
    return redo_inverse


@pytest.fixture
def doc() -> Document:
    return small_map()


def first(doc: Document, lane_name: str = "Actions") -> Card:
    lane = next(lane for lane in doc.lanes if lane.name == lane_name)
    return doc.cell_cards(doc.stages[0].id, lane.id)[0]


def test_every_kind_of_edit_is_exactly_invertible(doc):
    stage, lane, persona = doc.stages[1], doc.lanes[0], doc.personas[0]
    card = first(doc)
    connection, kpi = doc.connections[0], doc.kpis[0]
    edits = [
        ops.UpdateMap({"title": "Onboarding", "emotion_labels": ("a", "b", "c", "d", "e")}),
        ops.AddStage(Stage("Advocacy"), 1),
        ops.MoveStage(stage.id, 0),
        ops.UpdateStage(stage.id, {"name": "Choice", "width": 400.0, "goal": "pick"}),
        ops.AddLane(Lane("Thoughts"), 0),
        ops.MoveLane(lane.id, 2),
        ops.UpdateLane(lane.id, {"collapsed": True, "name": "Doing"}),
        ops.AddCard(Card(stage.id, lane.id, "new"), 1),
        ops.MoveCard(card.id, stage.id, lane.id, 0),
        ops.MoveCard(card.id, card.stage_id, card.lane_id, 1),
        ops.UpdateCard(card.id, {"text": "x", "colour": "blue", "impact": 5}),
        ops.AddPersona(Persona("Cy"), 0),
        ops.MovePersona(persona.id, 1),
        ops.UpdatePersona(persona.id, {"photo": b"\x89PNG", "visible": False}),
        ops.SetEmotion(card.id, persona.id, -1.5),
        ops.SetEmotion(card.id, persona.id, None),
        ops.AddConnection(Connection(card.id, doc.cards()[-1].id, "skip", 5)),
        ops.UpdateConnection(connection.id, {"label": "renamed", "share": None}),
        ops.AddKpi(Kpi(stage.id, "NPS", 30), 0),
        ops.UpdateKpi(kpi.id, {"target": 25.0}),
    ]
    for edit in edits:
        exact(doc, edit)


@pytest.mark.parametrize("kind", ["stage", "lane", "card", "persona", "connection", "kpi"])
def test_removal_cascades_and_undo_restores_everything_in_place(doc, kind):
    target = {
        "stage": lambda: ops.RemoveStage(doc.stages[0].id),
        "lane": lambda: ops.RemoveLane(doc.lanes[0].id),
        "card": lambda: ops.RemoveCard(first(doc).id),
        "persona": lambda: ops.RemovePersona(doc.personas[0].id),
        "connection": lambda: ops.RemoveConnection(doc.connections[0].id),
        "kpi": lambda: ops.RemoveKpi(doc.kpis[0].id),
    }[kind]()
    before_ids = ids(doc)
    exact(doc, target)
    assert ids(doc) != before_ids or kind in {"persona", "connection", "kpi"}


def test_removing_a_stage_takes_its_cards_emotions_connections_and_kpis(doc):
    stage = doc.stages[0]
    gone = {c.id for c in doc.cards() if c.stage_id == stage.id}
    doc.apply(ops.RemoveStage(stage.id))
    assert not gone & {c.id for c in doc.cards()}
    assert not any(c in gone for c, _ in doc.emotions())
    assert not any({c.source_id, c.target_id} & gone for c in doc.connections)
    assert all(k.stage_id != stage.id for k in doc.kpis)


def test_a_refused_batch_changes_nothing_and_announces_nothing(doc):
    before = doc.content()
    seen = []
    doc.changed.connect(seen.append)
    card = first(doc)
    batch = ops.Batch((ops.UpdateCard(card.id, {"text": "changed"}), ops.RemoveStage("no-such-stage")))
    with pytest.raises(NotFoundError):
        doc.apply(batch)
    assert doc.content() == before
    assert seen == []


@pytest.mark.parametrize(
    "make_op",
    [
        lambda d: ops.AddStage(Stage("dup", id=d.stages[0].id)),
        lambda d: ops.AddCard(Card(d.stages[0].id, next(x for x in d.lanes if x.kind == "emotions").id, "no")),
        lambda d: ops.AddCard(Card("nowhere", d.lanes[0].id)),
        lambda d: ops.AddCard(Card(d.stages[0].id, d.lanes[0].id), 99),
        lambda d: ops.MoveStage(d.stages[0].id, 3),
        lambda d: ops.UpdateCard(first(d).id, {"stage_id": d.stages[1].id}),
        lambda d: ops.UpdateCard(first(d).id, {"colour": "#ff0000"}),
        lambda d: ops.UpdateCard(first(d).id, {"impact": 6}),
        lambda d: ops.UpdateCard(first(d).id, {"id": "x"}),
        lambda d: ops.UpdateStage(d.stages[0].id, {"name": "  "}),
        lambda d: ops.UpdateStage(d.stages[0].id, {"width": float("nan")}),
        lambda d: ops.UpdateLane(d.lanes[0].id, {"kind": "emotions"}),
        lambda d: ops.SetEmotion(first(d).id, d.personas[0].id, 2.5),
        lambda d: ops.SetEmotion(first(d).id, "ghost", 1),
        lambda d: ops.AddConnection(Connection(d.connections[0].source_id, d.connections[0].target_id)),
        lambda d: ops.AddKpi(Kpi("ghost", "NPS")),
        lambda d: ops.UpdatePersona(d.personas[0].id, {"colour": "red"}),
        lambda d: ops.UpdateMap({"emotion_labels": ("only", "four", "labels", "here")}),
    ],
)
def test_invalid_edits_are_refused_with_a_typed_error_and_change_nothing(doc, make_op):
    before = doc.content()
    with pytest.raises((ValidationError, NotFoundError)) as info:
        doc.apply(make_op(doc))
    assert str(info.value) and "\n" not in str(info.value)
    assert doc.content() == before


def test_values_are_validated_when_built():
    with pytest.raises(ValidationError):
        Connection("a", "a")
    with pytest.raises(ValidationError):
        Persona("")
    with pytest.raises(ValidationError):
        Card("s", "l", "nul\x00byte")


def test_move_within_a_cell_counts_positions_without_the_moved_card(doc):
    stage, lane = doc.stages[0], doc.lanes[0]
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "third")))
    a, b, c = doc.cell_cards(stage.id, lane.id)
    doc.apply(ops.MoveCard(a.id, stage.id, lane.id, 2))
    assert [x.id for x in doc.cell_cards(stage.id, lane.id)] == [b.id, c.id, a.id]


def test_dirty_names_every_sibling_whose_position_changed(doc):
    seen = []
    doc.changed.connect(seen.append)
    stage = doc.stages[2]
    doc.apply(ops.MoveStage(stage.id, 0))
    assert {key for kind, key in seen[-1].dirty if kind == "stage"} == {s.id for s in doc.stages}


def test_persona_curve_follows_journey_order(doc):
    persona = doc.personas[0]
    curve = doc.persona_curve(persona.id)
    stage_order = [doc.stage_index(card.stage_id) for card, _ in curve]
    assert stage_order == sorted(stage_order)
    assert [value for _, value in curve] == [-1.0, 0.0, 1.0]


def test_replace_content_is_one_undoable_step(doc):
    other = Document()
    other.apply(ops.AddStage(Stage("Only")))
    exact(doc, ops.ReplaceContent(other.content(), "Revert to snapshot"))


def test_lane_kind_must_be_known():
    with pytest.raises(ValidationError, match="lane kind"):
        Lane("x", kind="swimming")
    assert Lane("x", kind="emotions").kind is LaneKind.EMOTIONS


def test_text_that_is_not_unicode_is_refused():
    with pytest.raises(ValidationError, match="surrogate"):
        Card("s", "l", "half a pair \ud800")


# -- the save step, the views, dispatch -----------------------------------------------------------


class _Store:
    """A store that keeps the changes it saved, or refuses while `refuse` is set."""

    def __init__(self) -> None:
        self.saved: list = []
        self.refuse: Exception | None = None

    def commit(self, change) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.saved.append(change)


def test_the_store_saves_each_change_before_any_view_hears_of_it(doc):
    store = _Store()
    doc.store = store
    order = []
    doc.changed.connect(lambda change: order.append(("view", len(store.saved))))
    doc.apply(ops.UpdateMap({"title": "Saved first"}), Origin.ROOM)
    assert order == [("view", 1)]
    assert store.saved[0].origin == Origin.ROOM and store.saved[0].dirty == {("map", "map")}


@pytest.mark.parametrize("refusal", [SaveRefusedError("disk full"), OSError("I/O error")])
def test_a_refused_save_leaves_the_document_as_it_was_and_raises_a_typed_error(doc, refusal):
    store = _Store()
    doc.store = store
    heard = []
    doc.changed.connect(heard.append)
    before = doc.content()
    store.refuse = refusal
    with pytest.raises(SaveRefusedError):
        doc.apply(ops.RemoveStage(doc.stages[0].id))  # a cascade: cards, emotions, connections, KPIs
    assert doc.content() == before and heard == []
    store.refuse = None
    doc.apply(ops.UpdateMap({"title": "Next"}))
    assert store.saved[-1].dirty == {("map", "map")}  # nothing of the refused change came along


def test_a_failing_view_neither_stops_the_others_nor_undoes_the_change(doc):
    heard, failures = [], []

    def broken(_change):
        raise RuntimeError("a view fell over")

    doc.changed.connect(broken)
    doc.changed.connect(heard.append)
    doc.changed.on_error = lambda slot, error: failures.append((slot, error))
    inverse = doc.apply(ops.UpdateMap({"title": "Kept"}))
    assert doc.info.title == "Kept" and len(heard) == 1
    assert failures and failures[0][0] is broken and isinstance(failures[0][1], RuntimeError)
    doc.apply(inverse)
    assert doc.info.title != "Kept"


def test_a_refused_batch_leaves_no_dirty_keys_for_the_next_change(doc):
    """Regression: the keys a refused batch marked leaked into the next change's dirty set."""
    card = doc.cards()[0]
    bad = ops.Batch((ops.UpdateCard(card.id, {"text": "changed"}), ops.RemoveStage("no such stage")))
    with pytest.raises(NotFoundError):
        doc.apply(bad)
    seen = []
    doc.changed.connect(seen.append)
    doc.apply(ops.UpdateMap({"title": "Clean"}))
    assert seen[0].dirty == {("map", "map")}


def test_every_operation_class_has_a_handler_in_the_dispatch_table():
    import inspect

    from model import document

    public = {cls for _name, cls in inspect.getmembers(ops, inspect.isclass)
              if issubclass(cls, ops.Op) and cls is not ops.Op and cls.__module__ == ops.__name__}
    assert public <= set(document._HANDLERS)
    for op_type, handler in document._HANDLERS.items():
        assert callable(handler), op_type


def test_an_operation_of_an_unknown_type_is_refused(doc):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class AddCardz(ops.Op):  # a look-alike: a name built from a class name would have found a handler
        card: Card

    with pytest.raises(ValidationError, match="unknown operation"):
        doc.apply(AddCardz(doc.cards()[0]))


def test_an_apply_from_inside_an_apply_is_refused(doc):
    class Nested:
        def commit(self, change):
            doc.apply(ops.UpdateMap({"title": "sneaky"}))

    doc.store = Nested()
    with pytest.raises(SaveRefusedError, match="while another one is being applied or saved"):
        doc.apply(ops.UpdateMap({"title": "outer"}))
    assert doc.info.title == "Untitled journey"


# -- items of the declared entities (model/entities.py) ----------------------------------------------


def test_participant_items_are_added_moved_edited_and_removed_exactly(doc):
    dana, eli = Participant("Dana", "Support lead"), Participant("Eli", colour="#2F855A")
    for op in (ops.AddItem(dana), ops.AddItem(eli, 0), ops.MoveItem("participant", dana.id, 0),
               ops.UpdateItem("participant", eli.id, {"role": "Sales"}), ops.RemoveItem("participant", dana.id)):
        before = doc.content()
        seen = []
        disconnect = doc.changed.connect(seen.append)
        inverse = doc.apply(op)
        disconnect()
        after = doc.content()
        assert after != before and seen[0].touches("participant")
        doc.apply(inverse)
        assert doc.content() == before
        doc.apply(op)
        assert doc.content() == after
    assert [p.name for p in doc.items("participant")] == ["Eli"] and doc.items("participant")[0].role == "Sales"
    assert ops.AddItem(dana).label == "Add participant" and ops.RemoveItem("participant", "x").label == "Delete participant"


def test_an_item_of_an_undeclared_type_or_kind_is_refused(doc):
    with pytest.raises(ValidationError, match="not something a map keeps"):
        doc.apply(ops.AddItem(Stage("not an item")))
    with pytest.raises(ValidationError, match="keeps no"):
        doc.apply(ops.RemoveItem("ballot", "x"))
    with pytest.raises(ValidationError):
        Participant("   ")  # a name is required


def test_items_that_refer_to_a_removed_thing_go_with_it_and_come_back_on_undo(doc, monkeypatch):
    """The cascade every referring entity gets from its declaration (votes on a card, say)."""
    from dataclasses import dataclass, field

    from model import entities
    from model.document import Document
    from model.domain import new_id

    @dataclass(frozen=True, slots=True)
    class Mark:
        card_id: str
        persona_id: str
        note: str = ""
        id: str = field(default_factory=new_id)

        def with_changes(self, **changes):
            from dataclasses import replace
            return replace(self, **changes)

    mark = entities.Entity("mark", Mark, "marks", "mark", since=99,
                           refs=(entities.Ref("card_id", "card", "card"), entities.Ref("persona_id", "persona", "persona")))
    monkeypatch.setitem(entities.ENTITIES, "mark", mark)
    monkeypatch.setitem(entities._BY_TYPE, Mark, mark)
    doc = Document(doc.content())  # made after the declaration, so it keeps marks
    card, other = doc.cards()[0], doc.cards()[1]
    ana, ben = doc.personas
    for c, p in ((card, ana), (card, ben), (other, ana)):
        doc.apply(ops.AddItem(Mark(c.id, p.id)))
    with pytest.raises(NotFoundError):
        doc.apply(ops.AddItem(Mark("no such card", ana.id)))
    before = doc.content()
    undo_card = doc.apply(ops.RemoveCard(card.id))
    assert [(m.card_id, m.persona_id) for m in doc.items("mark")] == [(other.id, ana.id)]
    undo_persona = doc.apply(ops.RemovePersona(ana.id))
    assert doc.items("mark") == []
    doc.apply(undo_persona)
    doc.apply(undo_card)
    assert doc.content() == before  # every mark back in its place
    with pytest.raises(NotFoundError):
        doc.apply(ops.UpdateItem("mark", doc.items("mark")[0].id, {"card_id": "gone"}))
    assert doc.content() == before


def test_an_entitys_own_rule_holds_on_every_add_and_update(doc, monkeypatch):
    """What a ballot's budget will use: the declaration's check runs whatever the path."""
    from model import entities
    from model.document import Document

    def at_most_two(document, value):
        others = [p for p in document.items("participant") if p.id != value.id]
        if len(others) >= 2:
            raise ValidationError("the room is full")
        if value.name == "Nobody":
            raise ValidationError("no one is called Nobody")

    checked = entities.Entity("participant", Participant, "participants", "participant", since=3, check=at_most_two)
    monkeypatch.setitem(entities.ENTITIES, "participant", checked)
    monkeypatch.setitem(entities._BY_TYPE, Participant, checked)
    doc = Document(doc.content())
    dana = Participant("Dana")
    doc.apply(ops.AddItem(dana))
    doc.apply(ops.AddItem(Participant("Eli")))
    before = doc.content()
    with pytest.raises(ValidationError, match="full"):
        doc.apply(ops.AddItem(Participant("Fay")))
    with pytest.raises(ValidationError, match="Nobody"):
        doc.apply(ops.UpdateItem("participant", dana.id, {"name": "Nobody"}))
    assert doc.content() == before


def test_a_change_held_from_the_views_is_saved_at_once_and_announced_in_order():
    saved, heard = [], []

    class Store:
        def commit(self, change):
            saved.append(change.op)

    doc = small_map()
    doc.store = Store()
    doc.changed.connect(lambda change: heard.append(change.op))
    card = doc.cards()[0]
    first = ops.UpdateCard(card.id, {"text": "held"})
    doc.apply(first, Origin.ROOM, announce=False)
    assert saved == [first] and heard == [] and doc.card(card.id).text == "held"  # in the file and the map
    second = ops.UpdateCard(card.id, {"notes": "next"})
    doc.apply(second)  # the next operation announces what was held first
    assert heard == [first, second]
    third = ops.UpdateCard(card.id, {"owner": "Sales"})
    doc.apply(third, announce=False)
    doc.announce()
    doc.announce()  # nothing twice
    assert heard == [first, second, third]
