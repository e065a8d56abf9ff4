"""Random plan edits, stage and lane deletions and undos: every planned edit changes something and undoes exactly."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from model import ops
from model.errors import ValidationError
from model.interchange.json_format import dumps, loads
from model.workshop import (STEP, add_participant, add_step, delete_step, edit_step, focus_card_ids, focus_of,
                            move_step, rename_participant, set_focus_member, steps)
from model.workshop_domain import Activity, WorkshopStep
from model.workshop_plans import PLAN_NAMES, apply_plan
from tests.model.factories import small_map

titles = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=20)


class PlanMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.doc = small_map()
        self.start = self.doc.content()
        self.undo: list[tuple[ops.Op, object]] = []  # (inverse, content before)

    def push(self, op: ops.Op | None) -> None:
        if op is None:
            return
        before = self.doc.content()
        inverse = self.doc.apply(op)
        assert self.doc.content() != before, f"{op.label} changed nothing"
        self.undo.append((inverse, before))

    def pick(self, data, values):
        return data.draw(st.sampled_from(values))

    @rule(title=titles, activity=st.sampled_from(list(Activity)), minutes=st.integers(1, 480), data=st.data())
    def add(self, title, activity, minutes, data):
        if not title.strip():
            return
        lanes = data.draw(st.lists(st.sampled_from([lane.id for lane in self.doc.lanes]), unique=True, max_size=2))
        self.push(add_step(self.doc, WorkshopStep(title, activity, minutes, focus_lanes=tuple(lanes))))

    @precondition(lambda self: steps(self.doc))
    @rule(data=st.data(), minutes=st.integers(-10, 600), title=titles)
    def edit(self, data, minutes, title):
        step = self.pick(data, steps(self.doc))
        try:
            self.push(edit_step(self.doc, step.id, {"minutes": minutes, "title": title}))
        except ValidationError:
            assert not 1 <= minutes <= 480 or not title.strip()

    @precondition(lambda self: steps(self.doc) and self.doc.stages)
    @rule(data=st.data(), ticked=st.booleans())
    def tick_stage(self, data, ticked):
        step = self.pick(data, steps(self.doc))
        self.push(set_focus_member(self.doc, step.id, "stage", self.pick(data, self.doc.stages).id, ticked))

    @precondition(lambda self: len(steps(self.doc)) > 1)
    @rule(data=st.data())
    def move(self, data):
        step = self.pick(data, steps(self.doc))
        self.push(move_step(self.doc, step.id, data.draw(st.integers(0, len(steps(self.doc)) - 1))))

    @precondition(lambda self: steps(self.doc))
    @rule(data=st.data())
    def delete(self, data):
        self.push(delete_step(self.doc, self.pick(data, steps(self.doc)).id))

    @rule(name=st.sampled_from(PLAN_NAMES))
    def use_plan(self, name):
        self.push(apply_plan(self.doc, name))

    @precondition(lambda self: len(self.doc.stages) > 1)
    @rule(data=st.data())
    def delete_a_stage(self, data):
        self.push(ops.RemoveStage(self.pick(data, self.doc.stages).id))

    @rule(name=titles)
    def add_a_participant(self, name):
        self.push(add_participant(self.doc, name))

    @precondition(lambda self: self.doc.items("participant"))
    @rule(data=st.data(), name=titles)
    def rename_a_participant(self, data, name):
        self.push(rename_participant(self.doc, self.pick(data, self.doc.items("participant")).id, name))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_one(self):
        inverse, before = self.undo.pop()
        self.doc.apply(inverse)
        assert self.doc.content() == before

    @invariant()
    def focus_reads_whatever_was_deleted(self):
        for step in steps(self.doc):
            focus = focus_of(self.doc, step)
            assert set(focus.stages) <= {s.id for s in self.doc.stages}
            ids = focus_card_ids(self.doc, step)
            assert ids is None or ids <= {c.id for c in self.doc.cards()}

    def teardown(self):
        assert loads(dumps(self.doc.content())) == self.doc.content()
        while self.undo:
            self.undo_one()
        assert self.doc.content() == self.start and self.doc.items(STEP) == []


TestPlanMachine = PlanMachine.TestCase
TestPlanMachine.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
