"""What each corpus file must do, and the helpers that run it through the real entry points.

Outcomes:
* REFUSED  – `journeymap` exits 1 with exactly one stderr line `journeymap: error: …`
             (never "unexpected problem", never a traceback); the library raises the
             documented typed error (FileRefusedError for maps, ImportRefusedError for imports).
* IMPORTED – exit 0, nothing on stderr; the new map opens and holds what the library read.
* WARNED   – exit 0, every stderr line is `journeymap: warning: …`; the library returns warnings.
* OPENS    – (maps) info, check, MapFile.open (editing and read-only), read_content all work.

Every file is copied into a fresh folder first; afterwards its sha256 is unchanged and
nothing (journal, WAL, lock, temporary) is left beside it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "hostile"

REFUSED, IMPORTED, WARNED, OPENS = "refused", "imported", "warned", "opens"

# A refusal or warning is one line a person reads; quoting a hostile 100 KB name in it is a bug.
MAX_MESSAGE_CHARS = 1000

# First matching pattern wins. Anything a pattern does not cover fails test_every_file_has_an_expectation.
EXPECTED: list[tuple[str, str]] = [
    # .journey: only intact maps of our schema open; a flip SQLite cannot notice (no page checksums)
    # in the write-version byte, the schema cookie or a text cell still opens.
    ("journey/good.journey", OPENS),
    ("journey/bitflip-header-schema-cookie.journey", OPENS),  # only invalidates SQLite's schema cache
    ("journey/bitflip-data-page-cell.journey", OPENS),  # lands in a cell's free space: nothing to detect
    ("journey/*", REFUSED),
    # JSON: only the good document and text that is merely unusual; everything else is refused.
    ("json/good.json", IMPORTED),
    ("json/unicode-rtl-marks.json", IMPORTED),
    ("json/unicode-zalgo.json", IMPORTED),
    ("json/unicode-bidi-isolates.json", IMPORTED),
    ("json/unicode-emoji-zwj.json", IMPORTED),
    ("json/unicode-control-chars.json", IMPORTED),  # ESC and BEL are text; drawing shows them as boxes
    ("json/*", REFUSED),
    # Mermaid: follows Mermaid's own lexer, so odd-but-valid text imports; out-of-range scores warn.
    ("mermaid/score-1e309.mmd", WARNED),
    ("mermaid/score-minus-1e309.mmd", WARNED),
    ("mermaid/score-minus-zero.mmd", WARNED),  # JS Number("-0") is 0, below 1: clamped
    ("mermaid/score-many-digits.mmd", WARNED),
    ("mermaid/actors-200.mmd", WARNED),  # more actors than persona colours
    ("mermaid/good.mmd", IMPORTED),
    ("mermaid/crlf.mmd", IMPORTED),
    ("mermaid/cr-only.mmd", IMPORTED),
    ("mermaid/tabs.mmd", IMPORTED),
    ("mermaid/bom.mmd", IMPORTED),
    ("mermaid/double-bom.mmd", IMPORTED),  # the second BOM is whitespace to the lexer
    ("mermaid/uppercase-keywords.mmd", IMPORTED),
    ("mermaid/comments-then-journey.mmd", IMPORTED),
    ("mermaid/sections-10000.mmd", IMPORTED),
    ("mermaid/task-name-100kb.mmd", IMPORTED),
    ("mermaid/score-fraction.mmd", IMPORTED),
    ("mermaid/actors-with-percent.mmd", IMPORTED),  # `%%` inside the actor list belongs to it, as in Mermaid
    ("mermaid/actors-empty.mmd", IMPORTED),
    ("mermaid/hash-in-section.mmd", IMPORTED),  # `#` ends the section name: "Plan "
    ("mermaid/accdescr-unclosed.mmd", IMPORTED),  # Mermaid reads the rest of the file as the description
    ("mermaid/acctitle-empty.mmd", IMPORTED),
    ("mermaid/directive.mmd", IMPORTED),
    ("mermaid/front-matter.mmd", IMPORTED),
    ("mermaid/markup-in-names.mmd", IMPORTED),  # kept as literal text
    ("mermaid/br-in-names.mmd", IMPORTED),
    ("mermaid/rtl-zalgo.mmd", IMPORTED),
    ("mermaid/title-only.mmd", IMPORTED),
    ("mermaid/tasks-before-section.mmd", IMPORTED),
    ("mermaid/*", REFUSED),
    # CSV: wrong encodings, binary, unknown headers and values the map cannot hold are refused.
    ("csv/good-survey.csv", WARNED),  # a 9 puts the scores on the 0–10 scale, said in a warning
    ("csv/emotion-out-of-range.csv", WARNED),
    ("csv/unknown-columns.csv", WARNED),
    ("csv/columns-5000.csv", WARNED),
    ("csv/duplicated-columns.csv", WARNED),  # the second column is ignored, with a warning
    ("csv/duplicated-emotion-columns.csv", WARNED),  # same
    ("csv/ragged-long.csv", WARNED),  # the extra cells are ignored, with a warning
    ("csv/good.csv", IMPORTED),
    ("csv/bom.csv", IMPORTED),
    ("csv/crlf.csv", IMPORTED),
    ("csv/semicolon-delimited.csv", IMPORTED),
    ("csv/tab-delimited.csv", IMPORTED),
    ("csv/only-header.csv", IMPORTED),  # a table with no rows: an empty map
    ("csv/ragged-short.csv", IMPORTED),  # missing cells are empty cells, as in a spreadsheet
    ("csv/quote-in-unquoted-field.csv", IMPORTED),  # a spreadsheet keeps ab"cd as it is
    ("csv/formula-injection.csv", IMPORTED),  # the formulas become card text, never evaluated
    ("csv/rows-3000.csv", IMPORTED),
    ("csv/unicode-oddities.csv", IMPORTED),
    ("csv/shift-jis-ascii-only.csv", IMPORTED),  # ASCII-only Shift-JIS is UTF-8
    ("csv/*", REFUSED),
    # Excel: workbooks a spreadsheet saves import; anything else, damaged or absurd, is refused.
    ("xlsx/good.xlsx", IMPORTED),
    ("xlsx/exported-hostile-text.xlsx", IMPORTED),  # formulas, control characters, _x escapes: literal text
    ("xlsx/libreoffice-resaved.xlsx", IMPORTED),  # the same, opened and saved by LibreOffice Calc (shared strings)
    ("xlsx/sheet1-only.xlsx", IMPORTED),  # one sheet of cards needs no name
    ("xlsx/only-header.xlsx", IMPORTED),
    ("xlsx/real-formulas.xlsx", IMPORTED),  # never evaluated: no value was saved, so the cells are empty
    ("xlsx/dimension-huge.xlsx", IMPORTED),  # a wrong stored size is ignored
    ("xlsx/with-survey.xlsx", WARNED),  # the scale the scores were read on
    ("xlsx/emotion-out-of-range.xlsx", WARNED),
    ("xlsx/extra-sheet.xlsx", WARNED),  # a sheet that is neither cards nor survey is ignored, with a warning
    ("xlsx/*", REFUSED),
]

# Cases whose right outcome is above but which today do something else: each is a bug for
# the coordinator (see the final report). pytest runs them as strict xfails.
KNOWN_BUGS: dict[str, str] = {}


def expected(relative: str) -> str | None:
    for pattern, outcome in EXPECTED:
        if fnmatch.fnmatchcase(relative, pattern):
            return outcome
    return None


def corpus_files(kind: str) -> list[str]:
    return sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / kind).iterdir() if p.is_file())


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def neighbours(path: Path) -> list[str]:
    """Everything in the file's folder other than the file (journals, WAL, lock, temporaries)."""
    return sorted(p.name for p in Path(path).parent.iterdir() if p.name != Path(path).name)


