"""Import and data export in the editor: the questions asked and the files made, not the formats.

An imported file becomes a new map file the user names, as `journeymap import IN
OUT.journey` does; the file itself is only read. Open and a file dropped on a
window offer the same import for a file that is not a map. Exports are named
after the map's title and written by the same code as the command line's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from model.errors import JourneyError
from model.interchange.text_files import safe_file_stem
from model.interchange.formats import IMPORT_FORMATS, import_format

from .files import SUFFIX, FileService, is_scratch, with_suffix
from .prompts import MAP_FILTER, Prompts

_IMPORT_PATTERNS = " ".join(f"*{suffix}" for suffix in IMPORT_FORMATS)
OPEN_FILTER = (f"Maps and files to import (*{SUFFIX} {_IMPORT_PATTERNS});;Journey maps (*{SUFFIX});;"
               "All files (*)")
IMPORT_FILTER = (f"Files to import ({_IMPORT_PATTERNS});;Excel workbooks (*.xlsx);;CSV tables (*.csv);;"
                 "Journeymap JSON (*.json);;Mermaid journeys (*.mmd *.mermaid)")
IMPORT, CANCEL = "Import…", "Cancel"
MAX_WARNINGS_SHOWN = 10


@dataclass(frozen=True)
class DataExport:
    id: str
    text: str
    suffix: str
    file_filter: str
    what: str  # "Export the map as …"


DATA_EXPORTS = (
    DataExport("xlsx", "&Excel Workbook (.xlsx)…", ".xlsx", "Excel workbooks (*.xlsx)", "an Excel workbook"),
    DataExport("csv", "&CSV Table (.csv)…", ".csv", "CSV tables (*.csv)", "a CSV table"),
    DataExport("markdown", "&Markdown Summary (.md)…", ".md", "Markdown (*.md)", "a Markdown summary"),
    DataExport("json", "&JSON, the Whole Map (.json)…", ".json", "JSON (*.json)", "JSON"),
    DataExport("mermaid", "Me&rmaid Journey (.mmd)…", ".mmd", "Mermaid journeys (*.mmd)", "a Mermaid journey"),
)


def can_open(path: Path) -> bool:
    """A map, or a file the editor offers to import: what a window accepts when it is dropped on it."""
    return Path(path).suffix.lower() == SUFFIX or import_format(path) is not None


def openable_paths(mime) -> list[Path]:
    """The local maps and files to import among a drag's URLs (QMimeData)."""
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    return [path for path in paths if can_open(path) and path.is_file()]


class FileDrops(QObject):
    """An event filter that takes maps and files to import dropped on a widget and opens each.

    Installed on the window and on the canvas's viewport, which would otherwise accept
    (and ignore) every drag. Other drags pass through untouched.
    """

    def __init__(self, open_path: Callable[[Path], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_path = open_path

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        paths = openable_paths(event.mimeData())
        if not paths:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)  # the file is read, never moved
        event.accept()
        if kind == QEvent.Type.Drop:
            # Asked after the drop returns: a question asked inside it would hold the file manager's drag.
            QTimer.singleShot(0, self, lambda: [self._open_path(path) for path in paths])
        return True


def export_path(map_path: Path, title: str, suffix: str) -> Path:
    """Where an export is suggested: beside the map (home for a map not yet named), named after its title."""
    folder = Path.home() if is_scratch(map_path) else Path(map_path).parent
    return folder / f"{safe_file_stem(title, Path(map_path).stem)}{suffix}"


def write_data(content, path: Path) -> list[str]:
    """Write `content` as the data format `path`'s suffix names; returns what the format does not carry."""
    if path.suffix.lower() == ".md":
        from export.markdown import write_markdown

        return write_markdown(content, path)
    from model.interchange.formats import write_interchange

    return write_interchange(content, path)


def offer_import(path: Path, prompts: Prompts) -> bool:
    """Ask whether a file Open met, which is not a map, should be imported into a new one."""
    answer = prompts.choose(
        "Import this file?",
        f"“{Path(path).name}” is not a Journeymap map: it is a {import_format(path)} file.",
        [IMPORT, CANCEL],
        detail="Journeymap can make a new map from it; you choose where the map is saved. "
               "The file itself is only read.",
    )
    return answer == IMPORT


def import_map(source: Path, files: FileService, prompts: Prompts, *,
               is_open: Callable[[Path], bool]):
    """Read `source` and save it as a new map where the user says: (MapFile, warnings), or None.

    Nothing is written when the file is refused or the user cancels; a map open in a window
    (`is_open`) or in another Journeymap is never replaced.
    """
    from model.interchange.formats import read_interchange

    source = Path(source)
    try:
        content, warnings = read_interchange(source)
    except JourneyError as error:
        prompts.warn("Cannot import the file", str(error))
        return None
    dest = prompts.save_file("Save the imported map as", MAP_FILTER, source.with_suffix(SUFFIX))
    if dest is None:
        return None
    dest = with_suffix(Path(dest))
    if is_open(dest):
        prompts.warn("Cannot save the imported map there",
                     f"“{dest.name}” is open in a window. Choose another name, or close that map first.")
        return None
    try:
        # The file dialog already asked before replacing a file.
        map_file = files.create(content, dest, replace=True)
    except (JourneyError, OSError) as error:
        prompts.warn("Cannot save the imported map there", _error_text(error))
        return None
    return map_file, warnings


def warnings_text(warnings: list[str]) -> str:
    shown = [f"• {w}" for w in warnings[:MAX_WARNINGS_SHOWN]]
    if len(warnings) > MAX_WARNINGS_SHOWN:
        shown.append(f"… and {len(warnings) - MAX_WARNINGS_SHOWN} more")
    return "\n".join(shown)


def _error_text(error: BaseException) -> str:
    if isinstance(error, OSError):
        return f"{error.filename or ''} {error.strerror or error}".strip()
    return str(error)
