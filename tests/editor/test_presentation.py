"""The projector on one screen (the offscreen platform's single 800×800 screen): the presentation
fills it, clicker keys move, B blacks, +/− zoom, Esc returns to the editor; a stage-by-stage tour.
Two screens (presenter view, the 1280×720 projector) are in test_presentation_screens.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from canvas import style
from canvas.decorations import FIND, INSIGHTS, WORKSHOP, Decoration
from canvas.legibility import PROJECTED_MIN_PX, legible_zoom
from canvas.selection import EMPTY
from model import ops
from model.domain import Card
from tests.canvas.samples import sample

from .conftest import map_file_at, panels_on_screen, window_on
from .painted_text import painted_text

K = Qt.Key


@pytest.fixture
def editor(application, tmp_path, qtbot):
    return window_on(application, qtbot, map_file_at(tmp_path / "Grocery.journey", sample().content()))


def present(editor, qtbot, *, tour: bool = False):
    editor.actions["view.present.tour" if tour else "view.present.steps"].trigger()
    presentation = editor.presentation()
    window = presentation.window
    qtbot.waitExposed(window)
    return presentation, window


def visible_cards(window) -> set[str]:
    area = window.visible_area()
    layout = window.scene.layout()
    return {card_id for card_id, box in layout.cards.items()
            if not box.hidden and area.contains(box.rect.x + box.rect.w / 2, box.rect.y + box.rect.h / 2)}


def test_present_fills_the_only_screen_with_the_same_map_and_esc_returns_to_the_editor(editor, qtbot):
    presentation, window = present(editor, qtbot)
    screen = QGuiApplication.primaryScreen()
    assert window.isFullScreen() and window.screen() == screen
    assert window.geometry() == screen.geometry()
    assert not presentation.has_presenter_view()  # one screen: nothing to put it on
    # A second view of the same document, with the editor window's one selection.
    assert window.scene is not editor.scene and window.scene.document is editor.document
    assert window.scene.selection_model is editor.selection
    assert window.title_label.text() == editor.document.info.title
    assert editor.actions["view.present.end"].isEnabled()
    with qtbot.waitSignal(presentation.ended):
        qtbot.keyClick(window, K.Key_Escape)
    assert not presentation.is_running() and not window.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    assert not editor.actions["view.present.end"].isEnabled()


def test_no_text_on_the_projector_is_smaller_than_14_px_at_its_default_zoom(editor, qtbot):
    _presentation, window = present(editor, qtbot)
    assert window.view.zoom_factor() >= legible_zoom(window.scene)
    texts = painted_text(window.view)
    sizes = [size for size, _text in texts]
    assert len(texts) > 20 and min(sizes) >= PROJECTED_MIN_PX, sorted(texts)[:3]
    # The small kinds of text were on screen and measured: a card's owner and a KPI badge.
    assert {"Marketing", "Conversion 12 → 20 %"} & {text for _size, text in texts}


def test_a_step_frames_its_focus_dims_the_rest_and_shows_title_and_prompt(editor, qtbot):
    presentation, window = present(editor, qtbot)
    doc = editor.document
    pains = frozenset(c.id for c in doc.cards() if c.kind.value == "pain_point")
    presentation.show_step("Where does it hurt?", "Add the pain points you heard", Decoration(focus=pains),
                           notes="Give them 5 minutes", next_title="Vote")
    assert window.title_label.text() == "Where does it hurt?"
    assert window.prompt_label.text() == "Add the pain points you heard"
    assert window.scene.highlighted() == pains
    # Too wide for the screen at a legible zoom: shown in parts, which together show every focused card.
    seen = set()
    for part in range(window.part()[1]):
        window.go_to_part(part)
        seen |= visible_cards(window)
    assert pains <= seen and window.part()[1] > 1
    other = next(c.id for c in doc.cards() if c.id not in pains)
    assert window.scene.card_item(other).opacity() < 1.0
    assert window.view.zoom_factor() >= legible_zoom(window.scene)
    # The editor's canvas is not the projector's: the step's focus there is the run's business.
    assert editor.scene.decoration(WORKSHOP) is None


def test_clicker_keys_walk_the_parts_then_ask_the_run_for_the_next_or_previous_step(editor, qtbot):
    presentation, window = present(editor, qtbot)
    index, count = window.part()
    assert (index, count) == (0, count) and count > 2  # the whole map does not fit at a legible zoom
    first_view = window.visible_area()
    qtbot.keyClick(window, K.Key_Right)
    assert window.part()[0] == 1 and window.visible_area() != first_view
    qtbot.keyClick(window, K.Key_PageDown)
    qtbot.keyClick(window, K.Key_Down)
    assert window.part()[0] == 3
    qtbot.keyClick(window, K.Key_Up)
    qtbot.keyClick(window, K.Key_PageUp)
    qtbot.keyClick(window, K.Key_Left)
    assert window.part()[0] == 0
    with qtbot.waitSignal(presentation.step_requested) as asked:
        qtbot.keyClick(window, K.Key_PageUp)
    assert asked.args == [-1]
    window.go_to_part(-1)
    with qtbot.waitSignal(presentation.step_requested) as asked:
        qtbot.keyClick(window, K.Key_PageDown)
    assert asked.args == [+1]
    assert window.part()[0] == count - 1  # nothing moved until the run shows the next step


def test_a_run_answers_step_requests_with_the_next_step(editor, qtbot):
    """How the workshop run will drive it: step_requested in, show_step and set_timer out."""
    presentation, window = present(editor, qtbot)
    doc = editor.document
    steps = [("Warm-up", "Who are we mapping for?", None),
             ("Actions", "What does the customer do?", Decoration(focus={c.id for c in doc.cards()[:2]}))]
    at = [0]

    def on_step_requested(delta: int) -> None:
        at[0] = max(0, min(len(steps) - 1, at[0] + delta))
        presentation.show_step(*steps[at[0]])

    presentation.step_requested.connect(on_step_requested)
    presentation.show_step(*steps[0])
    window.go_to_part(-1)
    qtbot.keyClick(window, K.Key_Right)
    assert window.title_label.text() == "Actions" and window.part() == (0, 1)
    presentation.set_timer("04:59")
    assert window.timer_label.isVisible() and window.timer_label.text() == "04:59"
    assert window.timer_label.property("urgent") is False
    presentation.set_timer("00:00", urgent=True)
    assert window.timer_label.property("urgent") is True
    presentation.set_timer("")
    assert not window.timer_label.isVisible()


def test_b_blacks_the_screen_and_back_and_plus_minus_zoom(editor, qtbot):
    _presentation, window = present(editor, qtbot)
    with qtbot.waitSignal(window.black_changed) as blacked:
        qtbot.keyClick(window, K.Key_B)
    assert blacked.args == [True]
    assert window.black.isVisible() and window.black.geometry() == window.rect()
    assert window.childAt(window.rect().center()) is window.black
    qtbot.keyClick(window, K.Key_B)
    assert not window.is_black()
    qtbot.keyClick(window, K.Key_Period)
    assert window.is_black()
    qtbot.keyClick(window, K.Key_Period)
    zoom = window.view.zoom_factor()
    qtbot.keyClick(window, K.Key_Plus)
    assert window.view.zoom_factor() == pytest.approx(zoom * 1.25)
    qtbot.keyClick(window, K.Key_Minus)
    qtbot.keyClick(window, K.Key_Minus)
    assert window.view.zoom_factor() == pytest.approx(zoom / 1.25)


def test_the_room_never_sees_the_editors_selection(editor, qtbot):
    """The projector shares the editor's selection (a tour starts at the selected stage) but draws none of it:
    selecting cards, a cell, a stage, a lane, a connection or an emotion point leaves its pixels as they were."""
    _presentation, window = present(editor, qtbot)
    doc = editor.document
    first, second = doc.cards()[0].id, doc.cards()[1].id
    assert {first, second} <= visible_cards(window)
    before = window.view.viewport().grab().toImage()
    persona = doc.personas[0].id
    selections = [("cards", [first, second]), ("cell", [doc.stages[1].id, doc.lanes[0].id]),
                  ("stages", [doc.stages[0].id]), ("lanes", [doc.lanes[0].id]),
                  ("connections", [doc.connections[0].id]), ("emotion", next(
                      (card.id, persona) for card in doc.cards() if doc.emotion(card.id, persona) is not None))]
    for kind, ids in selections:
        editor.scene.select(kind, ids)
        assert window.scene.selected_ids() == editor.scene.selected_ids() != EMPTY  # one selection, shared
        assert window.view.viewport().grab().toImage() == before, kind
    editor.scene.select("cards", [first])
    assert editor.scene.card_item(first).selected_look() and not window.scene.card_item(first).selected_look()


def test_a_selection_made_before_presenting_is_not_drawn_on_the_projector_either(editor, qtbot):
    doc = editor.document
    editor.scene.select("cards", [doc.cards()[0].id, doc.cards()[1].id])
    editor.scene.select("stages", [doc.stages[0].id])  # the tour starts there
    _presentation, window = present(editor, qtbot, tour=True)
    with_selection = window.view.viewport().grab().toImage()
    editor.scene.clear_selection()
    assert window.view.viewport().grab().toImage() == with_selection


def test_ending_a_presentation_gives_the_editors_panels_back_their_places_and_sizes(editor, qtbot):
    """One screen: the window manager resized the covered editor and gave its size back (a work area that
    changed under the full-screen window); the panels are as the facilitator left them, to the pixel."""
    before = panels_on_screen(editor)
    assert {"overview_dock", "find_dock", "inspector_dock"} <= set(before)
    size = editor.size()
    presentation, window = present(editor, qtbot)
    editor.resize(size.width() - 110, size.height() - 120)
    qtbot.waitUntil(lambda: panels_on_screen(editor) != before)
    editor.resize(size)
    with qtbot.waitSignal(presentation.ended):
        qtbot.keyClick(window, K.Key_Escape)
    assert editor.size() == size and panels_on_screen(editor) == before


def test_a_panel_opened_or_brought_forward_while_presenting_stays_so(editor, qtbot):
    presentation, window = present(editor, qtbot)
    editor.docks["matrix"].show()
    editor.docks["history"].raise_()  # the tab in front of Find
    run_bar_shown = editor.workshop.run_bar.isVisible()
    with qtbot.waitSignal(presentation.ended):
        qtbot.keyClick(window, K.Key_Escape)
    assert editor.docks["matrix"].isVisible() and editor.workshop.run_bar.isVisible() == run_bar_shown
    qtbot.waitUntil(lambda: not editor.docks["history"].visibleRegion().isEmpty())
    assert editor.docks["find"].visibleRegion().isEmpty()


def test_the_editors_decorations_show_on_the_projector(editor, qtbot):
    _presentation, window = present(editor, qtbot)
    card = editor.document.cards()[0].id
    editor.scene.set_decoration(FIND, Decoration(focus={card}))
    assert window.scene.highlighted() == {card}
    editor.scene.set_decoration(INSIGHTS, Decoration(marks={card: "#D69E2E"}))
    assert window.scene.decoration(INSIGHTS) == editor.scene.decoration(INSIGHTS)
    editor.scene.set_decoration(FIND, None)
    assert window.scene.highlighted() is None


def test_decorations_set_before_presenting_are_shown_too(editor, qtbot):
    card = editor.document.cards()[0].id
    editor.scene.set_decoration(FIND, Decoration(focus={card}))
    _presentation, window = present(editor, qtbot)
    assert window.scene.highlighted() == {card}


def test_an_edit_in_the_editor_appears_on_the_projector(editor, qtbot):
    _presentation, window = present(editor, qtbot)
    doc = editor.document
    card = Card(doc.stages[0].id, doc.lanes[0].id, "Added during the workshop")
    editor.session.edit(ops.AddCard(card))
    assert window.scene.card_item(card.id).card.text == "Added during the workshop"
    qtbot.waitUntil(lambda: window.part()[1] >= 1)


def test_user_text_in_the_banner_is_shown_literally(editor, qtbot):
    from tests.hostile.corpus import hostile_texts

    presentation, window = present(editor, qtbot)
    for text in [*hostile_texts()[:40], "<b>bold</b> &amp; <img src=x>"]:
        presentation.show_step(text, text)
        for label in (window.title_label, window.prompt_label):
            assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == text


def test_tour_frames_each_stage_with_its_cards_kpis_and_curve(editor, qtbot):
    presentation, window = present(editor, qtbot, tour=True)
    doc = editor.document
    assert presentation.is_tour()
    stage = doc.stages[0]
    assert window.title_label.text() == f"1. {stage.name}"
    assert window.prompt_label.text().startswith(stage.goal)
    column = window.scene.layout().stage_index[stage.id].column
    seen = window.visible_area()
    assert seen.left() <= column.x and column.right <= seen.right()  # the stage's whole width
    stage_cards = {c.id for c in doc.cards() if c.stage_id == stage.id}
    assert window.scene.highlighted() == stage_cards
    # Walk: through the stage's parts, then the next stage; the run is never asked for a step.
    with qtbot.assertNotEmitted(presentation.step_requested):
        for _ in range(window.part()[1]):
            qtbot.keyClick(window, K.Key_Right)
        assert window.title_label.text() == f"2. {doc.stages[1].name}"
        kpis = [k for k in doc.kpis if k.stage_id == doc.stages[1].id]
        assert kpis and kpis[0].name in window.prompt_label.text()
        qtbot.keyClick(window, K.Key_Left)  # back into the first stage, at its last part
        assert window.title_label.text() == f"1. {stage.name}"
        assert window.part()[0] == window.part()[1] - 1
        for _ in range(60):  # far past the end: stays on the last stage
            qtbot.keyClick(window, K.Key_PageDown)
    assert window.title_label.text() == f"{len(doc.stages)}. {doc.stages[-1].name}"


def test_tour_starts_at_the_stage_selected_in_the_editor(editor, qtbot):
    stage = editor.document.stages[2]
    editor.scene.select("stages", [stage.id])
    _presentation, window = present(editor, qtbot, tour=True)
    assert window.title_label.text() == f"3. {stage.name}"


def test_switching_between_steps_and_tour_keeps_one_window(editor, qtbot):
    presentation, window = present(editor, qtbot)
    presentation.show_step("Vote", "Three dots each")
    editor.actions["view.present.tour"].trigger()
    assert presentation.window is window and window.title_label.text().startswith("1. ")
    editor.actions["view.present.steps"].trigger()
    assert presentation.window is window and window.title_label.text() == "Vote"


def test_closing_the_map_closes_its_presentation(editor, qtbot):
    presentation, window = present(editor, qtbot)
    with qtbot.waitSignal(presentation.ended):
        editor.close()
    assert not window.isVisible() and not presentation.is_running()


def test_the_window_manager_closing_the_presentation_ends_it(editor, qtbot):
    presentation, window = present(editor, qtbot)
    with qtbot.waitSignal(presentation.ended):
        window.close()
    present(editor, qtbot)  # and it opens again
    assert presentation.is_running() and presentation.window is not window


def test_the_projector_follows_the_theme(editor, qtbot):
    _presentation, window = present(editor, qtbot)
    editor.set_theme("dark")
    assert window.view.backgroundBrush().color() == style.colour(style.current().background)
    editor.set_theme("light")
    assert window.view.backgroundBrush().color() == style.colour(style.current().background)


def test_presenting_is_view_state_never_an_edit(editor, qtbot):
    before = editor.document.content()
    presentation, window = present(editor, qtbot, tour=True)
    for key in (K.Key_Right, K.Key_B, K.Key_B, K.Key_Plus, K.Key_Left):
        qtbot.keyClick(window, key)
    presentation.end()
    assert editor.stack.count() == 0 and editor.document.content() == before


def test_the_projector_sharing_the_editors_layout_engine_draws_exactly_what_a_scene_of_its_own_would(editor, qtbot):
    """The projector's scene lays out with the editor's engine (opened in a third of the time): after
    every edit and undo, each of its items holds what a fresh scene's item holds."""
    from canvas.scene import MapScene

    _presentation, window = present(editor, qtbot)
    doc = editor.document
    cards = doc.cards()
    first, second, third = cards[0], cards[1], cards[5]
    lane = doc.lanes[0]

    def check() -> None:
        fresh = MapScene(doc)
        try:
            assert window.scene.layout() == fresh.layout()
            for card_id, item in fresh.sync.cards.items():
                mine = window.scene.card_item(card_id)
                assert (mine.box, mine.card, mine.pos(), mine.isVisible()) == (
                    item.box, item.card, item.pos(), item.isVisible())
            assert set(window.scene.sync.cards) == set(fresh.sync.cards)
            for stage_id, item in fresh.sync.stages.items():
                assert window.scene.stage_item(stage_id).box == item.box
        finally:
            fresh.close()

    edits = [
        ops.UpdateCard(first.id, {"text": first.text + " and then a much longer tail that wraps onto more lines"}),
        ops.UpdateCard(second.id, {"colour": "green"}),
        ops.UpdateCard(second.id, {"owner": "Sales ops"}),
        ops.MoveCard(third.id, doc.stages[0].id, lane.id, 0),
        ops.RemoveCard(cards[3].id),
        ops.AddCard(Card(doc.stages[4].id, lane.id, "New in the workshop")),
        ops.UpdateStage(doc.stages[1].id, {"width": 520.0}),
        ops.UpdateLane(doc.lanes[1].id, {"collapsed": True}),
    ]
    for op in edits:
        assert editor.session.edit(op)
        check()
    for _ in edits:
        editor.stack.undo()
        check()
    for _ in edits:
        editor.stack.redo()
        check()


