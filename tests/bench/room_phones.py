"""The phones of tests/bench/room_probe.py, in a process of their own (a phone's browser is not in the
laptop's process): PHONES light asyncio HTTP clients join the room at URL, then tap at the same instant,
ROUNDS times. Prints one JSON list of [action, tapped, confirmed, status] with time.monotonic() times
(one clock for every process of the machine)."""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time

PHONES, ROUNDS = 60, 3


async def _http(conn, host: str, method: str, path: str, body=None, cookie: str = "") -> tuple[int, dict, str]:
    reader, writer = conn
    data = b"" if body is None else json.dumps(body).encode()
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nIdempotency-Key: {secrets.token_hex(8)}\r\n"
            + (f"Cookie: jm_room={cookie}\r\n" if cookie else "") + "\r\n")
    writer.write(head.encode() + data)
    status = int((await reader.readline()).split()[1])
    length, set_cookie = 0, ""
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "set-cookie":
            set_cookie = value.strip().split(";")[0].split("=", 1)[1]
    return status, json.loads(await reader.readexactly(length)), set_cookie


async def _storm(address: str, port: int, token: str, taps: list) -> None:
    host = f"{address}:{port}"
    conns = [await asyncio.open_connection(address, port) for _ in range(PHONES)]
    cookies = []
    for i, conn in enumerate(conns):
        status, _, cookie = await _http(conn, host, "POST", "/api/join", {"room": token, "name": f"Phone {i}"})
        assert status == 200
        cookies.append(cookie)
    _, state, _ = await _http(conns[0], host, "GET", "/api/state", cookie=cookies[0])
    touchpoints = [t["id"] for t in state["touchpoints"]]
    lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]

    async def tap(i: int, r: int) -> None:
        if i % 2:
            action, path, body = ("card", f"Phone {i} idea {r}"), "/api/cards", {"text": f"Phone {i} idea {r}", "lane": lane, "stage": stage}
        else:
            card = touchpoints[r % len(touchpoints)]
            action, path, body = ("rating", f"Phone {i}", card), "/api/ratings", {"card": card, "value": (i + r) % 5 - 2}
        tapped = time.monotonic()
        status, _, _ = await _http(conns[i], host, "POST", path, body, cookies[i])
        taps.append((action, tapped, time.monotonic(), status))

    for r in range(ROUNDS):
        await asyncio.gather(*(tap(i, r) for i in range(PHONES)))
        await asyncio.sleep(0.3)
    for _, writer in conns:
        writer.close()


def main() -> None:
    url = sys.argv[1]
    base, token = url.split("/j/")
    address, port = base.removeprefix("http://").rsplit(":", 1)
    taps: list = []
    asyncio.run(_storm(address, int(port), token, taps))
    print(json.dumps(taps), flush=True)


if __name__ == "__main__":
    main()
