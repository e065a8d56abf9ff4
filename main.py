"""The `journeymap` command: opens the editor, or runs one headless job.

Exit status: 0 on success, 1 when the input is refused (one line on stderr,
the input untouched), 2 for a usage error. Warnings go to stderr with status 0.
Heavy modules are imported by the command that needs them, so `journeymap
info` does not pay for Qt and opening the editor does not pay for reportlab.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from model.domain import MAP_SUFFIX

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)

PROG = "journeymap"
COMMANDS = ("new", "templates", "import", "export", "info", "check", "insights", "diff")
IMPORT_FORMATS = (".json", ".mmd", ".mermaid", ".csv", ".xlsx")
EXPORT_FORMATS = (".pdf", ".png", ".svg", ".json", ".mmd", ".csv", ".md", ".xlsx")


class Refused(Exception):
    """The input cannot be used; the message is the one line the user sees."""


def warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


# -- parsers -------------------------------------------------------------------


def _editor_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Journeymap: customer journey maps, saved as they change, printed as wall posters.",
        epilog=f"headless commands: {', '.join(COMMANDS)} (run '{PROG} COMMAND --help')",
    )
    parser.add_argument("file", nargs="?", help="a .journey map to open (a new map from a template if omitted)")
    parser.add_argument("--example", action="store_true", help="open a fresh copy of the bundled example map")
    parser.add_argument("--read-only", action="store_true", help="open the map without editing it")
    parser.add_argument("--room", nargs="?", const="127.0.0.1", metavar="HOST[:PORT]",
                        help="open the map's workshop room on HOST (default 127.0.0.1, this laptop only) and "
                             "print the join address; PORT 0 picks a free one")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="create a map from a template")
    new.add_argument("out", metavar="OUT.journey")
    new.add_argument("--template", default="five-phase", metavar="NAME")
    new.add_argument("--title", metavar="TEXT")
    new.add_argument("--plan", metavar="NAME", help="start with a workshop plan (see 'templates --plans')")

    templates = sub.add_parser("templates", help="list the templates")
    templates.add_argument("--plans", action="store_true", help="list the workshop plans instead (new … --plan NAME)")

    imp = sub.add_parser("import", help="make a map from .json, .mmd/.mermaid, .csv or .xlsx")
    imp.add_argument("source", metavar="IN")
    imp.add_argument("out", metavar="OUT.journey")

    exp = sub.add_parser("export", help="write a map as " + " ".join(EXPORT_FORMATS),
                         description="Write a map (a .journey, or straight from " + ", ".join(IMPORT_FORMATS)
                         + " in one step) as the format OUT's extension names.")
    exp.add_argument("source", metavar="IN", help="a .journey map, or a " + "/".join(IMPORT_FORMATS) + " file")
    exp.add_argument("out", metavar="OUT")
    exp.add_argument("--paper", default="A1", help="A0|A1|A2|A3|A4|letter|tabloid|WxHmm (default A1)")
    orientation = exp.add_mutually_exclusive_group()
    orientation.add_argument("--portrait", action="store_true")
    orientation.add_argument("--landscape", action="store_true", help="(default)")
    exp.add_argument("--tile", metavar="A4|letter", help="print the poster on several small sheets")
    exp.add_argument("--overlap", type=float, default=10.0, metavar="MM", help="overlap between tiles (default 10)")
    exp.add_argument("--changed-since", metavar="LAST-PRINT|SNAPSHOT",
                     help="with --tile: print only the sheets that differ from the last tiled print's, or from "
                          "snapshot SNAPSHOT's poster")
    exp.add_argument("--persona", action="append", metavar="NAME", help="only that persona's curve (repeatable)")
    exp.add_argument("--view", choices=("as-is", "to-be", "both"), default="both",
                     help="PDF: today's journey, the future one (to-be curves dashed), or both (default)")
    exp.add_argument("--scale", type=float, default=1.0, help="PNG scale: 2 doubles the pixels (default 1)")
    exp.add_argument("--report", action="store_true",
                     help="the workshop report instead of the map (OUT is .pdf or .md): the agenda as run, "
                          "participants, the map, votes, priorities, findings and actions")
    exp.add_argument("--insights", action="store_true",
                     help="PDF: add an 'Insights and priorities' page (Markdown always has that section)")

    info = sub.add_parser("info", help="what is in the map")
    info.add_argument("source", metavar="IN.journey")
    info.add_argument("--json", action="store_true", help="one JSON object")

    check = sub.add_parser("check", help="integrity, schema version, lock")
    check.add_argument("source", metavar="IN.journey")

    insights = sub.add_parser("insights", help="what the map says: low points, leaks, loops, handoffs, gaps, priorities")
    insights.add_argument("source", metavar="IN.journey")
    insights.add_argument("--json", action="store_true", help="one JSON object")

    diff = sub.add_parser("diff", help="what changed between two versions of a map",
                          description="Compare two maps, a map with one of its snapshots, or two snapshots of a map.")
    diff.add_argument("before", metavar="A", help="a .journey map (the earlier version)")
    diff.add_argument("after", metavar="B", nargs="?", help="a .journey map (the later version)")
    diff.add_argument("--snapshot", metavar="NAME", action="append",
                      help="compare snapshot NAME of A with B, or with A now when B is left out; given twice "
                           "(without B), the first snapshot of A with the second")
    diff.add_argument("--json", action="store_true", help="one JSON object")
    diff.add_argument("--poster", metavar="OUT.pdf",
                      help="write a comparison poster instead: the map with what changed marked, a legend, the list")
    diff.add_argument("--paper", default="A1", help="the comparison poster's paper (default A1)")
    return parser


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Option combinations argparse cannot express; a wrong one is a usage error (exit 2)."""
    if args.command == "diff":
        snapshots = args.snapshot or []
        if args.after is None and not snapshots:
            parser.error("diff needs B, or --snapshot NAME to compare A with one of its snapshots")
        if len(snapshots) > 2:
            parser.error("diff compares two versions: give --snapshot at most twice")
        if len(snapshots) == 2 and args.after is not None:
            parser.error("two snapshots are compared within one map: leave B out")
        if args.poster is not None and Path(args.poster).suffix.lower() != ".pdf":
            parser.error("--poster writes a PDF: give it a .pdf name")
    if args.command == "export" and args.changed_since is not None:
        if args.tile is None or Path(args.out).suffix.lower() != ".pdf":
            parser.error("--changed-since reprints sheets of a tiled poster: it needs a .pdf OUT and --tile")


