"""One window's room: opens and closes the server, applies phones' intents, keeps the room's view current.

Phones' intents are planned with model/room/plans.py and applied with Origin.ROOM straight to the
Document (they are not the facilitator's edits, so they never go on the undo stack); the file has the
change before the phone is told. The facilitator's own room edits (accept, edit, discard, reveal,
remove a participant) go through the EditSession, each one undoable step. After every change of the
map or of the room (step, lock, someone sent out) a new RoomSnapshot is published to the server; for a
group of phones' intents, once, before they are answered (a phone told "saved" reads its change), and
the phones' live streams are woken only after the answers went out (the phones that acted wait for
their answer, not for sixty states to be sent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from model import ops
from model.errors import JourneyError, NotFoundError, ValidationError
from model.events import Origin
from model.room import plans
from model.room.intents import AddInboxCard, Intent, Join, Rate
from model.room.snapshot import build_snapshot
from model.room.step import RoomStep
from model.room.voting import CurrentSessionVoting, RoomVoting

from ..session import EditSession
from .bridge import IntentBridge
from .host import CLOSED, Outcome, refusal

if TYPE_CHECKING:
    from .server import RoomServer


class RoomController(QObject):
    opened = Signal()
    closed = Signal()
    changed = Signal()  # who is in, who acted, the step, the lock
    acted = Signal(object)  # an intent applied (on the GUI thread, after the file has it)
    save_failed = Signal(str)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document = session.document
        self.server: RoomServer | None = None
        self._bridge: IntentBridge | None = None
        self._disconnect = None
        self.step = RoomStep()
        self.joining_locked = False
        # Phones vote in the map's current voting session while it is open (model/room/voting.py).
        self.voting: RoomVoting | None = CurrentSessionVoting()
        self.sent_out: set[str] = set()
        self.joined: list[str] = []  # participant ids, in the order they joined this room
        self.acted_in_step: set[str] = set()
        self._version = 0
        self._in_group = False  # phones' intents are being applied: one snapshot when the group is done
        self._stale = False  # the map changed during the group

    @property
    def is_open(self) -> bool:
        return self.server is not None

    def open(self, address: str, port: int = 0, **server_options) -> "RoomServer":
        """Start serving on the address; OSError or ValueError (nothing opened) when it cannot."""
        from .server import RoomServer  # Starlette and uvicorn load when a room opens, not with the editor

        if self.is_open:
            return self.server
        if self.session.read_only:
            raise ValueError("the map is open read-only: the room could not save what phones send")
        bridge = IntentBridge(self._handle_all, self, settled=self._on_group_settled)
        server = RoomServer(bridge, address, port, **server_options)
        self.server, self._bridge = server, bridge
        self.joined, self.sent_out, self.acted_in_step = [], set(), set()
        self._publish()
        try:
            server.start()
        except BaseException:
            self.server, self._bridge = None, None
            bridge.close()
            bridge.deleteLater()
            raise
        self._disconnect = self.document.changed.connect(self._on_document_changed)
        self.opened.emit()
        return server

    def close(self) -> None:
        """Stop the server and end every connection; tokens die with it. Safe when closed."""
        if not self.is_open:
            return
        server, bridge = self.server, self._bridge
        self.server, self._bridge = None, None
        if self._disconnect is not None:
            self._disconnect()
            self._disconnect = None
        bridge.close()  # first: the server's last requests are answered, never left waiting on us
        self.document.announce()  # a group the views have not heard of yet
        server.close()
        bridge.deleteLater()
        self.closed.emit()

    # -- the room's state, set by the facilitator -------------------------------------------------

    def set_step(self, step: RoomStep) -> None:
        if step != self.step:
            if (step.stage_ids, step.lane_ids) != (self.step.stage_ids, self.step.lane_ids):
                self.acted_in_step = set()  # a new focus is a new step
            self.step = step
            self._room_changed()

    def set_joining_locked(self, locked: bool) -> None:
        if locked != self.joining_locked:
            self.joining_locked = locked
            self._room_changed()

    def set_voting(self, voting: RoomVoting | None) -> None:
        """Plug a dot-voting session in (see model/room/voting.py), or take it out."""
        self.voting = voting
        self._room_changed()

    def send_out(self, participant_id: str) -> None:
        """The participant's phone is out of the room; what they did stays in the map."""
        self.sent_out.add(participant_id)
        self._room_changed()

    # -- the facilitator's room edits: each one undoable step ---------------------------------------

    def remove_with_items(self, participant_id: str) -> bool:
        return self.session.edit(plans.remove_participant(self.document, participant_id))

    def accept(self, inbox_id: str) -> bool:
        return self.session.edit(plans.accept(self.document, inbox_id))

    def edit_text(self, inbox_id: str, text: str) -> bool:
        return self.session.edit(plans.edit_inbox_text(self.document, inbox_id, text))

    def discard(self, inbox_ids: Iterable[str]) -> bool:
        return self.session.edit(plans.discard(self.document, inbox_ids))

    def reveal(self) -> bool:
        return self.session.edit(plans.reveal(self.document))

    # -- phones' intents (GUI thread, through the bridge) -------------------------------------------

    def _handle_all(self, intents: Sequence[Intent]) -> list[Outcome]:
        """Apply the intents waiting together: planned one by one, saved in ONE transaction (the
        file's synchronous write is what a storm of phones waits for), each confirmed only then."""
        if not self.is_open:
            return [CLOSED] * len(intents)
        if self.session.read_only:
            return [Outcome(403, message="the map is open read-only on the laptop")] * len(intents)
        self._in_group = True
        try:
            outcomes = self._apply_group(intents)
        finally:
            self._in_group = False
            if self._stale and self.is_open:
                self._stale = False
                self._publish(wake=False)  # the bridge answers the phones, then _on_group_settled wakes the streams
        if any(o.ok for o in outcomes):
            self.changed.emit()
        return outcomes

    def _apply_group(self, intents: Sequence[Intent]) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(intents)
        planned: list[tuple[int, ops.Op | None]] = []
        for i, intent in enumerate(intents):
            try:
                planned.append((i, self._plan(intent)))
            except JourneyError as error:
                outcomes[i] = refusal(error)
        steps = tuple(op for _, op in planned if op is not None)
        try:
            if steps:
                self.document.apply(steps[0] if len(steps) == 1 else ops.Batch(steps, "Phones in the room"), Origin.ROOM,
                                    announce=False)
                self._stale = True
        except (ValidationError, NotFoundError):
            # One conflicts with another (a phone's two ratings of one card crossed): one at a time.
            for i, _ in planned:
                outcomes[i] = self._apply_one(intents[i])
            planned = []
        except JourneyError as error:
            self.save_failed.emit(str(error))
            for i, _ in planned:
                outcomes[i] = refusal(error)
            planned = []
        for i, op in planned:
            outcomes[i] = self._confirmed(intents[i], op)
        return outcomes  # type: ignore[return-value]

    def _on_group_settled(self) -> None:
        """The group's phones have their answers: wake the live streams, then let the laptop's views (the
        canvas, the panels) hear of the group — their work no longer delays a phone's "saved"."""
        if self.server is not None:
            self.server.wake()
        self._in_group = True  # the snapshot the phones have is already the group's: not built again
        try:
            self.document.announce()
        finally:
            self._in_group = False
            self._stale = False

    def _plan(self, intent: Intent) -> ops.Op | None:
        return plans.plan(self.document, self.step, intent, voting=self.voting, joining_locked=self.joining_locked)

    def _apply_one(self, intent: Intent) -> Outcome:
        try:
            op = self._plan(intent)
            if op is not None:
                self.document.apply(op, Origin.ROOM, announce=False)
                self._stale = True
        except JourneyError as error:
            if not isinstance(error, (ValidationError, NotFoundError)):
                self.save_failed.emit(str(error))
            return refusal(error)
        return self._confirmed(intent, op)

    def _confirmed(self, intent: Intent, op: ops.Op | None) -> Outcome:
        """The phone's answer for an applied intent (saved), and the room's record of who acted."""
        if isinstance(intent, Join):
            self.joined.append(op.value.id)
            return Outcome(200, {"participant": op.value.id})
        self.acted_in_step.add(intent.participant_id)
        self.acted.emit(intent)
        if isinstance(intent, AddInboxCard):
            return Outcome(200, {"card": op.value.id})
        if isinstance(intent, Rate):
            return Outcome(200, {"value": intent.value})
        return Outcome(200)

    def _on_document_changed(self, _change) -> None:
        if self._in_group:
            self._stale = True
        else:
            self._publish()

    def _room_changed(self) -> None:
        if self.is_open:
            self._publish()
        self.changed.emit()

    def _publish(self, *, wake: bool = True) -> None:
        self._version += 1
        self.server.publish(build_snapshot(self.document, self.step, version=self._version, sent_out=self.sent_out,
                                           joining_locked=self.joining_locked, voting=self.voting), wake=wake)
