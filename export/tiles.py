"""Tiled prints: one poster cut across many office sheets, with overlap, marks and labels.

The poster is a single Form XObject; each sheet shows it through a clip and a
translation, so 30 sheets cost little more than one page. Rows are lettered
from the top (A, B, …) and columns numbered from the left (1, 2, …): "B3" is
the second row's third sheet.

Geometry is pure Python (no reportlab) so the poster dialog can preview it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .paper import MM

PRINTER_MARGIN = 7.0 * MM  # what office printers leave blank round the edge
LABEL_MARGIN = 15.0 * MM  # the bottom margin, taller: it carries the label and the little map


@dataclass(frozen=True)
class Tile:
    row: int
    col: int
    x: float  # the poster region the sheet shows: left, bottom (PDF y up), width, height
    y: float
    w: float
    h: float

    @property
    def label(self) -> str:
        return f"{row_letters(self.row)}{self.col + 1}"


@dataclass(frozen=True)
class TilePlan:
    sheet: tuple[float, float]  # the sheet as it is printed (portrait or landscape)
    overlap: float  # points
    rows: int
    cols: int
    tiles: tuple[Tile, ...]  # only the sheets worth printing, row by row
    area: tuple[float, float, float, float]  # where the poster region sits on every sheet (x, y, w, h)

    @property
    def count(self) -> int:
        return len(self.tiles)


def row_letters(row: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style row names."""
    name = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _printable(sheet: tuple[float, float]) -> tuple[float, float, float, float]:
    w, h = sheet
    return (PRINTER_MARGIN, LABEL_MARGIN, w - 2 * PRINTER_MARGIN, h - PRINTER_MARGIN - LABEL_MARGIN)


def _grid(poster: tuple[float, float], area: tuple[float, float, float, float], overlap: float) -> tuple[int, int]:
    pw, ph = poster
    _, _, cw, ch = area
    cols = 1 if pw <= cw else math.ceil((pw - cw) / (cw - overlap) - 1e-9) + 1
    rows = 1 if ph <= ch else math.ceil((ph - ch) / (ch - overlap) - 1e-9) + 1
    return rows, cols


def plan_tiles(poster: tuple[float, float], sheet: tuple[float, float], overlap: float,
               content: list | None = None) -> TilePlan:
    """How to cut a poster of size `poster` onto `sheet`s (portrait size given) overlapping by `overlap` points.

    The sheet is turned whichever way needs fewer sheets (portrait on a tie).
    With `content` (boxes with an `intersects(x, y, w, h)` method), sheets
    that would show none of it are left out.
    """
    portrait = (min(sheet), max(sheet))
    best = None
    for candidate in (portrait, (portrait[1], portrait[0])):
        area = _printable(candidate)
        rows, cols = _grid(poster, area, overlap)
        if best is None or rows * cols < best[1] * best[2]:
            best = (candidate, rows, cols, area)
    chosen, rows, cols, area = best
    grid = TilePlan(chosen, overlap, rows, cols, (), area)
    tiles = []
    for r in range(rows):
        for c in range(cols):
            x, y, w, h = grid_region(grid, poster, r, c)
            if content is not None and not any(b.intersects(x, y, w, h) for b in content):
                continue
            tiles.append(Tile(r, c, x, y, w, h))
    return TilePlan(chosen, overlap, rows, cols, tuple(tiles), area)


# -- drawing ---------------------------------------------------------------------

MARK = "#D53F8C"  # registration marks: a colour no map uses, so they are not mistaken for content
CUT = "#1A202C"


