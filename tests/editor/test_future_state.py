"""As-is and to-be in the editor (issue 13): marking cards as to-be (inspector, Card menu, its key), setting
what a persona is meant to feel (the inspector), and View > Journey; each edit one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from model.domain import View
from model.tobe import is_to_be, to_be_value

LEFT = Qt.MouseButton.LeftButton


def test_the_inspector_marks_a_card_to_be_in_one_undo_step(window, qtbot):
    doc = window.document
    card = doc.cards()[0]
    window.scene.select("cards", [card.id])
    page = window.inspector.card_page
    assert window.inspector.current_page() is page and not page.to_be_box.isChecked()
    qtbot.mouseClick(page.to_be_box, LEFT)
    assert is_to_be(doc, card.id) and window.stack.count() == 1
    assert window.stack.undoText() == "Mark card as to-be"
    window.actions["edit.undo"].trigger()
    assert not is_to_be(doc, card.id) and not page.to_be_box.isChecked()


def test_the_inspector_sets_what_a_persona_is_meant_to_feel(window, qtbot):
    doc = window.document
    card, ben = doc.cards()[0], doc.personas[1]
    window.scene.select("cards", [card.id])
    rows = window.inspector.card_page.emotion_rows
    future = rows[3]  # Ana feels, Ana to be, Ben feels, Ben to be
    assert future.persona_id == ben.id
    assert window.inspector.card_page.form.labelForField(future).text() == "Ben to be"
    future.setValue(1.5)
    assert to_be_value(doc, card.id, ben.id) == 1.5 and doc.emotion(card.id, ben.id) is None
    assert window.stack.count() == 1
    assert len(window.scene.layout().to_be_curves) == 1
    window.actions["edit.undo"].trigger()
    assert to_be_value(doc, card.id, ben.id) is None


def test_the_card_menu_and_its_key_toggle_the_selected_cards(window, qtbot):
    doc = window.document
    ids = [c.id for c in doc.cards()[:2]]
    window.scene.select("cards", ids)
    action = window.actions["card.to_be"]
    assert action.isEnabled() and not action.isChecked()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert all(is_to_be(doc, c) for c in ids) and action.isChecked()
    assert window.stack.undoText() == "Mark 2 cards as to-be"
    action.trigger()
    assert not any(is_to_be(doc, c) for c in ids) and window.stack.count() == 2


def test_view_journey_chooses_as_is_to_be_or_both(window):
    actions = {v: window.actions[f"view.journey.{v.value}"] for v in View}
    assert actions[View.BOTH].isChecked()
    actions[View.AS_IS].trigger()
    assert window.future.view == View.AS_IS and actions[View.AS_IS].isChecked()
    assert not actions[View.BOTH].isChecked()
    actions[View.TO_BE].trigger()
    assert window.future.view == View.TO_BE
    assert window.stack.count() == 0  # view state, never an edit
