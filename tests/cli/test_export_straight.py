"""`journeymap export IN OUT` straight from a Mermaid journey, JSON, CSV or Excel file: one command, one
process, no .journey in between (issue 14); the input refused as `import` refuses it, never changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from model.interchange.csv_format import write_csv
from model.interchange.json_format import write_json
from model.interchange.xlsx_format import write_xlsx
from model.templates import example_content
from tests.hostile.corpus import (
    CORPUS, TEXT_FILES, assert_refused_in_one_line, run_cli, sha256,
)
from tests.model.realistic_maps import realistic_mermaid


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages))


def _succeeded(result) -> None:
    assert result.status == 0, result
    assert "Traceback" not in result.stderr
    assert all(line.startswith("journeymap: warning: ") for line in result.lines), result.lines


def test_a_mermaid_journey_becomes_an_a1_poster_in_one_step(tmp_path):
    source = tmp_path / "journey.mmd"
    source.write_text(realistic_mermaid(200), encoding="utf-8")
    before = sha256(source)
    poster = tmp_path / "poster.pdf"
    result = run_cli(["export", str(source), str(poster), "--paper", "A1"])
    _succeeded(result)
    width, height = (float(v) for v in PdfReader(str(poster)).pages[0].mediabox[2:])
    assert sorted((round(width / 72 * 25.4), round(height / 72 * 25.4))) == [594, 841]  # A1
    text = _text(poster)
    assert all(f"Task {n} " in text for n in range(1, 201))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.mmd", "poster.pdf"]  # no .journey made
    assert sha256(source) == before


@pytest.mark.parametrize("suffix, write", [(".json", write_json), (".csv", write_csv), (".xlsx", write_xlsx)])
def test_json_csv_and_excel_go_straight_to_a_poster(tmp_path, suffix, write):
    content = example_content()
    source = tmp_path / f"map{suffix}"
    write(content, source)
    poster = tmp_path / "poster.pdf"
    _succeeded(run_cli(["export", str(source), str(poster), "--paper", "A2"]))
    text = _text(poster)
    assert content.stages[0].name in text and content.cards[0].text.split()[0] in text
    assert not list(tmp_path.glob("*.journey"))


def test_straight_to_other_formats_too(tmp_path):
    source = tmp_path / "journey.mmd"
    source.write_text(realistic_mermaid(20), encoding="utf-8")
    _succeeded(run_cli(["export", str(source), str(tmp_path / "map.md")]))
    assert "Task 20" in (tmp_path / "map.md").read_text(encoding="utf-8")
    _succeeded(run_cli(["export", str(source), str(tmp_path / "map.json")]))


def test_changed_since_needs_a_map_that_keeps_snapshots(tmp_path):
    source = tmp_path / "journey.mmd"
    source.write_text(realistic_mermaid(10), encoding="utf-8")
    result = run_cli(["export", str(source), str(tmp_path / "p.pdf"), "--tile", "A4", "--changed-since", "S"])
    assert_refused_in_one_line(result)
    assert "snapshot" in result.stderr and not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("relative", ["mermaid/no-journey.mmd", "mermaid/score-nan.mmd", "json/not-json.json",
                                      "csv/latin1.csv", "xlsx/junk.xlsx"])
def test_a_file_import_refuses_is_refused_in_one_line_and_left_as_it_was(tmp_path, relative):
    source = tmp_path / Path(relative).name
    shutil.copyfile(CORPUS / relative, source)
    before = sha256(source)
    poster = tmp_path / "poster.pdf"
    assert_refused_in_one_line(run_cli(["export", str(source), str(poster)]))
    assert sha256(source) == before and not poster.exists()


@pytest.mark.parametrize("relative", [f for f in TEXT_FILES if not f.endswith(".csv")])
def test_hostile_text_prints_literally_straight_from_its_file(tmp_path, relative):
    source = tmp_path / Path(relative).name
    shutil.copyfile(CORPUS / relative, source)
    poster = tmp_path / "poster.pdf"
    _succeeded(run_cli(["export", str(source), str(poster), "--paper", "A0"]))
    assert PdfReader(str(poster)).pages  # a poster, not markup errors or a traceback
