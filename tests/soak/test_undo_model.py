"""Undo/redo model check: every editor command, undo and redo, Save → reopen and Save As, against a model.

A hypothesis state machine drives the editor's real commands
(editor/commands.py) through the editor's one door (EditSession.push) and a
real QUndoStack, on the Document of a real MapFile on disk. The model is the
list of contents at each index of the stack. After every step:

- the map equals the model's content at the stack's index (an undo or redo
  lands exactly where it should, a refused or empty command changes nothing);
- the file equals memory (every step, undo and redo was committed).
Undo-all returns to the stack's start, redo-all to its end. Closing and
reopening the map (or Save As, as the editor does) gives back exactly the
content in memory; editing goes on there with a new stack, as in a new window.

SCALE 1: 30 examples of 30 steps; SCALE 10: 300 examples of 50 steps.
"""

from __future__ import annotations

import itertools
from collections import Counter
import random
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from maps import make_content, seeded_ids
from PySide6.QtGui import QUndoStack

from editor import commands as c
from editor.editing import EditSession
from model.domain import PALETTE, Card, CardKind, Channel, Connection, Kpi, Lane, LaneKind, Persona, Stage
from model.persistence import MapFile, read_content

from .conftest import SCALE

EXAMPLES, STEPS = (30, 30) if SCALE == 1 else (30 * SCALE, 50)

texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=16)
names = texts.filter(lambda s: s.strip())
merge_keys = st.sampled_from([None, None, "burst 1", "burst 2"])
widths = st.floats(100.0, 2100.0)  # some outside 140–2000: refused, and nothing may change
numbers = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


