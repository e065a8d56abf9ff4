"""The workshop report as an A4 PDF: the report's sections set in one column, the map as a landscape page.

What the report says is decided in model/workshop_report.py; this module only
lays it out: headings, wrapped paragraphs, tables whose header row comes back
on every page they run onto, findings with their severity dot, and the poster
(the same form export/poster.py draws) on a page of its own. Text goes through
the TextPainter, never through markup, so user text prints and copies out as
typed; the bundled fonts are embedded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics, wrap_text
from model.interchange.text_files import write_atomically
from model.workshop_report import FindingList, MapPage, TextBlock, Subheading, Table, WorkshopReport, workshop_report

from .paper import MM, PAPERS_MM, oriented

A4 = (PAPERS_MM["A4"][0] * MM, PAPERS_MM["A4"][1] * MM)
MARGIN = 18 * MM
INK = "#1A202C"
MUTED = "#4A5568"
RULE = "#CBD5E0"
HEADER_FILL = "#EDF2F7"
SEVERITY_COLOURS = {"high": "#C53030", "medium": "#DD6B20", "low": "#718096"}
TITLE_PT, HEADING_PT, SUBHEADING_PT, BODY_PT, TABLE_PT, FOOTER_PT = 20.0, 14.0, 11.0, 9.5, 8.5, 7.5
LEADING = 1.35
CELL_PAD = 3.0
MAX_CELL_LINES = 12


def export_report(document, path, *, tz: dt.tzinfo | None = None, today: dt.date | None = None) -> list[str]:
    """Write the workshop report of `document` as a PDF at `path`; returns warnings (characters no font has).

    ExportError for a destination that cannot be written; nothing is left at `path` then.
    """
    from .poster import check_destination

    target = Path(path)
    check_destination(target)
    report = workshop_report(document, tz, today)
    warnings: list[str] = []
    write_atomically(target, lambda handle: _write(handle, document, report, warnings, today))
    return warnings


def _write(handle, document, report: WorkshopReport, warnings: list[str], today: dt.date | None) -> None:
    from .poster import POSTER_FORM, close_pdf, define_poster_form, open_pdf, poster_version

    canv, painter, runs = open_pdf(handle, A4, f"{report.title} — workshop report")
    canv.setAuthor(document.info.owner)
    canv.setSubject("Workshop report")
    landscape = oriented(A4, True)
    version = poster_version(document, landscape, None, 0.0, today=today)
    define_poster_form(canv, version, painter, warnings)
    flow = _Flow(canv, painter, report.title)
    flow.title(report)
    for section in report.sections:
        if any(isinstance(b, MapPage) for b in section.blocks):
            flow.poster_page(landscape, POSTER_FORM)
            continue
        flow.heading(section.title)
        for block in section.blocks:
            if isinstance(block, TextBlock):
                flow.paragraph(block.text, muted=block.muted)
            elif isinstance(block, Subheading):
                flow.subheading(block.text)
            elif isinstance(block, Table):
                flow.table(block)
            elif isinstance(block, FindingList):
                flow.findings(block)
    flow.finish()
    close_pdf(canv, runs, warnings)


def _colour(hex_value: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hex_value)


class _Flow:
    """Sets blocks top to bottom on portrait A4 pages, starting a new page when the next piece does not fit."""

    def __init__(self, canv, painter, title: str) -> None:
        self.canv = canv
        self.painter = painter
        self.footer = f"{title} — workshop report"
        self.width = A4[0] - 2 * MARGIN
        self.top = A4[1] - MARGIN
        self.bottom = MARGIN + FOOTER_PT * 2
        self.page = 1
        self.y = self.top
        self.on_page = False  # anything set on this page yet
        canv.setPageSize(A4)

    # -- pages -------------------------------------------------------------------------------------

    def _end_page(self) -> None:
        metrics = regular_metrics()
        text = fit_with_ellipsis(self.footer, self.width * 0.8, metrics, FOOTER_PT)
        self.painter.draw(self.canv, MARGIN, MARGIN, text, FOOTER_PT, False, _colour(MUTED))
        number = str(self.page)
        self.painter.draw(self.canv, A4[0] - MARGIN - metrics.text_width(number, FOOTER_PT), MARGIN, number,
                          FOOTER_PT, False, _colour(MUTED))
        self.canv.showPage()
        self.page += 1

    def new_page(self) -> None:
        self._end_page()
        self.canv.setPageSize(A4)
        self.y = self.top
        self.on_page = False

    def need(self, height: float) -> bool:
        """Make room for `height` points (a new page when they do not fit); True when a page was started."""
        if self.y - height < self.bottom and self.on_page:
            self.new_page()
            return True
        return False

    def poster_page(self, size: tuple[float, float], form: str) -> None:
        if self.on_page:
            self._end_page()
        self.canv.setPageSize(size)
        self.canv.doForm(form)
        self.canv.showPage()
        self.page += 1
        self.canv.setPageSize(A4)
        self.y = self.top
        self.on_page = False

    def finish(self) -> None:
        self._end_page()

    # -- text --------------------------------------------------------------------------------------

    def _lines(self, lines, size: float, bold: bool, colour: str, x: float = MARGIN) -> None:
        for line in lines:
            self.need(size * LEADING)
            self.y -= size * LEADING
            self.painter.draw(self.canv, x, self.y + size * 0.25, line, size, bold, _colour(colour))
            self.on_page = True

    def _wrapped(self, text: str, width: float, size: float, bold: bool = False):
        metrics = bold_metrics() if bold else regular_metrics()
        return wrap_text(text, width, metrics, size)[0]

    def title(self, report: WorkshopReport) -> None:
        self._lines(self._wrapped(report.title, self.width, TITLE_PT, True), TITLE_PT, True, INK)
        self._lines(self._wrapped(report.subtitle, self.width, SUBHEADING_PT), SUBHEADING_PT, False, MUTED)
        self.y -= BODY_PT * 0.5
        self._lines(self._wrapped(" · ".join(report.facts), self.width, BODY_PT), BODY_PT, False, INK)

    def heading(self, text: str) -> None:
        if self.on_page:
            self.y -= HEADING_PT * 1.1
        self.need(HEADING_PT * LEADING + BODY_PT * LEADING * 3)  # never a heading alone at a page's foot
        self._lines(self._wrapped(text, self.width, HEADING_PT, True), HEADING_PT, True, INK)
        self.y -= BODY_PT * 0.3

    def subheading(self, text: str) -> None:
        self.y -= SUBHEADING_PT * 0.6
        self.need(SUBHEADING_PT * LEADING + BODY_PT * LEADING * 3)
        self._lines(self._wrapped(text, self.width, SUBHEADING_PT, True), SUBHEADING_PT, True, INK)

    def paragraph(self, text: str, muted: bool = False) -> None:
        self._lines(self._wrapped(text, self.width, BODY_PT), BODY_PT, False, MUTED if muted else INK)
        self.y -= BODY_PT * 0.4

    def findings(self, block: FindingList) -> None:
        indent = BODY_PT * 1.4
        for severity, sentence in block.items:
            lines = self._wrapped(sentence, self.width - indent, BODY_PT)
            self.need(BODY_PT * LEADING * min(len(lines), 2))
            dot = SEVERITY_COLOURS.get(severity)
            if dot:
                self.canv.setFillColor(_colour(dot))
                self.canv.circle(MARGIN + BODY_PT * 0.45, self.y - BODY_PT * LEADING + BODY_PT * 0.55, BODY_PT * 0.28,
                                 stroke=0, fill=1)
            self._lines(lines, BODY_PT, False, INK if severity else MUTED, MARGIN + indent)
            self.y -= BODY_PT * 0.25

    # -- tables ------------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        widths = [c.share / sum(c.share for c in table.columns) * self.width for c in table.columns]
        header = self._row_lines([c.name for c in table.columns], widths, True)
        self.need(self._row_height(header) + self._row_height(self._row_lines(table.rows[0], widths)) if table.rows
                  else self._row_height(header))
        self._row(table, widths, header, True)
        for i, cells in enumerate(table.rows):
            lines = self._row_lines(cells, widths)
            if self.need(self._row_height(lines)):
                self._row(table, widths, header, True)  # the header again on the next page
            self._row(table, widths, lines, False, shaded=i % 2 == 1)
        self.y -= BODY_PT * 0.6

    def _row_lines(self, cells, widths, bold: bool = False) -> list[tuple[str, ...]]:
        metrics = bold_metrics() if bold else regular_metrics()
        return [wrap_text(text, w - 2 * CELL_PAD, metrics, TABLE_PT, MAX_CELL_LINES)[0] or ("",)
                for text, w in zip(cells, widths)]

    @staticmethod
    def _row_height(lines: list[tuple[str, ...]]) -> float:
        return max(len(cell) for cell in lines) * TABLE_PT * LEADING + 2 * CELL_PAD

    def _row(self, table: Table, widths, lines, header: bool, shaded: bool = False) -> None:
        height = self._row_height(lines)
        top = self.y
        if header or shaded:
            self.canv.setFillColor(_colour(HEADER_FILL if header else "#F7FAFC"))
            self.canv.rect(MARGIN, top - height, self.width, height, stroke=0, fill=1)
        metrics = bold_metrics() if header else regular_metrics()
        x = MARGIN
        for column, width, cell in zip(table.columns, widths, lines):
            y = top - CELL_PAD
            for line in cell:
                y -= TABLE_PT * LEADING
                tx = x + CELL_PAD
                if column.numeric:
                    tx = x + width - CELL_PAD - metrics.text_width(line, TABLE_PT)
                self.painter.draw(self.canv, tx, y + TABLE_PT * 0.3, line, TABLE_PT, header, _colour(INK))
            x += width
        self.canv.setStrokeColor(_colour(RULE))
        self.canv.setLineWidth(0.8 if header else 0.4)
        self.canv.line(MARGIN, top - height, MARGIN + self.width, top - height)
        self.y = top - height
        self.on_page = True
