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

from tests.model.realistic_maps import SIZES as MAP_SIZES, realistic_content, shape_for  # noqa: E402


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


SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def run_probe(script: Path, *args: str, env: dict, timeout: float, what: str = "measurement") -> dict:
    """Run a probe script in a fresh interpreter; it prints one JSON object on its last line."""
    result = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def offscreen_env() -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))


def child(*args: str, work: Path | None = None, platform: str | None = None) -> dict:
    """Run tests/bench/gui_probe.py in a fresh interpreter on a 1920 × 1080 offscreen screen (or the
    given `platform`, e.g. two virtual screens)."""
    if platform is not None:
        pass
    elif work is None:
        platform = "offscreen"
    else:
        screen = work / "screen.json"
        screen.write_text(json.dumps(SCREEN))
        platform = f"offscreen:configfile={screen}"
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT))
    # Compiled modules, as an installed app has them (its installer compiles them), kept aside
    # so the checkout and the virtual environment stay as they are.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / ".bench" / "pycache")
    env["JOURNEYMAP_BENCH_LAUNCHED"] = repr(time.time())
    return run_probe(GUI_PROBE, *args, env=env, timeout=1800)


# -- the map file ------------------------------------------------------------------


SIZES = MAP_SIZES


def file_figures(work: Path, runs: int) -> list[Figure]:
    from model import ops
    from model.persistence import MapFile, read_content

    figures = []
    for size in SIZES:
        path = work / f"{size}.journey"
        content = realistic_content(size)
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
            doc.apply(ops.UpdateCard(card.id, {"text": f"edit {i}", "votes": i % 5}))
            timings.append((time.perf_counter() - start) * 1000)
        map_file.close()
        if size in (2000, 10_000):
            figures.append(Figure(f"commit one edit to a {size:,}-card map, p50", percentile(timings, 50), "ms", None))
            figures.append(Figure(f"commit one edit to a {size:,}-card map, p99", percentile(timings, 99), "ms", 20))
    return figures


# -- the editor (child processes) --------------------------------------------------

GUI_PROBE = ROOT / "tests" / "bench" / "gui_probe.py"
ROOM_PROBE = ROOT / "tests" / "bench" / "room_probe.py"
WORKSHOP_PROBE = ROOT / "tests" / "bench" / "workshop_probe.py"


def editor_figures(work: Path, runs: int) -> list[Figure]:
    from model.persistence import MapFile

    figures = []
    child("bare", work=work), child("example", work=work)  # once unmeasured: modules compiled, files cached
    bare, example = [], []
    for _ in range(runs):  # alternated, so both meet the same load on the machine
        bare.append(child("bare", work=work)["first_frame_s"])
        example.append(child("example", work=work)["first_frame_s"])
    # Absolute start-up times vary by a third from run to run here; the target is the ratio.
    figures.append(Figure("a bare PySide6 window: launch to first frame painted", statistics.median(bare), "s", None))
    figures.append(Figure("the example map: launch to first frame painted", statistics.median(example), "s", None))
    figures.append(Figure("  … as a multiple of the bare window (same run)",
                          statistics.median(e / b for e, b in zip(example, bare)), "×", 4.0))
    for size in SIZES:
        path = work / f"{size}-gui.journey"
        MapFile.create(path, realistic_content(size)).close()
        if size == 10_000:
            continue  # memory_figures opens it
        results = [child("gestures", str(path), work=work) for _ in range(runs)]

        def med(*keys: str) -> float:
            values = []
            for r in results:
                for key in keys:
                    r = r[key]
                values.append(r)
            return statistics.median(values)

        target = 16.7 if size in (2000, 5000) else None
        figures.append(Figure(f"open a {size:,}-card map in the editor's window", med("open_s"), "s",
                              1.5 if size == 5000 else None))
        figures.append(Figure(f"  frame p95, wheel scrolling 25 px a frame at 100 % ({results[0]['scroll']['frames']} frames)",
                              med("scroll", "p95"), "ms", target))
        figures.append(Figure("  frame p95, dragging a card to the next stage (drop line shown, card landed)",
                              med("drag", "p95"), "ms", target))
        figures.append(Figure("  … the drop itself (commit, layout, paint)", med("drop_ms"), "ms", None))
        figures.append(Figure(f"  frame p95, rubber-band selection ({results[0]['notes']['band_selected']} cards chosen)",
                              med("band", "p95"), "ms", target))
        figures.append(Figure("  frame p95, Ctrl+wheel zoom 100 % ⇄ 17 %, a frame a notch (the first frame, scaled)",
                              med("zoom", "p95"), "ms", target))
        figures.append(Figure("  … the map drawn anew, sharp, when the wheel rests (slowest of 4)",
                              med("zoom_rest", "max"), "ms", None))
        figures.append(Figure(f"  Fit Map (whole map in view at {results[0]['notes']['fit_zoom']:.0%}), to its frame",
                              med("fit_switch_ms"), "ms", None))
        figures.append(Figure("  frame p95, whole map in view, full repaint", med("fit", "p95"), "ms",
                              16.7 if size == 5000 else None))
    return figures


