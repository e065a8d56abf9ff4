"""The map's layout: where stages, lanes, cards, curves and connections go."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import ops, voting
from model.document import Document
from model.domain import Card, Connection, Kpi, Lane, LaneKind, Persona, Stage
from model.fonts import ELLIPSIS, regular_metrics
from model.layout import (
    LayoutEngine,
    LayoutStyle,
    card_at,
    cell_at,
    compute_layout,
    connection_text,
    format_number,
    insertion_index,
    kpi_text,
    label_spot,
    lane_at,
    lane_insertion_index,
    stage_at,
    stage_insertion_index,
)
from model.layout_query import LABEL_HEADER_GAP
from model.layout_types import Rect

from .factories import generated_map, give_votes, small_map

STYLE = LayoutStyle()


def build(stage_widths=(260.0,), lanes=("Actions",), cells=None, emotions=False) -> tuple[Document, list, list]:
    """A map through the Document's operations; `cells` maps (stage index, lane index) to card texts."""
    doc = Document()
    stages = [Stage(f"Stage {i}", width=w) for i, w in enumerate(stage_widths)]
    lane_list = [Lane(name) for name in lanes]
    if emotions:
        lane_list.append(Lane("Feelings", kind=LaneKind.EMOTIONS))
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lane_list)]:
        doc.apply(op)
    for (s, l), texts in (cells or {}).items():
        for text in texts:
            doc.apply(ops.AddCard(Card(stages[s].id, lane_list[l].id, text)))
    return doc, stages, lane_list


def visible_rects(layout):
    return [(cid, box.rect) for cid, box in layout.cards.items() if not box.hidden]


def overlapping(a, b) -> bool:
    """Strict overlap: touching edges do not count."""
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def assert_well_formed(doc: Document, layout) -> None:
    rects = visible_rects(layout)
    for (a_id, a), (b_id, b) in itertools.combinations(rects, 2):
        assert not overlapping(a, b), (a_id, b_id)
    hidden = [box.rect for box in layout.cards.values() if box.hidden]
    for a, b in itertools.combinations(hidden, 2):
        assert not overlapping(a, b)
    for box in layout.cards.values():
        cell = layout.cells[(box.stage_id, box.lane_id)].rect
        assert cell.x <= box.rect.x and box.rect.right <= cell.right + 1e-6
        assert cell.y <= box.rect.y and box.rect.bottom <= cell.bottom + 1e-6
    for a, b in itertools.combinations(layout.cells.values(), 2):
        assert not overlapping(a.rect, b.rect)
    assert set(layout.cards) == {c.id for c in doc.cards()}
    for (stage_id, lane_id), ids in layout.cell_cards.items():
        assert list(ids) == [c.id for c in doc.cell_cards(stage_id, lane_id)]
        assert [layout.cards[i].index for i in ids] == list(range(len(ids)))


# -- the grid ---------------------------------------------------------------------


def test_stages_are_columns_and_lanes_are_rows():
    doc, stages, lanes = build((260.0, 400.0, 300.0), ("A", "B"))
    layout = compute_layout(doc)
    assert [s.stage_id for s in layout.stages] == [s.id for s in stages]
    xs = [box.column.x for box in layout.stages]
    assert xs == [STYLE.lane_header_width, STYLE.lane_header_width + 260, STYLE.lane_header_width + 660]
    assert [box.column.w for box in layout.stages] == [260.0, 400.0, 300.0]
    assert layout.width == STYLE.lane_header_width + 960
    assert layout.corner.x == 0 and layout.corner.w == STYLE.lane_header_width
    assert layout.lanes[0].row.y == layout.corner.bottom == layout.stages[0].header.bottom
    assert layout.lanes[1].row.y == layout.lanes[0].row.bottom
    assert layout.height == layout.lanes[-1].row.bottom
    assert layout.stage_index[stages[1].id] is layout.stages[1]
    assert layout.lane_index[lanes[1].id] is layout.lanes[1]
    assert all(box.header.w == STYLE.lane_header_width for box in layout.lanes)
    assert layout.stages[0].resize_handle.contains(layout.stages[0].column.right, 10)


def test_an_empty_map_lays_out():
    layout = compute_layout(Document())
    assert layout.width == STYLE.lane_header_width and not layout.cards and not layout.stages


