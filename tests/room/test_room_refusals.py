"""Bad requests to the room: each refused with a clear 4xx JSON error, and nothing changed (map or file)."""

from __future__ import annotations

import pytest

from editor.room.guards import Limits
from model.persistence import read_content
from tests.room.conftest import Phone


@pytest.fixture
def joined(room, phones, off_gui):
    phone = phones()
    off_gui(lambda: phone.join(room.server.token, "Ana"))
    [state] = off_gui(phone.state)
    return phone, state


def _unchanged(window, off_gui, *requests):
    """Each request's response; the map and its file are as before every one of them."""
    before, saved = window.document.content(), read_content(window.map_file.path)
    answers = off_gui(*requests)
    assert window.document.content() == before and read_content(window.map_file.path) == saved
    for answer in answers:
        assert 400 <= answer.status_code < 500, (answer.status_code, answer.text)
        assert answer.headers["content-type"] == "application/json" and answer.json()["error"]
    return answers


def test_bad_requests_are_refused_and_change_nothing(joined, window, off_gui, room):
    phone, state = joined
    lane, stage, touchpoint = state["lanes"][0]["id"], state["stages"][0]["id"], state["touchpoints"][0]["id"]
    good = {"text": "ok", "lane": lane, "stage": stage}
    http = phone.http
    stranger = Phone(room.server.base_url)
    stranger.http.cookies.set("jm_room", "forged-token")
    answers = _unchanged(
        window, off_gui,
        lambda: http.post("/api/cards", content=b"{not json", headers={"Idempotency-Key": "k" * 10,
                                                                       "Content-Type": "application/json"}),
        lambda: http.post("/api/cards", content=b"text=1", headers={"Idempotency-Key": "k" * 11,
                                                                     "Content-Type": "application/x-www-form-urlencoded"}),
        lambda: phone.post("/api/cards", {**good, "text": "x" * 20_000}),  # over 16 KB
        lambda: http.post("/api/cards", content=iter([b"[" + b" " * 17_000 + b"]"]),  # no Content-Length
                          headers={"Idempotency-Key": "k" * 12, "Content-Type": "application/json"}),
        lambda: phone.post("/api/cards", {**good, "text": "x" * 501}),
        lambda: phone.post("/api/cards", {**good, "lane": "0" * 32}),
        lambda: phone.post("/api/ratings", {"card": "0" * 32, "value": 1}),
        lambda: phone.post("/api/ratings", {"card": touchpoint, "value": 7}),
        lambda: http.post("/api/ratings", content=b'{"card": "x", "value": NaN}',
                          headers={"Idempotency-Key": "k" * 13, "Content-Type": "application/json"}),
        lambda: phone.post("/api/cards", {**good, "extra": 1}),
        lambda: http.post("/api/cards", json=good),  # no idempotency key
        lambda: phone.post("/api/votes", {"card": touchpoint}),  # no voting in this room
        lambda: stranger.post("/api/cards", good),
        lambda: phone.post("/api/cards", good, headers={"Host": "evil.example:80"}),
        lambda: http.get("/static/../model/document.py"),
        lambda: http.delete("/api/cards"),
    )
    assert [a.status_code for a in answers] == [400, 415, 413, 413, 422, 404, 404, 422, 400, 422, 400, 403, 401, 400,
                                                404, 405]
    stranger.close()


def test_what_the_step_does_not_allow_is_refused(joined, window, off_gui, room):
    phone, state = joined
    lanes = {lane["name"]: lane["id"] for lane in state["lanes"]}
    from model.room.step import RoomStep

    room.set_step(RoomStep(writing=True, rating=False, lane_ids=(lanes["Pain points"],)))
    answers = _unchanged(
        window, off_gui,
        lambda: phone.post("/api/cards", {"text": "x", "lane": lanes["Actions"], "stage": state["stages"][0]["id"]}),
        lambda: phone.post("/api/ratings", {"card": state["touchpoints"][0]["id"], "value": 1}),
    )
    assert [a.json()["error"] for a in answers] == ["this step takes no cards in that lane", "rating is not open in this step"]


def test_a_removed_participant_is_refused(joined, window, off_gui, room):
    phone, state = joined
    room.send_out(room.joined[0])
    [answer] = _unchanged(window, off_gui, lambda: phone.post("/api/ratings", {"card": state["touchpoints"][0]["id"], "value": 1}))
    assert answer.status_code == 401 and "no longer" in answer.json()["error"]


