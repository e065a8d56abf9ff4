"""The benchmark's maps are shaped like real ones: what the issue asks of them, checked."""

from __future__ import annotations

from collections import Counter

import pytest

from model.domain import CardKind, LaneKind
from tests.model.realistic_maps import SIZES, realistic_content, realistic_mermaid, shape_for


@pytest.mark.parametrize("size", SIZES)
def test_shapes_stay_within_what_real_maps_have(size):
    shape = shape_for(size)
    assert 6 <= shape.lanes <= 8
    assert shape.stages >= 6 and (shape.stages <= 30 or size > 30 * 7 * 25 * 0.5)
    assert 1 <= size / (shape.stages * (shape.lanes - 1)) <= 25
    assert shape.connections == size // 5 and shape.personas == 3


@pytest.mark.parametrize("size", [300, 2000])
def test_a_realistic_map_has_what_real_maps_have(size):
    content = realistic_content(size)
    assert len(content.cards) == size
    per_cell = Counter(card.cell for card in content.cards)
    assert 1 <= min(per_cell.values()) and max(per_cell.values()) <= 25
    assert 6 <= sum(per_cell.values()) / len(per_cell) <= 14
    assert sum(lane.kind == LaneKind.EMOTIONS for lane in content.lanes) == 1
    cards = content.cards
    assert 0.3 < sum(bool(c.notes) for c in cards) / size < 0.5
    assert 0.4 < sum(bool(c.owner) for c in cards) / size < 0.6
    assert 0.5 < sum(bool(c.evidence) for c in cards) / size < 0.7
    walled = {card_id for kind, values in content.items if kind == "vote" for card_id in (v.card_id for v in values)}
    assert 0.25 < len(walled) / size < 0.42  # a third of the cards got dots on the wall
    assert 0.03 < sum(not c.text.isascii() for c in cards) / size < 0.15  # Greek, Cyrillic, CJK, Arabic
    words = sorted(len(c.text.split()) for c in cards)
    assert words[len(words) // 10] <= 5 and words[-len(words) // 10] >= 20  # one line … a short paragraph
    # Three personas, each with an emotion on most touchpoints.
    touchpoints = {c.id for c in cards if c.kind == CardKind.TOUCHPOINT}
    for persona in content.personas:
        felt = {card_id for card_id, persona_id, _ in content.emotions if persona_id == persona.id}
        assert len(felt & touchpoints) > 0.75 * len(touchpoints)
    # One connection per five cards, mostly within a stage or to the next one.
    stage_of = {c.id: c.stage_id for c in cards}
    order = {s.id: i for i, s in enumerate(content.stages)}
    steps = [order[stage_of[c.target_id]] - order[stage_of[c.source_id]] for c in content.connections]
    assert len(steps) == size // 5
    assert sum(step in (0, 1) for step in steps) / len(steps) > 0.75
    assert any(step < 0 for step in steps) and any(step > 1 for step in steps)


def test_the_same_seed_makes_the_same_map():
    a, b = realistic_content(300), realistic_content(300)
    assert [c.text for c in a.cards] == [c.text for c in b.cards]


def test_a_realistic_mermaid_journey_has_its_tasks():
    text = realistic_mermaid(200)
    assert text.startswith("journey\n")
    assert sum(line.strip().startswith("Task ") for line in text.splitlines()) == 200
