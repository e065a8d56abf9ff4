"""Wall posters: the map as a vector PDF on one sheet, or tiled across many.

The poster (title block, map, legend, personas strip) is drawn once into a
Form XObject; the single-page poster shows it on one page, a tiled print
shows it through a clip on every sheet. The file is written to a temporary
name beside the destination and renamed into place, so an export that fails
leaves nothing behind.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from model.domain import Channel, LaneKind, View
from model.errors import ExportError, ValidationError
from model.interchange.text_files import write_atomically

from .paper import MAX_CUSTOM_MM, MM, bigger_papers, oriented, paper_name, parse_paper, parse_tile_paper

POSTER_FORM = "jm-poster"
READABLE_PT = 9.0  # card text smaller than this is hard to read from arm's length
MAX_OVERLAP_MM = 50.0

Progress = Callable[[float], object]


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""


def _select_personas(document, names: Sequence[str] | None):
    """The document to draw: with `names`, only those personas are shown (refused if one does not exist)."""
    from model.document import Document

    if names is None:
        return document, [p for p in document.personas if p.visible]
    known = [p.name for p in document.personas]
    for name in names:
        if name not in known:
            raise ValidationError(f"no persona named {name!r}; the map has: {', '.join(known) or 'no personas'}")
    wanted = set(names)
    content = document.content()
    personas = tuple(p.with_changes(visible=p.name in wanted) for p in content.personas)
    shown = [p for p in personas if p.visible]
    if all(p.visible == q.visible for p, q in zip(personas, content.personas)):
        return document, shown
    return Document(replace(content, personas=personas)), shown


def frame_content(doc, shown, snapshot_name: str | None = None, today: datetime.date | None = None,
                  view: View = View.BOTH, layout=None):
    """What the title block, legend and personas strip show, for `shown` personas (the dialog previews it too).
    With the map's `layout`, the legend keys the room's curve when the map draws one."""
    from model.domain import CardKind

    from .poster_frame import FrameContent
    from .poster_room import room_legend

    seen_kinds, seen_channels = set(), set()
    for card in doc.cards():
        seen_kinds.add(card.kind)
        if card.channel != Channel.NONE:
            seen_channels.add(card.channel)
    kinds = [k for k in CardKind if k in seen_kinds]
    channels = [c for c in Channel if c in seen_channels]
    parts = []
    if shown:
        label = "Persona" if len(shown) == 1 else "Personas"
        parts.append(f"{label}: " + ", ".join(p.name.replace("\n", " ") for p in shown))
    if doc.info.owner:
        parts.append(f"Owner: {doc.info.owner}".replace("\n", " "))
    today = today or datetime.date.today()
    parts.append(f"{today.day} {today:%B %Y}")
    if snapshot_name:
        parts.append(f"Snapshot: {snapshot_name}".replace("\n", " "))
    view = View(view)
    if view != View.BOTH:
        parts.append("As is" if view == View.AS_IS else "To be")
    has_emotions = any(lane.kind == LaneKind.EMOTIONS for lane in doc.lanes)
    return FrameContent(
        title=doc.info.title,
        subtitle="   ·   ".join(parts),
        emotion_labels=doc.info.emotion_labels,
        has_emotions=has_emotions,
        kinds=kinds,
        channels=channels,
        personas=shown,
        extra_legend=_future_legend(doc, shown, view, has_emotions)
        + (room_legend(doc, layout, view) if layout is not None else []),
    )


def _future_legend(doc, shown, view: View, has_emotions: bool) -> list[tuple[str, list]]:
    """The legend's "Future" row when the poster shows any of the future state: the to-be card's ring
    and the two kinds of curve."""
    from model.tobe import to_be_cards, to_be_values

    from .poster_future import TO_BE_INK

    if view == View.AS_IS:
        return []
    items = []
    if to_be_cards(doc):
        items.append(("ring", (TO_BE_INK, True), "To-be card"))
    shown_ids = {p.id for p in shown}
    if has_emotions and any(p in shown_ids for _, p in to_be_values(doc)):
        ink = shown[0].colour if len(shown) == 1 else "#4A5568"
        if view == View.BOTH:
            items.append(("line", (ink, False), "As-is curve"))
        items.append(("line", (ink, True), "To-be curve"))
    return [("Future", items)] if items else []


@dataclass(frozen=True)
class PosterVersion:
    """One version of a map on a poster: what the painters draw, where, and (tiled) on which sheets."""

    doc: Any  # the Document as drawn (only the chosen personas visible)
    layout: Any  # model.layout_types.Layout
    frame: Any  # poster_frame.FrameContent
    comp: Any  # poster_frame.Composition
    page: tuple[float, float]
    plan: Any  # tiles.TilePlan, or None for a single sheet
    view: View = View.BOTH  # as-is, to-be or both: which curves are drawn, whether to-be cards are marked


class PosterWarnings(list):
    """export_poster's warnings (a list of one-line messages) and how many sheets it printed."""

    sheets: int = 0


