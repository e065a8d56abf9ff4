"""Random voting through a real Document on a real map file: the limits hold, reveal is consistent, and
the file and JSON give back the same map.

Casts and take-backs (booth, room), wall totals, rules tightened and loosened, reveal, close, which
session is current, ballots cleared, cards, participants, lanes and sessions deleted, hand-made operations
that bypass the planners, and undo of the facilitator's steps. After every step: no ballot over its budget,
no card over the cap from one person, one vote item per participant and card, one current session at most;
what the map shows is the current session's totals exactly when it is revealed, and the ranks follow the
totals. A planner's yes or no matches the rules; a refused operation changes nothing. Now and then, and
at the end, the file reopens equal to memory and the JSON round trip is exact.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from model import ops, voting
from model.domain import CardKind, Participant, Vote, VoteOrigin, VotingSession
from model.errors import JourneyError
from model.events import Origin
from model.interchange.json_format import dumps, loads
from model.persistence import MapFile, read_content
from tests.model.factories import small_map

SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None
names = st.sampled_from(["Dana", "Eli", "Fay", "Gus", "<b>Hal</b>", "Ïda"])


class VotingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # A real map file; on tmpfs where there is one, so thousands of commits do not wait for the disk.
        self.folder = tempfile.TemporaryDirectory(dir=SCRATCH)
        self.path = Path(self.folder.name) / "vote.journey"
        self.file = MapFile.create(self.path, small_map().content())
        self.doc = self.file.document
        for name in ("Dana", "Eli"):  # the room, and a first session: every rule can run from the start
            self.doc.apply(ops.AddItem(Participant(name)), Origin.BOOTH)
        self.doc.apply(voting.add_session(self.doc, VotingSession("Start", votes_per_participant=2, max_per_card=2,
                                                                  current=True)))
        self.history: list[ops.Op] = []  # the facilitator's inverses, newest last

    def teardown(self) -> None:
        try:
            expected = self.doc.content()
            self.file.close()
            assert read_content(self.path) == expected
            assert loads(dumps(expected)) == expected
        finally:
            self.folder.cleanup()

    # -- helpers -------------------------------------------------------------------------------------

    def sessions(self):
        return voting.sessions(self.doc)

    def people(self):
        return self.doc.items("participant")

    def apply(self, op, origin=Origin.EDITOR, undoable=False) -> bool:
        """Apply; a refusal must leave the map exactly as it was."""
        if op is None:
            return False
        before = self.doc.content()
        try:
            inverse = self.doc.apply(op, origin)
        except JourneyError:
            assert self.doc.content() == before, "a refused operation changed the map"
            return False
        if undoable:
            self.history.append(inverse)
        return True

    def plan(self, planner, *args, **kwargs):
        """A planner's operation, or None when it refuses (its refusal is checked by the caller)."""
        try:
            return planner(self.doc, *args, **kwargs)
        except JourneyError:
            return None

    # -- the facilitator ---------------------------------------------------------------------------------

    @rule(name=names, budget=st.integers(1, 6), cap=st.integers(1, 4), current=st.booleans(),
          kinds=st.lists(st.sampled_from(list(CardKind)), max_size=2), lane=st.booleans())
    def add_session(self, name, budget, cap, current, kinds, lane):
        lanes = (self.doc.lanes[-1].id,) if lane and self.doc.lanes else ()
        session = VotingSession(name, lanes, tuple(kinds), budget, cap, current=current)
        self.apply(voting.add_session(self.doc, session), undoable=True)
        assert (voting.current_session(self.doc) is not None) >= current

    @precondition(lambda self: self.sessions())
    @rule(data=st.data(), field=st.sampled_from(["votes_per_participant", "max_per_card", "anonymous", "name"]))
    def edit_rules(self, data, field):
        session = data.draw(st.sampled_from(self.sessions()))
        value = {"votes_per_participant": st.integers(0, 6), "max_per_card": st.integers(0, 4),
                 "anonymous": st.booleans(), "name": names}[field]
        self.apply(self.plan(voting.edit_session, session.id, **{field: data.draw(value)}), undoable=True)

    @precondition(lambda self: self.sessions())
    @rule(data=st.data(), action=st.sampled_from(["reveal", "hide", "close", "reopen", "current", "none", "delete"]))
    def session_state(self, data, action):
        session = data.draw(st.sampled_from(self.sessions()))
        op = {"reveal": lambda: voting.reveal(self.doc, session.id),
              "hide": lambda: voting.reveal(self.doc, session.id, False),
              "close": lambda: voting.close(self.doc, session.id),
              "reopen": lambda: voting.reopen(self.doc, session.id),
              "current": lambda: voting.make_current(self.doc, session.id),
              "none": lambda: voting.make_current(self.doc, None),
              "delete": lambda: voting.delete_session(self.doc, session.id)}[action]()
        self.apply(op, undoable=True)

    @precondition(lambda self: self.sessions() and self.doc.card_count)
    @rule(data=st.data(), total=st.integers(0, 12))
    def wall_total(self, data, total):
        session = data.draw(st.sampled_from(self.sessions()))
        card = data.draw(st.sampled_from(self.doc.cards()))
        op = self.plan(voting.set_wall_total, session.id, card.id, total)
        if session.closed or (total and not session.takes(card)):
            assert op is None, "a wall total was planned into a closed session or on a card it does not take"
        self.apply(op, undoable=True)
        if op is not None:
            wall = [v for v in voting.votes_in(self.doc, session.id) if v.card_id == card.id and v.participant_id is None]
            assert sum(v.count for v in wall) == total

    @precondition(lambda self: self.sessions() and self.people())
    @rule(data=st.data())
    def clear_ballot(self, data):
        session = data.draw(st.sampled_from(self.sessions()))
        person = data.draw(st.sampled_from(self.people()))
        op = self.plan(voting.clear_ballot, session.id, person.id)
        if self.apply(op, undoable=True):
            assert voting.ballot(self.doc, session.id, person.id) == {}

    @precondition(lambda self: self.history)
    @rule()
    def undo(self):
        """The facilitator's last step undone; refused only when a participant's votes since conflict."""
        self.apply(self.history.pop())

    # -- the room ---------------------------------------------------------------------------------------

    @rule(name=names)
    def add_participant(self, name):
        self.apply(ops.AddItem(Participant(name)), Origin.BOOTH)

    @precondition(lambda self: self.sessions() and self.people() and self.doc.card_count)
    @rule(data=st.data(), back=st.booleans(), origin=st.sampled_from([VoteOrigin.BOOTH, VoteOrigin.ROOM]))
    def cast_or_take_back(self, data, back, origin):
        session = data.draw(st.sampled_from(self.sessions()))
        person = data.draw(st.sampled_from(self.people()))
        card = data.draw(st.sampled_from(self.doc.cards()))
        mine = voting.ballot(self.doc, session.id, person.id)
        if back:
            op = self.plan(voting.take_back, session.id, person.id, card.id)
            assert (op is not None) == (not session.closed and card.id in mine)
        else:
            op = self.plan(voting.cast, session.id, person.id, card.id, origin)
            allowed = (not session.closed and session.takes(card) and mine.get(card.id, 0) < session.max_per_card
                       and sum(mine.values()) < session.votes_per_participant)
            assert (op is not None) == allowed, "the planner's yes or no does not match the rules"
        if op is not None:
            assert self.apply(op, Origin.BOOTH if origin == VoteOrigin.BOOTH else Origin.ROOM)
            assert voting.ballot(self.doc, session.id, person.id).get(card.id, 0) == mine.get(card.id, 0) + (
                -1 if back else 1)

    @precondition(lambda self: self.sessions() and self.people() and self.doc.card_count)
    @rule(data=st.data(), count=st.one_of(st.integers(1, 2), st.integers(-1, 8)))
    def hand_made_vote(self, data, count):
        """An operation that bypasses the planners (a buggy client, an import): the model still holds the line."""
        session = data.draw(st.sampled_from(self.sessions()))
        person = data.draw(st.sampled_from(self.people()))
        card = data.draw(st.sampled_from(self.doc.cards()))
        try:
            vote = Vote(session.id, person.id, card.id, count)
        except JourneyError:
            return
        self.apply(ops.AddItem(vote), Origin.ROOM)

    # -- the map around the votes ------------------------------------------------------------------------

    @precondition(lambda self: self.doc.card_count)
    @rule(data=st.data())
    def delete_card(self, data):
        self.apply(ops.RemoveCard(data.draw(st.sampled_from(self.doc.cards())).id), undoable=True)

    @precondition(lambda self: self.people())
    @rule(data=st.data())
    def delete_participant(self, data):
        self.apply(ops.RemoveItem("participant", data.draw(st.sampled_from(self.people())).id), undoable=True)

    @precondition(lambda self: len(self.doc.lanes) > 1)
    @rule(data=st.data())
    def delete_lane(self, data):
        self.apply(ops.RemoveLane(data.draw(st.sampled_from(self.doc.lanes)).id), undoable=True)

    @rule()
    def save_and_reopen(self):
        expected = self.doc.content()
        self.file.close()
        self.file = MapFile.open(self.path)
        self.doc = self.file.document
        assert self.doc.content() == expected
        assert loads(dumps(expected)) == expected

    # -- what must always hold -----------------------------------------------------------------------------

    @invariant()
    def limits_hold(self):
        sessions = {s.id: s for s in self.sessions()}
        assert sum(s.current for s in sessions.values()) <= 1
        used: dict[tuple[str, str], int] = {}
        seen = set()
        for vote in self.doc.items("vote"):
            key = (vote.session_id, vote.participant_id, vote.card_id)
            assert key not in seen, "two vote items for one participant and card"
            seen.add(key)
            assert self.doc.has_card(vote.card_id) and vote.session_id in sessions
            if vote.participant_id is not None:
                assert vote.count <= sessions[vote.session_id].max_per_card
                used[vote.session_id, vote.participant_id] = used.get((vote.session_id, vote.participant_id), 0) + vote.count
        for (session_id, _who), n in used.items():
            assert n <= sessions[session_id].votes_per_participant

    @invariant()
    def reveal_is_consistent(self):
        current = voting.current_session(self.doc)
        shown = voting.shown_votes(self.doc)
        if current is None or not current.revealed:
            assert shown == {}
        else:
            assert shown == voting.totals(self.doc, current.id)
        for session in self.sessions():
            ranked = voting.ranked(self.doc, session.id)
            assert {r.card_id: r.votes for r in ranked} == voting.totals(self.doc, session.id)
            assert [r.votes for r in ranked] == sorted((r.votes for r in ranked), reverse=True)
            assert all(a.rank <= b.rank for a, b in zip(ranked, ranked[1:]))


TestVoting = VotingMachine.TestCase
TestVoting.settings = settings(max_examples=30, stateful_step_count=30, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
