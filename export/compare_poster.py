"""The comparison poster (issue 13): the map now with compare mode's marks, a legend, and every change listed.

Page 1 is the poster: the map laid out with room for what was removed
(model/compare_view.py, as the canvas shows it), added, changed and moved
cards ringed in their colour, removed cards as dashed ghosts with their
text struck through, a trace from each moved card's old cell, the earlier
emotion curves dashed; the legend names each mark with its count. The pages
after it list every difference (persona, connection and KPI changes too,
which have no card to ring) with before and after. User text is drawn
literally through the TextPainter; the file is written beside its
destination and renamed into place, like every poster.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from model.compare_view import ADDED, CHANGED, MOVED, REMOVED, ComparisonView, comparison_view
from model.diff_report import detail_lines, run_data_sentence
from model.document import Content, Document
from model.domain import View
from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics, wrap_text
from model.interchange.text_files import write_atomically

from .paper import MM, oriented, parse_paper
from .poster_ink import arrowhead

OLD_CURVE_INK = "#4A5568"
LIST_TITLE = "Changes since {before}"


def export_comparison_poster(before: Content | Document, after: Content | Document, path, *, paper: str = "A1",
                             landscape: bool = True, before_name: str = "the earlier version",
                             today: datetime.date | None = None) -> list[str]:
    """Write the comparison of `after` (the map now) with `before` as a PDF at `path`; return the warnings.

    Refuses with ValidationError an unknown paper, with ExportError a destination that cannot be
    written; no file is left at `path` then.
    """
    from .poster import check_destination

    page = oriented(parse_paper(paper), landscape)
    target = Path(path)
    check_destination(target)
    view = comparison_view(before, after)
    warnings: list[str] = []
    write_atomically(target, lambda handle: _write(handle, view, page, before_name, today or datetime.date.today(),
                                                   warnings))
    return warnings


def legend_items(view: ComparisonView) -> list[tuple[str, tuple[str, bool], str]]:
    """The legend's "Changes" row: each mark, its look and what it means, with how many cards it marks."""
    counts = {status: len(view.diff.of("card", status)) for status in ("added", "removed", "changed", "moved")}
    moved = sum(1 for d in view.diff.of("card") if d.moved)
    return [
        ("ring", (ADDED, False), f"Added ({counts['added']})"),
        ("ring", (CHANGED, False), f"Changed ({counts['changed']})"),
        ("ring", (MOVED, False), f"Moved, with a trace from its old cell ({moved})"),
        ("ring", (REMOVED, True), f"Removed, shown where it was ({counts['removed']})"),
        ("line", (OLD_CURVE_INK, True), "Earlier emotion curve"),
    ]


def _write(handle, view: ComparisonView, page, before_name: str, today, warnings: list[str]) -> None:
    from .poster import close_pdf, frame_content, open_pdf
    from .poster_frame import FramePainter, compose
    from .poster_map import MapPainter
    from .poster_room import room_legend

    doc = Document(view.diff.after)
    layout = view.layout
    shown = [p for p in doc.personas if p.visible]
    frame = frame_content(doc, shown, today=today)
    counts = view.diff.counts()
    found = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "no differences"
    frame.subtitle = f"Compared with {before_name.replace(chr(10), ' ')}: {found}   ·   " + frame.subtitle
    frame.extra_legend = [("Changes", legend_items(view)), *room_legend(doc, layout, View.BOTH)]  # MapPainter draws it
    comp = compose(page, (layout.width, layout.height), frame, True, True)
    canv, painter, runs = open_pdf(handle, page, f"{doc.info.title} — compared with {before_name}")
    frames = FramePainter(canv, comp, painter, warnings)
    frames.title_block(frame)
    canv.saveState()
    canv.translate(comp.map_box.x, comp.map_box.y)
    canv.scale(comp.scale, comp.scale)
    map_painter = MapPainter(canv, layout, doc, painter, comp.scale)
    map_painter.draw()
    ComparisonMarks(map_painter, view).draw()
    canv.restoreState()
    frames.legend()
    frames.personas()
    canv.showPage()
    _change_pages(canv, view, painter, before_name)
    close_pdf(canv, runs, warnings)


