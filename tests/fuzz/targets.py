"""Fuzz targets: every importer and the .journey opener, each a hypothesis strategy of input bytes and a check.

A check takes the raw bytes of one input and asserts that the only outcomes are
success or the documented refusal (ImportRefusedError for JSON, Mermaid and CSV;
FileRefusedError for maps), plus a property of what succeeds:

* json     – read_json / loads agree; what is accepted survives dumps → loads unchanged and can be saved.
* mermaid  – read_mermaid / parse_mermaid agree; emotions stay in −2…+2; what is accepted exports to
             Mermaid that imports again (export promises valid Mermaid).
* csv      – read_csv / parse_csv agree; what is accepted exports to CSV that imports again with the same card texts.
* xlsx     – good workbooks with one part's XML mutated (or token soup in a cell), re-zipped, or the zip's
             bytes mutated: read_xlsx / parse_xlsx agree; what is accepted exports to a workbook that imports
             again with the same card texts.
* journey  – mutated bytes of a real small map (bit flips, byte writes, truncations, splices, page swaps,
             zeroed pages, header bytes): read_content, check_file, MapFile.open read-only and for editing
             agree; the input's bytes never change when it is read or refused (opened for editing, it must
             hold the same map afterwards) and nothing is left beside it.

Inputs hitting a bug that is already reported (KNOWN_BUGS) are counted, not failed, so
`make fuzz` looks for new problems; the corpus holds a strict xfail for each known one.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from hypothesis import strategies as st

from tests.hostile.make_xlsx_corpus import patched

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "hostile"
CRASHES = ROOT / "tests" / "data" / "fuzz-crashes"

# Bugs already reported (see tests/hostile/corpus.py KNOWN_BUGS): name -> how many inputs hit it this run.
KNOWN_HITS: Counter[str] = Counter()
KNOWN_BUGS: dict[str, str] = {}

# Where a known bug raises: (exception type, the innermost function of the app it escapes from).
_KNOWN_RAISES: dict[tuple[str, str], str] = {}


def known_failure(error: BaseException) -> str | None:
    """The KNOWN_BUGS name of `error` when it is one of the reported bugs, else None."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/model/" in f.filename or "main.py" in f.filename]
    if frames:
        return _KNOWN_RAISES.get((type(error).__name__, frames[-1].name))
    return None


def _tolerating_known(check: Callable[[bytes], None]) -> Callable[[bytes], None]:
    def checked(data: bytes) -> None:
        try:
            check(data)
        except Exception as error:
            bug = known_failure(error)
            if bug is None:
                raise
            KNOWN_HITS[bug] += 1

    checked.__name__ = check.__name__
    checked.__doc__ = check.__doc__
    checked.__wrapped__ = check  # the strict check: the replay of saved crashes uses it
    return checked


@dataclass(frozen=True)
class Target:
    name: str
    suffix: str
    strategy: st.SearchStrategy[bytes]
    check: Callable[[bytes], None]


def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="jm-fuzz-"))


def _unsaveable(content) -> bool:
    """True when some text of the map cannot be encoded as UTF-8 (so SQLite cannot store it)."""
    texts = [content.info.title, content.info.description, content.info.owner, *content.info.emotion_labels]
    for group in (content.stages, content.lanes, content.cards, content.personas, content.connections, content.kpis):
        for item in group:
            texts += [getattr(item, f) for f in item.__slots__ if isinstance(getattr(item, f, None), str)]
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _same_outcome(read_file: Callable[[], object], parse_text: Callable[[], object] | None) -> object | None:
    """Run both entry points; both refuse (None) or both succeed (the file reader's result)."""
    from model.errors import ImportRefusedError

    try:
        result = read_file()
    except ImportRefusedError as error:
        assert "\n" not in str(error), "a refusal must be one line"
        if parse_text is not None:
            try:
                parse_text()
            except ImportRefusedError:
                return None
            raise AssertionError("the file was refused but its text was accepted")
        return None
    if parse_text is not None:
        parse_text()  # must not refuse what the file reader accepted
    return result


# -- byte mutations ----------------------------------------------------------------

_BYTE_EDITS = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 30), st.integers(0, 7)),
    st.tuples(st.just("set"), st.integers(0, 1 << 30), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 30), st.just(0)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 30), st.integers(1, 64)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 30), st.integers(0, 255)),
    st.tuples(st.just("splice"), st.integers(0, 1 << 30), st.integers(0, 1 << 30)),
)


