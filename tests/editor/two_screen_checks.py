"""Two screens: the map on the 1280×720 projector, the presenter view in the editor on the laptop.

Not collected by the suite on its own (its name does not start with test_):
test_presentation_screens.py runs it with pytest in a process whose offscreen
platform has a laptop screen and a projector screen (virtual_screens.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget

from canvas.decorations import Decoration
from canvas.legibility import PROJECTED_MIN_PX
from tests.canvas.samples import sample

from .conftest import map_file_at, panels_on_screen, window_on
from .painted_text import painted_text
from .virtual_screens import LAPTOP, PROJECTOR

K = Qt.Key


@pytest.fixture(autouse=True)
def two_screens(qapp):
    names = [screen.name() for screen in QGuiApplication.screens()]
    assert names == [LAPTOP["name"], PROJECTOR["name"]], "run through test_presentation_screens.py"


def screen_named(name: str):
    return next(s for s in QGuiApplication.screens() if s.name() == name)


@pytest.fixture
def editor(application, tmp_path, qtbot):
    win = window_on(application, qtbot, map_file_at(tmp_path / "Grocery.journey", sample().content()))
    assert win.screen() == screen_named(LAPTOP["name"])
    return win


@pytest.fixture
def presenting(editor, qtbot):
    editor.actions["view.present.steps"].trigger()
    presentation = editor.presentation()
    qtbot.waitExposed(presentation.window)
    return presentation


def test_the_map_goes_full_screen_on_the_projector_and_the_presenter_view_docks_in_the_editor(editor, presenting):
    window = presenting.window
    projector = screen_named(PROJECTOR["name"])
    assert presenting.screen() == projector and window.screen() == projector
    assert window.isFullScreen() and window.geometry() == projector.geometry()
    assert editor.screen() == screen_named(LAPTOP["name"]) and editor.isVisible()
    assert presenting.has_presenter_view()
    docks = [d for d in editor.findChildren(QDockWidget) if d.objectName() == "presenter_dock"]
    assert len(docks) == 1 and docks[0].isVisible()
    assert presenting.presenter.title_label.text() == editor.document.info.title


def test_no_text_under_14_px_on_a_1280_by_720_projector_in_any_part_of_the_map(presenting, qtbot):
    window = presenting.window
    assert window.view.viewport().width() == PROJECTOR["width"]
    smallest = []
    for part in range(window.part()[1]):
        window.go_to_part(part)
        texts = painted_text(window.view)
        smallest.append(min(texts))
    assert min(smallest)[0] >= PROJECTED_MIN_PX, min(smallest)
    # The banner too: title, prompt and part counter are widgets' fonts in pixels.
    for label in (window.title_label, window.prompt_label, window.part_label, window.timer_label):
        assert label.font().pixelSize() >= PROJECTED_MIN_PX
    # And the tour, stage by stage.
    presenting.start(tour=True)
    for _ in range(60):
        for size, text in painted_text(window.view):
            assert size >= PROJECTED_MIN_PX, (size, text)
        window.step(+1)


def test_the_presenter_view_shows_the_steps_notes_next_title_and_time(presenting):
    doc = presenting.document
    presenting.show_step("Pain points", "Where does it hurt?", Decoration(focus={doc.cards()[0].id}),
                         notes="Ask the support lead first.\n<b>not bold</b>", next_title="Dot voting")
    panel = presenting.presenter
    assert panel.title_label.text() == "Pain points" and panel.prompt_label.text() == "Where does it hurt?"
    assert panel.notes.toPlainText() == "Ask the support lead first.\n<b>not bold</b>"
    assert panel.next_label.text() == "Next: Dot voting"
    presenting.set_timer("01:30")
    assert panel.timer_label.text() == "01:30" and presenting.window.timer_label.text() == "01:30"
    presenting.set_timer("00:00", urgent=True)
    assert "C53030" in panel.timer_label.styleSheet()


def test_page_down_in_the_editor_moves_the_projector(editor, presenting, qtbot):
    window = presenting.window
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.view.setFocus()
    before = window.part()[0]
    qtbot.keyClick(editor.view, K.Key_PageDown)
    assert window.part()[0] == before + 1
    qtbot.keyClick(editor.view, K.Key_PageUp)
    with qtbot.waitSignal(presenting.step_requested) as asked:
        qtbot.keyClick(editor.view, K.Key_PageUp)
    assert asked.args == [-1]


def test_presenter_buttons_move_black_and_end(editor, presenting, qtbot):
    panel, window = presenting.presenter, presenting.window
    panel.next_button.click()
    assert window.part()[0] == 1
    panel.previous_button.click()
    assert window.part()[0] == 0
    panel.black_button.click()
    assert window.is_black()
    qtbot.keyClick(window, K.Key_B)
    assert not window.is_black() and not panel.black_button.isChecked()
    with qtbot.waitSignal(presenting.ended):
        panel.end_button.click()
    assert not [d for d in editor.findChildren(QDockWidget) if d.objectName() == "presenter_dock" and not d.isHidden()]


def test_how_to_join_the_room_on_the_projector_and_its_button_in_the_presenter_view(presenting, qtbot):
    """The interface the open room calls (no room here: nothing listens at the address)."""
    panel, window = presenting.presenter, presenting.window
    assert panel.room_button.isHidden() and not window.is_room_shown()  # no room
    presenting.show_room("http://192.0.2.7:8765/j/secret", "http://192.0.2.7:8765", "K7M2QX")
    corner = window.room_corner
    assert window.is_room_shown() and corner.code.text() == "K7M2QX"
    assert not panel.room_button.isHidden() and panel.room_button.isChecked()
    assert window.rect().contains(corner.geometry())  # in the 1280×720 projector's corner
    assert corner.qr.pixmap().height() >= 720 * 0.25
    panel.room_button.click()  # the facilitator's keyboard is on the laptop
    assert not window.is_room_shown()
    qtbot.keyClick(window, K.Key_Q)  # a keyboard on the projector's window does the same
    assert window.is_room_shown() and panel.room_button.isChecked()
    presenting.hide_room()
    assert not window.is_room_shown() and panel.room_button.isHidden()


def test_choosing_the_laptop_screen_fills_it_and_esc_returns_to_the_editor(editor, presenting, qtbot):
    laptop = screen_named(LAPTOP["name"])
    panel = presenting.presenter
    window = presenting.window
    parts_on_the_projector = window.part()[1]
    panel.screen_box.activated.emit(0)  # the list as the facilitator picks from it: Laptop first
    assert presenting.screen() == laptop and window.geometry() == laptop.geometry()
    assert not presenting.has_presenter_view()
    # Framed again for the bigger screen: fewer parts, the whole width of the screen used.
    qtbot.waitUntil(lambda: window.view.viewport().width() == LAPTOP["width"])
    assert window.part()[1] < parts_on_the_projector
    with qtbot.waitSignal(presenting.ended):
        qtbot.keyClick(window, K.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)


def test_ending_gives_the_editors_panels_back_their_places_and_sizes(editor, qtbot):
    """The presenter view docks beside the inspector; widened to read the notes, it takes the inspector's
    column with it. When the presentation ends, every panel is as the facilitator left it."""
    before = panels_on_screen(editor)
    assert {"overview_dock", "find_dock", "inspector_dock"} <= set(before)
    editor.actions["view.present.steps"].trigger()
    presenting = editor.presentation()
    qtbot.waitExposed(presenting.window)
    dock = presenting.presenter_dock
    editor.resizeDocks([dock], [before["inspector_dock"][2] + 160], Qt.Orientation.Horizontal)
    editor.resizeDocks([dock], [480], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: panels_on_screen(editor)["inspector_dock"][2] > before["inspector_dock"][2])
    with qtbot.waitSignal(presenting.ended):
        presenting.presenter.end_button.click()
    assert panels_on_screen(editor) == before


def test_the_tour_tells_the_presenter_the_stage_and_the_next_one(presenting):
    doc = presenting.document
    presenting.start(tour=True)
    panel = presenting.presenter
    assert panel.title_label.text() == doc.stages[0].name
    assert panel.notes.toPlainText().startswith(f"Stage 1 of {len(doc.stages)}.")
    assert panel.next_label.text() == f"Next: {doc.stages[1].name}"


def test_closing_the_map_closes_the_projector(editor, presenting, qtbot):
    window = presenting.window
    with qtbot.waitSignal(presenting.ended):
        editor.close()
    assert not window.isVisible()


def scale_label_rect(window, value: float):
    """Where the Emotions lane's scale label for `value` is drawn (scene units): its lane header pins it left."""
    scale = window.scene.layout().scales[0]
    y = next(tick_y for tick_value, tick_y, _label in scale.ticks if tick_value == value)
    pinned = window.scene.lane_item(scale.lane_id).scenePos().x()
    return QRectF(pinned + scale.labels.x, y - 8.0, scale.labels.w, 16.0)  # as the lane header draws it


