"""The stage-by-stage tour's stops, read from the map (no Qt)."""

from __future__ import annotations

from model import ops
from model.document import Document
from model.domain import Card, CardKind, Kpi, Lane, Stage
from model.tour import tour_stops
from tests.model.factories import small_map


def test_one_stop_per_stage_in_journey_order_with_its_cards_and_kpis():
    doc = small_map()
    stops = tour_stops(doc)
    assert [s.name for s in stops] == [s.name for s in doc.stages]
    assert [(s.number, s.count) for s in stops] == [(1, 3), (2, 3), (3, 3)]
    for stop in stops:
        assert stop.card_ids == {c.id for c in doc.cards() if c.stage_id == stop.stage_id}
    decision = stops[1]
    assert decision.kpis == ("Conversion 12 → 20 %",)
    assert "Conversion 12 → 20 %" in decision.prompt
    assert stops[0].kpis == () and stops[0].prompt == ""
    assert decision.kinds == ((CardKind.TOUCHPOINT, 2), (CardKind.PAIN_POINT, 1))
    assert "3 cards: touchpoint × 2, pain point × 1." in decision.notes
    assert decision.notes.startswith("Stage 2 of 3.")


def test_goal_question_and_an_empty_stage():
    doc = Document()
    stage = Stage("Onboarding", goal="Be productive on day one", question="What slows the first day?")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(Lane("Actions")))
    doc.apply(ops.AddKpi(Kpi(stage.id, "NPS", 31)))
    (stop,) = tour_stops(doc)
    assert stop.prompt == "Be productive on day one\nNPS 31"
    assert "Question: What slows the first day?" in stop.notes
    assert "No cards yet." in stop.notes
    assert stop.card_ids == frozenset()


def test_an_empty_map_has_no_stops():
    assert tour_stops(Document()) == ()


def test_hostile_names_are_kept_literally():
    doc = Document()
    name = "<b>Pay</b> & \"go\"\u202e\n%s{0}"
    stage = Stage(name, goal="<script>alert(1)</script>")
    lane = Lane("Actions")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "x")))
    (stop,) = tour_stops(doc)
    assert stop.title == name
    assert stop.prompt == "<script>alert(1)</script>"
