"""Templates and the bundled example map."""

from __future__ import annotations

import pytest

from model import voting
from model.document import Document
from model.domain import CardKind, LaneKind
from model.errors import ValidationError
from model.templates import TEMPLATE_NAMES, build_template, example_content, template_summary

STAGES = {
    "five-phase": ["Awareness", "Consideration", "Decision", "Purchase", "Loyalty & advocacy"],
    "b2b": ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"],
    "ecommerce": ["Awareness", "Consideration", "Conversion", "Retention", "Advocacy"],
    "digital": ["Awareness", "Discovering", "Learning", "Choosing", "Purchasing", "After-sales"],
    "service-blueprint": ["Awareness", "Consideration", "Decision", "Purchase", "Loyalty & advocacy"],
    "blank": ["Stage 1", "Stage 2", "Stage 3"],
}
STANDARD_LANES = ["Actions", "Touchpoints", "Thoughts", "Emotions", "Pain points", "Opportunities"]
LANES = {
    "five-phase": STANDARD_LANES,
    "b2b": [*STANDARD_LANES, "Backstage"],
    "ecommerce": STANDARD_LANES,
    "digital": STANDARD_LANES,
    "service-blueprint": ["Customer actions", "Frontstage", "Backstage", "Support processes", "Emotions"],
    "blank": ["Actions", "Emotions"],
}


def test_the_names_are_the_documented_ones():
    assert TEMPLATE_NAMES == ("five-phase", "b2b", "ecommerce", "digital", "service-blueprint", "blank")


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_template_builds_with_its_stages_lanes_and_questions(name):
    content = build_template(name)
    assert [s.name for s in content.stages] == STAGES[name]
    assert [lane.name for lane in content.lanes] == LANES[name]
    assert all(s.question.strip().endswith("?") for s in content.stages)
    assert all(lane.question.strip().endswith("?") for lane in content.lanes)
    if name != "blank":  # a blank map leaves the goals to the team
        assert all(s.goal.strip() and "\n" not in s.goal for s in content.stages)
    assert [lane.name for lane in content.lanes if lane.kind == LaneKind.EMOTIONS] == ["Emotions"]
    assert [p.name for p in content.personas] == ["Customer"]
    assert content.cards == () and content.emotions == ()
    assert Document(content).content() == content  # valid and canonical
    assert template_summary(name) and "\n" not in template_summary(name)


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_each_call_gives_fresh_ids(name):
    first, second = build_template(name), build_template(name)
    ids = lambda c: {x.id for x in (*c.stages, *c.lanes, *c.personas)}  # noqa: E731
    assert not ids(first) & ids(second)
    assert [s.name for s in first.stages] == [s.name for s in second.stages]


def test_title_is_used_and_checked():
    assert build_template("b2b", "Onboarding, Q3").info.title == "Onboarding, Q3"
    assert build_template("b2b").info.title
    with pytest.raises(ValidationError, match="title"):
        build_template("b2b", "   ")


def test_an_unknown_template_lists_the_names():
    with pytest.raises(ValidationError, match="no template named 'kanban'; choose one of: five-phase, b2b"):
        build_template("kanban")
    with pytest.raises(ValidationError):
        template_summary("kanban")


# -- the example ---------------------------------------------------------------


def test_example_is_a_realistic_b2b_journey():
    content = example_content()
    doc = Document(content)
    assert [s.name for s in content.stages] == STAGES["b2b"]
    assert 36 <= len(content.cards) <= 50
    card_lanes = [lane for lane in content.lanes if lane.kind == LaneKind.CARDS]
    assert all(doc.cell_cards(s.id, lane.id) for s in content.stages for lane in card_lanes)  # every cell used
    kinds = {c.kind for c in content.cards}
    assert {CardKind.TOUCHPOINT, CardKind.PAIN_POINT, CardKind.OPPORTUNITY, CardKind.IDEA, CardKind.QUOTE,
            CardKind.NOTE} <= kinds
    assert sum(1 for c in content.cards if c.channel) >= 20
    assert sum(1 for c in content.cards if c.impact and c.effort) >= 8
    (session,) = content.items_of("voting_session")  # the dot vote a workshop held on it, revealed
    assert session.current and session.revealed and len(voting.shown_votes(doc)) >= 8
    text = " ".join(c.text for c in content.cards).lower()
    assert "lorem" not in text and "ipsum" not in text


def test_example_has_two_full_personas_with_curves():
    content = example_content()
    doc = Document(content)
    assert len(content.personas) == 2
    for persona in content.personas:
        assert all([persona.role, persona.quote, persona.goals, persona.needs, persona.pains,
                    persona.behaviours, persona.motivations])
        assert persona.photo is None
        curve = doc.persona_curve(persona.id)
        assert len(curve) >= 8
        # the curve dips at a pain point
        assert any(card.kind == CardKind.PAIN_POINT and value <= -1.5 for card, value in curve)
    assert content.personas[0].colour != content.personas[1].colour


def test_example_has_a_connection_looping_back_and_kpis():
    content = example_content()
    doc = Document(content)
    stage_of = {c.id: doc.stage_index(c.stage_id) for c in content.cards}
    loops = [c for c in content.connections if stage_of[c.target_id] < stage_of[c.source_id]]
    assert loops and loops[0].label and loops[0].share is not None
    assert len(content.connections) >= 4
    assert len({k.stage_id for k in content.kpis}) >= 3
    assert any("NPS" in k.name for k in content.kpis)
    assert all(k.value is not None and k.target is not None for k in content.kpis)


def test_the_bundled_example_passes_the_json_schema_it_skips_at_start_up():
    import json
    from importlib.resources import files

    from model.interchange.json_format import loads
    from model.interchange.json_schema import first_problem
    from model.templates import EXAMPLE_FILE

    text = (files("resources") / "examples" / EXAMPLE_FILE).read_text(encoding="utf-8")
    assert first_problem(json.loads(text)) is None
    assert loads(text) == example_content()
