"""Markdown export: every stage, lane and card in order, user text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from export.markdown import escape, to_markdown, write_markdown
from model import ops
from model.document import Document
from model.domain import Card, CardKind, Lane, Stage
from model.errors import ExportError
from model.templates import example_content
from tests.hostile.corpus import hostile_texts

HOSTILE = "<script>alert(1)</script> **bold** [link](http://x) # not a heading & AT&T"


def test_every_stage_and_card_appears_in_journey_order():
    content = example_content()
    text, warnings = to_markdown(content)
    assert warnings
    positions = [text.index(f"## {escape(stage.name)}") for stage in content.stages]
    assert positions == sorted(positions)
    for card in content.cards:
        assert escape(card.text) in text


def test_an_action_is_listed_with_its_owner_and_due_date():
    doc = Document(example_content())
    stage, lane = doc.stages[1], next(lane for lane in doc.lanes if lane.kind == "cards")
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "Send the pricing FAQ", kind=CardKind.ACTION,
                               owner="Sales *ops*", due="2026-12-31")))
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "Not an action", due="2027-01-01")))
    text, _ = to_markdown(doc.content())
    line = next(line for line in text.splitlines() if "pricing FAQ" in line)
    assert line == "- Send the pricing FAQ — _Action, Sales \\*ops\\*, Due 2026-12-31_"
    # Under its stage: the card is listed where the stage's cards are.
    assert text.index(f"## {escape(stage.name)}") < text.index(line) < text.index(f"## {escape(doc.stages[2].name)}")
    other = next(line for line in text.splitlines() if "Not an action" in line)
    assert "Due" not in other  # only an action shows its date, as on the map


def test_user_text_cannot_inject_markup():
    doc = Document(example_content())
    stage, lane = doc.stages[0], next(lane for lane in doc.lanes if lane.kind == "cards")
    doc.apply(ops.AddCard(Card(stage.id, lane.id, HOSTILE + "\nsecond line")))
    doc.apply(ops.UpdateMap({"title": "# Title <b>"}))
    text, _ = to_markdown(doc.content())
    assert re.search(r"(?<!\\)<(script|b)>", text) is None  # every tag is backslashed
    assert "\\<script>" in text
    assert "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    assert text.startswith("# \\# Title \\<b>\n")
    card_line = next(line for line in text.splitlines() if "alert" in line)
    assert "<br>second line" in card_line


def test_an_ampersand_is_not_written_as_an_html_entity():
    """The issue's case: "Sales & Marketing" came out as "## Sales &amp; Marketing"."""
    doc = Document(example_content())
    doc.apply(ops.UpdateMap({"title": "AT&T onboarding"}))
    doc.apply(ops.UpdateStage(doc.stages[0].id, {"name": "Sales & Marketing"}))
    text, _ = to_markdown(doc.content())
    assert text.startswith("# AT&T onboarding\n")
    assert "\n## Sales & Marketing\n" in text
    assert "&amp;" not in text
    # An entity typed as text is kept as typed, not turned into the character it names.
    assert escape("&amp; &#65;") == "\\&amp; \\&#65;"


# Text that means something to Markdown (or to the HTML it allows) at the start, middle or end of a line.
MARKDOWN_HOSTILE = (
    HOSTILE,
    "# not a heading",
    "Plan #",
    "1. not a list",
    "2) nor this",
    "- nor this",
    "+ nor this",
    "> not a quote",
    "***",
    "=== under",
    "`code` and ``more``",
    "_em_ *em* __strong__ snake_case_name",
    "~~struck~~ ~one~",
    "| a | b |",
    "![image](http://x/y.png) [link][ref]",
    "<http://example.com> <b>bold</b> <!-- comment -->",
    "&amp; &#65; &#x41; AT&T a < b > c",
    "back\\slash at the end\\",
    "two lines\n# second starts like a heading",
)


class _Text(HTMLParser):
    """The text of every h1, h2, h3 and li of rendered HTML, <br> read as a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "li"):
            self._open.append([tag, ""])
        elif tag == "br" and self._open:
            self._open[-1][1] += "\n"

    def handle_endtag(self, tag):
        if self._open and tag == self._open[-1][0]:
            self.found.append(tuple(self._open.pop()))

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


def _rendered(markdown: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    # CommonMark with GitHub's tables and strikethrough: what wikis and trackers render.
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    parser = _Text()
    parser.feed(html)
    return parser.found


def _as_shown(text: str) -> str:
    """The text as a field shows it: each line stripped (Markdown drops edge whitespace)."""
    return "\n".join(line.strip() for line in text.splitlines())


@pytest.mark.parametrize("source", ["markdown", "corpus"])
def test_every_name_and_card_renders_as_typed(source):
    texts = MARKDOWN_HOSTILE if source == "markdown" else tuple(hostile_texts())
    doc = Document()
    lane = Lane("Actions")
    doc.apply(ops.AddLane(lane))
    doc.apply(ops.UpdateMap({"title": texts[0].replace("\n", " ")}))
    for text in texts:
        stage = Stage(" ".join(text.split()) or "x")
        doc.apply(ops.AddStage(stage))
        doc.apply(ops.AddCard(Card(stage.id, lane.id, text)))
    found = _rendered(to_markdown(doc.content())[0])
    headings = [text for tag, text in found if tag == "h2"]
    items = [text for tag, text in found if tag == "li"]
    assert [text for tag, text in found if tag == "h1"] == [" ".join(texts[0].split())]
    for stage in doc.stages:
        assert stage.name in headings
    for card in doc.cards():
        shown = _as_shown(card.text)
        assert any(item.startswith(shown + " — ") for item in items), card.text


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
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "<script>x</script> | [a](b)", kind=CardKind.PAIN_POINT,
                             impact=2, effort=4)))
    text, _ = to_markdown(doc.content())
    section = text[text.index("## Insights and priorities"):]
    shown = [t for _tag, t in _rendered(section)]
    # Rendered, the finding and the ranked row show the card's text as typed, never as markup.
    assert any("No opportunity addresses “<script>x</script> | [a](b)” (S)" in t for t in shown)
    assert "| 1 | \\<script>x\\</script> \\| \\[a\\](b) | S | Thankless task | 2 | 4 | 0 | 4 |" in section  # 2 × (6 − 4) + 0
