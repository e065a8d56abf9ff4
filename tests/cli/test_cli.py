"""The command line (README, "Command line"): every command, every exit status, no traceback, inputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from model.interchange.json_format import read_json, write_json
from model.persistence import MapFile, read_content
from model.templates import TEMPLATE_NAMES, example_content

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def example_map(tmp_path) -> Path:
    path = tmp_path / "example.journey"
    MapFile.create(path, example_content()).close()
    return path


# -- bad inputs, each refused in one line with the bytes unchanged ----------------


def _zero(tmp: Path) -> Path:
    path = tmp / "empty.journey"
    path.write_bytes(b"")
    return path


def _random(tmp: Path) -> Path:
    path = tmp / "noise.journey"
    path.write_bytes(os.urandom(8192))
    return path


def _truncated(tmp: Path) -> Path:
    good = tmp / "good.journey"
    MapFile.create(good, example_content()).close()
    data = good.read_bytes()
    path = tmp / "truncated.journey"
    path.write_bytes(data[: len(data) // 3])
    return path


def _foreign(tmp: Path) -> Path:
    path = tmp / "foreign.journey"
    with sqlite3.connect(path) as db:
        db.execute("create table notes (id integer primary key, body text)")
        db.execute("insert into notes (body) values ('not a map')")
    return path


def _newer(tmp: Path) -> Path:
    path = tmp / "newer.journey"
    MapFile.create(path, example_content()).close()
    db = sqlite3.connect(path)
    db.execute("pragma user_version = 9999")
    db.commit()
    db.close()
    return path


def _folder(tmp: Path) -> Path:
    path = tmp / "folder.journey"
    path.mkdir()
    return path


BAD_FILES = {"zero-length": _zero, "random bytes": _random, "truncated": _truncated,
             "foreign sqlite": _foreign, "newer schema": _newer, "a folder": _folder}


@pytest.mark.parametrize("command", ["info", "check", "export", "insights"])
@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_bad_maps_are_refused_in_one_line_and_left_untouched(tmp_path, capsys, command, bad):
    path = BAD_FILES[bad](tmp_path)
    before = None if path.is_dir() else digest(path)
    extra = [str(tmp_path / "out.json")] if command == "export" else []
    code, out, err = run(capsys, command, str(path), *extra)
    assert code == 1
    assert err.startswith("journeymap: error: ") and err.count("\n") == 1, err
    if before is not None:
        assert digest(path) == before
    assert not (tmp_path / "out.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if not p.name.endswith(("-journal", "-wal", "-shm", ".lock"))
    )


def test_a_missing_map_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "info", str(tmp_path / "nope.journey"))
    assert code == 1 and "no such file" in err


# -- the commands ---------------------------------------------------------------


def test_templates_lists_every_template(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(TEMPLATE_NAMES)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_new_makes_a_map_from_each_template(tmp_path, capsys, template):
    out_path = tmp_path / f"{template}.journey"
    code, _, _ = run(capsys, "new", str(out_path), "--template", template, "--title", "Café <launch> & more")
    assert code == 0
    code, out, _ = run(capsys, "info", str(out_path), "--json")
    summary = json.loads(out)
    assert summary["title"] == "Café <launch> & more"
    assert summary["card_count"] == 0 and summary["stages"]


def test_new_refuses_an_unknown_template_and_an_existing_file(tmp_path, capsys, example_map):
    code, _, err = run(capsys, "new", str(tmp_path / "x.journey"), "--template", "nonsense")
    assert code == 1 and "five-phase" in err
    before = digest(example_map)
    code, _, err = run(capsys, "new", str(example_map))
    assert code == 1 and "already exists" in err
    assert digest(example_map) == before


def test_info_json_has_the_promised_fields(capsys, example_map):
    code, out, _ = run(capsys, "info", str(example_map), "--json")
    assert code == 0
    summary = json.loads(out)
    content = example_content()
    assert summary["title"] == content.info.title
    assert summary["stages"] == [s.name for s in content.stages]
    assert summary["lanes"] == [lane.name for lane in content.lanes]
    assert summary["personas"] == [p.name for p in content.personas]
    assert summary["card_count"] == len(content.cards)
    assert summary["connection_count"] == len(content.connections)
    assert isinstance(summary["schema_version"], int)


def test_info_text_and_check(capsys, example_map):
    code, out, _ = run(capsys, "info", str(example_map))
    assert code == 0 and "cards:" in out
    code, out, _ = run(capsys, "check", str(example_map))
    assert code == 0 and "integrity:      ok" in out


def test_json_export_then_import_gives_an_equal_map(tmp_path, capsys, example_map):
    before = digest(example_map)
    code, _, _ = run(capsys, "export", str(example_map), str(tmp_path / "map.json"))
    assert code == 0
    assert digest(example_map) == before
    code, _, _ = run(capsys, "import", str(tmp_path / "map.json"), str(tmp_path / "back.journey"))
    assert code == 0
    assert read_content(tmp_path / "back.journey") == read_content(example_map)


def test_mermaid_export_warns_and_imports_back(tmp_path, capsys, example_map):
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "map.mmd"))
    assert code == 0 and "warning" in err
    text = (tmp_path / "map.mmd").read_text()
    assert text.lstrip().startswith("journey")
    code, _, _ = run(capsys, "import", str(tmp_path / "map.mmd"), str(tmp_path / "m.journey"))
    assert code == 0
    assert [s.name for s in read_content(tmp_path / "m.journey").stages]


def test_mermaid_import_clamps_with_a_warning(tmp_path, capsys):
    source = tmp_path / "j.mmd"
    source.write_text("journey\ntitle Coffee\nsection Order\n  Pay: 9: Ana\n")
    code, _, err = run(capsys, "import", str(source), str(tmp_path / "c.journey"))
    assert code == 0 and "warning" in err


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("bad.json", "{not json", "json"),
        ("bad.mmd", "flowchart LR\n a-->b\n", "line 1"),
        ("bad.txt", "hello", "cannot import"),
    ],
)
def test_import_refuses_bad_sources(tmp_path, capsys, name, body, message):
    source = tmp_path / name
    source.write_text(body)
    before = digest(source)
    code, _, err = run(capsys, "import", str(source), str(tmp_path / "out.journey"))
    assert code == 1 and message in err.lower() and err.count("\n") == 1
    assert digest(source) == before
    assert not (tmp_path / "out.journey").exists()


def test_import_refuses_to_overwrite(tmp_path, capsys, example_map):
    write_json(example_content(), tmp_path / "m.json")
    before = digest(example_map)
    code, _, err = run(capsys, "import", str(tmp_path / "m.json"), str(example_map))
    assert code == 1 and "already exists" in err
    assert digest(example_map) == before


def test_export_refuses_unknown_formats_and_options(tmp_path, capsys, example_map):
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "map.docx"))
    assert code == 1 and ".docx" in err
    code, _, err = run(capsys, "export", str(example_map), str(tmp_path / "nowhere" / "map.json"))
    assert code == 1 and "no such folder" in err
    code, _, err = run(capsys, "export", str(example_map), str(example_map))
    assert code == 1


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["info"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main.main(["export", "a.journey", "b.pdf", "--portrait", "--landscape"])
    assert info.value.code == 2


def test_the_installed_command_runs_without_qt_for_headless_jobs(tmp_path, example_map):
    """`info` in a real process: status 0, and Qt, reportlab and networkx are never imported."""
    probe = (
        "import sys, main; code = main.main(['info', sys.argv[1]]);"
        "heavy = [m for m in ('PySide6', 'reportlab', 'networkx') if m in sys.modules];"
        "print('HEAVY', heavy); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(example_map)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_json_written_by_export_matches_the_map(tmp_path, capsys, example_map):
    run(capsys, "export", str(example_map), str(tmp_path / "m.json"))
    assert read_json(tmp_path / "m.json") == read_content(example_map)


def test_info_lists_the_participants(tmp_path, capsys):
    from model import ops
    from model.domain import Participant
    from model.persistence import MapFile

    path = tmp_path / "room.journey"
    with MapFile.create(path) as mapfile:
        mapfile.document.apply(ops.AddItem(Participant("Dana <ops> & co", "Support lead")))
        mapfile.document.apply(ops.AddItem(Participant("Eli")))
    code, out, _ = run(capsys, "info", "--json", str(path))
    assert code == 0 and json.loads(out)["participants"] == ["Dana <ops> & co", "Eli"]
    code, out, _ = run(capsys, "info", str(path))
    assert "participants: Dana <ops> & co, Eli" in out


def test_info_counts_what_is_about_a_card_rather_than_listing_card_ids(tmp_path, capsys):
    from model.persistence import MapFile
    from model.tobe import mark_to_be, set_to_be_emotion
    from tests.model.factories import small_map

    doc = small_map()
    felt = [c for c in doc.cards() if doc.emotion(c.id, doc.personas[0].id) is not None]
    for card in felt[:2]:
        doc.apply(set_to_be_emotion(doc, card.id, doc.personas[0].id, 2.0))
    doc.apply(mark_to_be(doc, [doc.cards()[0].id], True))
    path = tmp_path / "future.journey"
    MapFile.create(path, doc.content()).close()
    code, out, _ = run(capsys, "info", "--json", str(path))
    info = json.loads(out)
    assert code == 0 and (info["to_be_emotions"], info["to_be_cards"], info["room_ratings"]) == (2, 1, 0)
    code, out, _ = run(capsys, "info", str(path))
    assert "to_be_emotions: 2" in out and "to_be_cards:  1" in out and "room_ratings: 0" in out
    assert felt[0].id not in out
