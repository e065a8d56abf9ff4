"""The .xlsx part of the hostile corpus (tests/data/hostile/xlsx/), written by make_corpus.py.

Workbooks are made with openpyxl, as a spreadsheet would save them, or by
changing one part of a good one (a damaged zip, a hostile sheet XML). openpyxl
stamps the time into docProps, so re-running gives equivalent, not identical, files.

libreoffice-resaved.xlsx is not written here: it is exported-hostile-text.xlsx opened
and saved again by LibreOffice Calc 7.4 (`soffice --headless --convert-to xlsx`), kept
as a workbook a real spreadsheet made (shared strings, its own styles and properties).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path


def saved(workbook) -> bytes:
    """An openpyxl workbook as the bytes of its .xlsx file."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def workbook_bytes(**sheets: list[list]) -> bytes:
    """An .xlsx file with these sheets (name=rows), as a spreadsheet would save it."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return saved(workbook)


def patched(data: bytes, name: str, change) -> bytes:
    """The same zip with its part `name` replaced by change(part)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info.filename)
            archive.writestr(info.filename, change(part) if info.filename == name else part)
    return out.getvalue()


def declared_size(data: bytes, size: int) -> bytes:
    """The same zip, its central directory claiming an entry unpacks to `size` bytes (a zip bomb's signature)."""
    at = data.index(b"PK\x01\x02")
    return data[:at + 24] + struct.pack("<I", size) + data[at + 28:]


def zip_of(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


CARDS = [["stage", "lane", "kind", "text", "emotion: Ana"],
         ["Awareness", "Actions", "touchpoint", "Reads a review", -1],
         ["Purchase", "Actions", "note", "Pays by card", 1.5]]
FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "=1+1"]
SHEET = "xl/worksheets/sheet1.xml"
_LAUGHS = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
    b'<!ENTITY %s "%s">' % (b"a" * (i + 1), (b"&" + b"a" * i + b";") * 10) for i in range(1, 9)) + b"]>"


def xlsx_files(folder: Path) -> None:
    from openpyxl import Workbook

    from model import ops
    from model.document import Document
    from model.domain import Card, Lane, Persona, Stage
    from model.interchange.xlsx_format import to_workbook

    folder.mkdir(parents=True, exist_ok=True)
    good = workbook_bytes(Cards=CARDS)
    doc = Document()
    stage, lane, persona = Stage("=1+1"), Lane("@lane"), Persona("-Ana")
    for op in (ops.AddStage(stage), ops.AddLane(lane), ops.AddPersona(persona)):
        doc.apply(op)
    for text in FORMULAS + ["bell\x07 esc\x1b cr\r crlf\r\n", "_x0041_ _x005F_", "\u202eevil\u202c שלום 😡 Z\u0336"]:
        doc.apply(ops.AddCard(Card(stage.id, lane.id, text, notes=text, owner=text[:50])))
    formulas = Workbook()
    formulas.active.title = "Cards"
    formulas.active.append(["stage", "text", "notes"])
    formulas.active.append(["A", "=1+1", '=HYPERLINK("http://evil","x")'])  # real formulas, no computed values
    rows = Workbook()
    rows.active.title = "Cards"
    rows.active.append(["stage", "text"])
    rows.active.cell(row=300_000, column=1, value="far down")
    columns = Workbook()
    columns.active.title = "Cards"
    columns.active.append(["stage", "text"])
    columns.active.cell(row=2, column=12_000, value="far right")

    files = {
        "good.xlsx": good,
        "exported-hostile-text.xlsx": saved(to_workbook(doc.content())[0]),
        "sheet1-only.xlsx": workbook_bytes(Sheet1=CARDS),
        "only-header.xlsx": workbook_bytes(Cards=[CARDS[0]]),
        "with-survey.xlsx": workbook_bytes(Cards=CARDS, Survey=[["respondent", "touchpoint", "score"],
                                                           ["r1", "Pays by card", 4], ["r2", "Refund", 2]]),
        "emotion-out-of-range.xlsx": workbook_bytes(Cards=[["stage", "text", "emotion: Ana"], ["A", "t", 7]]),
        "extra-sheet.xlsx": workbook_bytes(Cards=CARDS, Notes=[["what we heard"], ["a lot"]]),
        "real-formulas.xlsx": saved(formulas),
        "dimension-huge.xlsx": patched(good, SHEET, lambda b: b.replace(b'<dimension ref="A1:E3"',
                                                                         b'<dimension ref="A1:XFD1048576"')),
        "empty.xlsx": b"",
        "junk.xlsx": bytes(random.Random(19).randrange(256) for _ in range(2048)),
        "text-renamed.xlsx": b"stage,text\nA,b\n",
        "zip-not-xlsx.xlsx": zip_of(**{"readme.txt": b"hello", "word/document.xml": b"<w/>"}),
        "xls-renamed.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(random.Random(23).randrange(256) for _ in range(1024)),
        "truncated-half.xlsx": good[: len(good) // 2],
        "bitflip-sheet.xlsx": _flip(good, SHEET),
        "no-cards-sheet.xlsx": workbook_bytes(Budget=[["item", "cost"], ["chairs", 120]]),
        "empty-sheet.xlsx": workbook_bytes(Cards=[]),
        "only-survey.xlsx": workbook_bytes(Survey=[["respondent", "touchpoint", "score"], ["r1", "Web", 4]]),
        "cards-wrong-header.xlsx": workbook_bytes(Cards=[["name", "value"], ["a", 1]]),
        "survey-wrong-header.xlsx": workbook_bytes(Cards=CARDS, Survey=[["who", "what"], ["a", "b"]]),
        "bad-kind.xlsx": workbook_bytes(Cards=[["stage", "kind"], ["A", "sticky"]]),
        "emotion-text.xlsx": workbook_bytes(Cards=[["stage", "emotion: Ana"], ["A", "happy"]]),
        "empty-stage.xlsx": workbook_bytes(Cards=[["stage", "text"], [None, "orphan"]]),
        "survey-score-11.xlsx": workbook_bytes(Cards=[["stage"]], Survey=[["respondent", "touchpoint", "score"],
                                                                      ["a", "Web", 11]]),
        "zip-bomb-declared.xlsx": declared_size(good, 4_000_000_000),
        "rows-300000.xlsx": saved(rows),
        "columns-12000.xlsx": saved(columns),
        "billion-laughs.xlsx": patched(good, SHEET, lambda b: b.replace(b"<worksheet", _LAUGHS + b"<worksheet", 1)
                                        .replace(b"Reads a review", b"&" + b"a" * 9 + b";")),
        "external-entity.xlsx": patched(good, SHEET, lambda b: b.replace(
            b"<worksheet", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]><worksheet', 1)
            .replace(b"Reads a review", b"&e;")),
        "sheet-xml-truncated.xlsx": patched(good, SHEET, lambda b: b[: len(b) // 2]),
        "workbook-xml-garbage.xlsx": patched(good, "xl/workbook.xml", lambda b: b"<workbook><sheets><sheet"),
        "shared-strings-missing.xlsx": _shared_strings_missing(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


def _flip(data: bytes, name: str) -> bytes:
    """Flip a byte inside one part's compressed data: the zip's CRC check must catch it."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26:header + 30])
    at = header + 30 + name_len + extra_len + info.compress_size // 2
    return data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]


def _shared_strings_missing() -> bytes:
    """A workbook whose cells point into a shared-strings table it does not have (as Excel writes text)."""
    good = workbook_bytes(Cards=CARDS)
    return patched(good, SHEET, lambda b: b.replace(b't="inlineStr"><is><t>Awareness</t></is>', b't="s"><v>7</v>'))
