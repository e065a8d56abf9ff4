"""Excel workbooks (.xlsx), where facilitators keep their research.

The workbook holds the same tables as CSV, read and written by the same code
(`csv_format`), so both formats accept and refuse the same things:

* **Cards** (required): the card table, one row per card (stage, lane, kind,
  text, …, "emotion: NAME" per persona). Export writes this sheet only.
* **Survey** (optional): survey responses (respondent, touchpoint, score,
  optionally stage and persona). Each touchpoint's mean score becomes the
  persona's emotion at the card with that text (in that stage, when the sheet
  names one); a touchpoint no card names becomes a new touchpoint card.

A sheet is found by its name ("Cards", "Survey"), or else by its header row,
so a workbook with one sheet of cards named "Sheet1" imports too. Values are
what Excel last computed and saved; nothing in a workbook is ever evaluated.

Refused with one line (ImportRefusedError): a file that is not an .xlsx
workbook (another zip, an old .xls, a password-protected workbook), a damaged
one, a workbook with no cards sheet, a sheet whose header is not what its
name says, anything the CSV reader refuses (named by sheet, row and column),
and absurd sizes (the file, what it unpacks to, rows, columns).

Text is stored as text. Excel would run a cell typed "=HYPERLINK(…)", and
starts a formula on + - @ too; export writes such text as a string cell with
Excel's quote prefix, so it is shown literally and stays text even when
someone edits the cell (CSV prefixes an apostrophe instead; in a workbook the
apostrophe would become part of the text). Characters XML cannot hold
(control characters, a carriage return) are written as Excel writes them,
`_x0007_`, and read back.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings as python_warnings
import zipfile
from pathlib import Path
from typing import Any

from ..document import Content
from ..domain import MapInfo
from ..errors import ExportError, ImportRefusedError, JourneyError
from .csv_format import (
    CARD_COLUMNS, CARDS, SURVEY, TEXT_COLUMN_INDEXES, Rows, TableBuilder, add_survey, card_table, read_card_rows,
    read_survey_rows, table_kind,
)
from .text_files import read_bytes, write_atomically

MAX_XLSX_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 400_000_000  # a zip bomb unpacks to gigabytes; a real 50 MB workbook to far less
MAX_ZIP_ENTRIES = 10_000
MAX_ROWS = 200_000  # per sheet, counting empty rows (a stray cell at row 1,048,576 is refused)
MAX_COLUMNS = 10_000
EXCEL_CELL_CHARS = 32_767  # Excel refuses to open a cell holding more
CARDS_SHEET, SURVEY_SHEET = "Cards", "Survey"
_FORMULA_START = ("=", "+", "-", "@")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected .xlsx
# XML 1.0 cannot hold these; a carriage return it would turn into a line feed.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
_LOOKS_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


# -- Excel's escaping of characters XML cannot hold (ECMA-376 ST_Xstring) ------------


def escape(text: str) -> str:
    """Text as Excel stores it: '_xHHHH_' for what XML cannot hold, and '_x005F_' before a literal '_xHHHH_'."""
    text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return _NOT_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


# -- export ------------------------------------------------------------------------


def _text_cell(cell, text: str, where: str) -> None:
    stored = escape(text)
    if len(stored) > EXCEL_CELL_CHARS:
        raise ExportError(f"{where} holds {len(text):,} characters, more than the {EXCEL_CELL_CHARS:,} an Excel "
                          "cell can; export to CSV or JSON instead")
    cell.value = stored
    # openpyxl makes any text starting with "=" a formula: force a string cell. The quote prefix is
    # Excel's own "this is text" mark, so + - @ (and =) are not read as a formula when the cell is edited.
    cell.data_type = "s"
    if stored.startswith(_FORMULA_START):
        cell.quotePrefix = True


def to_workbook(content: Content):
    """An openpyxl Workbook with the card table on a "Cards" sheet, and the warnings of what it cannot carry."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows, warnings = card_table(content, "Excel")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = CARDS_SHEET
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        _text_cell(cell, name, f"the column {name[:40]!r}")
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                what = CARD_COLUMNS[column - 1] if column - 1 in TEXT_COLUMN_INDEXES else "a value"
                _text_cell(cell, value, f"row {row_number}: the card's {what}")
            else:
                cell.value = value
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLM", (18, 16, 12, 48, 32, 9, 12, 16, 11, 8, 8, 11, 7)):
        sheet.column_dimensions[column].width = width
    workbook.properties.title = escape(content.info.title)
    workbook.properties.creator = "Journeymap"
    return workbook, warnings


def write_xlsx(content: Content, path: str | os.PathLike[str]) -> list[str]:
    """Write the cards as an Excel workbook, whole or not at all; returns warnings (what is not carried)."""
    workbook, warnings = to_workbook(content)
    write_atomically(Path(path), workbook.save)
    return warnings


