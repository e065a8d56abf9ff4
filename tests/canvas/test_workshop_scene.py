"""The canvas and the workshop's entities: what it does not draw costs it no re-layout."""

from __future__ import annotations

from canvas.scene import MapScene
from model import ops
from model.events import Origin
from model.workshop import add_step
from model.workshop_domain import JournalEntry, JournalKind, WorkshopStep
from tests.model.factories import small_map


def test_a_journal_entry_or_a_plan_edit_does_not_lay_the_map_out_again(qapp):
    doc = small_map()
    scene = MapScene(doc)
    try:
        laid_out = scene.layout()
        doc.apply(ops.AddItem(JournalEntry("2024-05-01T10:00:00Z", JournalKind.NOTE)), Origin.JOURNAL)
        doc.apply(add_step(doc, WorkshopStep("Capture")))
        assert scene.layout() is laid_out
        doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": "changed"}))
        assert scene.layout() is not laid_out
        assert scene.layout().cards[doc.cards()[0].id].text.lines[0].startswith("changed")
    finally:
        scene.close()