def test_stage_headers_share_one_height_grown_by_the_longest_content():
    doc, stages, _ = build((260.0, 260.0))
    short = compute_layout(doc).corner.h
    doc.apply(ops.UpdateStage(stages[1].id, {"goal": "Find out whether the offer fits the household budget " * 3}))
    doc.apply(ops.AddKpi(Kpi(stages[1].id, "CSAT", 72, 80, "%")))
    layout = compute_layout(doc)
    assert layout.corner.h > short
    assert layout.stages[0].header.h == layout.stages[1].header.h == layout.corner.h
    head = layout.stages[1]
    assert head.name.bold and head.name.lines == ("Stage 1",)
    assert len(head.goal.lines) > 1
    (badge, text), = head.kpis
    assert text == "CSAT 72 → 80 %"
    assert head.goal.baselines[-1] < badge.y and badge.bottom <= head.header.bottom
    assert head.header.x <= badge.x and badge.right <= head.header.right


def test_kpi_and_number_formats():
    assert format_number(72.0) == "72" and format_number(3.5) == "3.5" and format_number(1e6) == "1000000"
    assert format_number(0.125) == "0.125" and format_number(-2.0) == "-2"
    sid = "s"
    assert kpi_text(Kpi(sid, "CSAT", 72.0, 80.0, "%")) == "CSAT 72 → 80 %"
    assert kpi_text(Kpi(sid, "NPS", 31.5)) == "NPS 31.5"
    assert kpi_text(Kpi(sid, "Time", None, 3, "min")) == "Time → 3 min"
    assert kpi_text(Kpi(sid, "Churn", unit="%")) == "Churn"
    assert connection_text(Connection("a", "b", "Pays", 40.0)) == "Pays (40 %)"
    assert connection_text(Connection("a", "b", "", 12.5)) == "12.5 %"
    assert connection_text(Connection("a", "b", "Pays")) == "Pays"


def test_many_kpis_wrap_into_rows_inside_the_stage():
    doc, stages, _ = build((200.0,))
    for i in range(6):
        doc.apply(ops.AddKpi(Kpi(stages[0].id, f"Metric number {i}", 1000 * i, 2000, "units")))
    head = compute_layout(doc).stages[0]
    assert len({r.y for r, _ in head.kpis}) > 1
    for (a, _), (b, _) in itertools.combinations(head.kpis, 2):
        assert not overlapping(a, b)
    assert all(head.header.x < r.x and r.right < head.header.right and r.bottom <= head.header.bottom for r, _ in head.kpis)


# -- cards ------------------------------------------------------------------------


def test_cards_stack_in_order_and_their_height_follows_the_text():
    doc, _, _ = build(cells={(0, 0): ["short", "a much longer card text " * 6, ""]})
    layout = compute_layout(doc)
    boxes = [layout.cards[c.id] for c in doc.cards()]
    assert [b.index for b in boxes] == [0, 1, 2]
    assert boxes[0].rect.bottom < boxes[1].rect.y and boxes[1].rect.bottom < boxes[2].rect.y
    assert boxes[1].rect.h > boxes[0].rect.h == boxes[2].rect.h  # an empty card is one line tall
    assert boxes[0].text.lines == ("short",) and boxes[2].text.lines == ()
    text = boxes[1].text
    assert len(text.lines) > 1 and " ".join(text.lines) == "a much longer card text " * 6
    assert boxes[1].header.y == boxes[1].rect.y and boxes[1].header.h == STYLE.card_header_height
    assert text.baselines[0] > boxes[1].header.bottom and text.baselines[-1] < boxes[1].rect.bottom
    width = boxes[1].rect.w - 2 * STYLE.card_padding
    assert all(regular_metrics().text_width(line, text.size) <= width for line in text.lines)


def test_a_card_with_votes_shown_or_an_owner_gets_a_footer():
    doc, stages, lanes = build(cells={(0, 0): ["plain"]})
    voted = Card(stages[0].id, lanes[0].id, "plain")
    doc.apply(ops.AddCard(voted))
    give_votes(doc, {voted.id: 3})
    layout = compute_layout(doc)
    plain = layout.cards[doc.cards()[0].id]
    assert plain.footer is None
    box = layout.cards[voted.id]
    assert box.footer is not None and box.footer.bottom == box.rect.bottom
    assert box.rect.h == plain.rect.h + STYLE.card_footer_height
    assert layout.votes == {voted.id: 3}
    # Votes hidden until revealed: no footer, on screen or on paper.
    doc.apply(voting.reveal(doc, voting.current_session(doc).id, False))
    hidden = compute_layout(doc)
    assert hidden.cards[voted.id].footer is None and hidden.votes == {}


def test_a_very_long_card_is_truncated_with_an_ellipsis():
    doc, _, _ = build(cells={(0, 0): ["word " * 5000]})
    box = next(iter(compute_layout(doc).cards.values()))
    assert box.text.truncated and len(box.text.lines) == STYLE.max_card_lines
    assert box.text.lines[-1].endswith(ELLIPSIS)


