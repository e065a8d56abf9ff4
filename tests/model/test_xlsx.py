"""Excel workbooks: the card table round trip, survey sheets, text that stays text, and refusals."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from model import ops
from model.document import Document
from model.domain import Card, LaneKind
from model.errors import ExportError, ImportRefusedError
from model.interchange.csv_format import parse_csv, to_csv
from model.interchange.xlsx_format import (
    MAX_COLUMNS, MAX_ROWS, escape, parse_xlsx, read_xlsx, to_workbook, unescape, write_xlsx,
)
from model.templates import example_content
from tests.hostile.make_xlsx_corpus import declared_size, patched, workbook_bytes, zip_of

from .factories import small_map
from .test_csv import _cards, with_actions

# Text a facilitator could paste onto a sticky note that a spreadsheet or XML would misread.
HOSTILE_TEXTS = (
    '=HYPERLINK("http://evil.example","click")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-5 points",
    "@SUM(A1:A9)",
    "'=already quoted",
    "''=twice",
    "\t=tab first",
    "a<b & c>d <b>bold</b> ]]> &amp;",
    "bell\x07 escape\x1b vertical\x0b form\x0c",
    "carriage\rreturn and crlf\r\nand lf\n",
    "  leading and trailing spaces  ",
    "_x0041_ looks escaped, _x005F_ too, _x00_ does not",
    "non-characters \ufffe \uffff",
    "emoji 👩‍👩‍👧‍👦 🏳️‍🌈 😡",
    "\u202eevil\u202c rtl שלום עליכם",
    "Z\u0336\u0336\u0336algo",
    "顧客が料金ページを比較する",
    "#DIV/0!",
    "TRUE",
    "0001234",
    "1e5",
)


def _hostile_map() -> Document:
    """The small map, plus one card per hostile text (in its text, notes and owner), and hostile names."""
    doc = small_map()
    content = doc.content()
    stage, lane = content.stages[0], content.lanes[0]
    for text in HOSTILE_TEXTS:
        card = Card(stage.id, lane.id, text, notes=text, owner=text)
        doc.apply(ops.AddCard(card))
        doc.apply(ops.SetEmotion(card.id, content.personas[0].id, -1.25))
    doc.apply(ops.UpdateStage(stage.id, {"name": "=1+1 stage"}))
    doc.apply(ops.UpdateLane(lane.id, {"name": "@lane\x07"}))
    doc.apply(ops.UpdatePersona(content.personas[0].id, {"name": "=Persona"}))
    doc.apply(ops.UpdateMap({"title": "Map\x07 with =formula & <markup>"}))
    return doc


def _round_trip(content, tmp_path):
    path = tmp_path / "map.xlsx"
    warnings = write_xlsx(content, path)
    assert any("Excel carries the cards" in w for w in warnings)
    return read_xlsx(path)


def test_the_card_table_round_trips_as_csv_does(tmp_path):
    content = example_content()
    back, warnings = _round_trip(content, tmp_path)
    assert warnings == []
    assert _cards(back) == _cards(content)
    csv_back, _ = parse_csv(to_csv(content)[0])
    assert _cards(back) == _cards(csv_back)  # the same table as CSV carries
    assert [s.name for s in back.stages] == [s.name for s in content.stages]
    assert [p.name for p in back.personas] == [p.name for p in content.personas]
    assert [lane.name for lane in back.lanes if lane.kind == LaneKind.EMOTIONS] == ["Emotions"]
    assert back.info.title == content.info.title


def test_actions_and_their_due_dates_round_trip(tmp_path):
    content = with_actions()
    back, warnings = _round_trip(content, tmp_path)
    assert warnings == [] and _cards(back) == _cards(content)


def test_a_due_date_typed_as_an_excel_date_reads_as_that_day():
    import datetime as dt

    data = workbook_bytes(Cards=[["stage", "kind", "text", "due"], ["A", "action", "Call back", dt.datetime(2026, 12, 31)]])
    card = parse_xlsx(data)[0].cards[0]
    assert (card.kind, card.due) == ("action", "2026-12-31")


def test_hostile_text_round_trips_literally(tmp_path):
    content = _hostile_map().content()
    back, _ = _round_trip(content, tmp_path)
    assert _cards(back) == _cards(content)
    assert {c.text for c in back.cards} >= set(HOSTILE_TEXTS)
    assert [s.name for s in back.stages][0] == "=1+1 stage"
    assert "@lane\x07" in [lane.name for lane in back.lanes]
    assert [p.name for p in back.personas][0] == "=Persona"
    assert back.info.title == "Map\x07 with =formula & <markup>"


def test_text_starting_like_a_formula_is_a_quoted_string_never_a_formula(tmp_path):
    path = tmp_path / "map.xlsx"
    write_xlsx(_hostile_map().content(), path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    workbook = load_workbook(path)  # not read-only: styles are loaded
    sheet = workbook["Cards"]
    starts = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                starts[cell.value] = cell.quotePrefix
    assert starts['=HYPERLINK("http://evil.example","click")'] is True
    assert starts["@SUM(A1:A9)"] is True and starts["-5 points"] is True and starts["+cmd|' /C calc'!A0"] is True
    assert starts["a<b & c>d <b>bold</b> ]]> &amp;"] is False


def test_numbers_are_numbers_for_the_spreadsheet():
    workbook, _ = to_workbook(example_content())
    sheet = workbook["Cards"]
    header = [c.value for c in sheet[1]]
    impact, emotion = header.index("impact") + 1, header.index(next(h for h in header if h.startswith("emotion")))
    values = [sheet.cell(row=r, column=impact).value for r in range(2, sheet.max_row + 1)]
    assert any(isinstance(v, int) for v in values)
    assert any(isinstance(sheet.cell(row=r, column=emotion + 1).value, float) for r in range(2, sheet.max_row + 1))


@pytest.mark.parametrize("text", ["_x0041_", "_x005F_x0041_", "a\x07b", "\r\n", "_x", "\ufffe", "plain"])
def test_excel_escaping_round_trips(text):
    assert unescape(escape(text)) == text
    assert unescape("_x000D__x000A_") == "\r\n"  # as Excel itself writes them


def test_a_card_longer_than_an_excel_cell_is_refused_and_nothing_written(tmp_path):
    doc = small_map()
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": "x" * 40_000}))
    path = tmp_path / "map.xlsx"
    with pytest.raises(ExportError, match="32,767"):
        write_xlsx(doc.content(), path)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="cannot be written"):
        write_xlsx(example_content(), tmp_path / "no" / "map.xlsx")


# -- workbooks made as a facilitator would make them ----------------------------------


def test_a_survey_sheet_becomes_emotions_on_the_cards_it_names():
    data = workbook_bytes(
        Cards=[["Stage", "Lane", "Text", "emotion: Shopper"],
               ["Buy", "Touchpoints", "Checkout", -1],
               ["Use", "Touchpoints", "Support chat", None],
               ["Use", "Actions", "Checkout", None]],
        Survey=[["Respondent", "Stage", "Touchpoint", "Score", "Persona"],
                ["r1", "Buy", "Checkout", 9, "Shopper"],
                ["r2", "Buy", "Checkout", 10, "Shopper"],
                ["r1", "Use", "Support chat", 0, "Shopper"],
                ["r2", "Use", "Support chat", 5, "Shopper"],
                ["r1", "Use", "Returns desk", 7, "Visitor"]],
    )
    content, warnings = parse_xlsx(data)
    doc = Document(content)
    shopper, visitor = content.personas
    by_text = {(doc.stage(c.stage_id).name, c.text): c for c in content.cards}
    assert (shopper.name, visitor.name) == ("Shopper", "Visitor")
    assert doc.emotion(by_text["Buy", "Checkout"].id, shopper.id) == pytest.approx(1.8)  # mean 9.5 on 0–10
    assert doc.emotion(by_text["Use", "Support chat"].id, shopper.id) == pytest.approx(-1.0)
    assert doc.emotion(by_text["Use", "Checkout"].id, shopper.id) is None  # the survey named the Buy stage's card
    returns = by_text["Use", "Returns desk"]  # named by no card: a new touchpoint card
    assert returns.notes == "1 survey responses" and doc.lane(returns.lane_id).name == "Touchpoints"
    assert doc.emotion(returns.id, visitor.id) == pytest.approx(0.8)
    assert "sheet 'Survey', scores read on a 0–10 scale (some are above 5 or below 1)" in warnings
    assert any("replaces the one in the card table" in w and "Checkout" in w for w in warnings)


def test_a_survey_without_stages_matches_cards_by_text_and_one_sheet_of_cards_needs_no_name():
    data = workbook_bytes(Sheet1=[["stage", "text"], ["Aware", "Reads a review"], ["Buy", "Pays"]],
                     Responses=[["respondent", "touchpoint", "score"], ["a", "Pays", 5], ["b", "Pays", 4]],
                     Notes=[["anything", "else"]])
    content, warnings = parse_xlsx(data)
    assert [c.text for c in content.cards] == ["Reads a review", "Pays"]
    assert [v for *_, v in content.emotions] == [1.5]
    assert [p.name for p in content.personas] == ["Customer"]
    assert "sheet 'Notes' is neither cards nor survey responses; ignored" in warnings


def test_cells_that_are_numbers_dates_or_booleans_read_as_the_text_shown():
    import datetime as dt

    data = workbook_bytes(Cards=[["stage", "text", "notes", "impact", "owner"],
                            [2024, 1234567, dt.date(2024, 5, 1), 4.0, True]])
    card = parse_xlsx(data)[0].cards[0]
    assert (card.text, card.notes, card.impact, card.owner) == ("1234567", "2024-05-01", 4, "TRUE")
    assert parse_xlsx(data)[0].stages[0].name == "2024"


GOOD = workbook_bytes(Cards=[["stage", "text"], ["A", "a card"]])


@pytest.mark.parametrize(("data", "message"), [
    (b"", "not an Excel workbook"),
    (b"stage,text\nA,b\n", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "an old Excel .xls file or a password-protected workbook"),
    (GOOD[: len(GOOD) // 2], "not an Excel workbook"),
    (zip_of(**{"readme.txt": b"hello"}), "a zip file without a workbook"),
    (workbook_bytes(Budget=[["item", "cost"], ["chairs", 120]]), "no sheet of cards"),
    (workbook_bytes(Survey=[["respondent", "touchpoint", "score"], ["a", "Web", 3]]), "no sheet of cards"),
    (workbook_bytes(Cards=[["name", "value"], ["a", 1]]), "sheet 'Cards', row 1: the header has no 'stage' column"),
    (workbook_bytes(Cards=[], Survey=[["respondent", "touchpoint", "score"]]), "sheet 'Cards' is empty"),
    (workbook_bytes(Cards=[["stage"]], Survey=[["who", "what"]]), "sheet 'Survey', row 1: the header needs"),
    (workbook_bytes(Cards=[["stage", "kind"], ["A", "sticky"]]), "sheet 'Cards', row 2, column 'kind': 'sticky'"),
    (workbook_bytes(Cards=[["stage", "emotion: Ana"], ["A", "happy"]]), "row 2, column 'emotion: Ana': 'happy'"),
    (workbook_bytes(Cards=[["stage", "text"], [None, "orphan"]]), "sheet 'Cards', row 2: the stage is empty"),
    (workbook_bytes(Cards=[["stage"]], Survey=[["respondent", "touchpoint", "score"], ["a", "Web", 11]]),
     "sheet 'Survey', row 2, column 'score': 11 is outside 0–10"),
    (declared_size(GOOD, 4_000_000_000), "too large unpacked"),
    (patched(GOOD, "xl/worksheets/sheet1.xml", lambda b: b.replace(b"<sheetData>", b"<sheetData><row r")),
     "damaged"),
    (patched(GOOD, "xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2]), "damaged"),
])
def test_damaged_or_foreign_workbooks_are_refused_in_one_line(data, message):
    with pytest.raises(ImportRefusedError) as caught:
        parse_xlsx(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


def test_absurd_sizes_are_refused_without_reading_them_whole():
    workbook = Workbook()
    workbook.active.title = "Cards"
    workbook.active.append(["stage", "text"])
    workbook.active.cell(row=MAX_ROWS + 50, column=1, value="far down")
    rows = io.BytesIO()
    workbook.save(rows)
    with pytest.raises(ImportRefusedError, match=f"sheet 'Cards', row {MAX_ROWS + 1}: more than {MAX_ROWS:,} rows"):
        parse_xlsx(rows.getvalue())
    wide = workbook_bytes(Cards=[["stage", "text"], ["A", "b"] + [None] * MAX_COLUMNS + ["far right"]])
    with pytest.raises(ImportRefusedError, match=f"sheet 'Cards', row 2: more than {MAX_COLUMNS:,} columns"):
        parse_xlsx(wide)


def test_a_wrong_stored_size_is_ignored():
    huge = patched(GOOD, "xl/worksheets/sheet1.xml",
                    lambda b: b.replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:XFD1048576"'))
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(huge)).read("xl/worksheets/sheet1.xml")
    assert [c.text for c in parse_xlsx(huge)[0].cards] == ["a card"]


def test_entities_are_neither_expanded_nor_fetched():
    lol = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (b"a" * (i + 1), (b"&" + b"a" * i + b";") * 10) for i in range(1, 9)) + b"]>"
    bomb = patched(GOOD, "xl/worksheets/sheet1.xml",
                    lambda b: b.replace(b"<worksheet", lol + b"<worksheet", 1).replace(b"a card", b"&" + b"a" * 9 + b";"))
    with pytest.raises(ImportRefusedError, match="damaged"):
        parse_xlsx(bomb)
    xxe = patched(GOOD, "xl/worksheets/sheet1.xml", lambda b: b.replace(
        b"<worksheet", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]><worksheet', 1
    ).replace(b"a card", b"&e;"))
    with pytest.raises(ImportRefusedError, match="damaged"):
        parse_xlsx(xxe)


def test_files_are_read_untouched_and_refusals_name_the_path(tmp_path):
    path = tmp_path / "research.xlsx"
    path.write_bytes(workbook_bytes(Budget=[["item"]]))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ImportRefusedError, match=r"research.xlsx: no sheet of cards"):
        read_xlsx(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == ["research.xlsx"]
    with pytest.raises(ImportRefusedError, match="cannot be read"):
        read_xlsx(tmp_path / "missing.xlsx")
