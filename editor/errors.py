"""No traceback ever reaches the user: unexpected errors are logged and reported in one calm dialog.

`install_excepthook(prompts)` replaces sys.excepthook (which PySide6 calls for
exceptions raised in slots and virtual overrides). The traceback goes to
user_data_dir()/journeymap.log; the user sees one message saying the map is
safe (every change is already on disk) and where the details are. An error
that repeats (a paint failing on every frame) shows its dialog once.
"""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from model.paths import user_data_dir


def log_path() -> Path:
    return user_data_dir() / "journeymap.log"


def log_exception(exc_type, exc, tb) -> Path | None:
    """Append one traceback to the log; None when the log cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as stream:
            stream.write(f"--- {_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}\n")
            traceback.print_exception(exc_type, exc, tb, file=stream)
    except OSError:
        return None
    return path


class ErrorReporter:
    """The excepthook: log, then one dialog (never nested while one is showing)."""

    def __init__(self, show: Callable[[str, str], None]) -> None:
        self._show = show
        self._showing = False
        self._shown: set[tuple[str, str, str]] = set()
        self.reported: list[BaseException] = []

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        where = log_exception(exc_type, exc, tb)
        self.reported.append(exc)
        # The same error again (a paint that fails every frame) is logged, not shown again.
        frames = traceback.extract_tb(tb) if tb is not None else []
        signature = (exc_type.__name__, str(exc), f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "")
        if self._showing or signature in self._shown:
            return
        self._shown.add(signature)
        self._showing = True
        try:
            details = f"The details were written to {where}." if where else "The details could not be logged."
            self._show(
                "Something went wrong",
                "Journeymap hit an unexpected problem and stopped that action.\n\n"
                "Your map is safe: every change made before this was already saved.\n\n" + details,
            )
        except Exception:  # a failing dialog must not recurse into this hook
            pass
        finally:
            self._showing = False


def install_excepthook(show: Callable[[str, str], None]) -> ErrorReporter:
    reporter = ErrorReporter(show)
    sys.excepthook = reporter
    return reporter
