"""`make bench` figures of the workshop: the next step on a big map, and the timer's drift."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "workshop_probe.py"
ROOT = PROBE.parents[2]


def _child(mode: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(PROBE), mode], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"measurement failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def workshop_figures(_work: Path, runs: int, Figure) -> list:  # noqa: N803 - the bench's Figure class
    steps = [_child("next_step") for _ in range(runs)]
    drift = [_child("drift") for _ in range(runs)]
    return [
        Figure("next step with a 2,000-card map: focus applied and painted, p50",
               statistics.median(r["next_p50_ms"] for r in steps), "ms", 100),
        Figure("  … its slowest of ten steps", statistics.median(r["next_max_ms"] for r in steps), "ms", None),
        Figure("  … cards the step's focus dimmed (it must dim most)", float(min(r["dimmed"] for r in steps)),
               "cards", None, "higher"),
        Figure("timer drift over a 20-minute step (late ticks, a 10-minute sleep), until time up",
               max(r["drift_s"] for r in drift), "s", 0.1),
        Figure("  … time up shown after the true end (the next tick, ticks up to 3 s late)",
               statistics.median(r["late_by_s"] for r in drift), "s", None),
    ]
