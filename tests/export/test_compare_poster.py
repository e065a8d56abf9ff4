"""The comparison poster (issue 13), read back with pypdf: the legend with its counts, the removed card's
ghost text where it was, every change listed with before and after; hostile text printed literally."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from export.compare_poster import export_comparison_poster
from model import ops
from model.document import Document
from model.domain import Card
from model.errors import ValidationError
from tests.export.maps import workshop_map
from tests.export.pdfcheck import flat
from tests.hostile.corpus import hostile_texts

REMOVED_TEXT = "Doesn't know such tools exist for small teams"


def edited() -> tuple[Document, Document]:
    before = workshop_map()
    after = Document(before.content())
    cards = {c.text: c for c in after.cards()}
    after.apply(ops.RemoveCard(cards[REMOVED_TEXT].id))
    after.apply(ops.UpdateCard(cards["Books a demo"].id, {"text": "Books a live demo"}))
    pricing = cards["Pricing page"]
    quote = cards["Quote PDF"]
    after.apply(ops.MoveCard(pricing.id, quote.stage_id, quote.lane_id, 0))
    after.apply(ops.AddCard(Card(quote.stage_id, quote.lane_id, "Pricing calculator")))
    after.apply(ops.UpdatePersona(after.personas[0].id, {"role": "Office manager"}))
    return before, after


@pytest.fixture(scope="module")
def poster(tmp_path_factory):
    before, after = edited()
    out = tmp_path_factory.mktemp("compare") / "comparison.pdf"
    assert export_comparison_poster(before, after, out, paper="A2", before_name="snapshot 'Workshop 1'") == []
    return PdfReader(str(out))


def test_the_poster_carries_a_legend_of_the_marks_with_their_counts(poster):
    text = flat(poster.pages[0].extract_text())
    assert "Legend" in text and "Changes" in text
    for label in ("Added (1)", "Changed (1)", "Moved, with a trace from its old cell (1)",
                  "Removed, shown where it was (1)", "Earlier emotion curve"):
        assert label in text
    assert "Compared with snapshot 'Workshop 1':" in text


def test_a_removed_cards_ghost_is_printed_where_it_was(poster):
    text = flat(poster.pages[0].extract_text())
    assert "Removed " + REMOVED_TEXT in text  # the ghost's label, then its text
    assert "Books a live demo" in text and "Pricing calculator" in text


def test_every_change_is_listed_with_before_and_after(poster):
    listed = flat(" ".join(page.extract_text() for page in poster.pages[1:]))
    assert listed.startswith("Changes since snapshot 'Workshop 1'")
    assert "Card changed: 'Books a live demo' text: 'Books a demo' → 'Books a live demo'" in listed
    assert f"Card removed: '{REMOVED_TEXT}' was in 'Awareness' / 'Pain points' #1" in listed
    assert "Card moved: 'Pricing page' moved from 'Consideration' / 'Touchpoints' #1 to 'Decision' / " in listed
    assert "Persona changed: 'Maya' role: 'Office manager, 12-person agency' → 'Office manager'" in listed


def test_hostile_text_of_a_removed_card_prints_literally(tmp_path):
    markup = "<para><b>Not bold</b> &amp; <font color='red'>not red</font></para>"
    texts = [markup] + [t for t in hostile_texts() if t.strip()][:25]
    before = workshop_map()
    lane = before.lanes[0]
    for text in texts:
        before.apply(ops.AddCard(Card(before.stages[0].id, lane.id, text[:300])))
    after = Document(workshop_map().content())
    out = tmp_path / "hostile.pdf"
    export_comparison_poster(before, after, out, paper="A1")
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 2
    listed = " ".join(page.extract_text() for page in reader.pages[1:])
    assert listed.count("Card removed") == len(texts)
    ghosts = flat(reader.pages[0].extract_text()).replace(" ", "")
    assert markup.replace(" ", "") in ghosts


def test_a_refused_paper_writes_nothing(tmp_path):
    before, after = edited()
    with pytest.raises(ValidationError):
        export_comparison_poster(before, after, tmp_path / "c.pdf", paper="B7")
    assert list(tmp_path.iterdir()) == []
