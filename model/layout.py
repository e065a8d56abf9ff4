"""Where everything on the map goes.

Pure Python over the bundled font's metrics, so the canvas and the PDF poster
draw the very same rectangles and line breaks. Stages are columns, lanes are
rows; cards stack in their cell and flow into more columns when the stage is
wide enough; a lane is as tall as its tallest cell, so nothing overlaps.

`LayoutEngine` keeps a bounded cache of wrapped text and each cell's last
measurement and CardBoxes, so the canvas can lay out the whole map again on
every change and get the very same objects back for what did not change.
The curve geometry (smooth_segments) and the questions asked of
a finished layout (card_at, cell_at, insertion_index, label_spot…) are in
layout_query and importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .card_footer import has_footer
from .domain import LaneKind
from .fonts import FontMetrics, bold_metrics, fit_with_ellipsis, regular_metrics, wrap_text
from .layout_types import (
    CardBox,
    CellBox,
    ConnectionPath,
    Curve,
    CurvePoint,
    EmotionScale,
    LaneBox,
    Layout,
    Rect,
    StageBox,
    TextBlock,
    new_card_box,
    new_rect,
    new_text_block,
)

# Geometry on layout values and the questions asked of a finished Layout live in layout_query;
# callers import them from here too.
from .layout_query import (  # noqa: F401
    card_at,
    cell_at,
    insertion_index,
    label_spot,
    lane_at,
    lane_insertion_index,
    smooth_segments,
    stage_at,
    stage_insertion_index,
)

from .layout_routes import Router, point_along, rounded
from .voting import shown_votes

if TYPE_CHECKING:
    from .document import Document
    from .domain import Card, Connection, Kpi, Lane, Stage


@dataclass(frozen=True)
class LayoutStyle:
    """Every measurement of the layout, in layout units (px on screen, pt on paper)."""

    lane_header_width: float = 170.0
    header_padding: float = 10.0  # inside stage and lane headers
    stage_name_size: float = 15.0
    stage_name_lines: int = 3
    goal_size: float = 10.0
    goal_lines: int = 4
    header_gap: float = 4.0  # between name, goal and the KPI badges
    min_stage_header_height: float = 56.0
    kpi_size: float = 9.0
    kpi_padding: float = 5.0  # left and right inside a badge
    kpi_height: float = 15.0
    kpi_gap: float = 4.0
    lane_name_size: float = 12.0
    lane_name_lines: int = 6
    cell_padding: float = 10.0
    card_min_width: float = 180.0
    card_gap: float = 8.0
    card_padding: float = 7.0  # around the card's text
    card_text_size: float = 11.0
    max_card_lines: int = 40
    card_header_height: float = 18.0
    card_footer_height: float = 16.0
    min_lane_height: float = 110.0  # an empty lane is still a comfortable drop target
    collapsed_lane_height: float = 28.0
    emotion_lane_height: float = 170.0
    emotion_padding: float = 16.0  # above +2 and below −2 inside the lane
    scale_label_width: float = 78.0  # the tick labels, at the right of the Emotions lane header
    resize_handle_width: float = 6.0
    wrap_cache_size: int = 50_000


def format_number(value: float) -> str:
    """A number as people write it: 72, 3.5, 0.25 — never 72.0 or 1e+06."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def kpi_text(kpi: Kpi) -> str:
    """A KPI badge's text: "CSAT 72 → 80 %" (value → target unit, either may be missing)."""
    parts = [kpi.name]
    if kpi.value is not None:
        parts.append(format_number(kpi.value))
    if kpi.target is not None:
        parts.append(f"→ {format_number(kpi.target)}")
    if kpi.unit and (kpi.value is not None or kpi.target is not None):
        parts.append(kpi.unit)
    return " ".join(parts)


def connection_text(conn: Connection) -> str:
    """A connection's label, with its share: "Pays online (40 %)", or "40 %" alone."""
    if conn.share is None:
        return conn.label
    share = f"{format_number(conn.share)} %"
    return f"{conn.label} ({share})" if conn.label else share