# -- import ------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell's value as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()  # a date typed in a cell: Excel stores it as midnight
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def _check_archive(data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        raise ImportRefusedError("an old Excel .xls file or a password-protected workbook; "
                                 "save it as an Excel Workbook (.xlsx) without a password")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRefusedError("not an Excel workbook (.xlsx)") from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefusedError("not an Excel workbook (.xlsx): a zip file without a workbook in it")
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ImportRefusedError(f"too many parts ({len(entries):,}; at most {MAX_ZIP_ENTRIES:,})")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefusedError(f"too large unpacked ({unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,})")


def _sheet_rows(sheet) -> tuple[list[str], Rows]:
    """The header (first non-empty row) and the later non-empty rows, each with its Excel row number."""
    sheet.reset_dimensions()  # the stored size may be wrong or hostile; read the rows that are there
    table: Rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise ImportRefusedError(f"row {number}: more than {MAX_ROWS:,} rows")
        if len(values) > MAX_COLUMNS:
            raise ImportRefusedError(f"row {number}: more than {MAX_COLUMNS:,} columns")
        cells = [_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if any(c.strip() for c in cells):
            table.append((number, cells))
    if not table:
        return [], []
    return table[0][1], table[1:]


def _is_cards(header: list[str]) -> bool:
    return table_kind(header) == CARDS


def _is_survey(header: list[str]) -> bool:
    return table_kind(header) == SURVEY


def _read_sheets(workbook) -> tuple[Content, list[str]]:
    sheets = {}
    for sheet in workbook.worksheets:
        try:
            sheets[sheet.title] = _sheet_rows(sheet)
        except ImportRefusedError as error:
            raise ImportRefusedError(f"sheet {sheet.title[:40]!r}, {error}") from None
    by_name = {name.strip().lower(): name for name in sheets}
    cards = by_name.get(CARDS_SHEET.lower())
    survey = by_name.get(SURVEY_SHEET.lower())
    for name in (cards, survey):
        if name is not None and not sheets[name][0]:
            raise ImportRefusedError(f"sheet {name[:40]!r} is empty")
    if cards is not None and not _is_cards(sheets[cards][0]):
        raise ImportRefusedError(f"sheet {cards[:40]!r}, row 1: the header has no 'stage' column "
                                 f"(a card table's columns are: {', '.join(CARD_COLUMNS)})")
    if survey is not None and not _is_survey(sheets[survey][0]):
        raise ImportRefusedError(f"sheet {survey[:40]!r}, row 1: the header needs 'respondent', 'touchpoint' and 'score' "
                                 "columns")
    cards = cards or next((n for n, (header, _) in sheets.items() if n != survey and _is_cards(header)), None)
    survey = survey or next((n for n, (header, _) in sheets.items() if n != cards and _is_survey(header)), None)
    if cards is None:
        names = ", ".join(repr(name) for name in sheets) or "none"
        raise ImportRefusedError(f"no sheet of cards (a sheet named {CARDS_SHEET!r}, or one whose first row has a "
                                 f"'stage' column); its sheets: {names[:200]}")
    warnings: list[str] = []
    build = _in_sheet(cards, warnings, lambda w: read_card_rows(*sheets[cards], w, text=str))
    if survey is not None:
        scores, ten_point = _in_sheet(survey, warnings,
                                      lambda w: read_survey_rows(*sheets[survey], w, text=str, default_stage=""))
        _in_sheet(survey, warnings, lambda w: add_survey(build, scores, ten_point, w, on_cards=True))
    for name in sheets:
        if name not in (cards, survey) and sheets[name][0]:
            warnings.append(f"sheet {name[:40]!r} is neither cards nor survey responses; ignored")
    title = unescape(workbook.properties.title or "") if isinstance(workbook.properties.title, str) else ""
    content = build.content(title if _valid_title(title) else "Imported journey")
    return content, warnings


def _valid_title(title: str) -> bool:
    try:
        MapInfo(title=title)
    except (JourneyError, TypeError, ValueError):
        return False
    return bool(title.strip())


def _in_sheet(name: str, warnings: list[str], read):
    """Run `read(sheet_warnings)`, naming the sheet in its refusal and its warnings."""
    own: list[str] = []
    try:
        result = read(own)
    except ImportRefusedError as error:
        raise ImportRefusedError(f"sheet {name[:40]!r}, {error}") from None
    warnings.extend(f"sheet {name[:40]!r}, {w}" for w in own)
    return result


def parse_xlsx(data: bytes) -> tuple[Content, list[str]]:
    """A map from the bytes of an .xlsx workbook (see the module docstring for what is refused)."""
    if len(data) > MAX_XLSX_BYTES:
        raise ImportRefusedError(f"too large ({len(data):,} bytes; at most {MAX_XLSX_BYTES:,})")
    _check_archive(data)
    from openpyxl import load_workbook

    # openpyxl warns through Python's warnings about parts it skips (styles, extensions): noise
    # on the command line's stderr, where only our own one-line warnings belong.
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        except Exception as error:  # openpyxl raises anything (KeyError, TypeError, …) on a damaged part
            raise ImportRefusedError(f"not a readable Excel workbook ({_reason(error)})") from None
        try:
            return _read_sheets(workbook)
        except ImportRefusedError:
            raise
        except Exception as error:  # damage found while streaming a sheet's XML
            raise ImportRefusedError(f"the workbook is damaged ({_reason(error)})") from None
        finally:
            workbook.close()


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def read_xlsx(path: str | os.PathLike[str]) -> tuple[Content, list[str]]:
    """The map in the workbook at `path`, and warnings; refusals are prefixed with the path."""
    path = Path(path)
    data = read_bytes(path, MAX_XLSX_BYTES)
    try:
        return parse_xlsx(data)
    except ImportRefusedError as error:
        raise ImportRefusedError(f"{path}: {error}") from None


__all__ = ["write_xlsx", "to_workbook", "parse_xlsx", "read_xlsx", "escape", "unescape"]