def test_lane_height_is_its_tallest_cell():
    doc, _, _ = build((260.0, 260.0), ("A", "B"), {(0, 0): ["x " * 300, "y"], (1, 0): ["z"]})
    layout = compute_layout(doc)
    row = layout.lanes[0].row
    tallest = max(box.rect.bottom for box in layout.cards.values()) + STYLE.cell_padding
    assert row.bottom == pytest.approx(tallest)
    assert layout.cells[(doc.stages[1].id, doc.lanes[0].id)].rect.h == row.h
    assert layout.lanes[1].row.h == STYLE.min_lane_height  # empty: still a drop target


def test_cards_flow_into_columns_when_the_stage_is_wide():
    doc, stages, lanes = build((600.0, 260.0), cells={(0, 0): [f"card {i}" for i in range(7)], (1, 0): ["a", "b"]})
    layout = compute_layout(doc)
    wide = layout.cells[(stages[0].id, lanes[0].id)]
    narrow = layout.cells[(stages[1].id, lanes[0].id)]
    assert wide.columns == 3 and narrow.columns == 1
    ids = [c.id for c in doc.cell_cards(stages[0].id, lanes[0].id)]
    lefts = [layout.cards[i].rect.x for i in ids]
    # Column-major and balanced by count: 3, 2, 2.
    assert lefts[0] == lefts[1] == lefts[2] < lefts[3] == lefts[4] < lefts[5] == lefts[6]
    assert all(layout.cards[i].rect.w >= STYLE.card_min_width for i in ids)
    two = build((600.0,), cells={(0, 0): ["a", "b"]})
    assert compute_layout(two[0]).cells[(two[1][0].id, two[2][0].id)].columns == 2


def test_a_collapsed_lane_is_thin_and_hides_its_cards_inside_it():
    doc, stages, lanes = build((260.0,), ("A", "B"), {(0, 0): ["one", "two", "three"], (0, 1): ["other"]})
    doc.apply(ops.UpdateLane(lanes[0].id, {"collapsed": True}))
    layout = compute_layout(doc)
    lane = layout.lane_index[lanes[0].id]
    assert lane.collapsed and lane.row.h == STYLE.collapsed_lane_height
    assert len(lane.name.lines) == 1
    hidden = [layout.cards[c.id] for c in doc.cell_cards(stages[0].id, lanes[0].id)]
    assert all(b.hidden and lane.row.contains(*b.rect.center) for b in hidden)
    assert not layout.cards[doc.cell_cards(stages[0].id, lanes[1].id)[0].id].hidden
    assert_well_formed(doc, layout)


# -- emotions ---------------------------------------------------------------------


def emotion_map():
    doc, stages, lanes = build((260.0, 600.0, 260.0), ("Actions", "Touchpoints"), emotions=True)
    ana, ben = Persona("Ana", colour="#2B6CB0"), Persona("Ben", colour="#C05621", visible=False)
    doc.apply(ops.AddPersona(ana))
    doc.apply(ops.AddPersona(ben))
    cards = []
    for s, lane, text in [(0, 0, "a"), (0, 1, "b"), (1, 0, "c"), (1, 0, "d"), (1, 0, "e"), (2, 0, "f")]:
        card = Card(stages[s].id, lanes[lane].id, text)
        doc.apply(ops.AddCard(card))
        cards.append(card)
    for card, value in zip(cards, (-2, 2, 0.5, -1, 1.5, 2)):
        doc.apply(ops.SetEmotion(card.id, ana.id, value))
        doc.apply(ops.SetEmotion(card.id, ben.id, -value))
    return doc, cards, ana


def test_the_emotion_scale_has_five_labelled_ticks_inside_a_fixed_height_lane():
    doc, _, _ = emotion_map()
    doc.apply(ops.UpdateMap({"emotion_labels": ("1", "2", "3", "4", "5")}))
    layout = compute_layout(doc)
    lane = layout.lanes[-1]
    assert lane.kind == "emotions" and lane.row.h == STYLE.emotion_lane_height
    (scale,) = layout.scales
    assert [(v, label) for v, _, label in scale.ticks] == [(-2.0, "1"), (-1.0, "2"), (0.0, "3"), (1.0, "4"), (2.0, "5")]
    ys = [y for _, y, _ in scale.ticks]
    assert ys == sorted(ys, reverse=True) and lane.row.y < ys[-1] and ys[0] < lane.row.bottom
    assert scale.labels is not None and scale.labels.right <= lane.header.right


