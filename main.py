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
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="create a map from a template")
    new.add_argument("out", metavar="OUT.journey")
    new.add_argument("--template", default="five-phase", metavar="NAME")
    new.add_argument("--title", metavar="TEXT")

    sub.add_parser("templates", help="list the templates")

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
    exp.add_argument("--changed-since", metavar="SNAPSHOT",
                     help="with --tile: print only the sheets that differ from snapshot SNAPSHOT's poster")
    exp.add_argument("--persona", action="append", metavar="NAME", help="only that persona's curve (repeatable)")
    exp.add_argument("--scale", type=float, default=1.0, help="PNG scale: 2 doubles the pixels (default 1)")
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
                          description="Compare two maps, or a map with one of its snapshots.")
    diff.add_argument("before", metavar="A", help="a .journey map (the earlier version)")
    diff.add_argument("after", metavar="B", nargs="?", help="a .journey map (the later version)")
    diff.add_argument("--snapshot", metavar="NAME",
                      help="compare snapshot NAME of A with B, or with A now when B is left out")
    diff.add_argument("--json", action="store_true", help="one JSON object")
    return parser


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Option combinations argparse cannot express; a wrong one is a usage error (exit 2)."""
    if args.command == "diff" and args.after is None and args.snapshot is None:
        parser.error("diff needs B, or --snapshot NAME to compare A with one of its snapshots")
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
    content = build_template(args.template, args.title)
    MapFile.create(out, content).close()
    print(out)
    return 0


def cmd_templates(_args: argparse.Namespace) -> int:
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
    earlier, since = None, ""
    warnings: list[str] = []
    if source.suffix.lower() in IMPORT_FORMATS:
        # Straight from a Mermaid journey, JSON, CSV or Excel file: no .journey in between.
        if args.changed_since is not None:
            raise Refused(f"{source}: --changed-since compares with a snapshot, which only a .journey map keeps")
        from model.interchange.formats import read_interchange

        content, read_warnings = read_interchange(source)
        for message in read_warnings:
            warn(message)
    elif args.changed_since is not None:
        earlier, content, since = _changed_since(source, args.changed_since)
    else:
        content = _read_map(args.source)
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
            changed_since=earlier, changed_since_name=since,
        )
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


LAST_PRINT = "LAST-PRINT"


def _changed_since(source: Path, name: str):
    """(the snapshot's content, the map's content now, how the assembly page names the snapshot)."""
    from model.diff_report import quote
    from model.errors import NotFoundError
    from model.persistence import read_snapshot

    try:
        found = read_snapshot(source, name)
    except NotFoundError as error:
        if name.strip() == LAST_PRINT:
            raise Refused(f"{error}; this version does not record prints yet: take a snapshot when you print"
                          " and give its name to --changed-since") from None
        raise
    if found.same_name > 1:
        warn(f"{found.same_name} snapshots are named {quote(found.info.name)}; comparing with the newest "
             f"({found.info.created})")
    return found.content, found.now, f"snapshot {quote(found.info.name)} ({found.info.created[:10]})"


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


def _summary(path: Path, content) -> dict:
    from model.entities import ENTITIES
    from model.persistence import check_file

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
        **{e.table: [getattr(v, e.label_field) for v in content.items_of(kind)] for kind, e in ENTITIES.items()},
    }


def cmd_info(args: argparse.Namespace) -> int:
    path = _existing(args.source)
    summary = _summary(path, _read_map(args.source))
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
    from model.entities import ENTITIES

    for entity in ENTITIES.values():
        names = summary[entity.table]
        print(f"{entity.table + ':':<13} {', '.join(names) or '(none)'}")
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
    from model.diff_report import quote, to_json, to_text

    before_path = _existing(args.before)
    after_path = _existing(args.after) if args.after is not None else None
    snapshot = None
    if args.snapshot is not None:
        from model.persistence import read_snapshot

        found = read_snapshot(before_path, args.snapshot)
        if found.same_name > 1:
            warn(f"{found.same_name} snapshots are named {quote(found.info.name)}; comparing the newest "
                 f"({found.info.created})")
        snapshot = found.info
        before = found.content
        after = _read_map(args.after) if after_path is not None else found.now
        before_name = f"snapshot {quote(found.info.name)} of {before_path.name} ({found.info.created})"
        after_name = after_path.name if after_path is not None else f"{before_path.name} now"
    else:
        before, after = _read_map(args.before), _read_map(args.after)
        before_name, after_name = before_path.name, after_path.name
        if before_path.name == after_path.name:
            before_name, after_name = str(before_path), str(after_path)
    diff = compare(before, after)
    if args.json:
        report = {"before": _version(before_path, snapshot), "after": _version(after_path or before_path, None)}
        print(json.dumps(report | to_json(diff), ensure_ascii=False))
    else:
        print(to_text(diff, before_name, after_name))
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


def _run_editor(argv: Sequence[str]) -> int:
    args = _editor_parser().parse_args(argv)
    if args.file and args.example:
        _editor_parser().error("give a FILE or --example, not both")
    # The editor always opens a map file. Import the file layer before Qt: PySide6 hooks every
    # later import and reads its module's source, which makes SQLAlchemy's ~200 modules cost
    # about 80 ms more when they come after it (measured), a sixth of the time to first frame.
    import model.persistence.mapfile  # noqa: F401
    from editor.app import run

    return run(args.file, example=args.example, read_only=args.read_only)


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
