"""`make bench`'s room figures, in a fresh process: 60 phones acting at once on loopback.

The editor runs as usual: its window (1920 × 1080, 100 %) on a 2,000-card map shaped like a real one,
a current voting session on the Opportunities lane (3 votes each, at most 3 on a card) with its results
revealed, the room open on 127.0.0.1 with phones allowed to write, rate and vote. The phones are light
asyncio HTTP clients in a process of their own (room_phones.py), as phones' browsers are not in the
laptop's, each with its live stream open as the phone page keeps it. Three rounds: every phone taps at
the same instant, a third of them a vote, a third a rating, a third a card.

Reported: each action's time from tap to confirmation; from tap to showing on the laptop (the Room
panel's inbox lists the card; the canvas's room curve counts the rating); from a vote's tap until the
canvas has painted its card's badge with the count that includes it; whether every confirmed action is
in the map FILE exactly once (each phone's ballot read back equals the votes it was told were saved,
and its phone shows the votes it has left accordingly); the editor's frames during the storm, a wheel
step asked every 16 ms (tests/bench/paced_frames.py); and the longest the GUI thread was busy.
Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PHONES_SCRIPT = Path(__file__).with_name("room_phones.py")
CARDS = 2000
VOTES = 3  # each phone's budget, and the most on one card
VOTE_ON = 6  # the votable cards phones vote on: the first their state offers, all in the canvas's view


def _p(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[int(p / 100 * (len(ordered) - 1))] if ordered else float("inf")


def main() -> None:
    from PySide6.QtCore import QEventLoop, QRectF, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from canvas.fonts import ensure_fonts
    from model import voting
    from model.domain import VotingSession
    from model.persistence import MapFile, read_content
    from model.room.step import RoomStep
    from model.room.voting import CurrentSessionVoting
    from tests.bench.gestures import actual_size, open_in_editor, visible_scene_rect
    from tests.bench.paced_frames import PacedFrames
    from tests.model.realistic_maps import realistic_content

    ensure_fonts()
    path = Path(tempfile.mkdtemp()) / "Room bench.journey"
    MapFile.create(path, realistic_content(CARDS)).close()
    bench = open_in_editor(path)
    bench.clock.close()  # PacedFrames times the frames here
    actual_size(bench)
    window = bench.window
    doc, panel, scene, view = window.document, window.room_ui.panel, window.scene, window.view

    # The facilitator's vote, as the Voting panel makes it (New…, Reveal Results), and the room's step.
    lane = next(lane for lane in doc.lanes if lane.name == "Opportunities")
    session = VotingSession("Which opportunities matter most?", votable_lanes=(lane.id,),
                            votes_per_participant=VOTES, max_per_card=VOTES, current=True)
    window.session.edit(voting.add_session(doc, session))
    window.session.edit(voting.reveal(doc, session.id))
    window.room.set_step(RoomStep(prompt="Rate, add, vote", voting=True))
    voted_on = CurrentSessionVoting().votable_cards(doc)[:VOTE_ON]
    boxes = [scene.layout().cards[c.id].rect for c in voted_on]
    area = QRectF(boxes[0].x, boxes[0].y, boxes[0].w, boxes[0].h)
    for b in boxes:
        area = area.united(QRectF(b.x, b.y, b.w, b.h))
    view.centerOn(area.center())
    app.processEvents()
    if not visible_scene_rect(view).adjusted(0, 60, 0, -60).contains(area):
        raise RuntimeError("the cards phones vote on are not all in the canvas's view")
    server = window.room.open("127.0.0.1", 0)

    appeared: dict[tuple, float] = {}
    badge_shown: dict[tuple, tuple[float, QRectF]] = {}  # ("vote", name, card, k): the badge counts it
    names = {}

    def on_changed(change) -> None:  # connected last: the canvas and the panels have already taken it
        now = time.monotonic()
        listed = {panel.inbox.item(i).text().split("\n")[0] for i in range(panel.inbox.count())}
        for c in doc.items("inbox_card"):
            if c.text in listed:
                appeared.setdefault(("card", c.text), now)
        names.update({p.id: p.name for p in doc.items("participant")})
        drawn = {p.card_id: p.count for item in scene.sync.room_curves.values() for p in item.curve.points}
        counts: dict[str, int] = {}
        for r in doc.items("room_rating"):
            counts[r.card_id] = counts.get(r.card_id, 0) + 1
        for r in doc.items("room_rating"):
            if drawn.get(r.card_id) == counts[r.card_id]:
                appeared.setdefault(("rating", names[r.participant_id], r.card_id), now)
        votes = voting.votes_in(doc, session.id)
        totals = voting.totals(doc, session.id)
        for v in votes:
            badge = scene.vote_badges.items.get(v.card_id)
            if badge is not None and badge.isVisible() and badge.count == totals[v.card_id]:
                for k in range(1, v.count + 1):
                    badge_shown.setdefault(("vote", names[v.participant_id], v.card_id, k),
                                           (now, badge.sceneBoundingRect()))

    doc.changed.connect(on_changed)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    frames = PacedFrames(view)
    phones = subprocess.Popen([sys.executable, str(PHONES_SCRIPT), server.join_url, str(VOTE_ON)],
                              stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    loop = QEventLoop()  # not app.exec(): Qt 6's quit() would close the window
    waiter = QTimer()
    waiter.timeout.connect(lambda: phones.poll() is not None and loop.quit())
    waiter.start(10)
    timer.start(4)
    frames.start()
    loop.exec()
    timer.stop()
    frames.stop()
    app.processEvents()  # the last frame asked is painted
    frames.close()
    report = json.loads(phones.stdout.read() or "{}")
    window.room.close()
    taps = [(tuple(a), r, t0, t1, status) for a, r, t0, t1, status in report.get("taps", [])]
    rounds = sorted({r for _, r, _, _, _ in taps})
    windows = [(min(t0 for _, q, t0, _, _ in taps if q == r), max(t1 for _, q, _, t1, _ in taps if q == r))
               for r in rounds]
    storm = [t for t in ticks if windows and windows[0][0] <= t <= windows[-1][1]]
    confirmed = [(a, t0, t1) for a, _, t0, t1, status in taps if status == 200]

    # What the file holds, read back: every confirmed action once, and nothing else.
    saved = read_content(path)
    people = {p.id: p.name for p in saved.items_of("participant")}
    ratings = {("rating", people[r.participant_id], r.card_id) for r in saved.items_of("room_rating")}
    cards = [("card", c.text) for c in saved.items_of("inbox_card")]
    ballots: dict[str, Counter] = {}
    for v in saved.items_of("vote"):
        if v.session_id == session.id:
            ballots.setdefault(people[v.participant_id], Counter())[v.card_id] += v.count
    cast: dict[str, Counter] = {}
    ordinal: dict[tuple, int] = {}  # a confirmed vote -> which of its phone's dots on that card it is
    for a, _, _ in sorted(confirmed, key=lambda c: c[1]):
        if a[0] == "vote":
            cast.setdefault(a[1], Counter())[a[2]] += 1
            ordinal[a] = cast[a[1]][a[2]]
    others = {a for a, _, _ in confirmed if a[0] != "vote"}
    phones_agree = all(p["remaining"] == VOTES - sum(cast.get(p["name"], Counter()).values())
                       and Counter(p["mine"]) == cast.get(p["name"], Counter()) for p in report.get("after", []))
    counted_once = (len(cards) == len(set(cards)) and others == ratings | set(cards) and ballots == cast
                    and phones_agree and len(report.get("after", [])) > 0)

    confirm_ms = [(t1 - t0) * 1000 for _, t0, t1 in confirmed]
    shown_ms = [(appeared[a] - t0) * 1000 for a, t0, _ in confirmed if a in appeared]
    vote_ms = []
    for a, t0, _ in confirmed:
        if a[0] == "vote" and (a[0], a[1], a[2], ordinal[a]) in badge_shown:
            changed_at, rect = badge_shown[(a[0], a[1], a[2], ordinal[a])]
            vote_ms.append((frames.first_drawn(rect, changed_at) - t0) * 1000)
    frame_ms = frames.frames_ms(windows)
    kinds = Counter(a[0] for a, _, _ in confirmed)
    print(json.dumps({
        "actions": len(taps), "confirmed": len(confirmed), "confirmed_by_kind": kinds,
        "counted_once": counted_once, "phones_agree": phones_agree,
        "all_shown": len(shown_ms) == len(others) and len(vote_ms) == kinds["vote"] > 0
                     and max(vote_ms) < float("inf"),
        "confirm_p50_ms": _p(confirm_ms, 50), "confirm_p99_ms": _p(confirm_ms, 99),
        "confirm_p99_by_kind_ms": {k: _p([(t1 - t0) * 1000 for a, t0, t1 in confirmed if a[0] == k], 99)
                                   for k in kinds},
        "shown_p99_ms": _p(shown_ms, 99), "vote_shown_p99_ms": _p(vote_ms, 99),
        "frames": len(frame_ms), "frame_p95_ms": _p(frame_ms, 95), "frame_max_ms": max(frame_ms, default=0.0),
        "frame_problems": frames.problems[:3],
        "gui_stall_max_ms": max((b - a) * 1000 for a, b in zip(storm, storm[1:])) if len(storm) > 1 else 0.0,
        "stream_states": report.get("stream_states", 0),
    }), flush=True)
    bench.close()
    shutil.rmtree(path.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