# -- commands --------------------------------------------------------------------


def _existing(path_text: str) -> Path:
    path = Path(path_text)
    if not path.exists():
        raise Refused(f"{path}: no such file")
    if path.is_dir():
        raise Refused(f"{path}: is a folder, not a map")
    return path


def _fresh(path_text: str, suffix: str | None = MAP_SUFFIX) -> Path:
    path = Path(path_text)
    if suffix and path.suffix.lower() != suffix:
        raise Refused(f"{path}: a map's name must end in {suffix}")
    if path.exists():
        raise Refused(f"{path}: already exists; choose another name")
    if not path.parent.is_dir():
        raise Refused(f"{path.parent}: no such folder")
    return path


def _read_map(path_text: str):
    from model.persistence import read_content

    return read_content(_existing(path_text))


def cmd_new(args: argparse.Namespace) -> int:
    from model.persistence import MapFile
    from model.templates import build_template

    out = _fresh(args.out)
    content = build_template(args.template, args.title, plan=args.plan)
    MapFile.create(out, content).close()
    print(out)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    if getattr(args, "plans", False):
        from model.workshop_plans import PLANS

        width = max(map(len, PLANS))
        for plan in PLANS.values():
            print(f"{plan.name:<{width}}  {plan.title} ({plan.minutes} min): {plan.summary}")
        return 0
    from model.templates import TEMPLATE_NAMES, template_summary

    width = max(map(len, TEMPLATE_NAMES))
    for name in TEMPLATE_NAMES:
        print(f"{name:<{width}}  {template_summary(name)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from model.interchange.formats import read_interchange
    from model.persistence import MapFile

    source = _existing(args.source)
    if source.suffix.lower() not in IMPORT_FORMATS:
        raise Refused(f"{source}: cannot import {source.suffix or 'a file without extension'}; "
                      f"use {', '.join(IMPORT_FORMATS)}")
    out = _fresh(args.out)
    content, warnings = read_interchange(source)
    for message in warnings:
        warn(message)
    MapFile.create(out, content).close()
    print(out)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise Refused(f"{out}: cannot export to {suffix or 'a file without extension'}; use {' '.join(EXPORT_FORMATS)}")
    if out.is_dir():
        raise Refused(f"{out}: is a folder")
    if not out.parent.is_dir():
        raise Refused(f"{out.parent}: no such folder")
    if not 0 <= args.overlap <= 50:
        raise Refused("--overlap must be between 0 and 50 mm")
    if not 0.1 <= args.scale <= 8:
        raise Refused("--scale must be between 0.1 and 8")
    source = _existing(args.source)
    if out.resolve() == source.resolve():
        raise Refused(f"{out}: would overwrite the map itself")
    if args.report:
        _check_report_options(args, out, suffix)
    earlier, since = None, ""
    warnings: list[str] = []
    # A print is recorded for LAST-PRINT only when it comes from a map file that can keep the record.
    tiled_print = suffix == ".pdf" and args.tile is not None and source.suffix.lower() == MAP_SUFFIX
    options = _print_options(args) if tiled_print else None
    if source.suffix.lower() in IMPORT_FORMATS:
        # Straight from a Mermaid journey, JSON, CSV or Excel file: no .journey in between.
        if args.changed_since is not None:
            raise Refused(f"{source}: --changed-since compares with a snapshot, which only a .journey map keeps")
        from model.interchange.formats import read_interchange

        content, read_warnings = read_interchange(source)
        for message in read_warnings:
            warn(message)
    elif args.changed_since is not None and args.changed_since.strip() == "LAST-PRINT":  # model.prints.LAST_PRINT
        earlier, content, since = _since_last_print(source, options)
    elif args.changed_since is not None:
        earlier, content, since = _changed_since(source, args.changed_since)
    else:
        content = _read_map(args.source)
    if args.report:
        return _export_report(content, out, suffix)
    if args.insights and suffix not in (".pdf", ".md"):
        warn(f"--insights adds a page to PDF posters only; ignored for {suffix}")
    if suffix in (".json", ".mmd", ".csv", ".xlsx"):
        from model.interchange.formats import write_interchange

        warnings = write_interchange(content, out)
    elif suffix == ".pdf":
        from export.poster import export_poster
        from model.document import Document

        warnings = export_poster(
            Document(content), out, paper=args.paper, landscape=not args.portrait,
            personas=args.persona, tile=args.tile, overlap_mm=args.overlap, include_insights=args.insights,
            changed_since=earlier, changed_since_name=since, view=args.view,
        )
        if tiled_print:
            _record_print(source, content, options, warnings.sheets)
    elif suffix in (".png", ".svg"):
        from canvas.render import render_png, render_svg
        from model.document import Document

        document = Document(_only_personas(content, args.persona))
        if suffix == ".png":
            render_png(document, out, scale=args.scale)
        else:
            render_svg(document, out)
    else:
        exporter = _optional_exporter(suffix)
        if exporter is None:
            raise Refused(f"{out}: export to {suffix} is not available in this version")
        warnings = exporter(content, out) or []
    for message in warnings:
        warn(message)
    print(out)
    return 0


def _check_report_options(args: argparse.Namespace, out: Path, suffix: str) -> None:
    if suffix not in (".pdf", ".md"):
        raise Refused(f"{out}: the workshop report is a .pdf or a .md file")
    poster_only = [name for name, used in (("--tile", args.tile), ("--changed-since", args.changed_since),
                                           ("--persona", args.persona), ("--insights", args.insights)) if used]
    if poster_only:
        raise Refused(f"{', '.join(poster_only)} cannot be used with --report")


def _export_report(content, out: Path, suffix: str) -> int:
    """`export MAP report.pdf --report` (or report.md): the workshop report instead of the map."""
    from model.document import Document

    if suffix == ".pdf":
        from export.report_pdf import export_report

        warnings = export_report(Document(content), out)
    else:
        from export.report_markdown import write_report_markdown

        warnings = write_report_markdown(Document(content), out)
    for message in warnings:
        warn(message)
    print(out)
    return 0


def _changed_since(source: Path, name: str):
    """(the snapshot's content, the map's content now, how the assembly page names the snapshot)."""
    from model.diff_report import quote

    found = _snapshots(source, [name])[0]
    return found.content, found.now, f"snapshot {quote(found.info.name)} ({found.info.created[:10]})"


def _print_options(args: argparse.Namespace):
    from model.prints import PrintOptions

    return PrintOptions(paper=args.paper, tile=args.tile, overlap_mm=float(args.overlap), landscape=not args.portrait,
                        personas=tuple(args.persona or ()), view=args.view)


def _since_last_print(source: Path, options):
    """(the map as last printed, the map now, how the assembly page names that print); refused when the
    map records no print, or this print is made another way (its sheets would not line up)."""
    from model.prints import mismatch, read_last_print

    last, now = read_last_print(source)
    problem = mismatch(last.record, options)
    if problem is not None:
        raise Refused(problem)
    return last.content, now, last.name


def _record_print(source: Path, printed, options, sheets: int) -> None:
    """Record the tiled print in a .journey map (an automatic snapshot and a PrintRecord) when it can take it.

    A map open in an editor, not writable, of an older schema or changed since it was read keeps no record;
    a warning says so and the print stands.
    """
    from model.errors import JourneyError
    from model.persistence import SCHEMA_VERSION, MapFile, check_file
    from model.prints import record_print

    try:
        if check_file(source).schema_version != SCHEMA_VERSION:
            warn(f"the print was not recorded: {source.name} has an older schema; open it in Journeymap once "
                 "to bring it up to date")
            return
        with MapFile.open(source) as mapfile:
            if mapfile.document.content() != printed:
                warn(f"the print was not recorded: {source.name} changed while it was printed")
                return
            record_print(mapfile, options, sheets)
    except JourneyError as error:
        warn(f"the print was not recorded ({_one_line(error)}); the next --changed-since LAST-PRINT "
             "compares with the print before it")


def _only_personas(content, names: list[str] | None):
    """The content with only the named personas' curves visible (for pictures)."""
    if not names:
        return content
    from dataclasses import replace

    known = {p.name for p in content.personas}
    missing = [n for n in names if n not in known]
    if missing:
        raise Refused(f"no persona named {missing[0]!r}; the map has: {', '.join(sorted(known)) or 'none'}")
    personas = tuple(p.with_changes(visible=p.name in names) for p in content.personas)
    return replace(content, personas=personas)


def _optional_exporter(suffix: str):
    try:
        if suffix == ".md":
            from export.markdown import write_markdown

            return write_markdown
    except ImportError:
        return None
    return None


def _summary(path: Path, content, doc) -> dict:
    """What `info` says of the map: `content` and `doc` (a Document of it, built once) are the same map."""
    from model.entities import ENTITIES
    from model.persistence import check_file
    from model.voting_report import sessions_summary
    from model.workshop_summary import info_fields

    report = check_file(path)
    return {
        "title": content.info.title,
        "description": content.info.description,
        "owner": content.info.owner,
        "schema_version": report.schema_version,
        "stages": [s.name for s in content.stages],
        "lanes": [lane.name for lane in content.lanes],
        "personas": [p.name for p in content.personas],
        "card_count": len(content.cards),
        "connection_count": len(content.connections),
        "emotion_count": len(content.emotions),
        "kpi_count": len(content.kpis),
        # Each declared entity (model/entities.py) by its items' names: participants…
        **{e.table: len(content.items_of(kind)) if e.counted else [str(getattr(v, e.label_field))
                                                                     for v in content.items_of(kind)]
           for kind, e in ENTITIES.items() if e.listed and e.label_field is not None},
        **info_fields(doc),
        # Each voting session with its rules, state and totals per card (not only its name).
        "voting_sessions": sessions_summary(doc),
    }


def cmd_info(args: argparse.Namespace) -> int:
    from model.document import Document
    from model.entities import ENTITIES
    from model.voting_report import sessions_text
    from model.workshop_summary import info_lines

    path = _existing(args.source)
    content = _read_map(args.source)
    doc = Document(content)
    summary = _summary(path, content, doc)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"{summary['title']}  ({path.name}, schema {summary['schema_version']})")
    if summary["description"]:
        print(summary["description"])
    print(f"stages:      {' → '.join(summary['stages']) or '(none)'}")
    print(f"lanes:       {', '.join(summary['lanes']) or '(none)'}")
    print(f"personas:    {', '.join(summary['personas']) or '(none)'}")
    print(f"cards:       {summary['card_count']}")
    print(f"connections: {summary['connection_count']}")
    print(f"emotions:    {summary['emotion_count']}")
    print(f"KPIs:        {summary['kpi_count']}")
    for entity in ENTITIES.values():
        if entity.kind == "voting_session":
            for line in sessions_text(summary["voting_sessions"]):
                print(" " * (len(line) - len(line.lstrip(" "))) + _printable(line))  # keep the indent
            continue
        if entity.listed and entity.label_field is not None:
            listing = summary[entity.table]
            shown = str(listing) if entity.counted else ", ".join(map(_printable, listing)) or "(none)"
            print(f"{entity.table + ':':<13} {shown}")
    for line in info_lines(doc, _printable):
        print(line)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from model.persistence import check_file

    report = check_file(_existing(args.source))
    print(f"schema version: {report.schema_version}")
    print(f"integrity:      {report.integrity}")
    print(f"lock:           {report.lock_holder or 'not locked'}")
    if report.integrity != "ok":
        raise Refused(f"{args.source}: damaged ({report.integrity})")
    _read_map(args.source)  # rows the model refuses pass integrity_check; reading them names the damage
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    from model.document import Document
    from model.insights import findings, grouped, priorities

    doc = Document(_read_map(args.source))
    found = findings(doc)
    if args.json:
        ranked = [p.to_dict() | {"text": doc.card(p.card_id).text, "stage_name": doc.stage(p.stage_id).name}
                  for p in priorities(doc)]
        print(json.dumps({"title": doc.info.title, "findings": [f.to_dict() for f in found], "priorities": ranked},
                         ensure_ascii=False))
        return 0
    print(_printable(f"{doc.info.title} — {len(found)} finding{'s' if len(found) != 1 else ''}"))
    for group, members in grouped(found):
        print(f"\n{group}")
        for finding in members:
            print(f"  {finding.severity:<6}  {_printable(finding.sentence)}")
    return 0