class _Measured:
    """One cell measured: its cards (the key, with the stage width and collapsed state), the
    columns, each card's rectangle relative to the cell and text lines, and the bottom of the
    lowest card; `ids` the card ids (one tuple per measurement); `placed` keeps the last
    (x0, y0, CardBoxes) so an unmoved cell reuses them."""

    __slots__ = ("cards", "footers", "width", "collapsed", "columns", "plan", "bottom", "ids", "placed", "previous",
                 "spans")

    def __init__(self, cards, width: float, collapsed: bool, columns: int, plan: tuple, bottom: float,
                 spans: tuple = (), footers: tuple = ()) -> None:
        self.cards, self.width, self.collapsed = cards, width, collapsed
        self.footers = footers  # whether each card has a footer (votes shown, an owner, a due date): part of the key
        self.columns, self.plan, self.bottom = columns, plan, bottom
        # Each card's (x, width) relative to the cell as the expanded cell places it, collapsed or not:
        # emotion points hang there, so collapsing a lane never moves a curve.
        self.spans = spans or tuple((rel.x, rel.w) for _card, rel, _lines in plan)
        self.ids = tuple(card.id for card, _, _ in plan)
        self.placed: tuple | None = None
        self.previous: _Measured | None = None  # the cell's measurement this one replaced


_EMPTY_CELL = _Measured([], 0.0, False, 1, (), 0.0)