def test_emotion_points_sit_under_their_cards_inside_the_scale():
    doc, cards, ana = emotion_map()
    layout = compute_layout(doc)
    (curve,) = layout.curves  # Ben is hidden
    (scale,) = layout.scales
    assert curve.persona_id == ana.id and curve.colour == "#2B6CB0"
    assert [p.card_id for p in curve.points] == [c.id for c, _ in doc.persona_curve(ana.id)]
    for point in curve.points:
        rect = layout.cards[point.card_id].rect
        assert rect.x <= point.x <= rect.right
        assert point.y == pytest.approx(scale.y_for(point.value))
        assert scale.area.contains(point.x, point.y)
    xs = [p.x for p in curve.points]
    assert len(set(xs)) == len(xs)  # a and b share a column: spread, never vertical
    assert len(curve.segments) == len(curve.points) - 1
    for seg, (a, b) in zip(curve.segments, itertools.pairwise(curve.points)):
        assert seg[0] == (a.x, a.y) and seg[3] == (b.x, b.y)
        for cx, cy in seg:
            assert min(a.y, b.y) - 1e-9 <= cy <= max(a.y, b.y) + 1e-9  # no overshoot


def test_a_single_point_has_no_segments_and_a_collapsed_emotions_lane_no_curves():
    doc, stages, lanes = build(cells={(0, 0): ["a"]}, emotions=True)
    p = Persona("Solo")
    doc.apply(ops.AddPersona(p))
    doc.apply(ops.SetEmotion(doc.cards()[0].id, p.id, 1))
    (curve,) = compute_layout(doc).curves
    assert len(curve.points) == 1 and curve.segments == ()
    doc.apply(ops.UpdateLane(lanes[-1].id, {"collapsed": True}))
    layout = compute_layout(doc)
    assert layout.curves == () and len(layout.scales) == 1


# -- connections ------------------------------------------------------------------


def test_connections_go_edge_to_edge_and_loops_back_are_flagged():
    doc, stages, lanes = build((260.0, 260.0, 260.0), ("A", "B"), {(0, 0): ["a"], (1, 0): ["b"], (2, 1): ["c"]})
    a, b, c = doc.cards()
    forward = Connection(a.id, b.id, "signs up", 40)
    back = Connection(c.id, a.id, "returns")
    doc.apply(ops.AddConnection(forward))
    doc.apply(ops.AddConnection(back))
    layout = compute_layout(doc)
    fwd, bwd = layout.connections
    ra, rb, rc = (layout.cards[x.id].rect for x in (a, b, c))
    assert not fwd.loops_back and fwd.label == "signs up (40 %)"
    assert fwd.points[0] == (ra.right, ra.center[1]) and fwd.points[-1] == (rb.x, rb.center[1])
    assert fwd.segments[0][0] == fwd.points[0] and fwd.segments[-1][3] == fwd.points[-1]
    assert ra.right < fwd.label_at[0] < rb.x
    assert bwd.loops_back and bwd.label == "returns"
    # Back to an earlier stage: out of the source's left side, into the target's right side.
    assert bwd.points[0] == (rc.x, rc.center[1]) and bwd.points[-1] == (ra.right, ra.center[1])


def test_connections_within_one_stage():
    doc, stages, lanes = build((260.0,), ("A", "B"), {(0, 0): ["top"], (0, 1): ["bottom"]})
    top, bottom = doc.cards()
    doc.apply(ops.AddConnection(Connection(top.id, bottom.id)))
    doc.apply(ops.AddConnection(Connection(bottom.id, top.id)))
    down, up = compute_layout(doc).connections
    assert not down.loops_back and not up.loops_back
    assert down.points[0][1] < down.points[-1][1] and up.points[0][1] > up.points[-1][1]


# -- hit-testing ------------------------------------------------------------------


def test_hit_testing_finds_cards_cells_stages_and_lanes():
    doc, stages, lanes = build((260.0, 400.0), ("A", "B"), {(0, 0): ["a", "b"], (1, 1): ["c"]})
    layout = compute_layout(doc)
    a, b, c = doc.cards()
    for card in (a, b, c):
        assert card_at(layout, *layout.cards[card.id].rect.center) == card.id
        assert cell_at(layout, *layout.cards[card.id].rect.center) == (card.stage_id, card.lane_id)
    gap_x = layout.cards[a.id].rect.center[0]
    gap_y = (layout.cards[a.id].rect.bottom + layout.cards[b.id].rect.y) / 2
    assert card_at(layout, gap_x, gap_y) is None
    assert cell_at(layout, gap_x, gap_y) == (stages[0].id, lanes[0].id)
    assert cell_at(layout, 5, layout.lanes[0].row.center[1]) is None  # a lane header
    assert cell_at(layout, gap_x, 5) is None  # a stage header
    assert stage_at(layout, gap_x, 5) == stages[0].id and stage_at(layout, 5, 5) is None
    assert lane_at(layout, 5, layout.lanes[1].row.center[1]) == lanes[1].id
    assert card_at(layout, -10, -10) is None and cell_at(layout, layout.width + 5, gap_y) is None


