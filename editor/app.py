"""Start the editor: `run(path)` opens a map, `run(None)` the start screen, `run(None, example=True)` the example.

`Application` owns the windows of one process and the services they share
(prompts, settings, files); it is passed around, never global.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .context import AppContext
from .errors import install_excepthook
from .files import FileService
from .prompts import Prompts
from .settings import Settings


_STARTED = time.time()
_LARGE_BLOCKS = 16 * 1024  # bytes: a card's cached picture at 100 % is 30–200 kB


def _return_freed_memory() -> None:
    """Give large blocks (the canvas's cached card pictures) their own memory mappings (glibc).

    Scrolling a big map makes and drops thousands of card pictures; carved out of the heap they
    leave it fragmented, and the editor kept up to three times the memory it used. Mapped on their
    own, each goes back to the system when dropped. Elsewhere (macOS, Windows, musl) nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, _LARGE_BLOCKS)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


class Application(QObject):
    """The windows of this process and what they share."""

    def __init__(self, prompts: Prompts | None = None, settings: Settings | None = None, *,
                 backup_interval_ms: int = 3 * 60 * 1000) -> None:
        super().__init__()
        _return_freed_memory()
        self.prompts = prompts or Prompts()
        self.settings = settings or Settings()
        self.files = FileService(self.prompts, self.settings)
        from .theme import ThemeService

        self.theme = ThemeService(self.settings, parent=self)
        self.context = AppContext(self.prompts, self.settings, self.files, open_window=self.open_window,
                                  open_path=self.open_path, show_start=self.show_start,
                                  backup_interval_ms=backup_interval_ms, import_path=self.import_path,
                                  theme=self.theme)
        self.windows: list = []
        self.start_screen = None

    # -- windows ----------------------------------------------------------------------

    def open_window(self, map_file, *, fresh: bool = False):
        """A window on an open MapFile; `fresh` marks a map just made here (removed on close if never edited)."""
        from .main_window import MainWindow

        window = MainWindow(map_file, self.context, fresh=fresh)
        window.closed.connect(self._on_window_closed)
        self.windows.append(window)
        window.show()
        window.view.fit_map()
        if getattr(map_file, "pending", False):
            # A map just made shows first; its file (SQLAlchemy's import, a third of a second) is
            # written once the first frame is on screen, or at the first change, whichever is first.
            _after_first_paint(window.view.viewport(), lambda: self._finish_creating(window))
        self._close_start_screen()
        # A big map is a large, long-lived heap: moving it out of the collector's reach keeps
        # full collections (10–20 ms on 5,000 cards) from landing in the middle of a drag.
        gc.freeze()
        return window

    def _finish_creating(self, window) -> None:
        from model.errors import JourneyError

        if window not in self.windows or not window.map_file.pending:
            return  # closed meanwhile (nothing is written), or written by a change already
        try:
            window.map_file.finish_creating()
        except JourneyError as error:
            window.prompts.warn("Cannot save the new map", f"{error}\n\nEach change tries again; "
                                "until one succeeds, the map is only in this window.")

    def _on_window_closed(self, window) -> None:
        if window in self.windows:
            self.windows.remove(window)
        window.deleteLater()

    def window_for(self, path: Path):
        target = Path(path).absolute()
        for window in self.windows:
            if window.map_file.path == target:
                return window
        return None

    def open_path(self, path: Path, *, read_only: bool = False):
        """A window on the map at `path` (the existing one if this process has it open), or None.

        A file that is not a map but can be imported (JSON, Mermaid, CSV, Excel) is offered for import.
        """
        from model.interchange.formats import import_format

        from .import_export import offer_import

        if import_format(path) is not None:
            return self.import_path(path) if offer_import(Path(path), self.prompts_here()) else None
        existing = self.window_for(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        map_file = self.files.open_path(Path(path), read_only=read_only, prompts=self.prompts_here())
        return self.open_window(map_file) if map_file is not None else None

    def import_path(self, path: Path):
        """A window on a new map made from the file at `path`, saved where the user says; or None."""
        from .import_export import import_map, warnings_text

        made = import_map(Path(path), self.files, self.prompts_here(),
                          is_open=lambda dest: self.window_for(dest) is not None)
        if made is None:
            return None
        map_file, warnings = made
        window = self.open_window(map_file)
        if warnings:
            window.prompts.info("Imported, with notes", f"“{Path(path).name}” was imported.\n\n"
                                + warnings_text(warnings))
        return window

    def new_from_template(self, name: str):
        return self._created(lambda: self.files.new_from_template(name))

    def open_example(self):
        return self._created(self.files.example)

    def _created(self, make):
        from model.errors import JourneyError

        try:
            map_file = make()
        except JourneyError as error:
            self.prompts_here().warn("Cannot create the map", str(error))
            return None
        except OSError as error:  # the data folder cannot be written
            self.prompts_here().warn("Cannot create the map", f"{error.filename or ''} {error.strerror or error}".strip())
            return None
        return self.open_window(map_file, fresh=True)

    def show_start(self):
        from .start_screen import StartScreen

        if self.start_screen is None:
            from .files import recent_maps

            screen = StartScreen(recent_maps(self.settings))
            screen.template_chosen.connect(self.new_from_template)
            screen.example_chosen.connect(self.open_example)
            screen.open_requested.connect(self._on_start_open_requested)
            screen.import_requested.connect(self._on_start_import_requested)
            screen.recent_chosen.connect(lambda path: self.open_path(Path(path)))
            screen.resize(1100, 640)
            self.start_screen = screen
        self.start_screen.show()
        self.start_screen.raise_()
        self.start_screen.activateWindow()
        return self.start_screen

    def _on_start_open_requested(self) -> None:
        from .import_export import OPEN_FILTER

        path = self.prompts_here().open_file("Open a map", OPEN_FILTER)
        if path is not None:
            self.open_path(path)

    def _on_start_import_requested(self) -> None:
        from .import_export import IMPORT_FILTER

        path = self.prompts_here().open_file("Import a map", IMPORT_FILTER)
        if path is not None:
            self.import_path(path)

    def _close_start_screen(self) -> None:
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen.deleteLater()
            self.start_screen = None

    def prompts_here(self) -> Prompts:
        """The prompts service with dialogs centred over the active window."""
        parent = QApplication.activeWindow()
        return self.prompts.with_parent(parent) if isinstance(parent, QWidget) else self.prompts


def _qt_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Journeymap")
    app.setApplicationDisplayName("Journeymap")
    app.setOrganizationName("Journeymap")
    app.setDesktopFileName("journeymap")
    from PySide6.QtGui import QIcon

    from resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "journeymap.png"))))
    return app