class LayoutEngine:
    """Lays maps out, remembering wrapped text, each cell's measurement and CardBoxes, and the
    emotion curves between calls (the canvas keeps one). What it remembers never changes a
    result: it is reused only when the values it came from are equal."""

    def __init__(self, style: LayoutStyle | None = None) -> None:
        self.style = style or LayoutStyle()
        self._wraps: dict[tuple, tuple[tuple[str, ...], bool]] = {}
        # Each cell's last measurement and placement, by (stage_id, lane_id): a re-layout after
        # one edit measures and places only the cells that changed or moved.
        self._cells: dict[tuple[str, str], _Measured] = {}
        # (persona_id, lane_id), or (persona_id, lane_id, "to-be") -> (key parts..., Curve)
        self._curves: dict[tuple, tuple] = {}
        # The last layout's connection routes by everything a route depends on: an edit that moves
        # neither end nor any channel reuses the route (its very tuples) instead of routing again.
        self._routes: dict[tuple, tuple] = {}
        self._old_routes: dict[tuple, tuple] = {}
        self._route_channels: tuple = ()  # the channels the cached routes ran along
        metrics = regular_metrics()
        self._ascent = metrics.ascent(self.style.card_text_size)
        self._step = metrics.line_height(self.style.card_text_size)
        self._line_steps = tuple(i * self._step for i in range(max(self.style.max_card_lines, 1) + 1))
        self._voted: dict[str, int] = {}  # this layout's shown votes (model/voting.py): they decide footers
        self._voted_changed = True

    # -- text --------------------------------------------------------------

    def wrap(
        self, text: str, width: float, size: float, bold: bool = False, max_lines: int | None = None
    ) -> tuple[tuple[str, ...], bool]:
        key = (text, width, size, bold, max_lines)
        hit = self._wraps.get(key)
        if hit is None:
            hit = wrap_text(text, width, self._metrics(bold), size, max_lines)
            if len(self._wraps) >= self.style.wrap_cache_size:
                # Drop the older half: dicts keep insertion order.
                for old in list(self._wraps)[: len(self._wraps) // 2]:
                    del self._wraps[old]
            self._wraps[key] = hit
        return hit

    @staticmethod
    def _metrics(bold: bool) -> FontMetrics:
        return bold_metrics() if bold else regular_metrics()

    def block(
        self,
        text: str,
        x: float,
        top: float,
        width: float,
        size: float,
        bold: bool = False,
        max_lines: int | None = None,
    ) -> TextBlock:
        """Text wrapped to `width`, its first line's top at `top`."""
        lines, truncated = self.wrap(text, width, size, bold, max_lines)
        metrics = self._metrics(bold)
        first, step = top + metrics.ascent(size), metrics.line_height(size)
        return TextBlock(lines, x, tuple(first + i * step for i in range(len(lines))), size, bold, truncated)

    def text_height(self, lines: int, size: float, bold: bool = False) -> float:
        return lines * self._metrics(bold).line_height(size)

    # -- the map -----------------------------------------------------------

    def layout(self, doc: Document) -> Layout:
        """The whole map's layout; equal documents give equal layouts.

        Between two calls, a cell with cards has the very same `cell_cards[key]` tuple
        only when its cards were not measured again: each of its CardBoxes then draws
        as before, at most moved with the cell (the canvas moves those without a closer
        look). A CardBox equal to the last call's is the same object.
        """
        st = self.style
        stages, lanes = doc.stages, doc.lanes
        voted = shown_votes(doc)
        self._voted_changed = voted != self._voted
        if self._voted_changed:  # equal counts keep the very dict, so views can tell nothing changed
            self._voted = voted
        stage_x: list[float] = []
        x = st.lane_header_width
        for stage in stages:
            stage_x.append(x)
            x += stage.width
        width = x
        header_h, stage_heads = self._stage_headers(doc, stages, stage_x)

        # Rows: measure every cell first, then place cards once the row height is known.
        rows: list[tuple[Lane, float, float]] = []  # (lane, y, height)
        cells: dict[tuple[str, str], CellBox] = {}
        cards: dict[str, CardBox] = {}
        cell_cards: dict[tuple[str, str], tuple[str, ...]] = {}
        anchors: dict[str, Rect] = {}  # where each card's emotion points hang (see _Measured.spans)
        y = header_h
        lane_boxes: list[LaneBox] = []
        old_cells, self._cells = self._cells, {}
        for lane in lanes:
            row_h, measured = self._measure_row(doc, lane, stages, old_cells)
            for stage, x0, m in zip(stages, stage_x, measured):
                key = (stage.id, lane.id)
                cells[key] = CellBox(stage.id, lane.id, Rect(x0, y, stage.width, row_h), m.columns)
                ids, boxes = self._place_cell(m, x0, y, lane.collapsed)
                cards.update(zip(ids, boxes))
                cell_cards[key] = ids
                if lane.collapsed:
                    anchors.update((i, Rect(x0 + sx, y, sw, 0.0)) for i, (sx, sw) in zip(ids, m.spans))
            lane_boxes.append(self._lane_box(lane, y, row_h, width))
            rows.append((lane, y, row_h))
            y += row_h
        height = y

        stage_boxes = tuple(
            StageBox(
                stage_id=stage.id,
                header=Rect(x0, 0.0, stage.width, header_h),
                column=Rect(x0, 0.0, stage.width, height),
                name=name,
                goal=goal,
                kpis=kpis,
                resize_handle=Rect(x0 + stage.width - st.resize_handle_width / 2, 0.0, st.resize_handle_width, height),
            )
            for stage, x0, (name, goal, kpis) in zip(stages, stage_x, stage_heads)
        )
        order = [card_id for stage in stages for lane in lanes for card_id in cell_cards[(stage.id, lane.id)]]
        scales, curves, future = self._emotions(doc, rows, width, cards, order, anchors)
        connections = ()
        self._old_routes, self._routes = self._routes, {}
        if doc.connections:
            router = self._router(stages, stage_x, tuple(lane_boxes), width, height)
            if router.key != self._route_channels:  # other channels: every route may change
                self._old_routes, self._route_channels = {}, router.key
            connections = tuple(self._connection(doc, conn, k, cards, router) for k, conn in enumerate(doc.connections))
        self._old_routes = {}
        return Layout(
            width=width,
            height=height,
            corner=Rect(0.0, 0.0, st.lane_header_width, header_h),
            stages=stage_boxes,
            lanes=tuple(lane_boxes),
            cells=cells,
            cards=cards,
            scales=scales,
            curves=curves,
            connections=connections,
            stage_index={box.stage_id: box for box in stage_boxes},
            lane_index={box.lane_id: box for box in lane_boxes},
            cell_cards=cell_cards,
            to_be_curves=future,
            votes=self._voted,
        )

    # -- stage headers -------------------------------------------------------

    def _stage_headers(self, doc: Document, stages: list[Stage], stage_x: list[float]):
        """Name, goal and KPI badges of every stage, and the one header height they all share."""
        st = self.style
        pad = st.header_padding
        measured = []
        tallest = st.min_stage_header_height
        for stage, x0 in zip(stages, stage_x):
            inner = stage.width - 2 * pad
            name = self.block(stage.name, x0 + pad, pad, inner, st.stage_name_size, True, st.stage_name_lines)
            y = pad + self.text_height(len(name.lines), st.stage_name_size, True)
            if stage.goal:
                y += st.header_gap
            goal = self.block(stage.goal, x0 + pad, y, inner, st.goal_size, False, st.goal_lines)
            y += self.text_height(len(goal.lines), st.goal_size)
            badges = self._kpi_badges(doc.stage_kpis(stage.id), x0 + pad, inner)
            if badges:
                y += st.header_gap
            measured.append((name, goal, badges, y))
            bottom = y + (max(r.bottom for r, _ in badges) if badges else 0.0)
            tallest = max(tallest, bottom + pad)
        # Badges are placed relative to 0 above; shift them below each stage's goal.
        heads = []
        for name, goal, badges, top in measured:
            kpis = tuple((Rect(r.x, r.y + top, r.w, r.h), text) for r, text in badges)
            heads.append((name, goal, kpis))
        return tallest, heads

    def _kpi_badges(self, kpis: list[Kpi], left: float, inner: float) -> list[tuple[Rect, str]]:
        """Badges flowing left to right, wrapping to new rows; y relative to the first row's top."""
        st = self.style
        metrics = regular_metrics()
        badges: list[tuple[Rect, str]] = []
        x, y = left, 0.0
        for kpi in kpis:
            text = fit_with_ellipsis(kpi_text(kpi), inner - 2 * st.kpi_padding, metrics, st.kpi_size)
            w = min(inner, metrics.text_width(text, st.kpi_size) + 2 * st.kpi_padding)
            if x > left and x + w > left + inner:
                x, y = left, y + st.kpi_height + st.kpi_gap
            badges.append((Rect(x, y, w, st.kpi_height), text))
            x += w + st.kpi_gap
        return badges

    # -- rows and cards ------------------------------------------------------

    def _card_width(self, stage_width: float) -> tuple[int, float]:
        """How many card columns fit a stage, and the width of each."""
        st = self.style
        inner = max(stage_width - 2 * st.cell_padding, 1.0)
        fit = max(1, int((inner + st.card_gap) // (st.card_min_width + st.card_gap)))
        return fit, (inner - (fit - 1) * st.card_gap) / fit

    def _has_footer(self, card: Card) -> bool:
        return has_footer(card, card.id in self._voted)

    def _card_height(self, card: Card, lines: int, footer: bool) -> float:
        st = self.style
        text_h = self.text_height(max(lines, 1), st.card_text_size)
        return st.card_header_height + text_h + 2 * st.card_padding + (st.card_footer_height if footer else 0.0)

    def _measure_row(self, doc: Document, lane: Lane, stages: list[Stage], old_cells: dict) -> tuple[float, list]:
        """The row's height and a _Measured per stage.

        A cell whose cards, stage width and collapsed state equal last call's
        keeps its measurement (and, if it has not moved, its CardBox objects).
        """
        st = self.style
        if lane.kind == LaneKind.EMOTIONS:
            height = st.collapsed_lane_height if lane.collapsed else st.emotion_lane_height
            return height, [_EMPTY_CELL] * len(stages)
        collapsed = lane.collapsed
        if collapsed:
            tallest = st.collapsed_lane_height
        else:
            tallest = st.min_lane_height
            name_lines = self.wrap(lane.name, self._lane_name_width(lane), st.lane_name_size, True, st.lane_name_lines)[0]
            tallest = max(tallest, 2 * st.header_padding + self.text_height(len(name_lines), st.lane_name_size, True))
        measured = []
        for stage in stages:
            key = (stage.id, lane.id)
            cell = doc.cell_cards(stage.id, lane.id)
            m = old_cells.get(key)
            # The same cards and the same shown votes: the same footers (a booth click costs no look at them).
            same = m is not None and not self._voted_changed and m.cards == cell
            footers = m.footers if same else tuple(map(self._has_footer, cell))
            # List equality checks identity first: unchanged cards cost a pointer comparison.
            if (m is None or m.width != stage.width or m.collapsed != collapsed or m.cards != cell
                    or m.footers != footers):
                was, m = m, self._measure_cell(cell, stage.width, collapsed, footers)
                if was is not None and was.collapsed == collapsed:
                    m.previous = was
            self._cells[key] = m
            measured.append(m)
            tallest = max(tallest, m.bottom)
        return tallest, measured

    def _measure_cell(self, cell: list[Card], stage_width: float, collapsed: bool, footers: tuple) -> _Measured:
        """Card rectangles relative to the cell's corner, and text lines, for one cell."""
        st = self.style
        if collapsed:
            # Hidden cards: a thin strip each, side by side, so connections and curves keep an anchor.
            h = st.collapsed_lane_height
            inner = stage_width - 2 * st.cell_padding
            step = inner / max(len(cell), 1)
            w = max(step - 1.0, step / 2)  # a hair apart, so rounding never makes neighbours overlap
            plan = tuple((c, Rect(st.cell_padding + i * step, 4.0, w, h - 8.0), ()) for i, c in enumerate(cell))
            return _Measured(cell, stage_width, True, 1, plan, 0.0, self._column_spans(len(cell), stage_width), footers)
        fit, card_w = self._card_width(stage_width)
        text_w = card_w - 2 * st.card_padding
        cols = max(1, min(fit, len(cell)))
        plan = []
        bottom = 0.0
        i = 0
        for col, count in enumerate(self._column_counts(len(cell), cols)):
            x = st.cell_padding + col * (card_w + st.card_gap)
            y = st.cell_padding
            for _ in range(count):
                card = cell[i]
                lines = self.wrap(card.text, text_w, st.card_text_size, False, st.max_card_lines)
                h = self._card_height(card, len(lines[0]), footers[i])
                plan.append((card, Rect(x, y, card_w, h), lines))
                y += h + st.card_gap
                i += 1
            bottom = max(bottom, y - st.card_gap + st.cell_padding)
        return _Measured(cell, stage_width, False, cols if cell else 1, tuple(plan), bottom, (), footers)

    @staticmethod
    def _column_counts(cards: int, cols: int) -> list[int]:
        """How many cards each column of a cell holds: the first columns take one more when uneven."""
        base, extra = divmod(cards, cols)
        return [base + (1 if col < extra else 0) for col in range(cols)]

    def _column_spans(self, cards: int, stage_width: float) -> tuple[tuple[float, float], ...]:
        """Each card's (x, width) in its cell when expanded: what a collapsed cell's curves hang on."""
        st = self.style
        fit, card_w = self._card_width(stage_width)
        cols = max(1, min(fit, cards))
        return tuple((st.cell_padding + col * (card_w + st.card_gap), card_w)
                     for col, count in enumerate(self._column_counts(cards, cols)) for _ in range(count))

    def _place_cell(self, m: _Measured, x0: float, y0: float, hidden: bool) -> tuple[tuple[str, ...], tuple[CardBox, ...]]:
        """The cell's card ids and CardBoxes at its corner (x0, y0).

        The same objects as last time when the cell neither changed nor moved;
        in a changed cell that did not move, each card whose place, lines and
        footer stayed keeps its CardBox, so the canvas can tell changes by identity.
        """
        prev, m.previous = m.previous, None  # needed once: dropping it keeps no chain of old cells alive
        if not m.plan:
            return (), ()
        placed = m.placed  # read once: a tuple, replaced whole
        if placed is not None and placed[0] == x0 and placed[1] == y0:
            return m.ids, placed[2]
        reuse = {}
        was = prev.placed if prev is not None else None
        if was is not None and was[0] == x0 and was[1] == y0:
            reuse = {entry[0].id: (i, entry, box, footer)
                     for i, (entry, box, footer) in enumerate(zip(prev.plan, was[2], prev.footers))}
        st = self.style
        boxes = []
        for index, entry in enumerate(m.plan):
            card, rel, text = entry
            old = reuse.get(card.id)
            if (
                old is not None
                and old[0] == index
                and old[1][1] == rel
                and old[1][2] == text
                and (hidden or old[3] == m.footers[index])
            ):
                boxes.append(old[2])
            elif hidden:
                rect = Rect(x0 + rel.x, y0 + rel.y, rel.w, rel.h)
                header = Rect(rect.x, rect.y, rect.w, min(st.card_header_height, rect.h))
                empty = TextBlock((), rect.x, (), st.card_text_size)
                boxes.append(CardBox(card.id, card.stage_id, card.lane_id, index, rect, header, empty, None, True))
            else:
                boxes.append(self._card_box(card, x0, y0, rel, text, index, m.footers[index]))
        placed = m.placed = (x0, y0, tuple(boxes))
        return m.ids, placed[2]

    def _card_box(self, card: Card, x0: float, y0: float, rel: Rect, text, index: int, footed: bool) -> CardBox:
        st = self.style
        rx, ry, w, h = x0 + rel.x, y0 + rel.y, rel.w, rel.h
        lines, truncated = text
        first = ry + st.card_header_height + st.card_padding + self._ascent
        # first + i * step for each line (the products are kept: the very same sums as a fresh layout's).
        baselines = tuple(map(first.__add__, self._line_steps[: len(lines)]))
        if len(baselines) < len(lines):  # more lines than max_card_lines: only with another style's limit
            baselines = tuple(first + i * self._step for i in range(len(lines)))
        block = new_text_block(lines, rx + st.card_padding, baselines, st.card_text_size, False, truncated)
        footer = None
        if footed:
            footer = new_rect(rx, ry + h - st.card_footer_height, w, st.card_footer_height)
        header = new_rect(rx, ry, w, min(st.card_header_height, h))
        return new_card_box(card.id, card.stage_id, card.lane_id, index, new_rect(rx, ry, w, h), header, block, footer, False)

    def _lane_name_width(self, lane: Lane) -> float:
        st = self.style
        width = st.lane_header_width - 2 * st.header_padding
        return width - st.scale_label_width if lane.kind == LaneKind.EMOTIONS else width

    def _lane_box(self, lane: Lane, y: float, h: float, width: float) -> LaneBox:
        st = self.style
        pad = st.header_padding
        line_h = self.text_height(1, st.lane_name_size, True)
        max_lines = 1 if lane.collapsed else max(1, min(st.lane_name_lines, int((h - 2 * pad) // line_h)))
        top = (h - line_h) / 2 if lane.collapsed else pad
        name = self.block(lane.name, pad, y + top, self._lane_name_width(lane), st.lane_name_size, True, max_lines)
        header, row = Rect(0.0, y, st.lane_header_width, h), Rect(0.0, y, width, h)
        return LaneBox(lane.id, header, row, name, str(lane.kind), lane.collapsed)

    # -- emotions ------------------------------------------------------------

    def _emotions(self, doc: Document, rows, width: float, cards: dict[str, CardBox], order, anchors):
        """Scales, as-is curves and to-be curves of the Emotions lanes; `order` is the card ids in journey order.

        A curve whose persona colour, area, emotions and anchor rectangles equal
        last call's is the same Curve object again.
        """
        from .tobe import to_be_values

        st = self.style
        scales: list[EmotionScale] = []
        curves: list[Curve] = []
        future: list[Curve] = []
        labels = doc.info.emotion_labels
        personas = [p for p in doc.personas if p.visible]
        drawn = personas and any(lane.kind == LaneKind.EMOTIONS and not lane.collapsed for lane, _, _ in rows)
        journeys = self._journeys(doc.emotions(), personas, order) if drawn else {}
        planned = to_be_values(doc) if drawn else {}
        future_journeys = self._journeys(planned, personas, order) if planned else {}
        old_curves, self._curves = self._curves, {}
        for lane, y, h in rows:
            if lane.kind != LaneKind.EMOTIONS:
                continue
            pad = min(st.emotion_padding, h / 4)
            area = Rect(st.lane_header_width, y + pad, width - st.lane_header_width, h - 2 * pad)
            scale = EmotionScale(
                lane.id,
                area,
                (),
                Rect(st.lane_header_width - st.scale_label_width - st.header_padding / 2, y, st.scale_label_width, h),
            )
            ticks = tuple((float(v), scale.y_for(v), labels[v + 2]) for v in range(-2, 3))
            scale = EmotionScale(lane.id, area, ticks, scale.labels)
            scales.append(scale)
            if lane.collapsed:
                continue  # a thin row has no room for curves
            for persona in personas:
                curves.append(self._curve(persona, scale, journeys.get(persona.id, []), cards, anchors, old_curves,
                                          (persona.id, lane.id)))
                journey = future_journeys.get(persona.id)
                if journey:
                    future.append(self._curve(persona, scale, journey, cards, anchors, old_curves,
                                              (persona.id, lane.id, "to-be")))
        return tuple(scales), tuple(curves), tuple(future)

    @staticmethod
    def _journeys(values: dict[tuple[str, str], float], personas, order) -> dict[str, list[tuple[str, float]]]:
        """Each persona's (card_id, value) in journey order: the order of Document.persona_curve, in one pass."""
        journeys: dict[str, list[tuple[str, float]]] = {p.id: [] for p in personas}
        felt: dict[str, list[tuple[str, float]]] = {}
        for (card_id, persona_id), value in values.items():
            if persona_id in journeys:
                felt.setdefault(card_id, []).append((persona_id, value))
        for card_id in order:
            for persona_id, value in felt.get(card_id, ()):
                journeys[persona_id].append((card_id, value))
        return journeys

    def _curve(self, persona, scale: EmotionScale, journey, cards, anchors, old_curves, key) -> Curve:
        """One persona's curve in one lane through `journey`, reused when nothing it depends on changed."""
        area = scale.area
        rects = [anchors[card_id] if card_id in anchors else cards[card_id].rect for card_id, _ in journey]
        was = old_curves.get(key)
        if was is not None and was[0] == (persona.colour, area) and was[1] == journey and was[2] == rects:
            curve = was[3]
        else:
            points = curve_points(journey, rects, scale)
            curve = Curve(persona.id, scale.lane_id, persona.colour, points, smooth_segments(points, area))
        self._curves[key] = ((persona.colour, area), journey, rects, curve)
        return curve

    # -- connections ---------------------------------------------------------

    def _connection(self, doc: Document, conn: Connection, slot: int, cards: dict[str, CardBox], router: Router) -> ConnectionPath:
        source, target = cards[conn.source_id], cards[conn.target_id]
        s_stage = doc.stage_index(source.stage_id)
        t_stage = doc.stage_index(target.stage_id)
        key = (source.rect, target.rect, source.stage_id, target.stage_id, source.lane_id, target.lane_id,
               s_stage, t_stage, slot)
        route = self._old_routes.get(key)
        if route is None:
            points = router.route(source, target, s_stage, t_stage, slot)
            route = (points, rounded(points), point_along(points, 0.5))
        self._routes[key] = route
        points, segments, label_at = route
        return ConnectionPath(
            conn.id, conn.source_id, conn.target_id, points, segments, t_stage < s_stage, label_at, connection_text(conn)
        )

    def _router(self, stages: list[Stage], stage_x: list[float], lanes: tuple[LaneBox, ...], width: float, height: float) -> Router:
        st = self.style
        columns = [(x0, stage.width, *self._card_width(stage.width)) for stage, x0 in zip(stages, stage_x)]
        return Router(lanes, columns, width, height, st.cell_padding, st.card_gap)


def curve_points(journey, rects: list[Rect], scale: EmotionScale) -> tuple[CurvePoint, ...]:
    """A curve's points as the layout places them: each (card_id, value) of `journey` under its rect;
    points sharing nearly one x are spread across that card's width."""
    anchors = [(rect, card_id, value) for rect, (card_id, value) in zip(rects, journey)]
    order = sorted(range(len(anchors)), key=lambda i: (anchors[i][0].center[0], i))
    xs = [r.center[0] for r, _, _ in anchors]
    groups: list[list[int]] = []
    for i in order:
        if groups and abs(xs[i] - xs[groups[-1][0]]) < 2.0:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if len(group) < 2:
            continue
        group.sort()  # journey order, left to right
        rects = [anchors[i][0] for i in group]
        lo, hi = max(r.x for r in rects), min(r.right for r in rects)
        if hi - lo >= 2.0 * len(group):
            spans = [(group, lo, hi)]  # every card shares this stretch
        else:  # e.g. a sliver of a collapsed lane: spread only over identical cards
            same: dict[tuple[float, float], list[int]] = {}
            for i, r in zip(group, rects):
                same.setdefault((r.x, r.right), []).append(i)
            spans = [(ids, x0, x1) for (x0, x1), ids in same.items()]
        for ids, x0, x1 in spans:
            if len(ids) > 1:
                for k, i in enumerate(ids):
                    xs[i] = x0 + (x1 - x0) * (k + 0.5) / len(ids)
    return tuple(CurvePoint(cid, xs[i], scale.y_for(v), v) for i, (_, cid, v) in enumerate(anchors))


_ENGINE: LayoutEngine | None = None


def compute_layout(doc: Document, style: LayoutStyle | None = None) -> Layout:
    """The layout of `doc`; with no style, a shared engine (and its text cache) is used."""
    global _ENGINE
    if style is not None:
        return LayoutEngine(style).layout(doc)
    if _ENGINE is None:
        _ENGINE = LayoutEngine()
    return _ENGINE.layout(doc)