def _alignment_marks(c, plan: TilePlan, tile: Tile, to_sheet) -> None:
    """Cross-in-circle marks in the middle of each overlap strip this sheet shares with a neighbour.

    A pair of neighbours draws its marks at the same poster positions, so
    laying one sheet over the other with the marks on top of each other
    lines the poster up.
    """
    ov = plan.overlap
    if ov <= 0:
        return
    r = min(ov * 0.3, 4.0 * MM)
    marks = []
    if tile.col > 0:
        marks += [(tile.x + ov / 2, tile.y + tile.h * f) for f in (0.25, 0.75)]
    if tile.col < plan.cols - 1:
        marks += [(tile.x + tile.w - ov / 2, tile.y + tile.h * f) for f in (0.25, 0.75)]
    if tile.row > 0:
        marks += [(tile.x + tile.w * f, tile.y + tile.h - ov / 2) for f in (0.25, 0.75)]
    if tile.row < plan.rows - 1:
        marks += [(tile.x + tile.w * f, tile.y + ov / 2) for f in (0.25, 0.75)]
    c.setLineWidth(0.5)
    for px, py in marks:
        x, y = to_sheet(px, py)
        c.circle(x, y, r, stroke=1, fill=0)
        c.line(x - r * 1.4, y, x + r * 1.4, y)
        c.line(x, y - r * 1.4, x, y + r * 1.4)


def _cut_marks(c, plan: TilePlan) -> None:
    """Corner marks just outside the printed area: trim along them where sheets overlap."""
    ax, ay, aw, ah = plan.area
    gap, length = 1.5 * MM, 5.0 * MM
    c.setLineWidth(0.4)
    for x, sx in ((ax, -1), (ax + aw, 1)):
        for y, sy in ((ay, -1), (ay + ah, 1)):
            c.line(x + sx * gap, y, x + sx * (gap + length), y)
            c.line(x, y + sy * gap, x, y + sy * (gap + length))


def _locator(c, plan: TilePlan, tile: Tile, x: float, y: float, height: float, hex_colour) -> None:
    """A little grid of every sheet with this one filled in, `height` tall, its right edge at x."""
    cell = min(height / plan.rows, 3.0 * MM)
    w = cell * plan.cols
    left = x - w
    top = y + cell * plan.rows
    c.setLineWidth(0.3)
    c.setStrokeColor(hex_colour("#718096"))
    present = {(t.row, t.col) for t in plan.tiles}
    for r in range(plan.rows):
        for col in range(plan.cols):
            here = (r, col) == (tile.row, tile.col)
            c.setFillColor(hex_colour(CUT if here else ("#E2E8F0" if (r, col) in present else "#FFFFFF")))
            c.rect(left + col * cell, top - (r + 1) * cell, cell, cell, stroke=1, fill=1)


def draw_tiles(c, plan: TilePlan, form_name: str, painter, title: str, progress=None, only=None) -> None:
    """One page per tile (or per tile of `only`): the poster through a clip, then marks, label and locator on top.

    A sheet of `only` is drawn exactly as in the whole print, its locator
    showing the whole print's sheets.
    """
    from reportlab.lib.colors import HexColor

    from model.fonts import fit_with_ellipsis, regular_metrics

    ax, ay, aw, ah = plan.area
    tiles = plan.tiles if only is None else tuple(only)
    for n, tile in enumerate(tiles, start=1):
        c.setPageSize(plan.sheet)
        c.saveState()
        clip = c.beginPath()
        clip.rect(ax, ay, aw, ah)
        c.clipPath(clip, stroke=0, fill=0)
        c.translate(ax - tile.x, ay - tile.y)
        c.doForm(form_name)
        c.restoreState()

        def to_sheet(px: float, py: float, tile=tile) -> tuple[float, float]:
            return (px - tile.x + ax, py - tile.y + ay)

        c.setStrokeColor(HexColor(MARK))
        _alignment_marks(c, plan, tile, to_sheet)
        c.setStrokeColor(HexColor(CUT))
        _cut_marks(c, plan)
        label_size = 16.0
        base = (LABEL_MARGIN - label_size * 0.7) / 2
        painter.draw(c, ax, base, tile.label, label_size, True, HexColor(CUT))
        note = f"row {row_letters(tile.row)} of {plan.rows}, column {tile.col + 1} of {plan.cols}  ·  {title}"
        note = fit_with_ellipsis(note, aw * 0.6, regular_metrics(), 7.0)
        painter.draw(c, ax + 12.0 * MM, base + 2.0, note, 7.0, False, HexColor("#4A5568"))
        _locator(c, plan, tile, ax + aw, base - 2.0, LABEL_MARGIN - 2 * base + 2.0, HexColor)
        c.showPage()
        if progress is not None:
            progress(0.8 + 0.15 * n / len(tiles))


