"""Kill-soak child: edits, snapshots, Save As and Save a Copy through MapFile until it is SIGKILLed.

Usage: python kill_soak_driver.py MAP SEED TAG. Steps follow kill_plan for
SEED; after each step has returned (its transaction committed, its copy
renamed into place) one line is written and flushed:

    open                      the map is open (stale lock taken over, journal played back)
    E <n>                     content edit number n is committed
    S <snapshot id>           a snapshot is stored in the current map
    D <snapshot id> | D -     the oldest snapshot was deleted (or there were too few to delete one)
    A <path>                  Save As done: the copy is open and is now the current map
    C <path>                  Save a Copy done

The checker (test_kill_soak.py) replays the same plan to know what a
killed step would have done.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent / "persistence"), str(HERE)]

from kill_plan import (  # noqa: E402
    DELETE_SNAPSHOT,
    EDIT,
    KEEP_SNAPSHOTS,
    SAVE_AS,
    SAVE_COPY,
    SNAPSHOT,
    EditStream,
    copy_name,
    step_kinds,
)

from model.persistence import MapFile  # noqa: E402


def main() -> None:
    path, seed, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    out = sys.stdout

    def report(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    mapfile = MapFile.open(path)
    report("open")
    edits = EditStream(seed)
    for step, kind in enumerate(step_kinds(seed)):
        if kind == EDIT:
            report(f"E {edits.apply_next(mapfile.document)}")
        elif kind == SNAPSHOT:
            report(f"S {mapfile.create_snapshot(f'{tag} step {step}').id}")
        elif kind == DELETE_SNAPSHOT:
            existing = mapfile.snapshots()
            if len(existing) > KEEP_SNAPSHOTS:
                mapfile.delete_snapshot(existing[0].id)
                report(f"D {existing[0].id}")
            else:
                report("D -")
        elif kind == SAVE_AS:
            # Editing goes on in the copy, as in the editor (a new Document with the same content).
            mapfile = mapfile.save_as(mapfile.path.with_name(copy_name(tag, step)))
            report(f"A {mapfile.path}")
        elif kind == SAVE_COPY:
            dest = mapfile.path.with_name(copy_name(tag, step))
            mapfile.save_copy(dest)
            report(f"C {dest}")



if __name__ == "__main__":
    main()
