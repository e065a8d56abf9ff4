"""As-is and to-be on the poster (issue 13): to-be curves dashed, to-be cards ringed, the legend's Future
row, the view (as-is leaves the future's cards out), and reprints that see a to-be value change."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from export.paper import oriented, parse_paper, parse_tile_paper
from export.poster import export_poster, poster_version
from export.poster_marks import map_marks
from export.poster_sheets import changed_sheets
from model import ops
from model.document import Document
from model.domain import Card, View
from model.errors import ValidationError
from model.tobe import mark_to_be, set_to_be_emotion
from tests.export.maps import workshop_map
from tests.export.pdfcheck import flat

FUTURE_CARD = "Invoices itself every Friday"


def planned() -> Document:
    doc = workshop_map()
    maya = doc.personas[0]
    for card, value in doc.persona_curve(maya.id):
        doc.apply(set_to_be_emotion(doc, card.id, maya.id, min(2.0, value + 1.0)))
    touch = doc.lanes[1]
    card = Card(doc.stages[3].id, touch.id, FUTURE_CARD)
    doc.apply(ops.AddCard(card))
    doc.apply(mark_to_be(doc, [card.id], True))
    return doc


def text_of(doc, tmp_path, **options) -> str:
    out = tmp_path / "poster.pdf"
    assert export_poster(doc, out, paper="A2", **options) == []
    return flat(PdfReader(str(out)).pages[0].extract_text())


def test_both_shows_the_future_with_its_legend(tmp_path):
    text = text_of(planned(), tmp_path)
    assert FUTURE_CARD in text
    assert "Future To-be card As-is curve To-be curve" in text


def test_as_is_leaves_the_future_cards_and_curves_out(tmp_path):
    text = text_of(planned(), tmp_path, view="as-is")
    assert FUTURE_CARD not in text and "To-be" not in text and "As is" in text


def test_to_be_shows_only_the_to_be_curves(tmp_path):
    text = text_of(planned(), tmp_path, view="to-be")
    assert FUTURE_CARD in text and "To be" in text
    assert "To-be curve" in text and "As-is curve" not in text


def test_an_unknown_view_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="view must be one of"):
        export_poster(planned(), tmp_path / "p.pdf", view="later")
    assert list(tmp_path.iterdir()) == []


def test_the_display_list_holds_the_future_as_drawn():
    doc = planned()
    page = oriented(parse_paper("A1"), True)
    looks = {v: [look[0] for _, look in map_marks(poster_version(doc, page, None, 10, view=v).layout, doc, None, v)]
             for v in View}
    assert looks[View.BOTH].count("to-be ring") == 1 and looks[View.BOTH].count("to-be point") == 5
    assert looks[View.AS_IS].count("to-be point") == 0 and looks[View.AS_IS].count("face") > 0
    assert looks[View.TO_BE].count("face") == 0 and looks[View.TO_BE].count("to-be segment") == 4


def test_a_changed_to_be_value_reprints_only_sheets_across_the_emotions_lane():
    before = planned()
    after = Document(before.content())
    maya = after.personas[0]
    card = after.persona_curve(maya.id)[2][0]
    after.apply(set_to_be_emotion(after, card.id, maya.id, -2.0))
    page, sheet = oriented(parse_paper("A1"), True), parse_tile_paper("A4")
    old, new = poster_version(before, page, sheet, 10), poster_version(after, page, sheet, 10)
    changes = changed_sheets(old, new)
    assert changes.reprint
    lane = new.layout.lane_index[after.lanes[2].id].row
    comp = new.comp
    top = comp.map_box.y + (new.layout.height - lane.y) * comp.scale
    bottom = comp.map_box.y + (new.layout.height - lane.bottom) * comp.scale
    from export.tiles import grid_region

    for tile in changes.reprint:
        x, y, w, h = grid_region(new.plan, page, tile.row, tile.col)
        assert y < top and y + h > bottom  # every sheet reprinted shows part of the Emotions lane
    assert len(changes.reprint) < len(new.plan.tiles)
