"""Everything on the poster round the map: where things go, the title block, legend and personas strip.

All in PDF points with y up, on the whole poster sheet. Sizes grow with the
paper (`k` is 1 on A4 and 4 on A0), so an A0 title reads from across a room
and an A4 one still fits.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from model.domain import CardKind, Channel
from model.fonts import bold_metrics, fit_with_ellipsis, regular_metrics, wrap_text

from .icons import FACE_COLOURS, draw_face, place_icon
from .paper import margin_for
from .pdf_fonts import TextPainter, text_width

A4_AREA = 595.2756 * 841.8898
TITLE_INK = "#1A202C"
MUTED = "#4A5568"
RULE = "#2D3748"


@dataclass
class Box:
    x: float
    y: float  # bottom, PDF coordinates
    w: float
    h: float

    def intersects(self, x: float, y: float, w: float, h: float) -> bool:
        return x < self.x + self.w and self.x < x + w and y < self.y + self.h and self.y < y + h


@dataclass
class Composition:
    page_w: float
    page_h: float
    k: float
    margin: float
    title: Box
    map_box: Box  # where the scaled map sits
    scale: float  # layout units -> points
    legend: Box | None
    personas: Box | None
    legend_rows: list = field(default_factory=list)
    persona_cells: list = field(default_factory=list)
    persona_cell_h: float = 0.0

    def content_boxes(self) -> list[Box]:
        return [b for b in (self.title, self.map_box, self.legend, self.personas) if b is not None]


@dataclass
class FrameContent:
    """What the frame shows, gathered from the document once."""

    title: str
    subtitle: str
    emotion_labels: tuple[str, ...]
    has_emotions: bool
    kinds: list[CardKind]
    channels: list[Channel]
    personas: list  # Persona values, in order
    # More legend groups, after the card kinds and channels: (heading, [(mark, value, label)]), where a mark
    # is "ring" or "line" and its value (colour "#RRGGBB", dashed): the future state, a comparison's marks;
    # or "band", a line in its band, valued (colour, dashed, the band's colour): the room's curve.
    extra_legend: list = field(default_factory=list)


def frame_sizes(k: float) -> dict[str, float]:
    return {
        "title": 26.0 * k,
        "subtitle": 10.5 * k,
        "legend": 8.5 * k,
        "legend_head": 9.5 * k,
        "icon": 10.5 * k,
        "row": 16.0 * k,
        "gap": 10.0 * k,
        "name": 11.0 * k,
        "role": 8.5 * k,
        "photo": 42.0 * k,
    }


def _legend_rows(content: FrameContent, width: float, s: dict[str, float]) -> list[tuple[str, list]]:
    """Legend rows (heading, [(kind of mark, value, label)]) wrapped to `width`."""
    groups: list[tuple[str, list]] = []
    if content.has_emotions:
        groups.append(("Emotion", [("face", v, content.emotion_labels[v + 2]) for v in range(-2, 3)]))
    if content.kinds:
        groups.append(("Cards", [("icon", k, CardKind(k).label) for k in content.kinds]))
    if content.channels:
        groups.append(("Channels", [("icon", c, Channel(c).label) for c in content.channels]))
    groups += [(heading, list(items)) for heading, items in content.extra_legend if items]
    head_w = max((text_width(h, s["legend_head"], True) for h, _ in groups), default=0.0) + s["gap"]
    rows: list[tuple[str, list]] = []
    for heading, items in groups:
        x, row = head_w, []
        for item in items:
            room = width - head_w - 1.4 * s["icon"]  # a label longer than a whole row is cut to it (…)
            if text_width(item[2], s["legend"]) > room:
                item = (item[0], item[1], fit_with_ellipsis(item[2], room, regular_metrics(), s["legend"]))
            body = 1.4 * s["icon"] + text_width(item[2], s["legend"])
            w = body + 1.2 * s["icon"]  # with the space before the next item
            if row and x + body > width:
                rows.append((heading, row))
                heading, x, row = "", head_w, []
            row.append((item, x))
            x += w
        rows.append((heading, row))
    return rows


def _legend_natural_width(content: FrameContent, s: dict[str, float]) -> float:
    """The legend's width with every group on one line."""
    rows = _legend_rows(content, float("inf"), s)
    widest = 0.0
    for _, items in rows:
        if items:
            (mark, value, label), x = items[-1]
            widest = max(widest, x + s["icon"] * 1.4 + text_width(label, s["legend"]) + 0.01)
    return widest