def memory_figures(work: Path, runs: int) -> list[Figure]:
    from model.persistence import MapFile

    path = work / "10000-gui.journey"
    if not path.exists():
        MapFile.create(path, realistic_content(10_000)).close()
    seconds = os.environ.get("JOURNEYMAP_BENCH_SOAK_SECONDS", "30")
    memory = child("memory", str(path), seconds, work=work)
    return [
        Figure("resident memory, 10,000-card map open in the editor", memory["rss_open_mb"], "MB", None),
        Figure(f"  … after scrolling all of it at 100 % ({memory['screens']} screens)", memory["rss_scrolled_mb"], "MB", 300),
        Figure(f"  … growth over {memory['soak_s']:.0f} s of editing after a warm-up of a tenth "
               f"({memory['soak_edits']:,} edits, undo, redo; `make soak`: 10 minutes)",
               memory["soak_growth"] * 100, "%", 10),
    ]


# -- posters -----------------------------------------------------------------------


def poster_figures(work: Path, runs: int) -> list[Figure]:
    from export.poster import export_poster
    from model.document import Document

    doc = Document(realistic_content(2000))
    single, tiled = work / "a0.pdf", work / "a0-tiles.pdf"

    def timed(**options) -> float:
        start = time.perf_counter()
        export_poster(doc, options.pop("path"), **options)
        return time.perf_counter() - start

    a0 = median_of(runs, lambda: timed(path=single, paper="A0"))
    tiles = median_of(runs, lambda: timed(path=tiled, paper="A0", tile="A4"))
    mermaid = mermaid_to_poster(work, runs)
    return [
        Figure("a 200-task Mermaid journey to an A1 poster: `journeymap export j.mmd p.pdf`, whole command",
               mermaid, "s", 0.5),
        Figure("A0 poster of a 2,000-card map", a0, "s", 1.0),
        Figure("  … its file size", single.stat().st_size / 1e6, "MB", 2.0),
        Figure("the same tiled onto A4", tiles, "s", 1.5),
        Figure("  … its file size", tiled.stat().st_size / 1e6, "MB", None),
    ]


def mermaid_to_poster(work: Path, runs: int) -> float:
    """The whole command in a fresh process, one step from Mermaid to PDF; the poster must hold every task."""
    from pypdf import PdfReader

    from tests.model.realistic_maps import realistic_mermaid

    source, poster = work / "journey.mmd", work / "journey-a1.pdf"
    source.write_text(realistic_mermaid(200), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(ROOT / ".bench" / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, str(ROOT / "main.py"), "export", str(source), str(poster), "--paper", "A1"]
    subprocess.run(command, env=env, capture_output=True, check=True)  # once unmeasured: compiled, cached

    def once() -> float:
        poster.unlink(missing_ok=True)
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        elapsed = time.perf_counter() - start
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(poster)).pages)
        missing = [n for n in range(1, 201) if f"Task {n} " not in text]
        if missing or work.joinpath("journey.journey").exists():
            raise RuntimeError(f"the Mermaid poster lacks tasks {missing[:5]} (or a .journey was made)")
        return elapsed

    return median_of(runs, once)


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
    # Two versions of a 5,000-card map, compared: every edited entity reported, nothing else.
    doc = Document(realistic_content(5000))
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

    # An A0 poster of 2,000 cards tiled on A4, one card recoloured: its sheets, and only those.
    page, sheet = oriented(parse_paper("A0"), True), parse_tile_paper("A4")
    earlier = Document(realistic_content(2000))
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
    ]


