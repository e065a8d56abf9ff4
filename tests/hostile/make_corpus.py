"""Build the hostile-input corpus in tests/data/hostile/ (committed) and the huge cases (at test time).

Run from the repository root: `python tests/hostile/make_corpus.py` rewrites
every small file; the huge ones (a 1 MB card, 100,000-level JSON, 2 million
numbers, a 1 MB CSV field, over-limit Mermaid) are written by `write_huge(folder)`
into a test's tmp_path, so git never holds a file over ~300 KB.

Everything is deterministic (fixed ids, seeded randomness) except what
SQLite/SQLAlchemy put in a map's pages, so re-running gives equivalent files.
"""

from __future__ import annotations

import codecs
import io
import json
import random
import shutil
import sqlite3
import sys
import zipfile
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model.document import Content  # noqa: E402
from model.persistence.header import SCHEMA_VERSION  # noqa: E402
from model.domain import Card, CardKind, Connection, Kpi, Lane, LaneKind, MapInfo, Persona, Stage  # noqa: E402
from model.voting import with_wall_votes  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "hostile"
MEGA = 1_000_000  # the model's MAX_TEXT: the longest text a card may hold


def small_content(card_text: str = "Signs up for the trial") -> Content:
    """A small, complete map with fixed ids: every kind of object once or twice."""
    s1 = Stage("Awareness", goal="Notice the need", id="s1")
    s2 = Stage("Purchase", id="s2")
    actions = Lane("Actions", id="l1")
    emotions = Lane("Emotions", kind=LaneKind.EMOTIONS, id="l2")
    c1 = Card("s1", "l1", card_text, kind=CardKind.TOUCHPOINT, impact=3, id="c1")
    c2 = Card("s2", "l1", "Pays by card", id="c2")
    p1 = Persona("Ana", role="Buyer", id="p1")
    return with_wall_votes(Content(
        info=MapInfo("Corpus map", description="for the hostile tests", owner="tests"),
        stages=(s1, s2),
        lanes=(actions, emotions),
        cards=(c1, c2),
        personas=(p1,),
        emotions=(("c1", "p1", 1.5), ("c2", "p1", -1.0)),
        connections=(Connection("c1", "c2", label="then", share=40.0, id="k1"),),
        kpis=(Kpi("s1", "CSAT", value=4.2, target=4.5, unit="/5", id="m1"),),
    ), {"c1": 2}, "Votes")


# -- .journey ----------------------------------------------------------------------


def build_map(path: Path, content: Content | None = None) -> None:
    from model.persistence.mapfile import build_file

    path.unlink(missing_ok=True)
    build_file(path, content or small_content())


def _sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for statement in statements:
            conn.execute(statement)


def _flip(data: bytes, offset: int, bit: int = 0x10) -> bytes:
    out = bytearray(data)
    out[offset] ^= bit
    return bytes(out)


