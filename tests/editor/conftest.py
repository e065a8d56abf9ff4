"""Editor test helpers: scripted answers for dialogs, a running Application with a real map file."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from editor.prompts import Prompts


class ScriptedPrompts(Prompts):
    """Answers dialogs from a script instead of showing them; records every question asked.

    `script(method, answer)` queues one answer for the next call of that method;
    a question with no scripted answer fails the test (no dialog may surprise us).
    info() and warn() need no answer; they are only recorded.
    """

    def __init__(self, parent=None, *, shared=None) -> None:
        super().__init__(parent)
        self._state = shared if shared is not None else {"answers": {}, "asked": [], "suggested": []}

    def with_parent(self, parent):
        return ScriptedPrompts(parent, shared=self._state)

    @property
    def asked(self) -> list[tuple[str, str, str]]:
        return self._state["asked"]

    def script(self, method: str, answer) -> "ScriptedPrompts":
        self._state["answers"].setdefault(method, deque()).append(answer)
        return self

    @property
    def suggested(self) -> list:
        """The paths save_file() suggested, in the order asked."""
        return self._state["suggested"]

    def messages(self, method: str) -> list[tuple[str, str]]:
        return [(title, text) for m, title, text in self.asked if m == method]

    def _answer(self, method: str, title: str, text: str):
        self.asked.append((method, title, text))
        queue = self._state["answers"].get(method)
        if not queue:
            raise AssertionError(f"unexpected dialog {method}({title!r}, {text!r})")
        return queue.popleft()

    def info(self, title, text):
        self.asked.append(("info", title, text))

    def warn(self, title, text):
        self.asked.append(("warn", title, text))

    def confirm(self, title, text, ok_text="OK"):
        return self._answer("confirm", title, text)

    def choose(self, title, text, choices, *, detail=""):
        answer = self._answer("choose", title, text)
        assert answer is None or answer in choices, f"{answer!r} is not one of {choices}"
        return answer

    def text(self, title, label, default=""):
        return self._answer("text", title, label)

    def item(self, title, label, items, current=0):
        answer = self._answer("item", title, label)
        assert answer is None or answer in items
        return answer

    def colour(self, title, initial):
        return self._answer("colour", title, initial)

    def open_file(self, title, file_filter="", start=None):
        return self._answer("open_file", title, file_filter)

    def save_file(self, title, file_filter="", suggested=None):
        self.suggested.append(suggested)
        return self._answer("save_file", title, file_filter)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def application(qapp, prompts):
    """The editor's Application with scripted dialogs; every window it opened is closed afterwards."""
    from canvas.fonts import ensure_fonts
    from editor.app import Application

    ensure_fonts()
    app = Application(prompts)
    yield app
    for window in list(app.windows):
        window.close()
    if app.start_screen is not None:
        app.start_screen.close()


def map_file_at(path: Path, content) -> Path:
    """A real .journey file at `path` holding `content` (a Document's content())."""
    from model.persistence import MapFile

    MapFile.create(path, content).close()
    return path


def window_on(application, qtbot, path: Path):
    """A main window on the map at `path`, shown (the application fixture closes it)."""
    win = application.open_path(path)
    assert win is not None
    qtbot.waitExposed(win)
    return win


def panels_on_screen(window) -> dict[str, tuple[int, int, int, int]]:
    """Each dock the facilitator sees in `window` (open, and the front tab of its group): its geometry."""
    from PySide6.QtWidgets import QDockWidget

    from editor.when_seen import can_be_seen

    return {dock.objectName(): dock.geometry().getRect() for dock in window.findChildren(QDockWidget)
            if can_be_seen(dock)}


@pytest.fixture
def map_path(tmp_path) -> Path:
    """A real .journey file made from the small test map."""
    from tests.model.factories import small_map

    return map_file_at(tmp_path / "Small map.journey", small_map().content())


@pytest.fixture
def window(application, map_path, qtbot):
    """A main window on the small map, shown."""
    return window_on(application, qtbot, map_path)


@pytest.fixture
def setup(qapp):
    """The small map with an edit session and a scene on it, for panels built without a window."""
    from PySide6.QtGui import QUndoStack

    from canvas.scene import MapScene
    from editor.session import EditSession
    from tests.model.factories import small_map

    doc = small_map()
    session = EditSession(doc, QUndoStack())
    scene = MapScene(doc)
    yield doc, session, scene
    scene.close()