def grid_region(plan: TilePlan, poster: tuple[float, float], row: int, col: int) -> tuple[float, float, float, float]:
    """The poster region (x, bottom, w, h) of the grid cell at (row, col), whether or not it is printed.

    The grid is centred over the poster so the spare paper splits evenly round it.
    """
    _, _, aw, ah = plan.area
    total_w = aw + (plan.cols - 1) * (aw - plan.overlap)
    total_h = ah + (plan.rows - 1) * (ah - plan.overlap)
    left = (poster[0] - total_w) / 2
    top = poster[1] + (total_h - poster[1]) / 2
    return (left + col * (aw - plan.overlap), top - ah - row * (ah - plan.overlap), aw, ah)


def _assembly_lines(plan: TilePlan, sheet_name: str) -> tuple[str, list[str]]:
    last_row = row_letters(plan.rows - 1)
    overlap_mm = plan.overlap / MM
    left_out = plan.rows * plan.cols - plan.count
    lines = [
        f"{plan.count} {sheet_name} sheets: rows A–{last_row} from the top, columns 1–{plan.cols} from the left,"
        f" overlapping by {overlap_mm:g} mm.",
        "1. Print every page at actual size (100 %, no “fit to page”).",
        "2. Lay the sheets out as in the plan below; each sheet's label is printed at its bottom left.",
        "3. On each sheet with a neighbour to its left or above, trim the white border on that side along the cut marks.",
        f"4. Lay the trimmed edge over the neighbour by {overlap_mm:g} mm so the pink ⊕ marks sit on each other; tape from the back.",
    ]
    if left_out:
        lines.append(f"The {left_out} grey cell{'s' if left_out != 1 else ''} would be blank and {'are' if left_out != 1 else 'is'} not printed.")
    return "How to assemble", lines


def _labels(labels: list[str], limit: int = 40) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def _replacement_lines(plan: TilePlan, sheet_name: str, changes, since: str) -> tuple[str, list[str]]:
    n = len(changes.reprint)
    lines = [
        f"{n} of the poster's {plan.count} {sheet_name} sheets changed since {since}: "
        f"{_labels(changes.labels) or 'none'}.",
        "1. Print every page at actual size (100 %, no “fit to page”).",
        "2. On the wall, take down each sheet named above (outlined in pink in the plan below); the others stay up.",
        "3. Trim each new print on the same sides as the sheet it replaces and put it in that sheet's place,",
        "    its pink ⊕ marks on its neighbours' marks; tape from the back.",
    ]
    if changes.take_down:
        lines.append(f"4. Take down without replacing (they would now be blank): {_labels(list(changes.take_down))}.")
    return "Sheets to replace", lines


