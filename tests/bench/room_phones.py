"""The phones of tests/bench/room_probe.py, in a process of their own (a phone's browser is not in the
laptop's process): PHONES light asyncio HTTP clients join the room at URL and, as the phone page does,
load their state and keep its live stream open (/api/events, read to the end). Then, ROUNDS times, they
all tap at the same instant: a third vote (on the first VOTE_ON cards their state offers to vote on), a
third rate a touchpoint, a third add a card. Last, each phone reads its state again (its votes left).

Prints one JSON object: "taps", a list of [action, round, tapped, confirmed, status] with time.monotonic()
times (one clock for every process of the machine), and "after", each phone's name, votes left and own
ballot as its state showed them after the storm.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time

PHONES, ROUNDS = 60, 3
ROLES = ("vote", "rating", "card")  # phone i's role: ROLES[i % 3], the same each round


def _request(host: str, method: str, path: str, body=None, cookie: str = "") -> bytes:
    data = b"" if body is None else json.dumps(body).encode()
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nIdempotency-Key: {secrets.token_hex(8)}\r\n"
            + (f"Cookie: jm_room={cookie}\r\n" if cookie else "") + "\r\n")
    return head.encode() + data


async def _head(reader) -> tuple[int, dict[str, str]]:
    status = int((await reader.readline()).split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


async def _http(conn, host: str, method: str, path: str, body=None, cookie: str = "") -> tuple[int, dict, str]:
    reader, writer = conn
    writer.write(_request(host, method, path, body, cookie))
    status, headers = await _head(reader)
    set_cookie = headers.get("set-cookie", "").split(";")[0].partition("=")[2]
    return status, json.loads(await reader.readexactly(int(headers.get("content-length", "0")))), set_cookie


async def _listen(address: str, port: int, host: str, cookie: str, states: list[int]) -> None:
    """The phone page's EventSource: the live stream, read (and counted) until the room ends it."""
    reader, writer = await asyncio.open_connection(address, port)
    writer.write(_request(host, "GET", "/api/events", cookie=cookie))
    status, _ = await _head(reader)
    if status != 200:
        raise RuntimeError(f"the live stream was refused ({status})")
    try:
        while chunk := await reader.read(65536):
            states[0] += chunk.count(b"event: state")
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def _storm(address: str, port: int, token: str, vote_on: int) -> dict:
    host = f"{address}:{port}"
    conns = [await asyncio.open_connection(address, port) for _ in range(PHONES)]
    cookies, streams, states = [], [], [0]
    for i, conn in enumerate(conns):
        status, _, cookie = await _http(conn, host, "POST", "/api/join", {"room": token, "name": f"Phone {i}"})
        assert status == 200
        cookies.append(cookie)
    for i, conn in enumerate(conns):  # as the page does once joined: its state, then the live stream
        await _http(conn, host, "GET", "/api/state", cookie=cookies[i])
        streams.append(asyncio.create_task(_listen(address, port, host, cookies[i], states)))
    _, state, _ = await _http(conns[0], host, "GET", "/api/state", cookie=cookies[0])
    touchpoints = [t["id"] for t in state["touchpoints"]]
    lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]
    votable = [c["id"] for c in (state["voting"] or {}).get("cards", [])][:vote_on]
    if not (touchpoints and votable and state["step"]["voting"]):
        raise RuntimeError("the phones' state offers nothing to rate or vote on")
    await asyncio.sleep(0.5)  # the streams' first states sent: the storm starts from a quiet room
    taps: list = []

    async def tap(i: int, r: int) -> None:
        name, role = f"Phone {i}", ROLES[i % 3]
        if role == "card":
            text = f"{name} idea {r}"
            action, path, body = ("card", text), "/api/cards", {"text": text, "lane": lane, "stage": stage}
        elif role == "rating":
            card = touchpoints[(i + r) % len(touchpoints)]
            action, path, body = ("rating", name, card), "/api/ratings", {"card": card, "value": (i + r) % 5 - 2}
        else:  # two votes on one card, the third on the next: a new vote and a second dot on it
            card = votable[(i // 3 + r // 2) % len(votable)]
            action, path, body = ("vote", name, card, r), "/api/votes", {"card": card}
        tapped = time.monotonic()
        status, _, _ = await _http(conns[i], host, "POST", path, body, cookies[i])
        taps.append((action, r, tapped, time.monotonic(), status))

    for r in range(ROUNDS):
        await asyncio.gather(*(tap(i, r) for i in range(PHONES)))
        await asyncio.sleep(0.3)
    after = []
    for i, conn in enumerate(conns):
        _, state, _ = await _http(conn, host, "GET", "/api/state", cookie=cookies[i])
        voting = state["voting"] or {}
        after.append({"name": f"Phone {i}", "remaining": voting.get("remaining"), "mine": voting.get("mine", {})})
    for task in streams:
        task.cancel()
    for _, writer in conns:
        writer.close()
    return {"taps": taps, "after": after, "stream_states": states[0]}


def main() -> None:
    url, vote_on = sys.argv[1], int(sys.argv[2])
    base, token = url.split("/j/")
    address, port = base.removeprefix("http://").rsplit(":", 1)
    print(json.dumps(asyncio.run(_storm(address, int(port), token, vote_on))), flush=True)


if __name__ == "__main__":
    main()
