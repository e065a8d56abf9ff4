"""Fixtures for the file tests: real SQLite files in a temporary folder."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    """Anything beside the map that is not the map: journals, WAL, locks, temporaries."""
    return sorted(p.name for p in Path(path).parent.iterdir() if p.name != Path(path).name)


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    return folder / "journey.journey"
