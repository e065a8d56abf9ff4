"""On screen, connections run around the cards: no connection item covers another card's text."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from canvas.scene import MapScene
from model import ops
from model.document import Document
from model.domain import Connection
from model.templates import example_content
from tests.model.factories import generated_map
from tests.model.test_layout_routes import text_rect


def _covered_texts(doc) -> list[tuple[str, str]]:
    """(connection, card) for every connection item whose shape (its line widened for the mouse,
    and its label) touches the text of a card it does not join."""
    scene = MapScene(doc)
    try:
        layout = scene.layout()
        texts = {}
        for box in layout.cards.values():
            t = text_rect(box)
            if t is not None and not box.hidden:
                texts[box.card_id] = QRectF(t.x, t.y, t.w, t.h)
        found = []
        for path in layout.connections:
            item = scene.connection_item(path.connection_id)
            assert item.path_value == path  # the item draws the layout's route
            shape = item.mapToScene(item.shape())
            for card_id, rect in texts.items():
                if card_id not in (path.source_id, path.target_id) and shape.intersects(rect):
                    found.append((path.connection_id, card_id))
        return found
    finally:
        scene.close()


def test_no_connection_covers_card_text_on_the_example_map(qapp):
    doc = Document(example_content())
    assert doc.connections
    assert _covered_texts(doc) == []


def test_no_connection_covers_card_text_on_a_generated_map(qapp):
    doc = generated_map(400, stages=6, lanes=6, seed=5)
    cards = doc.cards()
    # More connections than the generator makes, each across several stages and lanes.
    for i in range(0, 360, 9):
        doc.apply(ops.AddConnection(Connection(cards[i].id, cards[(i * 7 + 40) % len(cards)].id)))
    assert _covered_texts(doc) == []
