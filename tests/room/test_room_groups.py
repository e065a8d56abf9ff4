"""Intents that reach the laptop together are saved together, and each still gets its own answer."""

from __future__ import annotations

from model.persistence import MapSaveError, read_content
from model.room.intents import AddInboxCard, Join, Rate


def _group(room, intents):
    """What the bridge does with intents that arrive together: apply them, answer, then settle."""
    outcomes = room._handle_all(intents)
    room._on_group_settled()
    return outcomes


def _joined(room, name="Ana"):
    [outcome] = _group(room, [Join(name)])
    return outcome.data["participant"]


def test_a_group_is_one_transaction_and_a_refused_one_does_not_stop_the_others(room, window):
    ana, ben = _joined(room), _joined(room, "Ben")
    doc = window.document
    card = room.step.touchpoints(doc)[0].id
    lane, stage = next(l for l in doc.lanes if l.takes_cards).id, doc.stages[0].id
    seen = []
    disconnect = doc.changed.connect(seen.append)
    outcomes = _group(room, [Rate(ana, card, 2), AddInboxCard(ben, "Idea", lane, stage),
                             Rate(ben, "no-such-card", 1), Rate(ben, card, -1)])
    disconnect()
    assert [o.status for o in outcomes] == [200, 200, 404, 200]
    assert len(seen) == 1 and seen[0].origin == "room"  # one change, one transaction
    saved = read_content(window.map_file.path)
    assert sorted(r.value for r in saved.items_of("room_rating")) == [-1, 2]


def test_crossing_requests_of_one_phone_fall_back_to_one_at_a_time(room, window):
    ana = _joined(room)
    card = room.step.touchpoints(window.document)[0].id
    outcomes = _group(room, [Rate(ana, card, 1), Rate(ana, card, -2)])  # both would add the rating
    assert [o.status for o in outcomes] == [200, 200]
    assert [r.value for r in window.document.items("room_rating")] == [-2]  # the later one stands


class _FullDisk:
    def commit(self, change):
        raise MapSaveError("disk full writing /home/facilitator/secret/Client X.journey")


def test_a_group_the_file_refuses_is_refused_whole_without_naming_the_file(room, window):
    ana = _joined(room)
    doc = window.document
    card = room.step.touchpoints(doc)[0].id
    before, store = doc.content(), doc.store
    doc.store = _FullDisk()
    try:
        outcomes = _group(room, [Rate(ana, card, 1), Join("Ben")])
    finally:
        doc.store = store
    assert [o.status for o in outcomes] == [503, 503] and doc.content() == before
    assert all("secret" not in o.message and "journey" not in o.message for o in outcomes)


def test_a_group_is_published_once_before_its_answers_and_the_streams_wake_after(room, window, qtbot, monkeypatch):
    """A phone told "saved" reads its change at once; the phones' streams are sent the new state only
    after the phones that acted were answered (sixty states are not sent ahead of the answers)."""
    server, seen = room.server, []
    publish, wake = server.publish, server.wake
    monkeypatch.setattr(server, "publish", lambda snapshot, wake=True: (
        seen.append(("published", wake, len(snapshot.members))), publish(snapshot, wake=wake)))
    monkeypatch.setattr(server, "wake", lambda: (seen.append(("woken",)), wake()))
    disconnect = window.document.changed.connect(lambda change: seen.append(("views hear", change.origin)))
    futures = [room._bridge.submit(Join(name)) for name in ("Ana", "Ben", "Cy")]
    for future in futures:
        future.add_done_callback(lambda f: seen.append(("answered", f.result().status)))
    qtbot.waitUntil(lambda: ("woken",) in seen, timeout=5000)
    disconnect()
    # The phones wait for the file only: the laptop's views (canvas, panels) hear of the group after.
    assert seen == [("published", False, 3), *[("answered", 200)] * 3, ("woken",), ("views hear", "room")]
    assert read_content(window.map_file.path).items_of("participant")  # saved before anyone was answered
    seen.clear()
    room.set_joining_locked(True)  # the facilitator's change is no group: published and sent at once
    assert seen == [("published", True, 3), ("woken",)]
