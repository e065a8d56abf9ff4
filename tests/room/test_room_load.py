"""The room under load and faults on loopback: 60 phones at once, repeats, a phone dropping and coming back."""

from __future__ import annotations

import json
import socket
import time

from tests.room.conftest import Phone

PHONES = 60


def test_sixty_phones_acting_at_once_are_each_counted_once(room, off_gui, window):
    phones = [Phone(room.server.base_url) for _ in range(PHONES)]
    joined = off_gui(*[lambda i=i, p=p: p.join(room.server.token, f"Phone {i}") for i, p in enumerate(phones)])
    assert all(a.status_code == 200 for a in joined)
    state = off_gui(phones[0].state)[0]
    touchpoints = [t["id"] for t in state["touchpoints"]]
    lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]

    def act(i: int, phone: Phone):
        answers = []
        for k, card in enumerate(touchpoints[:3]):
            answers.append(("rating", (i, card, (i + k) % 5 - 2), phone.post("/api/ratings", {"card": card, "value": (i + k) % 5 - 2})))
        text = f"Idea {i}"
        key = f"card-key-{i:04d}"
        answers.append(("card", text, phone.post("/api/cards", {"text": text, "lane": lane, "stage": stage}, key=key)))
        answers.append(("card", text, phone.post("/api/cards", {"text": text, "lane": lane, "stage": stage}, key=key)))
        return answers

    results = off_gui(*[lambda i=i, p=p: act(i, p) for i, p in enumerate(phones)], timeout=60_000)
    for phone in phones:
        phone.close()
    confirmed = [(kind, what) for answers in results for kind, what, r in answers if r.status_code == 200]
    assert len(confirmed) == PHONES * 5, [r.text for a in results for *_, r in a if r.status_code != 200][:3]
    doc = window.document
    names = {p.id: p.name for p in doc.items("participant")}
    ratings = sorted((int(names[r.participant_id].split()[1]), r.card_id, r.value) for r in doc.items("room_rating"))
    assert ratings == sorted(what for kind, what in confirmed if kind == "rating")
    assert sorted(c.text for c in doc.items("inbox_card")) == sorted(f"Idea {i}" for i in range(PHONES))


def test_a_phone_that_drops_mid_action_and_comes_back_keeps_its_state(room, phones, off_gui, window, qtbot):
    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    state = off_gui(phone.state)[0]
    body = json.dumps({"text": "Sent as the train entered a tunnel", "lane": state["lanes"][0]["id"],
                       "stage": state["stages"][0]["id"]}).encode()
    token = phone.http.cookies["jm_room"]
    host = f"{room.server.address}:{room.server.port}"
    # The request goes out whole; the phone loses the network before the answer comes back.
    with socket.create_connection((room.server.address, room.server.port)) as raw:
        raw.sendall(b"POST /api/cards HTTP/1.1\r\nHost: " + host.encode() + b"\r\nContent-Type: application/json\r\n"
                    b"Idempotency-Key: tunnel-0001\r\nCookie: jm_room=" + token.encode() + b"\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    qtbot.waitUntil(lambda: len(window.document.items("inbox_card")) == 1, timeout=5000)
    # Back online, on a new connection with its cookie only, it sends the same action again.
    again = Phone(room.server.base_url)
    again.http.cookies.set("jm_room", token)
    [answer] = off_gui(lambda: again.post("/api/cards", json.loads(body), key="tunnel-0001"))
    assert answer.status_code == 200 and answer.json()["card"] == window.document.items("inbox_card")[0].id
    assert len(window.document.items("inbox_card")) == 1
    [state] = off_gui(again.state)
    assert state["you"]["name"] == "Ana" and [c["text"] for c in state["cards"]] == ["Sent as the train entered a tunnel"]
    again.close()


def test_the_confirmation_waits_for_a_busy_laptop(room, phones, off_gui, window, qtbot):
    """While the GUI thread is busy the phone is not told anything; then it is, once, with the file written."""
    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    card = off_gui(phone.state)[0]["touchpoints"][0]["id"]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(lambda: phone.post("/api/ratings", {"card": card, "value": 2}))
        time.sleep(0.3)  # the GUI thread is busy: nothing may be confirmed meanwhile
        assert not pending.done() and not window.document.items("room_rating")
        qtbot.waitUntil(pending.done, timeout=5000)
    assert pending.result().status_code == 200 and len(window.document.items("room_rating")) == 1
