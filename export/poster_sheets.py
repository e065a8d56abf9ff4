"""Which sheets of a tiled poster changed between two versions of the map (issue 13).

A sheet changed when what it shows changed. What it shows is read from the
poster's display list (poster_marks.py): every mark the poster draws, in
drawing order, with the box its ink can reach and the values that decide how
it looks, built from the shared layout (model/layout*.py) and the poster's
composition. What a sheet shows is the looks of the marks reaching into the
poster region it shows, in drawing order (plus where the map sits on the
poster, when it shows any of the map); two versions' sheets differ exactly
when those differ. They are compared as values, so no collision can hide a
change; `fingerprint` digests them the same way in every run, which is what
a record of a print would keep.

What a sheet shows is its poster region. Its margin (label, locator, the
map's title in the note) is not compared: a new title changes the title
block's sheets, not every sheet's small print.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .poster_marks import frame_marks, map_marks
from .tiles import Tile, TilePlan, grid_region

Sheet = tuple[int, int]  # (row, column) in the tile grid


def display_list(version, widths: dict | None = None) -> tuple[list[tuple], tuple]:
    """Every mark of one poster version in drawing order, as (x0, y0, x1, y1, look, on_map) in poster
    points (y up), and where the map sits on the poster. `widths` caches text widths between calls."""
    comp, layout = version.comp, version.layout
    box, s, height = comp.map_box, comp.scale, layout.height
    before, after = frame_marks(comp, version.frame)
    marks = [(x0, y0, x1, y1, look, False) for (x0, y0, x1, y1), look in before]
    bx, top = box.x, box.y + height * s
    marks += [(bx + x0 * s, top - y1 * s, bx + x1 * s, top - y0 * s, look, True)
              for (x0, y0, x1, y1), look in map_marks(layout, version.doc, widths, version.view)]
    marks += [(x0, y0, x1, y1, look, False) for (x0, y0, x1, y1), look in after]
    return marks, ("map at", box.x, box.y, s, height)


def sheet_contents(version, widths: dict | None = None) -> dict[Sheet, tuple]:
    """What each cell of the tile grid shows, printed or not: the looks of the marks reaching into its
    poster region, in drawing order, led by where the map sits when it shows any of the map."""
    plan, page = version.plan, version.page
    marks, placement = display_list(version, widths)
    lefts = [grid_region(plan, page, 0, c)[0] for c in range(plan.cols)]
    bottoms = [grid_region(plan, page, r, 0)[1] for r in range(plan.rows)]
    _, _, aw, ah = plan.area
    step_x, step_y = aw - plan.overlap, ah - plan.overlap
    left, top = lefts[0], bottoms[0] + ah  # of the first column and the first row
    found = [[[] for _ in range(plan.cols)] for _ in range(plan.rows)]
    on_map = [[False] * plan.cols for _ in range(plan.rows)]
    last_col, last_row = plan.cols - 1, plan.rows - 1
    per_x, per_y = 1.0 / step_x, 1.0 / step_y
    for x0, y0, x1, y1, look, in_map in marks:
        # The grid is regular: the candidate columns and rows follow from the box (int() rounds a
        # negative towards 0, which the clamp to 0 makes harmless); each candidate is then checked.
        c0, c1 = max(0, int((x0 - left - aw) * per_x)), min(last_col, int((x1 - left) * per_x))
        r0, r1 = max(0, int((top - ah - y1) * per_y)), min(last_row, int((top - y0) * per_y))
        for c in range(c0, c1 + 1):
            x = lefts[c]
            if x0 < x + aw and x1 > x:
                for r in range(r0, r1 + 1):
                    y = bottoms[r]
                    if y0 < y + ah and y1 > y:
                        found[r][c].append(look)
                        if in_map:
                            on_map[r][c] = True
    return {
        (r, c): ((placement,) if on_map[r][c] else ()) + tuple(found[r][c])
        for r in range(plan.rows) for c in range(plan.cols)
    }


def fingerprint(content: tuple) -> bytes:
    """A digest of what a sheet shows, the same in every run (repr of plain values is exact): what a
    record of a print would keep to compare a later version's sheets with."""
    return hashlib.blake2b(repr(content).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True)
class SheetChanges:
    """What to reprint: the current print's plan, the sheets that changed, and the ones now blank."""

    plan: TilePlan
    reprint: tuple[Tile, ...]  # in the plan's order
    take_down: tuple[str, ...]  # labels of sheets the earlier print had that would now be blank

    @property
    def labels(self) -> list[str]:
        return [t.label for t in self.reprint]

    @property
    def nothing(self) -> bool:
        return not self.reprint and not self.take_down


def changed_sheets(before, after) -> SheetChanges:
    """Compare two PosterVersions printed the same way (same paper, sheets and overlap)."""
    if (before.page, before.plan.sheet, before.plan.overlap) != (after.page, after.plan.sheet, after.plan.overlap):
        raise ValueError("two posters compared sheet by sheet must be printed the same way")
    widths: dict = {}  # most lines are the same in both versions: measure each once
    old, new = sheet_contents(before, widths), sheet_contents(after, widths)
    printed_before = {(t.row, t.col) for t in before.plan.tiles}
    reprint = tuple(
        t for t in after.plan.tiles if (t.row, t.col) not in printed_before or old[(t.row, t.col)] != new[(t.row, t.col)]
    )
    now = {(t.row, t.col) for t in after.plan.tiles}
    take_down = tuple(t.label for t in before.plan.tiles if (t.row, t.col) not in now)
    return SheetChanges(after.plan, reprint, take_down)
