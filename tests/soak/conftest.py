"""The soak tests' one knob: SCALE is 1 in `make test` (the short CI run) and 10 in `make soak`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCALE = 10 if os.environ.get("JOURNEYMAP_SOAK") == "long" else 1

# The file tests' map generator and random edits (tests/persistence/maps.py) are shared with the kill driver.
_PERSISTENCE_TESTS = str(Path(__file__).resolve().parent.parent / "persistence")
if _PERSISTENCE_TESTS not in sys.path:
    sys.path.insert(0, _PERSISTENCE_TESTS)