def under_the_headers(window):
    """The part of the map the room sees: the viewport less the pinned stage headers (scene units)."""
    area = window.visible_area()
    return area.adjusted(0.0, window.scene.layout().corner.h, 0.0, 0.0)


def check_delighted_shown_whole_or_not_at_all(window) -> int:
    """In every part: the Emotions lane's top is never under the stage headers; where its scale shows,
    "Delighted" does. How many parts show it."""
    lane = window.scene.layout().lane_index[window.scene.layout().scales[0].lane_id].row
    shown = 0
    for part in range(window.part()[1]):
        window.go_to_part(part)
        seen = under_the_headers(window)
        assert not lane.y + 0.5 < seen.top() < lane.bottom - 0.5, (part, seen, lane)
        if lane.y < seen.bottom() - 30 and lane.bottom > seen.top() + 0.5:  # the lane is on screen, its scale's top too
            label = scale_label_rect(window, 2.0)
            assert seen.contains(label), (part, seen, label)
            shown += 1
    return shown


def test_the_emotions_lane_is_never_cut_under_the_stage_headers_on_the_projector(editor, presenting):
    """A 1280×720 projector shows the whole map in parts: none hides the scale's top ("Delighted") under the
    stage headers, in the whole map, a step focused on the pain points under it, or a tour."""
    from model.workshop_plans import apply_plan

    window = presenting.window
    assert window.view.viewport().width() == PROJECTOR["width"]
    scale = window.scene.layout().scales[0]
    assert scale.ticks[-1][2] == "Delighted"
    assert check_delighted_shown_whole_or_not_at_all(window) >= 1
    doc = editor.document
    editor.session.edit(apply_plan(doc, "as-is-90"))
    controller = editor.workshop.controller
    controller.start()
    while controller.current_step().title != "What they think, and what hurts":
        controller.next()
    assert window.part()[0] == 0 and window.title_label.text() == "What they think, and what hurts"
    assert under_the_headers(window).contains(scale_label_rect(window, 2.0))  # the first framing
    assert check_delighted_shown_whole_or_not_at_all(window) >= 1
    presenting.start(tour=True)
    for _stage in doc.stages:
        check_delighted_shown_whole_or_not_at_all(window)
        window.step(+1)
