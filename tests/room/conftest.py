"""The room's tests: a window with its room open on loopback, and phones as httpx clients.

Only these tests may connect, and only to loopback (tests/conftest.py `allow_loopback`). The phones
run on worker threads while the test's thread spins Qt's event loop (qtbot.waitUntil), because the
room's intents are applied on the GUI thread: a phone blocking the GUI thread would wait forever.
"""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.conftest import allow_loopback
from tests.editor.conftest import application, map_path, prompts, window  # noqa: F401 - shared fixtures


@pytest.fixture
def loopback(monkeypatch):
    allow_loopback(monkeypatch)


@pytest.fixture
def room(window, loopback):  # noqa: F811
    window.room.open("127.0.0.1", 0)
    yield window.room
    window.room.close()


class Phone:
    """One participant's phone: its own cookie jar, and a fresh idempotency key per action unless given."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=20.0)

    def post(self, path: str, body, *, key: str | None = None, **kwargs) -> httpx.Response:
        headers = {"Idempotency-Key": key or secrets.token_hex(8), **kwargs.pop("headers", {})}
        return self.http.post(path, json=body, headers=headers, **kwargs)

    def join(self, room: str, name: str, **kwargs) -> httpx.Response:
        return self.post("/api/join", {"room": room, "name": name}, **kwargs)

    def state(self) -> dict:
        response = self.http.get("/api/state")
        response.raise_for_status()
        return response.json()

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def phones(room):
    made: list[Phone] = []

    def make() -> Phone:
        phone = Phone(room.server.base_url)
        made.append(phone)
        return phone

    yield make
    for phone in made:
        phone.close()


@pytest.fixture
def off_gui(qtbot):
    """Run `work` on worker threads while Qt's event loop runs here; its results, in order."""
    pool = ThreadPoolExecutor(64)

    def run(*works, timeout: int = 30_000):
        futures = [pool.submit(work) for work in works]
        qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=timeout)
        return [f.result() for f in futures]

    yield run
    pool.shutdown(wait=True)