class ComparisonMarks:
    """Compare mode's marks on the poster, drawn over a MapPainter's map (layout units, y flipped by `H`)."""

    def __init__(self, p, view: ComparisonView) -> None:
        self.p, self.c, self.H, self.view = p, p.c, p.H, view

    def draw(self) -> None:
        self._old_curves()
        self._rings()
        self._ghosts()
        self._traces()

    def _rect(self, r, grow: float, radius: float, stroke: int = 1, fill: int = 0) -> None:
        self.c.roundRect(r.x - grow, self.H - r.bottom - grow, r.w + 2 * grow, r.h + 2 * grow, radius,
                         stroke=stroke, fill=fill)

    def _rings(self) -> None:
        c, layout = self.c, self.p.layout
        c.setLineWidth(2.4)
        for card_id, colour in self.view.marks.items():
            box = layout.cards.get(card_id)
            if box is not None and not box.hidden:
                c.setStrokeColor(self.p.colour(colour))
                self._rect(box.rect, 3.0, 6.0)

    def _ghosts(self) -> None:
        from .pdf_fonts import text_width

        c, t, H = self.c, self.p.text, self.H
        red = self.p.colour(REMOVED)
        for ghost in self.view.ghosts:
            if ghost.box is None:
                continue
            r, block = ghost.box.rect, ghost.box.text
            c.setStrokeColor(red)
            c.setFillColor(self.p.colour("#FDECEC"))
            c.setLineWidth(1.4)
            c.setDash([4, 3])
            self._rect(r, 0.0, 4.0, stroke=1, fill=1)
            c.setDash([])
            t.draw(c, r.x + 7.0, H - r.y - 12.0, "Removed", 8.0, True, red)
            muted = self.p.colour("#718096")
            t.begin(c)
            t.colour(muted)
            for line, baseline in zip(block.lines, block.baselines):
                t.line(block.x, H - baseline, line, block.size)
            t.end(c)
            c.setStrokeColor(muted)
            c.setLineWidth(0.7)
            for line, baseline in zip(block.lines, block.baselines):  # struck through
                y = H - baseline + block.size * 0.3
                c.line(block.x, y, block.x + text_width(line, block.size), y)

    def _traces(self) -> None:
        c, H = self.c, self.H
        for trace in self.view.traces:
            colour = self.p.colour(self.view.marks.get(trace.card_id, MOVED))
            c.setStrokeColor(colour)
            c.setFillColor(colour)
            c.setLineWidth(1.2)
            c.setDash([4, 3])
            self._rect(trace.start, 0.0, 4.0)
            (x0, y0), (x1, y1) = trace.start.center, _entry(trace.start, trace.end)
            c.setLineWidth(1.8)
            c.setDash([6, 4])
            c.line(x0, H - y0, x1, H - y1)
            c.setDash([])
            self.p.fill_polygon(arrowhead((x0, y0), (x1, y1)))
            c.circle(x0, H - y0, 2.5, stroke=0, fill=1)

    def _old_curves(self) -> None:
        c, H = self.c, self.H
        white = self.p.colour("#FFFFFF")
        for curve in self.view.old_curves:
            colour = self.p.colour(curve.colour)
            c.setStrokeColor(colour)
            c.setStrokeAlpha(0.65)
            if curve.segments:
                c.setLineWidth(2.0)
                c.setDash([6, 4])
                self.p.stroke_beziers(curve.segments)
                c.setDash([])
            c.setFillColor(white)
            c.setLineWidth(1.2)
            for point in curve.points:
                c.circle(point.x, H - point.y, 3.2, stroke=1, fill=1)
            c.setStrokeAlpha(1.0)


def _entry(start, end) -> tuple[float, float]:
    """Where a trace meets the card it points at: the side facing its start (from above in one column)."""
    sx, sy = start.center
    if end.x <= sx <= end.right:
        return (end.center[0] + 12.0, end.y - 3.0 if end.y > sy else end.bottom + 3.0)
    return (end.x - 3.0 if end.x > sx else end.right + 3.0, end.center[1])


def _change_pages(canv, view: ComparisonView, painter, before_name: str) -> None:
    """Every difference, before → after, on A4 pages after the poster."""
    from reportlab.lib.colors import HexColor

    from .paper import margin_for

    page = (210 * MM, 297 * MM)
    margin = margin_for(page)
    width = page[0] - 2 * margin
    metrics = regular_metrics()
    size, head = 9.5, 16.0
    title = fit_with_ellipsis(LIST_TITLE.format(before=" ".join(before_name.split())), width, bold_metrics(), head)
    ink, muted = HexColor("#1A202C"), HexColor("#4A5568")
    colours = {"added": ADDED, "removed": REMOVED, "changed": CHANGED, "moved": MOVED}
    blocks = [(d.status, detail_lines(view.diff, d)) for d in view.diff.differences]
    run = run_data_sentence(view.diff)
    blocks += [("", [run])] if run is not None else []
    blocks = blocks or [("", ["No differences."])]
    y = None
    for status, lines in blocks:
        wrapped = [list(wrap_text(line, width - 14, metrics, size, 6)[0]) or [""] for line in lines]
        need = sum(len(w) for w in wrapped) * size * 1.3 + size
        if y is None or y - need < margin:
            if y is not None:
                canv.showPage()
            canv.setPageSize(page)
            y = page[1] - margin - head
            painter.draw(canv, margin, y, title, head, True, ink)
            y -= head
        if status:
            canv.setFillColor(HexColor(colours[status]))
            canv.circle(margin + 4, y - size * 1.3 + size * 0.35, 3.2, stroke=0, fill=1)
        for i, parts in enumerate(wrapped):
            for part in parts:
                y -= size * 1.3
                painter.draw(canv, margin + 14, y, part, size, i == 0, ink if i == 0 else muted)
        y -= size
    canv.showPage()