def test_insertion_index_in_a_column_and_across_columns():
    doc, stages, lanes = build((600.0,), cells={(0, 0): [f"c{i}" for i in range(5)]})
    layout = compute_layout(doc)
    ids = [c.id for c in doc.cards()]
    rect = lambda i: layout.cards[ids[i]].rect  # noqa: E731
    sid, lid = stages[0].id, lanes[0].id
    # Columns hold [0, 1], [2, 3], [4].
    assert insertion_index(layout, doc, sid, lid, rect(0).center[0], rect(0).y + 1) == 0
    assert insertion_index(layout, doc, sid, lid, rect(0).center[0], rect(1).bottom - 1) == 2
    assert insertion_index(layout, doc, sid, lid, rect(2).center[0], rect(3).y + 1) == 3
    assert insertion_index(layout, doc, sid, lid, rect(4).center[0], rect(4).bottom + 50) == 5
    assert insertion_index(layout, doc, sid, lid, rect(0).center[0], rect(0).y + 1, ignore={ids[0]}) == 0
    assert insertion_index(layout, doc, sid, lid, rect(2).center[0], rect(3).bottom + 5, ignore={ids[0]}) == 3
    empty = build((260.0,), ("A", "B"), {(0, 0): ["x"]})
    lay = compute_layout(empty[0])
    assert insertion_index(lay, empty[0], empty[1][0].id, empty[2][1].id, 300, 300) == 0
    assert insertion_index(lay, empty[0], empty[1][0].id, empty[2][0].id, 300, 300, ignore={empty[0].cards()[0].id}) == 0


def test_insertion_index_drop_lands_where_the_layout_puts_the_card():
    """Moving a card to the returned index puts it under the pointer's column, in order."""
    doc, stages, lanes = build((260.0,), cells={(0, 0): ["a", "b", "c", "d"]})
    layout = compute_layout(doc)
    a, b, c, d = doc.cards()
    y = (layout.cards[b.id].rect.bottom + layout.cards[c.id].rect.y) / 2
    index = insertion_index(layout, doc, stages[0].id, lanes[0].id, 200, y, ignore={a.id})
    doc.apply(ops.MoveCard(a.id, stages[0].id, lanes[0].id, index))
    assert [x.text for x in doc.cards()] == ["b", "a", "c", "d"]


def test_stage_and_lane_insertion_indexes():
    doc, _, _ = build((260.0, 260.0, 260.0), ("A", "B", "C"))
    layout = compute_layout(doc)
    s = layout.stages
    assert stage_insertion_index(layout, 0) == 0
    assert stage_insertion_index(layout, s[0].column.center[0] + 1) == 1
    assert stage_insertion_index(layout, s[2].column.right + 100) == 3
    rows = layout.lanes
    assert lane_insertion_index(layout, 0) == 0
    assert lane_insertion_index(layout, rows[1].row.center[1] + 1) == 2
    assert lane_insertion_index(layout, layout.height + 10) == 3


# -- the whole ----------------------------------------------------------------------


def test_an_equal_document_has_an_equal_layout():
    doc = small_map()
    copy = Document(doc.content())
    assert compute_layout(doc) == compute_layout(copy) == LayoutEngine().layout(copy)
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": "changed " * 20}))
    assert compute_layout(doc) != compute_layout(copy)


def test_a_custom_style_is_used():
    doc = small_map()
    wide = LayoutStyle(lane_header_width=300.0)
    assert compute_layout(doc, wide).stages[0].column.x == 300.0


def test_the_wrap_cache_is_bounded():
    engine = LayoutEngine(LayoutStyle(wrap_cache_size=10))
    for i in range(50):
        engine.wrap(f"text {i}", 100, 11)
    assert len(engine._wraps) <= 10
    assert engine.wrap("text 49", 100, 11) == (("text 49",), False)


def test_the_small_and_a_generated_map_are_well_formed():
    for doc in (small_map(), generated_map(400, stages=5, lanes=5)):
        layout = compute_layout(doc)
        assert_well_formed(doc, layout)
        assert len(layout.connections) == len(doc.connections)


def test_five_thousand_cards_lay_out():
    """Prints the time (no timing assertion: the benchmark figure is in the report)."""
    doc = generated_map(5000, stages=12, lanes=8)
    engine = LayoutEngine()
    start = time.perf_counter()
    layout = engine.layout(doc)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    again = engine.layout(doc)
    warm = time.perf_counter() - start
    print(f"5,000 cards: {cold * 1000:.0f} ms cold, {warm * 1000:.0f} ms with the text cache")
    assert len(layout.cards) == 5000 and again == layout


texts = st.text(alphabet=st.sampled_from(list("lorem ipsum dolor sit amet WWW 漢\n")), max_size=160)