def _printable(text: str) -> str:
    """One line for a terminal: control characters (escape sequences in a card's text) shown as �."""
    import unicodedata

    text = " ".join(text.split())
    return "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def cmd_diff(args: argparse.Namespace) -> int:
    from model.diff import compare
    from model.diff_report import to_json, to_text

    before_path = _existing(args.before)
    after_path = _existing(args.after) if args.after is not None else None
    snapshots = [None, None]  # the SnapshotInfo each side was read from
    if args.snapshot is not None:
        found = _snapshots(before_path, args.snapshot)
        before, snapshots[0], before_name = found[0].content, found[0].info, _snapshot_name(found[0], before_path)
        if len(found) == 2:
            after, snapshots[1], after_name = found[1].content, found[1].info, _snapshot_name(found[1], before_path)
        elif after_path is not None:
            after, after_name = _read_map(args.after), after_path.name
        else:
            after, after_name = found[0].now, f"{before_path.name} now"
    else:
        before, after = _read_map(args.before), _read_map(args.after)
        before_name, after_name = before_path.name, after_path.name
        if before_path.name == after_path.name:
            before_name, after_name = str(before_path), str(after_path)
    if args.poster is not None:
        return _comparison_poster(args, before, after, before_name, {before_path, after_path})
    diff = compare(before, after)
    if args.json:
        report = {"before": _version(before_path, snapshots[0]),
                  "after": _version(after_path or before_path, snapshots[1])}
        print(json.dumps(report | to_json(diff), ensure_ascii=False))
    else:
        print(to_text(diff, before_name, after_name))
    return 0


