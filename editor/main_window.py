"""The window a facilitator works in: the map canvas, its panels, menus and toolbar.

The window owns one open MapFile. Its Document is changed only through the
EditSession (one QUndoCommand per gesture); the file saves every change as it
happens, so closing the window never asks to save.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QScrollArea, QToolBar, QUndoView, QWidget

from canvas.scene import MapScene
from canvas.selection import SelectionModel
from canvas.view import MapView, OverviewWidget
from model.errors import JourneyError

from .actions import ActionSet
from .context import AppContext
from .edit_actions import EditActions
from .session import EditSession
from .file_actions import FileActions
from .find_panel import FindPanel
from .forms import literal_tooltip
from .canvas_edits import CanvasEdits
from .inspector import InspectorPanel
from .import_export import FileDrops
from .personas_panel import PersonasPanel
from .window_actions import build_action_specs

APP_NAME = "Journeymap"


class MainWindow(QMainWindow):
    """One map in one window."""

    closed = Signal(object)  # this window, after its map file is closed

    def __init__(self, map_file, context: AppContext, parent: QWidget | None = None, *, fresh: bool = False) -> None:
        super().__init__(parent)
        # A map made from a template a moment ago and closed untouched leaves no "Untitled N" behind.
        self._fresh = fresh
        self._saved_elsewhere = False  # Save As moved the map to a named file: its scratch copy goes
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.map_file = map_file
        self.document = map_file.document
        self.context = context
        self.prompts = context.prompts.with_parent(self)
        self.setObjectName("MainWindow")
        self._closed = False
        self._shown_once = False
        self._presentation = None  # the projector (editor/presentation), made when first asked for

        self.stack = QUndoStack(self)
        self.session = EditSession(self.document, self.stack, read_only=map_file.read_only,
                                   on_commit_failed=self._on_commit_failed, parent=self)
        from .room.controller import RoomController

        self.room = RoomController(self.session, self)  # the workshop room: closed until the facilitator opens it
        # The window's one selection: every view of the map and every panel observe it.
        self.selection = SelectionModel(self)
        # Owned from Python, not by the window: the view must never outlive its scene while Qt tears down.
        self.scene = MapScene(self.document, selection=self.selection)
        self.scene.set_read_only(self.session.read_only)
        from canvas.future_view import FutureView

        self.future = FutureView(self.scene, self)  # View > Journey: as-is, to-be or both (view state)
        self.view = MapView(self.scene, self)
        self.canvas_edits = CanvasEdits(self.scene, self.session, self)
        self.setCentralWidget(self.view)

        self.edit_actions = EditActions(self.session, self.scene, self.prompts)
        self.file_actions = FileActions(self)
        self._build_panels()
        self.actions = ActionSet(self, build_action_specs(self), read_only=lambda: self.session.read_only)
        self.menus = self.actions.build_menus(self.menuBar())
        self.recent_menu = self._build_recent_menu()
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.actions.build_toolbar(self.toolbar)
        self.addToolBar(self.toolbar)
        self.workshop.install_run_bar()
        from .compare_mode import CompareMode

        self.compare_mode = CompareMode(self)  # its bar sits under the toolbar while comparing

        self.history_view.setEnabled(not self.session.read_only)
        self._zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self._zoom_label)
        self._wire()
        self._restore_geometry()
        self.update_title()
        self._update_zoom_label(self.view.zoom_factor())

        # Backups every few minutes while the map is being edited.
        self._edited_since_backup = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(context.backup_interval_ms)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self._backup_timer.start()

        if self.session.read_only:
            self.statusBar().showMessage("Opened read-only: you can look, zoom, find and export, but not change it.")
        # A map, or a file to import, dropped from the file manager on the canvas or anywhere else.
        self._file_drops = FileDrops(lambda path: self.context.open_path(path), self)
        self.setAcceptDrops(True)
        self.installEventFilter(self._file_drops)
        self.view.viewport().installEventFilter(self._file_drops)  # the canvas would take the drag itself

    # -- construction --------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, *,
              scroll: bool = False) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            # A tall form scrolls rather than make the window taller than a 720-pixel projector.
            area_widget = QScrollArea()
            area_widget.setObjectName(f"{name}_scroll")
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QScrollArea.Shape.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area_widget.setWidget(widget)
            area_widget.setMinimumWidth(widget.minimumSizeHint().width())
            widget = area_widget
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.inspector = InspectorPanel(self.session, self.scene, self.prompts, self)
        self.personas_panel = PersonasPanel(self.session, self.scene, self.prompts, self)
        self.find_panel = FindPanel(self.document, self.scene, self)
        self.history_view = QUndoView(self.stack, self)
        self.history_view.setEmptyLabel("Opened map")
        self.overview = OverviewWidget(self.view, self)
        self.overview.setMinimumHeight(110)
        self.docks = {
            "inspector": self._dock("Inspector", "inspector_dock", self.inspector, right),
            "personas": self._dock("Personas", "personas_dock", self.personas_panel, right, scroll=True),
            "overview": self._dock("Overview", "overview_dock", self.overview, left),
            "find": self._dock("Find", "find_dock", self.find_panel, left),
            "history": self._dock("History", "history_dock", self.history_view, left),
        }
        # The inspector is what a facilitator looks at most; personas share its place as a tab.
        self.tabifyDockWidget(self.docks["inspector"], self.docks["personas"])
        self.tabifyDockWidget(self.docks["find"], self.docks["history"])
        self.docks["inspector"].raise_()
        self.docks["find"].raise_()
        self.resizeDocks([self.docks["inspector"]], [320], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["overview"]], [240], Qt.Orientation.Horizontal)
        self._build_insight_docks()
        from .workshop_ui import WorkshopUI

        self.workshop = WorkshopUI(self)  # participants, the plan, the journal, the run bar's controller
        from .voting_window import WindowVoting

        self.voting = WindowVoting(self)  # the Voting panel's dock, the booth and wall dots
        from .room.window_room import WindowRoom

        self.room_ui = WindowRoom(self)
        from .workshop_room import link as follow_the_plan

        follow_the_plan(self.workshop.controller, self.room)  # phones follow the plan's current step

    def _build_insight_docks(self) -> None:
        """The Insights panel (a tab beside the inspector) and the impact × effort matrix (below, hidden at first)."""
        from .insights_panel import InsightsPanel
        from .matrix_view import MatrixView

        self.insights_panel = InsightsPanel(self.document, self.scene, self)
        self.matrix_view = MatrixView(self.session, self.scene, self)
        self.docks["insights"] = self._dock("Insights", "insights_dock", self.insights_panel,
                                            Qt.DockWidgetArea.RightDockWidgetArea)
        self.docks["matrix"] = self._dock("Impact × Effort", "matrix_dock", self.matrix_view,
                                          Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["personas"], self.docks["insights"])
        self.docks["inspector"].raise_()
        self.resizeDocks([self.docks["matrix"]], [300], Qt.Orientation.Vertical)
        self.docks["matrix"].hide()
        self.insights_panel.finding_activated.connect(self._on_insights_panel_finding_activated)

    def _on_insights_panel_finding_activated(self, finding) -> None:
        """Bring the finding's cards (already selected by the panel) into view: one readable card centred, else fitted."""
        selected = self.scene.selected_ids()
        if len(selected.cards) == 1:
            if self.view.zoom_factor() < 0.5:
                self.view.zoom_to(1.0)
            self.show_card(selected.cards[0])
        else:
            self.view.fit_selection()

    def _build_recent_menu(self) -> QMenu:
        """File > Open Recent, filled from the settings each time it opens."""
        menu = QMenu("Open &Recent", self)
        menu.setObjectName("recent_menu")
        file_menu = self.menus["&File"]
        entries = file_menu.actions()
        after_open = entries.index(self.actions["file.open"]) + 1
        file_menu.insertMenu(entries[after_open] if after_open < len(entries) else None, menu)
        menu.aboutToShow.connect(self._fill_recent_menu)
        return menu

    def _fill_recent_menu(self) -> None:
        from .files import recent_maps

        menu = self.recent_menu
        menu.clear()
        menu.setToolTipsVisible(True)
        recent = recent_maps(self.context.settings)
        for entry in recent:
            action = menu.addAction(entry.menu_text)
            action.setToolTip(literal_tooltip(str(entry.path)))
            action.triggered.connect(lambda _c=False, p=entry.path: self.context.open_path(p))
        if not recent:
            menu.addAction("No recent maps").setEnabled(False)

    def _wire(self) -> None:
        refresh = self.actions.refresh
        self.stack.indexChanged.connect(lambda _i: refresh())
        self.stack.cleanChanged.connect(lambda _c: refresh())
        self.stack.undoTextChanged.connect(self._on_stack_undo_text_changed)
        self.stack.redoTextChanged.connect(self._on_stack_redo_text_changed)
        self.selection.settled.connect(refresh)
        self.session.read_only_changed.connect(self._on_session_read_only_changed)
        self.session.refused.connect(self._on_session_refused)
        self.session.noticed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.view.zoom_changed.connect(self._update_zoom_label)
        self.scene.context_menu_requested.connect(self._on_scene_context_menu_requested)
        self.find_panel.card_activated.connect(self.show_card)
        self._disconnect_document = self.document.changed.connect(self._on_document_changed)
        # A view failing while it redraws a saved change is reported; the change stays on the undo stack.
        self.document.changed.on_error = lambda _slot, error: sys.excepthook(type(error), error, error.__traceback__)
        for dock in self.docks.values():
            dock.visibilityChanged.connect(lambda _v: refresh())
        self.context.theme.changed.connect(self._on_theme_changed)
        self.future.view_changed.connect(lambda _v: refresh())

    # -- view state ------------------------------------------------------------------

    def window_title_text(self) -> str:
        # The app's name last: Qt appends it to a title that does not end with it (seen twice before).
        marker = " [comparing]" if self.compare_mode.active else " [read-only]" if self.session.read_only else ""
        return f"{self.document.info.title} — {self.map_file.path.name}{marker} — {APP_NAME}"

    def update_title(self) -> None:
        self.setWindowTitle(self.window_title_text())

    def _update_zoom_label(self, factor: float) -> None:
        self._zoom_label.setText(f"{factor * 100:.0f} %")

    def _on_document_changed(self, change) -> None:
        self._edited_since_backup = True
        if change.touches("map"):
            self.update_title()
        self.actions.refresh()

    def _on_session_read_only_changed(self, read_only: bool) -> None:
        self.scene.set_read_only(read_only)
        self.history_view.setEnabled(not read_only)  # a click in the history is an undo
        if read_only:
            self.scene.set_tool("select")  # the other tools only make edits
        self.actions.refresh()
        self.update_title()

    def _on_stack_undo_text_changed(self, text: str) -> None:
        action = self.actions["edit.undo"]
        action.setText(f"&Undo {text}" if text else "&Undo")
        action.setIconText("Undo")

    def _on_stack_redo_text_changed(self, text: str) -> None:
        action = self.actions["edit.redo"]
        action.setText(f"&Redo {text}" if text else "&Redo")
        action.setIconText("Redo")

    def _on_session_refused(self, message: str) -> None:
        self.statusBar().showMessage(f"Not done: {message}", 8000)

    def _on_scene_context_menu_requested(self, screen_pos, _selection) -> None:
        from .context_menu import build_context_menu

        menu = build_context_menu(self)
        menu.exec(screen_pos)

    def show_card(self, card_id: str) -> None:
        """Scroll the map so the card is in the middle of the view (view state only)."""
        box = self.scene.layout().cards.get(card_id)
        if box is not None:
            self.view.centerOn(QPointF(*box.rect.center))

    def set_tool(self, name: str) -> None:
        """The canvas tool (view state): select and move, connect cards, or add emotion points."""
        self.scene.set_tool(name)
        self.actions.refresh()

    def set_theme(self, name: str) -> None:
        """View > Theme (every window follows; kept for the next start)."""
        self.context.theme.set_choice(name)

    def _on_theme_changed(self) -> None:
        self.view.repaint_theme()
        self.actions.refresh()

    def presentation(self):
        """This map's presentation on a projector (editor/presentation/controller.py: its interface)."""
        if self._presentation is None:
            from .presentation import Presentation

            self._presentation = Presentation(self, self.document, self.selection, self.scene,
                                              theme_changed=self.context.theme.changed)
            self._presentation.started.connect(self.actions.refresh)
            self._presentation.ended.connect(self.actions.refresh)
            from .workshop_projector import link

            link(self.workshop.controller, self._presentation, self.scene)  # the run drives the projector
            self.room_ui.show_on(self._presentation)  # and the open room says how to join
        return self._presentation

    def is_presenting(self) -> bool:
        return self._presentation is not None and self._presentation.is_running()

    def toggle_dock(self, name: str) -> None:
        dock = self.docks[name]
        dock.setVisible(not dock.isVisible())
        if dock.isVisible():
            dock.raise_()

    # -- file safety -------------------------------------------------------------------

    def _on_commit_failed(self, error: JourneyError) -> None:
        """A change could not be written (the document already took it back, screen and file agree): say so."""
        self.prompts.warn(
            "The change was not saved",
            f"Journeymap could not save your last change.\n\n{error}\n\n"
            "The change has been undone, so the map on screen matches the file, which is intact. "
            "If the disk is full or was removed, free some space or use File > Save a Copy… "
            "to keep the map somewhere else.",
        )

    def _on_backup_timer_timeout(self) -> None:
        if not self._edited_since_backup or self.session.read_only:
            return
        try:
            self.map_file.backup_now()
        except JourneyError as error:
            self.statusBar().showMessage(f"Backup failed: {error}", 8000)
            return
        self._edited_since_backup = False

    def backup_now(self) -> None:
        """What the backup timer does, callable directly."""
        self._on_backup_timer_timeout()

    # -- closing ------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1600, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9)))
        state = self.context.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.fit_to_screen()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Keep the whole window, frame included, on the screen's available area (`available`, or its screen's).

        A size saved on the laptop's big screen does not fit the projector's 1280×720; Qt's own
        restoring leaves the frame a few pixels over the edge.
        """
        if self.isMaximized() or self.isFullScreen():
            return
        available = available if available is not None else self.screen().availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = min(self.width(), available.width() - extra_w)
        height = min(self.height(), available.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = max(available.x(), min(frame.x(), available.x() + available.width() - frame.width()))
        y = max(available.y(), min(frame.y(), available.y() + available.height() - frame.height()))
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)  # move() places the frame's corner

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.fit_to_screen()  # the frame's size is known once the window is shown

    def forget_scratch_copy(self) -> None:
        """After Save As: the map lives on in the named file, so a scratch file it came from is removed on close."""
        from .files import is_scratch

        self._saved_elsewhere = is_scratch(self.map_file.path)

    def _forget_if_untouched(self) -> None:
        from .files import is_scratch

        untouched = self._fresh and self.stack.count() == 0 and is_scratch(self.map_file.path)
        if untouched or self._saved_elsewhere:
            try:
                self.map_file.path.unlink()
            except OSError:
                pass  # harmless: an unused map stays in the data folder

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._closed:
            event.accept()
            return
        self._closed = True
        if self._presentation is not None:
            self._presentation.end()  # the room's view of this map goes with it
        self.scene.commit_editor()  # a card being typed is kept, as one last undoable edit
        self.context.settings.save_window(self.saveGeometry(), self.saveState())
        self._backup_timer.stop()
        self.room.close()  # phones are told, and every connection ends, before the map closes
        # The stack clears itself when deleted; nothing may react to that any more.
        self.stack.blockSignals(True)
        self._disconnect_document()
        self.context.theme.changed.disconnect(self._on_theme_changed)
        for panel in (self.inspector, self.personas_panel, self.find_panel, self.insights_panel, self.matrix_view,
                      self.workshop, self.voting, self.room_ui):
            panel.detach()  # the panels stop listening to the document before they are deleted
        self.compare_mode.close()
        self.scene.close()
        try:
            self.map_file.close()
        except JourneyError as error:
            self.prompts.warn("The map could not be closed cleanly", str(error))
        else:
            self._forget_if_untouched()
        event.accept()
        self.closed.emit(self)
