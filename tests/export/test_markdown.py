"""Markdown export: every stage, lane and card in order, user text escaped."""

from __future__ import annotations

import pytest

from export.markdown import escape, to_markdown, write_markdown
from model import ops as o
from model.document import Document
from model.domain import Card
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
