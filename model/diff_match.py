"""Matching two maps that share no ids (made apart): by text first, then by position.

Stages, lanes and personas pair by name (the k-th "Decision" of one map with
the k-th of the other); what is left pairs by place, between the same paired
neighbours (a renamed stage). Cards pair by text inside the matching cell,
then by text anywhere (a moved card), then by place in the matching cell (an
edited card). KPIs pair by stage and name, then by place among their stage's
KPIs; connections by their matched cards; emotions follow their card and
persona. Text is compared ignoring case and runs of white space.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from .diff import MATCHED_BY_TEXT, Matching
from .document import Content

KeyOf = Callable[[Any], Hashable | None]  # None: this item takes no part in this round


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _pair_by(xs: Sequence, ys: Sequence, key_x: KeyOf, key_y: KeyOf, pairs: dict[str, str], taken: set[str]) -> None:
    """Pair still-unpaired items whose keys are equal, the k-th of one side with the k-th of the other."""
    waiting: dict[Hashable, list[str]] = defaultdict(list)
    for y in ys:
        if y.id not in taken:
            k = key_y(y)
            if k is not None:
                waiting[k].append(y.id)
    used: dict[Hashable, int] = defaultdict(int)
    for x in xs:
        if x.id in pairs:
            continue
        k = key_x(x)
        if k is None:
            continue
        candidates = waiting.get(k)
        if candidates and used[k] < len(candidates):
            y_id = candidates[used[k]]
            used[k] += 1
            pairs[x.id] = y_id
            taken.add(y_id)


def _pair_in_gaps(xs: Sequence, ys: Sequence, group_x: KeyOf, group_y: KeyOf, pairs: dict[str, str],
                  taken: set[str]) -> None:
    """Pair what is left by place: inside a group, the k-th unpaired item after the same paired neighbour.

    As `diff` does with lines: items already paired within the group are
    anchors, and an unpaired item between two anchors on one side pairs with
    one between their partners on the other (a renamed stage, an edited card).
    """
    partner_group: dict[str, Hashable] = {}
    for x in xs:
        if x.id in pairs:
            partner_group[pairs[x.id]] = group_x(x)
    group_of_y = {y.id: group_y(y) for y in ys}

    def keys_x() -> dict[str, tuple]:
        out, last = {}, {}
        for x in xs:
            g = group_x(x)
            if g is None:
                continue
            y_id = pairs.get(x.id)
            if y_id is not None:
                if group_of_y.get(y_id) == g:
                    last[g] = y_id
            else:
                out[x.id] = (g, last.get(g))
        return out

    def keys_y() -> dict[str, tuple]:
        out, last = {}, {}
        for y in ys:
            g = group_of_y[y.id]
            if y.id in taken:
                if partner_group.get(y.id) == g:
                    last[g] = y.id
            else:
                out[y.id] = (g, last.get(g))
        return out

    kx, ky = keys_x(), keys_y()
    _pair_by(xs, ys, lambda x: kx.get(x.id), lambda y: ky.get(y.id), pairs, taken)


def _named(xs: Sequence, ys: Sequence) -> dict[str, str]:
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    name = lambda v: _norm(v.name)  # noqa: E731
    _pair_by(xs, ys, name, name, pairs, taken)
    _pair_in_gaps(xs, ys, lambda x: 0, lambda y: 0, pairs, taken)
    return pairs


def match_by_text(a: Content, b: Content) -> Matching:
    """Pair the entities of `a` with those of `b` by text and position (see the module's docstring)."""
    stages, lanes, personas = _named(a.stages, b.stages), _named(a.lanes, b.lanes), _named(a.personas, b.personas)

    def cell(card) -> tuple[str, str] | None:
        s, lane = stages.get(card.stage_id), lanes.get(card.lane_id)
        return None if s is None or lane is None else (s, lane)

    cards: dict[str, str] = {}
    taken: set[str] = set()
    _pair_by(a.cards, b.cards, lambda c: (cell(c), _norm(c.text)) if cell(c) else None,
             lambda c: (c.cell, _norm(c.text)), cards, taken)
    _pair_by(a.cards, b.cards, lambda c: _norm(c.text), lambda c: _norm(c.text), cards, taken)
    _pair_in_gaps(a.cards, b.cards, cell, lambda c: c.cell, cards, taken)

    connections: dict[str, str] = {}
    taken = set()

    def ends(conn) -> tuple[str, str] | None:
        s, t = cards.get(conn.source_id), cards.get(conn.target_id)
        return None if s is None or t is None else (s, t)

    _pair_by(a.connections, b.connections, ends, lambda c: (c.source_id, c.target_id), connections, taken)

    kpis: dict[str, str] = {}
    taken = set()
    _pair_by(a.kpis, b.kpis, lambda k: (stages[k.stage_id], _norm(k.name)) if k.stage_id in stages else None,
             lambda k: (k.stage_id, _norm(k.name)), kpis, taken)
    _pair_in_gaps(a.kpis, b.kpis, lambda k: stages.get(k.stage_id), lambda k: k.stage_id, kpis, taken)
    return Matching(MATCHED_BY_TEXT, stages, lanes, personas, cards, connections, kpis)