@dataclass
class PersonaCell:
    persona: object
    x: float  # from the strip's left edge
    row: int
    role: list[str]
    quote: list[str]
    text_w: float


def _persona_cells(personas: list, width: float, s: dict[str, float]) -> tuple[list[PersonaCell], float]:
    """A cell per persona (cells wrap to new rows) and the height every cell gets."""
    if not personas:
        return [], 0.0
    per_row = max(1, min(len(personas), int(width // (s["photo"] * 3.6))))
    cell_w = width / per_row
    text_w = cell_w - s["photo"] - 1.6 * s["gap"]
    cells = []
    tallest = s["photo"]
    metrics = regular_metrics()
    for i, persona in enumerate(personas):
        quote = f"“{persona.quote.strip()}”" if persona.quote.strip() else ""
        role = list(wrap_text(persona.role.strip(), text_w, metrics, s["role"], 2)[0])
        lines = list(wrap_text(quote, text_w, metrics, s["role"], 3)[0]) if quote else []
        cells.append(PersonaCell(persona, (i % per_row) * cell_w, i // per_row, role, lines, text_w))
        text_h = s["name"] * 1.2 + len(role) * s["role"] * 1.3 + len(lines) * s["role"] * 1.25 + s["role"] * 0.4
        tallest = max(tallest, text_h)
    return cells, tallest


def compose(page: tuple[float, float], layout_size: tuple[float, float], content: FrameContent,
            include_legend: bool, include_personas: bool) -> Composition:
    """Where the title, the map, the legend and the personas strip go on a sheet of `page` size.

    The legend and personas go in a band under the map, or in a column at its
    right when that leaves the map bigger (a tall map on a wide sheet).
    """
    pw, ph = page
    k = math.sqrt(pw * ph / A4_AREA)
    s = frame_sizes(k)
    m = margin_for(page)
    inner_w = pw - 2 * m
    title_h = s["title"] * 1.15 + s["subtitle"] * 1.7 + s["gap"] * 0.6
    title = Box(m, ph - m - title_h, inner_w, title_h)
    top = title.y - s["gap"] * 1.4
    base = (pw, ph, k, m, title, top)
    band = _compose_band(base, s, layout_size, content, include_legend, include_personas)
    if not (include_legend or (include_personas and content.personas)):
        return band
    side = _compose_side(base, s, layout_size, content, include_legend, include_personas)
    return side if side is not None and side.scale > band.scale * 1.05 else band


def _fit_map(layout_size, x: float, y: float, w: float, h: float) -> tuple[Box, float]:
    lw, lh = max(layout_size[0], 1.0), max(layout_size[1], 1.0)
    scale = min(w / lw, max(h, 1.0) / lh)
    mw, mh = lw * scale, lh * scale
    return Box(x + (w - mw) / 2, y + (h - mh) / 2, mw, mh), scale


def _compose_band(base, s, layout_size, content, include_legend, include_personas) -> Composition:
    pw, ph, k, m, title, top = base
    inner_w = pw - 2 * m
    with_personas = include_personas and bool(content.personas)
    natural = _legend_natural_width(content, s) if include_legend else 0.0
    # The legend takes the width it needs on one line per group, up to half; the personas get the rest.
    legend_w = min(natural, inner_w * 0.5) if with_personas else min(natural, inner_w)
    rows = _legend_rows(content, legend_w, s) if include_legend else []
    legend_h = (s["legend_head"] * 1.6 + len(rows) * s["row"]) if rows else 0.0
    persona_w = inner_w - (legend_w + 2 * s["gap"] if rows else 0.0)
    cells, cell_h = _persona_cells(content.personas, persona_w, s) if include_personas else ([], 0.0)
    n_rows = (cells[-1].row + 1) if cells else 0
    personas_h = n_rows * (cell_h + s["gap"]) - s["gap"] if cells else 0.0
    band_h = max(legend_h, personas_h)
    legend = Box(pw - m - legend_w, m + band_h - legend_h, legend_w, legend_h) if rows else None
    personas_box = Box(m, m + band_h - personas_h, persona_w, personas_h) if cells else None
    bottom = m + band_h + (s["gap"] * 1.6 if band_h else 0.0)
    map_box, scale = _fit_map(layout_size, m, bottom, inner_w, top - bottom)
    return Composition(pw, ph, k, m, title, map_box, scale, legend, personas_box, rows, cells, cell_h)


def _compose_side(base, s, layout_size, content, include_legend, include_personas) -> Composition | None:
    """Legend and personas stacked in a column right of the map; None when they do not fit its height."""
    pw, ph, k, m, title, top = base
    inner_w = pw - 2 * m
    col_w = max(inner_w * 0.2, s["photo"] * 4.2)
    rows = _legend_rows(content, col_w, s) if include_legend else []
    legend_h = (s["legend_head"] * 1.6 + len(rows) * s["row"]) if rows else 0.0
    cells, cell_h = _persona_cells(content.personas, col_w, s) if include_personas else ([], 0.0)
    n_rows = (cells[-1].row + 1) if cells else 0
    personas_h = n_rows * (cell_h + s["gap"]) - s["gap"] if cells else 0.0
    gap = s["gap"] * 2 if rows and cells else 0.0
    if legend_h + personas_h + gap > top - m:
        return None
    col_x = pw - m - col_w
    personas_box = Box(col_x, top - personas_h, col_w, personas_h) if cells else None
    legend = Box(col_x, m, col_w, legend_h) if rows else None
    map_box, scale = _fit_map(layout_size, m, m, inner_w - col_w - s["gap"] * 2, top - m)
    return Composition(pw, ph, k, m, title, map_box, scale, legend, personas_box, rows, cells, cell_h)


class FramePainter:
    """Draws the title block, the legend and the personas strip of one composition."""

    def __init__(self, canv, comp: Composition, painter: TextPainter, warnings: list[str]) -> None:
        from reportlab.lib.colors import HexColor

        self.c = canv
        self.comp = comp
        self.text = painter
        self.s = frame_sizes(comp.k)
        self.warnings = warnings
        self.hex = HexColor

    def title_block(self, content: FrameContent) -> None:
        c, t, s, box = self.c, self.text, self.s, self.comp.title
        text = content.title.replace("\n", " ")
        # A long title shrinks to fit (to 60 %) before it is cut short with an ellipsis.
        natural = text_width(text, s["title"], True)
        size = s["title"] * max(0.6, min(1.0, box.w / natural)) if natural else s["title"]
        title = fit_with_ellipsis(text, box.w, bold_metrics(), size)
        subtitle = fit_with_ellipsis(content.subtitle, box.w, regular_metrics(), s["subtitle"])
        top = box.y + box.h
        t.draw(c, box.x, top - s["title"] * 0.93, title, size, True, self.hex(TITLE_INK))
        t.draw(c, box.x, top - s["title"] * 1.15 - s["subtitle"] * 1.15, subtitle, s["subtitle"], False, self.hex(MUTED))
        c.setStrokeColor(self.hex(RULE))
        c.setLineWidth(1.2 * self.comp.k)
        c.line(box.x, box.y, box.x + box.w, box.y)

    def legend(self) -> None:
        box = self.comp.legend
        if box is None:
            return
        c, t, s = self.c, self.text, self.s
        ink, muted, white = self.hex(TITLE_INK), self.hex(MUTED), self.hex("#FFFFFF")
        top = box.y + box.h
        t.draw(c, box.x, top - s["legend_head"], "Legend", s["legend_head"] * 1.1, True, ink)
        labels = []
        for i, (heading, items) in enumerate(self.comp.legend_rows):
            mid = top - s["legend_head"] * 1.6 - (i + 0.5) * s["row"]
            if heading:
                labels.append((box.x, mid - s["legend_head"] * 0.35, heading, s["legend_head"], True))
            for (mark, value, label), x in items:
                icon = s["icon"]
                if mark == "face":
                    r = icon * 0.5
                    draw_face(c, box.x + x + r, mid, r, value, self.hex(FACE_COLOURS[value]), white)
                elif mark in ("ring", "line", "band"):
                    self._swatch(mark, value, box.x + x, mid, icon)
                else:
                    place_icon(c, value, box.x + x, mid - icon / 2, icon)
                labels.append((box.x + x + icon * 1.4, mid - s["legend"] * 0.35, label, s["legend"], False))
        t.begin(c)
        t.colour(muted)
        for x, y, label, size, bold in labels:
            t.line(x, y, label, size, bold)
        t.end(c)

    def _swatch(self, mark: str, value: tuple, x: float, mid: float, icon: float) -> None:
        """A legend mark drawn, not an icon: a card's ring ("ring"), a stretch of curve ("line"), or one
        in its band ("band")."""
        c = self.c
        colour, dashed = value[:2]
        c.saveState()
        if mark == "band":
            c.setFillColor(self.hex(value[2]))
            c.roundRect(x, mid - icon * 0.4, icon * 1.15, icon * 0.8, icon * 0.15, stroke=0, fill=1)
        c.setStrokeColor(self.hex(colour))
        c.setLineWidth(icon * (0.12 if mark == "ring" else 0.2))
        if dashed:
            c.setDash([icon * 0.3, icon * 0.18])
        if mark == "ring":
            c.roundRect(x, mid - icon * 0.4, icon * 1.15, icon * 0.8, icon * 0.15, stroke=1, fill=0)
        else:
            c.setLineCap(1)
            c.line(x, mid, x + icon * 1.15, mid)
        c.restoreState()

    def personas(self) -> None:
        box = self.comp.personas
        if box is None:
            return
        c, t, s = self.c, self.text, self.s
        top = box.y + box.h
        cell_h = self.comp.persona_cell_h
        for cell in self.comp.persona_cells:
            persona = cell.persona
            px = box.x + cell.x
            cell_top = top - cell.row * (cell_h + s["gap"])
            self._photo(persona, px, cell_top - s["photo"])
            tx = px + s["photo"] + s["gap"] * 0.8
            name = fit_with_ellipsis(persona.name.replace("\n", " "), cell.text_w, bold_metrics(), s["name"])
            y = cell_top - s["name"] * 0.95
            t.draw(c, tx, y, name, s["name"], True, self.hex(persona.colour))
            t.begin(c)
            t.colour(self.hex(MUTED))
            y -= s["name"] * 0.25
            for line in cell.role:
                y -= s["role"] * 1.3
                t.line(tx, y, line, s["role"])
            t.colour(self.hex(TITLE_INK))
            y -= s["role"] * 0.4 if cell.role else 0.0
            for line in cell.quote:
                y -= s["role"] * 1.25
                t.line(tx, y, line, s["role"])
            t.end(c)

    def _photo(self, persona, x: float, y: float) -> None:
        """The persona's photo in a circle, or a circle in its colour with its initial."""
        c, size = self.c, self.s["photo"]
        r = size / 2
        cx, cy = x + r, y + r
        if persona.photo:
            try:
                from reportlab.lib.utils import ImageReader

                image = ImageReader(io.BytesIO(persona.photo))
                iw, ih = image.getSize()
                image.getRGBData()  # decode now: a truncated file fails here, not inside save()
                cover = max(size / iw, size / ih)
                c.saveState()
                path = c.beginPath()
                path.circle(cx, cy, r)
                c.clipPath(path, stroke=0, fill=0)
                c.drawImage(image, cx - iw * cover / 2, cy - ih * cover / 2, iw * cover, ih * cover, mask="auto")
                c.restoreState()
                c.setStrokeColor(self.hex(persona.colour))
                c.setLineWidth(1.5 * self.comp.k)
                c.circle(cx, cy, r, stroke=1, fill=0)
                return
            except Exception:  # any decoder error: a damaged photo must not stop the poster
                self.warnings.append(f"persona {persona.name!r}: the photo could not be read and was left out")
        c.setFillColor(self.hex(persona.colour))
        c.circle(cx, cy, r, stroke=0, fill=1)
        initial = persona.name.strip()[:1].upper() or "?"
        size_i = size * 0.45
        w = text_width(initial, size_i, True)
        self.text.draw(c, cx - w / 2, cy - size_i * 0.36, initial, size_i, True, self.hex("#FFFFFF"))
