"""The workshop report's content: every figure worked out by hand from tests/model/factories.after_workshop_map."""

from __future__ import annotations

import datetime as dt

from model.document import Document
from model.workshop_report import (
    ACTIONS, AGENDA, FINDINGS, PARTICIPANTS, PRIORITIES, VOTING, FindingList, MapPage, TextBlock, Subheading, Table,
    duration, workshop_report,
)
from tests.model.factories import HOSTILE, small_map, after_workshop_map

UTC = dt.UTC


def _table(section) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table))


def test_the_title_and_the_facts():
    report = workshop_report(after_workshop_map(), UTC)
    assert report.title == "Untitled journey"  # the map's own
    assert report.subtitle == "Workshop report · 1 May 2024, 10:00–10:38"
    assert report.facts == ("3 participants", "3 steps run in 38 min (planned 35 min)", "2 cards added",
                            "4 votes cast", "3 actions")


def test_the_agenda_as_run_with_real_times_overruns_and_what_each_step_made():
    report = workshop_report(after_workshop_map(), UTC)
    agenda = report.section(AGENDA)
    assert [c.name for c in _table(agenda).columns] == ["#", "Step", "Activity", "Planned", "Started", "Ended",
                                                        "Took", "Cards", "Votes"]
    assert _table(agenda).rows == (
        ("1", "Welcome", "Introduce", "5 min", "10:00", "10:06", "6 min (+1)", "0", "0"),
        ("2", "Capture pains", "Capture", "20 min", "10:06", "10:30", "24 min (+4)", "2", "0"),
        ("3", "Vote", "Vote", "10 min", "10:30", "10:38", "8 min (−2)", "0", "3"),
    )
    assert TextBlock("Planned but not run: Wrap up (5 min).", muted=True) in agenda.blocks


def test_times_are_shown_in_the_time_zone_asked_for():
    report = workshop_report(after_workshop_map(), dt.timezone(dt.timedelta(hours=2)))
    assert report.subtitle.endswith("12:00–12:38")
    assert _table(report.section(AGENDA)).rows[0][4:6] == ("12:00", "12:06")


def test_a_plan_not_yet_run_is_listed_as_planned():
    doc = after_workshop_map()
    for entry in doc.items("journal_entry"):
        from model import ops

        doc.apply(ops.RemoveItem("journal_entry", entry.id))
    report = workshop_report(doc, UTC, today=dt.date(2026, 12, 1))
    assert report.subtitle == "Workshop report · 1 December 2026"
    assert "4 steps planned, not run yet" in report.facts
    assert _table(report.section(AGENDA)).rows == (("1", "Welcome", "Introduce", "5 min"),
                                                  ("2", "Capture pains", "Capture", "20 min"),
                                                  ("3", "Vote", "Vote", "10 min"), ("4", "Wrap up", "Wrap up", "5 min"))


def test_participants_voting_priorities_and_actions():
    report = workshop_report(after_workshop_map(), UTC)
    assert _table(report.section(PARTICIPANTS)).rows == (("Ana", "Designer"), ("Ben", "Support lead"), ("Cleo", "—"))

    voting = report.section(VOTING)
    assert voting.blocks[0] == Subheading("Fix first")
    assert voting.blocks[1].text == ("3 votes each, at most 2 per card; every card. 2 participants voted, 4 votes in "
                                     "all (current; open; revealed; named).")
    assert _table(voting).rows == (("1", "3", "Explain pricing", "Decision", "Pain points"),
                                   ("2", "1", "Rebuild onboarding", "Decision", "Pain points"))

    assert _table(report.section(PRIORITIES)).rows == (
        ("1", "Explain pricing", "Decision", "Quick win", "5", "1", "3", "Dana"),
        ("2", "Rebuild onboarding", "Decision", "Big bet", "5", "5", "1", "—"),
        ("—", "Add a FAQ", "Retention", "not scored", "—", "—", "—", "—"),
    )
    # Soonest first; an action without a date last. User text is kept as typed (escaping is the writer's).
    assert _table(report.section(ACTIONS)).rows == (
        ("Call five customers", "Ben", "2026-12-08", "Decision"),
        ("Draft the pricing page", "Ana Lima", "2026-12-15", "Decision"),
        (HOSTILE, "—", "—", "Retention"),
    )


def test_the_findings_leave_the_priorities_to_their_table_and_the_map_has_its_page():
    report = workshop_report(after_workshop_map(), UTC)
    blocks = report.section(FINDINGS).blocks
    assert any(isinstance(b, FindingList) for b in blocks)
    sentences = [text for b in blocks if isinstance(b, FindingList) for _, text in b.items]
    assert sentences and not any("quick win" in s.lower() for s in sentences)
    assert report.section("The map").blocks == (MapPage(),)


def test_an_empty_map_says_what_is_missing_rather_than_printing_empty_tables():
    report = workshop_report(Document(), UTC, today=dt.date(2026, 12, 1))
    for title in (AGENDA, PARTICIPANTS, VOTING, PRIORITIES, FINDINGS, ACTIONS):
        (block,) = report.section(title).blocks
        assert isinstance(block, TextBlock) and block.muted and block.text
    assert report.facts == ("0 participants", "0 actions")
    assert workshop_report(small_map(), UTC).section(FINDINGS).blocks  # findings without a workshop


def test_durations_read_as_people_write_them():
    assert [duration(m) for m in (0.4, 5, 59.6, 60, 92, 120)] == ["0 min", "5 min", "1 h", "1 h", "1 h 32 min", "2 h"]


def test_a_workshop_over_two_days_says_both_days():
    from model import ops
    from model.events import Origin
    from model.workshop_domain import JournalEntry, JournalKind as K

    doc = after_workshop_map()
    wrap = doc.items("workshop_step")[3].id
    for at, kind in (("2024-05-02T09:00:00Z", K.STEP_STARTED), ("2024-05-02T09:07:00Z", K.STEP_ENDED)):
        doc.apply(ops.AddItem(JournalEntry(at, kind, wrap)), Origin.JOURNAL)
    report = workshop_report(doc, UTC)
    assert report.subtitle == "Workshop report · 1 May 2024, 10:00 – 2 May 2024, 09:07"
    rows = _table(report.section(AGENDA)).rows
    assert [r[4] for r in rows] == ["10:00", "10:06", "10:30", "2 May 09:00"]
    assert rows[3][6] == "7 min (+2)"


def test_long_rankings_show_their_top_and_say_how_many_more():
    from model import ops, voting
    from model.domain import Card, CardKind
    from model.workshop_report import SHOWN_PRIORITIES, SHOWN_VOTED

    doc = after_workshop_map()
    session = voting.current_session(doc)
    stage, lane = doc.stages[0].id, doc.lanes[2].id
    extra = [Card(stage, lane, f"Idea {i}", kind=CardKind.OPPORTUNITY, impact=3, effort=3) for i in range(45)]
    for card in extra:
        doc.apply(ops.AddCard(card))
        doc.apply(voting.set_wall_total(doc, session.id, card.id, 1))
    report = workshop_report(doc, UTC)
    voted = report.section(VOTING)
    assert len(_table(voted).rows) == SHOWN_VOTED == 30
    assert voted.blocks[-1] == TextBlock("… and 17 more cards with votes (the Voting panel lists them all).",
                                         muted=True)  # 2 + 45 cards with votes
    ranked = report.section(PRIORITIES)
    assert len(_table(ranked).rows) == SHOWN_PRIORITIES == 40
    assert TextBlock("… and 8 more cards (the Insights panel lists them all).", muted=True) in ranked.blocks  # 47 + 1