def test_help_lists_the_presentation_keys(editor):
    from editor.help_dialogs import shortcut_rows

    rows = dict((text, keys) for keys, text in shortcut_rows(editor.actions))
    assert rows["View › Present › Present to the Room"] == "F5"
    assert rows["View › Present › Stage-by-Stage Tour"] == "Shift+F5"
    assert rows["Black screen, and back"] == "B or . (presenting)"


def test_a_longer_prompt_takes_room_from_the_map_and_the_focus_is_framed_in_what_is_left(editor, qtbot):
    presentation, window = present(editor, qtbot)
    doc = editor.document
    card = doc.cards()[-1]
    focus = Decoration(focus={card.id})
    presentation.show_step("One card", "Short", focus)
    short_height = window.view.viewport().height()
    long_prompt = "\n".join(f"Line {i} of a prompt that goes on" for i in range(3))
    presentation.show_step("One card", long_prompt, focus)
    assert window.view.viewport().height() < short_height
    box = window.scene.layout().cards[card.id].rect
    seen = window.visible_area()
    assert seen.top() <= box.y and box.bottom <= seen.bottom() and seen.left() <= box.x and box.right <= seen.right()


def test_a_huge_prompt_never_pushes_the_map_off_the_screen(editor, qtbot):
    presentation, window = present(editor, qtbot)
    presentation.show_step("T " * 400, "A very long prompt. " * 2000)
    assert window.view.viewport().height() > window.height() / 2


