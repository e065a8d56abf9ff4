"""The poster's display list: every mark it draws, with the box its ink can reach and what decides its look.

Built from what the painters draw from (the shared layout, the poster's
composition and poster_ink's stroke widths), in their drawing order. A mark
is as small as the layout's own boxes allow: a card is its shape, its header
strip, each line of its text and its footer; a stage header is its fill,
each line of its name and goal and each KPI badge; an emotion curve is each
of its segments and faces; the title and subtitle, which run across several
sheets, are each word. So an edit reaches only the sheets its own ink
reaches. Text boxes are measured with the layout's font metrics and given
room for accents above and descenders below.

Boxes are (x0, y0, x1, y1): layout units with y down for the map's marks,
poster points with y up for the frame's.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator

from model.card_footer import due_label
from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics
from model.layout import label_spot
from model.layout_routes import lerp
from model.domain import View
from model.layout_types import Layout, TextBlock

from .bidi import has_rtl
from .icons import face_form_name
from .poster_future import future_marks, shows_as_is
from .poster_frame import frame_sizes
from .poster_room import band_marks, curve_marks
from .poster_ink import (
    CARD_LINE,
    CONNECTION_LINE,
    CURVE_LINE,
    FACE_RADIUS,
    FACE_REACH,
    GRID_LINE,
    LABEL_LINE,
    connection_arrow,
    connection_label,
    shown_cards,
)

Box = tuple[float, float, float, float]
Look = tuple  # every value that decides how a mark looks; repr-able plain values only

# How far a line of text's ink may reach beyond its advance width and the font's ascent and
# descent, in multiples of its size (accents stacked on capitals, a fallback font's glyphs).
TEXT_UP, TEXT_DOWN, TEXT_SIDE = 1.3, 0.5, 0.3
CONNECTION_PIECES = 8


def _grown(x0: float, y0: float, x1: float, y1: float, by: float) -> Box:
    return (x0 - by, y0 - by, x1 + by, y1 + by)


def _rect(r, by: float = 0.0) -> Box:
    return (r.x - by, r.y - by, r.x + r.w + by, r.y + r.h + by)


def _union(*boxes: Box) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def bezier_box(p0, p1, p2, p3) -> Box:
    """The exact bounds of a cubic Bézier: its ends and its turning points."""
    lo, hi = [min(p0[0], p3[0]), min(p0[1], p3[1])], [max(p0[0], p3[0]), max(p0[1], p3[1])]
    for axis in (0, 1):
        d0, d1, d2 = p1[axis] - p0[axis], p2[axis] - p1[axis], p3[axis] - p2[axis]
        a, b, c = d0 - 2 * d1 + d2, 2 * (d1 - d0), d0  # B'(t) / 3 = a t² + b t + c
        if abs(a) < 1e-12:
            roots = [-c / b] if abs(b) > 1e-12 else []
        else:
            disc = b * b - 4 * a * c
            roots = [] if disc < 0 else [(-b + sign * math.sqrt(disc)) / (2 * a) for sign in (1, -1)]
        for t in roots:
            if 0.0 < t < 1.0:
                u = 1.0 - t
                v = u * u * u * p0[axis] + 3 * u * u * t * p1[axis] + 3 * u * t * t * p2[axis] + t * t * t * p3[axis]
                lo[axis], hi[axis] = min(lo[axis], v), max(hi[axis], v)
    return (lo[0], lo[1], hi[0], hi[1])


def bezier_pieces(bezier, n: int) -> list[tuple]:
    """The Bézier cut at t = 1/n, 2/n, … into n Béziers that draw the same curve (de Casteljau)."""
    pieces = []
    rest = tuple(bezier)
    for k in range(n, 1, -1):
        t = 1.0 / k  # of what is left
        p0, p1, p2, p3 = rest
        a = lerp(p0, p1, t)
        b = lerp(p1, p2, t)
        c = lerp(p2, p3, t)
        d, e = lerp(a, b, t), lerp(b, c, t)
        f = lerp(d, e, t)
        pieces.append((p0, a, d, f))
        rest = (f, e, c, p3)
    pieces.append(rest)
    return pieces


def _line(x: float, baseline: float, text: str, size: float, bold: bool, y_down: bool = True,
          widths: dict | None = None) -> tuple[Box, Look]:
    """One line of text starting at x on `baseline`; `widths` caches measurements."""
    key = (text, size, bold)
    width = widths.get(key) if widths is not None else None
    if width is None:
        width = (bold_metrics() if bold else regular_metrics()).text_width(text, size)
        if widths is not None:
            widths[key] = width
    up, down = (-TEXT_UP, TEXT_DOWN) if y_down else (-TEXT_DOWN, TEXT_UP)
    box = (x - TEXT_SIDE * size, baseline + up * size, x + width + TEXT_SIDE * size, baseline + down * size)
    return box, ("text", text, x, baseline, size, bold)


def _words(x: float, baseline: float, text: str, size: float, bold: bool) -> list[tuple[Box, Look]]:
    """A frame line (poster points, y up) word by word: a title runs across several sheets, and a
    sheet showing only words that did not move shows the same. Right-to-left text is drawn in
    visual order, so it stays one mark."""
    if has_rtl(text):
        return [_line(x, baseline, text, size, bold, y_down=False)]
    metrics = bold_metrics() if bold else regular_metrics()
    out, start = [], 0
    for word in text.split(" "):
        if word:
            left = x + metrics.text_width(text[:start], size)
            box, _ = _line(left, baseline, word, size, bold, y_down=False)
            out.append((box, ("word", word, left, baseline, size, bold)))
        start += len(word) + 1
    return out


def _block(block: TextBlock, bold: bool | None = None, widths: dict | None = None) -> Iterator[tuple[Box, Look]]:
    weight = block.bold if bold is None else bold
    for text, baseline in zip(block.lines, block.baselines):
        yield _line(block.x, baseline, text, block.size, weight, True, widths)


# -- the map (layout units, y down) -------------------------------------------------------------


def _r(r) -> tuple[float, float, float, float]:
    return (r.x, r.y, r.w, r.h)


def map_marks(layout: Layout, doc, widths: dict | None = None, view: View = View.BOTH) -> Iterator[tuple[Box, Look]]:
    """The map's marks in the order poster_map.MapPainter draws them; `widths` caches text widths."""
    half = GRID_LINE / 2
    corner = layout.corner
    for i, lane in enumerate(layout.lanes):  # _grid: every other row tinted, then the rules
        if i % 2 == 1:
            r = lane.row
            yield (corner.w, r.y, layout.width, r.y + r.h), ("tint", corner.w, r.y, layout.width, r.h)
    yield from band_marks(layout, doc, view)  # draw_room_bands: the room's bands, on the rows' ground
    for lane in layout.lanes:
        y = lane.row.y + lane.row.h
        yield (0.0, y - half, layout.width, y + half), ("rule", y, layout.width)
    for x in [stage.column.x + stage.column.w for stage in layout.stages] + [corner.w]:
        yield (x - half, corner.y + corner.h, x + half, layout.height), ("column rule", x, corner.h, layout.height)
    for stage in layout.stages:  # _stage_headers
        yield _rect(stage.header), ("stage", _r(stage.header))
        for rect, label in stage.kpis:  # a badge and its text, which the layout fitted inside it
            yield _rect(rect), ("kpi", _r(rect), label)
        yield from _block(stage.name, True, widths)
        yield from _block(stage.goal, None, widths)
    yield _rect(corner), ("corner", _r(corner))
    for lane in layout.lanes:  # _lane_headers
        header = lane.header
        yield _rect(header, half), ("lane", _r(header), lane.row.y + lane.row.h)
        yield from _block(lane.name, True, widths)
    for scale in layout.scales:  # _scales: dashed rules across the lane, faces and labels at its header
        lane = layout.lane_index.get(scale.lane_id)
        if lane is not None and lane.collapsed:
            continue
        ys = tuple(y for _, y, _ in scale.ticks)
        area = scale.area
        yield (area.x, min(ys) - half, area.x + area.w, max(ys) + half), ("scale rules", area.x, area.w, ys)
        if scale.labels is not None:
            yield _rect(scale.labels, half), ("scale labels", _r(scale.labels), scale.ticks, area.h)
    yield from _cards(layout, doc, widths)
    labelled = []
    for conn in layout.connections:  # _connections: each curve with its arrowhead, then the labels
        # A long connection crosses the map diagonally: its pieces' boxes follow it, where one box
        # round all of it would take in sheets it never touches.
        look = ("connection", conn.segments, conn.loops_back)
        for segment in conn.segments:  # a route's rounded corners and straight runs
            for piece in bezier_pieces(segment, CONNECTION_PIECES):
                yield _grown(*bezier_box(*piece), CONNECTION_LINE / 2), look
        arrow = connection_arrow(conn.segments[-1])
        xs, ys = [p[0] for p in arrow], [p[1] for p in arrow]
        yield (min(xs), min(ys), max(xs), max(ys)), ("arrowhead", arrow, conn.loops_back)
        if conn.label:
            labelled.append(conn)
    for conn in labelled:
        text, w, h = connection_label(conn.label)
        x, y, upright = label_spot(layout, conn, w, h)
        bw, bh = (h, w) if upright else (w, h)
        yield _grown(x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2, LABEL_LINE / 2), ("label", text, x, y, upright, w, h)
    yield from curve_marks(layout, doc, view, widths)  # draw_room_curves: the room's mean, dots and label
    reach = FACE_RADIUS * FACE_REACH
    for curve in (layout.curves if shows_as_is(view) else ()):  # _curves: each segment, then each face
        for segment in curve.segments:
            yield _grown(*bezier_box(*segment), CURVE_LINE / 2), ("segment", curve.colour, segment)
        for point in curve.points:
            yield ((point.x - reach, point.y - reach, point.x + reach, point.y + reach),
                   ("face", curve.colour, point.x, point.y, face_form_name(point.value)))
    yield from future_marks(layout, doc, view)  # draw_future: the to-be rings and curves, last


