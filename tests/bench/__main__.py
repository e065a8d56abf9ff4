"""`make bench`: every figure of the issues beside its target, as a table and as JSON.

Each figure is the median of several runs, so one noisy run does not decide.
GUI figures run in child processes on Qt's offscreen platform at 1920×1080,
so a measurement never inherits another's warm caches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None  # None: reported for comparison only
    better: str = "lower"  # or "higher"

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.value <= self.target if self.better == "lower" else self.value >= self.target

    def row(self) -> str:
        target = "" if self.target is None else f"{'≤' if self.better == 'lower' else '≥'} {self.target:g} {self.unit}"
        verdict = {True: "pass", False: "FAIL", None: ""}[self.passed]
        # A count reads as one (1,760), a measurement to three figures (65.5).
        shown = f"{self.value:,.0f}" if self.value == int(self.value) and abs(self.value) < 1e9 else f"{self.value:,.3g}"
        return f"| {self.name} | {shown} {self.unit} | {target} | {verdict} |"


def median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def child(*args: str, platform: str = "offscreen") -> dict:
    """Run tests/bench/gui_probe.py in a fresh interpreter; it prints one JSON object on its last line."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT))
    env["JOURNEYMAP_BENCH_LAUNCHED"] = repr(time.time())
    result = subprocess.run(
        [sys.executable, str(GUI_PROBE), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"measurement failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- the map file ------------------------------------------------------------------


SIZES = (500, 2000, 5000, 10_000)


def file_figures(work: Path, runs: int) -> list[Figure]:
    from model import ops
    from model.persistence import MapFile, read_content
    from tests.model.factories import generated_map

    figures = []
    for size in SIZES:
        path = work / f"{size}.journey"
        content = generated_map(size).content()
        start = time.perf_counter()
        MapFile.create(path, content).close()
        save = time.perf_counter() - start

        def load() -> float:
            start = time.perf_counter()
            map_file = MapFile.open(path)
            elapsed = time.perf_counter() - start
            map_file.close()
            return elapsed

        opened = median_of(runs, load)
        figures.append(Figure(f"open a {size:,}-card map into the model", opened, "s", 0.3 if size == 2000 else None))
        if size == 10_000:
            if read_content(path) != content:
                raise RuntimeError("a 10,000-card map did not reopen equal to what was saved")
            figures.append(Figure("  … save it whole (reopens equal)", save, "s", None))

        map_file = MapFile.open(path)
        doc = map_file.document
        cards = doc.cards()
        timings = []
        for i in range(300):
            card = cards[i % len(cards)]
            start = time.perf_counter()
            doc.apply(ops.UpdateCard(card.id, {"text": f"edit {i}", "impact": i % 5 + 1}))
            timings.append((time.perf_counter() - start) * 1000)
        map_file.close()
        if size in (2000, 10_000):
            figures.append(Figure(f"commit one edit to a {size:,}-card map, p50", percentile(timings, 50), "ms", None))
            figures.append(Figure(f"commit one edit to a {size:,}-card map, p99", percentile(timings, 99), "ms", 20))
    return figures


# -- the editor (child processes) --------------------------------------------------

GUI_PROBE = ROOT / "tests" / "bench" / "gui_probe.py"
ROOM_PROBE = ROOT / "tests" / "bench" / "room_probe.py"


def editor_figures(work: Path, runs: int) -> list[Figure]:
    from model.persistence import MapFile
    from tests.model.factories import generated_map

    figures = []
    bare = [child("bare")["first_frame_s"] for _ in range(runs)]
    example = [child("example")["first_frame_s"] for _ in range(runs)]
    figures.append(Figure("a bare PySide6 window: launch to first frame", statistics.median(bare), "s", None))
    figures.append(Figure("the example map: launch to first painted frame", statistics.median(example), "s", 0.6))
    figures.append(
        Figure("  … as a multiple of the bare window", statistics.median(example) / statistics.median(bare), "×", None)
    )
    for size in SIZES:
        path = work / f"{size}-gui.journey"
        MapFile.create(path, generated_map(size).content()).close()
        results = [child("large", str(path)) for _ in range(runs)]

        def med(key: str) -> float:
            return statistics.median(r[key] for r in results)

        target = 1.5 if size == 5000 else None
        figures.append(Figure(f"open a {size:,}-card map in the editor", med("open_s"), "s", target))
        if size == 5000:
            figures.append(Figure("frame time p95, dragging a card at 100 %", med("drag_p95_ms"), "ms", 16.7))
            figures.append(Figure("frame time p95, panning at 100 %", med("pan_p95_ms"), "ms", 16.7))
            figures.append(Figure("frame time p95, whole map in view", med("whole_p95_ms"), "ms", 16.7))
    memory = child("memory", str(work / "10000-gui.journey"))
    figures.append(Figure("resident memory with a 10,000-card map open", memory["rss_mb"], "MB", 300))
    figures += booth_figures(work, runs)
    return figures


def booth_figures(work: Path, runs: int) -> list[Figure]:
    """A participant's click in the voting booth to their vote saved, its badge updated and painted."""
    from model import ops, voting
    from model.domain import Participant, VotingSession
    from model.persistence import MapFile
    from tests.model.factories import generated_map

    doc = generated_map(2000)
    for name in ("Dana", "Eli", "Fay"):
        doc.apply(ops.AddItem(Participant(name)))
    doc.apply(voting.add_session(doc, VotingSession("Bench vote", votes_per_participant=100, max_per_card=3,
                                                    current=True)))
    results = []
    for run in range(runs):  # each run on a fresh copy: its participant starts with every vote left
        path = work / f"2000-booth-{run}.journey"
        MapFile.create(path, doc.content()).close()
        results.append(child("booth", str(path)))
    p95 = statistics.median(r["click_p95_ms"] for r in results)
    p50 = statistics.median(r["click_p50_ms"] for r in results)
    return [Figure("booth click to the vote shown, 2,000 cards, p50", p50, "ms", None),
            Figure("booth click to the vote shown, 2,000 cards, p95", p95, "ms", 50)]


# -- posters -----------------------------------------------------------------------


def poster_figures(work: Path, runs: int) -> list[Figure]:
    from export.poster import export_poster
    from tests.model.factories import generated_map

    doc = generated_map(2000)
    single, tiled = work / "a0.pdf", work / "a0-tiles.pdf"

    def timed(**options) -> float:
        start = time.perf_counter()
        export_poster(doc, options.pop("path"), **options)
        return time.perf_counter() - start

    a0 = median_of(runs, lambda: timed(path=single, paper="A0"))
    tiles = median_of(runs, lambda: timed(path=tiled, paper="A0", tile="A4"))
    return [
        Figure("A0 poster of a 2,000-card map", a0, "s", 1.0),
        Figure("  … its file size", single.stat().st_size / 1e6, "MB", 2.0),
        Figure("the same tiled onto A4", tiles, "s", 1.5),
        Figure("  … its file size", tiled.stat().st_size / 1e6, "MB", None),
    ]


# -- insights ------------------------------------------------------------------------


def insights_figures(_work: Path, runs: int) -> list[Figure]:
    from model.insights import FindingKind, findings
    from model.insights.flow import forget
    from tests.model.factories import connected_map

    doc = connected_map(5000, 1000)
    if doc.card_count != 5000 or len(doc.connections) != 1000:
        raise RuntimeError("the insights map is not 5,000 cards with 1,000 connections")
    findings(doc)  # networkx imported once, as it would be after the first look
    counts: list[int] = []

    def measure() -> float:
        start = time.perf_counter()
        found = findings(doc)
        elapsed = time.perf_counter() - start
        counts.append(len(found))
        kinds = {f.kind for f in found}
        expected = {FindingKind.LOW_POINT, FindingKind.REACH, FindingKind.LEAK, FindingKind.DEAD_END,
                    FindingKind.LOOP, FindingKind.HANDOFF, FindingKind.CHANNEL_SWITCH, FindingKind.PRIORITY}
        if not expected <= kinds:
            raise RuntimeError(f"insights found no {sorted(expected - kinds)} on a map that has them")
        return elapsed * 1000

    def cold() -> float:
        forget()  # the flow's memo would answer a repeated question without computing it
        return measure()

    panel = [child("insights") for _ in range(runs)]
    return [
        Figure("all insights for a 5,000-card map with 1,000 connections", median_of(runs, cold), "ms", 200),
        Figure("  … findings it found (it must find some of every kind the map has)",
               float(statistics.median(counts)), "findings", None, "higher"),
        Figure("Insights panel up to date after one edit, 2,000-card map, p50",
               statistics.median(r["refresh_p50_ms"] for r in panel), "ms", 50),
        Figure("  … its slowest refresh (an edit that changes the flow)",
               statistics.median(r["refresh_max_ms"] for r in panel), "ms", None),
    ]


# -- the projector -------------------------------------------------------------------


def projector_figures(work: Path, runs: int) -> list[Figure]:
    from model.persistence import MapFile
    from tests.editor.virtual_screens import platform_with_screens
    from tests.model.factories import generated_map

    path = work / "projector.journey"
    MapFile.create(path, generated_map(2000).content()).close()
    platform = platform_with_screens(work)  # a 1920×1080 laptop and a 1280×720 projector
    results = [child("presentation", str(path), platform=platform) for _ in range(runs)]
    return [
        Figure("presentation window open (F5 to the map painted on the projector), 2,000 cards",
               statistics.median(r["open_ms"] for r in results), "ms", 300),
        Figure("  … cards in view on the 1280×720 projector at the legible zoom",
               float(min(r["cards_shown"] for r in results)), "cards", None, "higher"),
    ]


# -- versions: compare, reprint ------------------------------------------------------


def _edited_version(doc, rng) -> dict[tuple[str, object], str]:
    """Edit a 5,000-card map as a workshop would (text, moves, new and dropped cards, emotions);
    return what a comparison must report: (kind, id) -> status, cascades included."""
    from model import ops
    from model.domain import Card, LaneKind

    expected: dict[tuple[str, object], str] = {}
    cards = doc.cards()
    rng.shuffle(cards)
    touched = iter(cards)
    card_lanes = [lane for lane in doc.lanes if lane.kind == LaneKind.CARDS]
    for _ in range(60):
        card = next(touched)
        doc.apply(ops.UpdateCard(card.id, {"text": card.text + " (revised)"}))
        expected[("card", card.id)] = "changed"
    for _ in range(25):
        card = next(touched)
        stage = rng.choice([s for s in doc.stages if s.id != card.stage_id])
        doc.apply(ops.MoveCard(card.id, stage.id, rng.choice(card_lanes).id, 0))
        expected[("card", card.id)] = "moved"
    for _ in range(15):
        card = next(touched)
        inverse = doc.apply(ops.RemoveCard(card.id))
        for op in inverse.ops:
            if isinstance(op, ops.AddCard):
                expected[("card", op.card.id)] = "removed"
            elif isinstance(op, ops.AddConnection):
                expected[("connection", op.connection.id)] = "removed"
            elif isinstance(op, ops.SetEmotion):
                expected[("emotion", (op.card_id, op.persona_id))] = "removed"
    for i in range(15):
        card = Card(rng.choice(doc.stages).id, rng.choice(card_lanes).id, f"new card {i}")
        doc.apply(ops.AddCard(card, 0))
        expected[("card", card.id)] = "added"
    persona = doc.personas[0]
    for _ in range(10):
        card = next(touched)
        old = doc.emotion(card.id, persona.id)
        doc.apply(ops.SetEmotion(card.id, persona.id, 1.25 if old != 1.25 else -1.25))
        expected[("emotion", (card.id, persona.id))] = "added" if old is None else "changed"
    return expected


def version_figures(work: Path, runs: int) -> list[Figure]:
    import random

    from export.paper import oriented, parse_paper, parse_tile_paper
    from export.poster import poster_version
    from export.poster_sheets import changed_sheets
    from export.tiles import grid_region
    from model import ops
    from model.diff import compare
    from model.document import Document
    from tests.model.factories import generated_map

    # Two versions of a 5,000-card map, compared: every edited entity reported, nothing else.
    doc = generated_map(5000)
    before = doc.content()
    expected = _edited_version(doc, random.Random(13))
    after = doc.content()

    def diff_once() -> float:
        start = time.perf_counter()
        diff = compare(before, after)
        elapsed = time.perf_counter() - start
        found = {(d.kind, d.after_id if d.after_id is not None else d.before_id): d.status for d in diff}
        if found != expected:
            raise RuntimeError(f"the comparison reported {len(found)} differences, not the {len(expected)} made")
        return elapsed

    diffed = median_of(runs, diff_once)

    # Compare mode entered on those versions with the canvas's warm layout engine: every removed card a
    # ghost with its own room, every card moved to another cell a trace, every other card change a mark.
    from model.compare_view import comparison_view
    from model.layout import LayoutEngine

    removed = sum(1 for (kind, _), status in expected.items() if kind == "card" and status == "removed")
    moved = sum(1 for (kind, _), status in expected.items() if kind == "card" and status == "moved")
    marked = sum(1 for (kind, _), status in expected.items() if kind == "card" and status != "removed")

    def compare_mode_once() -> float:
        engine = LayoutEngine()
        engine.layout(doc)  # the canvas has laid the map out already
        start = time.perf_counter()
        view = comparison_view(before, after, engine)
        elapsed = time.perf_counter() - start
        placed = sum(1 for g in view.ghosts if g.box is not None)
        if (placed, len(view.traces), len(view.marks)) != (removed, moved, marked):
            raise RuntimeError(f"compare mode drew {placed} ghosts, {len(view.traces)} traces, {len(view.marks)} "
                               f"marks, not {removed}, {moved}, {marked}")
        return elapsed

    compared = median_of(runs, compare_mode_once)

    # An A0 poster of 2,000 cards tiled on A4, one card recoloured: its sheets, and only those.
    page, sheet = oriented(parse_paper("A0"), True), parse_tile_paper("A4")
    earlier = generated_map(2000)
    card = earlier.cards()[1234]
    now = Document(earlier.content())
    now.apply(ops.UpdateCard(card.id, {"colour": "green" if card.colour != "green" else "red"}))
    view = poster_version(now, page, sheet, 10.0)
    rect, comp, plan = view.layout.cards[card.id].rect, view.comp, view.plan
    grow = 0.4  # half the card's border
    x0, x1 = comp.map_box.x + (rect.x - grow) * comp.scale, comp.map_box.x + (rect.right + grow) * comp.scale
    y0 = comp.map_box.y + (view.layout.height - rect.bottom - grow) * comp.scale
    y1 = comp.map_box.y + (view.layout.height - rect.y + grow) * comp.scale
    under = []
    for tile in plan.tiles:
        x, y, w, h = grid_region(plan, page, tile.row, tile.col)
        if x0 < x + w and x1 > x and y0 < y + h and y1 > y:
            under.append(tile.label)

    def detect_once() -> float:
        start = time.perf_counter()
        changes = changed_sheets(poster_version(earlier, page, sheet, 10.0), poster_version(now, page, sheet, 10.0))
        elapsed = time.perf_counter() - start
        if not under or changes.labels != under:
            raise RuntimeError(f"changed sheets {changes.labels}, but the card lies on {under}")
        return elapsed

    detected = median_of(runs, detect_once)
    return [
        Figure(f"diff of two 5,000-card versions ({len(expected)} differences found)", diffed * 1000, "ms", 300),
        Figure(f"changed sheets of an A0 poster on {plan.count} A4 sheets (2,000 cards)", detected * 1000, "ms", 500),
        Figure(f"compare mode laid out, 5,000 cards ({removed} ghosts, {moved} traces, {marked} marks)",
               compared * 1000, "ms", 500),
    ]


def write_readme_block(readme: Path, name: str, text: str) -> None:
    """Replace what stands between <!-- NAME:start --> and <!-- NAME:end --> in the README."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    body = readme.read_text(encoding="utf-8")
    head, rest = body.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def workshop_figures(work: Path, runs: int) -> list[Figure]:
    from tests.bench.workshop_figures import workshop_figures as figures

    return figures(work, runs, Figure)



# -- the workshop room -----------------------------------------------------------------


def room_figures(_work: Path, runs: int) -> list[Figure]:
    """60 phones acting at once on loopback (tests/bench/room_probe.py, a fresh process per run)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, str(ROOM_PROBE)], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"room measurement failed: {done.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    # Both must have happened in every run, or the times measure nothing.
    every = all(r["counted_once"] and r["all_shown"] and r["confirmed"] == r["actions"] for r in results)

    def med(key: str) -> float:
        return statistics.median(r[key] for r in results)

    return [
        Figure("room: phones' actions confirmed and in the map exactly once (all runs)", 1.0 if every else 0.0, "",
               1.0, better="higher"),
        Figure("room: confirmation p99, 60 phones tapping at once (3 rounds)", med("confirm_p99_ms"), "ms", 100),
        Figure("room: tap to showing on the laptop, p99", med("shown_p99_ms"), "ms", 200),
        Figure("room: longest GUI-thread stall during the storm", med("gui_stall_max_ms"), "ms", None),
    ]


SECTIONS = {"file": file_figures, "editor": editor_figures, "poster": poster_figures, "insights": insights_figures,
            "versions": version_figures, "projector": projector_figures, "workshop": workshop_figures,
            "room": room_figures}


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--only", choices=list(SECTIONS), action="append")
    parser.add_argument("--json", type=Path, default=ROOT / ".bench" / "bench.json")
    parser.add_argument("--readme", action="store_true", help="also write the table into README.md")
    args = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("JOURNEYMAP_DATA_DIR", str(Path(tmp) / "data"))
        for name in args.only or list(SECTIONS):
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            figures += SECTIONS[name](Path(tmp), args.runs)
    table = "\n".join([
        f"Journeymap benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"{time.strftime('%Y-%m-%d')}, median of {args.runs} runs",
        "",
        "| figure | measured | target | |",
        "|---|---|---|---|",
        *(figure.row() for figure in figures),
    ])
    print("\n" + table)
    if args.readme:
        write_readme_block(ROOT / "README.md", "bench", table)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([asdict(f) | {"passed": f.passed} for f in figures], indent=2))
    print(f"\n(JSON copy: {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json})")
    return 0 if all(f.passed is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