def _snapshots(path: Path, names: list[str]):
    """Snapshots `names` of the map at `path` (SnapshotRead each), warning when a name is shared."""
    from model.diff_report import quote
    from model.persistence import read_snapshots

    found = read_snapshots(path, names)
    for read in {read.info.id: read for read in found}.values():  # the same snapshot twice: one warning
        if read.same_name > 1:
            warn(f"{read.same_name} snapshots are named {quote(read.info.name)}; comparing the newest "
                 f"({read.info.created})")
    return found


def _snapshot_name(read, path: Path) -> str:
    from model.diff_report import quote

    return f"snapshot {quote(read.info.name)} of {path.name} ({read.info.created})"


def _comparison_poster(args: argparse.Namespace, before, after, before_name: str, inputs: set) -> int:
    from export.compare_poster import export_comparison_poster

    out = Path(args.poster)
    if any(p is not None and out.resolve() == p.resolve() for p in inputs):
        raise Refused(f"{out}: would overwrite a map")
    for message in export_comparison_poster(before, after, out, paper=args.paper, before_name=before_name):
        warn(message)
    print(out)
    return 0


def _version(path: Path, snapshot) -> dict:
    out = {"file": str(path)}
    if snapshot is not None:
        out["snapshot"] = {"id": snapshot.id, "name": snapshot.name, "created": snapshot.created}
    return out


