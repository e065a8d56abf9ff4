"""Kill soak: SIGKILL a process editing, snapshotting and saving copies of a map, hundreds of times.

A child (kill_soak_driver.py) works through the real MapFile and prints one
flushed line per committed step. It is killed at random moments: before it
has opened the map (while it plays back the last kill's journal), between
steps, inside an edit's transaction, inside a snapshot, a Save As or a Save
a Copy. After each kill, for every file the driver touched:

- the current map opens (stale lock taken over, journal played back), passes
  `PRAGMA integrity_check`, and holds exactly the content after the last
  reported edit, or after the edit in flight;
- every snapshot reported created is listed, loads and holds the content it
  was taken from; one reported deleted is gone; only the step in flight may
  differ;
- every Save As / Save a Copy reported done opens whole with the content it
  was made from; a copy in flight is either absent or whole;
- beside the maps nothing is left once they have been opened again: opening
  removes the temporaries of copies a killed process left half-made.

30 kills at SCALE 1, 300 at SCALE 10 (`make soak`).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from itertools import islice
from pathlib import Path

import pytest
from maps import make_content

from model.persistence import MapFile, read_content
from model.persistence.header import hot_journal

from .conftest import SCALE
from .kill_plan import (
    DELETE_SNAPSHOT, EDIT, KEEP_SNAPSHOTS, SAVE_AS, SAVE_COPY, SNAPSHOT, copy_name, replay, step_kinds,
)

DRIVER = Path(__file__).with_name("kill_soak_driver.py")
KILLS = 30 * SCALE
LANES = 3  # maps edited side by side: the other drivers start and run while one lane is checked
HANG_S = 60.0  # a driver that prints nothing for this long is stuck: fail instead of hanging the suite

# A copy's temporary (backups.verified_copy): ".~<dest name>.<pid>.<monotonic ns>.tmp" and its journal.
COPY_TEMPORARY = re.compile(r"^\.~(?P<dest>.+)\.(?P<pid>\d+)\.\d+\.tmp(-journal)?$")


class Lane:
    """One lineage of maps in its own folder: the current map, its snapshots, the copies made from it."""

    def __init__(self, folder: Path, index: int) -> None:
        self.folder = folder
        self.current = folder / f"lane{index}.journey"
        MapFile.create(self.current, make_content(80, seed=index)).close()
        self.snapshots: dict[str, object] = {}  # id -> content it was taken from, in creation order
        self.fixed: dict[Path, object] = {}  # maps no longer edited -> the content they must keep
        self.rounds = 0


class KillRound:
    def __init__(self, lane: Lane, seed: int, rng: random.Random) -> None:
        self.lane, self.seed = lane, seed
        lane.rounds += 1
        self.tag = f"r{lane.rounds}"
        self.start = read_content(lane.current)
        self.kill_after = rng.choice([-1, 0, 0, 1, 2, 3, 5, 8, 13, 21])  # step lines before the kill
        # The moment itself: right away, inside the next step, or during start-up and recovery.
        self.delay = rng.choice([0.0, rng.uniform(0, 0.003), rng.uniform(0, 0.02)])
        self.child: subprocess.Popen | None = None
        if self.kill_after < 0:
            # Killed while starting up and recovering: started only when its turn comes, so the
            # delay counts from its start (a driver starts in well over 0.15 s: Python and imports).
            self.delay = rng.uniform(0.0, 0.15)
        else:
            self._spawn()
        self.lines: list[str] = []

    def _spawn(self) -> None:
        self.child = subprocess.Popen(
            [sys.executable, str(DRIVER), str(self.lane.current), str(self.seed), self.tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )

    def run_and_kill(self) -> None:
        if self.child is None:
            self._spawn()
        watchdog = threading.Timer(HANG_S, self.child.kill)
        watchdog.start()
        try:
            out = self.child.stdout
            for _ in range(self.kill_after + 1):  # "open", then kill_after steps
                line = out.readline()
                assert line, f"driver died or hung: {self.child.stderr.read().decode()[-2000:]}"
                self.lines.append(line.decode().rstrip("\n"))
            if self.delay:
                time.sleep(self.delay)  # a random moment, not a timing assertion
            self.child.send_signal(signal.SIGKILL)
            self.child.wait()
        finally:
            watchdog.cancel()
        # What the driver flushed before it died was reported too.
        self.lines += out.read().decode().splitlines()
        self.child.stdout.close()
        self.child.stderr.close()
        assert self.child.returncode == -signal.SIGKILL, "the driver stopped by itself"

    # -- checking ---------------------------------------------------------------

    def check(self, stats: dict) -> None:
        lane = self.lane
        opened = bool(self.lines) and self.lines[0] == "open"
        steps = self.lines[1:] if opened else []
        assert opened or not self.lines, self.lines
        kinds = list(islice(step_kinds(self.seed), len(steps) + 1))
        in_flight = kinds[len(steps)] if opened else "open"
        stats["in flight: " + {EDIT: "edit", SNAPSHOT: "snapshot", DELETE_SNAPSHOT: "delete snapshot",
                               SAVE_AS: "save as", SAVE_COPY: "save a copy", "open": "open"}[in_flight]] += 1

        edits = 0
        left: dict[Path, tuple[int, set]] = {}  # maps this round made or left: the edit count and snapshots they keep
        for step, (kind, line) in enumerate(zip(kinds, steps)):
            code, _, arg = line.partition(" ")
            assert code == kind, f"seed {self.seed}: step {step} reported {line!r}, the plan says {kind}"
            if kind == EDIT:
                edits = int(arg)
                assert edits == sum(k == EDIT for k in kinds[: step + 1])
            elif kind == SNAPSHOT:
                lane.snapshots[arg] = edits  # an edit count until the states are known
            elif kind == DELETE_SNAPSHOT:
                if arg == "-":
                    assert len(lane.snapshots) <= KEEP_SNAPSHOTS
                else:
                    assert arg == next(iter(lane.snapshots)), "the driver deleted another snapshot than the oldest"
                    del lane.snapshots[arg]
            else:
                dest = lane.current.with_name(copy_name(self.tag, step))
                assert arg == str(dest)
                if kind == SAVE_AS:
                    left[lane.current] = (edits, set(lane.snapshots))  # no longer edited
                    lane.current = dest
                else:
                    left[dest] = (edits, set(lane.snapshots))
        states = replay(self.start, self.seed, edits + 1)
        for key, value in lane.snapshots.items():
            if isinstance(value, int):
                lane.snapshots[key] = states[value]

        # Before anything opens them: what the kill left beside the maps.
        journal = Path(str(lane.current) + "-journal")
        stats["hot journal"] += hot_journal(lane.current)
        stats["cold journal"] += journal.exists() and not hot_journal(lane.current)

        with MapFile.open(lane.current) as mapfile:  # stale lock taken over, hot journal played back
            raw = mapfile._raw()
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            saved = mapfile.document.content()
            allowed = [states[edits]] + ([states[edits + 1]] if in_flight == EDIT else [])
            assert saved in allowed, f"seed {self.seed}: the map holds neither edit {edits} nor the one in flight"
            stats["edit in flight landed"] += in_flight == EDIT and saved == states[edits + 1] != states[edits]
            self._check_snapshots(mapfile, in_flight, states[edits], stats)

        if in_flight in (SAVE_AS, SAVE_COPY):
            dest = lane.current.with_name(copy_name(self.tag, len(steps)))
            if dest.exists():  # renamed into place before the kill: it must be whole
                left[dest] = (edits, set(lane.snapshots))
                stats["copy in flight landed"] += 1
        for path, (at, snapshot_ids) in left.items():
            self._check_copy(path, states[at], snapshot_ids)
            lane.fixed[path] = states[at]
        self._check_leftovers(stats)

    def _check_snapshots(self, mapfile: MapFile, in_flight: str, now, stats: dict) -> None:
        lane = self.lane
        listed = [s.id for s in mapfile.snapshots()]
        expected = list(lane.snapshots)
        extra = [i for i in listed if i not in lane.snapshots]
        missing = [i for i in expected if i not in listed]
        if in_flight == SNAPSHOT and extra:
            assert len(extra) == 1 and extra[0] == listed[-1], (listed, expected)
            lane.snapshots[extra[0]] = now  # committed before the kill, not yet reported
            stats["snapshot in flight landed"] += 1
            extra = []
        if in_flight == DELETE_SNAPSHOT and missing and len(expected) > KEEP_SNAPSHOTS:
            assert missing == [expected[0]], (listed, expected)
            del lane.snapshots[expected[0]]
            stats["delete in flight landed"] += 1
            missing = []
        assert extra == [] and missing == [], f"snapshots listed {listed}, reported {expected}"
        for snapshot_id, content in lane.snapshots.items():
            assert mapfile.snapshot_content(snapshot_id) == content, f"snapshot {snapshot_id} changed"

    def _check_copy(self, dest: Path, content, snapshot_ids: set) -> None:
        with MapFile.open(dest) as copy:  # writable, so a lock left by a killed Save As is taken over
            raw = copy._raw()
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert copy.document.content() == content, f"the copy {dest.name} does not hold what it was made from"
            assert {s.id for s in copy.snapshots()} == snapshot_ids

    def _check_leftovers(self, stats: dict) -> None:
        lane = self.lane
        maps = {lane.current.name} | {p.name for p in lane.fixed}
        left = sorted(entry.name for entry in lane.folder.iterdir() if entry.name not in maps)
        assert left == [], f"left beside the maps after reopening: {left}"


def _check_backups() -> tuple[int, int]:
    """Every rotating backup the killed drivers left is whole; any other file there is a killed backup's temporary."""
    from model.paths import backups_dir
    from model.persistence.header import probe

    whole = strays = 0
    for entry in sorted(p for p in backups_dir().rglob("*") if p.is_file()):
        stray = COPY_TEMPORARY.match(entry.name)
        if stray:  # a backup being written when its process was killed: removed by the next backup of that map
            strays += 1
            continue
        assert entry.suffix == ".journey", f"left in the backups folder: {entry}"
        probe(entry)  # refuses (raises) anything that is not an intact map
        whole += 1
    return whole, strays


