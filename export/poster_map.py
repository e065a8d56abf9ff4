"""The map itself on the poster, drawn from the same Layout the canvas draws.

Coordinates: the layout's units (1 unit = 1 pt before the poster scales the
map), with the layout's y-down flipped into PDF's y-up here and nowhere
else. Card text is written line by line at the layout's baselines, cards
stage by stage and lane by lane, so text extraction reads them in order.
"""

from __future__ import annotations

from model.card_footer import right_text
from model.domain import PALETTE, CardKind, Channel, Evidence, View
from model.fonts import fit_with_ellipsis, regular_metrics
from model.layout import label_spot
from model.layout_types import Layout, Rect
from model.voting_rules import plural

from .icons import DOT_FORM, FACE_COLOURS, INK, draw_face, face_form_name, place_form, place_icon
from .pdf_fonts import TextPainter, text_width
from .poster_future import draw_future, shows_as_is
from .poster_room import draw_room_bands, draw_room_curves
from .poster_ink import (
    CARD_LINE,
    CONNECTION_LINE,
    CURVE_LINE,
    FACE_RADIUS,
    GRID_LINE,
    LABEL_LINE,
    LABEL_SIZE,
    connection_arrow,
    connection_label,
    shown_cards,
)

STAGE_FILL = "#2D3748"
STAGE_TEXT = "#FFFFFF"
STAGE_GOAL = "#E2E8F0"
KPI_FILL = "#EBF8FF"
KPI_TEXT = "#1A365D"
LANE_FILL = "#EDF2F7"
LANE_TEXT = "#1A202C"
ROW_TINT = "#F7FAFC"
GRID = "#CBD5E0"
CARD_TEXT = "#1A202C"
MUTED = "#4A5568"
CONNECTION = "#4A5568"
LOOP_BACK = "#B7791F"
SCALE_LINE = "#D5DCE4"


