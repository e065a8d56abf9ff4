"""Kill the app at any moment and the map reopens whole, with every edit it reported committed.

A child process (kill_driver.py) makes random edits and prints the count of
each committed one; it is killed with SIGKILL at random moments, 54 times.
After each kill the map passes integrity_check, opens (taking over the dead
child's stale lock, playing back any journal) and equals the replayed state
after the last reported edit, or after the one in flight.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from maps import edits, make_content

from model.document import Document
from model.persistence import MapFile, read_content
from model.persistence.header import hot_journal

DRIVER = Path(__file__).with_name("kill_driver.py")
KILLS = 54
PARALLEL = 2


def _replay(start, seed: int, upto: int) -> list:
    """The map's content after 0, 1, … `upto` edits of the driver's stream from `start`."""
    doc = Document(start)
    states = [doc.content()]
    stream = edits(doc, seed)
    for _ in range(upto):
        next(stream)
        states.append(doc.content())
    return states


class Round:
    """One child making edits on one map until it is killed."""

    def __init__(self, path: Path, seed: int, rng: random.Random) -> None:
        self.path, self.seed = path, seed
        self.start = read_content(path)
        self.kill_after = rng.choice([0, 1, 2, 3, 8, 20, 40])  # edits reported before the kill
        self.extra_delay = rng.choice([0.0, 0.0, rng.uniform(0, 0.004)])  # lands anywhere in the next edit
        self.child = subprocess.Popen(
            [sys.executable, str(DRIVER), str(path), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        self.reported = 0

    def run_and_kill(self) -> None:
        out = self.child.stdout
        assert out.readline() == b"open\n", self.child.stderr.read().decode()
        for _ in range(self.kill_after):
            line = out.readline()
            assert line, self.child.stderr.read().decode()
            self.reported = int(line)
        if self.extra_delay:
            time.sleep(self.extra_delay)  # the random moment itself
        self.child.send_signal(signal.SIGKILL)
        self.child.wait()
        # Lines written before the kill still count as reported.
        for line in out.read().splitlines():
            self.reported = int(line)
        self.child.stdout.close()
        self.child.stderr.close()
        assert self.child.returncode == -signal.SIGKILL

    def check(self) -> None:
        journal = Path(str(self.path) + "-journal")
        self.hot = hot_journal(self.path)
        self.cold = journal.exists() and not self.hot
        with MapFile.open(self.path) as mapfile:  # stale lock taken over, any hot journal played back
            assert mapfile.recovered
            raw = mapfile._raw()
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            saved = mapfile.document.content()
        states = _replay(self.start, self.seed, self.reported + 1)
        assert saved in (states[self.reported], states[self.reported + 1]), (
            f"seed {self.seed}: the file holds neither edit {self.reported} nor {self.reported + 1}"
        )
        self.in_flight_landed = saved == states[self.reported + 1] != states[self.reported]
        leftovers = sorted(p.name for p in self.path.parent.iterdir() if p.name != self.path.name)
        assert leftovers == []


@pytest.mark.slow
def test_killed_at_random_moments_the_map_always_reopens_whole(tmp_path):
    rng = random.Random(20261123)
    paths = []
    for i in range(PARALLEL):
        folder = tmp_path / f"maps{i}"
        folder.mkdir()
        path = folder / "killed.journey"
        MapFile.create(path, make_content(150, seed=i)).close()
        paths.append(path)
    kills = 0
    seen = {"hot journal": 0, "cold journal": 0, "edit in flight landed": 0}
    deadline = time.monotonic() + 120
    while kills < KILLS:
        assert time.monotonic() < deadline, f"only {kills} kills in time"
        rounds = [Round(path, rng.randrange(2**31), rng) for path in paths]
        for one in rounds:
            one.run_and_kill()
            kills += 1
        for one in rounds:
            one.check()
            seen["hot journal"] += one.hot
            seen["cold journal"] += one.cold
            seen["edit in flight landed"] += one.in_flight_landed
    print(f"{kills} kills:", seen)
    assert kills >= 50