def poster_version(document, page: tuple[float, float], sheet: tuple[float, float] | None, overlap_mm: float, *,
                   personas: list[str] | None = None, snapshot_name: str | None = None, include_legend: bool = True,
                   include_personas: bool = True, today: datetime.date | None = None,
                   view: View = View.BOTH) -> PosterVersion:
    """Lay `document` out on a poster of `page` size (and plan its tiles on `sheet`), shown in `view`
    (as-is leaves the to-be cards out and draws the as-is curves; to-be draws the to-be curves).

    Refuses with ValidationError a persona name the map does not have, or an unknown view.
    """
    from model.document import Document
    from model.layout import compute_layout
    from model.tobe import as_is_content, to_be_cards

    from .poster_frame import compose
    from .tiles import plan_tiles

    view = _view(view)
    doc, shown = _select_personas(document, personas)
    if view == View.AS_IS and to_be_cards(doc):
        doc = Document(as_is_content(doc.content()))  # today's journey: the future's cards left out
    layout = compute_layout(doc)
    frame = frame_content(doc, shown, snapshot_name, today, view, layout)
    comp = compose(page, (layout.width, layout.height), frame, include_legend, include_personas)
    plan = plan_tiles(page, sheet, overlap_mm * MM, comp.content_boxes()) if sheet is not None else None
    return PosterVersion(doc, layout, frame, comp, page, plan, view)


def _view(view) -> View:
    try:
        return View(view)
    except ValueError:
        raise ValidationError(f"the view must be one of: {', '.join(v.value for v in View)}") from None


def check_destination(path: Path) -> None:
    """Refuse (ExportError) a PDF destination that is a folder or in no folder, before any work is done."""
    if path.exists() and path.is_dir():
        raise ExportError(f"{path}: is a folder")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder")


def _small_text_warning(card_pt: float, page_label: str, page: tuple[float, float], layout_size, content,
                        include_legend: bool, include_personas: bool, landscape: bool) -> str | None:
    if card_pt >= READABLE_PT - 0.05:
        return None
    from .paper import PAPERS_MM
    from .poster_frame import compose

    suggestion = None
    for name in bigger_papers(page):
        size = oriented((PAPERS_MM[name][0] * MM, PAPERS_MM[name][1] * MM), landscape)
        comp = compose(size, layout_size, content, include_legend, include_personas)
        if 11.0 * comp.scale >= READABLE_PT:
            suggestion = f"--paper {name} (tiled: --paper {name} --tile A4)"
            break
    if suggestion is None:
        # Grow the sheet by the factor the text is short of, plus a little for the frame round the map.
        grow = READABLE_PT / max(card_pt, 0.01) * 1.05
        w_mm, h_mm = (math.ceil(page[0] * grow / MM / 10) * 10, math.ceil(page[1] * grow / MM / 10) * 10)
        if max(w_mm, h_mm) <= MAX_CUSTOM_MM:
            suggestion = f"--paper {w_mm}x{h_mm}mm --tile A4"
        else:
            return (f"card text prints at {card_pt:.1f} pt on {page_label}, smaller than {READABLE_PT:.0f} pt,"
                    f" and no paper up to {MAX_CUSTOM_MM:.0f} mm makes it readable; collapse lanes or split the map")
    return (f"card text prints at {card_pt:.1f} pt on {page_label}, smaller than {READABLE_PT:.0f} pt;"
            f" use a larger paper, e.g. {suggestion}")


