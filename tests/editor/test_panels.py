"""Inspector, personas and find panels, driven with real key and mouse events on a real scene."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QSpinBox

from editor.find_panel import FindPanel
from editor.inspector import InspectorPanel
from editor.personas_panel import PersonasPanel
from model import ops
from model.domain import CardKind, Channel, Evidence


@pytest.fixture
def inspector(setup, prompts, qtbot):
    doc, session, scene = setup
    panel = InspectorPanel(session, scene, prompts)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def field(page, label: str):
    """The widget of the form row called `label` on an inspector page."""
    form = page.form
    for row in range(form.rowCount()):
        item = form.itemAt(row, form.ItemRole.LabelRole)
        if item is not None and item.widget() is not None and item.widget().text() == label:
            return form.itemAt(row, form.ItemRole.FieldRole).widget()
    raise LookupError(label)


def test_inspector_shows_the_map_when_nothing_is_selected(inspector, setup):
    doc, _, _ = setup
    assert inspector.current_page() is inspector.map_page
    assert field(inspector.map_page, "Title").text() == doc.info.title


def test_typing_a_card_text_is_one_undo_step(inspector, setup, qtbot):
    doc, session, scene = setup
    card = doc.cards()[0]
    scene.select("card", [card.id])
    assert inspector.current_page() is inspector.card_page
    editor = field(inspector.card_page, "Text")
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == card.text
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " now")
    assert doc.card(card.id).text == card.text + " now"
    assert session.stack.count() == 1
    session.stack.undo()
    assert doc.card(card.id).text == card.text
    assert editor.toPlainText() == card.text  # the field shows the model again


def test_card_fields_each_make_one_command(inspector, setup, qtbot):
    doc, session, scene = setup
    card = doc.cards()[0]
    scene.select("card", [card.id])
    page = inspector.card_page
    kind = field(page, "Kind")
    assert isinstance(kind, QComboBox)
    kind.activated.emit(list(CardKind).index(CardKind.QUOTE))
    channel = field(page, "Channel")
    channel.activated.emit(list(Channel).index(Channel.PHONE))
    evidence = field(page, "Evidence")
    evidence.activated.emit(evidence.findText("Observed"))
    owner = field(page, "Owner")
    owner.setFocus()
    qtbot.keyClicks(owner, "Sales")
    impact = field(page, "Impact")
    assert isinstance(impact, QSpinBox) and impact.text() == "—"
    impact.setFocus()
    qtbot.keyClick(impact, Qt.Key.Key_Up)
    qtbot.keyClick(impact, Qt.Key.Key_Up)
    edited = doc.card(card.id)
    assert (edited.kind, edited.channel, edited.evidence, edited.owner, edited.impact) == (
        CardKind.QUOTE, Channel.PHONE, Evidence.OBSERVED, "Sales", 2)
    assert session.stack.count() == 5  # kind, channel, evidence, owner burst, impact burst
    while session.stack.canUndo():
        session.stack.undo()
    assert doc.card(card.id) == card


def _type_date(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_an_actions_due_date_is_typed_and_set_as_one_undo_step(inspector, setup, qtbot):
    doc, session, scene = setup
    card = doc.cards()[0]
    scene.select("card", [card.id])
    page = inspector.card_page
    due = field(page, "Due")
    assert not page.form.isRowVisible(due)  # a touchpoint: no date to set
    field(page, "Kind").activated.emit(list(CardKind).index(CardKind.ACTION))
    assert page.form.isRowVisible(due) and due.text() == ""
    _type_date(qtbot, due, "2026-12-31")
    assert doc.card(card.id).due == "2026-12-31"
    assert session.stack.count() == 2  # the kind, then the date: half a date was never an edit
    assert session.stack.undoText() == "Edit card"
    session.stack.undo()
    assert doc.card(card.id).due == "" and due.text() == ""
    assert doc.card(card.id).kind == CardKind.ACTION
    session.stack.redo()
    assert due.text() == "2026-12-31"
    due.setFocus()
    due.selectAll()
    qtbot.keyClick(due, Qt.Key.Key_Delete)  # emptied: no date any more
    assert doc.card(card.id).due == "2026-12-31"  # not until the field is left
    due.clearFocus()
    assert doc.card(card.id).due == "" and session.stack.count() == 3  # the kind, the date, its clearing


def test_a_due_date_that_is_not_a_date_is_refused_and_the_field_shows_the_date_again(inspector, setup, qtbot):
    doc, session, scene = setup
    card = doc.cards()[0]
    doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
    scene.select("card", [card.id])
    due = field(inspector.card_page, "Due")
    refusals = []
    session.refused.connect(refusals.append)
    _type_date(qtbot, due, "31/12")
    assert refusals == ["due date '31/12' is not a date like 2026-12-31"]
    assert doc.card(card.id).due == "2026-12-31" and session.stack.count() == 0
    assert due.text() == "2026-12-31"


def test_a_date_being_typed_outlives_an_edit_made_elsewhere(inspector, setup, qtbot):
    """A phone in the room adds a card while the facilitator types a date: the half date stays."""
    doc, session, scene = setup
    card = doc.cards()[0]
    doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION}))
    scene.select("card", [card.id])
    due = field(inspector.card_page, "Due")
    due.setFocus()
    qtbot.keyClicks(due, "2026-1")
    assert due.hasFocus()
    doc.apply(ops.UpdateCard(doc.cards()[1].id, {"text": "changed elsewhere"}))
    assert due.text() == "2026-1"
    qtbot.keyClicks(due, "2-31")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    assert doc.card(card.id).due == "2026-12-31" and session.stack.count() == 1


def test_a_due_date_set_on_several_cards_is_one_step(inspector, setup, qtbot):
    doc, session, scene = setup
    chosen = [c.id for c in doc.cards()[:3]]
    scene.select("card", chosen)
    assert inspector.current_page() is inspector.cards_page
    _type_date(qtbot, field(inspector.cards_page, "Due"), "2027-01-15")
    assert [doc.card(i).due for i in chosen] == ["2027-01-15"] * 3
    assert session.stack.count() == 1
    session.stack.undo()
    assert [doc.card(i).due for i in chosen] == [""] * 3


def test_emotion_of_a_persona_is_edited_from_the_card(inspector, setup, qtbot):
    doc, session, scene = setup
    card = doc.cards()[0]
    persona = doc.personas[0]
    scene.select("card", [card.id])
    spin = field(inspector.card_page, f"{persona.name} feels")
    before = doc.emotion(card.id, persona.id)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert doc.emotion(card.id, persona.id) == before + 0.5
    session.stack.undo()
    assert doc.emotion(card.id, persona.id) == before


def test_map_title_and_emotion_labels(inspector, setup, qtbot):
    doc, session, _ = setup
    title = field(inspector.map_page, "Title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Onboarding")
    assert doc.info.title == "Onboarding" and session.stack.count() == 1
    label = field(inspector.map_page, "+2")
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Thrilled")
    assert doc.info.emotion_labels[4] == "Thrilled" and session.stack.count() == 2


def test_empty_stage_name_is_refused_and_the_field_shows_the_name_again(inspector, setup, qtbot):
    doc, session, scene = setup
    stage = doc.stages[0]
    scene.select("stage", [stage.id])
    name = field(inspector.stage_page, "Name")
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    assert doc.stage(stage.id).name == stage.name
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == stage.name
    assert session.stack.count() == 0


def test_stage_kpis_add_edit_remove(inspector, setup, qtbot):
    doc, session, scene = setup
    stage = doc.stages[0]
    scene.select("stage", [stage.id])
    kpis = inspector.stage_page.kpis
    qtbot.mouseClick(kpis.add_button, Qt.MouseButton.LeftButton)
    assert [k.name for k in doc.stage_kpis(stage.id)] == ["New KPI"]
    assert kpis.table.rowCount() == 1
    kpis.table.item(0, 1).setText("42.5")
    assert doc.stage_kpis(stage.id)[0].value == 42.5
    kpis.table.item(0, 2).setText("not a number")
    assert doc.stage_kpis(stage.id)[0].target is None
    kpis.table.setCurrentCell(0, 0)
    qtbot.mouseClick(kpis.remove_button, Qt.MouseButton.LeftButton)
    assert doc.stage_kpis(stage.id) == []
    assert session.stack.count() == 3
    session.stack.undo()
    assert doc.stage_kpis(stage.id)[0].value == 42.5


def test_lane_and_connection_pages(inspector, setup, qtbot):
    doc, session, scene = setup
    lane = doc.lanes[2]
    scene.select("lane", [lane.id])
    assert inspector.current_page() is inspector.lane_page
    box = inspector.lane_page.collapsed_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert doc.lane(lane.id).collapsed
    conn = doc.connections[0]
    scene.select("connection", [conn.id])
    assert inspector.current_page() is inspector.connection_page
    label = field(inspector.connection_page, "Label")
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "most")
    assert doc.connection(conn.id).label == "most"
    assert session.stack.count() == 2


def test_inspector_falls_back_to_the_map_when_its_card_is_deleted(inspector, setup):
    from model import edits
    from model import ops

    doc, session, scene = setup
    card = doc.cards()[0]
    scene.select("card", [card.id])
    session.edit(edits.delete_cards(doc, [card.id]))
    assert inspector.current_page() is inspector.map_page


def test_several_cards_recoloured_from_the_inspector_in_one_step(inspector, setup):
    doc, session, scene = setup
    ids = [c.id for c in doc.cards()[:3]]
    scene.select("card", ids)
    assert inspector.current_page() is inspector.cards_page
    colour = field(inspector.cards_page, "Colour")
    colour.activated.emit(colour.findText("Pink"))
    assert {doc.card(i).colour for i in ids} == {"pink"}
    assert session.stack.count() == 1


def test_several_cards_get_owner_evidence_impact_and_effort_in_one_step_each(inspector, setup, qtbot):
    """Issue: the multi-selection inspector edited only colour, kind and channel. (Votes are a voting
    session's now: wall dots set them for many cards.)"""
    from model import ops

    doc, session, scene = setup
    ids = [c.id for c in doc.cards()[:3]]
    doc.apply(ops.UpdateCard(ids[0], {"owner": "Support", "impact": 2}))
    before = doc.content()
    scene.select("card", ids)
    page = inspector.cards_page
    owner = field(page, "Owner")
    assert owner.text() == ""  # the cards' owners differ
    owner.setFocus()
    qtbot.keyClicks(owner, "Sales")
    assert {doc.card(i).owner for i in ids} == {"Sales"}
    assert session.stack.count() == 1  # the whole typing burst, for every card, is one step
    impact = field(page, "Impact")
    impact.setFocus()
    qtbot.keyClick(impact, Qt.Key.Key_Up)
    assert len({doc.card(i).impact for i in ids}) == 1 and doc.card(ids[0]).impact is not None
    evidence = field(page, "Evidence")
    evidence.activated.emit(evidence.findText("Observed"))
    effort = field(page, "Effort")
    effort.setFocus()
    qtbot.keyClick(effort, Qt.Key.Key_Up)
    assert {doc.card(i).evidence.value for i in ids} == {"observed"}
    assert len({doc.card(i).effort for i in ids}) == 1 and doc.card(ids[0]).effort is not None
    assert session.stack.count() == 4
    while session.stack.canUndo():
        session.stack.undo()
    assert doc.content() == before  # each card's own owner and impact back


def test_read_only_inspector_refuses_typing(setup, prompts, qtbot):
    doc, session, scene = setup
    session.set_read_only(True)
    panel = InspectorPanel(session, scene, prompts)
    qtbot.addWidget(panel)
    title = field(panel.map_page, "Title")
    assert title.isReadOnly()


# -- personas ------------------------------------------------------------------------------------


@pytest.fixture
def personas(setup, prompts, qtbot):
    doc, session, scene = setup
    panel = PersonasPanel(session, scene, prompts)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_choosing_a_persona_makes_it_active(personas, setup):
    doc, session, scene = setup
    assert scene.active_persona() == doc.personas[0].id
    personas.list.setCurrentRow(1)
    assert scene.active_persona() == doc.personas[1].id
    assert session.stack.count() == 0  # view state only


def test_add_rename_reorder_remove_persona(personas, setup, prompts, qtbot):
    doc, session, scene = setup
    qtbot.mouseClick(personas.add_button, Qt.MouseButton.LeftButton)
    assert len(doc.personas) == 3
    new_id = doc.personas[-1].id
    assert personas.current_id() == new_id
    qtbot.keyClicks(personas.name_edit, "Cleo")  # the name is selected, typing replaces it
    assert doc.persona(new_id).name == "Cleo"
    qtbot.mouseClick(personas.up_button, Qt.MouseButton.LeftButton)
    assert doc.persona_index(new_id) == 1
    prompts.script("colour", "#123456")
    qtbot.mouseClick(personas.colour_button, Qt.MouseButton.LeftButton)
    assert doc.persona(new_id).colour == "#123456"
    qtbot.mouseClick(personas.remove_button, Qt.MouseButton.LeftButton)  # no emotions: no question
    assert new_id not in [p.id for p in doc.personas]
    assert session.stack.count() == 5
    for _ in range(5):
        session.stack.undo()
    assert len(doc.personas) == 2


def test_removing_a_persona_with_a_curve_asks_first(personas, setup, prompts, qtbot):
    doc, session, _ = setup
    before = doc.content()
    personas.list.setCurrentRow(0)
    prompts.script("confirm", False)
    qtbot.mouseClick(personas.remove_button, Qt.MouseButton.LeftButton)
    assert len(doc.personas) == 2
    prompts.script("confirm", True)
    qtbot.mouseClick(personas.remove_button, Qt.MouseButton.LeftButton)
    assert len(doc.personas) == 1
    assert prompts.messages("confirm")[-1][0] == "Remove persona"
    session.stack.undo()
    assert doc.content() == before


def test_hiding_a_curve_is_an_undoable_edit(personas, setup):
    doc, session, _ = setup
    item = personas.list.item(1)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert doc.personas[1].visible is False
    assert session.stack.count() == 1
    session.stack.undo()
    assert doc.personas[1].visible is True
    assert personas.list.item(1).checkState() == Qt.CheckState.Checked


def test_photo_is_loaded_scaled_and_shown(personas, setup, prompts, tmp_path, qtbot):
    doc, session, _ = setup
    image = QImage(900, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / "face.png"
    image.save(str(path))
    prompts.script("open_file", path)
    qtbot.mouseClick(personas.photo_button, Qt.MouseButton.LeftButton)
    photo = doc.personas[0].photo
    stored = QImage.fromData(photo)
    assert max(stored.width(), stored.height()) == 512
    assert not personas.photo.pixmap().isNull()
    not_image = tmp_path / "notes.png"
    not_image.write_text("hello")
    prompts.script("open_file", not_image)
    qtbot.mouseClick(personas.photo_button, Qt.MouseButton.LeftButton)
    assert prompts.messages("warn")[-1][0] == "Cannot use that photo"
    assert session.stack.count() == 1


# -- find & filter --------------------------------------------------------------------------------


@pytest.fixture
def finder(setup, qtbot):
    doc, session, scene = setup
    panel = FindPanel(doc, scene)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_search_highlights_matching_cards(finder, setup, qtbot):
    doc, _, scene = setup
    assert scene.highlighted() is None
    qtbot.keyClicks(finder.search, "hurts")
    expected = {c.id for c in doc.cards() if "hurts" in c.text}
    assert scene.highlighted() == expected and len(expected) == 3
    assert finder.results.count() == 3
    finder.search.clear()
    assert scene.highlighted() is None


def test_filters_combine(finder, setup):
    doc, _, scene = setup
    finder.kind.setCurrentIndex(finder.kind.findData(CardKind.TOUCHPOINT))
    assert scene.highlighted() == {c.id for c in doc.cards() if c.kind == CardKind.TOUCHPOINT}
    persona = doc.personas[1]
    finder.persona.setCurrentIndex(finder.persona.findData(persona.id))
    felt = {card for (card, p) in doc.emotions() if p == persona.id}
    assert scene.highlighted() == {c.id for c in doc.cards() if c.kind == CardKind.TOUCHPOINT} & felt
    finder.clear()
    assert scene.highlighted() is None


def test_owner_filter_follows_the_map(finder, setup):
    from model import edits
    from model import ops

    doc, session, scene = setup
    card = doc.cards()[2]
    session.edit(edits.update(doc, ops.UpdateCard, card.id, {"owner": "Support"}))
    finder._later.timeout.emit()  # the settled-document refresh the event loop would run
    index = finder.owner.findData("Support")
    assert index > 0
    finder.owner.setCurrentIndex(index)
    assert scene.highlighted() == {card.id}


def test_owner_filter_whose_owner_is_gone_stops_dimming(finder, setup, qtbot):
    # Filtering by an owner, then changing that card's owner: the filter falls back to Any,
    # so every card must show at full strength again (the cards used to stay dimmed).
    from model import edits
    from model import ops

    doc, session, scene = setup
    card = doc.cards()[2]
    session.edit(edits.update(doc, ops.UpdateCard, card.id, {"owner": "Support"}))
    qtbot.waitUntil(lambda: finder.owner.findData("Support") > 0)
    finder.owner.setCurrentIndex(finder.owner.findData("Support"))
    assert scene.highlighted() == {card.id}
    session.edit(edits.update(doc, ops.UpdateCard, card.id, {"owner": "Sales"}))
    qtbot.waitUntil(lambda: finder.owner.findData("Support") < 0)
    assert finder.owner.currentData() is None
    qtbot.waitUntil(lambda: scene.highlighted() is None)
    assert finder.results.count() == 0


def test_clicking_a_result_selects_the_card(finder, setup, qtbot):
    doc, _, scene = setup
    qtbot.keyClicks(finder.search, "Decision hurts")
    item = finder.results.item(0)
    with qtbot.waitSignal(finder.card_activated):
        finder.results.itemClicked.emit(item)
    assert scene.selected_ids().cards == (item.data(Qt.ItemDataRole.UserRole),)


def test_refused_lane_kind_snaps_back(inspector, setup):
    doc, session, scene = setup
    lane = doc.lanes[0]  # holds cards: it cannot become an emotions lane
    scene.select("lane", [lane.id])
    holds = field(inspector.lane_page, "Holds")
    holds.setCurrentIndex(1)
    holds.activated.emit(1)
    assert doc.lane(lane.id).kind == lane.kind
    assert holds.currentIndex() == 0
    assert session.stack.count() == 0


def test_an_emotion_point_on_a_quote_card_names_it_without_doubled_quotes(inspector, setup):
    from model import ops

    doc, session, scene = setup
    card_id, persona_id = next(iter(doc.emotions()))
    doc.apply(ops.UpdateCard(card_id, {"text": '"Happy to be a reference"'}))
    scene.select("emotion", (card_id, persona_id))
    assert inspector.current_page() is inspector.emotion_page
    assert inspector.emotion_page.about.text().endswith(' at "Happy to be a reference"')


def test_adding_a_persona_keeps_the_card_inspector_and_the_history_whole(inspector, setup, prompts, qtbot):
    """Regression: after Personas › Add, clicking a card raised 'QDoubleSpinBox already deleted' from
    the old emotion rows' loaders, showed wrong 'feels' values, and later edits escaped the undo stack."""
    doc, session, scene = setup
    panel = PersonasPanel(session, scene, prompts)
    qtbot.addWidget(panel)
    first, second = doc.cards()[0], doc.cards()[3]
    ana = doc.personas[0]
    scene.select("card", [first.id])
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    new = doc.personas[-1]
    scene.select("card", [second.id])  # raised before the fix
    assert inspector.current_page() is inspector.card_page
    assert doc.emotion(second.id, ana.id) == 0.0 and doc.emotion(first.id, ana.id) == -1.0
    assert field(inspector.card_page, f"{ana.name} feels").value() == 0.0
    unset = field(inspector.card_page, f"{new.name} feels")
    assert unset.text() == "—"  # not 0.0: this persona feels nothing here yet
    scene.select("card", [first.id])
    assert field(inspector.card_page, f"{ana.name} feels").value() == -1.0  # not the previous card's value
    pushed = session.stack.count()
    spin = field(inspector.card_page, f"{new.name} feels")
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert doc.emotion(first.id, new.id) == -2.0
    assert session.stack.count() == pushed + 1  # the edit is on the stack, not only in the document
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert doc.emotion(first.id, new.id) == -1.5
    assert session.stack.count() == pushed + 1  # a run of nudges is one step, as a typing burst is
    while session.stack.canUndo():
        session.stack.undo()
    assert len(doc.personas) == 2 and doc.emotion(first.id, new.id) is None


def test_find_results_and_persona_tooltips_show_user_text_literally(setup, prompts, qtbot):
    """Qt renders a tooltip that looks like HTML as HTML: a card or role typed as markup must show as typed."""
    import html

    from model import ops

    doc, session, scene = setup
    card = doc.cards()[0]
    hostile = '<b>bold</b> & <img src="x"> "AT&T"'
    doc.apply(ops.UpdateCard(card.id, {"text": hostile}))
    doc.apply(ops.UpdatePersona(doc.personas[0].id, {"role": hostile}))
    find = FindPanel(doc, scene)
    qtbot.addWidget(find)
    find.search.setText("bold")
    find.apply()
    tip = find.results.item(0).toolTip()
    assert tip.startswith("<qt>") and html.unescape(tip[4:-5]) == hostile
    people = PersonasPanel(session, scene, prompts)
    qtbot.addWidget(people)
    tip = people.list.item(0).toolTip()
    assert html.unescape(tip[4:-5]) == hostile
