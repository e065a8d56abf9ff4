"""As-is and to-be (issue 13): to-be emotions and to-be cards as declared entities, their rules, planners,
and the to-be curves the layout computes like the as-is ones."""

from __future__ import annotations

import pytest

from model import ops
from model.document import Document
from model.domain import PrintRecord, ToBeCard, ToBeEmotion, View
from model.errors import NotFoundError, ValidationError
from model.interchange.json_format import dumps, loads
from model.layout import LayoutEngine
from model.tobe import (as_is_content, is_to_be, mark_to_be, set_to_be_emotion, to_be_card_id,
                        to_be_cards, to_be_emotion_id, to_be_value, to_be_values)
from tests.model.factories import small_map


@pytest.fixture
def doc() -> Document:
    return small_map()


def _apply(doc: Document, op):
    assert op is not None
    before = doc.content()
    inverse = doc.apply(op)
    after = doc.content()
    doc.apply(inverse)
    assert doc.content() == before  # undo is exact
    doc.apply(op)
    assert doc.content() == after
    return after


def test_a_to_be_emotion_is_set_changed_and_cleared_in_one_step_each(doc):
    card, ana = doc.cards()[0], doc.personas[0]
    _apply(doc, set_to_be_emotion(doc, card.id, ana.id, 1.5))
    assert to_be_value(doc, card.id, ana.id) == 1.5
    assert set_to_be_emotion(doc, card.id, ana.id, 1.5) is None  # nothing would change
    _apply(doc, set_to_be_emotion(doc, card.id, ana.id, -1))
    assert to_be_values(doc) == {(card.id, ana.id): -1.0}
    _apply(doc, set_to_be_emotion(doc, card.id, ana.id, None))
    assert to_be_value(doc, card.id, ana.id) is None
    assert set_to_be_emotion(doc, card.id, ana.id, None) is None


@pytest.mark.parametrize("value", [2.5, -2.01, float("nan"), float("inf")])
def test_a_to_be_value_outside_the_scale_is_refused(doc, value):
    card, ana = doc.cards()[0], doc.personas[0]
    with pytest.raises(ValidationError, match="between -2 and \\+2|finite"):
        set_to_be_emotion(doc, card.id, ana.id, value)
    with pytest.raises(ValidationError):
        doc.apply(ops.AddItem(ToBeEmotion(card.id, ana.id, value, id=to_be_emotion_id(card.id, ana.id))))


def test_at_most_one_to_be_emotion_per_card_and_persona_whatever_the_path(doc):
    card, ana = doc.cards()[0], doc.personas[0]
    doc.apply(ops.AddItem(ToBeEmotion(card.id, ana.id, 1.0, id=to_be_emotion_id(card.id, ana.id))))
    before = doc.content()
    with pytest.raises(ValidationError, match="already used"):
        doc.apply(ops.AddItem(ToBeEmotion(card.id, ana.id, 2.0, id=to_be_emotion_id(card.id, ana.id))))
    with pytest.raises(ValidationError, match="at most one per card and persona"):
        doc.apply(ops.AddItem(ToBeEmotion(card.id, ana.id, 2.0)))  # a random id: an import, a hostile file
    other = doc.cards()[1]
    with pytest.raises(ValidationError, match="at most one per card and persona"):
        doc.apply(ops.UpdateItem("to_be_emotion", to_be_emotion_id(card.id, ana.id), {"card_id": other.id}))
    assert doc.content() == before


def test_to_be_ids_are_unambiguous_whatever_the_ids_hold():
    assert to_be_emotion_id("a:b", "c") != to_be_emotion_id("a", "b:c")
    assert to_be_emotion_id("a", "b") != to_be_emotion_id("b", "a")
    assert to_be_card_id("a") != to_be_emotion_id("a", "")


def test_cards_are_marked_to_be_and_back_in_one_step(doc):
    ids = [c.id for c in doc.cards()[:3]]
    after = _apply(doc, mark_to_be(doc, ids, True))
    assert to_be_cards(doc) == frozenset(ids) == to_be_cards(after)
    assert mark_to_be(doc, ids, True) is None
    assert mark_to_be(doc, ids[:1], False).label == "Mark card as as-is"
    assert mark_to_be(doc, ids, False).label == "Mark 3 cards as as-is"
    with pytest.raises(ValidationError, match="at most one per card"):
        doc.apply(ops.AddItem(ToBeCard(ids[0])))
    with pytest.raises(NotFoundError):
        mark_to_be(doc, ["nope"], True)


