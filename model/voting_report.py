"""What `journeymap info` says of a map's voting sessions: rules, state and totals per card (JSON and text).

Totals are listed whether or not a session is revealed: `info` is the facilitator's look at the file, not
the room's. Named sessions list who voted for a card; anonymous ones never do.
"""

from __future__ import annotations

from typing import Any

from . import voting
from .document import Document
from .domain import CardKind
from .voting_rules import plural


def sessions_summary(doc: Document) -> list[dict[str, Any]]:
    """One object per voting session, in the map's order."""
    lanes = {lane.id: lane.name for lane in doc.lanes}
    out = []
    for session in voting.sessions(doc):
        votes = voting.votes_in(doc, session.id)
        wall = {v.card_id: v.count for v in votes if v.participant_id is None}
        totals = []
        for r in voting.ranked(doc, session.id):
            card = doc.card(r.card_id)
            entry = {"rank": r.rank, "card": card.id, "text": card.text, "stage": doc.stage(card.stage_id).name,
                     "lane": lanes[card.lane_id], "votes": r.votes, "wall": wall.get(card.id, 0)}
            if not session.anonymous:
                entry["voters"] = [{"name": name, "votes": n} for name, n in voting.card_voters(doc, session.id, card.id)]
            totals.append(entry)
        out.append({
            "name": session.name,
            "current": session.current,
            "revealed": session.revealed,
            "closed": session.closed,
            "anonymous": session.anonymous,
            "votes_per_participant": session.votes_per_participant,
            "max_per_card": session.max_per_card,
            "votable_lanes": [lanes[i] for i in session.votable_lanes if i in lanes],
            "deleted_lanes": len(voting.missing_lanes(doc, session)),
            "votable_kinds": list(session.votable_kinds),
            "participants_voted": len(voting.voters(doc, session.id)),
            "votes": sum(v.count for v in votes),
            "totals": totals,
        })
    return out


def state_text(s: dict[str, Any]) -> str:
    """'current; open; hidden; named' for one session of `sessions_summary`."""
    state = ["current" if s["current"] else "", "closed" if s["closed"] else "open",
             "revealed" if s["revealed"] else "hidden", "anonymous" if s["anonymous"] else "named"]
    return "; ".join(x for x in state if x)


def rules_text(s: dict[str, Any]) -> str:
    """'3 votes each, at most 2 per card; cards of kinds pain point' for one session of `sessions_summary`."""
    where = []
    if s["votable_kinds"]:
        where.append("kinds " + ", ".join(CardKind(k).label.lower() for k in s["votable_kinds"]))
    if s["votable_lanes"] or s["deleted_lanes"]:
        named = list(s["votable_lanes"]) + ([f"{s['deleted_lanes']} deleted lane(s)"] if s["deleted_lanes"] else [])
        where.append("lanes " + ", ".join(named))
    return (f"{plural(s['votes_per_participant'], 'vote')} each, at most {s['max_per_card']} per card"
            + (f"; cards of {'; '.join(where)}" if where else "; every card"))


def turnout_text(s: dict[str, Any]) -> str:
    return f"{plural(s['participants_voted'], 'participant')} voted, {plural(s['votes'], 'vote')} in all"


def sessions_text(summary: list[dict[str, Any]]) -> list[str]:
    """The summary as lines for a terminal (the caller makes user text printable)."""
    if not summary:
        return ["voting_sessions: (none)"]
    lines = ["voting_sessions:"]
    for s in summary:
        lines.append(f"  {'★ ' if s['current'] else ''}{s['name']} ({state_text(s)}): {rules_text(s)}")
        lines.append(f"    {turnout_text(s)}")
        for t in s["totals"]:
            voters = ", ".join(f"{v['name']} ×{v['votes']}" if v["votes"] > 1 else v["name"] for v in t.get("voters", ()))
            extra = [f"wall {t['wall']}"] if t["wall"] else []
            extra += [voters] if voters else []
            tail = f"  [{'; '.join(extra)}]" if extra else ""
            lines.append(f"    {t['rank']:>3}. {t['votes']:>4}  {t['text'] or '(empty card)'} ({t['stage']} · {t['lane']}){tail}")
    return lines
