"""The workshop report read back: A4 pages, the map on a landscape page, ranks, counts and times as recorded,
hostile text printed literally, fonts embedded; and the same report as Markdown."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from export.report_markdown import report_markdown, write_report_markdown
from export.report_pdf import export_report
from model.document import Document
from model.errors import ExportError
from tests.export.pdfcheck import MM, embedded_font_file, flat, fonts_in, page_sizes
from tests.model.factories import HOSTILE, after_workshop_map

A4 = (210 * MM, 297 * MM)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    assert export_report(after_workshop_map(), path, tz=dt.UTC, today=dt.date(2026, 12, 1)) == []
    return path


def _pages(path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(str(path)).pages]


def test_a4_pages_with_the_map_as_a_landscape_page_after_the_agenda(report_pdf):
    sizes = page_sizes(report_pdf)
    assert len(sizes) == 4
    for i, (w, h) in enumerate(sizes):
        expected = (A4[1], A4[0]) if i == 1 else A4
        assert (round(w), round(h)) == (round(expected[0]), round(expected[1]))
    pages = _pages(report_pdf)
    assert "Agenda as run" in pages[0] and "Participants" in pages[0]
    assert "Awareness" in pages[1] and "Decision" in pages[1] and "Legend" in pages[1]  # the poster


def test_times_counts_and_ranks_as_recorded(report_pdf):
    text = " ".join(_pages(report_pdf))
    assert "Workshop report · 1 May 2024, 10:00–10:38" in text
    assert "3 participants · 3 steps run in 38 min (planned 35 min) · 2 cards added · 4 votes cast · 3 actions" in text
    assert "2 Capture pains Capture 20 min 10:06 10:30 24 min (+4) 2 0" in text
    assert "3 Vote Vote 10 min 10:30 10:38 8 min (−2) 0 3" in text
    assert "Planned but not run: Wrap up (5 min)." in text
    assert "1 3 Explain pricing Decision Pain points" in text and "2 1 Rebuild onboarding Decision Pain points" in text
    assert "1 Explain pricing Decision Quick win 5 1 3 Dana" in text
    assert "Call five customers Ben 2026-12-08 Decision" in text
    actions = _pages(report_pdf)[-1]
    assert actions.index("Call five customers") < actions.index("Draft the pricing page")  # soonest first


def test_hostile_text_is_printed_literally_and_the_fonts_are_embedded(report_pdf):
    text = " ".join(_pages(report_pdf))
    assert HOSTILE in text
    fonts = fonts_in(report_pdf)
    assert fonts and all(embedded_font_file(f) for f in fonts.values())  # the bundled TrueType fonts, every one


def test_a_table_longer_than_a_page_repeats_its_header(tmp_path):
    from model import ops
    from model.domain import Participant

    doc = after_workshop_map()
    for i in range(80):
        doc.apply(ops.AddItem(Participant(f"Person {i:02d}", "Guest", "#2F855A")))
    path = tmp_path / "long.pdf"
    export_report(doc, path, tz=dt.UTC)
    pages = _pages(path)
    carrying = [p for p in pages if "Person " in p]
    assert len(carrying) == 3 and all("Name Role" in p for p in carrying)  # 83 rows of about 40 to a page
    assert "Person 00 Guest" in carrying[0] and "Person 79 Guest" in carrying[-1]
    assert all(p.index("Name Role") < p.index("Person ") for p in carrying[1:])  # the header comes first


def test_an_unwritable_destination_is_refused_and_leaves_nothing(tmp_path):
    with pytest.raises(ExportError, match="no such folder"):
        export_report(Document(), tmp_path / "missing" / "r.pdf")
    with pytest.raises(ExportError, match="is a folder"):
        export_report(Document(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_markdown_report_has_the_same_sections_and_escapes_user_text(tmp_path):
    text = report_markdown(after_workshop_map(), tz=dt.UTC)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Agenda as run", "## Participants", "## The map", "## Voting results",
                        "## Opportunities and priorities", "## What the map says", "## Decisions and next steps"]
    assert "| 2 | Capture pains | Capture | 20 min | 10:06 | 10:30 | 24 min (+4) | 2 | 0 |" in text
    assert "| 1 | 3 | Explain pricing | Decision | Pain points |" in text
    assert "### Decision" in text and "#### Pain points" in text  # the map, one level down
    assert "| \\<b>AT&T\\</b> a\\<b & \\<font color=red>x\\</font> | — | — | Retention |" in text
    assert "<b>" not in text.replace("\\<b>", "")
    path = tmp_path / "report.md"
    write_report_markdown(after_workshop_map(), path, tz=dt.UTC)
    assert path.read_text(encoding="utf-8") == text
