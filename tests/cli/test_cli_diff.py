"""`journeymap diff A B [--snapshot NAME] [--json]`: text and JSON, snapshots read without the lock, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from model import ops
from model.diff import short
from model.diff_report import quote
from model.domain import Card
from model.persistence import MapFile
from model.templates import example_content
from tests.cli.test_cli import BAD_FILES, digest, run


def _edit(path: Path, *ops_of) -> None:
    """Apply operations (built from the open document) to the map at `path`."""
    with MapFile.open(path) as mapfile:
        for make in ops_of:
            mapfile.document.apply(make(mapfile.document))


@pytest.fixture
def versions(tmp_path) -> tuple[Path, Path]:
    """The example map, and a copy with one card edited, one card moved, one stage renamed."""
    a, b = tmp_path / "before.journey", tmp_path / "after.journey"
    MapFile.create(a, example_content()).close()
    MapFile.create(b, example_content()).close()
    doc = example_content()
    last = doc.stages[-1]
    lane = next(x for x in doc.lanes if x.kind == "cards")
    _edit(
        b,
        lambda d: ops.UpdateCard(d.cards()[0].id, {"text": "Hears about us from a friend", "owner": "Sales"}),
        lambda d: ops.MoveCard(d.cards()[1].id, last.id, lane.id, 0),
        lambda d: ops.UpdateStage(d.stages[0].id, {"name": "Noticing"}),
    )
    return a, b


def test_two_files_as_text(capsys, versions):
    a, b = versions
    code, out, err = run(capsys, "diff", str(a), str(b))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "comparing before.journey with after.journey (matched by id)",
        "~ stage 'Noticing': name: 'Awareness' → 'Noticing'",
        "~ card 'Hears about us from a friend': text: 'Maria sees overtime up 18% after two missed delivery window…'"
        " → 'Hears about us from a friend'; owner: (empty) → 'Sales'",
        "> card 'Searches “fleet scheduling software for regional hauliers”…': moved from"
        " 'Awareness' / 'Actions' #2 to 'Advocacy' / 'Actions' #1",  # each place named as it was then
        "2 changed, 1 moved",
    ]


def test_two_files_as_json(capsys, versions):
    a, b = versions
    before = digest(a), digest(b)
    code, out, _ = run(capsys, "diff", str(a), str(b), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["before"] == {"file": str(a)} and data["after"] == {"file": str(b)}
    assert data["matched_by"] == "id"
    assert data["counts"] == {"added": 0, "removed": 0, "changed": 2, "moved": 1}
    assert [(d["kind"], d["status"]) for d in data["differences"]] == [
        ("stage", "changed"), ("card", "changed"), ("card", "moved")]
    assert (digest(a), digest(b)) == before


def test_a_map_against_its_snapshot_read_while_another_journeymap_holds_it(tmp_path, capsys):
    path = tmp_path / "map.journey"
    MapFile.create(path, example_content()).close()
    holder = MapFile.open(path)  # a live editor holds the lock all along
    try:
        holder.create_snapshot("Workshop 1")
        card = holder.document.cards()[2]
        holder.document.apply(ops.RemoveCard(card.id))
        code, out, err = run(capsys, "diff", str(path), "--snapshot", "Workshop 1")
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0].startswith("comparing snapshot 'Workshop 1' of map.journey (")
        assert lines[0].endswith(") with map.journey now (matched by id)")
        assert lines[1].startswith(f"- card {quote(short(card.text))}: was in ")
        assert all(line.startswith("- ") for line in lines[1:-1])  # the card, and its emotions and connections
        assert lines[-1] == f"{len(lines) - 2} removed"
        code, out, _ = run(capsys, "diff", str(path), "--snapshot", "Workshop 1", "--json")
        data = json.loads(out)
        assert data["before"]["snapshot"]["name"] == "Workshop 1"
        assert ("card", "removed", card.id) in [(d["kind"], d["status"], d["before_id"]) for d in data["differences"]]
        assert holder.document.card_count == len(example_content().cards) - 1  # the holder still edits
        holder.document.apply(ops.UpdateMap({"title": "Still mine"}))
    finally:
        holder.close()


def test_a_snapshot_of_a_compared_with_another_file(tmp_path, capsys, versions):
    a, b = versions
    with MapFile.open(a) as mapfile:
        mapfile.create_snapshot("v1")
        mapfile.document.apply(ops.UpdateMap({"title": "changed after the snapshot"}))
    code, out, _ = run(capsys, "diff", str(a), str(b), "--snapshot", "v1", "--json")
    data = json.loads(out)
    assert data["after"] == {"file": str(b)}
    assert "map" not in [d["kind"] for d in data["differences"]]  # the snapshot predates the title change
    assert data["counts"]["changed"] == 2


def test_the_newest_of_snapshots_sharing_a_name_is_compared_with_a_warning(tmp_path, capsys):
    path = tmp_path / "map.journey"
    MapFile.create(path, example_content()).close()
    with MapFile.open(path) as mapfile:
        mapfile.create_snapshot("Workshop")
        mapfile.document.apply(ops.UpdateMap({"title": "Second"}))
        mapfile.create_snapshot("Workshop")
        mapfile.document.apply(ops.AddCard(Card(mapfile.document.stages[0].id, mapfile.document.lanes[0].id, "new")))
    code, out, err = run(capsys, "diff", str(path), "--snapshot", "Workshop")
    assert code == 0
    assert err.startswith("journeymap: warning: 2 snapshots are named 'Workshop'; comparing the newest")
    assert out.splitlines()[1:] == ["+ card 'new': in " + out.splitlines()[1].split(" in ", 1)[1], "1 added"]


def test_an_unknown_snapshot_is_refused_naming_the_ones_there_are(tmp_path, capsys):
    path = tmp_path / "map.journey"
    MapFile.create(path, example_content()).close()
    with MapFile.open(path) as mapfile:
        mapfile.create_snapshot("Kick-off")
    before = digest(path)
    code, out, err = run(capsys, "diff", str(path), "--snapshot", "LAST-PRINT")
    assert code == 1 and out == ""
    assert err == "journeymap: error: map.journey has no snapshot named 'LAST-PRINT'; its snapshots: 'Kick-off'\n"
    assert digest(path) == before


def test_maps_made_apart_are_matched_by_text_and_say_so(tmp_path, capsys, versions):
    mmd = tmp_path / "map.mmd"
    run(capsys, "export", str(versions[0]), str(mmd))
    for name in ("b.journey", "c.journey"):  # each import gives every entity a fresh id
        code, _, _ = run(capsys, "import", str(mmd), str(tmp_path / name))
        assert code == 0
    code, out, _ = run(capsys, "diff", str(tmp_path / "b.journey"), str(tmp_path / "c.journey"))
    assert code == 0
    assert out.splitlines() == [
        "comparing b.journey with c.journey (matched by text and position)",
        "the two maps share no ids: entities were paired by their text and place",
        "no differences",
    ]


def test_hostile_card_text_cannot_reach_the_terminal(tmp_path, capsys, versions):
    a, b = versions
    _edit(b, lambda d: ops.UpdateCard(d.cards()[3].id, {"text": "\x1b]0;owned\x07\x1b[2Jgone\nfake line\u202e"}))
    code, out, _ = run(capsys, "diff", str(a), str(b))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "'\\u001b]0;owned\\u0007\\u001b[2Jgone\\nfake line\\u202e'" in out


def test_b_or_a_snapshot_is_needed(capsys, versions):
    with pytest.raises(SystemExit) as info:
        main.main(["diff", str(versions[0])])
    assert info.value.code == 2
    assert "diff needs B, or --snapshot NAME" in capsys.readouterr().err


@pytest.mark.parametrize("bad", list(BAD_FILES))
@pytest.mark.parametrize("side", ["A", "B", "A with --snapshot"])
def test_bad_maps_are_refused_in_one_line_and_left_untouched(tmp_path, capsys, versions, bad, side):
    good = versions[0]
    path = BAD_FILES[bad](tmp_path)
    before = None if path.is_dir() else digest(path)
    argv = {"A": [str(path), str(good)], "B": [str(good), str(path)], "A with --snapshot": [str(path), "--snapshot", "x"]}
    code, out, err = run(capsys, "diff", *argv[side])
    assert code == 1 and out == ""
    assert err.startswith("journeymap: error: ") and err.count("\n") == 1, err
    assert "unexpected" not in err
    if before is not None:
        assert digest(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(("-journal", "-wal", "-shm", ".lock"))]


def test_a_missing_file_is_refused(tmp_path, capsys, versions):
    code, _, err = run(capsys, "diff", str(versions[0]), str(tmp_path / "nope.journey"))
    assert code == 1 and err == f"journeymap: error: {tmp_path / 'nope.journey'}: no such file\n"


def test_diff_writes_a_comparison_poster(tmp_path, capsys):
    """`journeymap diff A --snapshot NAME --poster OUT.pdf`: the map now with the changes marked, read back."""
    from pypdf import PdfReader

    from tests.export.maps import workshop_map
    from tests.export.pdfcheck import flat

    path = tmp_path / "map.journey"
    MapFile.create(path, workshop_map().content()).close()
    with MapFile.open(path) as mapfile:
        mapfile.create_snapshot("Workshop 1")
        gone = mapfile.document.cards()[2]
        mapfile.document.apply(ops.RemoveCard(gone.id))
    before = digest(path)
    out = tmp_path / "changes.pdf"
    code, stdout, err = run(capsys, "diff", str(path), "--snapshot", "Workshop 1", "--poster", str(out), "--paper", "A2")
    assert (code, stdout, err) == (0, f"{out}\n", "")
    page = flat(PdfReader(str(out)).pages[0].extract_text())
    assert "Removed, shown where it was (1)" in page and f"Removed {gone.text}" in page
    assert digest(path) == before
    with pytest.raises(SystemExit) as info:
        main.main(["diff", str(path), "--snapshot", "Workshop 1", "--poster", str(tmp_path / "c.png")])
    assert info.value.code == 2
