"""Every JSON, Mermaid and CSV file of the hostile corpus through `journeymap import` and the library.

What each file must do (the full list is `corpus.EXPECTED`; first match wins):

| files (tests/data/hostile/…)                                  | outcome  | why |
|---------------------------------------------------------------|----------|-----|
| json/good.json                                                | imported | the reference document |
| json/unicode-{rtl-marks,zalgo,bidi-isolates,emoji-zwj,control-chars} | imported | odd text is still text; kept exactly |
| json/unicode-nul-in-string, unicode-lone-*surrogate           | refused  | the file cannot hold them (NUL, unpaired UTF-16 half) |
| json/empty, whitespace, not-json, truncated, trailing-garbage | refused  | not JSON (line:column) |
| json/binary, utf16, latin1                                    | refused  | not UTF-8 |
| json/top-level-*, wrong-format, no-format, missing-map, only-header | refused | not our format |
| json/newer-version, version-{zero,string,float,bool}          | refused  | version we do not read |
| json/nan, infinity, float-overflow, huge-integer, duplicate-key, nested-1000 | refused | JSON we do not accept |
| json/wrong-type-* (every field of the document, one at a time) | refused | the schema names the field |
| json/bad-value-* (range, palette, references, ids, base64, …) | refused  | the model names the field |
| mermaid/good, crlf, cr-only, tabs, bom, double-bom, uppercase-keywords, comments-then-journey, sections-10000, task-name-100kb, score-fraction, actors-with-percent, actors-empty, hash-in-section, accdescr-unclosed, acctitle-empty, directive, front-matter, markup-in-names, br-in-names, rtl-zalgo, title-only, tasks-before-section | imported | Mermaid's own lexer reads them |
| mermaid/score-1e309, score-minus-1e309, score-minus-zero, score-many-digits, actors-200 | warned | clamped scores; shared colours |
| mermaid/empty, whitespace, only-comments, no-journey, other-diagram, directive-unclosed, front-matter-unclosed | refused | no `journey` |
| mermaid/score-{nan,infinity,hex,empty,missing}, hash-in-task, semicolon, stray-colon, second-journey, section-no-name, accdescr-nested-brace, long-line-of-colons, task-name-100kb-no-score, nul-in-task | refused | Mermaid's grammar (or the map) rejects the line |
| mermaid/latin1, utf16, binary                                 | refused  | not UTF-8 |
| csv/good, bom, crlf, semicolon-/tab-delimited, only-header, ragged-short, quote-in-unquoted-field, formula-injection, rows-3000, unicode-oddities, shift-jis-ascii-only | imported | formulas stay text |
| csv/good-survey, emotion-out-of-range, unknown-columns, columns-5000 | warned | 0–10 scale, clamped, ignored columns |
| csv/duplicated-columns, duplicated-emotion-columns, ragged-long | warned   | data is dropped, so the user must be told |
| csv/latin1, utf16-*, utf8-bom-utf16-body, shift-jis, nul-bytes, binary, xlsx-renamed | refused | not UTF-8 text |
| csv/empty, blank-lines, no-stage-column, wrong-columns, empty-stage, unterminated-quote, bad-*, impact-*, votes-negative, emotion-{nan,inf,1e309,many-digits}, survey-* | refused | the row and column are named |
| xlsx/good, exported-hostile-text, libreoffice-resaved, sheet1-only, only-header, real-formulas, dimension-huge | imported | text stays text; formulas are never evaluated; a wrong stored size is ignored |
| xlsx/with-survey, emotion-out-of-range, extra-sheet                   | warned   | the survey's scale, clamped values, an ignored sheet |
| xlsx/empty, junk, text-renamed, zip-not-xlsx, xls-renamed, truncated-half, bitflip-sheet, sheet-xml-truncated, workbook-xml-garbage, shared-strings-missing | refused | not a workbook, or a damaged one |
| xlsx/no-cards-sheet, empty-sheet, only-survey, cards-wrong-header, survey-wrong-header | refused | no cards sheet, or a header that is not what the sheet's name says |
| xlsx/bad-kind, emotion-text, empty-stage, survey-score-11           | refused  | as in CSV, naming the sheet, row and column |
| xlsx/zip-bomb-declared, rows-300000, columns-12000, billion-laughs, external-entity | refused | absurd sizes; entities are never expanded or fetched |

Files in `corpus.KNOWN_BUGS` are strict xfails: the outcome above is right, the code does not do it yet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    CORPUS, KNOWN_BUGS, REFUSED, WARNED, assert_clean_success, assert_refused_in_one_line, assert_short_messages,
    corpus_files, expected, neighbours, run_cli, sha256,
)

KINDS = ("journey", "json", "mermaid", "csv", "xlsx")


def _params(kind: str) -> list:
    return [
        pytest.param(relative, id=relative,
                     marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[relative])] if relative in KNOWN_BUGS else [])
        for relative in corpus_files(kind)
    ]


def _parse_text(path: Path, text: str):
    if path.suffix == ".json":
        from model.interchange.json_format import loads

        return loads(text), []
    if path.suffix == ".mmd":
        from model.interchange.mermaid import parse_mermaid

        return parse_mermaid(text)
    from model.interchange.csv_format import parse_csv

    return parse_csv(text)


def check_import(relative: str, tmp_path: Path) -> None:
    from model.errors import ImportRefusedError
    from model.interchange.formats import read_interchange
    from model.persistence import read_content

    outcome = expected(relative)
    source_dir, out_dir = tmp_path / "in", tmp_path / "out"
    source_dir.mkdir()
    out_dir.mkdir()
    source = source_dir / Path(relative).name
    shutil.copyfile(CORPUS / relative, source)
    before = sha256(source)
    out = out_dir / "imported.journey"

    result = run_cli(["import", str(source), str(out)])
    assert_short_messages(result)
    if outcome == REFUSED:
        assert_refused_in_one_line(result)
        assert list(out_dir.iterdir()) == []  # no map, no half-made temporary
        with pytest.raises(ImportRefusedError):
            read_interchange(source)
    else:
        assert_clean_success(result, warned=outcome == WARNED)
        assert sorted(p.name for p in out_dir.iterdir()) == ["imported.journey"]
        saved = read_content(out)
        content, warnings = read_interchange(source)
        assert bool(warnings) == (outcome == WARNED)
        if source.suffix == ".json":
            assert saved == content  # ids are the file's: the map holds exactly what was read
        else:
            assert [c.text for c in saved.cards] == [c.text for c in content.cards]
            assert [s.name for s in saved.stages] == [s.name for s in content.stages]
    # The text (or bytes) entry points agree with the file ones, whatever the file holds.
    try:
        text = source.read_bytes().decode("utf-8-sig") if source.suffix != ".xlsx" else None
    except UnicodeDecodeError:
        text = None
    if source.suffix == ".xlsx":
        from model.interchange.xlsx_format import parse_xlsx

        if outcome == REFUSED:
            with pytest.raises(ImportRefusedError):
                parse_xlsx(source.read_bytes())
        else:
            parse_xlsx(source.read_bytes())
    if text is not None:
        if outcome == REFUSED:
            with pytest.raises(ImportRefusedError):
                _parse_text(source, text)
        else:
            _parse_text(source, text)
    assert sha256(source) == before
    assert neighbours(source) == []


@pytest.mark.parametrize("relative", _params("json"))
def test_json_file(relative, tmp_path):
    check_import(relative, tmp_path)


@pytest.mark.parametrize("relative", _params("mermaid"))
def test_mermaid_file(relative, tmp_path):
    check_import(relative, tmp_path)


@pytest.mark.parametrize("relative", _params("csv"))
def test_csv_file(relative, tmp_path):
    check_import(relative, tmp_path)


@pytest.mark.parametrize("relative", _params("xlsx"))
def test_xlsx_file(relative, tmp_path):
    check_import(relative, tmp_path)


def test_every_file_has_an_expectation():
    for kind in KINDS:
        for relative in corpus_files(kind):
            assert expected(relative) is not None, relative
    assert set(KNOWN_BUGS) <= {r for k in KINDS for r in corpus_files(k)}


def test_the_corpus_holds_the_promised_cases():
    names = {Path(r).stem for k in KINDS for r in corpus_files(k)}
    for wanted in ("empty", "junk", "truncated-half", "bitflip-page2", "foreign-sqlite", "newer-schema",
                   "schema-with-trigger", "schema-with-view", "our-id-missing-tables", "zip-renamed",
                   "text-renamed", "not-json", "wrong-format", "newer-version", "unicode-lone-surrogate",
                   "unicode-nul-in-string", "unicode-rtl-marks", "unicode-zalgo", "no-journey", "only-comments",
                   "crlf", "tabs", "bom", "sections-10000", "task-name-100kb", "score-1e309", "score-minus-zero",
                   "score-nan", "score-hex", "actors-with-percent", "hash-in-task", "accdescr-unclosed",
                   "latin1", "utf16-bom", "utf16-le-no-bom", "shift-jis", "no-stage-column", "duplicated-columns",
                   "ragged-long", "formula-injection", "nul-bytes", "only-header", "zip-not-xlsx", "xls-renamed",
                   "no-cards-sheet", "cards-wrong-header", "zip-bomb-declared", "rows-300000", "billion-laughs",
                   "exported-hostile-text", "real-formulas"):
        assert wanted in names, wanted
    assert len([n for n in names if n.startswith("wrong-type-")]) >= 40
    assert max(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < 300_000  # a schema-3 map: ~60 tables and indexes, a 4 KiB page each, even when empty


def test_imported_formulas_stay_text(tmp_path):
    from model.interchange.csv_format import read_csv

    content, _ = read_csv(CORPUS / "csv" / "formula-injection.csv")
    texts = {c.text for c in content.cards} | {c.notes for c in content.cards} | {c.owner for c in content.cards}
    assert '=HYPERLINK("http://evil","x")' in texts
    assert "+cmd|' /C calc'!A0" in texts
    assert "@SUM(A1)" in texts
    assert "=1+1" in {s.name for s in content.stages}


def test_formulas_in_a_workbook_stay_text_and_are_never_evaluated():
    from model.interchange.xlsx_format import read_xlsx

    exported, _ = read_xlsx(CORPUS / "xlsx" / "exported-hostile-text.xlsx")
    texts = {c.text for c in exported.cards}
    assert {'=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "=1+1"} <= texts
    assert "bell\x07 esc\x1b cr\r crlf\r\n" in texts and "_x0041_ _x005F_" in texts
    assert [s.name for s in exported.stages] == ["=1+1"] and [p.name for p in exported.personas] == ["-Ana"]
    # Saved again by LibreOffice: still text, never computed (it turned each lone CR into a line feed).
    resaved, _ = read_xlsx(CORPUS / "xlsx" / "libreoffice-resaved.xlsx")
    assert [c.text for c in resaved.cards][:5] == [c.text for c in exported.cards][:5]
    formulas, _ = read_xlsx(CORPUS / "xlsx" / "real-formulas.xlsx")
    assert [(c.text, c.notes) for c in formulas.cards] == [("", "")]  # no saved value: empty, not "2"


def test_odd_unicode_is_kept_exactly_through_a_saved_map(tmp_path):
    import json

    from model.persistence import read_content

    for name in ("rtl-marks", "zalgo", "bidi-isolates", "emoji-zwj", "control-chars"):
        source = CORPUS / "json" / f"unicode-{name}.json"
        out = tmp_path / f"{name}.journey"
        assert run_cli(["import", str(source), str(out)]).status == 0
        wanted = json.loads(source.read_text(encoding="utf-8"))["cards"][0]["text"]
        assert read_content(out).cards[0].text == wanted
