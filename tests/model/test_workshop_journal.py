"""The session journal: what the recorder writes for which changes, and how it reads back."""

from __future__ import annotations

from model import edits, ops
from model.events import Origin
from model.workshop import add_step
from model.workshop_domain import JournalEntry, JournalKind as K, WorkshopStep
from model.workshop_journal import JournalRecorder, change_entries, journal, steps_as_run, timeline
from tests.model.factories import small_map

T0 = 1_714_557_600.0  # 2024-05-01T10:00:00Z


class Later:
    """The editor's 'right after this change' as a list the test runs."""

    def __init__(self) -> None:
        self.waiting = []

    def __call__(self, fn) -> None:
        self.waiting.append(fn)

    def run(self) -> None:
        waiting, self.waiting = self.waiting, []
        for fn in waiting:
            fn()


def _recorder(doc, clock):
    later = Later()
    errors = []
    recorder = JournalRecorder(doc, clock, later, errors.append)
    recorder.start()
    return recorder, later, errors


def _kinds(doc):
    return [(e.kind, e.card_id) for e in journal(doc)]


def test_cards_added_and_changed_are_journalled_after_the_change_and_not_on_the_undo_path():
    doc = small_map()
    now = [T0]
    recorder, later, _ = _recorder(doc, lambda: now[0])
    recorder.set_step("s1")
    actions = doc.lanes[0]
    op = edits.capture_lines(doc, doc.stages[0].id, actions.id, ["Calls support", "Waits"])
    inverse = doc.apply(op)
    assert journal(doc) == []  # nothing written while the change is being announced
    later.run()
    added = [c.id for c in doc.cards() if c.text in ("Calls support", "Waits")]
    assert _kinds(doc) == [(K.CARD_ADDED, added[0]), (K.CARD_ADDED, added[1])]
    assert journal(doc)[0].detail == "Calls support" and journal(doc)[0].step_id == "s1"
    assert journal(doc)[0].at == "2024-05-01T10:00:00Z"
    # Undo is history, not new work: nothing journalled; the entries stay (the journal is history too).
    doc.apply(inverse, Origin.HISTORY)
    later.run()
    assert len(journal(doc)) == 2 and not doc.has_card(added[0])
    assert [r.text for r in timeline(doc)] == ["Card added: “Calls support”", "Card added: “Waits”"]


def test_a_burst_of_edits_to_one_card_is_journalled_once_per_while():
    doc = small_map()
    now = [T0]
    recorder, later, _ = _recorder(doc, lambda: now[0])
    card = doc.cards()[0]
    for text in ("a", "ab", "abc"):
        doc.apply(ops.UpdateCard(card.id, {"text": text}))
        now[0] += 1
    later.run()
    assert _kinds(doc) == [(K.CARD_CHANGED, card.id)] and journal(doc)[0].detail == "text"
    now[0] += 600
    doc.apply(ops.MoveCard(card.id, card.stage_id, card.lane_id, 1))
    later.run()
    assert [e.detail for e in journal(doc)] == ["text", "moved"]
    recorder.set_step("next")  # a new step: the same card's edit is news again
    doc.apply(ops.UpdateCard(card.id, {"notes": "n"}))
    later.run()
    assert len(journal(doc)) == 3


def test_what_is_not_work_in_the_room_is_not_journalled():
    doc = small_map()
    card = doc.cards()[0]
    for origin in (Origin.HISTORY, Origin.IMPORT, Origin.COMMAND_LINE, Origin.JOURNAL):
        change_op = ops.UpdateCard(card.id, {"text": str(origin)})
        doc.apply(change_op, origin)
    captured = []
    doc.changed.connect(captured.append)
    doc.apply(ops.UpdateCard(card.id, {"text": "x"}), Origin.HISTORY)
    assert change_entries(captured[-1], "s", "2024-05-01T10:00:00Z") == []
    doc.apply(ops.UpdateCard(card.id, {"text": "y"}), Origin.ROOM)
    assert [e.kind for e in change_entries(captured[-1], "s", "2024-05-01T10:00:00Z")] == [K.CARD_CHANGED]


def test_a_removed_card_keeps_its_text_in_the_journal():
    doc = small_map()
    recorder, later, _ = _recorder(doc, lambda: T0)
    card = doc.cards()[0]
    doc.apply(edits.delete_cards(doc, [card.id]))
    later.run()
    (entry,) = journal(doc)
    assert (entry.kind, entry.card_id, entry.detail) == (K.CARD_REMOVED, card.id, card.text)