HANDLERS = {
    "new": cmd_new, "templates": cmd_templates, "import": cmd_import,
    "export": cmd_export, "info": cmd_info, "check": cmd_check, "insights": cmd_insights, "diff": cmd_diff,
}


def room_address(text: str) -> tuple[str, int | None]:
    """HOST[:PORT] of --room: an IP address ('[::1]:8765' for IPv6 with a port); ValueError if not one."""
    import ipaddress

    host, port = text, None
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"{text!r} is not HOST[:PORT]")
            port = rest[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    ipaddress.ip_address(host)  # the room listens on an address of this laptop, not a name
    if port is not None:
        if not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"{port!r} is not a port (0–65535)")
        port = int(port)
    return host, port


def _check_room_address(host: str, port: int | None) -> None:
    """Refuse an address this laptop cannot listen on before any window opens (binds, listens to nothing)."""
    import errno
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port or 0))
        except OSError as error:
            if port is None and error.errno == errno.EADDRINUSE:
                return  # our usual port is taken: the room takes any free one
            raise Refused(f"the room cannot open on {host}: {error.strerror or error}") from None


def _run_editor(argv: Sequence[str]) -> int:
    parser = _editor_parser()
    args = parser.parse_args(argv)
    if args.file and args.example:
        parser.error("give a FILE or --example, not both")
    room = None
    if args.room is not None:
        if not (args.file or args.example):
            parser.error("--room opens the room of a map: give a FILE")
        if args.read_only:
            parser.error("--room needs a map it can save to, not --read-only")
        try:
            room = room_address(args.room)
        except ValueError:
            parser.error(f"--room {args.room}: give an address of this laptop, such as 192.168.1.5 or 127.0.0.1:8765")
        _check_room_address(*room)
    # The editor always opens a map file. Import the file layer before Qt: PySide6 hooks every
    # later import and reads its module's source, which makes SQLAlchemy's ~200 modules cost
    # about 80 ms more when they come after it (measured), a sixth of the time to first frame.
    import model.persistence.mapfile  # noqa: F401
    from editor.app import run

    return run(args.file, example=args.example, read_only=args.read_only, room=room)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from model.errors import JourneyError

    try:
        if argv and argv[0] in COMMANDS:
            parser = _command_parser()
            args = parser.parse_args(argv)
            _check_usage(parser, args)
            return HANDLERS[args.command](args)
        return _run_editor(argv)
    except (Refused, JourneyError) as error:
        print(f"{PROG}: error: {_one_line(error)}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{PROG}: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: log it, tell the user in one line, never a traceback
        print(f"{PROG}: error: unexpected problem: {_one_line(error)} (details in {_log_exception()})", file=sys.stderr)
        return 1


def _log_exception() -> str:
    """Append the current traceback to the log in the user data directory; return where."""
    import traceback

    from model.paths import user_data_dir

    log = user_data_dir() / "journeymap.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as stream:
            traceback.print_exc(file=stream)
    except OSError:
        return "no log: the data folder is not writable"
    return str(log)


def _one_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
