"""Voting kill-test child: open a map, cast votes forever, print each one once it is committed.

Usage: python vote_kill_driver.py MAP SESSION SEED. After Document.apply returned (MapFile commits inside
it) one line "n participant card count" is written and flushed: that vote is shown as counted.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

from vote_stream import votes  # noqa: E402

from model.persistence import MapFile  # noqa: E402


def main() -> None:
    path, session_id, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    mapfile = MapFile.open(path)
    out = sys.stdout
    out.write("open\n")
    out.flush()
    for n, who, card, count in votes(mapfile.document, session_id, seed):
        out.write(f"{n} {who} {card} {count}\n")
        out.flush()


if __name__ == "__main__":
    main()