@dataclass
class CliResult:
    status: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_cli(argv: list[str]) -> CliResult:
    """`main.main(argv)` in this process, its output captured; SystemExit (usage errors) becomes a status."""
    import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main.main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(status, out.getvalue(), err.getvalue())


def assert_refused_in_one_line(result: CliResult) -> None:
    assert result.status == 1, result
    assert "Traceback" not in result.stderr
    assert len(result.lines) == 1, result.lines
    line = result.lines[0]
    assert line.startswith("journeymap: error: "), line
    assert "unexpected problem" not in line, line  # main's catch-all: a bug of ours, not a refusal


def assert_clean_success(result: CliResult, *, warned: bool) -> None:
    assert result.status == 0, result
    assert "Traceback" not in result.stderr
    if warned:
        assert result.lines, "expected warnings"
        assert all(line.startswith("journeymap: warning: ") for line in result.lines), result.lines
    else:
        assert result.stderr == "", result.stderr


def assert_short_messages(result: CliResult) -> None:
    assert all(len(line) <= MAX_MESSAGE_CHARS for line in result.lines), max(map(len, result.lines))


# Corpus files whose text is hostile but importable: their card texts, names and titles are
# what the exporters must print literally (tests/export uses them).
TEXT_FILES = (
    "json/unicode-rtl-marks.json",
    "json/unicode-zalgo.json",
    "json/unicode-bidi-isolates.json",
    "json/unicode-emoji-zwj.json",
    "json/unicode-control-chars.json",
    "mermaid/markup-in-names.mmd",
    "mermaid/br-in-names.mmd",
    "mermaid/rtl-zalgo.mmd",
    "mermaid/hash-in-section.mmd",
    "csv/unicode-oddities.csv",
    "csv/formula-injection.csv",
)


def hostile_texts() -> list[str]:
    """Every distinct map title, stage, lane and persona name and card text in TEXT_FILES, read
    with the library's own importers, in a stable order."""
    from model.interchange.csv_format import read_csv
    from model.interchange.json_format import read_json
    from model.interchange.mermaid import read_mermaid

    texts: dict[str, None] = {}
    for relative in TEXT_FILES:
        path = CORPUS / relative
        if path.suffix == ".json":
            content = read_json(path)
        elif path.suffix == ".mmd":
            content = read_mermaid(path)[0]
        else:
            content = read_csv(path)[0]
        for text in (
            content.info.title,
            *(s.name for s in content.stages),
            *(lane.name for lane in content.lanes),
            *(p.name for p in content.personas),
            *(c.text for c in content.cards),
        ):
            if text.strip():
                texts.setdefault(text)
    return list(texts)