@pytest.mark.slow
def test_killed_at_random_moments_every_reported_step_survives(tmp_path, soak_report):
    rng = random.Random(20261123 + SCALE)
    lanes = []
    for i in range(LANES):
        folder = tmp_path / f"lane{i}"
        folder.mkdir()
        lanes.append(Lane(folder, i))
    stats = Counter(dict.fromkeys(
        ["hot journal", "cold journal", "edit in flight landed", "snapshot in flight landed",
         "delete in flight landed", "copy in flight landed"], 0))
    kills = spawned = 0
    pending: dict[int, KillRound] = {}
    for i, lane in enumerate(lanes):
        pending[i] = KillRound(lane, rng.randrange(2**31), rng)
        spawned += 1
    while pending:
        for i in list(pending):
            one = pending.pop(i)
            one.run_and_kill()
            kills += 1
            one.check(stats)
            if spawned < KILLS:  # the lane's next driver starts while the other lanes are killed and checked
                pending[i] = KillRound(lanes[i], rng.randrange(2**31), rng)
                spawned += 1
    for lane in lanes:  # maps left behind by Save As keep what they held, whatever came after
        for path, content in lane.fixed.items():
            assert read_content(path) == content, f"{path.name} changed after it was left"
    stats["backups"], stats["stray backup temporaries"] = _check_backups()
    figures = ", ".join(f"{name} {count}" for name, count in sorted(stats.items()))
    soak_report(f"kill: {kills} SIGKILLs, every reported step intact; {figures}")
    assert stats["in flight: edit"] > 0 and stats["in flight: open"] > 0
