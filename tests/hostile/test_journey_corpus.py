"""Every .journey file of the hostile corpus through `journeymap info/check/export` and the file API.

| files (tests/data/hostile/journey/…)                 | outcome | why |
|------------------------------------------------------|---------|-----|
| good                                                 | opens   | the reference map |
| bitflip-header-schema-cookie                         | opens   | the cookie only invalidates SQLite's schema cache |
| bitflip-data-page-cell                               | opens   | the flip lands in a cell's unused bytes; SQLite has no page checksums, so nothing can notice |
| bitflip-header-write-version                         | refused | the header asks for a newer SQLite to write it: editing would fail on every change |
| empty, junk, text-renamed, zip-renamed               | refused | not an SQLite database |
| magic-then-junk, bitflip-header-page-size            | refused | invalid page size |
| truncated-in-header, truncated-first-page            | refused | truncated (said so) |
| truncated-half, truncated-last-page, pages-swapped, zeroed-page, bitflip-header-{page-count,freelist}, bitflip-page1-*, bitflip-page2, bitflip-last-page | refused | damaged (quick_check or SQLite names the damage) |
| foreign-sqlite, foreign-application-id, bitflip-header-application-id | refused | another program's database |
| newer-schema, bitflip-header-user-version            | refused | made by a newer Journeymap |
| schema-version-zero                                  | refused | unknown schema version |
| schema-with-{trigger,view,extra-table,extra-index}   | refused | schema objects we did not create are hostile |
| our-id-missing-tables, our-id-no-tables              | refused | our id, but tables are missing |
| rows-{break-model,dangling-reference,empty-title,bad-labels-json,blob-for-text} | refused | rows the model refuses: damaged |
| (test time) card-1mb                                 | opens   | 1,000,000 characters is the model's MAX_TEXT: a card may hold it, so the map must open, edit and save |
| (test time) rows-card-over-limit                     | refused | over MAX_TEXT: no edit could have written it, so the file is damaged |

`check` on the rows-* files exits 0 today ("integrity: ok") although the map cannot be
opened: tests/hostile/test_known_bugs.py holds the strict xfail for that; here `check`
may exit 0 or refuse for them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    CORPUS, KNOWN_BUGS, OPENS, REFUSED, assert_clean_success, assert_refused_in_one_line, assert_short_messages,
    corpus_files, expected, neighbours, run_cli, sha256,
)

# A map whose rows the model refuses passes SQLite's integrity check; see the module docstring.
CHECK_CANNOT_SEE = ("rows-",)


def _params() -> list:
    return [
        pytest.param(relative, id=relative,
                     marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[relative])] if relative in KNOWN_BUGS else [])
        for relative in corpus_files("journey")
    ]


def check_map(path: Path, outcome: str) -> None:
    from model.errors import FileRefusedError
    from model.persistence import MapFile, check_file, read_content

    before = sha256(path)
    info = run_cli(["info", str(path)])
    info_json = run_cli(["info", "--json", str(path)])
    check = run_cli(["check", str(path)])
    export = run_cli(["export", str(path), str(path.parent.parent / "out" / "copy.json")])
    for result in (info, info_json, check, export):
        assert_short_messages(result)
        assert "Traceback" not in result.stderr
    if outcome == OPENS:
        for result in (info, info_json, check, export):
            assert_clean_success(result, warned=False)
        assert json.loads(info_json.stdout)["card_count"] >= 1
        content = read_content(path)
        with MapFile.open(path, read_only=True) as mapfile:
            assert mapfile.document.content() == content
        with MapFile.open(path) as mapfile:  # for editing: the lock, a backup, quick_check
            assert mapfile.document.content() == content
        assert check_file(path).integrity == "ok"
    else:
        assert outcome == REFUSED
        for result in (info, info_json, export):
            assert_refused_in_one_line(result)
        if check.status != 0 or not path.name.startswith(CHECK_CANNOT_SEE):
            assert_refused_in_one_line(check)
        for open_it in (lambda: read_content(path), lambda: MapFile.open(path, read_only=True),
                        lambda: MapFile.open(path)):
            with pytest.raises(FileRefusedError) as refused:
                open_it()
            assert "\n" not in str(refused.value)
        try:
            report = check_file(path)
        except FileRefusedError:
            pass
        else:  # check_file reports damage instead of refusing it
            assert report.integrity != "ok" or path.name.startswith(CHECK_CANNOT_SEE)
    assert sha256(path) == before
    assert neighbours(path) == []


@pytest.mark.parametrize("relative", _params())
def test_journey_file(relative, tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    path = folder / Path(relative).name
    shutil.copyfile(CORPUS / relative, path)
    check_map(path, expected(relative))
    assert sha256(path) == sha256(CORPUS / relative)


def test_a_card_of_one_million_characters_opens_edits_and_saves(tmp_path):
    """MAX_TEXT is 1,000,000 characters, so a map holding that must work like any other."""
    from model import ops
    from model.persistence import MapFile, read_content
    from tests.hostile.make_corpus import write_huge

    huge = write_huge(tmp_path / "huge")
    folder = tmp_path / "maps"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    path = folder / "card-1mb.journey"
    shutil.copyfile(huge["card-1mb.journey"], path)
    check_map(path, OPENS)
    with MapFile.open(path) as mapfile:
        card = max(mapfile.document.cards(), key=lambda c: len(c.text))
        assert len(card.text) == 1_000_000 - 3
        mapfile.document.apply(ops.UpdateCard(card.id, {"notes": "edited beside a huge text"}))
    assert max(read_content(path).cards, key=lambda c: len(c.text)).notes == "edited beside a huge text"
    assert neighbours(path) == []

    over = folder.parent / "over" / "rows-card-over-limit.journey"
    over.parent.mkdir()
    shutil.copyfile(huge["rows-card-over-limit.journey"], over)
    check_map(over, REFUSED)
    assert "longer than 1,000,000 characters" in run_cli(["info", str(over)]).stderr
