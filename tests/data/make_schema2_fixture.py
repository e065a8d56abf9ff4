"""Rebuild tests/data/schema2.journey: a map as schema 2 wrote it, with one snapshot inside.

Run from the repository root with the Journeymap of commit 'Emotion points hang where their card sits'
(the last to write schema 2): python tests/data/make_schema2_fixture.py
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "persistence")]

from maps import make_content  # noqa: E402

from model.persistence import MapFile  # noqa: E402
from model.persistence.header import SCHEMA_VERSION  # noqa: E402

OUT = Path(__file__).with_name("schema2.journey")


def main() -> None:
    assert SCHEMA_VERSION == 2, "run this with the Journeymap that writes schema 2"
    OUT.unlink(missing_ok=True)
    with MapFile.create(OUT, make_content(40, seed=2026)) as mapfile:
        mapfile.create_snapshot("Before the workshop")
    with closing(sqlite3.connect(OUT, isolation_level=None)) as conn:
        conn.execute("UPDATE map_info SET app_version = '0.1.0'")
        conn.execute("VACUUM")


if __name__ == "__main__":
    main()
