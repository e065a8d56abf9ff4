"""`make bench`'s room figures, in a fresh process: 60 phones acting at once on loopback.

The editor runs as usual (a window on a map, its room open on 127.0.0.1); the phones are light asyncio
HTTP clients in a process of their own (room_phones.py), as phones' browsers are not in the laptop's.
Three rounds: every phone taps at the same instant (a rating or a card).
Reported: each action's time from tap to confirmation, from tap to showing on the laptop (the Room
panel's inbox lists the card; the canvas's room curve counts the rating), whether every confirmed
action is in the map exactly once, and the longest the GUI thread was busy during the storm.
Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PHONES_SCRIPT = Path(__file__).with_name("room_phones.py")


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from canvas.fonts import ensure_fonts
    from editor.app import Application
    from model.persistence import MapFile
    from tests.model.factories import small_map

    ensure_fonts()
    path = Path(tempfile.mkdtemp()) / "Room bench.journey"
    MapFile.create(path, small_map().content()).close()
    editor = Application()
    window = editor.open_path(path)
    server = window.room.open("127.0.0.1", 0)
    doc, panel, scene = window.document, window.room_ui.panel, window.scene
    appeared: dict[tuple, float] = {}
    names = {}

    def on_changed(change) -> None:  # connected last: the canvas and the panel have already taken it
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

    doc.changed.connect(on_changed)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    phones = subprocess.Popen([sys.executable, str(PHONES_SCRIPT), server.join_url], stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ))
    waiter = QTimer()
    waiter.timeout.connect(lambda: phones.poll() is not None and app.quit())
    waiter.start(10)
    timer.start(4)
    app.exec()
    timer.stop()
    taps = [(tuple(t[0]), *t[1:]) for t in json.loads(phones.stdout.read())]
    storm = [t for t in ticks if taps and min(t0 for _, t0, _, _ in taps) <= t <= max(t1 for _, _, t1, _ in taps)]
    confirmed = [(a, t0, t1) for a, t0, t1, status in taps if status == 200]
    ratings = {("rating", names.get(r.participant_id), r.card_id) for r in doc.items("room_rating")}
    cards = [("card", c.text) for c in doc.items("inbox_card")]
    wanted = {a for a, _, _ in confirmed}
    counted_once = len(cards) == len(set(cards)) and wanted == ratings | set(cards)
    confirm_ms = sorted((t1 - t0) * 1000 for _, t0, t1 in confirmed)
    shown_ms = sorted((appeared[a] - t0) * 1000 for a, t0, _ in confirmed if a in appeared)
    window.room.close()
    print(json.dumps({
        "actions": len(taps), "confirmed": len(confirmed), "counted_once": counted_once,
        "all_shown": len(shown_ms) == len(confirmed),
        "confirm_p99_ms": confirm_ms[int(0.99 * (len(confirm_ms) - 1))],
        "shown_p99_ms": shown_ms[int(0.99 * (len(shown_ms) - 1))] if shown_ms else float("inf"),
        "gui_stall_max_ms": max((b - a) * 1000 for a, b in zip(storm, storm[1:])) if len(storm) > 1 else 0.0,
    }), flush=True)


if __name__ == "__main__":
    main()