class MapPainter:
    """Draws one layout onto a reportlab canvas; `H` flips y (the layout's height)."""

    def __init__(self, canv, layout: Layout, doc, painter: TextPainter, scale: float = 1.0,
                 view: View = View.BOTH) -> None:
        from reportlab.lib.colors import HexColor

        self.c = canv
        self.view = View(view)
        self.layout = layout
        self.doc = doc
        self.text = painter
        self.H = layout.height
        self._colours: dict[str, object] = {}
        # Card corners rounder than half a printed point cannot be seen; square ones cost far less to write.
        self.card_radius = 4.0 if 4.0 * scale >= 0.5 else 0.0
        self._hex = HexColor

    def colour(self, hex_value: str):
        found = self._colours.get(hex_value)
        if found is None:
            found = self._colours[hex_value] = self._hex(hex_value)
        return found

    def _rect(self, r: Rect, stroke: int = 0, fill: int = 1, radius: float = 0.0) -> None:
        if radius:
            self.c.roundRect(r.x, self.H - r.bottom, r.w, r.h, radius, stroke=stroke, fill=fill)
        else:
            self.c.rect(r.x, self.H - r.bottom, r.w, r.h, stroke=stroke, fill=fill)

    # -- the whole map -----------------------------------------------------------

    def draw(self, progress=None) -> None:
        self._grid()
        self._stage_headers()
        self._lane_headers()
        self._scales()
        self._cards(progress)
        self._connections()
        draw_room_curves(self, self.view)  # under the persona curves, as on the canvas
        if shows_as_is(self.view):
            self._curves()
        draw_future(self, self.view)

    def _grid(self) -> None:
        c, lay = self.c, self.layout
        top = lay.corner.bottom
        for i, lane in enumerate(lay.lanes):
            if i % 2 == 1:
                c.setFillColor(self.colour(ROW_TINT))
                self._rect(Rect(lay.corner.w, lane.row.y, lay.width - lay.corner.w, lane.row.h))
        draw_room_bands(self, self.view)  # on the rows' ground, under the rules that show through it
        c.setStrokeColor(self.colour(GRID))
        c.setLineWidth(GRID_LINE)
        for lane in lay.lanes:
            y = self.H - lane.row.bottom
            c.line(0, y, lay.width, y)
        for stage in lay.stages:
            x = stage.column.right
            c.line(x, self.H - top, x, 0)
        c.line(lay.corner.w, self.H - top, lay.corner.w, 0)

    def _stage_headers(self) -> None:
        c, t = self.c, self.text
        for stage in self.layout.stages:
            c.setFillColor(self.colour(STAGE_FILL))
            self._rect(stage.header)
            c.setFillColor(self.colour(KPI_FILL))
            for rect, _ in stage.kpis:
                self._rect(rect, radius=rect.h / 2)
            t.begin(c)
            t.colour(self.colour(STAGE_TEXT))
            self._block(stage.name, bold=True)
            t.colour(self.colour(STAGE_GOAL))
            self._block(stage.goal)
            t.colour(self.colour(KPI_TEXT))
            size = self._kpi_size(stage.kpis)
            for rect, label in stage.kpis:
                width = text_width(label, size)
                baseline = rect.y + rect.h / 2 + size * 0.35
                t.line(rect.x + (rect.w - width) / 2, self.H - baseline, label, size)
            t.end(c)
        # The corner above the lane headers takes the stage headers' colour, framing the map.
        c.setFillColor(self.colour(STAGE_FILL))
        self._rect(self.layout.corner)

    @staticmethod
    def _kpi_size(kpis) -> float:
        # The layout fits badge text at 9 units in a 15-unit badge; keep that ratio.
        return kpis[0][0].h * 0.6 if kpis else 9.0

    def _block(self, block, bold: bool | None = None) -> None:
        weight = block.bold if bold is None else bold
        for line, baseline in zip(block.lines, block.baselines):
            self.text.line(block.x, self.H - baseline, line, block.size, weight)

    def _lane_headers(self) -> None:
        c, t = self.c, self.text
        c.setFillColor(self.colour(LANE_FILL))
        for lane in self.layout.lanes:
            self._rect(lane.header)
        c.setStrokeColor(self.colour(GRID))
        c.setLineWidth(GRID_LINE)
        for lane in self.layout.lanes:
            c.line(0, self.H - lane.row.bottom, lane.header.right, self.H - lane.row.bottom)
        t.begin(c)
        t.colour(self.colour(LANE_TEXT))
        for lane in self.layout.lanes:
            self._block(lane.name, bold=True)
        t.end(c)

    def _scales(self) -> None:
        c, t = self.c, self.text
        for scale in self.layout.scales:
            lane = self.layout.lane_index.get(scale.lane_id)
            if lane is not None and lane.collapsed:
                continue
            c.setLineWidth(GRID_LINE)
            for value, y, _ in scale.ticks:
                c.setStrokeColor(self.colour(MUTED if value == 0 else SCALE_LINE))
                c.setDash([] if value == 0 else [3, 3])
                c.line(scale.area.x, self.H - y, scale.area.right, self.H - y)
            c.setDash([])
            if scale.labels is None:
                continue
            size = min(9.0, max(5.0, scale.area.h / 9))
            r = size * 0.45
            right = scale.labels.right
            for value, y, label in scale.ticks:
                fill = self.colour("#FFFFFF")
                draw_face(c, right - r, self.H - y, r, value, self.colour(FACE_COLOURS[int(value)]), fill, r * 0.18)
            t.begin(c)
            t.colour(self.colour(MUTED))
            room = scale.labels.w - 3 * r
            for value, y, label in scale.ticks:
                shown = fit_with_ellipsis(label, room, regular_metrics(), size)
                t.line(right - 2.6 * r - text_width(shown, size), self.H - y - size * 0.35, shown, size)
            t.end(c)

    # -- cards ---------------------------------------------------------------------

    def _cards(self, progress=None) -> None:
        c, t, doc = self.c, self.text, self.doc
        boxes = list(shown_cards(self.layout))  # in reading order
        cards = [doc.card(box.card_id) for box in boxes]
        # Shapes first, then every card's text in one text object: same order, far fewer operators.
        c.setLineWidth(CARD_LINE)
        for box, card in zip(boxes, cards):
            fill, border = PALETTE[card.colour]
            c.setFillColor(self.colour(fill))
            c.setStrokeColor(self.colour(border))
            self._rect(box.rect, stroke=1, radius=self.card_radius)
        for n, (box, card) in enumerate(zip(boxes, cards)):
            self._card_icons(box, card)
            if progress is not None and n % 200 == 199:
                progress(0.2 + 0.5 * n / len(boxes))
        t.begin(c)
        t.colour(self.colour(CARD_TEXT))
        for box, card in zip(boxes, cards):
            self._block(box.text)
            self._card_extras(box, card)
        t.end(c)

    def _card_icons(self, box, card) -> None:
        header = box.header
        size = min(header.h * 0.62, 12.0)
        y = self.H - header.y - (header.h + size) / 2
        x = header.x + 6.0
        place_icon(self.c, CardKind(card.kind), x, y, size)
        if card.channel != Channel.NONE:
            place_icon(self.c, Channel(card.channel), x + size + 4.0, y, size)
        if self.layout.votes.get(card.id) and box.footer is not None:
            f = box.footer
            r = f.h * 0.16
            self.c.setFillColor(self.colour(PALETTE[card.colour][1]))
            place_form(self.c, DOT_FORM, f.x + 8.0 + r, self.H - f.y - f.h / 2, r)

    def _card_extras(self, box, card) -> None:
        """The evidence label in the header and the footer's votes, owner and due date (text parts)."""
        t, header = self.text, box.header
        size = min(header.h * 0.42, 8.0)
        if card.evidence != Evidence.NONE:
            label = Evidence(card.evidence).value
            w = text_width(label, size)
            t.line(header.right - 6.0 - w, self.H - header.y - (header.h + size * 0.7) / 2, label, size)
        f = box.footer
        if f is None:
            return
        size = min(f.h * 0.5, 8.0)
        baseline = self.H - f.y - (f.h + size * 0.7) / 2
        left = f.x + 8.0
        count = self.layout.votes.get(card.id, 0)
        if count:
            votes = plural(count, "vote")
            t.line(left + f.h * 0.32 + 3.0, baseline, votes, size)
            left += f.h * 0.32 + 3.0 + text_width(votes, size) + 8.0
        room = f.right - 7.0 - left
        if room > size * 2:
            right = right_text(card, room, regular_metrics(), size)  # owner and an action's due date
            if right:
                t.line(f.right - 7.0 - text_width(right, size), baseline, right, size)

    # -- connections and curves ----------------------------------------------------

    def _connections(self) -> None:
        c = self.c
        labels = []
        for conn in self.layout.connections:
            if not conn.segments:
                continue
            colour = self.colour(LOOP_BACK if conn.loops_back else CONNECTION)
            c.setStrokeColor(colour)
            c.setFillColor(colour)
            c.setLineWidth(CONNECTION_LINE)
            c.setDash([6, 3] if conn.loops_back else [])
            self.stroke_beziers(conn.segments)  # the layout's route around the cards, as the canvas draws it
            c.setDash([])
            self.fill_polygon(connection_arrow(conn.segments[-1]))
            if conn.label:
                labels.append(conn)
        if labels:
            self._connection_labels(labels)

    def _connection_labels(self, labels) -> None:
        c, t, H = self.c, self.text, self.H
        size = LABEL_SIZE
        white, grid, muted = self.colour("#FFFFFF"), self.colour(GRID), self.colour(MUTED)
        for conn in labels:
            label, w, h = connection_label(conn.label)
            x, y, upright = label_spot(self.layout, conn, w, h)  # the canvas's choice too
            c.saveState()
            c.translate(x, H - y)
            if upright:
                c.rotate(90)
            c.setFillColor(white)
            c.setStrokeColor(grid)
            c.setLineWidth(LABEL_LINE)
            c.roundRect(-w / 2, -h / 2, w, h, 3, stroke=1, fill=1)
            t.draw(c, -w / 2 + 4, -size * 0.35, label, size, False, muted)
            c.restoreState()

    def stroke_beziers(self, segments) -> None:
        """Stroke a run of cubic Béziers (layout units, y down) as one path, with the stroke as set."""
        H = self.H
        p = self.c.beginPath()
        first = segments[0][0]
        p.moveTo(first[0], H - first[1])
        for _, c1, c2, p3 in segments:
            p.curveTo(c1[0], H - c1[1], c2[0], H - c2[1], p3[0], H - p3[1])
        self.c.drawPath(p, stroke=1, fill=0)

    def stroke_dashed(self, segments, width: float, dash) -> None:
        """Stroke Béziers dashed with round caps (a to-be curve, the room's mean line), then plain again."""
        c = self.c
        c.setLineWidth(width)
        c.setLineCap(1)
        c.setDash(list(dash))
        self.stroke_beziers(segments)
        c.setDash([])
        c.setLineCap(0)

    def fill_polygon(self, points) -> None:
        """Fill the polygon through `points` (layout units, y down) in the fill colour: an arrowhead."""
        (x0, y0), *rest = points
        p = self.c.beginPath()
        p.moveTo(x0, self.H - y0)
        for x, y in rest:
            p.lineTo(x, self.H - y)
        p.close()
        self.c.drawPath(p, stroke=0, fill=1)

    def _curves(self) -> None:
        c, H = self.c, self.H
        for curve in self.layout.curves:
            colour = self.colour(curve.colour)
            if curve.segments:
                c.setStrokeColor(colour)
                c.setLineWidth(CURVE_LINE)
                c.setLineCap(1)
                c.setLineJoin(1)
                self.stroke_beziers(curve.segments)
            c.setStrokeColor(colour)
            for point in curve.points:
                place_form(c, face_form_name(point.value), point.x, H - point.y, FACE_RADIUS)
        c.setLineCap(0)
        c.setStrokeColor(self.colour(INK))
