"""What the kill-soak driver does, step by step, replayable in the checking process.

Two independent random streams from one seed: the kinds of step (edit,
snapshot, delete a snapshot, Save As, Save a Copy) and the content edits
themselves. The driver and the checker draw the same sequences, so the
checker knows the step that was in flight when the driver was killed and
the map's content after every edit without the driver printing it.
Plain Python (no pytest, no Qt): the driver imports it at start-up.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from maps import random_op, seeded_ids

from model.document import Document
from model.errors import ValidationError

EDIT, SNAPSHOT, DELETE_SNAPSHOT, SAVE_AS, SAVE_COPY = "E", "S", "D", "A", "C"
# Mostly edits, as in a workshop; snapshots and deletions balance so a map holds a few snapshots at a time.
WEIGHTS = {EDIT: 78, SNAPSHOT: 7, DELETE_SNAPSHOT: 7, SAVE_AS: 4, SAVE_COPY: 4}
KEEP_SNAPSHOTS = 2  # a delete step removes the oldest snapshot only when more than this many exist


def step_kinds(seed: int) -> Iterator[str]:
    """The endless sequence of step kinds for `seed`."""
    rng = random.Random(seed * 2654435761 % 2**32 + 17)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    while True:
        yield rng.choices(kinds, weights)[0]


class EditStream:
    """Valid random edits for `seed`, each applied to whichever document is current (Save As swaps it).

    New ids come from the same seeded stream only while an edit is built and
    applied, so ids drawn elsewhere (a snapshot's) do not shift the replay.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def apply_next(self, doc: Document) -> int:
        """Apply the next edit to `doc` (its transaction commits inside apply); returns the edit's number."""
        while True:
            with seeded_ids(self.rng):
                op = random_op(doc, self.rng)
                try:
                    doc.apply(op)
                except ValidationError:  # refused the same way on replay
                    continue
            self.count += 1
            return self.count


def replay(start, seed: int, upto: int) -> list:
    """The content after 0, 1, … `upto` edits of the stream for `seed` from `start` (in memory only)."""
    doc = Document(start)
    states = [doc.content()]
    stream = EditStream(seed)
    for _ in range(upto):
        stream.apply_next(doc)
        states.append(doc.content())
    return states


def copy_name(tag: str, step: int) -> str:
    """The file name a Save As / Save a Copy step writes (unique per driver run and step)."""
    return f"{tag}-{step}.journey"
