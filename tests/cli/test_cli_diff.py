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
        "the two maps share no ids: entities were paired by their text and place (participants, voting sessions,"
        " workshop steps, to-be emotions and to-be marks by id only)",
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


# -- two snapshots of one map ------------------------------------------------------------------


@pytest.fixture
def workshop_snapshots(tmp_path) -> Path:
    """A small map with snapshot "Kick-off" (Bob, a one-step plan, the session "Top pains" with 2 dots on
    "Awareness hurts"), then "After voting" (Bob renamed Robert, a step added, the session revealed, the
    card at 5 votes, 3 journal entries), then one more edit the snapshots do not hold."""
    from model import voting
    from model.domain import Participant, VotingSession
    from model.workshop_domain import Activity, JournalEntry, WorkshopStep
    from tests.model.factories import small_map

    path = tmp_path / "workshop.journey"
    MapFile.create(path, small_map().content()).close()
    with MapFile.open(path) as mapfile:
        doc = mapfile.document
        hurts = next(c for c in doc.cards() if c.text == "Awareness hurts")
        bob, session = Participant("Bob"), VotingSession("Top pains")
        doc.apply(ops.AddItem(bob))
        doc.apply(ops.AddItem(WorkshopStep("Capture", Activity.CAPTURE, 15)))
        doc.apply(voting.add_session(doc, session))
        doc.apply(voting.set_wall_total(doc, session.id, hurts.id, 2))
        mapfile.create_snapshot("Kick-off")
        doc.apply(ops.UpdateItem("participant", bob.id, {"name": "Robert"}))
        doc.apply(ops.AddItem(WorkshopStep("Vote", Activity.VOTE, 10)))
        doc.apply(voting.reveal(doc, session.id))
        doc.apply(voting.set_wall_total(doc, session.id, hurts.id, 5))
        for minute in range(3):
            doc.apply(ops.AddItem(JournalEntry(f"2024-05-01T10:0{minute}:00Z", "note")))
        mapfile.create_snapshot("After voting")
        doc.apply(ops.UpdateMap({"title": "After the snapshots"}))
    return path


def test_two_snapshots_of_a_map_as_text(capsys, workshop_snapshots):
    path = workshop_snapshots
    before = digest(path)
    code, out, err = run(capsys, "diff", str(path), "--snapshot", "Kick-off", "--snapshot", "After voting")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("comparing snapshot 'Kick-off' of workshop.journey (")
    assert ") with snapshot 'After voting' of workshop.journey (" in lines[0]
    assert lines[0].endswith(") (matched by id)")
    assert lines[1:] == [
        "~ card 'Awareness hurts': votes (Top pains): 2 → 5",
        "~ participant 'Robert': name: 'Bob' → 'Robert'",
        "~ voting session 'Top pains': revealed: no → yes",
        "+ workshop step 'Vote'",
        "run data, counted not listed: 3 journal entries added",
        "1 added, 3 changed",
    ]  # the title changed after the second snapshot: not here
    assert digest(path) == before


def test_two_snapshots_of_a_map_as_json_the_later_given_second_and_reversed(capsys, workshop_snapshots):
    path = workshop_snapshots
    code, out, _ = run(capsys, "diff", str(path), "--snapshot", "Kick-off", "--snapshot", "After voting", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["before"]["file"] == data["after"]["file"] == str(path)
    assert (data["before"]["snapshot"]["name"], data["after"]["snapshot"]["name"]) == ("Kick-off", "After voting")
    assert [(d["kind"], d["status"], [f["field"] for f in d["fields"]]) for d in data["differences"]] == [
        ("card", "changed", ["votes (Top pains)"]), ("participant", "changed", ["name"]),
        ("voting_session", "changed", ["revealed"]), ("workshop_step", "added", [])]
    assert data["differences"][0]["fields"][0] == {"field": "votes (Top pains)", "before": 2, "after": 5}
    assert data["run_data"] == [{"kind": "journal_entry", "table": "journal_entries", "added": 3, "removed": 0,
                                 "changed": 0}]
    # Given the other way round: the same differences, undone.
    code, out, _ = run(capsys, "diff", str(path), "--snapshot", "After voting", "--snapshot", "Kick-off", "--json")
    data = json.loads(out)
    assert [(d["kind"], d["status"]) for d in data["differences"]] == [
        ("card", "changed"), ("participant", "changed"), ("voting_session", "changed"), ("workshop_step", "removed")]
    assert data["differences"][0]["fields"][0] == {"field": "votes (Top pains)", "before": 5, "after": 2}
    assert data["run_data"][0]["removed"] == 3


def test_two_snapshots_make_a_comparison_poster(tmp_path, capsys, workshop_snapshots):
    from pypdf import PdfReader

    from tests.export.pdfcheck import flat

    out = tmp_path / "changes.pdf"
    code, stdout, err = run(capsys, "diff", str(workshop_snapshots), "--snapshot", "Kick-off", "--snapshot",
                            "After voting", "--poster", str(out), "--paper", "A3")
    assert (code, stdout, err) == (0, f"{out}\n", "")
    listing = flat(" ".join(page.extract_text() for page in PdfReader(str(out)).pages[1:]))
    assert "Participant changed: 'Robert'" in listing and "votes (Top pains): 2 → 5" in listing
    assert "Run data, counted not listed: 3 journal entries added." in listing


@pytest.mark.parametrize("names", [["Kick-off", "Nope"], ["Nope", "After voting"]])
def test_an_unknown_one_of_two_snapshots_is_refused_in_one_line(capsys, workshop_snapshots, names):
    before = digest(workshop_snapshots)
    code, out, err = run(capsys, "diff", str(workshop_snapshots), "--snapshot", names[0], "--snapshot", names[1])
    assert code == 1 and out == ""
    assert err == ("journeymap: error: workshop.journey has no snapshot named 'Nope'; its snapshots: 'Kick-off', "
                   "'After voting'\n")
    assert digest(workshop_snapshots) == before


@pytest.mark.parametrize("extra", [["--snapshot", "a", "--snapshot", "b", "--snapshot", "c"],
                                   ["B.journey", "--snapshot", "a", "--snapshot", "b"]])
def test_three_snapshots_or_two_with_b_are_usage_errors(capsys, workshop_snapshots, extra):
    with pytest.raises(SystemExit) as info:
        main.main(["diff", str(workshop_snapshots), *extra])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert ("at most twice" in err) if extra[0] == "--snapshot" else ("leave B out" in err)