def _cards(layout: Layout, doc, widths: dict | None) -> Iterator[tuple[Box, Look]]:
    """Each visible card in reading order: its shape, its header strip, its lines, its footer."""
    for box in shown_cards(layout):
        card = doc.card(box.card_id)
        yield _rect(box.rect, CARD_LINE / 2), ("card", _r(box.rect), card.colour)
        # Icons and the evidence word sit inside the header strip, the votes, owner and due date inside the footer.
        header = box.header
        yield _rect(header), ("card header", _r(header), str(card.kind), str(card.channel), str(card.evidence))
        yield from _block(box.text, None, widths)
        if box.footer is not None:
            yield _rect(box.footer), ("card footer", _r(box.footer), layout.votes.get(card.id, 0), card.owner,
                                      due_label(card), card.colour)


# -- the frame (poster points, y up) --------------------------------------------------------------


def frame_marks(comp, frame) -> tuple[list[tuple[Box, Look]], list[tuple[Box, Look]]]:
    """The title block (drawn before the map), then the legend and the personas strip (after it)."""
    s = frame_sizes(comp.k)
    box = comp.title
    top = box.y + box.h
    text = frame.title.replace("\n", " ")
    natural = bold_metrics().text_width(text, s["title"])
    size = s["title"] * max(0.6, min(1.0, box.w / natural)) if natural else s["title"]
    title = fit_with_ellipsis(text, box.w, bold_metrics(), size)
    subtitle = fit_with_ellipsis(frame.subtitle, box.w, regular_metrics(), s["subtitle"])
    rule = 0.6 * comp.k
    before = [
        *_words(box.x, top - s["title"] * 0.93, title, size, True),
        *_words(box.x, top - s["title"] * 1.15 - s["subtitle"] * 1.15, subtitle, s["subtitle"], False),
        ((box.x, box.y - rule, box.x + box.w, box.y + rule), ("title rule", box.x, box.y, box.w, comp.k)),
    ]
    after = []
    if comp.legend is not None:
        b, grow = comp.legend, s["legend_head"]
        after.append(((b.x - grow, b.y - grow, b.x + b.w + grow, b.y + b.h + grow),
                      ("legend", b.x, b.y, b.w, b.h, comp.k, repr(comp.legend_rows))))
    if comp.personas is not None:
        after += _persona_marks(comp, s)
    return before, after


def _persona_marks(comp, s: dict[str, float]) -> list[tuple[Box, Look]]:
    """Each persona's photo (or initial) circle, then its text column: name, role, quote."""
    out = []
    box, cell_h = comp.personas, comp.persona_cell_h
    top = box.y + box.h
    photo, rim = s["photo"], 0.75 * comp.k
    for cell in comp.persona_cells:
        p = cell.persona
        px, cell_top = box.x + cell.x, top - cell.row * (cell_h + s["gap"])
        digest = hashlib.sha256(p.photo).hexdigest() if p.photo else None
        out.append(((px - rim, cell_top - photo - rim, px + photo + rim, cell_top + rim),
                    ("persona photo", px, cell_top, photo, comp.k, p.colour, p.name.strip()[:1], digest)))
        tx = px + photo + s["gap"] * 0.8
        reach = TEXT_UP * s["name"]
        out.append(((tx - TEXT_SIDE * s["name"], cell_top - cell_h - reach, tx + cell.text_w + TEXT_SIDE * s["name"],
                     cell_top + reach),
                    ("persona text", tx, cell_top, cell.text_w, cell_h, comp.k, p.name, p.colour, tuple(cell.role),
                     tuple(cell.quote))))
    return out
