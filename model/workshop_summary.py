"""The workshop plan and journal as `journeymap info` shows them: plain values for JSON, lines for a terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .document import Document
from .workshop import focus_of, focus_summary, step_prompt, steps, total_minutes
from .workshop_domain import utc_text
from .workshop_journal import journal, steps_as_run


def plan_rows(doc: Document) -> list[dict[str, Any]]:
    """Each step with its focus by name and the prompt the room will see (its own, or the focus's question)."""
    rows = []
    for step in steps(doc):
        focus = focus_of(doc, step)
        rows.append({
            "id": step.id, "title": step.title, "activity": step.activity.value, "minutes": step.minutes,
            "focus": focus_summary(doc, step),
            "focus_stages": [doc.stage(i).name for i in focus.stages] if step.focus_stages else [],
            "focus_lanes": [doc.lane(i).name for i in focus.lanes] if step.focus_lanes else [],
            "prompt": step_prompt(doc, step), "notes": step.notes,
        })
    return rows


def journal_rows(doc: Document) -> list[dict[str, Any]]:
    titles = {s.id: s.title for s in steps(doc)}
    return [{"at": e.at, "kind": e.kind.value, "step_id": e.step_id, "step": titles.get(e.step_id, ""),
             "card_id": e.card_id, "detail": e.detail} for e in journal(doc)]


def run_rows(doc: Document) -> list[dict[str, Any]]:
    """The agenda as run: each step's real start and end (None while it runs) and minutes."""
    return [{"step_id": r.step_id, "title": r.title, "planned_minutes": r.planned_minutes,
             "started": utc_text(r.started), "ended": utc_text(r.ended) if r.ended else None,
             "minutes": round(r.minutes, 2) if r.minutes is not None else None} for r in steps_as_run(doc)]


def info_fields(doc: Document) -> dict[str, Any]:
    """What `journeymap info --json` adds for the workshop."""
    return {"plan": plan_rows(doc), "plan_minutes": total_minutes(doc), "journal": journal_rows(doc),
            "steps_run": run_rows(doc)}


def info_lines(doc: Document, printable: Callable[[str], str]) -> list[str]:
    """What `journeymap info` prints for the workshop; `printable` makes user text safe for a terminal."""
    plan = steps(doc)
    lines = [f"{'plan:':<13}{f'{len(plan)} steps, {total_minutes(doc)} min' if plan else '(none)'}"]
    for i, row in enumerate(plan_rows(doc), 1):
        lines.append(f"  {i:>2}. {printable(row['title'])}  ({row['activity'].replace('_', ' ')}, "
                     f"{row['minutes']} min; {printable(row['focus'])})")
    entries = journal(doc)
    if not entries:
        lines.append(f"{'journal:':<13}(none)")
        return lines
    lines.append(f"{'journal:':<13}{len(entries)} entries, {entries[0].at} to {entries[-1].at}")
    for run in steps_as_run(doc):
        took = f"{run.minutes:.1f} min" if run.minutes is not None else "running"
        planned = f" of {run.planned_minutes}" if run.planned_minutes is not None else ""
        lines.append(f"  {run.started.strftime('%H:%M')}  {printable(run.title)}  ({took}{planned})")
    return lines