class UndoModel(RuleBasedStateMachine):
    folder: Path
    counter = itertools.count()
    tally: Counter = Counter()  # what the examples did, for the run's figures

    def __init__(self) -> None:
        super().__init__()
        self.tally["examples"] += 1
        # Ids from a seeded stream, so every example replays exactly (hypothesis shrinks by replaying).
        self.ids = seeded_ids(random.Random(0)).__enter__()
        try:
            self.path = self.folder / f"model-{next(self.counter)}.journey"
            self.mapfile = MapFile.create(self.path, make_content(6, seed=3, stages=3, lanes=3))
            self.snapshot_ids: list[str] = []
            self._new_stack()
        except BaseException:
            self.ids.__exit__(None, None, None)
            raise

    # -- plumbing ------------------------------------------------------------------------

    def _new_stack(self) -> None:
        self.doc = self.mapfile.document
        self._reader(self.path)
        self.stack = QUndoStack()
        self.session = EditSession(self.doc, self.stack)
        refusals: list[str] = []
        self.session.refused.connect(refusals.append)
        self.refusals = refusals
        self.states = [self.doc.content()]  # the content at each index of the stack

    def _reader(self, path: Path) -> None:
        """A second, read-only connection to the file (kept open: its compiled queries are reused every step)."""
        from model.persistence.schema import make_engine

        if getattr(self, "reader", None) is not None:
            self.reader.dispose()
        self.reader = make_engine(path, read_only=True)

    def file_content(self):
        from model.document import Document
        from model.persistence.store import read_rows

        with self.reader.connect() as conn, conn.begin():
            return Document(read_rows(conn)).content()

    def push(self, command) -> None:
        before, index, count = self.doc.content(), self.stack.index(), self.stack.count()
        refused = len(self.refusals)
        if not self.session.push(command):
            self.tally["refused" if command.changes_something else "changed nothing"] += 1
            assert self.doc.content() == before, "a command that was not pushed changed the map"
            assert (self.stack.index(), self.stack.count()) == (index, count)
            assert len(self.refusals) - refused == (0 if not command.changes_something else 1)
            return
        self.tally["commands pushed"] += 1
        at = self.stack.index()
        if at < index + 1:  # merged with the step before (typing), or merged back to nothing
            assert at in (index, index - 1)
        if at == index - 1:
            assert self.doc.content() == self.states[at], "a burst typed back to its start still changed the map"
        self.states = self.states[:at] + [self.doc.content()]
        # Every command is undone and redone at once, so every kind's undo is checked every time it is pushed
        # (the undo and redo rules below also walk further back and forth through the history).
        if self.stack.canUndo():
            self.stack.undo()
            assert self.doc.content() == self.states[at - 1], f"undoing {command.text()!r} did not restore the map"
            assert self.file_content() == self.states[at - 1], f"the undo of {command.text()!r} was not saved"
            self.stack.redo()
            assert self.doc.content() == self.states[at], f"redoing {command.text()!r} did not restore its change"

    def pick(self, data, items):
        return data.draw(st.sampled_from(list(items)))

    def card_lanes(self):
        return [lane for lane in self.doc.lanes if lane.kind == LaneKind.CARDS]

    def cards(self):
        return self.doc.cards()

    # -- the map, stages, lanes ----------------------------------------------------------------

    @rule(field=st.sampled_from(["title", "description", "owner"]), value=texts, key=merge_keys)
    def edit_map(self, field, value, key):
        self.push(c.EditMapCommand(self.doc, {field: value}, merge_key=key))

    @rule(name=names, at=st.integers(0, 6))
    def add_stage(self, name, at):
        self.push(c.AddStageCommand(self.doc, Stage(name), min(at, len(self.doc.stages))))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data())
    def delete_stage(self, data):
        self.push(c.DeleteStageCommand(self.doc, self.pick(data, self.doc.stages).id))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), at=st.integers(0, 6))
    def move_stage(self, data, at):
        self.push(c.MoveStageCommand(self.doc, self.pick(data, self.doc.stages).id, min(at, len(self.doc.stages) - 1)))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), field=st.sampled_from(["goal", "question", "name"]), value=texts, key=merge_keys)
    def edit_stage(self, data, field, value, key):
        self.push(c.EditStageCommand(self.doc, self.pick(data, self.doc.stages).id, {field: value}, merge_key=key))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), name=texts)
    def rename_stage(self, data, name):
        self.push(c.RenameStageCommand(self.doc, self.pick(data, self.doc.stages).id, name))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), width=widths)
    def resize_stage(self, data, width):
        self.push(c.ResizeStageCommand(self.doc, self.pick(data, self.doc.stages).id, width))

    @rule(name=names, emotions=st.booleans(), at=st.integers(0, 6))
    def add_lane(self, name, emotions, at):
        kind = LaneKind.EMOTIONS if emotions else LaneKind.CARDS
        self.push(c.AddLaneCommand(self.doc, Lane(name, kind=kind), min(at, len(self.doc.lanes))))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data())
    def delete_lane(self, data):
        self.push(c.DeleteLaneCommand(self.doc, self.pick(data, self.doc.lanes).id))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data(), at=st.integers(0, 6))
    def move_lane(self, data, at):
        self.push(c.MoveLaneCommand(self.doc, self.pick(data, self.doc.lanes).id, min(at, len(self.doc.lanes) - 1)))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data(), field=st.sampled_from(["question", "name", "kind"]), value=texts, key=merge_keys)
    def edit_lane(self, data, field, value, key):
        if field == "kind":  # changing the kind of a lane holding cards is refused
            value = data.draw(st.sampled_from(list(LaneKind)))
        self.push(c.EditLaneCommand(self.doc, self.pick(data, self.doc.lanes).id, {field: value}, merge_key=key))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data(), name=texts)
    def rename_lane(self, data, name):
        self.push(c.RenameLaneCommand(self.doc, self.pick(data, self.doc.lanes).id, name))

    @precondition(lambda self: self.doc.lanes)
    @rule(data=st.data())
    def toggle_lane(self, data):
        self.push(c.ToggleLaneCollapsedCommand(self.doc, self.pick(data, self.doc.lanes).id))

    # -- cards -------------------------------------------------------------------------------

    @precondition(lambda self: self.doc.stages and self.card_lanes())
    @rule(data=st.data(), texts_=st.lists(texts, min_size=1, max_size=3), at=st.one_of(st.none(), st.integers(0, 4)))
    def add_cards(self, data, texts_, at):
        stage, lane = self.pick(data, self.doc.stages), self.pick(data, self.card_lanes())
        size = len(self.doc.cell_cards(stage.id, lane.id))
        cards = [Card(stage.id, lane.id, t) for t in texts_]
        index = None if at is None else min(at, size)
        if len(cards) == 1 and data.draw(st.booleans()):
            self.push(c.AddCardCommand(self.doc, cards[0], index))
        else:
            self.push(c.AddCardsCommand(self.doc, cards, index))

    @precondition(lambda self: self.cards())
    @rule(data=st.data())
    def delete_cards(self, data):
        ids = data.draw(st.lists(st.sampled_from([x.id for x in self.cards()]), min_size=1, max_size=3))
        self.push(c.DeleteCardsCommand(self.doc, ids))

    @precondition(lambda self: self.cards() and self.doc.stages)
    @rule(data=st.data(), at=st.integers(0, 5))
    def move_cards(self, data, at):
        ids = data.draw(st.lists(st.sampled_from([x.id for x in self.cards()]), min_size=1, max_size=3, unique=True))
        stage, lane = self.pick(data, self.doc.stages), self.pick(data, self.doc.lanes)  # an emotions lane: refused
        self.push(c.MoveCardsCommand(self.doc, ids, stage.id, lane.id, at))

    @precondition(lambda self: self.cards())
    @rule(data=st.data(), key=merge_keys, field=st.sampled_from(["text", "notes", "colour", "kind", "channel", "votes",
                                                                  "impact", "owner"]))
    def edit_card(self, data, key, field):
        value = {
            "text": texts, "notes": texts, "owner": texts, "colour": st.sampled_from(list(PALETTE) + ["mauve"]),
            "kind": st.sampled_from(list(CardKind)), "channel": st.sampled_from(list(Channel)),
            "votes": st.integers(-1, 12), "impact": st.one_of(st.none(), st.integers(0, 6)),
        }[field]
        card = self.pick(data, self.cards())
        if field == "text" and data.draw(st.booleans()):
            self.push(c.EditCardTextCommand(self.doc, card.id, data.draw(texts), merge_key=key))
        else:
            self.push(c.EditCardCommand(self.doc, card.id, {field: data.draw(value)}, merge_key=key))

    @precondition(lambda self: self.cards())
    @rule(data=st.data(), colour=st.sampled_from(list(PALETTE)))
    def recolour_cards(self, data, colour):
        ids = data.draw(st.lists(st.sampled_from([x.id for x in self.cards()]), min_size=1, max_size=4))
        self.push(c.UpdateCardsCommand(self.doc, ids, {"colour": colour}))

    @precondition(lambda self: self.cards())
    @rule(data=st.data())
    def duplicate_cards(self, data):
        ids = data.draw(st.lists(st.sampled_from([x.id for x in self.cards()]), min_size=1, max_size=3))
        self.push(c.DuplicateCardsCommand(self.doc, ids))

    # -- emotions, connections, personas, KPIs ---------------------------------------------------------

    @precondition(lambda self: self.cards() and self.doc.personas)
    @rule(data=st.data(), value=st.one_of(st.none(), st.floats(-2.5, 2.5)))
    def set_emotion(self, data, value):
        card, persona = self.pick(data, self.cards()), self.pick(data, self.doc.personas)
        self.push(c.SetEmotionCommand(self.doc, card.id, persona.id, value))

    @precondition(lambda self: len(self.cards()) > 1)
    @rule(data=st.data(), label=texts)
    def add_connection(self, data, label):
        a, b = data.draw(st.lists(st.sampled_from([x.id for x in self.cards()]), min_size=2, max_size=2, unique=True))
        self.push(c.AddConnectionCommand(self.doc, Connection(a, b, label)))  # a pair joined already: refused

    @precondition(lambda self: self.doc.connections)
    @rule(data=st.data(), field=st.sampled_from(["label", "share"]), key=merge_keys)
    def edit_connection(self, data, field, key):
        value = data.draw(texts if field == "label" else st.one_of(st.none(), st.floats(-10.0, 110.0)))
        self.push(c.EditConnectionCommand(self.doc, self.pick(data, self.doc.connections).id, {field: value},
                                          merge_key=key))

    @precondition(lambda self: self.doc.connections)
    @rule(data=st.data())
    def delete_connections(self, data):
        ids = data.draw(st.lists(st.sampled_from([x.id for x in self.doc.connections]), min_size=1, max_size=2,
                                 unique=True))
        self.push(c.DeleteConnectionsCommand(self.doc, ids))

    @rule(name=names, colour=st.sampled_from(["#2B6CB0", "#C05621"]), at=st.integers(0, 3))
    def add_persona(self, name, colour, at):
        self.push(c.AddPersonaCommand(self.doc, Persona(name, colour=colour), min(at, len(self.doc.personas))))

    @precondition(lambda self: self.doc.personas)
    @rule(data=st.data(), field=st.sampled_from(["role", "quote", "colour", "visible", "photo"]), key=merge_keys)
    def edit_persona(self, data, field, key):
        value = data.draw({
            "role": texts, "quote": texts, "colour": st.sampled_from(["#AABBCC", "#112233", "red"]),
            "visible": st.booleans(), "photo": st.one_of(st.none(), st.binary(max_size=64)),
        }[field])
        self.push(c.EditPersonaCommand(self.doc, self.pick(data, self.doc.personas).id, {field: value}, merge_key=key))

    @precondition(lambda self: self.doc.personas)
    @rule(data=st.data())
    def delete_persona(self, data):
        self.push(c.DeletePersonaCommand(self.doc, self.pick(data, self.doc.personas).id))

    @precondition(lambda self: self.doc.personas)
    @rule(data=st.data(), at=st.integers(0, 3))
    def move_persona(self, data, at):
        persona = self.pick(data, self.doc.personas)
        self.push(c.MovePersonaCommand(self.doc, persona.id, min(at, len(self.doc.personas) - 1)))

    @precondition(lambda self: self.doc.stages)
    @rule(data=st.data(), name=names, value=numbers)
    def add_kpi(self, data, name, value):
        self.push(c.AddKpiCommand(self.doc, Kpi(self.pick(data, self.doc.stages).id, name, value=value)))

    @precondition(lambda self: self.doc.kpis)
    @rule(data=st.data(), field=st.sampled_from(["name", "value", "target", "unit"]), key=merge_keys)
    def edit_kpi(self, data, field, key):
        value = data.draw(texts if field in ("name", "unit") else numbers)
        self.push(c.EditKpiCommand(self.doc, self.pick(data, self.doc.kpis).id, {field: value}, merge_key=key))

    @precondition(lambda self: self.doc.kpis)
    @rule(data=st.data())
    def delete_kpi(self, data):
        self.push(c.DeleteKpiCommand(self.doc, self.pick(data, self.doc.kpis).id))

    @rule(data=st.data())
    def delete_selection(self, data):
        def some(items):
            ids = [x.id for x in items]
            return data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if ids else []

        emotion = None
        emotions = list(self.doc.emotions())
        if emotions and data.draw(st.booleans()):
            emotion = data.draw(st.sampled_from(emotions))
        self.push(c.DeleteSelectionCommand(self.doc, cards=some(self.cards()), connections=some(self.doc.connections),
                                           stages=some(self.doc.stages), lanes=some(self.doc.lanes), emotion=emotion))

    # -- snapshots and whole-map replacement ---------------------------------------------------

    @rule(name=names)
    def take_snapshot(self, name):
        self.snapshot_ids.append(self.mapfile.create_snapshot(name).id)

    @precondition(lambda self: self.snapshot_ids)
    @rule(data=st.data())
    def revert_to_snapshot(self, data):
        content = self.mapfile.snapshot_content(self.pick(data, self.snapshot_ids))
        self.push(c.ReplaceContentCommand(self.doc, content, "Revert to snapshot"))

    @rule(cards=st.integers(0, 8), seed=st.integers(0, 50))
    def replace_content(self, cards, seed):
        self.push(c.ReplaceContentCommand(self.doc, make_content(cards, seed=seed, stages=2, lanes=2), "Import"))

    # -- history ---------------------------------------------------------------------------------

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self):
        self.tally["undo"] += 1
        self.stack.undo()
        assert self.doc.content() == self.states[self.stack.index()], "undo did not restore the step before"

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self):
        self.tally["redo"] += 1
        self.stack.redo()
        assert self.doc.content() == self.states[self.stack.index()], "redo did not restore the step after"

    @rule()
    def undo_all_then_redo_all(self):
        self.tally["undo all, redo all"] += 1
        while self.stack.canUndo():
            self.stack.undo()
        assert self.doc.content() == self.states[0], "undoing everything did not return to the start"
        assert read_content(self.path) == self.states[0]
        while self.stack.canRedo():
            self.stack.redo()
        assert self.doc.content() == self.states[-1], "redoing everything did not return to the end"

    @rule(save_as=st.booleans())
    def save_and_reopen(self, save_as):
        self.tally["save as" if save_as else "close and reopen"] += 1
        memory = self.doc.content()
        if save_as:
            self.mapfile = self.mapfile.save_as(self.path.with_name(f"model-{next(self.counter)}.journey"))
            self.path = self.mapfile.path
        else:
            self.mapfile.close()
            self.mapfile = MapFile.open(self.path)
        assert self.mapfile.document.content() == memory, "the reopened map differs from what was in memory"
        assert [s.id for s in self.mapfile.snapshots()] == self.snapshot_ids
        self.stack.clear()  # the old window's history goes with it; a new one starts on the new document
        self._new_stack()

    # -- invariants --------------------------------------------------------------------------------

    @invariant()
    def memory_is_the_model_and_the_file_is_memory(self):
        assert len(self.states) == self.stack.count() + 1
        assert self.doc.content() == self.states[self.stack.index()]
        assert not self.mapfile.unsaved
        assert self.file_content() == self.doc.content(), "the file does not hold what memory holds"

    def teardown(self):
        try:
            self.stack.clear()
            self.mapfile.close()
            self.reader.dispose()
        finally:
            self.ids.__exit__(None, None, None)


@pytest.mark.slow
def test_undo_redo_and_reopen_always_agree_with_the_model(qapp, memory_dir, soak_report):
    UndoModel.folder = memory_dir
    UndoModel.tally = Counter()
    real_uuid4 = uuid.uuid4
    try:
        run_state_machine_as_test(
            UndoModel,
            settings=settings(
                max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, derandomize=SCALE == 1,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
            ),
        )
    finally:
        uuid.uuid4 = real_uuid4  # whatever happened to an example, later tests get random ids again
    figures = ", ".join(f"{name} {count}" for name, count in UndoModel.tally.most_common())
    soak_report(f"undo model: up to {EXAMPLES} examples of up to {STEPS} steps; {figures}")
