"""Bugs the hostile corpus found outside the corpus table, kept as regression tests.

A newly found bug is added here as a strict xfail until its fix lands; the
table-driven cases use corpus.KNOWN_BUGS the same way.
"""

from __future__ import annotations

import shutil

import pytest

from tests.hostile.corpus import CORPUS, assert_refused_in_one_line, run_cli


@pytest.mark.parametrize("name", ["rows-break-model", "rows-dangling-reference", "rows-empty-title",
                                  "rows-bad-labels-json", "rows-blob-for-text"])
def test_check_refuses_a_map_that_cannot_be_opened(name, tmp_path):
    path = tmp_path / f"{name}.journey"
    shutil.copyfile(CORPUS / "journey" / f"{name}.journey", path)
    assert run_cli(["info", str(path)]).status == 1  # opening refuses it as damaged ...
    assert_refused_in_one_line(run_cli(["check", str(path)]))  # ... so check must not call it ok


def test_every_import_refusal_names_the_file(tmp_path):
    for name in ("json/not-json.json", "csv/wrong-columns.csv", "mermaid/no-journey.mmd"):
        source = tmp_path / f"diagram-{name.split('/')[1]}"
        shutil.copyfile(CORPUS / name, source)
        result = run_cli(["import", str(source), str(tmp_path / "out.journey")])
        assert_refused_in_one_line(result)
        assert source.name in result.stderr


@pytest.mark.parametrize("text", ["'=SUM(A1)", "'+1", "'@home"])
def test_card_text_with_a_leading_apostrophe_survives_csv(text):
    """A card typed as '=SUM(A1) (apostrophe included) must come back from CSV as typed."""
    from model.document import Content
    from model.domain import Card, Lane, MapInfo, Stage
    from model.interchange.csv_format import parse_csv, to_csv

    stage, lane = Stage("A"), Lane("Actions")
    content = Content(MapInfo("m"), (stage,), (lane,), (Card(stage.id, lane.id, text),))
    exported, _ = to_csv(content)
    again, _ = parse_csv(exported)
    assert [c.text for c in again.cards] == [text]


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@home", "plain", "'quoted'", "it's", "''=x"])
def test_card_text_survives_csv(text):
    from model.document import Content
    from model.domain import Card, Lane, MapInfo, Stage
    from model.interchange.csv_format import parse_csv, to_csv

    stage, lane = Stage("A"), Lane("Actions")
    content = Content(MapInfo("m"), (stage,), (lane,), (Card(stage.id, lane.id, text),))
    exported, _ = to_csv(content)
    import csv
    import io

    cell = next(row for row in csv.DictReader(io.StringIO(exported)))["text"]
    assert not cell.startswith(("=", "+", "-", "@"))  # defused for spreadsheets
    again, _ = parse_csv(exported)
    assert [c.text for c in again.cards] == [text]