@st.composite
def random_maps(draw):
    doc = Document()
    n_stages = draw(st.integers(1, 4))
    stages = [Stage(f"S{i}", width=draw(st.floats(140, 700))) for i in range(n_stages)]
    lanes = [Lane(f"L{i}", collapsed=draw(st.booleans())) for i in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        lanes.insert(draw(st.integers(0, len(lanes))), Lane("E", kind=LaneKind.EMOTIONS))
    for op in [*map(ops.AddStage, stages), *map(ops.AddLane, lanes)]:
        doc.apply(op)
    card_lanes = [lane for lane in lanes if lane.kind == LaneKind.CARDS]
    persona = Persona("P")
    doc.apply(ops.AddPersona(persona))
    for text in draw(st.lists(texts, max_size=25)):
        card = Card(draw(st.sampled_from(stages)).id, draw(st.sampled_from(card_lanes)).id, text)
        doc.apply(ops.AddCard(card))
        give_votes(doc, {card.id: draw(st.integers(0, 2))})
        if draw(st.booleans()):
            doc.apply(ops.SetEmotion(card.id, persona.id, draw(st.floats(-2, 2))))
    cards = doc.cards()
    if len(cards) >= 2:
        pairs = draw(st.sets(st.tuples(st.sampled_from(cards), st.sampled_from(cards)), max_size=6))
        for a, b in pairs:
            if a.id != b.id:
                doc.apply(ops.AddConnection(Connection(a.id, b.id)))
    return doc


def on_edge(point, rect) -> bool:
    x, y = point
    inside = rect.x - 1e-6 <= x <= rect.right + 1e-6 and rect.y - 1e-6 <= y <= rect.bottom + 1e-6
    edge = min(abs(x - rect.x), abs(x - rect.right), abs(y - rect.y), abs(y - rect.bottom))
    return inside and edge < 1e-6


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_random_maps_never_overlap_and_keep_curves_in_their_lane(doc):
    layout = compute_layout(doc)
    assert_well_formed(doc, layout)
    for lane in layout.lanes:
        if lane.kind == "cards" and not lane.collapsed:
            cells = [layout.cells[(s.id, lane.lane_id)] for s in doc.stages]
            bottoms = [layout.cards[i].rect.bottom for c in cells for i in layout.cell_cards[(c.stage_id, c.lane_id)]]
            tallest = max([STYLE.min_lane_height] + [b + STYLE.cell_padding - lane.row.y for b in bottoms])
            assert lane.row.h == pytest.approx(tallest)  # short lane names never set the height
    scales = {s.lane_id: s for s in layout.scales}
    for curve in layout.curves:
        area = scales[curve.lane_id].area
        assert len(curve.segments) == max(len(curve.points) - 1, 0)
        for seg in curve.segments:
            assert all(area.y - 1e-6 <= y <= area.bottom + 1e-6 for _, y in seg)
        for point in curve.points:
            box = layout.cards[point.card_id]
            # Under its card; a hidden card's point stays where the card is when its lane is open: in its cell.
            rect = layout.cells[(box.stage_id, box.lane_id)].rect if box.hidden else box.rect
            assert rect.x - 1e-6 <= point.x <= rect.right + 1e-6
    for path in layout.connections:
        source, target = layout.cards[path.source_id], layout.cards[path.target_id]
        assert on_edge(path.points[0], source.rect) and on_edge(path.points[-1], target.rect)
        assert path.loops_back == (doc.stage_index(target.stage_id) < doc.stage_index(source.stage_id))


def test_points_of_a_collapsed_and_an_open_lane_in_one_stage_are_spread_apart():
    doc, stages, lanes = build((260.0,), ("Open", "Folded"), {(0, 0): ["seen"], (0, 1): ["hidden"]}, emotions=True)
    doc.apply(ops.UpdateLane(lanes[1].id, {"collapsed": True}))
    p = Persona("P")
    doc.apply(ops.AddPersona(p))
    for card, value in zip(doc.cards(), (-1, 1)):
        doc.apply(ops.SetEmotion(card.id, p.id, value))
    layout = compute_layout(doc)
    a, b = layout.curves[0].points
    assert b.x - a.x > 20  # not a near-vertical jump
    for point in (a, b):
        rect = layout.cards[point.card_id].rect
        assert rect.x <= point.x <= rect.right



# -- incremental layout: one engine kept across edits == a fresh engine ------------------

_TEXTS = ("", "short", "a card with rather more words so that it wraps onto a few lines", "x" * 90, "two\nlines")


def random_edit(doc: Document, data) -> None:
    """One random edit of the kinds a user makes on the canvas, always a valid one."""
    cards = doc.cards()
    card_lanes = [lane for lane in doc.lanes if lane.kind == LaneKind.CARDS]
    kind = data.draw(st.sampled_from(["text", "footer", "move", "emotion", "add", "remove", "width", "collapse", "persona",
                                      "connect", "reveal"]))
    if kind in ("text", "footer", "move", "emotion", "remove", "connect") and not cards:
        kind = "add"
    pick = lambda seq: seq[data.draw(st.integers(0, len(seq) - 1))]  # noqa: E731
    if kind == "text":
        doc.apply(ops.UpdateCard(pick(cards).id, {"text": pick(_TEXTS)}))
    elif kind == "footer":
        card = pick(cards)
        give_votes(doc, {card.id: data.draw(st.integers(0, 3))})
        # An action's due date is in its footer too (generated maps hold actions among their kinds).
        doc.apply(ops.UpdateCard(card.id, {"owner": pick(("", "Sam")), "due": pick(("", "2026-12-31"))}))
    elif kind == "reveal":  # every voted card's footer comes or goes at once
        session = voting.current_session(doc)
        if session is not None:
            doc.apply(voting.reveal(doc, session.id, not session.revealed))
    elif kind == "move":
        card, stage, lane = pick(cards), pick(doc.stages), pick(card_lanes)
        size = len(doc.cell_cards(stage.id, lane.id)) - (1 if card.cell == (stage.id, lane.id) else 0)
        doc.apply(ops.MoveCard(card.id, stage.id, lane.id, data.draw(st.integers(0, size))))
    elif kind == "emotion":
        value = data.draw(st.sampled_from([None, -2.0, -0.5, 0.0, 1.0, 2.0]))
        doc.apply(ops.SetEmotion(pick(cards).id, pick(doc.personas).id, value))
    elif kind == "add":
        doc.apply(ops.AddCard(Card(pick(doc.stages).id, pick(card_lanes).id, pick(_TEXTS))))
    elif kind == "remove":
        doc.apply(ops.RemoveCard(pick(cards).id))
    elif kind == "width":
        doc.apply(ops.UpdateStage(pick(doc.stages).id, {"width": float(data.draw(st.sampled_from([140, 260, 400, 700])))}))
    elif kind == "collapse":
        lane = pick(doc.lanes)
        doc.apply(ops.UpdateLane(lane.id, {"collapsed": not lane.collapsed}))
    elif kind == "persona":
        persona = pick(doc.personas)
        doc.apply(ops.UpdatePersona(persona.id, {"visible": not persona.visible}))
    elif kind == "connect":
        source, target = pick(cards), pick(cards)
        if source.id != target.id and not any(
            (c.source_id, c.target_id) == (source.id, target.id) for c in doc.connections
        ):
            doc.apply(ops.AddConnection(Connection(source.id, target.id, "next")))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_engine_kept_across_edits_lays_out_as_a_fresh_one(data):
    """The engine's per-cell and per-curve caches never change a result: after every edit the
    kept engine's layout equals a fresh engine's, and unchanged cards keep their CardBox objects."""
    doc = generated_map(60, stages=3, lanes=4, personas=2, seed=data.draw(st.integers(0, 3)))
    engine = LayoutEngine()
    before = engine.layout(doc)
    for _ in range(data.draw(st.integers(1, 12))):
        random_edit(doc, data)
        after = engine.layout(doc)
        assert after == LayoutEngine().layout(doc)
        # What the canvas relies on to skip unchanged cards: an equal CardBox is the very same object.
        unchanged = [c for c in after.cards if c in before.cards and after.cards[c] == before.cards[c]]
        assert [c for c in unchanged if after.cards[c] is not before.cards[c]] == []
        # And a cell whose id tuple is the same object only moved: its cards draw as before.
        for key, ids in after.cell_cards.items():
            if ids and before.cell_cards.get(key) is ids:
                was, now = before.cells[key].rect, after.cells[key].rect
                for c in ids:
                    a, b = before.cards[c], after.cards[c]
                    assert (a.rect.w, a.rect.h, a.text.lines, a.footer is None, a.hidden, a.index) == (
                        b.rect.w, b.rect.h, b.text.lines, b.footer is None, b.hidden, b.index)
                    assert b.rect.x - a.rect.x == pytest.approx(now.x - was.x)
                    assert b.rect.y - a.rect.y == pytest.approx(now.y - was.y)
        before = after


def test_an_unchanged_cell_keeps_its_card_boxes():
    """A text edit that keeps the card's height reuses every CardBox object except the edited card's."""
    doc = generated_map(200, stages=4, lanes=4)
    engine = LayoutEngine()
    before = engine.layout(doc)
    card = doc.cards()[5]
    doc.apply(ops.UpdateCard(card.id, {"text": card.text[:-1] + "Z"}))
    after = engine.layout(doc)
    assert after == LayoutEngine().layout(doc)
    moved = [c for c in after.cards if after.cards[c] is not before.cards[c]]
    assert moved == [card.id]


# -- where a connection's label goes (one rule for the canvas and the poster) -------------


def _connected(texts_a, texts_b, label: str):
    doc, stages, lanes = build(stage_widths=(260.0, 260.0), cells={(0, 0): texts_a, (1, 0): texts_b})
    a, b = doc.cell_cards(stages[0].id, lanes[0].id)[0], doc.cell_cards(stages[1].id, lanes[0].id)[0]
    doc.apply(ops.AddConnection(Connection(a.id, b.id, label)))
    layout = compute_layout(doc)
    return layout, layout.connections[0]


def _label_box(x, y, upright, w, h) -> Rect:
    bw, bh = (h, w) if upright else (w, h)
    return Rect(x - bw / 2, y - bh / 2, bw, bh)


def test_a_label_in_the_narrow_gap_between_two_stages_stands_upright():
    layout, path = _connected(["short"] * 3, ["short"] * 3, "next")
    x, y, upright = label_spot(layout, path, 40.0, 12.0)
    assert upright and (x, y) == path.label_at
    box = _label_box(x, y, upright, 40.0, 12.0)
    assert not any(box.intersects(b.rect) for b in layout.cards.values())


def test_a_label_never_reaches_under_the_headers_but_slides_clear_on_its_curve():
    """The first cards sit just below the stage headers: an upright label centred on the
    curve would poke under them, so it slides down, still covering its point of the curve."""
    layout, path = _connected(["one"], ["one"], "books a demo")
    w, h = 90.0, 12.0
    x, y, upright = label_spot(layout, path, w, h)
    box = _label_box(x, y, upright, w, h)
    assert upright
    assert box.y >= layout.corner.h + LABEL_HEADER_GAP and box.x >= layout.corner.w + LABEL_HEADER_GAP
    assert box.contains(*path.label_at)
    assert not any(box.intersects(b.rect) for b in layout.cards.values())


def test_a_label_with_no_free_spot_sits_level_on_the_middle_of_its_curve():
    layout, path = _connected(["one"], ["one"], "label")
    assert label_spot(layout, path, 5000.0, 5000.0) == (*path.label_at, False)


def test_the_fast_box_constructors_make_the_classes_values():
    from model import layout_types as lay
    from model.layout_types import CardBox, TextBlock

    rect, header = lay.new_rect(1.0, 2.5, 30.0, 40.0), lay.new_rect(1.0, 2.5, 30.0, 18.0)
    assert rect == Rect(1.0, 2.5, 30.0, 40.0) and hash(rect) == hash(Rect(1.0, 2.5, 30.0, 40.0))
    text = lay.new_text_block(("a", "b"), 8.0, (20.0, 33.0), 11.0, False, True)
    assert text == TextBlock(("a", "b"), 8.0, (20.0, 33.0), 11.0, False, True)
    box = lay.new_card_box("c", "s", "l", 3, rect, header, text, None, False)
    assert box == CardBox("c", "s", "l", 3, Rect(1.0, 2.5, 30.0, 40.0), header, text, None, False)
    assert box != CardBox("c", "s", "l", 3, Rect(1.0, 2.5, 30.0, 40.0), header, text, None, True)


def test_collapsing_a_lane_never_moves_an_emotion_point():
    """Regression: collapsing a lane moved its cards' points sideways and changed the curve's shape."""
    doc, stages, lanes = build((260.0, 420.0), ("Actions", "Touchpoints"),
                               {(0, 0): ["a", "b", "c"], (0, 1): ["d"], (1, 0): ["e"], (1, 1): ["f", "g", "h", "i"]},
                               emotions=True)
    p = Persona("P")
    doc.apply(ops.AddPersona(p))
    for card, value in zip(doc.cards(), (-2, -1, 0, 1, 2, 1.5, -0.5, 0.5, -1.5)):
        doc.apply(ops.SetEmotion(card.id, p.id, value))

    def points():
        (curve,) = compute_layout(doc).curves
        return [(pt.card_id, round(pt.x, 6), pt.value) for pt in curve.points]

    open_points = points()
    card_lanes = [lane for lane in lanes if lane.kind == LaneKind.CARDS]
    assert len(card_lanes) == 2 and len(open_points) == 9
    for lane in card_lanes:
        doc.apply(ops.UpdateLane(lane.id, {"collapsed": True}))
        assert points() == open_points, lane.name
    for lane in card_lanes:
        doc.apply(ops.UpdateLane(lane.id, {"collapsed": False}))
    assert points() == open_points
