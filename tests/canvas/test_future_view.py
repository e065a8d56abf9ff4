"""As-is and to-be on the canvas (issue 13): to-be curves dashed in the persona's colour, to-be cards
ringed, and the view (as-is, to-be, both) choosing what shows; the scene follows every edit."""

from __future__ import annotations

import pytest

from canvas.decorations import FUTURE
from canvas.future_view import FutureView
from canvas.scene import DIM_OPACITY, MapScene
from model.domain import View
from model.tobe import mark_to_be, set_to_be_emotion
from tests.model.factories import small_map


@pytest.fixture
def scene(qapp):
    doc = small_map()
    made = MapScene(doc)
    made.future = FutureView(made)
    yield made
    made.close()


def _plan_future(doc):
    ana = doc.personas[0]
    for card, value in zip([c for c, _ in doc.persona_curve(ana.id)], (1.0, 2.0, 1.5)):
        doc.apply(set_to_be_emotion(doc, card.id, ana.id, value))
    future = doc.cards()[2]
    doc.apply(mark_to_be(doc, [future.id], True))
    return ana, future


def test_to_be_curves_are_drawn_dashed_beside_the_as_is_ones(scene):
    doc = scene.document
    assert scene.future.curve_items() == [] and not scene.future.rings.isVisible()
    ana, future = _plan_future(doc)  # each edit re-lays the scene out: the view follows
    (item,) = scene.future.curve_items()
    assert item.curve is scene.layout().to_be_curves[0] and item.curve.colour == ana.colour
    assert item.scene() is scene and item.isVisible()
    assert all(c.isVisible() for c in scene.sync.curves.values())
    (ring,) = scene.future.rings.rects()
    box = scene.layout().cards[future.id].rect
    assert ring.contains(box.x, box.y) and ring.width() > box.w


def test_the_view_chooses_what_shows(scene):
    doc = scene.document
    _, future = _plan_future(doc)
    fv = scene.future
    fv.set_view(View.AS_IS)
    assert fv.curve_items() == [] and not fv.rings.isVisible()
    assert all(c.isVisible() for c in scene.sync.curves.values())
    assert scene.decoration(FUTURE).focus == frozenset(scene.layout().cards) - {future.id}
    assert scene.card_item(future.id).opacity() == DIM_OPACITY
    assert scene.card_item(doc.cards()[0].id).opacity() == 1.0
    fv.set_view(View.TO_BE)
    assert len(fv.curve_items()) == 1 and fv.rings.isVisible()
    assert not any(c.isVisible() for c in scene.sync.curves.values())
    assert scene.decoration(FUTURE) is None and scene.card_item(future.id).opacity() == 1.0
    fv.set_view(View.BOTH)
    assert len(fv.curve_items()) == 1 and all(c.isVisible() for c in scene.sync.curves.values())


def test_removing_the_future_takes_its_marks_away(scene):
    doc = scene.document
    ana, future = _plan_future(doc)
    doc.apply(mark_to_be(doc, [future.id], False))
    assert not scene.future.rings.isVisible()
    for card, _ in doc.persona_curve(ana.id):
        doc.apply(set_to_be_emotion(doc, card.id, ana.id, None))
    assert scene.future.curve_items() == []