def mutate(base: bytes, edits: list[tuple[str, int, int]], *, page: int = 0) -> bytes:
    """`base` with each edit applied in turn; positions wrap around the current length."""
    data = bytearray(base)
    for kind, where, value in edits:
        if not data:
            break
        at = where % len(data)
        if kind == "flip":
            data[at] ^= 1 << value
        elif kind == "set":
            data[at] = value
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at:at + value]
        elif kind == "insert":
            data[at:at] = bytes([value]) * (1 + value % 8)
        elif kind == "splice":  # copy a run of the file over another place in it
            src = value % len(data)
            run = bytes(data[src:src + 64])
            data[at:at + len(run)] = run
        elif kind == "header":
            data[where % min(100, len(data))] = value
        elif kind in ("swap", "zero") and page:
            pages = len(data) // page
            if pages < 2:
                continue
            a = where % pages
            if kind == "zero":
                data[a * page:(a + 1) * page] = bytes(page)
            else:
                b = value % pages
                pa, pb = bytes(data[a * page:(a + 1) * page]), bytes(data[b * page:(b + 1) * page])
                data[a * page:(a + 1) * page], data[b * page:(b + 1) * page] = pb, pa
    return bytes(data)


def _mutated(seeds: list[bytes], edits=_BYTE_EDITS, *, page: int = 0, max_edits: int = 6) -> st.SearchStrategy[bytes]:
    return st.builds(lambda seed, ops: mutate(seed, ops, page=page),
                     st.sampled_from(seeds), st.lists(edits, min_size=1, max_size=max_edits))


def _soup(tokens: list[str], *, max_size: int = 60) -> st.SearchStrategy[bytes]:
    piece = st.one_of(st.sampled_from(tokens), st.text(max_size=4))
    return st.lists(piece, max_size=max_size).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))


def _seed_texts(kind: str, names: list[str]) -> list[bytes]:
    return [(SEEDS / kind / name).read_bytes() for name in names]


# -- JSON ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _base_json() -> dict:
    return json.loads((SEEDS / "json" / "good.json").read_text(encoding="utf-8"))


def _json_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_paths(item, path + (index,))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["", "c1", "c2", "s1", "l1", "l2", "p1", "k1", "journeymap", "\ud800", "a\x00b", "#FFFFFF"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=8,
)


@st.composite
def _json_edited(draw) -> bytes:
    """The good document with a few values replaced or removed: reaches the schema and model checks."""
    doc = json.loads(json.dumps(_base_json()))
    paths = [p for p in _json_paths(doc) if p]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(_JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced the container
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


_JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"format"', '"journeymap"', '"version"', '1', '2', '0', '-1', '1e999',
                '-0', '1.5', 'null', 'true', 'false', 'NaN', '"map"', '"title"', '"stages"', '"cards"', '"\\ud800"',
                '"\\u0000"', '"', '\\', ' ', '\n', '\ufeff', '"emotion_labels"', '"a"']


def json_strategy() -> st.SearchStrategy[bytes]:
    return st.one_of(
        _json_edited(),
        _mutated(_seed_texts("json", ["good.json"])),
        _soup(_JSON_TOKENS),
        _JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    )


def check_json(data: bytes) -> None:
    from model.interchange.json_format import dumps, loads, read_json

    folder = _workdir()
    try:
        path = folder / "input.json"
        path.write_bytes(data)
        text = _decoded(data)
        content = _same_outcome(lambda: read_json(path), None if text is None else (lambda: loads(text)))
        if content is not None:
            assert not _unsaveable(content), "accepted text that no map file can hold (a lone surrogate)"
            assert loads(dumps(content)) == content, "JSON export then import changed the map"
        assert path.read_bytes() == data
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- Mermaid ---------------------------------------------------------------------------

_MERMAID_TOKENS = ["journey", "journey\n", "title ", "section ", "accTitle:", "accTitle: x\n", "accDescr:", "accDescr {",
                   "}", ":", ": ", ";", "#", "%%", "%%{init: {}}%%", "}%%", "---\n", "\n", "\r\n", "\r", " ", "\t",
                   "Task", "Make tea", "3", "5", "1", "-0", "1e309", "2.5", "NaN", "0x3", ", ", "Me", "Cat",
                   "<br>", "\ufeff", "\x00", "é", "\u202e", "顧客", "section A\n", "  T: 3: Me\n"]