def run(argv_path: str | None, *, example: bool = False, read_only: bool = False,
        room: tuple[str, int | None] | None = None) -> int:
    """Run the editor until its last window closes; the exit status for the command line.

    With `room` (host, port or None), the map's room opens at once and its join address is printed;
    a room that cannot open is an error (status 1) before any event loop runs.
    """
    from canvas.fonts import ensure_fonts

    app = _qt_app()
    ensure_fonts()
    controller = Application()
    install_excepthook(lambda title, text: controller.prompts_here().warn(title, text))
    if example:
        opened = controller.open_example()
    elif argv_path:
        opened = controller.open_path(Path(argv_path), read_only=read_only)
    else:
        opened = None
    if room is not None:
        status = _open_room(opened, *room)
        if status:
            for window in list(controller.windows):
                window.close()
            return status
    if opened is None:
        controller.show_start()
    if os.environ.get("JOURNEYMAP_EXIT_AFTER_FIRST_FRAME"):
        _exit_after_first_frame(app, controller, opened)
    return app.exec()


def _open_room(window, host: str, port: int | None) -> int:
    """`journeymap FILE --room HOST[:PORT]`: the room open, its join address on standard output."""
    if window is None:
        print("journeymap: error: the room cannot open: the map did not open", file=sys.stderr)
        return 1
    from .room.window_room import open_room_on

    try:
        server = open_room_on(window.room, host, port)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"journeymap: error: the room cannot open on {host}: {reason}", file=sys.stderr)
        return 1
    print(server.join_url, flush=True)
    return 0


class _FirstPaint(QObject):
    """Calls `then` once the widget's first paint event has been handled."""

    def __init__(self, widget: QWidget, then) -> None:
        super().__init__(widget)
        self._widget, self._then = widget, then
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint event
        return False


def _after_first_paint(widget: QWidget, then) -> None:
    _FirstPaint(widget, then)


class _FirstFrame(QObject):
    """For `make bench`: print the seconds from launch until the first frame of the map is painted, then quit."""

    def __init__(self, app, controller, launched: float) -> None:
        super().__init__()
        self._app, self._controller, self._launched = app, controller, launched
        self._done = False

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # A zero timer runs once this paint event has been handled: the frame is painted then.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        shown = self._controller.windows or [self._controller.start_screen]
        print(json.dumps({"first_frame_s": time.time() - self._launched,
                          "window": shown[0].windowTitle() if shown[0] is not None else ""}), flush=True)
        self._quit()

    def _quit(self) -> None:
        for window in list(self._controller.windows):
            window.close()
        self._app.quit()


def _exit_after_first_frame(app, controller, window) -> None:
    launched = float(os.environ.get("JOURNEYMAP_BENCH_LAUNCHED", _STARTED))
    probe = _FirstFrame(app, controller, launched)
    target = window.view.viewport() if window is not None else controller.start_screen
    target.installEventFilter(probe)
    app._first_frame_probe = probe  # kept alive as long as the app