def test_a_card_added_with_its_emotion_is_one_new_card():
    doc = small_map()
    recorder, later, _ = _recorder(doc, lambda: T0)
    doc.apply(edits.add_emotion_in_empty_stage(doc, doc.stages[0].id, doc.personas[0].id, 1.0))
    later.run()
    assert [e.kind for e in journal(doc)] == [K.CARD_ADDED]


def test_the_recorder_stops_listening_and_a_refused_write_is_reported():
    doc = small_map()
    recorder, later, errors = _recorder(doc, lambda: T0)
    recorder.stop()
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"text": "z"}))
    later.run()
    assert journal(doc) == [] and not recorder.active

    class Refusing:
        def commit(self, change):
            raise OSError("disk full")

    recorder.start()
    recorder.record(K.NOTE, detail="hello")
    doc.store = Refusing()
    later.run()
    assert journal(doc) == [] and errors and "could not be saved" in errors[0]


def test_steps_as_run_pair_real_starts_and_ends():
    doc = small_map()
    one, two = WorkshopStep("Welcome", minutes=5), WorkshopStep("Capture", minutes=20)
    for step in (one, two):
        doc.apply(add_step(doc, step))
    for at, kind, step_id in (("10:00:00", K.STEP_STARTED, one.id), ("10:07:30", K.STEP_ENDED, one.id),
                              ("10:07:30", K.STEP_STARTED, two.id)):
        doc.apply(ops.AddItem(JournalEntry(f"2024-05-01T{at}Z", kind, step_id)), Origin.JOURNAL)
    runs = steps_as_run(doc)
    assert [(r.title, r.planned_minutes, r.minutes) for r in runs] == [("Welcome", 5, 7.5), ("Capture", 20, None)]
    doc.apply(ops.RemoveItem("workshop_step", one.id))
    assert steps_as_run(doc)[0].title == "(a step since deleted)"
    assert timeline(doc)[0].text == "Step started: (a step since deleted)"
    assert timeline(doc)[2].text == "Step started: Capture"


def test_votes_cast_taken_back_and_wall_totals_are_journalled_without_who():
    from model import voting
    from model.domain import VoteOrigin, VotingSession
    from model.workshop import add_participant

    doc = small_map()
    doc.apply(add_participant(doc, "Ana"))
    ana = doc.items("participant")[0].id
    session = VotingSession("Fix first", votes_per_participant=3, max_per_card=2)
    doc.apply(voting.add_session(doc, session))
    recorder, later, _ = _recorder(doc, lambda: T0)
    recorder.set_step("vote")
    first, second = doc.cards()[0], doc.cards()[1]
    doc.apply(voting.cast(doc, session.id, ana, first.id), Origin.BOOTH)
    doc.apply(voting.cast(doc, session.id, ana, first.id, VoteOrigin.ROOM), Origin.ROOM)  # the same vote item, +1
    doc.apply(voting.take_back(doc, session.id, ana, first.id), Origin.BOOTH)
    doc.apply(voting.set_wall_total(doc, session.id, second.id, 5))
    doc.apply(voting.set_wall_total(doc, session.id, second.id, 0))
    later.run()
    entries = [(e.kind, e.card_id, e.detail, e.step_id) for e in journal(doc)]
    assert entries == [
        (K.VOTE_CAST, first.id, "+1 in “Fix first” (booth)", "vote"),
        (K.VOTE_CAST, first.id, "+1 in “Fix first” (booth)", "vote"),  # the kept vote's origin is its first
        (K.VOTE_CAST, first.id, "−1 in “Fix first” (booth)", "vote"),
        (K.VOTE_CAST, second.id, "wall total 5 in “Fix first”", "vote"),
        (K.VOTE_CAST, second.id, "wall total 0 in “Fix first”", "vote"),
    ]
    assert "Ana" not in " ".join(e.detail for e in journal(doc))
    assert timeline(doc)[0].text == f"Vote cast: “{first.text}” (+1 in “Fix first” (booth))"
    # Undoing a wall total is history, not a vote.
    before = len(journal(doc))
    inverse = doc.apply(voting.set_wall_total(doc, session.id, second.id, 2))
    doc.apply(inverse, Origin.HISTORY)
    later.run()
    assert len(journal(doc)) == before + 1
