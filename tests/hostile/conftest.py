"""A hang detector for the hostile-input tests: SIGALRM, no pytest-timeout dependency."""

from __future__ import annotations

import signal
import sys

import pytest

HANG_SECONDS = 20  # far above any case (the slowest takes about a second); only a hang reaches it


class Hung(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_hang():
    if sys.platform == "win32" or not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(_signum, _frame):
        raise Hung(f"the case ran for more than {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
