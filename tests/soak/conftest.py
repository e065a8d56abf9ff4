"""The soak tests' one knob: SCALE is 1 in `make test` (the short CI run) and 10 in `make soak`."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

SCALE = 10 if os.environ.get("JOURNEYMAP_SOAK") == "long" else 1

# The file tests' map generator and random edits (tests/persistence/maps.py) are shared with the kill driver.
_PERSISTENCE_TESTS = str(Path(__file__).resolve().parent.parent / "persistence")
if _PERSISTENCE_TESTS not in sys.path:
    sys.path.insert(0, _PERSISTENCE_TESTS)



@pytest.fixture
def memory_dir(tmp_path):
    """A scratch folder in RAM (/dev/shm) where there is one, else tmp_path.

    For tests whose subject is not durability (the model check, opening
    crash images): fsync there costs nothing, so thousands of commits stay fast.
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="journeymap-soak-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_FIGURES: list[str] = []


@pytest.fixture
def soak_report():
    """Call it with one line of figures: the run's summary shows them (also under -q, without -s)."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIGURES:
        terminalreporter.section(f"Journeymap soak figures (SCALE {SCALE})")
        for line in _FIGURES:
            terminalreporter.write_line(line)
