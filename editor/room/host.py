"""The one interface between the room's server thread and the GUI thread: intents in, outcomes out.

The server calls `RoomHost.submit(intent)` from its own thread and awaits the returned future; the
host resolves it on the GUI thread once Document.apply returned (the change is in the file), or with
a refusal that changed nothing. Qt-free: the server side imports it.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from model.errors import JourneyError, NotAllowedError, NotFoundError, ValidationError
from model.room.intents import Intent


@dataclass(frozen=True)
class Outcome:
    status: int  # 200 done; 4xx refused (nothing changed); 503 not done, try again
    data: dict[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200

    def body(self) -> dict[str, Any]:
        return {"ok": True, **self.data} if self.ok else {"error": self.message}


CLOSED = Outcome(503, message="the room has closed")


def refusal(error: JourneyError) -> Outcome:
    """What a phone is told when the model refused its intent (the map is unchanged)."""
    if isinstance(error, NotAllowedError):
        return Outcome(403, message=str(error))
    if isinstance(error, NotFoundError):
        return Outcome(404, message=str(error))
    if isinstance(error, ValidationError):
        return Outcome(422, message=str(error))
    # The file refused the change (a full disk…): its message may name paths, which the room never sees.
    return Outcome(503, message="the laptop could not save this; try again")


class RoomHost(Protocol):
    def submit(self, intent: Intent) -> Future[Outcome]:
        """Called from the server thread; the future resolves once the intent was applied or refused."""
