"""`journeymap FILE --room`: the room opened from the command line, and killed in the middle of a storm."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from model.persistence import MapFile
from tests.room.conftest import Phone

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def _journeymap(*args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, str(MAIN), *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize("args, message", [
    (["--room"], "give a FILE"),
    (["MAP", "--room", "laptop.local"], "give an address of this laptop"),
    (["MAP", "--room", "127.0.0.1:99999"], "give an address of this laptop"),
    (["MAP", "--room", "127.0.0.1", "--read-only"], "not --read-only"),
])
def test_room_usage_errors(args, message, map_path):
    result = subprocess.run([sys.executable, str(MAIN), *[str(map_path) if a == "MAP" else a for a in args]],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and message in result.stderr


def test_a_room_that_cannot_open_is_one_line_and_status_1(map_path):
    # 192.0.2.0/24 is for documentation: no machine has it, so binding fails at once (and nothing is sent).
    proc = _journeymap(str(map_path), "--room", "192.0.2.77:0")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err.strip().count("\n") == 0 and err.startswith("journeymap: error: the room cannot open on 192.0.2.77")
    MapFile.open(map_path).close()  # the map was closed cleanly: no lock left behind


def test_killed_mid_storm_the_file_holds_exactly_what_phones_were_told(map_path, loopback):
    proc = _journeymap(str(map_path), "--room", "127.0.0.1:0")
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/j/" in url, proc.stderr.read() if not url else url
        base, token = url.split("/j/")
        phones = [Phone(base) for _ in range(20)]
        for i, phone in enumerate(phones):
            assert phone.join(token, f"Phone {i}").status_code == 200
        state = phones[0].state()
        touchpoints = [t["id"] for t in state["touchpoints"]]
        lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]
        record: dict[str, list] = {"confirmed": [], "in flight": [], "never sent": [], "refused": []}
        lock, enough = threading.Lock(), threading.Event()

        def storm(i: int, phone: Phone) -> None:
            for k, card in enumerate(touchpoints):
                for action, path, body in (
                        (("rating", f"Phone {i}", card, (i + k) % 5 - 2), "/api/ratings", {"card": card, "value": (i + k) % 5 - 2}),
                        (("card", f"Phone {i} idea {k}"), "/api/cards", {"text": f"Phone {i} idea {k}", "lane": lane, "stage": stage})):
                    try:
                        answer = phone.post(path, body)
                        outcome = "confirmed" if answer.status_code == 200 else "refused"
                    except httpx.ConnectError:
                        outcome = "never sent"
                    except httpx.TransportError:
                        outcome = "in flight"
                    with lock:
                        record[outcome].append(action)
                        if len(record["confirmed"]) >= 60:
                            enough.set()

        threads = [threading.Thread(target=storm, args=(i, p)) for i, p in enumerate(phones)]
        for thread in threads:
            thread.start()
        assert enough.wait(30)
        os.kill(proc.pid, signal.SIGKILL)
        for thread in threads:
            thread.join(30)
    finally:
        proc.kill()
        proc.wait(30)
    assert not record["refused"], record["refused"][:3]
    assert record["never sent"] or record["in flight"], "the storm ended before the kill"
    reopened = MapFile.open(map_path)  # takes the dead app's lock over, plays back any journal
    try:
        doc = reopened.document
        names = {p.id: p.name for p in doc.items("participant")}
        in_file = {("rating", names[r.participant_id], r.card_id, r.value) for r in doc.items("room_rating")}
        in_file |= {("card", c.text) for c in doc.items("inbox_card")}
    finally:
        reopened.close()
    confirmed, in_flight = set(record["confirmed"]), set(record["in flight"])
    assert confirmed <= in_file, sorted(confirmed - in_file)[:3]
    assert in_file <= confirmed | in_flight, sorted(in_file - confirmed - in_flight)[:3]
    for phone in phones:
        phone.close()
