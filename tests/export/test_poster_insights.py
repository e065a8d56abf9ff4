"""The poster's "Insights and priorities" page, read back from the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from export.poster import export_poster
from model import ops
from model.document import Document
from model.domain import Card, CardKind, Lane, Stage
from model.templates import example_content
from tests.export.maps import HOSTILE, workshop_map
from tests.export.pdfcheck import MM, flat, needs_pdftotext, page_sizes, pdftotext


def page_texts(path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(str(path)).pages]


def test_the_page_follows_the_poster_only_when_asked(tmp_path):
    plain, with_insights = tmp_path / "plain.pdf", tmp_path / "insights.pdf"
    export_poster(Document(example_content()), plain, paper="A2")
    export_poster(Document(example_content()), with_insights, paper="A2", include_insights=True)
    assert len(page_sizes(plain)) == 1
    sizes = page_sizes(with_insights)
    assert len(sizes) >= 2 and all(size == pytest.approx((594 * MM, 420 * MM), abs=0.01) for size in sizes)
    texts = page_texts(with_insights)
    assert "Insights and priorities" not in texts[0]
    insights = " ".join(texts[1:])
    assert insights.startswith("Insights and priorities FleetPlan: from first search to reference customer")
    for heading in ("Emotions", "Drop-off", "Loops", "Handoffs", "Channels", "Coverage", "Evidence", "Priorities"):
        assert heading in insights
    assert "Advocacy has no KPI." in insights
    assert "#1, quick win: “Pricing page only says “Contact sales”" in insights


def test_a_tiled_poster_puts_the_page_on_a_sheet_last(tmp_path):
    out = tmp_path / "tiles.pdf"
    export_poster(Document(example_content()), out, paper="A2", tile="A4", include_insights=True)
    sizes, texts = page_sizes(out), page_texts(out)
    first = next(i for i, text in enumerate(texts) if text.startswith("Insights and priorities FleetPlan"))
    assert first > 1  # after the assembly page and the tiles
    assert all(size == pytest.approx((210 * MM, 297 * MM), abs=0.01) for size in sizes[first:])
    assert all(text.startswith("Insights and priorities (continued)") for text in texts[first + 1:])
    assert not any("Insights and priorities" in text for text in texts[:first])


def test_only_the_shown_personas_findings(tmp_path):
    # Maya's curve bottoms out at −1.5 at the Onboarding action; Tomás's at −2 at the Decision action.
    out = tmp_path / "maya.pdf"
    export_poster(workshop_map(), out, paper="A2", personas=["Maya"], include_insights=True)
    insights = " ".join(page_texts(out)[1:])
    assert "Maya feels worst at “Imports customers from a spreadsheet” (Onboarding): −1.5" in insights
    assert "Tomás" not in insights and "The personas differ most" not in insights


def test_hostile_text_prints_literally(tmp_path):
    doc = Document()
    stage, lane = Stage("<b>Stage</b>"), Lane("Pain points")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    for text in HOSTILE:
        doc.apply(ops.AddCard(Card(stage.id, lane.id, text, kind=CardKind.PAIN_POINT)))
    out = tmp_path / "hostile.pdf"
    export_poster(doc, out, paper="A3", include_insights=True)
    insights = " ".join(page_texts(out)[1:])
    for text in HOSTILE:
        assert f"No opportunity addresses “{text}” (<b>Stage</b>)" in insights


@needs_pdftotext
def test_hostile_text_through_pdftotext(tmp_path):
    doc = Document()
    stage, lane = Stage("S"), Lane("Pain points")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    doc.apply(ops.AddCard(Card(stage.id, lane.id, '<font color="red">x</font> & AT&T', kind=CardKind.PAIN_POINT)))
    out = tmp_path / "hostile.pdf"
    export_poster(doc, out, paper="A3", include_insights=True)
    assert "“<font color=\"red\">x</font> & AT&T” (S)" in flat(pdftotext(out, page=2))


def test_many_findings_of_one_kind_are_capped_with_a_count(tmp_path):
    doc = Document()
    stage, lane = Stage("S"), Lane("Pain points")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    for i in range(20):
        doc.apply(ops.AddCard(Card(stage.id, lane.id, f"Pain {i:02}", kind=CardKind.PAIN_POINT)))
    out = tmp_path / "many.pdf"
    export_poster(doc, out, paper="A3", include_insights=True)
    insights = " ".join(page_texts(out)[1:])
    # Six shown (Pain 00 … Pain 05), then a count of the other fourteen.
    assert "“Pain 05”" in insights and "“Pain 06”" not in insights
    assert "… and 14 more of this kind (pain point without an opportunity)." in insights


def test_an_empty_map_says_there_is_nothing_yet(tmp_path):
    out = tmp_path / "empty.pdf"
    export_poster(Document(), out, paper="A4", include_insights=True)
    assert "Nothing to report yet" in page_texts(out)[1]
