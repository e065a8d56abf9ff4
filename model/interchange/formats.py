"""Which interchange format a file name means, and one entry point to read or write each.

The command line and the editor both import and export through here, so a
file either opens in both or is refused by both with the same message.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Content
from ..errors import ExportError, ImportRefusedError

# suffix -> the format's name, as people call it
IMPORT_FORMATS = {".json": "JSON", ".mmd": "Mermaid", ".mermaid": "Mermaid", ".csv": "CSV", ".xlsx": "Excel"}
DATA_EXPORT_FORMATS = {".xlsx": "Excel", ".csv": "CSV", ".json": "JSON", ".mmd": "Mermaid"}


def import_format(path: str | os.PathLike[str]) -> str | None:
    """The name of the format `path` is imported as, or None when it is not an interchange file."""
    return IMPORT_FORMATS.get(Path(path).suffix.lower())


def read_interchange(path: str | os.PathLike[str]) -> tuple[Content, list[str]]:
    """The map in the JSON, Mermaid, CSV or Excel file at `path`, and warnings; ImportRefusedError if refused."""
    path = Path(path)
    kind = import_format(path)
    if kind == "JSON":
        from .json_format import read_json

        return read_json(path), []
    if kind == "Mermaid":
        from .mermaid import read_mermaid

        return read_mermaid(path)
    if kind == "CSV":
        from .csv_format import read_csv

        return read_csv(path)
    if kind == "Excel":
        from .xlsx_format import read_xlsx

        return read_xlsx(path)
    raise ImportRefusedError(f"{path}: cannot import {path.suffix or 'a file without extension'}; "
                             f"use {', '.join(IMPORT_FORMATS)}")


def write_interchange(content: Content, path: str | os.PathLike[str]) -> list[str]:
    """Write `content` as the JSON, Mermaid, CSV or Excel file `path` names; returns what it could not carry."""
    path = Path(path)
    kind = DATA_EXPORT_FORMATS.get(path.suffix.lower())
    if kind == "JSON":
        from .json_format import write_json

        write_json(content, path)
        return []
    if kind == "Mermaid":
        from .mermaid import write_mermaid

        return write_mermaid(content, path)
    if kind == "CSV":
        from .csv_format import write_csv

        return write_csv(content, path)
    if kind == "Excel":
        from .xlsx_format import write_xlsx

        return write_xlsx(content, path)
    raise ExportError(f"{path}: cannot export to {path.suffix or 'a file without extension'}; "
                      f"use {', '.join(DATA_EXPORT_FORMATS)}")
