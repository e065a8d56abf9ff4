"""Markdown export: every stage, lane and card in order, user text escaped."""

from __future__ import annotations

import pytest

from export.markdown import escape, to_markdown, write_markdown
from model import ops as o
from model.document import Document
from model.domain import Card, CardKind, Lane, Stage
from model.errors import ExportError
from model.templates import example_content

HOSTILE = "<script>alert(1)</script> **bold** [link](http://x) # not a heading & AT&T"


def test_every_stage_and_card_appears_in_journey_order():
    content = example_content()
    text, warnings = to_markdown(content)
    assert warnings
    positions = [text.index(f"## {escape(stage.name)}") for stage in content.stages]
    assert positions == sorted(positions)
    for card in content.cards:
        assert escape(card.text) in text


def test_user_text_cannot_inject_markup():
    doc = Document(example_content())
    stage, lane = doc.stages[0], next(lane for lane in doc.lanes if lane.kind == "cards")
    doc.apply(o.AddCard(Card(stage.id, lane.id, HOSTILE + "\nsecond line")))
    doc.apply(o.UpdateMap({"title": "# Title <b>"}))
    text, _ = to_markdown(doc.content())
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    assert text.startswith("# \\# Title &lt;b&gt;\n")
    card_line = next(line for line in text.splitlines() if "alert" in line)
    assert "<br>second line" in card_line


def test_written_whole_or_refused(tmp_path):
    write_markdown(example_content(), tmp_path / "map.md")
    assert (tmp_path / "map.md").read_text(encoding="utf-8").startswith("# ")
    with pytest.raises(ExportError):
        write_markdown(example_content(), tmp_path / "missing" / "map.md")
    assert not list((tmp_path).glob(".*.tmp"))


def test_the_insights_and_ranked_priorities_close_the_document():
    text, _ = to_markdown(example_content())
    section = text[text.index("## Insights and priorities"):]
    headings = [line[4:] for line in section.splitlines() if line.startswith("### ")]
    assert headings == ["Emotions", "Drop-off", "Loops", "Handoffs", "Channels", "Coverage", "Evidence", "Priorities"]
    assert "- **Low:** Advocacy has no KPI." in section
    # Pricing page (impact 4, effort 1, 5 votes: 4 × 5 + 5 = 25) ranks first; SSO in the mid tier (24) second.
    rows = [line for line in section.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert rows[0] == ("| 1 | Pricing page only says “Contact sales”: no figure to put in… | Awareness | "
                       "Quick win | 4 | 1 | 5 | 25 |")
    assert rows[1].startswith("| 2 | Include SSO in the mid tier for fleets over 100 vehicles | Decision | Quick win |")
    assert len(rows) == sum(1 for c in example_content().cards if c.impact is not None and c.effort is not None)
    without, _ = to_markdown(example_content(), insights=False)
    assert "Insights and priorities" not in without


def test_insight_sentences_are_escaped_like_any_user_text():
    doc = Document()
    stage, lane = Stage("S"), Lane("Pain points")
    doc.apply(o.AddStage(stage))
    doc.apply(o.AddLane(lane))
    doc.apply(o.AddCard(Card(stage.id, lane.id, "<script>x</script> | [a](b)", kind=CardKind.PAIN_POINT,
                             impact=2, effort=4)))
    text, _ = to_markdown(doc.content())
    section = text[text.index("## Insights and priorities"):]
    assert "<script>" not in section
    assert "No opportunity addresses “&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](b)” (S)" in section
    assert "| 1 | &lt;script&gt;x&lt;/script&gt; \\| \\[a\\](b) | S | Thankless task | 2 | 4 | 0 | 4 |" in section  # 2 × (6 − 4) + 0
