"""Figures for the .journey file (issue 2): load time, commit latency, a 10,000-card map.

Run: python tests/persistence/bench_file.py   (prints each figure with its target; exit 1 if one misses)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

from maps import edits, make_content  # noqa: E402

from model.persistence import MapFile, read_content  # noqa: E402


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory(prefix="journeymap-bench-") as tmp:
        os.environ.setdefault("JOURNEYMAP_DATA_DIR", str(Path(tmp) / "data"))
        path = Path(tmp) / "bench2000.journey"
        MapFile.create(path, make_content(2000, seed=1)).close()
        loads = []
        for _ in range(5):
            start = time.perf_counter()
            mapfile = MapFile.open(path)
            loads.append(time.perf_counter() - start)
            assert mapfile.document.card_count == 2000
            mapfile.close()
        reads = []
        for _ in range(5):
            start = time.perf_counter()
            read_content(path)
            reads.append(time.perf_counter() - start)
        load = statistics.median(loads)
        ok &= load <= 0.3
        print(f"load a 2,000-card map (MapFile.open, with its backup): {load:.3f} s   target <= 0.3 s")
        print(f"read a 2,000-card map (read_content):                 {statistics.median(reads):.3f} s")

        writes: list[float] = []
        applies: list[float] = []
        with MapFile.open(path) as mapfile:
            flush = MapFile._flush

            def timed(self, change=None):
                begin = time.perf_counter()
                flush(self, change)
                writes.append(time.perf_counter() - begin)

            MapFile._flush = timed  # measure the disk write alone, too
            try:
                stream = edits(mapfile.document, seed=7)
                for _ in range(500):
                    begin = time.perf_counter()
                    next(stream)
                    applies.append(time.perf_counter() - begin)
            finally:
                MapFile._flush = flush
        ok &= _p99(applies) <= 0.020
        print(f"one edit committed to disk, p99 of 500 (apply + write): {_p99(applies) * 1000:.1f} ms   target <= 20 ms")
        print(f"   the transaction alone: p50 {statistics.median(writes) * 1000:.1f} ms, p99 {_p99(writes) * 1000:.1f} ms")

        big = Path(tmp) / "bench10000.journey"
        start = time.perf_counter()
        MapFile.create(big, make_content(10_000, seed=2, stages=10, lanes=8)).close()
        created = time.perf_counter() - start
        start = time.perf_counter()
        with MapFile.open(big) as mapfile:
            opened = time.perf_counter() - start
            stream = edits(mapfile.document, seed=3)
            for _ in range(50):
                next(stream)
            expected = mapfile.document.content()
        same = read_content(big) == expected
        ok &= same
        print(f"10,000-card map: created {created:.2f} s, opened {opened:.2f} s, 50 edits saved and reopened equal: {same}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
