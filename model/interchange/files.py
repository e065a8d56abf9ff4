"""Reading and writing interchange files: whole or not at all, with one-line refusals."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import ExportError, ImportRefusedError


def read_text(path: Path, max_bytes: int, *, hint: str = "") -> str:
    """The UTF-8 text of `path` (a byte-order mark is dropped).

    Refused (ImportRefusedError, prefixed with the path): a file that cannot
    be read, is larger than `max_bytes`, or is not UTF-8 (`hint` says how to fix it).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportRefusedError(f"{path}: too large ({size:,} bytes; at most {max_bytes:,})")
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefusedError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefusedError(f"{path}: not UTF-8 text (byte {error.start}){hint}") from None


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` through a temporary file, so a reader never sees half a file.

    Refused (ExportError): a folder that does not exist or cannot be written.
    """
    try:
        fd, temp = tempfile.mkstemp(prefix=".journeymap-", suffix=path.suffix, dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
                out.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExportError(f"{path}: cannot be written ({error.strerror or error})") from None