def test_locked_joining_is_refused(room, phones, off_gui, window):
    room.set_joining_locked(True)
    phone = phones()
    [answer] = _unchanged(window, off_gui, lambda: phone.join(room.server.token, "Late"))
    assert answer.status_code == 403 and "locked" in answer.json()["error"]


@pytest.fixture
def still_room(window, loopback):
    """A room where time stands still: rates never refill."""
    window.room.open("127.0.0.1", 0, clock=lambda: 1000.0, limits=Limits())
    yield window.room
    window.room.close()


def test_a_burst_beyond_the_rate_limit_is_refused(still_room, off_gui, window):
    phone = Phone(still_room.server.base_url)
    off_gui(lambda: phone.join(still_room.server.token, "Ana"))
    card = off_gui(phone.state)[0]["touchpoints"][0]["id"]
    answers = off_gui(*[lambda v=v: phone.post("/api/ratings", {"card": card, "value": v % 2}) for v in range(40)])
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) == Limits().actions[0] and statuses.count(429) == 40 - Limits().actions[0]
    assert all(int(a.headers["retry-after"]) >= 1 for a in answers if a.status_code == 429)
    phone.close()


def test_guessing_the_room_code_is_stopped(still_room, off_gui, window):
    phone = Phone(still_room.server.base_url)
    wrong = "ZZZZZZ" if still_room.server.code != "ZZZZZZ" else "YYYYYY"
    answers = off_gui(*[lambda: phone.join(wrong, "Guess") for _ in range(8)])
    assert sorted(a.status_code for a in answers) == [403] * 5 + [429] * 3
    [right] = off_gui(lambda: phone.join(still_room.server.code, "Ana"))
    assert right.status_code == 429  # the right code too, while guessing is stopped
    [by_address] = off_gui(lambda: phone.join(still_room.server.token, "Ana"))
    assert by_address.status_code == 200  # the QR code's secret is no guess
    assert not any(p.name == "Guess" for p in window.document.items("participant"))
    phone.close()


def test_the_same_action_sent_twice_counts_once(joined, window, off_gui):
    phone, state = joined
    body = {"text": "Sent twice", "lane": state["lanes"][0]["id"], "stage": state["stages"][0]["id"]}
    first, again, both = off_gui(lambda: phone.post("/api/cards", body, key="same-key-1"),
                                 lambda: phone.post("/api/cards", body, key="same-key-1"),
                                 lambda: phone.post("/api/cards", body, key="same-key-1"))
    assert first.json() == again.json() == both.json() and first.status_code == 200
    assert [c.text for c in window.document.items("inbox_card")] == ["Sent twice"]
    [other] = off_gui(lambda: phone.post("/api/cards", {**body, "text": "Different"}, key="same-key-1"))
    assert other.status_code == 409
    assert len(window.document.items("inbox_card")) == 1


def test_answers_carry_the_security_headers_and_no_file_names(joined, window, off_gui, room):
    phone, _state = joined
    stem = window.map_file.path.stem
    answers = off_gui(lambda: phone.http.get("/"), lambda: phone.http.get(f"/j/{room.server.token}"),
                      lambda: phone.http.get("/static/room.js"), lambda: phone.http.get("/api/state"),
                      lambda: phone.http.get("/nowhere"), lambda: phone.post("/api/cards", {}))
    for answer in answers:
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff" and "server" not in answer.headers
        assert stem not in answer.text and str(window.map_file.path.parent) not in answer.text
    page = answers[0].text
    assert "<script src=\"/static/room.js\" defer></script>" in page and "http" not in page.replace("http-equiv", "")


def test_hostile_text_is_kept_and_served_literally(joined, window, off_gui, room, phones):
    from tests.hostile.corpus import hostile_texts

    phone, state = joined
    texts = [t for t in hostile_texts() if t.strip()]
    lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]
    writers = [phone, phones(), phones()]  # within each phone's rate
    off_gui(*[lambda w=w: w.join(room.server.token, "W") for w in writers[1:]])
    answers = off_gui(*[lambda i=i, t=t: writers[i % 3].post("/api/cards", {"text": t, "lane": lane, "stage": stage})
                        for i, t in enumerate(texts)])
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers if a.status_code != 200]
    kept = sorted(c.text for c in window.document.items("inbox_card"))
    assert kept == sorted(t.strip() for t in texts)
    [served] = off_gui(phone.state)
    assert sorted(c["text"] for c in served["cards"]) == kept  # everyone's: none was private
