"""`journeymap export` to every format it names, and its refusals, read back from the files written."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from model import voting
from model.document import Document
from model.persistence import MapFile, read_content
from model.templates import example_content

from .test_cli import digest, run

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4


@pytest.fixture
def example_map(tmp_path) -> Path:
    path = tmp_path / "example.journey"
    MapFile.create(path, example_content()).close()
    return path


def test_pdf_poster_has_the_paper_asked_for_and_every_card(tmp_path, capsys, example_map):
    out = tmp_path / "poster.pdf"
    code, _, err = run(capsys, "export", str(example_map), str(out), "--paper", "A2", "--portrait")
    assert code == 0, err
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (420, 594)
    text = " ".join(reader.pages[0].extract_text().split())
    for card in read_content(example_map).cards[:10]:
        assert " ".join(card.text.split()[:3]) in text


def test_tiled_pdf_and_persona_filter(tmp_path, capsys, example_map):
    out = tmp_path / "tiles.pdf"
    persona = example_content().personas[0].name
    code, _, err = run(capsys, "export", str(example_map), str(out), "--paper", "A1", "--tile", "A4",
                       "--overlap", "12", "--persona", persona)
    assert code == 0, err
    assert len(PdfReader(out).pages) > 2  # an assembly page and several sheets


@pytest.mark.parametrize(("options", "message"), [
    (["--paper", "B7"], "A0"),
    (["--tile", "A3"], "letter"),
    (["--persona", "Nobody"], "Nobody"),
    (["--overlap", "80"], "overlap"),
])
def test_refused_pdf_options_exit_1_and_write_nothing(tmp_path, capsys, example_map, options, message):
    out = tmp_path / "poster.pdf"
    before = digest(example_map)
    code, _, err = run(capsys, "export", str(example_map), str(out), *options)
    assert code == 1 and message in err and err.count("\n") == 1
    assert not out.exists() and digest(example_map) == before
    assert [p.name for p in tmp_path.iterdir()] == [example_map.name]


def test_png_and_svg_through_the_canvas(tmp_path, example_map):
    """In a real process, as a user would run it: the picture shows the map and the SVG is well-formed."""
    for name in ("map.png", "map.svg"):
        result = subprocess.run([sys.executable, "main.py", "export", str(example_map), str(tmp_path / name),
                                 "--scale", "0.5"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    tree = ET.parse(tmp_path / "map.svg")
    svg_text = "".join(tree.getroot().itertext())
    assert example_content().stages[0].name in svg_text


def test_csv_and_markdown(tmp_path, capsys, example_map):
    code, _, _ = run(capsys, "export", str(example_map), str(tmp_path / "cards.csv"))
    assert code == 0
    code, _, _ = run(capsys, "import", str(tmp_path / "cards.csv"), str(tmp_path / "back.journey"))
    assert code == 0
    assert len(read_content(tmp_path / "back.journey").cards) == len(example_content().cards)
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "map.md"))
    assert code == 0 and "warning" in err
    assert (tmp_path / "map.md").read_text(encoding="utf-8").startswith("# ")


def test_excel_export_and_import_round_trip(tmp_path, capsys, example_map):
    out = tmp_path / "research.xlsx"
    code, printed, err = run(capsys, "export", str(example_map), str(out))
    assert code == 0 and printed.strip() == str(out)
    assert err.startswith("journeymap: warning: Excel carries the cards") and err.count("\n") == 1
    code, _, err = run(capsys, "import", str(out), str(tmp_path / "back.journey"))
    assert code == 0 and err == ""
    back, original = read_content(tmp_path / "back.journey"), read_content(example_map)
    assert [(c.text, c.kind) for c in back.cards] == [(c.text, c.kind) for c in original.cards]
    # The votes the map shows come back as the wall totals of a revealed session.
    shown = [voting.shown_votes(Document(x)).get(c.id, 0) for x in (back, original) for c in x.cards]
    assert shown[:len(back.cards)] == shown[len(back.cards):] and any(shown)
    assert back.info.title == original.info.title


def test_a_foreign_workbook_is_refused_in_one_line_and_left_as_it_was(tmp_path, capsys):
    import zipfile

    source = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    before = digest(source)
    code, _, err = run(capsys, "import", str(source), str(tmp_path / "map.journey"))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"journeymap: error: {source}: not an Excel workbook (.xlsx)")
    assert digest(source) == before and sorted(p.name for p in tmp_path.iterdir()) == ["budget.xlsx"]