def test_an_empty_map_presents_and_tours_without_fuss(application, tmp_path, qtbot):
    from model.document import Document

    editor = window_on(application, qtbot, map_file_at(tmp_path / "Empty.journey", Document().content()))
    presentation, window = present(editor, qtbot)
    assert window.part() == (0, 1)
    with qtbot.waitSignal(presentation.step_requested):
        qtbot.keyClick(window, K.Key_Right)
    presentation.start(tour=True)
    assert window.prompt_label.text() == "This map has no stages to tour yet."
    with qtbot.assertNotEmitted(presentation.step_requested):
        qtbot.keyClick(window, K.Key_Right)
    with qtbot.waitSignal(presentation.ended):
        qtbot.keyClick(window, K.Key_Escape)


def test_the_workshop_run_drives_the_projector_and_its_clicker_moves_the_run(editor, qtbot):
    """The real run (editor/workshop_controller.py) and the real projector, linked by the window."""
    from model.workshop import add_step
    from model.workshop_domain import Activity, WorkshopStep

    doc = editor.document
    lane = next(l for l in doc.lanes if l.takes_cards)
    for step in (WorkshopStep("Welcome", Activity.INTRODUCE, 5, prompt="Who is in the room?"),
                 WorkshopStep("Capture", minutes=20, focus_lanes=(lane.id,), notes="Walk the room")):
        editor.session.edit(add_step(doc, step))
    controller = editor.workshop.controller
    controller.start()
    presentation, window = present(editor, qtbot)
    assert window.title_label.text() == "Welcome" and window.prompt_label.text() == "Who is in the room?"
    assert window.timer_label.isVisible() and window.timer_label.text() == controller.time_text()
    presentation.step_requested.emit(+1)  # the clicker past the last part of the step
    assert controller.current_step().title == "Capture"
    assert window.title_label.text() == "Capture"
    assert window.scene.decoration(WORKSHOP) is not None  # the step's focus lights the projector too
    presentation.step_requested.emit(-1)
    assert controller.current_step().title == "Welcome" and window.title_label.text() == "Welcome"



