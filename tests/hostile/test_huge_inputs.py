"""The pathological inputs, generated at test time, each in its own process with a timeout.

A separate process because what they attack (the C stack, memory, regular
expressions) could take the interpreter down with it or never give the GIL
back to an alarm. Each must finish in a few seconds with a one-line refusal
or a working map; the input is never modified.

| generated file                  | outcome  | why |
|---------------------------------|----------|-----|
| nested-100000.json              | refused  | 100,000 nested lists: "nested too deeply", no stack overflow |
| nested-objects-100000.json      | refused  | the same with objects |
| numbers-2000000.json            | refused  | a 14 MB list of 2 million numbers is not a map |
| numbers-2000000-as-stages.json  | refused  | the same list where the stages belong: stages[0] must be an object |
| card-text-1mb.json              | imported | 1,000,000 characters is the model's limit for a card |
| card-text-over-limit.json       | refused  | one character more |
| mermaid-task-1mb.mmd            | imported | a 1 MB task name: a card at the limit |
| mermaid-over-limit.mmd          | refused  | over 5,000,000 characters |
| csv-field-1mb.csv               | imported | a 1 MB field: a card at the limit |
| csv-field-over-limit.csv, csv-quoted-field-over-limit.csv | refused | the csv module's field limit is set to the model's |
| card-1mb.journey (info, check)  | opens    | see test_journey_corpus |
| rows-card-over-limit.journey    | refused  | by info; check sees no SQLite damage (a known bug) |
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.hostile.corpus import ROOT, neighbours, sha256
from tests.hostile.make_corpus import write_huge

TIMEOUT_S = 30  # a hang detector on a busy 2-core machine; each case takes well under a second alone

CASES = {
    "nested-100000.json": 1,
    "nested-objects-100000.json": 1,
    "numbers-2000000.json": 1,
    "numbers-2000000-as-stages.json": 1,
    "card-text-1mb.json": 0,
    "card-text-over-limit.json": 1,
    "mermaid-task-1mb.mmd": 0,
    "mermaid-over-limit.mmd": 1,
    "csv-field-1mb.csv": 0,
    "csv-field-over-limit.csv": 1,
    "csv-quoted-field-over-limit.csv": 1,
}


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    return write_huge(tmp_path_factory.mktemp("huge") / "in")


def _journeymap(*argv: str, env_dir) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, JOURNEYMAP_DATA_DIR=str(env_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", "import sys, main; sys.exit(main.main(sys.argv[1:]))", *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_huge_import(name, huge, tmp_path):
    source = huge[name]
    before = sha256(source)
    out = tmp_path / "out.journey"
    result = _journeymap("import", str(source), str(out), env_dir=tmp_path / "data")
    assert "Traceback" not in result.stderr
    assert result.returncode == CASES[name], result.stderr
    if CASES[name]:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("journeymap: error: "), lines
        assert "unexpected problem" not in lines[0]
        assert len(lines[0]) < 1000
        assert not out.exists()
    else:
        assert result.stderr == ""
        assert _journeymap("info", str(out), env_dir=tmp_path / "data").returncode == 0
    assert sha256(source) == before


@pytest.mark.parametrize("name, status", [("card-1mb.journey", 0), ("rows-card-over-limit.journey", 1)])
def test_huge_maps(name, status, huge, tmp_path):
    source = huge[name]
    before = sha256(source)
    result = _journeymap("info", "--json", str(source), env_dir=tmp_path / "data")
    assert "Traceback" not in result.stderr
    assert result.returncode == status, result.stderr
    assert len(result.stderr.splitlines()) == status
    assert _journeymap("check", str(source), env_dir=tmp_path / "data").returncode in (0, 1)
    assert sha256(source) == before
    assert not [n for n in neighbours(source) if n.startswith(name) and n != name]
