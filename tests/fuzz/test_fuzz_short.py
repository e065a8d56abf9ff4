"""The short fuzz run inside `make test`: replay every saved crash, then each target for a few examples.

Saved crashes (tests/data/fuzz-crashes/<target>-<sha>.<ext>) replay through the
strict check, with no known-bug tolerance: each must pass now. A crash caused by
a bug in code this suite does not own is a strict xfail naming the bug until it
is fixed (then the XPASS fails and the entry below is removed).
The short runs use a fixed seed, so CI is repeatable; `make fuzz` explores.
"""

from __future__ import annotations

import warnings

import pytest

from tests.fuzz.__main__ import run_target
from tests.fuzz.targets import CRASHES, TARGETS, target_of

# Saved crash -> the bug it shows, while the bug is not fixed.
UNFIXED: dict[str, str] = {}

SHORT_EXAMPLES = {"json": 300, "mermaid": 300, "csv": 300, "xlsx": 100, "journey": 150}


def _crashes() -> list:
    files = sorted(CRASHES.iterdir()) if CRASHES.is_dir() else []
    return [
        pytest.param(path, id=path.name,
                     marks=[pytest.mark.xfail(strict=True, reason=UNFIXED[path.name])] if path.name in UNFIXED else [])
        for path in files if path.is_file() and not path.name.startswith(".")
    ]


@pytest.mark.parametrize("crash", _crashes())
def test_saved_crash_now_passes(crash):
    target = target_of(crash)
    strict_check = getattr(target.check, "__wrapped__", target.check)
    strict_check(crash.read_bytes())


def test_every_unfixed_crash_is_saved():
    assert all((CRASHES / name).is_file() for name in UNFIXED)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_short_fuzz_run(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # hypothesis warns about the repr of large inputs
        tried, crash, error = run_target(TARGETS[name], 0.0, round_examples=SHORT_EXAMPLES[name], seed=20261123)
    assert error == "", f"{error}\n(run `python -m tests.fuzz --target {name}` to save the input)"
    assert tried >= SHORT_EXAMPLES[name] // 2  # hypothesis may stop early when it runs out of new inputs
