"""The room's web routes (Starlette): the phone page, joining, the live state, and each action.

Runs on the server thread only. A request is refused before anything happens unless it comes to the
room's own address, is of the right kind and size, carries a valid participant token (a cookie) and
stays within its rates; its JSON is read strictly (model/room/intents.py); the action then goes to the
host (host.py), and the phone is answered only with the host's outcome: done and saved, or refused
with nothing changed. Every answer is JSON with one plain line on refusal.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from model.errors import ValidationError
from model.room import intents
from model.room.snapshot import RoomSnapshot
from resources import resource_path

from .guards import MAX_BODY, Buckets, Clock, Limits, Refusal, Repeats, normal_code, parse_json, participant_token, request_key
from .host import Outcome, RoomHost

COOKIE = "jm_room"
ASSETS = {"room.js": "text/javascript; charset=utf-8", "room.css": "text/css; charset=utf-8",
          **{f"face-{n}.svg": "image/svg+xml" for n in ("m2", "m1", "0", "p1", "p2")}}
HEARTBEAT_S = 15.0
PUSH_GAP_S = 0.05  # a phone's stream sends at most one state per gap: a storm coalesces

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store")]


def _error(status: int, message: str, retry_after: float | None = None) -> JSONResponse:
    headers = {"Retry-After": str(max(1, round(retry_after)))} if retry_after else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class Guarded:
    """ASGI middleware: the room's own address only (no DNS rebinding), and the safety headers on every answer."""

    def __init__(self, app, hosts: Callable[[], frozenset[str]]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if host not in self.hosts():
            return await _error(400, "this is not the room's address")(scope, receive, with_headers)
        await self.app(scope, receive, with_headers)


class RoomRoutes:
    """The state the routes share: participant tokens, rates, repeated submissions (server thread only)."""

    def __init__(self, host: RoomHost, room_token: str, code: str, snapshot: Callable[[], RoomSnapshot],
                 changed: Callable[[], asyncio.Event], closing: Callable[[], bool], clock: Clock,
                 limits: Limits) -> None:
        self.host, self.room_token, self.code = host, room_token, code
        self.snapshot, self.changed, self.closing = snapshot, changed, closing
        self.limits = limits
        self.sessions: dict[str, str] = {}  # participant token -> participant id
        self.joined = 0
        self.streams: dict[str, int] = {}
        self.actions = Buckets(limits.actions, clock)
        self.joins = Buckets(limits.joins, clock)
        self.wrong = Buckets(limits.wrong_codes, clock)
        self.wrong_everyone = Buckets(limits.wrong_codes_everyone, clock)
        self.repeats = Repeats()
        self.join_repeats = Repeats()
        page = resource_path("room", "index.html").read_bytes()
        icon = resource_path("icons", "journeymap.png").read_bytes()
        self.assets = {name: resource_path("room", name).read_bytes() for name in ASSETS}

        async def send_page(_request: Request) -> Response:
            return Response(page, media_type="text/html; charset=utf-8")

        async def send_icon(_request: Request) -> Response:
            return Response(icon, media_type="image/png")

        self.routes = [
            Route("/", send_page), Route("/j/{token}", send_page), Route("/favicon.ico", send_icon),
            Route("/static/{name}", self.asset),
            Route("/api/join", self.join, methods=["POST"]),
            Route("/api/state", self.state),
            Route("/api/events", self.events),
            Route("/api/cards", self.action(intents.read_card), methods=["POST"]),
            Route("/api/ratings", self.action(intents.read_rating), methods=["POST"]),
            Route("/api/votes", self.action(intents.read_vote), methods=["POST"]),
            Route("/api/votes/take-back", self.action(lambda p, b: intents.read_vote(p, b, take_back=True)),
                  methods=["POST"]),
        ]

    def app(self, hosts: Callable[[], frozenset[str]], lifespan) -> Guarded:
        async def http_error(_request: Request, error: HTTPException) -> Response:
            return _error(error.status_code, {404: "no such page", 405: "not allowed here"}.get(error.status_code, "refused"))

        async def crashed(_request: Request, _error_: Exception) -> Response:
            return _error(500, "something went wrong on the laptop")

        starlette = Starlette(routes=self.routes, lifespan=lifespan,
                              exception_handlers={HTTPException: http_error, Exception: crashed})
        return Guarded(starlette, hosts)

    # -- pieces every route uses ---------------------------------------------------------------

    def participant(self, request: Request) -> str:
        pid = None if self.closing() else self.sessions.get(request.cookies.get(COOKIE, ""))
        if pid is None:
            raise Refusal(401, "you have not joined this room (or it was closed and opened again)")
        if pid not in self.snapshot().members:
            raise Refusal(401, "you are no longer in this room")
        return pid

    @staticmethod
    async def body(request: Request) -> Any:
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise Refusal(415, "send JSON (Content-Type: application/json)")
        length = request.headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            raise Refusal(413, f"the request is larger than {MAX_BODY // 1024} KB")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise Refusal(413, f"the request is larger than {MAX_BODY // 1024} KB")
            chunks.append(chunk)
        return parse_json(b"".join(chunks))

    async def outcome_of(self, future) -> Outcome:
        """The GUI thread's outcome, or "busy" after the timeout (the intent may still be applied: a
        repeat with the same key then gets its real outcome). One hop from the GUI thread to this loop."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future = loop.create_future()

        def settle(value) -> None:
            if not answer.done():
                answer.set_result(value)

        timer = loop.call_later(self.limits.confirm_timeout, settle, Outcome(503, message="the laptop is busy; try again"))
        future.add_done_callback(lambda done: loop.call_soon_threadsafe(settle, done.result()))
        try:
            return await answer
        finally:
            timer.cancel()

    # -- routes ----------------------------------------------------------------------------------

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.assets:
            return _error(404, "no such file")
        return Response(self.assets[name], media_type=ASSETS[name])

    async def join(self, request: Request) -> Response:
        address = request.client.host if request.client else "?"
        try:
            self.joins.take(address, "too many joins from here; wait a moment")
            key = request_key(request.headers.get("idempotency-key"))
            payload = await self.body(request)
            try:
                room, name = intents.read_join(payload)
            except ValidationError as error:
                raise Refusal(422, str(error)) from None
            self.check_room(room, address)
            token = request.cookies.get(COOKIE, "")
            pid = self.sessions.get(token)
            if pid is not None and pid in self.snapshot().members:
                return JSONResponse({"ok": True, "name": self.snapshot().names.get(pid, "")})
            future = self.join_repeats.find("join", key, name)
            if future is None:
                if self.joined >= self.limits.participants:
                    raise Refusal(403, "the room is full")
                future = self.host.submit(intents.Join(name))
                self.join_repeats.remember("join", key, name, future)
            outcome = await self.outcome_of(future)
        except Refusal as refused:
            return _error(refused.status, refused.message, refused.retry_after)
        if not outcome.ok:
            return _error(outcome.status, outcome.message)
        pid = outcome.data["participant"]
        token = next((t for t, p in self.sessions.items() if p == pid), None)  # a repeated join: same token
        if token is None:
            token, self.joined = participant_token(), self.joined + 1
            self.sessions[token] = pid
        response = JSONResponse({"ok": True, "name": name})
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    def check_room(self, room: str, address: str) -> None:
        if hmac.compare_digest(room.encode(), self.room_token.encode()):
            return
        typed = normal_code(room)
        if len(typed) == len(self.code):
            # A short code is guessable: refused while this address or everyone guessed wrong too often.
            if not (self.wrong.get(address).has() and self.wrong_everyone.get("*").has()):
                raise Refusal(429, "too many wrong codes; wait a minute", retry_after=60)
            if hmac.compare_digest(typed.encode(), self.code.encode()):
                return
        self.wrong.get(address).take()
        self.wrong_everyone.get("*").take()
        raise Refusal(403, "this room code is not right (or the room was closed)")

    async def state(self, request: Request) -> Response:
        try:
            pid = self.participant(request)
        except Refusal as refused:
            return _error(refused.status, refused.message)
        return Response(self.snapshot().view_json(pid), media_type="application/json")

    async def events(self, request: Request) -> Response:
        try:
            pid = self.participant(request)
            if self.streams.get(pid, 0) >= self.limits.streams_per_participant:
                raise Refusal(429, "too many open pages for one phone")
        except Refusal as refused:
            return _error(refused.status, refused.message, refused.retry_after)
        return StreamingResponse(self.stream(pid), media_type="text/event-stream",
                                 headers={"X-Accel-Buffering": "no"})

    async def stream(self, pid: str) -> AsyncIterator[bytes]:
        """Server-sent events: the phone's state now and after every change, until the room closes."""
        self.streams[pid] = self.streams.get(pid, 0) + 1
        try:
            yield b"retry: 2000\n\n"
            sent = -1
            while not self.closing():
                snapshot = self.snapshot()
                if pid not in snapshot.members:
                    yield b"event: gone\ndata: {}\n\n"
                    return
                if snapshot.version != sent:
                    sent = snapshot.version
                    yield b"event: state\ndata: " + snapshot.view_json(pid) + b"\n\n"
                    await asyncio.sleep(PUSH_GAP_S)
                    continue
                changed = self.changed()
                if self.snapshot().version == sent and not self.closing():
                    try:
                        await asyncio.wait_for(changed.wait(), HEARTBEAT_S)
                    except asyncio.TimeoutError:
                        yield b": still here\n\n"
        finally:
            self.streams[pid] -= 1

    def action(self, read: Callable[[str, Any], intents.Intent]):
        async def route(request: Request) -> Response:
            try:
                pid = self.participant(request)
                self.actions.take(pid, "too many actions at once; wait a moment")
                key = request_key(request.headers.get("idempotency-key"))
                payload = await self.body(request)
                try:
                    intent = read(pid, payload)
                except ValidationError as error:
                    raise Refusal(422, str(error)) from None
                fingerprint = hashlib.sha256(repr(intent).encode()).hexdigest()
                future = self.repeats.find(pid, key, fingerprint)
                if future is None:
                    future = self.host.submit(intent)
                    self.repeats.remember(pid, key, fingerprint, future)
                outcome = await self.outcome_of(future)
            except Refusal as refused:
                return _error(refused.status, refused.message, refused.retry_after)
            return JSONResponse(outcome.body(), status_code=outcome.status)

        return route
