"""Presentation: one map's projector, as the editor window and a workshop run drive it.

How a workshop run drives it (its whole input interface):

    presentation = main_window.presentation()
    presentation.started.connect(...)          # opened: show the current step now
    presentation.step_requested.connect(...)   # the clicker asked for the next (+1) / previous (−1) step
    presentation.show_step(title, prompt, focus, notes=..., next_title=..., lanes=...)
    presentation.set_timer("12:30", urgent=False)

And how the workshop room is joined, while it is open (editor/room/window_room.py):

    presentation.show_room(join_url, address, code)   # the room opened: its corner on the projector
    presentation.hide_room()                           # the room closed

`focus` is the step's canvas.decorations.Decoration (its cards at full
strength, the rest dimmed; None for the whole map); `lanes` are lanes the room
must see whole beside those cards (a rating step's Emotions lanes). The projector frames it;
when it is larger than the screen at a legible zoom, the clicker's "next"
first walks through its parts and only then asks for the next step.
Without a run, "Present" shows the map's title and description over the
whole map. A tour (`start(tour=True)`) moves from stage to stage by itself
and never asks for steps.

With two screens the map goes full screen on the other screen (the
projector) and a Presenter panel docks in the editor window: the step, the
time, the notes, the next step, and Page Up / Page Down work from the editor
too. With one screen the presentation fills it and Esc returns to the editor.
Closing the map window ends its presentation; ending it gives the editor's
panels back the places and sizes they had when it started. The room's corner
(a QR code of the join address, the address and the room code) shows whenever
a presentation runs while the room is open; Q on the projector, or the
presenter view's button, hides it and brings it back.

What the editor's canvas shows over the map follows on the projector: its
decoration layers (find, insights, comparison…) and a revealed vote's badges
and heat — never a participant's ballot in the voting booth.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow

from canvas.decorations import LAYERS, WORKSHOP, Decoration
from model.tour import TourStop, tour_stops

from ..window_layout import restore_layout
from .presenter import PresenterPanel
from .screens import choose_screen
from .window import PresentationWindow


class Presentation(QObject):
    step_requested = Signal(int)  # +1 / −1: the clicker moved past the current step's last / first part
    started = Signal()
    ended = Signal()

    def __init__(self, host: QMainWindow, document, selection, source_scene, *, theme_changed=None,
                 screens=QGuiApplication.screens) -> None:
        super().__init__(host)
        self.host = host
        self.document = document
        self.selection = selection
        self.source_scene = source_scene  # the editor's scene: its decoration layers show on the projector too
        self._theme_changed = theme_changed
        self._screens = screens
        self.window: PresentationWindow | None = None
        self.presenter: PresenterPanel | None = None
        self.presenter_dock: QDockWidget | None = None
        self._shortcuts: list[QShortcut] = []
        self._screen = None  # the screen the room sees
        self._chosen = None  # the screen the facilitator picked (else the one that is not the editor's)
        self._tour = False
        self._stop = 0  # the tour's current stage (index)
        self._step: tuple[str, str, Decoration | None, str, str, tuple[str, ...]] | None = None  # the last show_step()
        self._timer = ("", False)
        self._room: tuple[str, str, str] | None = None  # the last show_room(), until hide_room()
        self._editor_layout = None  # the editor's panels as the facilitator left them to present

    # -- state ------------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.window is not None

    def is_tour(self) -> bool:
        return self.is_running() and self._tour

    def screen(self):
        """The screen the room sees, while running."""
        return self._screen if self.is_running() else None

    def has_presenter_view(self) -> bool:
        return self.presenter_dock is not None and not self.presenter_dock.isHidden()

    # -- starting and ending ------------------------------------------------------------------------

    def start(self, *, tour: bool = False, screen=None) -> None:
        """Open the presentation (or switch an open one between steps and tour) on `screen`, by default
        the screen the editor is not on."""
        if screen is not None:
            self._chosen = screen
        first = self.window is None
        if first:
            self._editor_layout = self.host.saveState()  # given back when the presentation ends
            # The editor's layout engine: the map is laid out once for both views of it.
            self.window = PresentationWindow(self.document, self.selection,
                                             layout_engine=self.source_scene.layout_engine())
            self.window.moved.connect(self._on_window_moved)
            self.window.exit_requested.connect(self.end)
            self.window.closed.connect(self._on_window_closed)
            self.window.black_changed.connect(self._on_window_black_changed)
            self.window.room_shown_changed.connect(self._on_window_room_shown_changed)
            if self._room is not None:
                self.window.show_room(*self._room)
            self.source_scene.decoration_changed.connect(self._on_source_decoration_changed)
            for name in LAYERS:
                self._on_source_decoration_changed(name)
            self.source_scene.vote_badges_changed.connect(self._on_source_badges_changed)
            self._on_source_badges_changed()
            if self._theme_changed is not None:
                self._theme_changed.connect(self.window.view.repaint_theme)
            QGuiApplication.instance().screenRemoved.connect(self._on_screens_changed)
            QGuiApplication.instance().screenAdded.connect(self._on_screens_changed)
        self._tour = tour
        self._place()
        if tour:
            self._stop = self._current_stop_index()
            self._show_stop()
        else:
            self._show_current_step()
        self.window.set_timer(*self._timer)
        if first:
            self.started.emit()

    def end(self) -> None:
        """Close the presentation and return to the editor (nothing happens when none is open)."""
        if self.window is not None:
            self.window.close()  # its closed signal does the rest

    def _on_window_closed(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        self.source_scene.decoration_changed.disconnect(self._on_source_decoration_changed)
        self.source_scene.vote_badges_changed.disconnect(self._on_source_badges_changed)
        if self._theme_changed is not None:
            self._theme_changed.disconnect(window.view.repaint_theme)
        QGuiApplication.instance().screenRemoved.disconnect(self._on_screens_changed)
        QGuiApplication.instance().screenAdded.disconnect(self._on_screens_changed)
        self._remove_presenter()
        restore_layout(self.host, self._editor_layout)
        window.deleteLater()
        self.host.activateWindow()
        self.host.raise_()
        self.ended.emit()

    # -- the input interface of a workshop run ------------------------------------------------------

    def show_step(self, title: str, prompt: str, focus: Decoration | None = None, *, notes: str = "",
                  next_title: str = "", lanes: tuple[str, ...] = ()) -> None:
        """The step the room works on now: shown on the projector (when steps, not a tour, are shown),
        framed on `focus`'s cards and the `lanes` beside them, with its facilitator `notes` and the
        `next_title` in the presenter view."""
        self._step = (title, prompt, focus, notes, next_title, lanes)
        if self.window is not None and not self._tour:
            self._show_current_step()

    def set_timer(self, text: str, urgent: bool = False) -> None:
        """The time left ("12:30"; "" hides it); `urgent` shows it red."""
        self._timer = (text, urgent)
        if self.window is not None:
            self.window.set_timer(text, urgent)
        if self.presenter is not None:
            self.presenter.set_timer(text, urgent)

    def show_room(self, join_url: str, address: str, code: str) -> None:
        """The room is open: the projector's corner shows a QR code of `join_url`, the `address` and the room
        `code`, now and in every presentation started until hide_room()."""
        self._room = (join_url, address, code)
        if self.window is not None:
            self.window.show_room(*self._room)
        self._update_presenter_room()

    def hide_room(self) -> None:
        """The room closed: its corner leaves the projector."""
        self._room = None
        if self.window is not None:
            self.window.hide_room()
        self._update_presenter_room()

    def move(self, delta: int) -> None:
        """What the clicker's next (+1) or previous (−1) does: the next part of what is shown, then
        the next step (asked of the run) or the next stage of a tour."""
        if self.window is not None:
            self.window.step(delta)

    def toggle_black(self) -> None:
        if self.window is not None:
            self.window.set_black(not self.window.is_black())

    # -- what is shown ---------------------------------------------------------------------------------

    def _show_current_step(self) -> None:
        if self._step is None:
            info = self.document.info
            title, prompt, focus, notes, next_title, lanes = info.title, info.description, None, "", "", ()
        else:
            title, prompt, focus, notes, next_title, lanes = self._step
        self.window.show_step(title, prompt, focus, lanes)
        if self.presenter is not None:
            self.presenter.set_now(title, prompt, notes)
            self.presenter.set_next(next_title)

    def _current_stop_index(self) -> int:
        """Start a tour at the stage selected in the editor, else at the first."""
        selected = self.selection.current().stages
        ids = [stage.id for stage in self.document.stages]
        return ids.index(selected[0]) if selected and selected[0] in ids else 0

    def _show_stop(self) -> None:
        stops = tour_stops(self.document)
        if not stops:
            info = self.document.info
            self.window.show_step(info.title, "This map has no stages to tour yet.", None)
            return
        self._stop = max(0, min(self._stop, len(stops) - 1))
        stop: TourStop = stops[self._stop]
        self.window.show_stage(f"{stop.number}. {stop.title}", stop.prompt, stop.stage_id, stop.card_ids)
        if self.presenter is not None:
            self.presenter.set_now(stop.title, stop.prompt, stop.notes)
            self.presenter.set_next(stops[self._stop + 1].title if self._stop + 1 < len(stops) else "")

    def _on_window_moved(self, delta: int) -> None:
        if not self._tour:
            self.step_requested.emit(delta)
            return
        count = len(self.document.stages)
        target = self._stop + delta
        if 0 <= target < count:
            self._stop = target
            self._show_stop()
            if delta < 0:
                self.window.go_to_part(-1)  # back into a stage shown in parts: its last, where the room left it

    def _on_source_decoration_changed(self, name: str) -> None:
        # The step's (or tour stop's) own focus is the projector's workshop layer; the editor's other
        # layers (find, insights, comparison ...) show on the projector as they do in the editor.
        if name != WORKSHOP and self.window is not None:
            self.window.scene.set_decoration(name, self.source_scene.decoration(name))

    def _on_source_badges_changed(self) -> None:
        # A revealed result (badges with heat) is the room's to see; a participant's ballot in the booth
        # is theirs alone, and the projector never shows it.
        badges = self.source_scene.vote_badges.badges
        if self.window is not None:
            self.window.scene.set_vote_badges(badges if badges is not None and badges.heat else None)

    def _on_window_black_changed(self, black: bool) -> None:
        if self.presenter is not None:
            self.presenter.set_black(black)

    def _on_window_room_shown_changed(self, _shown: bool) -> None:
        self._update_presenter_room()

    def _update_presenter_room(self) -> None:
        if self.presenter is not None:
            self.presenter.set_room(self._room is not None, self.window is not None and self.window.is_room_shown())

    # -- screens and the presenter view -------------------------------------------------------------------

    def _place(self) -> None:
        """Full screen on the chosen screen; the presenter view in the editor when that is another screen."""
        screens = list(self._screens())
        editor_screen = self.host.screen()
        self._screen = choose_screen(screens, editor_screen, self._chosen)
        if self._screen is None:
            return
        self.window.show_on(self._screen)
        if self._screen != editor_screen:
            self._add_presenter(screens)
        else:
            self._remove_presenter()

    def _add_presenter(self, screens: list) -> None:
        if self.presenter_dock is None:
            self.presenter = PresenterPanel()
            self.presenter.previous_clicked.connect(lambda: self.move(-1))
            self.presenter.next_clicked.connect(lambda: self.move(+1))
            self.presenter.black_toggled.connect(lambda black: self.window and self.window.set_black(black))
            self.presenter.room_toggled.connect(lambda shown: self.window and self.window.set_room_shown(shown))
            self.presenter.end_clicked.connect(self.end)
            self.presenter.screen_chosen.connect(self._on_presenter_screen_chosen)
            dock = QDockWidget("Presenter", self.host)
            dock.setObjectName("presenter_dock")
            dock.setWidget(self.presenter)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
            self.host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.presenter_dock = dock
            # A clicker talks to the window that has the focus: on the laptop, that is often the editor.
            for key, delta in ((Qt.Key.Key_PageDown, +1), (Qt.Key.Key_PageUp, -1)):
                shortcut = QShortcut(QKeySequence(key), self.host)
                shortcut.activated.connect(lambda d=delta: self.move(d))
                self._shortcuts.append(shortcut)
            self.presenter.set_timer(*self._timer)
            self._update_presenter_room()
        self.presenter.set_screens(screens, self._screen)
        self.presenter_dock.show()
        self.presenter_dock.raise_()

    def _remove_presenter(self) -> None:
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts = []
        if self.presenter_dock is not None:
            self.host.removeDockWidget(self.presenter_dock)
            self.presenter_dock.deleteLater()
        self.presenter_dock = None
        self.presenter = None

    def _on_presenter_screen_chosen(self, screen) -> None:
        if self.window is not None and screen != self._screen:
            self._chosen = screen
            self._place()
            if self.presenter is None:  # the room's screen is now the editor's: no presenter view there
                self.window.activateWindow()

    def _on_screens_changed(self, _screen) -> None:
        # A projector plugged in or out while presenting: the room's view moves to where it now belongs
        # (a chosen screen that is gone is forgotten by choose_screen).
        if self.window is not None:
            self._place()
