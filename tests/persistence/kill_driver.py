"""Kill-test child: open a map, make random edits forever, print each committed edit's count.

Usage: python kill_driver.py MAP SEED. A line "N" on stdout means edit N has
been committed to the file (MapFile writes inside Document.apply).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

from maps import edits  # noqa: E402

from model.persistence import MapFile  # noqa: E402


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    mapfile = MapFile.open(path)
    out = sys.stdout
    out.write("open\n")
    out.flush()
    for count in edits(mapfile.document, seed):
        out.write(f"{count}\n")
        out.flush()


if __name__ == "__main__":
    main()