def mermaid_strategy() -> st.SearchStrategy[bytes]:
    seeds = _seed_texts("mermaid", ["good.mmd", "front-matter.mmd", "tasks-before-section.mmd",
                                    "accdescr-nested-brace.mmd", "directive.mmd"])
    return st.one_of(
        _soup(_MERMAID_TOKENS).map(lambda b: b"journey\n" + b),
        _soup(_MERMAID_TOKENS),
        _mutated(seeds),
    )


def check_mermaid(data: bytes) -> None:
    from model.interchange.mermaid import parse_mermaid, read_mermaid, to_mermaid

    folder = _workdir()
    try:
        path = folder / "input.mmd"
        path.write_bytes(data)
        text = _decoded(data)
        result = _same_outcome(lambda: read_mermaid(path), None if text is None else (lambda: parse_mermaid(text)))
        if result is not None:
            content, warnings = result
            assert all(isinstance(w, str) and "\n" not in w for w in warnings)
            assert not _unsaveable(content), "accepted text that no map file can hold (a lone surrogate)"
            assert all(-2.0 <= v <= 2.0 for _, _, v in content.emotions)
            exported, _ = to_mermaid(content)
            again, _ = parse_mermaid(exported)  # Mermaid export must read back
            assert len(again.stages) == len(content.stages)
        assert path.read_bytes() == data
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- CSV -------------------------------------------------------------------------------

_CSV_TOKENS = ["stage", "lane", "kind", "text", "notes", "colour", "channel", "owner", "evidence", "impact", "effort",
               "votes", "emotion: Ana", "emotions (Bo)", "respondent", "touchpoint", "score", "persona", ",", ",", ";",
               "\t", '"', '""', "\n", "\r\n", "\r", "=", "+", "-", "@", "'", "'=", "1", "5", "11", "-3", "2.5", "1,5",
               "nan", "inf", "1e309", "note", "pain point", "web", "observed", "yellow", "grey", " ", "\ufeff", "é",
               "A", "B"]
_CSV_HEADERS = ["stage,text\n", "stage,lane,kind,text,notes,owner,emotion: Ana\n", "stage;text;impact;votes\n",
                "respondent,touchpoint,score,stage,persona\n", "stage\ttext\temotion: Ana\n"]


def csv_strategy() -> st.SearchStrategy[bytes]:
    seeds = _seed_texts("csv", ["good.csv", "good-survey.csv", "formula-injection.csv", "semicolon-delimited.csv"])
    return st.one_of(
        st.builds(lambda head, body: head.encode() + body, st.sampled_from(_CSV_HEADERS), _soup(_CSV_TOKENS)),
        _soup(_CSV_TOKENS),
        _mutated(seeds),
    )


def check_csv(data: bytes) -> None:
    from model.interchange.csv_format import parse_csv, read_csv, to_csv

    folder = _workdir()
    try:
        path = folder / "input.csv"
        path.write_bytes(data)
        text = _decoded(data)
        result = _same_outcome(lambda: read_csv(path), None if text is None else (lambda: parse_csv(text)))
        if result is not None:
            content, warnings = result
            assert all(isinstance(w, str) and "\n" not in w for w in warnings)
            assert not _unsaveable(content), "accepted text that no map file can hold (a lone surrogate)"
            exported, _ = to_csv(content)
            again, _ = parse_csv(exported)  # what CSV export writes must import again
            assert [c.text for c in again.cards] == [c.text for c in content.cards], "CSV round trip changed card text"
        assert path.read_bytes() == data
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- Excel -----------------------------------------------------------------------------

_XLSX_SEEDS = ["good.xlsx", "with-survey.xlsx", "exported-hostile-text.xlsx", "sheet1-only.xlsx"]
_XLSX_TOKENS = ["<c r=\"A9\" t=\"s\"><v>0</v></c>", "<c t=\"inlineStr\"><is><t>", "</t></is></c>", "<row r=\"7\">",
                "</row>", "<v>", "</v>", "t=\"n\"", "t=\"b\"", "t=\"e\"", "t=\"d\"", "_x0007_", "_x005F_", "&amp;",
                "&lt;", "<f>1+1</f>", "r=\"XFD1\"", "r=\"A1048576\"", "1e309", "NaN", "-0", "=", "+", "@", "\u00e9"]
_XLSX_PARTS = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/workbook.xml", "[Content_Types].xml",
               "docProps/core.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]


