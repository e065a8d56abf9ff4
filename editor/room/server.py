"""The room's web server: Starlette on uvicorn, in a thread of its own, on the address the facilitator chose.

`RoomServer.start()` binds the address (refused at once with OSError if it cannot) and serves until
`close()`, which ends every connection, the live streams included, and forgets every token: a closed
room admits no one, and a room opened again has a new address token, code and participant tokens.
The GUI thread calls `publish(snapshot)` after each change; the server thread only reads the snapshot
and hands intents to the host (host.py). Nothing here touches Qt or the Document.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
import threading

from model.room.snapshot import RoomSnapshot

from .guards import Clock, Limits, monotonic, room_code, room_token
from .host import RoomHost
from .routes import RoomRoutes

log = logging.getLogger("journeymap.room")


def url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


class RoomServer:
    def __init__(self, host: RoomHost, address: str = "127.0.0.1", port: int = 0, *,
                 clock: Clock = monotonic, limits: Limits | None = None) -> None:
        self.address = str(ipaddress.ip_address(address))  # ValueError for a name: the room binds addresses
        self.port = port
        self.token = room_token()
        self.code = room_code()
        self._snapshot = RoomSnapshot()
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._started = threading.Event()
        self._thread: threading.Thread | None = None
        self._server = None
        self.routes = RoomRoutes(host, self.token, self.code, lambda: self._snapshot, lambda: self._changed,
                                 lambda: self._closing, clock, limits or Limits())

    # -- addresses ---------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{url_host(self.address)}:{self.port}"

    @property
    def join_url(self) -> str:
        """What the QR code holds: the address and the room's secret."""
        return f"{self.base_url}/j/{self.token}"

    def _hosts(self) -> frozenset[str]:
        names = {f"{url_host(self.address)}:{self.port}"}
        if ipaddress.ip_address(self.address).is_loopback:
            names.add(f"localhost:{self.port}")
        return frozenset(names)

    # -- life --------------------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> None:
        """Bind and serve; OSError (nothing left open) when the address cannot be used."""
        import uvicorn

        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.address, self.port))
            sock.listen(128)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.routes.app(self._hosts, self._lifespan), lifespan="on", http="h11", ws="none",
                                loop="asyncio", log_level="warning", access_log=False, server_header=False,
                                timeout_graceful_shutdown=2, timeout_keep_alive=30, log_config=None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="room server", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            self.close()
            raise OSError("the room's server did not start")

    def _serve(self, sock: socket.socket) -> None:
        try:
            self._server.run(sockets=[sock])
        except BaseException:  # noqa: BLE001 - the thread ends; the facilitator sees the room stop answering
            log.exception("the room's server stopped")
        finally:
            sock.close()

    @contextlib.asynccontextmanager
    async def _lifespan(self, _app):
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._started.set()
        yield

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def publish(self, snapshot: RoomSnapshot, *, wake: bool = True) -> None:
        """The room's new view (from the GUI thread): every request reads it from now on, and every
        phone's stream sends it (with wake=False, once `wake()` is called)."""
        self._snapshot = snapshot  # one reference swap: readers see the old or the new, never a mix
        if wake:
            self.wake()

    def wake(self) -> None:
        """Every phone's stream sends the latest view."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop just ended
                loop.call_soon_threadsafe(self._notify)

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def close(self) -> None:
        """Stop serving, end every connection and forget every token. Safe to call twice."""
        self._closing = True
        if self._server is not None:
            self._server.should_exit = True
        self.wake()
        if self._thread is not None:
            self._thread.join(5.0)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(2.0)
        self.routes.sessions.clear()  # the thread is gone (or refuses everyone while closing)
