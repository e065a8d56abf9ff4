"""What each tiled print showed, so the next one reprints only the sheets that changed (`LAST-PRINT`).

A tiled print is recorded as a `PrintRecord` item (model/entities.py): when,
on what paper, tiled on what sheets with what overlap, with which options,
and an automatic snapshot of the map as it was printed. The snapshot rather
than the content as JSON text in the record: a snapshot is the file's own
verified copy (read back through the same checks as the map), it is listed
with the others so a facilitator can open it or compare with it ("what is on
the wall"), and the record stays a few hundred bytes. Kept in the record,
every later snapshot, backup, JSON export and the document in memory would
carry every earlier print's whole map again.

A record is a fact about the paper on the wall, not an edit: it is applied
with `Origin.PRINT` and never put on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import ops
from .document import Content
from .domain import PrintRecord, View
from .errors import NotFoundError
from .events import Origin
from .layout import format_number
from .workshop_domain import utc_text

PRINT_RECORD = "print_record"
LAST_PRINT = "LAST-PRINT"

# The options of a print that decide what each sheet shows: two prints compare sheet by sheet only when equal.
SAME_WAY = ("paper", "landscape", "tile", "overlap_mm", "personas", "legend", "personas_strip", "view")


@dataclass(frozen=True)
class PrintOptions:
    """How a tiled poster is printed (export.poster.export_poster's options, as a record keeps them)."""

    paper: str
    tile: str
    overlap_mm: float = 10.0
    landscape: bool = True
    personas: tuple[str, ...] = ()  # names; () = the personas the map shows
    legend: bool = True
    personas_strip: bool = True
    view: View = View.BOTH

    @classmethod
    def of(cls, record: PrintRecord) -> "PrintOptions":
        return cls(**{name: getattr(record, name) for name in SAME_WAY})

    def describe(self) -> str:
        """'A1 landscape on A4 sheets, 10 mm overlap' (and the other options when not the defaults)."""
        text = (f"{self.paper} {'landscape' if self.landscape else 'portrait'} on {self.tile} sheets, "
                f"{format_number(self.overlap_mm)} mm overlap")
        extras = []
        if self.personas:
            extras.append("personas " + ", ".join(self.personas))
        if not self.legend:
            extras.append("no legend")
        if not self.personas_strip:
            extras.append("no personas strip")
        if View(self.view) != View.BOTH:
            extras.append(f"{View(self.view).value} view")
        return text + "".join(f", {e}" for e in extras)


def newest(records: list[PrintRecord] | tuple[PrintRecord, ...]) -> PrintRecord | None:
    """The newest print: the latest `when`, the later recorded on a tie."""
    best = None
    for record in records:
        if best is None or record.when >= best.when:
            best = record
    return best


def when_text(record: PrintRecord) -> str:
    """When it was printed, in local time: '2026-05-01 14:02'."""
    try:
        moment = dt.datetime.fromisoformat(record.when.replace("Z", "+00:00"))
    except ValueError:
        return record.when
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def mismatch(record: PrintRecord, options: PrintOptions) -> str | None:
    """Why a print made with `options` cannot be compared sheet by sheet with `record`'s; None when it can."""
    if PrintOptions.of(record) == options:
        return None
    return (f"the last print ({when_text(record)}) was {PrintOptions.of(record).describe()}; "
            f"print the same way to reprint only the sheets that changed (this one: {options.describe()})")


def record_print(map_file, options: PrintOptions, sheets: int, *, now: dt.datetime | None = None) -> PrintRecord:
    """Snapshot the open, writable map as printed and add its PrintRecord (Origin.PRINT, not undoable).

    Raises JourneyError when the snapshot or the record cannot be saved; the map is then as it was,
    but for a snapshot already stored, which is harmless.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    local = now.astimezone().strftime("%Y-%m-%d %H:%M")
    snapshot = map_file.create_snapshot(f"Printed {local} ({options.paper} on {options.tile})")
    record = PrintRecord(utc_text(now), options.paper, options.tile, float(options.overlap_mm),
                         snapshot.id, landscape=options.landscape, personas=tuple(options.personas),
                         legend=options.legend, personas_strip=options.personas_strip, view=View(options.view),
                         sheets=sheets)
    map_file.document.apply(ops.AddItem(record), Origin.PRINT)
    return record


@dataclass(frozen=True)
class LastPrint:
    record: PrintRecord
    content: Content  # the map as printed (the record's snapshot)

    @property
    def name(self) -> str:
        """How an assembly page names it: 'the print of 2026-05-01 14:02'."""
        return f"the print of {when_text(self.record)}"


def last_print(map_file) -> LastPrint:
    """The newest print of an open map and the map as it printed it.

    NotFoundError when the map records no print, or the print's snapshot was deleted.
    """
    record = newest(map_file.document.items(PRINT_RECORD))
    if record is None:
        raise NotFoundError(f"{map_file.path.name} records no print yet: a tiled print (--tile) records what it "
                            "printed, for the next one to reprint only the sheets that changed")
    try:
        content = map_file.snapshot_content(record.snapshot_id)
    except NotFoundError:
        raise NotFoundError(f"the snapshot of the last print ({when_text(record)}) is no longer in "
                            f"{map_file.path.name}; give a snapshot's name to --changed-since instead") from None
    return LastPrint(record, content)


def read_last_print(path) -> tuple[LastPrint, Content]:
    """The newest print of the map at `path` and the map now, read-only and without taking the lock."""
    from .persistence import MapFile

    mapfile = MapFile.open(path, read_only=True)
    try:
        return last_print(mapfile), mapfile.document.content()
    finally:
        mapfile.close()


__all__ = ["LAST_PRINT", "LastPrint", "PrintOptions", "last_print", "mismatch", "newest",
           "read_last_print", "record_print", "when_text"]