def xlsx_strategy() -> st.SearchStrategy[bytes]:
    seeds = _seed_texts("xlsx", _XLSX_SEEDS)
    in_a_part = st.builds(lambda seed, part, ops: patched(seed, part, lambda data: mutate(data, ops)),
                          st.sampled_from(seeds), st.sampled_from(_XLSX_PARTS),
                          st.lists(_BYTE_EDITS, min_size=1, max_size=4))
    soup_in_a_cell = st.builds(
        lambda seed, soup: patched(seed, _XLSX_PARTS[0], lambda data: data.replace(b"</sheetData>", soup + b"</sheetData>", 1)),
        st.sampled_from(seeds), _soup(_XLSX_TOKENS, max_size=20))
    return st.one_of(in_a_part, soup_in_a_cell, _mutated(seeds, max_edits=3))


def check_xlsx(data: bytes) -> None:
    import io

    from model.interchange.xlsx_format import parse_xlsx, read_xlsx, to_workbook

    folder = _workdir()
    try:
        path = folder / "input.xlsx"
        path.write_bytes(data)
        result = _same_outcome(lambda: read_xlsx(path), lambda: parse_xlsx(data))
        if result is not None:
            content, warnings = result
            assert all(isinstance(w, str) and "\n" not in w for w in warnings)
            assert not _unsaveable(content), "accepted text that no map file can hold (a lone surrogate)"
            if all(len(c.text) < 30_000 and len(c.notes) < 30_000 for c in content.cards):
                exported = io.BytesIO()
                to_workbook(content)[0].save(exported)
                again, _ = parse_xlsx(exported.getvalue())  # what Excel export writes must import again
                assert [c.text for c in again.cards] == [c.text for c in content.cards], "Excel round trip changed text"
        assert path.read_bytes() == data
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- .journey ---------------------------------------------------------------------------

JOURNEY_SEED = SEEDS / "journey" / "good.journey"


@lru_cache(maxsize=1)
def _journey_seed() -> tuple[bytes, int]:
    data = JOURNEY_SEED.read_bytes()
    return data, int.from_bytes(data[16:18], "big")


def journey_strategy() -> st.SearchStrategy[bytes]:
    data, page = _journey_seed()
    page_edits = st.one_of(
        _BYTE_EDITS,
        st.tuples(st.just("header"), st.integers(0, 99), st.integers(0, 255)),
        st.tuples(st.just("swap"), st.integers(0, 1 << 20), st.integers(0, 1 << 20)),
        st.tuples(st.just("zero"), st.integers(0, 1 << 20), st.just(0)),
    )
    return _mutated([data], page_edits, page=page, max_edits=4)


def check_journey(data: bytes) -> None:
    from model.errors import FileRefusedError
    from model.persistence import MapFile, check_file, read_content

    folder = _workdir()
    try:
        maps = folder / "maps"
        maps.mkdir()
        path = maps / "fuzzed.journey"
        path.write_bytes(data)

        def untouched() -> None:
            assert path.read_bytes() == data, "the map's bytes changed"
            assert [p.name for p in maps.iterdir()] == [path.name], "something was left beside the map"

        outcomes = []
        for read in (lambda: read_content(path), lambda: MapFile.open(path, read_only=True).close(),
                     lambda: check_file(path)):
            try:
                read()
                outcomes.append(True)
            except FileRefusedError as error:
                assert "\n" not in str(error)
                outcomes.append(False)
            untouched()
        assert outcomes[0] == outcomes[1], "read_content and a read-only open disagree"
        opened = outcomes[0]
        try:
            mapfile = MapFile.open(path)
        except FileRefusedError as error:
            assert "\n" not in str(error)
            untouched()
            return
        try:
            content = mapfile.document.content()
        finally:
            mapfile.close()
        # Opened for editing, the file may legitimately change: an older schema is upgraded, and SQLite's
        # first write transaction heals header fields it keeps (the page count, the change counter).
        # Refusals above leave it byte for byte; here it must hold the same map, with nothing beside it.
        assert [p.name for p in maps.iterdir()] == [path.name], "something was left beside the map"
        assert opened, "opened for editing but not read-only"
        assert read_content(path) == content  # what the editor showed is what the file holds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("json", ".json", json_strategy(), _tolerating_known(check_json)),
        Target("mermaid", ".mmd", mermaid_strategy(), _tolerating_known(check_mermaid)),
        Target("csv", ".csv", csv_strategy(), _tolerating_known(check_csv)),
        Target("xlsx", ".xlsx", xlsx_strategy(), _tolerating_known(check_xlsx)),
        Target("journey", ".journey", journey_strategy(), _tolerating_known(check_journey)),
    )
}


def target_of(crash: Path) -> Target:
    """The target a saved crash file belongs to: its name starts with the target's name."""
    return TARGETS[crash.name.split("-", 1)[0]]
