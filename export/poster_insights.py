"""The poster's "Insights and priorities" page: what the map says, after the map itself.

The findings are set in columns under their group headings, each with a dot
in its severity's colour; the priorities come last in rank order. A kind
with many findings shows its first few and says how many more there are, so
a large map still fits a page or two. Text goes through the TextPainter
(reportlab's textOut), never through markup, so user text prints literally.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.fonts import fit_with_ellipsis, regular_metrics, wrap_text

from .paper import margin_for
from .pdf_fonts import TextPainter

INK = "#1A202C"
MUTED = "#4A5568"
SEVERITY_COLOURS = {"high": "#C53030", "medium": "#DD6B20", "low": "#718096"}
TITLE = "Insights and priorities"


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    bold: bool = False
    colour: str = INK
    dot: str | None = None  # severity colour of the dot before a finding's first line
    indent: float = 0.0
    space_before: float = 0.0


def insight_entries(doc, persona_ids: set[str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(severity, sentence)…]) to print, capped per kind; findings about unshown personas left out."""
    from model.insights import findings, summarised

    return summarised([f for f in findings(doc) if persona_ids is None or set(f.persona_ids) <= persona_ids])


def draw_insights_pages(canv, page: tuple[float, float], doc, painter: TextPainter,
                        persona_ids: set[str] | None = None) -> int:
    """Draw the insights on new pages of `page`'s size after what is already drawn; returns how many pages."""
    from reportlab.lib.colors import HexColor

    width, height = page
    margin = margin_for(page)
    body = max(9.0, min(40.0, min(page) / 595.0 * 10.0))  # 10 pt on A4, growing with the sheet
    usable_w = width - 2 * margin
    columns = max(1, int(usable_w // (body * 34)))
    gutter = body * 2
    column_w = (usable_w - gutter * (columns - 1)) / columns
    lines = _lines(doc, persona_ids, body, column_w)

    pages = 0

    def new_page() -> float:
        nonlocal pages
        canv.setPageSize(page)
        pages += 1
        title = TITLE if pages == 1 else f"{TITLE} (continued)"
        painter.draw(canv, margin, height - margin - body * 2, title, body * 2, True, HexColor(INK))
        subtitle = " ".join(doc.info.title.split())
        painter.draw(canv, margin, height - margin - body * 3.6, fit_with_ellipsis(subtitle, usable_w, regular_metrics(), body), body, False,
                     HexColor(MUTED))
        x = margin
        legend_y = height - margin - body * 5.2
        for name, colour in SEVERITY_COLOURS.items():
            canv.setFillColor(HexColor(colour))
            canv.circle(x + body * 0.35, legend_y + body * 0.33, body * 0.3, stroke=0, fill=1)
            painter.draw(canv, x + body, legend_y, name, body * 0.9, False, HexColor(MUTED))
            x += body * 2.2 + regular_metrics().text_width(name, body * 0.9)
        return height - margin - body * 7

    top = y = new_page()
    column = 0
    for line in lines:
        step = line.space_before + line.size * 1.3
        if y - step < margin:
            column += 1
            if column == columns:
                canv.showPage()
                top = new_page()
                column = 0
            y = top
            step = line.size * 1.3  # no extra space at the top of a column
        y -= step
        x = margin + column * (column_w + gutter) + line.indent
        if line.dot:
            canv.setFillColor(HexColor(line.dot))
            canv.circle(x - body * 0.75, y + line.size * 0.33, body * 0.28, stroke=0, fill=1)
        painter.draw(canv, x, y, line.text, line.size, line.bold, HexColor(line.colour))
    canv.showPage()
    return pages


def _lines(doc, persona_ids, body: float, column_w: float) -> list[_Line]:
    entries = insight_entries(doc, persona_ids)
    if not entries:
        return [_Line("Nothing to report yet: add cards, emotions, connections and impact and effort scores.",
                      body, colour=MUTED)]
    out: list[_Line] = []
    indent = body * 1.2
    for group, items in entries:
        out.append(_Line(group, body * 1.3, bold=True, space_before=body * 0.9 if out else 0.0))
        for severity, sentence in items:
            wrapped, _ = wrap_text(sentence, column_w - indent, regular_metrics(), body, max_lines=6)
            for i, text in enumerate(wrapped):
                out.append(_Line(text, body, colour=INK if severity else MUTED, indent=indent,
                                 dot=SEVERITY_COLOURS.get(severity) if i == 0 else None,
                                 space_before=body * 0.35 if i == 0 else 0.0))
    return out
