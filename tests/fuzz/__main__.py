"""`make fuzz`: run every fuzz target for a chosen time; a failure becomes a file in tests/data/fuzz-crashes/.

    python -m tests.fuzz --seconds 120 [--target json --target csv]

The time is split evenly across the targets. Each target runs hypothesis in
rounds (deadline off, no example database, a fresh random seed each round)
until its share of the time is used. A failing input, after hypothesis has
shrunk it, is written to tests/data/fuzz-crashes/<target>-<sha>.<ext>, which
tests/fuzz/test_fuzz_short.py replays in every `make test`; the run then
exits 1. Known bugs (already reported) are counted and printed, not failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROUND_EXAMPLES = 200  # examples per hypothesis round; rounds repeat until the target's time is up


def _isolate() -> None:
    # Backups and recent files of opened maps go to a scratch folder, never the user's.
    os.environ.setdefault("JOURNEYMAP_DATA_DIR", tempfile.mkdtemp(prefix="jm-fuzz-data-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


def save_crash(target, data: bytes) -> Path:
    from tests.fuzz.targets import CRASHES

    CRASHES.mkdir(parents=True, exist_ok=True)
    path = CRASHES / f"{target.name}-{hashlib.sha256(data).hexdigest()[:12]}{target.suffix}"
    path.write_bytes(data)
    return path


def run_target(target, seconds: float, *, round_examples: int = ROUND_EXAMPLES, seed: int | None = None):
    """Fuzz one target for about `seconds`; returns (examples tried, failing input or None, its error text)."""
    from hypothesis import HealthCheck, given, settings

    tried = 0
    last_failure: list[bytes] = []

    def checked(data: bytes) -> None:
        nonlocal tried
        tried += 1
        try:
            target.check(data)
        except BaseException:
            last_failure[:] = [data]  # hypothesis replays the shrunk example last
            raise

    rng = random.Random(seed)
    stop = time.monotonic() + seconds
    while True:  # at least one round, however short the time
        test = settings(
            max_examples=round_examples, deadline=None, database=None, derandomize=False, print_blob=False,
            suppress_health_check=list(HealthCheck),
        )(given(target.strategy)(checked))
        test = _seeded(test, rng.getrandbits(64))
        try:
            test()
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # the failure, after shrinking
            text = _describe(error)
            return tried, (last_failure[0] if last_failure else None), text
        if time.monotonic() >= stop:
            return tried, None, ""


def _describe(error: BaseException) -> str:
    """Type, message and the innermost frames of the failure, without hypothesis's huge repr of the input."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames)
    return f"{type(error).__name__}: {str(error)[:500]} (at {where})"


def _seeded(test, seed: int):
    from hypothesis import seed as hypothesis_seed

    return hypothesis_seed(seed)(test)


def main(argv: list[str] | None = None) -> int:
    _isolate()
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total time, split across the targets")
    parser.add_argument("--target", action="append", help="only these targets (repeatable)")
    parser.add_argument("--seed", type=int, help="seed the rounds' seeds, to repeat a run")
    args = parser.parse_args(argv)

    from tests.fuzz.targets import KNOWN_BUGS, KNOWN_HITS, TARGETS

    names = args.target or list(TARGETS)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; choose from {', '.join(TARGETS)}")
    share = max(1.0, args.seconds / len(names))
    failed = False
    print(f"fuzzing {', '.join(names)} for {args.seconds:g} s ({share:.0f} s each)", flush=True)
    for name in names:
        target = TARGETS[name]
        started = time.monotonic()
        tried, crash, error = run_target(target, share, seed=args.seed)
        took = time.monotonic() - started
        line = f"  {name:8} {tried:>8,} examples in {took:5.1f} s"
        if error:
            failed = True
            where = save_crash(target, crash) if crash is not None else "(input not captured)"
            print(f"{line}  FAILED: {error.splitlines()[-1][:300]}\n           input saved to {where}", flush=True)
        else:
            print(f"{line}  ok", flush=True)
    for bug, hits in sorted(KNOWN_HITS.items()):
        print(f"  known bug hit {hits} times: {bug} ({KNOWN_BUGS[bug]})")
    print("FAILED: add each saved input to the replay (it is picked up automatically) and fix the bug"
          if failed else "no new failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