def test_a_revealed_vote_shows_on_the_projector_but_never_a_ballot_in_the_booth(editor, qtbot):
    from model import voting
    from model.domain import Participant, VotingSession

    doc = editor.document
    session = VotingSession("Fix first", current=True, revealed=True)
    editor.session.edit(voting.add_session(doc, session))
    first, second = doc.cards()[0].id, doc.cards()[1].id
    editor.session.edit(voting.set_wall_total(doc, session.id, first, 4))
    _presentation, window = present(editor, qtbot)  # presented after the reveal: shown at once
    assert dict(window.scene.vote_badges.badges.counts) == {first: 4}
    editor.session.edit(voting.set_wall_total(doc, session.id, second, 2))
    assert dict(window.scene.vote_badges.badges.counts) == {first: 4, second: 2}
    assert window.scene.vote_badges.badges.heat

    editor.session.edit(ops.AddItem(Participant("Ana")))
    editor.session.edit(voting.reveal(doc, session.id, False))
    assert window.scene.vote_badges.badges is None  # hidden in the editor, hidden on the projector
    booth = editor.voting.open_booth()
    booth.choose(doc.items("participant")[0].id)
    assert booth.click(second)
    assert dict(editor.scene.vote_badges.badges.counts) == {second: 1}  # Ana sees her ballot
    assert not editor.scene.vote_badges.badges.heat
    assert window.scene.vote_badges.badges is None  # the room never does
    booth.close()


def test_a_rating_step_frames_the_emotions_lane_with_its_touchpoints(editor, qtbot):
    """Seen playing the as-is plan: 'How they feel' framed the touchpoints and cut the curves off below."""
    from model.domain import LaneKind
    from model.workshop import add_step
    from model.workshop_domain import Activity, WorkshopStep

    doc = editor.document
    lane = next(l for l in doc.lanes if l.takes_cards)
    emotions = next(l for l in doc.lanes if l.kind == LaneKind.EMOTIONS)
    editor.session.edit(add_step(doc, WorkshopStep("How they feel", Activity.RATE_EMOTIONS, 10,
                                                   focus_stages=(doc.stages[0].id,), focus_lanes=(lane.id,))))
    editor.workshop.controller.start()
    _presentation, window = present(editor, qtbot)
    row = window.scene.layout().lane_index[emotions.id].row
    area = window.framed_area()
    assert area.y <= row.y and area.bottom >= row.bottom  # the whole lane, scale labels and curves
    stage = window.scene.layout().stage_index[doc.stages[0].id].column
    assert area.x >= stage.x and area.right <= stage.right  # still only the step's stage