def journey_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    good = folder / "good.journey"
    build_map(good)
    data = good.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    rng = random.Random(5)
    (folder / "empty.journey").write_bytes(b"")
    (folder / "junk.journey").write_bytes(bytes(rng.randrange(256) for _ in range(8192)))
    (folder / "magic-then-junk.journey").write_bytes(b"SQLite format 3\x00" + bytes(rng.randrange(256) for _ in range(8192)))
    (folder / "truncated-in-header.journey").write_bytes(data[:60])
    (folder / "truncated-first-page.journey").write_bytes(data[: page // 2])
    (folder / "truncated-half.journey").write_bytes(data[: (pages // 2) * page])
    # The last page holding anything loses its tail (where SQLite keeps a page's cells); later pages, the
    # empty roots of tables no row uses yet, go with it, so the cut lands in data whatever tables a schema has.
    last = next(i for i in range(pages - 1, 0, -1) if any(data[(i + 1) * page - 100:(i + 1) * page]))
    (folder / "truncated-last-page.journey").write_bytes(data[:(last + 1) * page - 100])
    flips = {
        "bitflip-header-page-size": 16,
        "bitflip-header-write-version": 18,
        "bitflip-header-page-count": 31,
        "bitflip-header-freelist": 36,
        "bitflip-header-schema-cookie": 43,
        "bitflip-header-user-version": 63,
        "bitflip-header-application-id": 71,
        "bitflip-page1-btree-header": 103,
        # inside the SQL of the last table page 1 describes, wherever the schema puts it
        "bitflip-page1-schema-text": data.rfind(b"CREATE TABLE", 0, page) + 3,
        "bitflip-page2": page + 8,
        "bitflip-data-page-cell": (pages - 2) * page + page - 120,
        "bitflip-last-page": (pages - 1) * page + 5,
    }
    for name, offset in flips.items():
        (folder / f"{name}.journey").write_bytes(_flip(data, offset))
    swapped = bytearray(data)
    a, b = 2, pages - 1
    swapped[a * page:(a + 1) * page], swapped[b * page:(b + 1) * page] = (
        data[b * page:(b + 1) * page], data[a * page:(a + 1) * page])
    (folder / "pages-swapped.journey").write_bytes(bytes(swapped))
    (folder / "zeroed-page.journey").write_bytes(data[: 3 * page] + bytes(page) + data[4 * page:])

    foreign = folder / "foreign-sqlite.journey"
    foreign.unlink(missing_ok=True)
    _sql(foreign, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'hi')")
    other_app = folder / "foreign-application-id.journey"
    shutil.copyfile(good, other_app)
    _sql(other_app, "PRAGMA application_id=1179603506")  # 'FOSR'
    variants = {
        "newer-schema": [f"PRAGMA user_version={SCHEMA_VERSION + 1}"],
        "schema-version-zero": ["PRAGMA user_version=0"],
        "schema-with-trigger": ["CREATE TRIGGER t_spy AFTER INSERT ON cards BEGIN DELETE FROM stages; END"],
        "schema-with-view": ["CREATE VIEW v_all AS SELECT * FROM cards"],
        "schema-with-extra-table": ["CREATE TABLE stranger(x)"],
        "schema-with-extra-index": ["CREATE INDEX ix_spy ON cards(text)"],
        "rows-break-model": ["UPDATE emotions SET value = 99"],
        "rows-dangling-reference": ["PRAGMA foreign_keys=OFF", "UPDATE cards SET stage_id = 'nowhere' WHERE id = 'c1'"],
        "rows-empty-title": ["UPDATE map_info SET title = ''"],
        "rows-bad-labels-json": ["UPDATE map_info SET emotion_labels = '{not json'"],
        "rows-blob-for-text": ["UPDATE cards SET text = X'FFFE00' WHERE id = 'c1'"],
    }
    for name, statements in variants.items():
        target = folder / f"{name}.journey"
        shutil.copyfile(good, target)
        _sql(target, *statements)
    missing = folder / "our-id-missing-tables.journey"
    missing.unlink(missing_ok=True)
    _sql(missing, "PRAGMA application_id=1246576976", f"PRAGMA user_version={SCHEMA_VERSION}",
         "CREATE TABLE map_info(id INTEGER PRIMARY KEY, title TEXT)")
    bare = folder / "our-id-no-tables.journey"
    bare.unlink(missing_ok=True)
    _sql(bare, "PRAGMA application_id=1246576976", f"PRAGMA user_version={SCHEMA_VERSION}", "VACUUM")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("map.json", json.dumps({"format": "journeymap"}))
    (folder / "zip-renamed.journey").write_bytes(buffer.getvalue())
    (folder / "text-renamed.journey").write_text("This is a journey map, honestly.\n" * 20, encoding="utf-8")
    for leftover in folder.glob("*-journal"):
        leftover.unlink()


# -- JSON --------------------------------------------------------------------------


def base_document() -> dict:
    from model.interchange.json_format import content_to_dict

    return content_to_dict(small_content())


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list) and value and path[-1] != "emotion_labels":
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, value


def _wrong(value):
    """A value of another JSON type than `value`."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return "4"
    if isinstance(value, str):
        return 12
    if value is None:
        return ["x"]
    return {"x": 1}


def _set(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _name(path) -> str:
    return "-".join(str(p) for p in path)


def json_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    base = base_document()
    dump = lambda doc: json.dumps(doc, ensure_ascii=False, indent=1)  # noqa: E731
    (folder / "good.json").write_text(dump(base), encoding="utf-8")
    raw = {
        "empty.json": b"",
        "whitespace.json": b" \n\t ",
        "not-json.json": b"title: not json at all\n",
        "truncated.json": dump(base).encode()[:300],
        "binary.json": bytes(random.Random(7).randrange(256) for _ in range(2048)),
        "utf16.json": dump(base).encode("utf-16"),
        "latin1.json": dump(base).replace("Ana", "Ann\u00e9e").encode("latin-1"),
        "top-level-list.json": b"[1, 2, 3]",
        "top-level-null.json": b"null",
        "top-level-string.json": b'"journeymap"',
        "nan.json": dump(base).replace('"value": 1.5', '"value": NaN').encode(),
        "infinity.json": dump(base).replace('"value": 1.5', '"value": Infinity').encode(),
        "float-overflow.json": dump(base).replace('"value": 1.5', '"value": 1e400').encode(),
        "huge-integer.json": dump(base).replace('"count": 2', '"count": ' + "9" * 5000).encode(),
        "duplicate-key.json": dump(base).replace('"format": "journeymap"', '"format": "journeymap", "format": "x"').encode(),
        "nested-1000.json": b"[" * 1000 + b"]" * 1000,
        "trailing-garbage.json": dump(base).encode() + b"\n}{",
    }
    for name, data in raw.items():
        (folder / name).write_bytes(data)
    docs = {
        "wrong-format.json": {**base, "format": "miro"},
        "no-format.json": {k: v for k, v in base.items() if k != "format"},
        "newer-version.json": {**base, "version": 99},
        "version-zero.json": {**base, "version": 0},
        "version-string.json": {**base, "version": "1"},
        "version-float.json": {**base, "version": 1.5},
        "version-bool.json": {**base, "version": True},
        "extra-top-field.json": {**base, "macro": "rm -rf /"},
        "missing-map.json": {k: v for k, v in base.items() if k != "map"},
        "only-header.json": {"format": "journeymap", "version": 1},
    }
    for name, doc in docs.items():
        (folder / name).write_text(dump(doc), encoding="utf-8")
    # Every field wrong in turn: the same document with one leaf of another type.
    for path, value in _leaves(base):
        if path in (("format",), ("version",)):
            continue
        doc = json.loads(json.dumps(base))
        _set(doc, path, _wrong(value))
        (folder / f"wrong-type-{_name(path)}.json").write_text(dump(doc), encoding="utf-8")
    semantic = {
        "emotion-out-of-range": (("emotions", 0, "value"), 7.5),
        "impact-out-of-range": (("cards", 0, "impact"), 9),
        "votes-negative": (("cards", 0, "votes"), -1),
        "colour-not-in-palette": (("cards", 0, "colour"), "#ff0000"),
        "persona-colour-not-hex": (("personas", 0, "colour"), "red; drop"),
        "card-unknown-stage": (("cards", 0, "stage"), "nowhere"),
        "card-in-emotion-lane": (("cards", 0, "lane"), "l2"),
        "emotion-unknown-card": (("emotions", 0, "card"), "nowhere"),
        "connection-to-itself": (("connections", 0, "target"), "c1"),
        "connection-share-over-100": (("connections", 0, "share"), 101),
        "duplicate-card-id": (("cards", 1, "id"), "c1"),
        "stage-width-zero": (("stages", 0, "width"), 0),
        "empty-stage-name": (("stages", 0, "name"), ""),
        "photo-not-base64": (("personas", 0, "photo"), "!!not base64!!"),
        "five-labels-expected": (("map", "emotion_labels"), ["a", "b"]),
        "unknown-lane-kind": (("lanes", 0, "kind"), "spreadsheet"),
    }
    for name, (path, value) in semantic.items():
        doc = json.loads(json.dumps(base))
        _set(doc, path, value)
        (folder / f"bad-value-{name}.json").write_text(dump(doc), encoding="utf-8")
    odd_text = {
        "lone-surrogate": "\\ud800 alone",
        "lone-low-surrogate": "x \\udfff y",
        "nul-in-string": "before\\u0000after",
        "rtl-marks": "\u202eevil\u202c \u200f\u05e9\u05dc\u05d5\u05dd\u200e",
        "zalgo": "Z" + "\u0336\u0353\u0489" * 60 + "algo",
        "bidi-isolates": "\u2066\u2067\u2068text\u2069",
        "emoji-zwj": "\U0001F469\u200d\U0001F4BB \ufeff bom inside",
        "control-chars": "\\u0001\\u0007\\u001b[31mred\\u001b[0m",
    }
    template = dump(base)
    for name, text in odd_text.items():
        doc = template.replace('"text": "Signs up for the trial"', '"text": "' + text + '"')
        assert doc != template
        (folder / f"unicode-{name}.json").write_text(doc, encoding="utf-8", errors="surrogatepass")


# -- Mermaid -----------------------------------------------------------------------

MERMAID_OK = "journey\n  title My day\n  section Go to work\n    Make tea: 5: Me\n    Go upstairs: 3: Me, Cat\n"


def mermaid_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "good.mmd": MERMAID_OK,
        "empty.mmd": "",
        "whitespace.mmd": "  \n\n\t\n",
        "no-journey.mmd": "title My day\nsection A\n  Task: 3: Me\n",
        "other-diagram.mmd": "graph TD\n  A-->B\n",
        "only-comments.mmd": "%% a comment\n%% another\n# hash comment\n",
        "comments-then-journey.mmd": "%% lead\n# hash\njourney\n  section A\n    T: 3\n",
        "crlf.mmd": MERMAID_OK.replace("\n", "\r\n"),
        "cr-only.mmd": MERMAID_OK.replace("\n", "\r"),
        "tabs.mmd": MERMAID_OK.replace("  ", "\t"),
        "bom.mmd": "\ufeff" + MERMAID_OK,
        "double-bom.mmd": "\ufeff\ufeff" + MERMAID_OK,
        "uppercase-keywords.mmd": MERMAID_OK.upper(),
        "sections-10000.mmd": "journey\n" + "".join(f"section s{i}\nt:3\n" for i in range(10_000)),
        "task-name-100kb.mmd": "journey\nsection A\n  " + "n" * 100_000 + ": 4: Me\n",
        "task-name-100kb-no-score.mmd": "journey\nsection A\n  " + "m" * 100_000 + "\n",
        "score-1e309.mmd": "journey\nsection A\n  T: 1e309: Me\n",
        "score-minus-1e309.mmd": "journey\nsection A\n  T: -1e309: Me\n",
        "score-minus-zero.mmd": "journey\nsection A\n  T: -0: Me\n",
        "score-nan.mmd": "journey\nsection A\n  T: NaN: Me\n",
        "score-infinity.mmd": "journey\nsection A\n  T: Infinity: Me\n",
        "score-hex.mmd": "journey\nsection A\n  T: 0x3: Me\n",
        "score-fraction.mmd": "journey\nsection A\n  T: 2.75: Me\n",
        "score-empty.mmd": "journey\nsection A\n  T: : Me\n",
        "score-missing.mmd": "journey\nsection A\n  T\n",
        "score-many-digits.mmd": "journey\nsection A\n  T: " + "9" * 5000 + ": Me\n",
        "actors-with-percent.mmd": "journey\nsection A\n  T: 3: Ann %% hidden, Bob\n",
        "actors-empty.mmd": "journey\nsection A\n  T: 3: , ,\n",
        "actors-200.mmd": "journey\nsection A\n  T: 3: " + ", ".join(f"A{i}" for i in range(200)) + "\n",
        "hash-in-task.mmd": "journey\nsection A\n  Buy #1 item: 3: Me\n",
        "hash-in-section.mmd": "journey\nsection Plan #2\n  T: 3: Me\n",
        "semicolon.mmd": "journey\nsection A\n  T: 3; U: 4\n",
        "stray-colon.mmd": "journey\nsection A\n  : 3\n",
        "second-journey.mmd": MERMAID_OK + "journey\n",
        "accdescr-unclosed.mmd": "journey\naccDescr {\n  never closed\n section A\n  T: 3\n",
        "accdescr-nested-brace.mmd": "journey\naccDescr { a { b } c }\nsection A\n  T: 3\n",
        "acctitle-empty.mmd": "journey\naccTitle:\nsection A\n  T: 3\n",
        "directive.mmd": "%%{init: {'theme': 'dark'}}%%\n" + MERMAID_OK,
        "directive-unclosed.mmd": "%%{init: {'theme': \n" + MERMAID_OK,
        "front-matter.mmd": "---\ntitle: Front\nconfig:\n  theme: dark\n---\n" + MERMAID_OK,
        "front-matter-unclosed.mmd": "---\ntitle: Front\n" + MERMAID_OK,
        "markup-in-names.mmd": "journey\ntitle <script>alert(1)</script>\nsection <b>A</b>\n  <img src=x>: 3: <i>Me</i>\n",
        "br-in-names.mmd": "journey\nsection A<br>B\n  T<br/>U: 3: Me\n",
        "rtl-zalgo.mmd": "journey\nsection \u202eevil\u202c\n  Z" + "\u0336\u0353" * 40 + ": 3: \u05e9\u05dc\u05d5\u05dd\n",
        "nul-in-task.mmd": "journey\nsection A\n  T\x00U: 3: Me\n",
        "title-only.mmd": "journey\ntitle Just a title\n",
        "tasks-before-section.mmd": "journey\n  Early: 2: Me\nsection A\n  T: 3: Me\n",
        "section-no-name.mmd": "journey\nsection \n  T: 3\n",
        "long-line-of-colons.mmd": "journey\nsection A\n" + ":" * 50_000 + "\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    (folder / "latin1.mmd").write_bytes("journey\nsection Caf\u00e9\n  T: 3\n".encode("latin-1"))
    (folder / "utf16.mmd").write_bytes(MERMAID_OK.encode("utf-16"))
    (folder / "binary.mmd").write_bytes(bytes(random.Random(11).randrange(256) for _ in range(2048)))


# -- CSV ---------------------------------------------------------------------------

CSV_OK = "stage,lane,kind,text,emotion: Ana\nAwareness,Actions,note,Sees an ad,1\nPurchase,Actions,touchpoint,Pays,-1\n"
JAPANESE = "stage,lane,text\n認知,行動,広告を見る\n購入,行動,支払う\n"


def csv_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "good.csv": CSV_OK,
        "good-survey.csv": "respondent,touchpoint,score,stage\n1,Website,4,Aware\n2,Website,2,Aware\n1,Shop,9,Buy\n",
        "empty.csv": "",
        "blank-lines.csv": "\n\n,,\n",
        "only-header.csv": "stage,lane,kind,text\n",
        "no-stage-column.csv": "lane,text\nActions,Hello\n",
        "wrong-columns.csv": "name,age,city\nAna,33,Porto\n",
        "duplicated-columns.csv": "stage,stage,text,text\nA,B,one,two\n",
        "duplicated-emotion-columns.csv": "stage,text,emotion: Ana,emotion: Ana\nA,t,1,2\n",
        "unknown-columns.csv": "stage,text,macro,=cmd\nA,t,x,y\n",
        "ragged-short.csv": "stage,lane,kind,text\nA\nB,Actions\n",
        "ragged-long.csv": "stage,text\nA,t,extra,more,still more\n",
        "empty-stage.csv": "stage,text\n,orphan\n",
        "formula-injection.csv": (
            "stage,text,notes,owner\n"
            "=1+1,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",+cmd|' /C calc'!A0,@SUM(A1)\n"
            "A,-2+3,'=already,\t=tab\n"
        ),
        "unterminated-quote.csv": "stage,text\nA,\"never closed\nB,t\n",
        "quote-in-unquoted-field.csv": "stage,text\nA,ab\"cd\n",
        "semicolon-delimited.csv": CSV_OK.replace(",", ";"),
        "tab-delimited.csv": CSV_OK.replace(",", "\t"),
        "crlf.csv": CSV_OK.replace("\n", "\r\n"),
        "bom.csv": "\ufeff" + CSV_OK,
        "bad-kind.csv": "stage,kind,text\nA,sticker,t\n",
        "bad-colour.csv": "stage,colour,text\nA,#123456,t\n",
        "bad-channel.csv": "stage,channel,text\nA,telepathy,t\n",
        "bad-impact.csv": "stage,impact,text\nA,9,t\n",
        "impact-not-number.csv": "stage,impact,text\nA,lots,t\n",
        "impact-long-fraction.csv": "stage,impact,text\nA,1." + "5" * 20_000 + ",t\n",
        "votes-negative.csv": "stage,votes,text\nA,-3,t\n",
        "emotion-nan.csv": "stage,text,emotion: Ana\nA,t,NaN\n",
        "emotion-inf.csv": "stage,text,emotion: Ana\nA,t,inf\n",
        "emotion-1e309.csv": "stage,text,emotion: Ana\nA,t,1e309\n",
        "emotion-out-of-range.csv": "stage,text,emotion: Ana\nA,t,7\n",
        "emotion-many-digits.csv": "stage,text,emotion: Ana\nA,t," + "9" * 5000 + "\n",
        "survey-score-11.csv": "respondent,touchpoint,score\n1,Web,11\n",
        "survey-score-text.csv": "respondent,touchpoint,score\n1,Web,good\n",
        "survey-empty-touchpoint.csv": "respondent,touchpoint,score\n1,,3\n",
        "columns-5000.csv": ",".join(["stage"] + [f"c{i}" for i in range(5000)]) + "\n" + ",".join(["A"] * 5001) + "\n",
        "rows-3000.csv": "stage,text\n" + "".join(f"S{i % 7},card {i}\n" for i in range(3000)),
        "unicode-oddities.csv": "stage,text\nA,\u202eevil\u202c Z" + "\u0336" * 50 + " \u05e9\u05dc\u05d5\u05dd\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    raw = {
        "latin1.csv": "stage,text\nCaf\u00e9,cr\u00e8me br\u00fbl\u00e9e\n".encode("latin-1"),
        "utf16-bom.csv": CSV_OK.encode("utf-16"),
        "utf16-le-no-bom.csv": CSV_OK.encode("utf-16-le"),
        "utf16-be-no-bom.csv": CSV_OK.encode("utf-16-be"),
        "utf8-bom-utf16-body.csv": codecs.BOM_UTF8 + CSV_OK.encode("utf-16-le"),
        "shift-jis.csv": JAPANESE.encode("shift_jis"),
        "shift-jis-ascii-only.csv": CSV_OK.encode("shift_jis"),
        "nul-bytes.csv": CSV_OK.encode() + b"A,\x00\x00,x\n",
        "binary.csv": bytes(random.Random(13).randrange(256) for _ in range(2048)),
        "xlsx-renamed.csv": b"PK\x03\x04" + bytes(random.Random(17).randrange(256) for _ in range(512)),
    }
    for name, data in raw.items():
        (folder / name).write_bytes(data)


# -- huge cases, written at test time ----------------------------------------------


def write_huge(folder: Path) -> dict[str, Path]:
    """The cases too big for git, into `folder`; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        out[name] = folder / name
        out[name].write_bytes(data)

    out["card-1mb.journey"] = folder / "card-1mb.journey"
    build_map(out["card-1mb.journey"], small_content("x" * (MEGA - 10) + " é 顧客 😀"))
    out["rows-card-over-limit.journey"] = folder / "rows-card-over-limit.journey"
    shutil.copyfile(out["card-1mb.journey"], out["rows-card-over-limit.journey"])
    _sql(out["rows-card-over-limit.journey"], "UPDATE cards SET text = text || 'over the limit' WHERE id = 'c1'")
    put("nested-100000.json", b"[" * 100_000 + b"]" * 100_000)
    put("nested-objects-100000.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
    numbers = b"[" + b",".join(str(i).encode() for i in range(2_000_000)) + b"]"
    put("numbers-2000000.json", numbers)
    header = json.dumps({k: v for k, v in base_document().items() if k != "stages"})[:-1].encode()
    put("numbers-2000000-as-stages.json", header + b', "stages": ' + numbers + b"}")
    doc = base_document()
    doc["cards"][0]["text"] = "y" * (MEGA + 1)
    put("card-text-over-limit.json", json.dumps(doc).encode())
    doc["cards"][0]["text"] = "y" * MEGA
    put("card-text-1mb.json", json.dumps(doc).encode())
    put("mermaid-over-limit.mmd", b"journey\nsection A\n" + b"  T: 3\n" * 800_000)
    put("mermaid-task-1mb.mmd", b"journey\nsection A\n  " + b"n" * MEGA + b": 3\n")
    put("csv-field-1mb.csv", b"stage,text\nA," + b"z" * MEGA + b"\n")
    put("csv-field-over-limit.csv", b"stage,text\nA," + b"z" * (MEGA + 5) + b"\n")
    put("csv-quoted-field-over-limit.csv", b'stage,text\nA,"' + b"q" * (MEGA + 5) + b'"\n')
    return out


def main() -> None:
    journey_files(CORPUS / "journey")
    json_files(CORPUS / "json")
    mermaid_files(CORPUS / "mermaid")
    csv_files(CORPUS / "csv")
    from tests.hostile.make_xlsx_corpus import xlsx_files

    xlsx_files(CORPUS / "xlsx")
    biggest = max(CORPUS.rglob("*"), key=lambda p: p.stat().st_size if p.is_file() else 0)
    print(f"corpus written to {CORPUS}; largest file {biggest.name} ({biggest.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
