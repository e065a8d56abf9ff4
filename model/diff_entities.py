"""The declared entities in a comparison (model/entities.py): what a facilitator compares between versions.

Each declaration says how its items are compared (`Entity.compared`):

- in order (participants, voting sessions, the workshop plan's steps): one by
  one, like stages: added, removed, changed fields, moved within their list;
- unordered (to-be emotions, to-be marks): one by one, their order meaning nothing;
- on cards (votes): never listed one by one. Each card's total per voting
  session is compared, and a changed total is a change of the card, field
  "votes (Session name)"; a session one version lacks counts 0 there, so a
  session deleted shows on every card it had votes for. Added and removed
  cards carry no fields, their votes included;
- counted (journal entries, print records, the room's inbox and ratings): run
  data, which says what happened during a workshop rather than what the map
  is. Only how many were added, removed and changed is reported (`RunCount`),
  never the items: "12 journal entries added".

Items are matched by id, always: for maps made apart (no core ids in common,
matched by text and place) an item pairs only with the item of the same id in
the other map. Their references (a to-be emotion's card and persona) and the
ids they mention (a session's lanes, a step's focus) are read through the
core matching, so a step focused on a stage that was matched by name has not
changed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .diff import LISTED, Difference, FieldChange, Matching, Names, RunCount, _ordered
from .document import Content
from .entities import ENTITIES, Compared
from .voting_rules import SESSION, VOTE


def votes_field(session_name: str) -> str:
    """The field a card's vote total in a session is reported as: "votes (Top pains)"."""
    return f"votes ({session_name})"


def _same_ids(xs, ys) -> dict[str, str]:
    present = {y.id for y in ys}
    return {x.id: x.id for x in xs if x.id in present}


def item_differences(a: Content, b: Content, m: Matching, names: Names) -> list[Difference]:
    """The differences of the entities compared one by one, kind after kind in declaration order."""
    pairs: dict[str, dict[str, str]] = {}

    def pairs_of(kind: str) -> dict[str, str]:
        if kind not in ENTITIES:
            return m.of(kind)
        if kind not in pairs:
            pairs[kind] = _same_ids(a.items_of(kind), b.items_of(kind))
        return pairs[kind]

    out: list[Difference] = []
    for kind, entity in ENTITIES.items():
        if entity.compared not in LISTED:
            continue
        xs, ys = a.items_of(kind), b.items_of(kind)
        if not xs and not ys:
            continue
        refs = {r.field: pairs_of(r.kind) for r in entity.refs}
        id_lists = {x.field: pairs_of(x.kind) for x in entity.mentions}
        out += _ordered(kind, xs, ys, pairs_of(kind), refs, lambda v, k=kind: names.item_label(k, v),
                        in_order=entity.compared == Compared.IN_ORDER, id_lists=id_lists)
    return out


def _totals(content: Content) -> dict[tuple[str, str], int]:
    """(session id, card id) -> the card's votes in that session (participants' and wall dots)."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for vote in content.items_of(VOTE):
        totals[(vote.session_id, vote.card_id)] += vote.count
    return totals


def vote_changes(a: Content, b: Content, m: Matching) -> dict[str, tuple[FieldChange, ...]]:
    """Each card in both versions whose vote total changed in some session: its id now -> one change per
    such session, in the sessions' order now, then the sessions only the earlier version has."""
    was, now = _totals(a), _totals(b)
    if not was and not now:
        return {}
    back = {bid: aid for aid, bid in m.cards.items()}
    sessions: dict[str, Any] = {s.id: s for s in a.items_of(SESSION)}
    sessions.update((s.id, s) for s in b.items_of(SESSION))  # the name now wins
    order: dict[str, int] = {}
    for session in (*b.items_of(SESSION), *a.items_of(SESSION)):
        order.setdefault(session.id, len(order))
    keys = {(s, m.cards[c]) for s, c in was if c in m.cards} | {(s, c) for s, c in now if c in back}
    found: dict[str, list[tuple[int, FieldChange]]] = defaultdict(list)
    for session_id, card_id in keys:
        old, new = was.get((session_id, back[card_id]), 0), now.get((session_id, card_id), 0)
        if old != new:
            change = FieldChange(votes_field(sessions[session_id].name), old, new)
            found[card_id].append((order[session_id], change))
    return {card_id: tuple(c for _, c in sorted(changes, key=lambda item: item[0]))
            for card_id, changes in found.items()}


def run_counts(a: Content, b: Content) -> tuple[RunCount, ...]:
    """How many items of each counted kind (run data) were added, removed and changed, by id; only the kinds
    that differ."""
    out = []
    for kind, entity in ENTITIES.items():
        if entity.compared != Compared.COUNTED:
            continue
        xs = {x.id: x for x in a.items_of(kind)}
        ys = {y.id: y for y in b.items_of(kind)}
        added, removed = len(ys.keys() - xs.keys()), len(xs.keys() - ys.keys())
        changed = sum(1 for k in xs.keys() & ys.keys() if xs[k] != ys[k])
        if added or removed or changed:
            out.append(RunCount(kind, entity.nouns, added, removed, changed))
    return tuple(out)
