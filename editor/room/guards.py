"""What stands between a request and the map: sizes, rates, tokens, repeated submissions.

Used only on the server thread (one asyncio loop), so nothing here needs a lock. Every clock is
injected, so tests drive time instead of sleeping.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

MAX_BODY = 16 * 1024
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector, typed on a phone
CODE_LENGTH = 6
_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")

Clock = Callable[[], float]


class Refusal(Exception):
    """A request refused before it reached the map: the status and the one line the phone shows."""

    def __init__(self, status: int, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def room_token() -> str:
    return secrets.token_urlsafe(18)  # 144 bits: the join address's secret


def participant_token() -> str:
    return secrets.token_urlsafe(32)


def room_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))  # 30 bits, rate-limited


def normal_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass(frozen=True)
class Limits:
    actions: tuple[float, float] = (15, 5.0)  # per participant: a burst of 15, then 5 a second
    joins: tuple[float, float] = (120, 2.0)  # per address: a room behind one address still joins
    wrong_codes: tuple[float, float] = (5, 1 / 12)  # per address: 5, then one every 12 s
    wrong_codes_everyone: tuple[float, float] = (30, 0.5)  # all addresses together
    participants: int = 300  # joins one room takes
    streams_per_participant: int = 4
    confirm_timeout: float = 10.0  # seconds a phone waits for the laptop before "try again"


class TokenBucket:
    def __init__(self, capacity: float, rate: float, clock: Clock) -> None:
        self.capacity, self.rate, self._clock = capacity, rate, clock
        self._tokens, self._at = capacity, clock()

    def take(self) -> float:
        """0 when a token was taken; otherwise the seconds until one is there (nothing taken)."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.rate

    def has(self) -> bool:
        now = self._clock()
        return min(self.capacity, self._tokens + (now - self._at) * self.rate) >= 1


class Buckets:
    """One bucket per key (a participant, an address), the oldest forgotten past `most` keys."""

    def __init__(self, spec: tuple[float, float], clock: Clock, most: int = 4096) -> None:
        self._spec, self._clock, self._most = spec, clock, most
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def get(self, key: str) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(*self._spec, self._clock)
            if len(self._buckets) > self._most:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(key)
        return bucket

    def take(self, key: str, message: str) -> None:
        wait = self.get(key).take()
        if wait:
            raise Refusal(429, message, retry_after=wait)


class Repeats:
    """Idempotency: the first submission of a key per participant; a repeat gets the same outcome."""

    def __init__(self, per_participant: int = 200) -> None:
        self._per = per_participant
        self._seen: dict[str, OrderedDict[str, tuple[str, Future]]] = {}

    def find(self, participant: str, key: str, fingerprint: str) -> Future | None:
        entry = self._seen.get(participant, {}).get(key)
        if entry is None:
            return None
        if entry[0] != fingerprint:
            raise Refusal(409, "this request key was already used for another action")
        future = entry[1]
        if future.done() and future.result().status >= 500:
            self.forget(participant, key)  # not done: a repeat tries again
            return None
        return future

    def remember(self, participant: str, key: str, fingerprint: str, future: Future) -> None:
        seen = self._seen.setdefault(participant, OrderedDict())
        seen[key] = (fingerprint, future)
        while len(seen) > self._per:
            seen.popitem(last=False)

    def forget(self, participant: str, key: str) -> None:
        self._seen.get(participant, {}).pop(key, None)


def request_key(value: str | None) -> str:
    if value is None or not _KEY.fullmatch(value):
        raise Refusal(400, "each action needs an Idempotency-Key header of 8–64 letters, digits, - or _")
    return value


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refusal(400, "the request is not valid JSON") from None


def monotonic() -> float:
    return time.monotonic()
