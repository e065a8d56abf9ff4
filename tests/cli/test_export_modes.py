"""Every export gets the permissions any new file of the user's gets: 0666 less the umask.

Writers that go through a temporary file and a rename (PDF, CSV, JSON, Mermaid, Markdown,
Excel) used to leave mkstemp's 0600 while PNG and SVG were 0644: a poster could not be
shared from a shared folder although the picture beside it could.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from model.persistence import MapFile
from model.templates import example_content

from .test_cli import run

FORMATS = (".pdf", ".png", ".svg", ".csv", ".md", ".json", ".mmd", ".xlsx")


@pytest.fixture
def example_map(tmp_path) -> Path:
    path = tmp_path / "example.journey"
    MapFile.create(path, example_content()).close()
    return path


@pytest.fixture
def umask():
    def set_umask(value: int) -> None:
        os.umask(value)

    saved = os.umask(0o022)
    os.umask(saved)
    yield set_umask
    os.umask(saved)


@pytest.mark.parametrize("mask", [0o027, 0o002], ids=["umask-027", "umask-002"])
@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_honours_the_umask(tmp_path, capsys, example_map, umask, suffix, mask):
    umask(mask)
    out = tmp_path / f"map{suffix}"
    code, _, err = run(capsys, "export", str(example_map), str(out), "--scale", "0.3")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([example_map.name, out.name])  # no temporaries


def test_an_export_over_an_existing_file_gets_the_new_files_mode(tmp_path, capsys, example_map, umask):
    umask(0o022)
    out = tmp_path / "cards.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    code, _, err = run(capsys, "export", str(example_map), str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_reading_the_umask_does_not_change_it(umask):
    from model.interchange.text_files import current_umask, new_file_mode

    umask(0o037)
    assert current_umask() == 0o037 and new_file_mode() == 0o640
    assert os.umask(0o037) == 0o037