def export_poster(
    document,
    path,
    *,
    paper: str = "A1",
    landscape: bool = True,
    personas: list[str] | None = None,
    tile: str | None = None,
    overlap_mm: float = 10.0,
    snapshot_name: str | None = None,
    include_legend: bool = True,
    include_personas: bool = True,
    include_insights: bool = False,
    changed_since=None,
    changed_since_name: str = "the earlier version",
    view: View = View.BOTH,
    progress: Progress | None = None,
) -> PosterWarnings:
    """Write the map as a PDF poster at `path` and return the warnings (empty when all went well).

    `paper`: A0…A4, letter, tabloid or "WxHmm"; `landscape` turns it wide.
    `personas`: names whose curves to show (None: the visible ones).
    `tile`: "A4" or "letter" to cut the poster across sheets overlapping by
    `overlap_mm` (0–50), with an assembly page first. `changed_since` (a
    Document or Content: e.g. a snapshot, called `changed_since_name` on the
    assembly page), with `tile`: print only the sheets whose content differs
    from that version's poster printed the same way, after an assembly page
    naming the sheets to replace. `include_insights` adds an "Insights and
    priorities" page (of the tile sheet's size when tiled) after the poster.
    `view` (as-is, to-be or both) chooses the curves drawn and whether the
    to-be cards are left out (as-is) or marked. `progress(fraction)` is
    called now and then; if it returns True the export stops with
    ExportCancelled. The returned warnings' `sheets` is how many poster
    sheets were printed (tiles, without the assembly page; 1 untiled).

    Refuses with ValidationError an unknown paper, tile sheet or persona, an
    overlap out of range, or `changed_since` without `tile`; with ExportError
    a destination that cannot be written, or a `changed_since` version whose
    poster shows the same on every sheet. No file is left at `path` by a
    refused or failed export.
    """
    page = oriented(parse_paper(paper), landscape)
    sheet = parse_tile_paper(tile) if tile is not None else None
    if isinstance(overlap_mm, bool) or not isinstance(overlap_mm, (int, float)) or not 0 <= overlap_mm <= MAX_OVERLAP_MM:
        raise ValidationError(f"the overlap must be 0–{MAX_OVERLAP_MM:.0f} mm")
    if changed_since is not None and sheet is None:
        raise ValidationError("only a tiled print (--tile) can reprint just the sheets that changed")
    target = Path(path)
    check_destination(target)

    def report(fraction: float) -> None:
        if progress is not None and progress(fraction) is True:
            raise ExportCancelled("the export was cancelled")

    report(0.0)
    today = datetime.date.today()
    options = dict(personas=personas, snapshot_name=snapshot_name, include_legend=include_legend,
                   include_personas=include_personas, today=today, view=view)  # poster_version checks it
    version = poster_version(document, page, sheet, overlap_mm, **options)
    report(0.15)
    changes = None
    if changed_since is not None:
        from model.document import Document

        from .poster_sheets import changed_sheets

        earlier = changed_since if isinstance(changed_since, Document) else Document(changed_since)
        changes = changed_sheets(poster_version(earlier, page, sheet, overlap_mm, **options), version)
        if changes.nothing:
            raise ExportError(f"nothing on the poster changed since {changed_since_name}: no sheet to reprint")
    warnings = PosterWarnings()
    warnings.sheets = 1 if sheet is None else len(changes.reprint if changes else version.plan.tiles)

    write_atomically(target, lambda handle: _write_pdf(  # 0666 less the umask, like every export
        handle, version, sheet, include_legend, include_personas, paper, landscape, warnings, report, changes,
        changed_since_name, include_insights))
    report(1.0)
    return warnings


