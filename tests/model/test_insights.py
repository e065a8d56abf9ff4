"""What the map says: every finding kind on small maps whose answers are worked out by hand here.

Each expected sentence, share and ranking below is written out from the map
drawn in the test's comment, never computed by model.insights itself.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import ops
from model.document import Document
from model.domain import Card, CardKind, Channel, Connection, Evidence, Kpi, Lane, LaneKind, Persona, Stage
from model.insights.base import MapFacts
from model.insights import (
    GROUPS, Finding, FindingKind, Quadrant, Severity, findings, grouped, is_backstage, priorities, quadrant,
)
from model.templates import example_content
from tests.export.maps import HOSTILE
from tests.model.factories import give_votes

K = FindingKind


class Sketch:
    """A map drawn in a few lines: named stages, lanes and personas; cards made by keyword."""

    def __init__(self, stages=("S1", "S2", "S3"), lanes=("Steps",), personas=()) -> None:
        self.doc = Document()
        self.stages = {name: Stage(name) for name in stages}
        self.lanes = {name: Lane(name, kind=LaneKind.EMOTIONS if name == "Emotions" else LaneKind.CARDS)
                      for name in lanes}
        self.personas = {name: Persona(name) for name in personas}
        for op in [*map(ops.AddStage, self.stages.values()), *map(ops.AddLane, self.lanes.values()),
                   *map(ops.AddPersona, self.personas.values())]:
            self.doc.apply(op)

    def card(self, stage: str, text: str, lane: str | None = None, votes: int = 0, **fields) -> Card:
        card = Card(self.stages[stage].id, self.lanes[lane or next(iter(self.lanes))].id, text, **fields)
        self.doc.apply(ops.AddCard(card))
        if votes:
            give_votes(self.doc, {card.id: votes})  # the count shown: the current session's, revealed
        return card

    def connect(self, a: Card, b: Card, share: float | None = None, label: str = "") -> Connection:
        conn = Connection(a.id, b.id, label, share)
        self.doc.apply(ops.AddConnection(conn))
        return conn

    def feel(self, persona: str, card: Card, value: float) -> None:
        self.doc.apply(ops.SetEmotion(card.id, self.personas[persona].id, value))

    def kpi(self, stage: str, name: str = "CSAT") -> None:
        self.doc.apply(ops.AddKpi(Kpi(self.stages[stage].id, name)))

    def sid(self, *names: str) -> tuple[str, ...]:
        return tuple(self.stages[n].id for n in names)

    def pid(self, *names: str) -> tuple[str, ...]:
        return tuple(self.personas[n].id for n in names)


def of(doc, kind: FindingKind) -> list[Finding]:
    return [f for f in findings(doc) if f.kind == kind]


def ids(*cards: Card) -> tuple[str, ...]:
    return tuple(c.id for c in cards)


# -- emotions ------------------------------------------------------------------------


def test_each_personas_low_point_with_its_ties():
    m = Sketch(personas=("Ana", "Ben", "Cy"))
    a, b, c = m.card("S1", "Signs up"), m.card("S2", "Waits for a call"), m.card("S3", "Gets the invoice")
    # Ana: +1, −1, −1 → low point −1 (Unhappy) at b, and as low at c.
    m.feel("Ana", a, 1)
    m.feel("Ana", b, -1)
    m.feel("Ana", c, -1)
    # Ben only ever feels good: his lowest is +0.5, a low-severity finding at a.
    m.feel("Ben", a, 0.5)
    m.feel("Ben", b, 2)
    # Cy has no emotions: nothing about Cy.
    ana, ben = of(m.doc, K.LOW_POINT)
    assert ana.sentence == "Ana feels worst at “Waits for a call” (S2): −1 (Unhappy), and as low at 1 more card."
    assert (ana.card_ids, ana.stage_ids, ana.persona_ids) == (ids(b, c), m.sid("S2", "S3"), m.pid("Ana"))
    assert (ana.severity, ana.value) == (Severity.MEDIUM, -1)
    assert ben.sentence == "Ben feels worst at “Signs up” (S1): +0.5 (Neutral)."
    assert ben.severity == Severity.LOW


def test_a_low_point_of_minus_two_is_high_and_uses_the_maps_own_labels():
    m = Sketch(personas=("Ana",))
    m.doc.apply(ops.UpdateMap({"emotion_labels": ("Furious", "Cross", "Meh", "Glad", "Thrilled")}))
    card = m.card("S2", "Sync fails")
    m.feel("Ana", card, -2)
    (low,) = of(m.doc, K.LOW_POINT)
    assert low.sentence == "Ana feels worst at “Sync fails” (S2): −2 (Furious)."
    assert low.severity == Severity.HIGH


def test_the_steepest_drop_between_consecutive_points():
    m = Sketch(personas=("Ana", "Ben"))
    a, b = m.card("S1", "a"), m.card("S1", "b")
    c, d = m.card("S2", "c"), m.card("S3", "d")
    # Ana: +1 → +0.5 (drop 0.5) → −1.5 (drop 2) → −1 (a rise): the steepest is b → c, 2 points.
    for card, value in zip((a, b, c, d), (1, 0.5, -1.5, -1)):
        m.feel("Ana", card, value)
    # Ben only rises: no drop.
    m.feel("Ben", a, -1)
    m.feel("Ben", d, 1)
    (drop,) = of(m.doc, K.STEEPEST_DROP)
    assert drop.sentence == "Ana's mood falls 2 points, from +0.5 at “b” (S1) to −1.5 at “c” (S2)."
    assert (drop.card_ids, drop.stage_ids, drop.persona_ids) == (ids(b, c), m.sid("S1", "S2"), m.pid("Ana"))
    assert (drop.severity, drop.value) == (Severity.HIGH, 2)


def test_where_the_personas_diverge_most():
    m = Sketch(personas=("Ana", "Ben"))
    x, y = m.card("S1", "Reads the contract"), m.card("S2", "Pays")
    # At x: Ana −1, Ben +2 (a gap of 3); at y: Ana 0, Ben −1 (a gap of 1).
    m.feel("Ana", x, -1)
    m.feel("Ben", x, 2)
    m.feel("Ana", y, 0)
    m.feel("Ben", y, -1)
    (gap,) = of(m.doc, K.DIVERGENCE)
    assert gap.sentence == "The personas differ most at “Reads the contract” (S1): Ben feels +2, Ana −1."
    assert (gap.card_ids, gap.persona_ids, gap.value, gap.severity) == (ids(x), m.pid("Ben", "Ana"), 3, Severity.HIGH)


def test_one_persona_or_equal_feelings_do_not_diverge():
    m = Sketch(personas=("Ana", "Ben"))
    x = m.card("S1", "x")
    m.feel("Ana", x, 1)
    m.feel("Ben", x, 1)
    assert of(m.doc, K.DIVERGENCE) == []
    m.doc.apply(ops.RemovePersona(m.personas["Ben"].id))
    assert of(m.doc, K.DIVERGENCE) == []


# -- drop-off ---------------------------------------------------------------------------


def funnel() -> tuple[Sketch, dict[str, Card]]:
    """S1 a → S2 b (60 %), a → S2 c (20 %): 20 % leave at a.
    b → S3 d (40 %): 0.6 × 0.6 = 36 % of all leave at b.
    c → d (no share: carries all of c) so d holds 0.6 × 0.4 + 0.2 = 44 %.
    d → S4 e (50 %): e holds 22 %, and 22 % of all leave at d.
    Reach: S2 80 %, S3 44 %, S4 22 %.
    """
    m = Sketch(stages=("S1", "S2", "S3", "S4"))
    cards = {name: m.card(stage, name) for name, stage in
             (("a", "S1"), ("b", "S2"), ("c", "S2"), ("d", "S3"), ("e", "S4"))}
    a, b, c, d, e = cards.values()
    m.connect(a, b, 60)
    m.connect(a, c, 20)
    m.connect(b, d, 40)
    m.connect(c, d)
    m.connect(d, e, 50)
    return m, cards


def test_the_share_of_customers_reaching_the_last_stage():
    m, cards = funnel()
    (reach,) = of(m.doc, K.REACH)
    assert reach.sentence == ("22% of the customers who start in S1 reach S4, the last stage, "
                              "along the connections (S2 80% and S3 44%).")
    assert reach.value == pytest.approx(0.22)
    assert reach.severity == Severity.MEDIUM
    assert reach.card_ids == ids(cards["a"]) and reach.stage_ids == m.sid("S1", "S4")


def test_the_biggest_leaks_first():
    m, cards = funnel()
    leaks = of(m.doc, K.LEAK)
    assert [f.card_ids for f in leaks] == [ids(cards["b"]), ids(cards["d"]), ids(cards["a"])]
    assert [f.value for f in leaks] == [pytest.approx(0.36), pytest.approx(0.22), pytest.approx(0.2)]
    assert [f.severity for f in leaks] == [Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM]
    assert leaks[0].sentence == "60% of the customers who reach “b” (S2) go no further: 36% of all who start."
    assert leaks[2].sentence == "20% of the customers go no further than “a” (S1)."


def test_a_loop_back_from_the_last_stage_is_not_a_leak_and_nobody_is_counted_twice():
    m, cards = funnel()
    m.connect(cards["e"], cards["b"], 30)  # some customers at e go back to b: e is in the last stage
    assert [f.card_ids for f in of(m.doc, K.LEAK)] == [ids(cards["b"]), ids(cards["d"]), ids(cards["a"])]
    assert of(m.doc, K.REACH)[0].value == pytest.approx(0.22)


def test_a_step_within_a_stage_does_not_count_its_customers_into_the_stage_twice():
    m = Sketch(stages=("S1", "S2", "S3"))
    a, b, b2, c = m.card("S1", "a"), m.card("S2", "b"), m.card("S2", "b2"), m.card("S3", "c")
    m.connect(a, b, 50)
    m.connect(b, b2, 100)  # the same 50 % move on inside S2
    m.connect(b2, c, 100)
    (reach,) = of(m.doc, K.REACH)
    assert reach.sentence == "50% of the customers who start in S1 reach S3, the last stage, along the connections (S2 50%)."


def test_shares_adding_up_to_more_than_all_are_scaled_down_and_leak_nothing():
    m = Sketch(stages=("S1", "S2"))
    a, b, c = m.card("S1", "a"), m.card("S2", "b"), m.card("S2", "c")
    m.connect(a, b, 80)
    m.connect(a, c, 70)
    assert of(m.doc, K.LEAK) == []
    (reach,) = of(m.doc, K.REACH)
    assert reach.sentence == "100% of the customers who start in S1 reach S2, the last stage, along the connections."
    assert reach.severity == Severity.LOW


def test_when_nobody_reaches_the_last_stage_it_says_so():
    m = Sketch(stages=("S1", "S2", "S3"))
    a, b = m.card("S1", "a"), m.card("S2", "b")
    m.card("S3", "c")
    m.connect(a, b, 50)
    (reach,) = of(m.doc, K.REACH)
    assert reach.sentence == "No customer who starts in S1 reaches S3, the last stage, along the connections (S2 50%)."
    assert (reach.severity, reach.value) == (Severity.HIGH, 0)


def test_without_shares_there_is_no_reach_and_no_leak_but_dead_ends_still_show():
    m = Sketch(stages=("S1", "S2", "S3"))
    a, b, c, lone = m.card("S1", "a"), m.card("S2", "b"), m.card("S3", "c"), m.card("S2", "lone")
    m.connect(a, b)
    m.connect(a, c)
    assert of(m.doc, K.REACH) == [] and of(m.doc, K.LEAK) == []
    # b is reached and leads nowhere before S3; c is in the last stage; lone has no connection at all.
    (dead,) = of(m.doc, K.DEAD_END)
    assert dead.sentence == "“b” (S2) leads nowhere: the connections stop before S3."
    assert (dead.card_ids, dead.severity, dead.value) == (ids(b), Severity.MEDIUM, None)
    assert lone.id not in {i for f in findings(m.doc) for i in f.card_ids if f.kind == K.DEAD_END}


def test_a_dead_end_says_how_many_customers_it_holds():
    m, cards = funnel()
    m.connect(cards["a"], m.card("S2", "Calls support"), 15)  # a now passes 95 %
    dead = of(m.doc, K.DEAD_END)
    assert [f.sentence for f in dead] == [
        "“Calls support” (S2) leads nowhere: the connections stop before S4, with 15% of the customers."]
    assert dead[0].severity == Severity.HIGH  # 15 % ≥ 10 %


def test_loops_rework_cycles_cycles_through_earlier_stages_and_connections_back():
    m = Sketch(stages=("S1", "S2", "S3"))
    a, b = m.card("S1", "Fills the form"), m.card("S2", "Form rejected")
    x, y = m.card("S2", "Edits"), m.card("S2", "Resubmits")
    e, f = m.card("S3", "Escalates"), m.card("S1", "Starts over")
    back_ab = m.connect(b, a)  # with a → b below: a cycle through an earlier stage
    forward_ab = m.connect(a, b)
    xy, yx = m.connect(x, y), m.connect(y, x)  # a rework cycle inside S2
    back = m.connect(e, f, 30, "gives up")  # back to S1, in no cycle
    loops = of(m.doc, K.LOOP)
    assert [f.sentence for f in loops] == [
        "Loop through earlier stages: “Fills the form” → “Form rejected” → back to “Fills the form” (S1 and S2).",
        "Rework loop in S2: “Edits” → “Resubmits” → back to “Edits”.",
        "“Escalates” (S3) leads back to an earlier stage, “Starts over” (S1), for 30% of the customers there.",
    ]
    assert [f.severity for f in loops] == [Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM]
    assert loops[0].card_ids == ids(a, b) and set(loops[0].connection_ids) == {back_ab.id, forward_ab.id}
    assert loops[1].card_ids == ids(x, y) and set(loops[1].connection_ids) == {xy.id, yx.id}
    assert loops[2].connection_ids == (back.id,) and loops[2].value == pytest.approx(0.3)


# -- handoffs and channels ------------------------------------------------------------


def handoff_map() -> tuple[Sketch, dict[str, Card]]:
    m = Sketch(stages=("S1", "S2"), lanes=("Touchpoints", "Backstage processes", "Support processes"))
    cards = {
        "call": m.card("S1", "Sales call", "Touchpoints", owner="Sales", channel=Channel.PHONE),
        "mail": m.card("S1", "Welcome mail", "Touchpoints", owner=" sales ", channel=Channel.EMAIL),
        "setup": m.card("S2", "Account set up", "Backstage processes", owner="Ops"),
        "chat": m.card("S2", "Support chat", "Touchpoints", owner="Support", channel=Channel.CHAT),
        "ticket": m.card("S2", "Ticket triage", "Support processes", owner="Support", channel=Channel.CHAT),
        "self": m.card("S1", "Reads the FAQ", "Touchpoints", channel=Channel.WEB),
    }
    return m, cards


def test_handoffs_are_owner_changes_and_crossings_of_the_line_of_visibility():
    m, c = handoff_map()
    m.connect(c["call"], c["mail"])  # Sales → " sales ": the same team, both frontstage: no handoff
    # (an owner is named with its spacing tidied: " sales " reads "sales")
    owner_and_line = m.connect(c["mail"], c["setup"])  # sales (front) → Ops (back)
    owner_only = m.connect(c["call"], c["chat"])  # Sales → Support, both frontstage
    line_only = m.connect(c["chat"], c["ticket"])  # Support → Support, frontstage → backstage
    m.connect(c["self"], c["call"])  # no owner on the FAQ card, both frontstage: no handoff
    handoffs = of(m.doc, K.HANDOFF)
    assert [h.sentence for h in handoffs] == [
        "Handoff from sales (frontstage) to Ops (backstage): “Welcome mail” (S1) → “Account set up” (S2).",
        "Handoff from Sales to Support: “Sales call” (S1) → “Support chat” (S2).",
        "Handoff from frontstage to backstage: “Support chat” (S2) → “Ticket triage” (S2).",
    ]
    assert [h.connection_ids for h in handoffs] == [(owner_and_line.id,), (owner_only.id,), (line_only.id,)]
    assert [h.severity for h in handoffs] == [Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM]
    assert handoffs[2].stage_ids == m.sid("S2")
    # S2 is touched by all three handoffs, S1 by two.
    (hotspot,) = of(m.doc, K.HANDOFF_HOTSPOT)
    assert hotspot.sentence == "S2 has the most handoffs: 3."
    assert (hotspot.stage_ids, hotspot.severity) == (m.sid("S2"), Severity.HIGH)


def test_a_tie_for_the_most_handoffs_and_one_handoff_is_no_hotspot():
    m, c = handoff_map()
    m.connect(c["call"], c["chat"])
    assert of(m.doc, K.HANDOFF_HOTSPOT) == []  # S1 and S2 have one each
    m.connect(c["mail"], c["setup"])
    (hotspot,) = of(m.doc, K.HANDOFF_HOTSPOT)
    assert hotspot.sentence == "S1 and S2 have the most handoffs: 2 each."
    assert hotspot.severity == Severity.MEDIUM


def test_which_lanes_are_backstage():
    assert is_backstage(Lane("Backstage")) and is_backstage(Lane("Support  Processes"))
    assert is_backstage(Lane("Behind the scenes")) and is_backstage(Lane("Back-stage work"))
    assert not is_backstage(Lane("Frontstage")) and not is_backstage(Lane("Customer support"))


def test_channel_switches_along_the_connections():
    m, c = handoff_map()
    switch = m.connect(c["call"], c["mail"])  # phone → email
    m.connect(c["chat"], c["ticket"])  # chat → chat: no switch
    m.connect(c["mail"], c["setup"])  # email → no channel: no switch
    (found,) = of(m.doc, K.CHANNEL_SWITCH)
    assert found.sentence == "Channel switch from Phone to Email: “Sales call” (S1) → “Welcome mail” (S1)."
    assert (found.connection_ids, found.card_ids, found.stage_ids) == ((switch.id,), ids(c["call"], c["mail"]),
                                                                      m.sid("S1"))


# -- coverage and evidence ------------------------------------------------------------


def test_stages_missing_touchpoints_pain_points_opportunities_or_kpis():
    m = Sketch(stages=("S1", "S2", "S3"))
    m.card("S1", "Pricing page", kind=CardKind.TOUCHPOINT)
    m.card("S1", "Confusing prices", kind=CardKind.PAIN_POINT)
    m.card("S1", "A calculator", kind=CardKind.OPPORTUNITY)
    m.kpi("S1")
    m.card("S2", "Slow answers", kind=CardKind.PAIN_POINT)
    m.card("S2", "A chat bot", kind=CardKind.IDEA)  # an idea counts as an opportunity
    gaps = of(m.doc, K.COVERAGE_GAP)
    assert [g.sentence for g in gaps] == [
        "S2 has no touchpoint or KPI.",
        "S3 has no touchpoint, pain point, opportunity or KPI.",
    ]
    assert [g.severity for g in gaps] == [Severity.MEDIUM, Severity.HIGH]
    assert [g.stage_ids for g in gaps] == [m.sid("S2"), m.sid("S3")]


def test_pain_points_no_opportunity_addresses():
    m = Sketch(stages=("S1", "S2", "S3", "S4"))
    m.card("S1", "Slow", kind=CardKind.PAIN_POINT)
    m.card("S1", "Faster", kind=CardKind.OPPORTUNITY)  # same stage: addressed
    linked = m.card("S2", "Lost parcel", kind=CardKind.PAIN_POINT)
    m.connect(m.card("S3", "Tracking", kind=CardKind.IDEA), linked)  # connected (either way): addressed
    alone = m.card("S4", "Rude driver", kind=CardKind.PAIN_POINT, impact=4, effort=2)
    note = m.card("S4", "A note")
    m.connect(alone, note)  # a connection to a note addresses nothing
    (pain,) = of(m.doc, K.UNADDRESSED_PAIN)
    assert pain.sentence == "No opportunity addresses “Rude driver” (S4): none in its stage, none connected to it."
    assert (pain.card_ids, pain.severity) == (ids(alone), Severity.HIGH)  # impact 4


def test_evidence_per_stage_observed_against_assumed_and_unmarked():
    m = Sketch(stages=("S1", "S2", "S3", "S4"))
    m.card("S1", "a", evidence=Evidence.OBSERVED)
    m.card("S1", "b", evidence=Evidence.OBSERVED)
    m.card("S1", "c", evidence=Evidence.ASSUMED)
    m.card("S1", "d", evidence=Evidence.PROPOSED)  # a proposal is not a claim about today: left out
    m.card("S2", "e", evidence=Evidence.OBSERVED)  # all observed: nothing to say
    m.card("S3", "f", evidence=Evidence.ASSUMED)
    m.card("S3", "g", evidence=Evidence.ASSUMED)
    m.card("S3", "h")
    gaps = of(m.doc, K.EVIDENCE_GAP)
    assert [g.sentence for g in gaps] == [
        "In S1, 2 of 3 cards are observed; 1 is assumed.",
        "In S3, no card is observed: 2 are assumed and 1 is not marked.",
    ]
    assert [g.value for g in gaps] == [pytest.approx(1 / 3), 1.0]
    assert [g.severity for g in gaps] == [Severity.MEDIUM, Severity.HIGH]


# -- priorities -------------------------------------------------------------------------


@pytest.mark.parametrize(("impact", "effort", "expected"), [
    (5, 1, Quadrant.QUICK_WIN), (3, 2, Quadrant.QUICK_WIN), (3, 3, Quadrant.BIG_BET), (5, 5, Quadrant.BIG_BET),
    (2, 2, Quadrant.FILL_IN), (1, 1, Quadrant.FILL_IN), (2, 3, Quadrant.THANKLESS), (1, 5, Quadrant.THANKLESS),
])
def test_the_quadrant_follows_impact_and_effort(impact, effort, expected):
    assert quadrant(impact, effort) == expected


def test_priorities_ranked_by_quadrant_then_score_then_votes():
    m = Sketch()
    # score = impact × (6 − effort) + votes
    thankless = m.card("S1", "t", kind=CardKind.OPPORTUNITY, impact=1, effort=5, votes=3)  # 1 + 3 = 4
    fill = m.card("S1", "f", kind=CardKind.IDEA, impact=2, effort=2)  # 8
    bet = m.card("S2", "b", kind=CardKind.OPPORTUNITY, impact=4, effort=4, votes=1)  # 8 + 1 = 9
    win_votes = m.card("S2", "w2", kind=CardKind.PAIN_POINT, impact=3, effort=1, votes=1)  # 15 + 1 = 16
    win = m.card("S3", "w1", kind=CardKind.OPPORTUNITY, impact=4, effort=2)  # 16, fewer votes
    best = m.card("S3", "w0", kind=CardKind.NOTE, impact=5, effort=1)  # 25
    thankless2 = m.card("S3", "t2", kind=CardKind.OPPORTUNITY, impact=2, effort=3)  # 6
    m.card("S3", "only impact", kind=CardKind.NOTE, impact=5)  # not placed, and not an opportunity
    ranked = priorities(m.doc)
    assert tuple(p.card_id for p in ranked) == ids(best, win_votes, win, bet, fill, thankless2, thankless)
    assert [p.score for p in ranked] == [25, 16, 16, 9, 8, 6, 4]
    assert [p.rank for p in ranked] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.quadrant for p in ranked] == [Quadrant.QUICK_WIN] * 3 + [Quadrant.BIG_BET, Quadrant.FILL_IN] + [
        Quadrant.THANKLESS] * 2
    found = of(m.doc, K.PRIORITY)
    assert [f.card_ids for f in found] == [(p.card_id,) for p in ranked]
    assert found[0].sentence == "#1, quick win: “w0” (S3), impact 5, effort 1, 0 votes."
    assert found[3].sentence == "#4, big bet: “b” (S2), impact 4, effort 4, 1 vote."
    assert [f.severity for f in found] == [Severity.HIGH] * 3 + [Severity.MEDIUM] + [Severity.LOW] * 3


def test_opportunities_without_impact_or_effort_are_named_as_not_ranked():
    m = Sketch()
    a = m.card("S1", "Loyalty app", kind=CardKind.OPPORTUNITY, impact=4)
    b = m.card("S2", "Chat bot", kind=CardKind.IDEA)
    m.card("S2", "A note without scores")
    (unscored,) = of(m.doc, K.UNSCORED)
    assert unscored.sentence == ("2 opportunities have no impact or effort yet, so they are not ranked: "
                                 "“Loyalty app” and “Chat bot”.")
    assert unscored.card_ids == ids(a, b) and unscored.severity == Severity.LOW
    assert priorities(m.doc) == []


# -- wording and order -----------------------------------------------------------------


def test_user_text_is_quoted_literally_and_shortened():
    m = Sketch(stages=("<b>S1</b>",), personas=("AT&T <i>buyer</i>",))
    hostile = m.card("<b>S1</b>", '<font color="red">x</font>\n*not* [a](link)')
    quote = m.card("<b>S1</b>", "“Already quoted”")
    long = m.card("<b>S1</b>", "word " * 40)
    empty = m.card("<b>S1</b>", "", kind=CardKind.PAIN_POINT)
    m.feel("AT&T <i>buyer</i>", hostile, -2)
    (low,) = of(m.doc, K.LOW_POINT)
    assert low.sentence == ("AT&T <i>buyer</i> feels worst at “<font color=\"red\">x</font> *not* [a](link)” "
                            "(<b>S1</b>): −2 (Frustrated).")
    facts = MapFacts(m.doc)
    assert facts.card_name(quote) == "“Already quoted”"  # a quote card's own marks are not doubled
    assert facts.card_name(long) == "“" + " ".join(["word"] * 12) + "…”"  # 59 characters kept, then …
    assert facts.card_name(empty) == "an untitled pain point"


def test_every_hostile_text_survives_into_a_sentence_unchanged():
    m = Sketch(stages=("S1", "S2"), personas=("P",))
    for text in HOSTILE:
        card = m.card("S1", text, kind=CardKind.PAIN_POINT)
        m.feel("P", card, -2)
    sentence = of(m.doc, K.LOW_POINT)[0].sentence
    assert f"“{HOSTILE[0]}”" in sentence
    unaddressed = [f.sentence for f in of(m.doc, K.UNADDRESSED_PAIN)]
    assert unaddressed == [f"No opportunity addresses “{t}” (S1): none in its stage, none connected to it."
                           for t in HOSTILE]


def test_findings_come_grouped_in_display_order():
    found = findings(example_content())
    order = [kind for _, kinds in GROUPS for kind in kinds]
    positions = [order.index(f.kind) for f in found]
    assert positions == sorted(positions)
    groups = grouped(found)
    assert [g for g, _ in groups] == [g for g, kinds in GROUPS if any(f.kind in kinds for f in found)]
    assert sum(len(members) for _, members in groups) == len(found)


def test_an_empty_map_and_a_map_without_connections_say_little_and_never_fail():
    assert findings(Document()) == []
    m = Sketch(stages=("Only",))
    m.card("Only", "x")
    assert [f.kind for f in findings(m.doc)] == [K.COVERAGE_GAP, K.EVIDENCE_GAP]


# -- the bundled example ---------------------------------------------------------------


def test_the_example_shows_a_low_point_a_handoff_a_loop_and_a_coverage_gap():
    content = example_content()
    doc = Document(content)
    by_text = {c.text: c for c in content.cards}
    maria, daniel = content.personas
    found = findings(content)
    kinds = {f.kind for f in found}
    assert {K.LOW_POINT, K.HANDOFF, K.LOOP, K.COVERAGE_GAP} <= kinds
    sync = by_text["Nightly telematics sync fails silently for 30% of vehicles"]
    demo = by_text["Tailored demo on their own depot and shift data"]
    # Maria's curve bottoms out at −2 at the telematics sync failure (the only −2 in the example).
    low = next(f for f in found if f.kind == K.LOW_POINT and f.persona_ids == (maria.id,))
    assert low.card_ids == (sync.id,) and low.value == -2
    # The sync failure (Integrations team, Retention) sends 15 % back to a demo (Solutions engineering, Consideration).
    handoff = next(f for f in found if f.kind == K.HANDOFF)
    assert handoff.card_ids == (sync.id, demo.id)
    assert handoff.sentence.startswith("Handoff from Integrations team to Solutions engineering:")
    loop = next(f for f in found if f.kind == K.LOOP)
    assert loop.card_ids == (sync.id, demo.id) and loop.value == pytest.approx(0.15)
    advocacy = doc.stages[-1]
    gap = next(f for f in found if f.kind == K.COVERAGE_GAP)
    assert gap.sentence == "Advocacy has no KPI." and gap.stage_ids == (advocacy.id,)
    # Searches → demo 35 %, → pilot 60 %, → signed 70 %: 14.7 % reach Retention, and the drawn flow stops there.
    reach = next(f for f in found if f.kind == K.REACH)
    assert reach.sentence.endswith("(Consideration 35%, Decision 21% and Retention 14.7%).")
    assert daniel.id in {p for f in found for p in f.persona_ids}


# -- never fails --------------------------------------------------------------------------


@st.composite
def random_maps(draw) -> Document:
    m = Sketch(
        stages=tuple(f"S{i}" for i in range(draw(st.integers(1, 4)))),
        lanes=draw(st.sampled_from([("Steps",), ("Steps", "Emotions"), ("Touchpoints", "Backstage")])),
        personas=tuple(f"P{i}" for i in range(draw(st.integers(0, 3)))),
    )
    stages = list(m.stages)
    lanes = [name for name, lane in m.lanes.items() if lane.kind == LaneKind.CARDS]
    cards = []
    for _ in range(draw(st.integers(0, 10))):
        cards.append(m.card(
            draw(st.sampled_from(stages)), draw(st.sampled_from(["", "x", "<b>y</b>", "a\nb"])),
            draw(st.sampled_from(lanes)),
            kind=draw(st.sampled_from(list(CardKind))), channel=draw(st.sampled_from(list(Channel))),
            owner=draw(st.sampled_from(["", "Sales", "Ops"])), evidence=draw(st.sampled_from(list(Evidence))),
            impact=draw(st.none() | st.integers(1, 5)), effort=draw(st.none() | st.integers(1, 5)),
            votes=draw(st.integers(0, 5)),
        ))
    if len(cards) >= 2:
        pairs = draw(st.lists(st.tuples(st.sampled_from(cards), st.sampled_from(cards)), max_size=15))
        seen = set()
        for a, b in pairs:
            if a.id != b.id and (a.id, b.id) not in seen:
                seen.add((a.id, b.id))
                m.connect(a, b, draw(st.none() | st.sampled_from([0.0, 10.0, 50.0, 100.0])))
    for persona in m.personas:
        for card in cards:
            if draw(st.booleans()):
                m.feel(persona, card, draw(st.sampled_from([-2.0, -1.5, -0.5, 0.0, 1.0, 2.0])))
    for stage in stages:
        if draw(st.booleans()):
            m.kpi(stage)
    return m.doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_findings_never_fail_and_name_only_what_the_map_holds(doc):
    found = findings(doc)
    card_ids = {c.id for c in doc.cards()}
    stage_ids = {s.id for s in doc.stages}
    persona_ids = {p.id for p in doc.personas}
    connection_ids = {c.id for c in doc.connections}
    for f in found:
        assert f.sentence and "\n" not in f.sentence and f.sentence.endswith(".")
        assert set(f.card_ids) <= card_ids and set(f.stage_ids) <= stage_ids
        assert set(f.persona_ids) <= persona_ids and set(f.connection_ids) <= connection_ids
        assert f.to_dict()["kind"] == str(f.kind)
        if f.kind in (K.REACH, K.LEAK) or (f.kind == K.DEAD_END and f.value is not None):
            assert 0 <= f.value <= 1 + 1e-9
    ranked = priorities(doc)
    assert [p.rank for p in ranked] == list(range(1, len(ranked) + 1))
    assert findings(doc.content()) == found  # a Content gives the same answer as its Document


def test_the_flow_is_remembered_until_the_connections_or_the_connected_cards_change():
    m, cards = funnel()
    lone = m.card("S2", "not connected")
    first = of(m.doc, K.REACH)[0]
    m.doc.apply(ops.UpdateCard(lone.id, {"text": "still not connected"}))
    assert of(m.doc, K.REACH)[0] is first  # taken from the memo: nothing it reads has changed
    m.doc.apply(ops.UpdateConnection(m.doc.connections[-1].id, {"share": 25.0}))  # d → e: 50 % → 25 %
    assert of(m.doc, K.REACH)[0].value == pytest.approx(0.11)  # 0.44 × 0.25
    m.doc.apply(ops.RemoveConnection(m.doc.connections[2].id))  # b → d gone: b is a dead end
    (dead,) = of(m.doc, K.DEAD_END)
    assert dead.sentence == "“b” (S2) leads nowhere: the connections stop before S4, with 60% of the customers."
    m.doc.apply(ops.UpdateCard(cards["b"].id, {"text": "Demo booked"}))  # a connected card's name is in sentences
    (dead,) = of(m.doc, K.DEAD_END)
    assert dead.sentence.startswith("“Demo booked” (S2) leads nowhere")