def write_readme_block(readme: Path, name: str, text: str) -> None:
    """Replace what stands between <!-- NAME:start --> and <!-- NAME:end --> in the README."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    body = readme.read_text(encoding="utf-8")
    head, rest = body.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


# -- the workshop: booth, projector, run, room ------------------------------------------------


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


def workshop_figures(_work: Path, runs: int) -> list[Figure]:
    """The next step on a big map, and the timer's drift (tests/bench/workshop_probe.py, a fresh process per run)."""
    steps = [run_probe(WORKSHOP_PROBE, "next_step", env=offscreen_env(), timeout=600) for _ in range(runs)]
    drift = [run_probe(WORKSHOP_PROBE, "drift", env=offscreen_env(), timeout=600) for _ in range(runs)]
    return [
        Figure("next step with a 2,000-card map: focus applied and painted, p50",
               statistics.median(r["next_p50_ms"] for r in steps), "ms", 100),
        Figure("  … its slowest of ten steps", statistics.median(r["next_max_ms"] for r in steps), "ms", None),
        Figure("  … cards the step's focus dimmed (it must dim most)", float(min(r["dimmed"] for r in steps)),
               "cards", None, "higher"),
        Figure("timer drift over a 20-minute step (late ticks, a 10-minute sleep), until time up",
               max(r["drift_s"] for r in drift), "s", 0.1),
        Figure("  … time up shown after the true end (the next tick, ticks up to 3 s late)",
               statistics.median(r["late_by_s"] for r in drift), "s", None),
    ]


def room_figures(_work: Path, runs: int) -> list[Figure]:
    """60 phones acting at once on loopback, on a 2,000-card map (tests/bench/room_probe.py, a fresh
    process per run)."""
    results = [run_probe(ROOM_PROBE, env=offscreen_env(), timeout=300, what="room measurement") for _ in range(runs)]
    # Everything must have happened in every run, or the times measure nothing.
    every = all(r["counted_once"] and r["all_shown"] and r["confirmed"] == r["actions"] and r["frames"] > 0
                and not r["frame_problems"] and r["stream_states"] > 0 for r in results)

    def med(key: str) -> float:
        return statistics.median(r[key] for r in results)

    return [
        Figure("room: every confirmed vote, rating and card in the map file exactly once, each phone's votes "
               "left as its ballot (all runs)", 1.0 if every else 0.0, "", 1.0, better="higher"),
        Figure("room: confirmation p99, 60 phones tapping at once, a third of them voting (3 rounds, "
               "2,000-card map, live streams open)", med("confirm_p99_ms"), "ms", 100),
        Figure("room: tap to showing on the laptop (the inbox lists the card, the room curve counts the rating), p99",
               med("shown_p99_ms"), "ms", 200),
        Figure("room: vote tap to its count painted on the canvas's badge (results revealed), p99",
               med("vote_shown_p99_ms"), "ms", 200),
        Figure(f"room: editor frame p95 during the storm (a wheel step asked every 16 ms, timed from when it was "
               f"due; {results[0]['frames']} frames)", med("frame_p95_ms"), "ms", 16.7),
        Figure("room: longest GUI-thread stall during the storm", med("gui_stall_max_ms"), "ms", None),
    ]


SECTIONS = {"file": file_figures, "editor": editor_figures, "memory": memory_figures, "poster": poster_figures,
            "insights": insights_figures, "versions": version_figures, "booth": booth_figures,
            "projector": projector_figures, "workshop": workshop_figures, "room": room_figures}


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--only", choices=list(SECTIONS), action="append")
    parser.add_argument("--json", type=Path, default=ROOT / ".bench" / "bench.json")
    parser.add_argument("--readme", action="store_true", help="also write the table into README.md")
    args = parser.parse_args()
    figures: list[Figure] = []
    started_load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("JOURNEYMAP_DATA_DIR", str(Path(tmp) / "data"))
        for name in args.only or list(SECTIONS):
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            figures += SECTIONS[name](Path(tmp), args.runs)
    load = os.getloadavg()
    table = "\n".join([
        f"Journeymap benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"{time.strftime('%Y-%m-%d')}, median of {args.runs} runs, load average {load[0]:.2f} at the end "
        f"(started at {started_load:.2f})",
        "",
        "Maps shaped like real ones (tests/model/realistic_maps.py), with notes, owners, channels, evidence, votes,",
        "emotions of three personas on most touchpoints and some text in Greek, Cyrillic, Chinese, Japanese and Arabic;",
        "cells of 1–25 cards, about nine on average (past 5,250 cards, 30 stages × 7 card lanes × 25 cannot hold",
        "them: the larger maps keep their cells real and grow sideways):",
        "",
        *(f"- {shape_for(size).describe()}" for size in SIZES),
        "",
        "Editor figures: the app's own window at 1920 × 1080 on Qt's offscreen platform, the map opened by",
        "`Application.open_path`, real wheel and mouse events; a frame is timed from its event until the canvas",
        "has finished painting, and each gesture checks it happened (tests/bench/gestures.py).",
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
