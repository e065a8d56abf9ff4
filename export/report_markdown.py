"""The workshop report as Markdown: the same sections as the PDF, for a wiki page or the minutes' email.

The content is model/workshop_report.py's; the map itself is the map's
Markdown (export/markdown.py) with its headings one level down. User text is
escaped with the same `escape` as the map's Markdown.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from model.document import Document
from model.interchange.text_files import write_text
from model.workshop_report import FindingList, MapPage, TextBlock, Subheading, Table, workshop_report

from .markdown import escape, to_markdown


def report_markdown(document: Document, *, tz: dt.tzinfo | None = None, today: dt.date | None = None) -> str:
    report = workshop_report(document, tz, today)
    out = [f"# {escape(report.title)} — workshop report", "", escape(report.subtitle.split(" · ", 1)[-1]), "",
           escape(" · ".join(report.facts)), ""]
    for section in report.sections:
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, TextBlock):
                out += [f"_{escape(block.text)}_" if block.muted else escape(block.text), ""]
            elif isinstance(block, Subheading):
                out += [f"### {escape(block.text)}", ""]
            elif isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, FindingList):
                out += [f"- **{severity.capitalize()}:** {escape(text)}" if severity else f"- _{escape(text)}_"
                        for severity, text in block.items] + [""]
            elif isinstance(block, MapPage):
                out += _map(document)
    return "\n".join(out).rstrip() + "\n"


def _table(table: Table) -> list[str]:
    head = "| " + " | ".join(c.name for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|"
    rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return [head, rule, *rows, ""]


def _map(document: Document) -> list[str]:
    """The map's own Markdown without its title, its headings one level down (## Stage → ### Stage)."""
    text, _ = to_markdown(document.content(), insights=False)
    lines = text.splitlines()[1:]  # the title is the report's
    while lines and not lines[0]:
        del lines[0]
    return [("#" + line) if line.startswith("#") else line for line in lines] + [""]


def write_report_markdown(document: Document, path: str | os.PathLike[str], *, tz: dt.tzinfo | None = None,
                          today: dt.date | None = None) -> list[str]:
    """Write the report as Markdown, whole or not at all; ExportError when it cannot be written."""
    write_text(Path(path), report_markdown(document, tz=tz, today=today))
    return []
