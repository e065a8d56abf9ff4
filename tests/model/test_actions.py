"""Action cards: a workshop's decisions and next steps, with an owner and a due date."""

from __future__ import annotations

import pytest

from model import edits, ops
from model.card_footer import due_label, has_footer, right_text
from model.domain import KIND_COLOURS, Card, CardKind, Lane, card_kind_for_lane
from model.errors import ValidationError
from model.fonts import regular_metrics
from model.layout import LayoutEngine

from .factories import small_map
from .test_edits import check_exact


@pytest.mark.parametrize("due", ["", "2026-12-31", "2028-02-29", "0001-01-01", "9999-12-31"])
def test_a_due_date_is_an_iso_calendar_date_or_nothing(due):
    assert Card("s", "l", due=due).due == due


@pytest.mark.parametrize(("due", "message"), [
    ("31/12", "due date '31/12' is not a date like 2026-12-31"),
    ("2026-12-31 ", "due date '2026-12-31 ' is not a date like 2026-12-31"),
    ("2026-12-31\n", r"due date '2026-12-31\\n' is not a date like 2026-12-31"),
    ("2026-1-5", "is not a date like 2026-12-31"),
    ("2026-12-31T09:00", "is not a date like 2026-12-31"),
    ("２０２６-１２-３１", "is not a date like 2026-12-31"),  # digits, but not the ASCII ones a date is written in
    ("next week\nor so", r"due date 'next week\\nor so' is not"),  # one line, whatever was typed
    ("2027-02-29", "due date '2027-02-29' is not a day of the calendar"),
    ("2026-13-01", "is not a day of the calendar"),
    (None, "a due date must be text like 2026-12-31"),
    (20261231, "a due date must be text"),
])
def test_anything_else_is_refused_with_one_clear_line(due, message):
    with pytest.raises(ValidationError, match=message) as caught:
        Card("s", "l", due=due)
    assert "\n" not in str(caught.value)


def test_a_very_long_wrong_date_is_quoted_short():
    with pytest.raises(ValidationError) as caught:
        Card("s", "l", due="x" * 10_000)
    assert len(str(caught.value)) < 120


def test_the_action_kind_has_a_label_a_colour_of_its_own_and_is_made_by_a_next_steps_lane():
    assert CardKind("action") is CardKind.ACTION and CardKind.ACTION.label == "Action"
    assert KIND_COLOURS[CardKind.ACTION] not in {c for k, c in KIND_COLOURS.items() if k != CardKind.ACTION}
    for name in ("Next steps", "Action items", "Follow-ups", "To-do"):
        assert Lane(name).card_kind == CardKind.ACTION, name
    # An Actions lane holds what the customer does: its cards are notes, not the team's actions.
    assert card_kind_for_lane("Actions") == CardKind.NOTE == card_kind_for_lane("Customer actions")


def test_cards_were_built_positionally_before_due_and_still_are():
    card = Card("s", "l", "text", CardKind.ACTION, "notes", "orange", "", "Sales", "", 3, 2, "2026-12-31")
    assert (card.owner, card.impact, card.effort, card.due) == ("Sales", 3, 2, "2026-12-31")


def test_setting_and_clearing_a_due_date_are_exact_edits():
    doc = small_map()
    card = doc.cards()[0]
    check_exact(doc, edits.update(doc, ops.UpdateCard, card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
    doc.apply(edits.update(doc, ops.UpdateCard, card.id, {"due": "2026-12-31"}))
    assert edits.update(doc, ops.UpdateCard, card.id, {"due": "2026-12-31"}) is None  # nothing would change
    check_exact(doc, edits.update(doc, ops.UpdateCard, card.id, {"due": ""}))
    chosen = [c.id for c in doc.cards()[:3]]
    check_exact(doc, edits.update_cards(doc, chosen, {"due": "2027-01-15"}, "Set due date"), expect_text="Set due date")
    before = doc.content()
    with pytest.raises(ValidationError, match="not a date like"):
        doc.apply(edits.update(doc, ops.UpdateCard, card.id, {"due": "tomorrow"}))
    assert doc.content() == before


def test_an_action_shows_its_due_date_in_its_footer_other_cards_do_not():
    action = Card("s", "l", "Call back", CardKind.ACTION, due="2026-12-31")
    note = Card("s", "l", "Call back", due="2026-12-31")
    assert due_label(action) == "Due 2026-12-31" and due_label(note) == ""
    assert due_label(action.with_changes(due="")) == ""
    assert has_footer(action, voted=False) and not has_footer(note, voted=False)
    assert has_footer(note, voted=True) and has_footer(note.with_changes(owner="Sales"), voted=False)


def test_the_footer_text_shortens_the_owner_before_the_date():
    metrics, size = regular_metrics(), 9.0
    action = Card("s", "l", "x", CardKind.ACTION, owner="Customer success and onboarding team", due="2026-12-31")
    assert right_text(action, 1000, metrics, size) == "Customer success and onboarding team · Due 2026-12-31"
    due_width = metrics.text_width(" · Due 2026-12-31", size)
    fitted = right_text(action, due_width + 40, metrics, size)
    assert fitted.endswith("… · Due 2026-12-31") and fitted.startswith("Cust")
    assert metrics.text_width(fitted, size) <= due_width + 40
    assert right_text(action, metrics.text_width("Due 2026-12-31", size) + 1, metrics, size) == "Due 2026-12-31"
    assert right_text(action.with_changes(kind=CardKind.NOTE), 1000, metrics, size) == action.owner
    assert right_text(Card("s", "l"), 1000, metrics, size) == ""


def test_the_layout_gives_an_action_with_a_due_date_a_footer():
    doc = small_map()
    card = doc.cards()[0]
    engine = LayoutEngine()
    assert engine.layout(doc).cards[card.id].footer is None
    doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
    box = engine.layout(doc).cards[card.id]  # the kept cell is measured again: the card changed
    assert box.footer is not None
    doc.apply(ops.UpdateCard(card.id, {"due": ""}))
    assert engine.layout(doc).cards[card.id].footer is None