def test_removing_a_card_or_persona_removes_its_future_and_undo_brings_it_back(doc):
    card, ana = doc.cards()[0], doc.personas[0]
    doc.apply(set_to_be_emotion(doc, card.id, ana.id, 2))
    doc.apply(mark_to_be(doc, [card.id], True))
    before = doc.content()
    inverse = doc.apply(ops.RemoveCard(card.id))
    assert not doc.items("to_be_emotion") and not doc.items("to_be_card")
    doc.apply(inverse)
    assert doc.content() == before and is_to_be(doc, card.id)
    doc.apply(ops.RemovePersona(ana.id))
    assert not doc.items("to_be_emotion")


def test_the_future_travels_through_json(doc):
    card, ana = doc.cards()[0], doc.personas[0]
    doc.apply(set_to_be_emotion(doc, card.id, ana.id, 2))
    doc.apply(mark_to_be(doc, [card.id], True))
    content = doc.content()
    assert loads(dumps(content)) == content


def test_the_as_is_map_leaves_the_to_be_cards_out(doc):
    future = doc.cards()[1]
    doc.apply(mark_to_be(doc, [future.id], True))
    content = doc.content()
    today = as_is_content(content)
    assert future.id not in {c.id for c in today.cards}
    assert len(today.cards) == len(content.cards) - 1
    assert all(future.id not in (c.source_id, c.target_id) for c in today.connections)
    plain = small_map().content()
    assert as_is_content(plain) is plain


def test_the_layout_draws_a_to_be_curve_through_the_to_be_values_under_their_cards(doc):
    ana = doc.personas[0]
    cards = [c for c in doc.cards() if doc.lane(c.lane_id).name == "Actions"]
    for card, value in zip(cards, (-2, 0, 2)):
        doc.apply(set_to_be_emotion(doc, card.id, ana.id, value))
    engine = LayoutEngine()
    layout = engine.layout(doc)
    (curve,) = layout.to_be_curves
    assert curve.persona_id == ana.id and curve.colour == ana.colour
    scale = layout.scales[0]
    assert [(p.card_id, p.value) for p in curve.points] == [(c.id, v) for c, v in zip(cards, (-2.0, 0.0, 2.0))]
    for point, card in zip(curve.points, cards):
        box = layout.cards[card.id].rect
        assert box.x <= point.x <= box.right and point.y == pytest.approx(scale.y_for(point.value))
    assert len(curve.segments) == 2
    # The as-is curves are what they were, and an unchanged map gives the very same to-be curve again.
    assert [c.persona_id for c in layout.curves] == [p.id for p in doc.personas]
    assert engine.layout(doc).to_be_curves[0] is curve
    doc.apply(ops.UpdatePersona(ana.id, {"visible": False}))
    assert engine.layout(doc).to_be_curves == ()


def test_a_print_record_checks_its_values():
    ok = PrintRecord("2026-01-01T10:00:00Z", "A1", "A4", 10.0, "snap")
    assert ok.view == View.BOTH and ok.personas == ()
    with pytest.raises(ValidationError, match="overlap"):
        PrintRecord("2026-01-01T10:00:00Z", "A1", "A4", 80.0, "snap")
    with pytest.raises(ValidationError, match="view"):
        PrintRecord("2026-01-01T10:00:00Z", "A1", "A4", 10.0, "snap", view="later")
    with pytest.raises(ValidationError, match="snapshot_id"):
        PrintRecord("2026-01-01T10:00:00Z", "A1", "A4", 10.0, "")


def test_reverting_to_a_snapshot_keeps_the_print_records(doc):
    """A revert restores the map, not the paper on the wall: LAST-PRINT still means the newest print."""
    from model import edits

    earlier = doc.content()
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": "changed"}))
    record = PrintRecord("2026-01-01T10:00:00Z", "A1", "A4", 10.0, "snap")
    doc.apply(ops.AddItem(record))
    op = edits.replace_content(doc, earlier, "Revert")
    doc.apply(op)
    assert doc.items("print_record") == [record]
    assert doc.cards() == list(earlier.cards)
    assert edits.replace_content(doc, earlier, "Revert") is None
