"""`journeymap insights MAP [--json]`: what the map says, as text or one JSON object."""

from __future__ import annotations

import json
import subprocess
import sys

from model import ops
from model.document import Document
from model.domain import Card, CardKind
from model.persistence import MapFile
from model.templates import example_content
from tests.cli.test_cli import ROOT, digest, example_map, run  # noqa: F401  (example_map is a fixture)


def test_text_lists_the_findings_under_their_headings_and_leaves_the_map_untouched(capsys, example_map):
    before = digest(example_map)
    code, out, err = run(capsys, "insights", str(example_map))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("FleetPlan: from first search to reference customer — ")
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings == ["Emotions", "Drop-off", "Loops", "Handoffs", "Channels", "Coverage", "Evidence", "Priorities"]
    assert "  low     Advocacy has no KPI." in lines
    assert any(line.startswith("  high    Maria Santos feels worst at “Nightly telematics sync") for line in lines)
    assert digest(example_map) == before


def test_json_has_the_findings_and_the_ranked_priorities(capsys, example_map):
    code, out, _ = run(capsys, "insights", str(example_map), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == example_content().info.title
    kinds = {f["kind"] for f in data["findings"]}
    assert {"low_point", "handoff", "loop", "coverage_gap", "priority"} <= kinds
    first = data["findings"][0]
    assert set(first) == {"kind", "group", "severity", "sentence", "cards", "stages", "personas", "connections", "value"}
    # The pricing-page pain: impact 4, effort 1, 5 votes → 4 × 5 + 5 = 25, the best quick win in the example.
    top = data["priorities"][0]
    assert top["rank"] == 1 and top["quadrant"] == "quick_win" and top["score"] == 25
    assert top["text"].startswith("Pricing page only says") and top["stage_name"] == "Awareness"
    assert [p["rank"] for p in data["priorities"]] == list(range(1, len(data["priorities"]) + 1))


def test_an_empty_map_has_no_findings(tmp_path, capsys):
    path = tmp_path / "blank.journey"
    MapFile.create(path, Document().content()).close()
    code, out, _ = run(capsys, "insights", str(path))
    assert code == 0 and out == "Untitled journey — 0 findings\n"
    code, out, _ = run(capsys, "insights", str(path), "--json")
    assert json.loads(out) == {"title": "Untitled journey", "findings": [], "priorities": []}


def test_control_characters_in_user_text_do_not_reach_the_terminal(tmp_path, capsys):
    doc = Document(example_content())
    stage, lane = doc.stages[-1], doc.lanes[0]
    doc.apply(ops.AddCard(Card(stage.id, lane.id, "\x1b[2J\x1b]0;pwned\x07 wipe", kind=CardKind.OPPORTUNITY)))
    doc.apply(ops.UpdateMap({"title": "Map\x1b[31m red"}))
    path = tmp_path / "escape.journey"
    MapFile.create(path, doc.content()).close()
    code, out, _ = run(capsys, "insights", str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Map\ufffd[31m red" in out.splitlines()[0]
    code, out, _ = run(capsys, "insights", str(path), "--json")
    assert any("\x1b[2J" in f["sentence"] for f in json.loads(out)["findings"])  # JSON keeps it, escaped


def test_a_missing_map_and_usage_errors(tmp_path, capsys):
    code, _, err = run(capsys, "insights", str(tmp_path / "nope.journey"))
    assert code == 1 and err.startswith("journeymap: error: ") and "no such file" in err
    for argv in (["insights"], ["insights", "x.journey", "--bogus"]):
        try:
            main_code = run(capsys, *argv)[0]
        except SystemExit as exit_:
            main_code = exit_.code
        assert main_code == 2


def test_insights_never_loads_qt_or_reportlab(example_map):
    probe = (
        "import sys, main; code = main.main(['insights', sys.argv[1]]);"
        "heavy = [m for m in ('PySide6', 'reportlab') if m in sys.modules];"
        "print('HEAVY', heavy); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(example_map)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_export_insights_adds_the_page_to_a_pdf_and_warns_elsewhere(tmp_path, capsys, example_map):
    from pypdf import PdfReader

    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "p.pdf"), "--paper", "A1", "--insights")
    assert (code, err) == (0, "")
    reader = PdfReader(str(tmp_path / "p.pdf"))
    assert len(reader.pages) >= 2 and reader.pages[1].extract_text().startswith("Insights and priorities")
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "m.json"), "--insights")
    assert code == 0
    assert err == "journeymap: warning: --insights adds a page to PDF posters only; ignored for .json\n"
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "m.md"), "--insights")
    assert (code, err.count("warning: --insights")) == (0, 0)
    assert "## Insights and priorities" in (tmp_path / "m.md").read_text(encoding="utf-8")
