"""`journeymap new --plan`, `templates` and `info` with a workshop plan and journal."""

from __future__ import annotations

import json

from model import ops
from model.events import Origin
from model.persistence import MapFile
from model.workshop import STEP, edit_step, steps
from model.workshop_domain import JournalEntry, JournalKind
from tests.cli.test_cli import run


def test_a_new_map_can_start_with_a_plan(tmp_path, capsys):
    out = tmp_path / "w.journey"
    code, _, err = run(capsys, "new", str(out), "--template", "service-blueprint", "--plan", "service-blueprint-half-day")
    assert code == 0 and err == ""
    code, text, _ = run(capsys, "info", "--json", str(out))
    info = json.loads(text)
    assert info["plan_minutes"] == 240 and len(info["plan"]) == 11
    assert info["plan"][2] == {**info["plan"][2], "title": "Frontstage: what the customer sees of us",
                               "activity": "capture", "minutes": 25, "focus": "Frontstage",
                               "focus_lanes": ["Frontstage"], "focus_stages": []}
    assert info["plan"][2]["prompt"] == "What do our people and systems do in front of the customer?"
    assert info["journal"] == [] and info["steps_run"] == []
    assert "workshop_steps" not in info and "journal_entries" not in info  # shown as plan and journal


def test_an_unknown_plan_is_refused_in_one_line_and_nothing_is_made(tmp_path, capsys):
    out = tmp_path / "w.journey"
    code, _, err = run(capsys, "new", str(out), "--plan", "afternoon-nap")
    assert code == 1 and err.strip().count("\n") == 0 and "no workshop plan named 'afternoon-nap'" in err
    assert not out.exists()


def test_templates_plans_lists_the_plans(capsys):
    code, text, _ = run(capsys, "templates", "--plans")
    assert code == 0 and [line.split()[0] for line in text.splitlines()] == \
        ["as-is-90", "pains-to-opportunities", "service-blueprint-half-day"]
    assert "As-is journey in 90 minutes (90 min)" in text


def test_info_shows_the_plan_and_the_journal_as_run(tmp_path, capsys):
    out = tmp_path / "w.journey"
    run(capsys, "new", str(out), "--plan", "as-is-90")
    with MapFile.open(out) as mapfile:
        doc = mapfile.document
        first, second = steps(doc)[:2]
        doc.apply(edit_step(doc, first.id, {"title": "Welcome \x1b[31mred\x1b[0m <b>"}))
        card = doc.cards()[0].id if doc.cards() else "gone-card"
        for at, kind, step_id, card_id in (("10:00:00", JournalKind.STEP_STARTED, first.id, ""),
                                           ("10:03:00", JournalKind.CARD_ADDED, first.id, card),
                                           ("10:12:30", JournalKind.STEP_ENDED, first.id, ""),
                                           ("10:12:30", JournalKind.STEP_STARTED, second.id, "")):
            doc.apply(ops.AddItem(JournalEntry(f"2024-05-01T{at}Z", kind, step_id, card_id, "Calls support")),
                      Origin.JOURNAL)
        doc.apply(ops.RemoveItem(STEP, second.id))  # the journal keeps what ran
    code, text, _ = run(capsys, "info", "--json", str(out))
    info = json.loads(text)
    assert [e["kind"] for e in info["journal"]] == ["step_started", "card_added", "step_ended", "step_started"]
    assert info["journal"][1] == {"at": "2024-05-01T10:03:00Z", "kind": "card_added", "step_id": first.id,
                                  "step": "Welcome \x1b[31mred\x1b[0m <b>", "card_id": card, "detail": "Calls support"}
    assert info["steps_run"][0]["minutes"] == 12.5 and info["steps_run"][0]["planned_minutes"] == 10
    assert info["steps_run"][1] == {"step_id": second.id, "title": "(a step since deleted)", "planned_minutes": None,
                                    "started": "2024-05-01T10:12:30Z", "ended": None, "minutes": None}
    code, text, _ = run(capsys, "info", str(out))
    assert code == 0 and "plan:        8 steps, 80 min" in text
    assert "journal:     4 entries, 2024-05-01T10:00:00Z to 2024-05-01T10:12:30Z" in text
    assert "10:00  Welcome \ufffd[31mred\ufffd[0m <b>  (12.5 min of 10)" in text  # no escape reaches the terminal
    assert "\x1b" not in text


def test_export_report_writes_the_workshop_report_as_pdf_and_markdown(tmp_path, capsys):
    from pypdf import PdfReader

    from tests.export.pdfcheck import flat
    from tests.model.factories import after_workshop_map

    source = tmp_path / "w.journey"
    MapFile.create(source, after_workshop_map().content()).close()
    before = source.read_bytes()
    pdf, md = tmp_path / "report.pdf", tmp_path / "report.md"
    code, text, err = run(capsys, "export", str(source), str(pdf), "--report")
    assert (code, text.strip(), err) == (0, str(pdf), "")
    pages = [flat(p.extract_text()) for p in PdfReader(str(pdf)).pages]
    assert "Agenda as run" in pages[0] and "Decisions and next steps" in pages[-1]
    code, text, err = run(capsys, "export", str(source), str(md), "--report")
    assert code == 0 and md.read_text(encoding="utf-8").startswith("# Untitled journey — workshop report\n")
    assert source.read_bytes() == before  # the map is only read


def test_export_report_refuses_other_formats_and_poster_options_in_one_line(tmp_path, capsys):
    source = tmp_path / "w.journey"
    run(capsys, "new", str(source))
    for extra, message in (((str(tmp_path / "r.png"), "--report"), "the workshop report is a .pdf or a .md file"),
                           ((str(tmp_path / "r.pdf"), "--report", "--tile", "A4"), "--tile cannot be used with --report"),
                           ((str(tmp_path / "r.pdf"), "--report", "--insights", "--persona", "Ana"),
                            "--persona, --insights cannot be used with --report")):
        code, _, err = run(capsys, "export", str(source), *extra)
        assert code != 0 and message in err and err.strip().count("\n") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.journey"]
