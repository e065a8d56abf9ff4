"""Reading and writing interchange files: whole or not at all, with one-line refusals.

Every exported file is written beside its destination under a temporary name
and renamed into place, so a reader never sees half a file. `mkstemp` makes
that temporary file 0600; before the rename it gets the mode any new file of
the user's would get (0666 less the umask), so a PDF, a CSV and a PNG
exported side by side share the same permissions.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..errors import ExportError, ImportRefusedError


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`; refused (ImportRefusedError, prefixed with the path) when it cannot be read
    or is larger than `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportRefusedError(f"{path}: too large ({size:,} bytes; at most {max_bytes:,})")
        return path.read_bytes()
    except OSError as error:
        raise ImportRefusedError(f"{path}: cannot be read ({error.strerror or error})") from None


def read_text(path: Path, max_bytes: int, *, hint: str = "") -> str:
    """The UTF-8 text of `path` (a byte-order mark is dropped).

    Refused (ImportRefusedError, prefixed with the path): a file that cannot
    be read, is larger than `max_bytes`, or is not UTF-8 (`hint` says how to fix it).
    """
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefusedError(f"{path}: not UTF-8 text (byte {error.start}){hint}") from None


# -- writing -----------------------------------------------------------------------


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        # Linux ≥ 4.7 reports it; setting and restoring it instead would briefly leave any other
        # thread creating files with no umask at all.
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permissions a new file of the user's gets: 0666 less the umask."""
    return 0o666 & ~current_umask()


def temp_beside(target: Path) -> tuple[int, str]:
    """A temporary file in `target`'s folder (same file system, so the rename is atomic): (fd, name)."""
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise ExportError(f"{target}: cannot be written ({error.strerror or error})") from None


def replace_with(temp: str | os.PathLike[str], target: Path) -> None:
    """Rename the finished temporary file onto `target`, with the mode a new file would have."""
    if os.name != "nt":
        os.chmod(temp, new_file_mode())
    os.replace(temp, target)


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Replace `path` with what `write(handle)` writes, through a temporary file beside it.

    Refused (ExportError): a folder that does not exist or cannot be written. A failed or
    interrupted write leaves `path` as it was and no temporary file behind.
    """
    path = Path(path)
    fd, temp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace_with(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"{path}: cannot be written ({error.strerror or error})") from None
        raise


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` (newlines as given) through a temporary file; ExportError when it cannot."""
    data = text.encode(encoding)
    write_atomically(Path(path), lambda handle: handle.write(data))


# -- names -------------------------------------------------------------------------

_NOT_IN_NAMES = set('/\\:*?"<>|')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10))}
_KEPT_FORMAT_CHARS = {"\u200d", "\ufe0f"}  # joiners and emoji presentation keep emoji whole
MAX_STEM_BYTES = 150  # file systems allow 255 bytes per name; leave room for " (copy)" and a suffix


def safe_file_stem(title: str, fallback: str = "Journey map") -> str:
    """A file name (without suffix) made from a map's title, valid on Windows, macOS and Linux.

    Path separators, characters Windows refuses and control characters become spaces, format and
    bidi characters (which can disguise a name's real extension) are removed, whitespace collapsed; a leading dot would hide
    the file; trailing dots and spaces Windows drops itself. Long titles are cut at a character.
    """
    kept = []
    for ch in title:
        category = unicodedata.category(ch)
        if ch in _NOT_IN_NAMES or category == "Cc":
            kept.append(" ")  # "Q3: Plan/Do" reads "Q3 Plan Do"
        elif category not in ("Cf", "Cs", "Co", "Cn") or ch in _KEPT_FORMAT_CHARS:
            kept.append(ch)
    stem = " ".join("".join(kept).split()).lstrip(". ").rstrip(". ")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1].rstrip(". \u200d")
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = f"{stem} map"
    return stem or fallback
