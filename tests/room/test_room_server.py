"""The room over real HTTP on loopback: joining, the live state, adding cards, rating."""

from __future__ import annotations


def test_a_phone_joins_adds_a_card_and_rates(room, phones, off_gui, window):
    phone = phones()
    [joined] = off_gui(lambda: phone.join(room.server.token, "Ana"))
    assert joined.status_code == 200, joined.text
    assert "httponly" in joined.headers["set-cookie"].lower() and "samesite=strict" in joined.headers["set-cookie"].lower()
    [state] = off_gui(phone.state)
    assert state["you"]["name"] == "Ana"
    lane = next(l for l in state["lanes"] if l["name"] == "Pain points")
    touchpoint = state["touchpoints"][0]
    card, rating = off_gui(
        lambda: phone.post("/api/cards", {"text": "Queue <b>too</b> long", "lane": lane["id"], "stage": state["stages"][0]["id"]}),
        lambda: phone.post("/api/ratings", {"card": touchpoint["id"], "value": -2}))
    assert card.status_code == 200 and rating.status_code == 200, (card.text, rating.text)
    doc = window.document
    assert [c.text for c in doc.items("inbox_card")] == ["Queue <b>too</b> long"]
    assert [r.value for r in doc.items("room_rating")] == [-2]
    [state] = off_gui(phone.state)
    assert state["ratings"] == {touchpoint["id"]: -2} and state["cards"][0]["mine"]


def _read_events(phone, until, limit=50):
    """The stream's events (name, data) until `until(events)` holds or the stream ends."""
    import json

    events, name = [], None
    with phone.http.stream("GET", "/api/events") as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
                if until(events) or len(events) >= limit:
                    break
    return events


def test_a_change_is_in_the_file_before_the_phone_is_told(room, phones, off_gui, window):
    from model.persistence import read_content

    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    touchpoint = off_gui(phone.state)[0]["touchpoints"][0]["id"]
    [answer] = off_gui(lambda: phone.post("/api/ratings", {"card": touchpoint, "value": 1}))
    assert answer.status_code == 200
    saved = read_content(window.map_file.path)  # a second reader of the file, as after a crash
    assert [r.value for r in saved.items_of("room_rating")] == [1]


def test_a_phone_follows_the_room_live(room, phones, off_gui):
    ana, ben = phones(), phones()
    off_gui(lambda: ana.join(room.server.token, "Ana"), lambda: ben.join(room.server.code.lower(), "Ben"))
    lane, stage = (lambda s: (s["lanes"][0]["id"], s["stages"][0]["id"]))(off_gui(ana.state)[0])

    def ben_writes_later():
        import time

        time.sleep(0.3)  # a worker thread, not the GUI's: the stream must already be open
        return ben.post("/api/cards", {"text": "Shared idea", "lane": lane, "stage": stage})

    events, written = off_gui(lambda: _read_events(ana, lambda ev: any(e[1]["cards"] for e in ev)), ben_writes_later)
    assert written.status_code == 200
    assert events[0][0] == "state" and events[-1][1]["cards"][0]["text"] == "Shared idea"
    assert not events[-1][1]["cards"][0]["mine"]


def test_closing_the_room_ends_every_connection_and_every_token(room, phones, off_gui, window, qtbot):
    import socket

    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    address, port, old_token = room.server.address, room.server.port, room.server.token
    with __import__("concurrent.futures").futures.ThreadPoolExecutor(1) as pool:
        stream = pool.submit(_read_events, phone, lambda ev: False)
        qtbot.waitUntil(lambda: bool(room.server.routes.streams), timeout=5000)
        room.close()
        qtbot.waitUntil(stream.done, timeout=5000)
        assert stream.result()[0][0] == "state"  # it was live, and it ended with the room
    with socket.socket() as probe:
        assert probe.connect_ex((address, port)) != 0  # nothing listens any more
    window.room.open("127.0.0.1", port)  # the same address, a new room
    phone.http.base_url = room.server.base_url
    [answer] = off_gui(lambda: phone.http.get("/api/state"))
    assert answer.status_code == 401  # the old participant token means nothing here
    [answer] = off_gui(lambda: phone.join(old_token, "Ana"))
    assert answer.status_code == 403 and "not right" in answer.json()["error"]


def test_closing_the_window_closes_the_room(window, loopback, qtbot):
    import socket

    window.room.open("127.0.0.1", 0)
    address, port = window.room.server.address, window.room.server.port
    window.close()
    assert not window.room.is_open
    with socket.socket() as probe:
        assert probe.connect_ex((address, port)) != 0


def test_a_phone_votes_in_the_open_session_and_the_laptop_counts_it_once(room, phones, off_gui, window):
    from dataclasses import replace

    from model import voting
    from model.domain import VotingSession

    doc = window.document
    session = VotingSession("Fix first", votes_per_participant=1, max_per_card=1, current=True)
    window.session.edit(voting.add_session(doc, session))
    room.set_step(replace(room.step, voting=True))
    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    card = doc.cards()[0].id
    [vote] = off_gui(lambda: phone.post("/api/votes", {"card": card}))
    assert vote.status_code == 200, vote.text
    assert voting.totals(doc, session.id) == {card: 1}
    [again] = off_gui(lambda: phone.post("/api/votes", {"card": card}))
    assert 400 <= again.status_code < 500 and voting.totals(doc, session.id) == {card: 1}  # the budget holds
    [back] = off_gui(lambda: phone.post("/api/votes/take-back", {"card": card}))
    assert back.status_code == 200 and voting.totals(doc, session.id) == {}