def draw_assembly_page(c, plan: TilePlan, poster: tuple[float, float], form_name: str, painter,
                       title: str, sheet_name: str, changes=None, since: str = "") -> None:
    """The first page: how many sheets, how to trim and overlap them, and a plan of the grid over the poster.

    With `changes` (poster_sheets.SheetChanges), the page of a reprint: which
    sheets changed since `since` and replace their old prints; only those
    sheets are outlined and labelled in pink, the others in grey.
    """
    from reportlab.lib.colors import HexColor

    from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics

    page = (max(plan.sheet), min(plan.sheet))  # landscape: the plan of a wide poster reads best
    c.setPageSize(page)
    pw, ph = page
    m = 14.0 * MM
    ink, muted = HexColor(CUT), HexColor("#4A5568")
    y = ph - m - 16.0
    if changes is None:
        head, lines = _assembly_lines(plan, sheet_name)
    else:
        head, lines = _replacement_lines(plan, sheet_name, changes, since)
    heading = fit_with_ellipsis(f"{head}: {title}", pw - 2 * m, bold_metrics(), 16.0)
    painter.draw(c, m, y, heading, 16.0, True, ink)
    y -= 10.0
    painter.begin(c)
    painter.colour(muted)
    for line in lines:
        y -= 13.0
        painter.line(m, y, fit_with_ellipsis(line, pw - 2 * m, regular_metrics(), 9.5), 9.5)
    painter.end(c)

    # The plan: the poster itself, small, with every sheet's region over it (grey: left out).
    top = y - 14.0
    box_w, box_h = pw - 2 * m, top - m
    ax, ay, aw, ah = plan.area
    regions = [(r, col, *grid_region(plan, poster, r, col)) for r in range(plan.rows) for col in range(plan.cols)]
    x0 = min(0.0, min(x for *_, x, _y, _w, _h in regions))
    y0 = min(0.0, min(yy for *_, _x, yy, _w, _h in regions))
    x1 = max(poster[0], max(x + w for *_, x, _y, w, _h in regions))
    y1 = max(poster[1], max(yy + h for *_, _x, yy, _w, h in regions))
    scale = min(box_w / (x1 - x0), box_h / (y1 - y0))
    ox = m + (box_w - (x1 - x0) * scale) / 2 - x0 * scale
    oy = m + (box_h - (y1 - y0) * scale) / 2 - y0 * scale
    c.saveState()
    c.translate(ox, oy)
    c.scale(scale, scale)
    c.setFillColor(HexColor("#FFFFFF"))
    c.setStrokeColor(HexColor("#A0AEC0"))
    c.setLineWidth(0.8 / scale)
    c.rect(0, 0, poster[0], poster[1], stroke=1, fill=1)
    c.doForm(form_name)
    c.restoreState()
    present = {(t.row, t.col) for t in plan.tiles}
    marked = present if changes is None else {(t.row, t.col) for t in changes.reprint}
    c.setLineWidth(0.9)
    labels = []
    kept = []
    for r, col, x, yy, w, h in regions:
        sx, sy, sw_, sh_ = ox + x * scale, oy + yy * scale, w * scale, h * scale
        if (r, col) in marked:
            labels.append((sx + 3.0, sy + sh_ - 3.0, f"{row_letters(r)}{col + 1}"))
        elif (r, col) in present:
            kept.append((sx + 3.0, sy + sh_ - 3.0, f"{row_letters(r)}{col + 1}"))
            c.setStrokeColor(HexColor("#A0AEC0"))
            c.setLineWidth(0.5)
            c.rect(sx, sy, sw_, sh_, stroke=1, fill=0)
        else:
            c.setFillColor(HexColor("#CBD5E0"))
            c.setStrokeColor(HexColor("#A0AEC0"))
            c.setLineWidth(0.9)
            c.rect(sx, sy, sw_, sh_, stroke=1, fill=1)
    # Pink outlines last, so a grey neighbour's edge never covers them; sheets to replace also get a pink wash.
    c.saveState()
    c.setStrokeColor(HexColor(MARK))
    c.setFillColor(HexColor(MARK))
    c.setFillAlpha(0.18)
    c.setLineWidth(0.9 if changes is None else 1.8)
    for r, col, x, yy, w, h in regions:
        if (r, col) in marked:
            c.rect(ox + x * scale, oy + yy * scale, w * scale, h * scale, stroke=1, fill=changes is not None)
    c.restoreState()
    size = max(6.0, min(14.0, aw * scale * 0.1))
    from .pdf_fonts import text_width

    c.setFillColor(HexColor("#FFFFFF"))
    for x, yy, label in labels + kept:
        c.rect(x - 1.5, yy - size * 1.05, text_width(label, size, True) + 3.0, size * 1.1, stroke=0, fill=1)
    painter.begin(c)
    painter.colour(HexColor(MARK))
    for x, yy, label in labels:
        painter.line(x, yy - size * 0.82, label, size, True)
    painter.colour(HexColor("#A0AEC0"))
    for x, yy, label in kept:
        painter.line(x, yy - size * 0.82, label, size, False)
    painter.end(c)
    c.showPage()

