"""Rebuild tests/data/schema1.journey: a map as schema 1 wrote it (no snapshots table).

Run from the repository root: python tests/data/make_schema1_fixture.py
Schema 1 is schema 2 without the `snapshots` table, stamped user_version=1.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "persistence")]

from maps import make_content  # noqa: E402

from model.persistence.mapfile import build_file  # noqa: E402

OUT = Path(__file__).with_name("schema1.journey")


def main() -> None:
    OUT.unlink(missing_ok=True)
    build_file(OUT, make_content(30, seed=2024))
    with closing(sqlite3.connect(OUT, isolation_level=None)) as conn:
        conn.execute("DROP TABLE snapshots")
        conn.execute("UPDATE map_info SET app_version = '0.0.9'")
        conn.execute("PRAGMA user_version=1")
        conn.execute("VACUUM")


if __name__ == "__main__":
    main()