def open_pdf(handle, page: tuple[float, float], title: str):
    """A reportlab canvas writing a poster PDF to `handle`: fonts registered, the icon and marker forms
    defined. Returns it with the TextPainter that draws its text and the FontRuns behind that (close_pdf)."""
    from reportlab.pdfgen.canvas import Canvas

    from .icons import define_icon_forms, define_marker_forms
    from .pdf_fonts import REGULAR_FONT, FontRuns, TextPainter, register_fonts

    register_fonts()
    runs = FontRuns()
    canv = Canvas(handle, pagesize=page, pageCompression=1, initialFontName=REGULAR_FONT, initialFontSize=10)
    canv.setTitle(title)
    canv.setCreator("Journeymap")
    define_icon_forms(canv)
    define_marker_forms(canv)
    return canv, TextPainter(runs), runs


def close_pdf(canv, runs, warnings: list[str]) -> None:
    """Write out what open_pdf's canvas drew; add to `warnings` the characters no font had."""
    from reportlab import rl_config

    # Binary (Flate only) streams: ASCII85 on top makes the file a quarter bigger and the save slower.
    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canv.save()
    finally:
        rl_config.useA85 = saved_a85
    missing = runs.missing_warning()
    if missing:
        warnings.append(missing)


def define_poster_form(canv, version: PosterVersion, painter, warnings: list[str], report=lambda _fraction: None) -> None:
    """Draw the poster (title block, map, legend, personas) once, into the form POSTER_FORM of `canv`;
    a page shows it with `canv.doForm(POSTER_FORM)` (the single sheet, every tile, the workshop report)."""
    from .poster_frame import FramePainter
    from .poster_map import MapPainter

    comp = version.comp
    canv.beginForm(POSTER_FORM, 0, 0, version.page[0], version.page[1])
    frame = FramePainter(canv, comp, painter, warnings)
    frame.title_block(version.frame)
    canv.saveState()
    box = comp.map_box
    canv.translate(box.x, box.y)
    canv.scale(comp.scale, comp.scale)
    MapPainter(canv, version.layout, version.doc, painter, comp.scale, version.view).draw(report)
    canv.restoreState()
    report(0.72)
    frame.legend()
    frame.personas()
    canv.endForm()


def _write_pdf(handle, version: PosterVersion, sheet, include_legend, include_personas, paper, landscape, warnings,
               report, changes=None, changed_since_name: str = "", include_insights: bool = False) -> None:
    from .tiles import draw_assembly_page, draw_tiles

    doc, layout, content, comp, page = version.doc, version.layout, version.frame, version.comp, version.page
    card_pt = 11.0 * comp.scale
    canv, painter, runs = open_pdf(handle, page, doc.info.title)
    canv.setAuthor(doc.info.owner)
    canv.setSubject(f"Customer journey map poster ({paper_name(paper)}{', tiled' if sheet else ''})")
    define_poster_form(canv, version, painter, warnings, report)
    report(0.78)

    if sheet is None:
        canv.setPageSize(page)
        canv.doForm(POSTER_FORM)
        canv.showPage()
    else:
        plan = version.plan
        sheet_name = "A4" if abs(min(sheet) - 210 * MM) < 1 else "Letter"
        title = doc.info.title.replace("\n", " ")
        draw_assembly_page(canv, plan, page, POSTER_FORM, painter, title, sheet_name, changes, changed_since_name)
        draw_tiles(canv, plan, POSTER_FORM, painter, title, report, changes.reprint if changes else None)
    if include_insights:
        from .poster_insights import draw_insights_pages

        shown = {p.id for p in content.personas}
        draw_insights_pages(canv, page if sheet is None else oriented(sheet, False), doc, painter, shown)
    report(0.96)
    small = _small_text_warning(card_pt, paper_name(paper), page, (layout.width, layout.height), content,
                                include_legend, include_personas, landscape)
    if small:
        warnings.append(small)
    close_pdf(canv, runs, warnings)
