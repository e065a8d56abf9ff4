"""Map content and random edits for the file tests (plain Python, shared with the kill-test driver)."""

from __future__ import annotations

import random

from model import ops
from model.voting import with_wall_votes
from model.document import Content, Document
from model.errors import ValidationError
from model.domain import Card, CardKind, Channel, Connection, Kpi, Lane, LaneKind, MapInfo, PALETTE, Persona, Stage

WORDS = "customer signs up trial invoice support call onboarding renewal churn délai 顧客 😀 'quoted' <b>bold</b>".split()


def _text(rng: random.Random, n: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, n)))


def make_content(cards: int, *, seed: int = 1, stages: int = 6, lanes: int = 6, personas: int = 2) -> Content:
    """A realistic map of `cards` cards spread over the cells, with emotions, connections and KPIs."""
    rng = random.Random(seed)
    st = tuple(Stage(f"Stage {i}", goal=_text(rng), width=260.0 + i) for i in range(stages))
    ln = tuple(Lane(f"Lane {i}", question=_text(rng, 3)) for i in range(lanes - 1)) + (
        Lane("Emotions", kind=LaneKind.EMOTIONS),
    )
    card_lanes = [lane for lane in ln if lane.kind == LaneKind.CARDS]
    ps = tuple(
        Persona(f"Persona {i}", role=_text(rng), photo=bytes(rng.randrange(256) for _ in range(64)) if i == 0 else None)
        for i in range(personas)
    )
    made, votes = [], {}
    for _ in range(cards):
        made.append(Card(
            rng.choice(st).id,
            rng.choice(card_lanes).id,
            text=_text(rng, 12),
            kind=rng.choice(list(CardKind)),
            colour=rng.choice(list(PALETTE)),
            channel=rng.choice(list(Channel)),
            impact=rng.choice([None, 1, 5]),
        ))
        votes[made[-1].id] = rng.randrange(5)
    # Group by cell in journey order, as Document.content() lists them.
    order = {(s.id, lane.id): i for i, (s, lane) in enumerate((s, lane) for s in st for lane in ln)}
    made.sort(key=lambda c: order[c.cell])
    emotions = tuple(sorted((c.id, p.id, round(rng.uniform(-2, 2), 2)) for c in made[::3] for p in ps))
    # A dict, not a set: its order must not depend on string hashing (the kill test replays in another process).
    pairs = dict.fromkeys((rng.choice(made).id, rng.choice(made).id) for _ in range(cards // 4)) if made else {}
    conns = tuple(Connection(a, b, label=_text(rng, 2), share=rng.choice([None, 40.0])) for a, b in pairs if a != b)
    kpis = tuple(Kpi(s.id, "CSAT", value=4.2, target=4.5, unit="/5") for s in st[::2])
    content = Content(MapInfo("Generated map", owner="tests"), st, ln, tuple(made), ps, emotions, conns, kpis)
    return with_wall_votes(content, votes, "Votes")  # shown on the cards: a revealed, current session


def random_op(doc: Document, rng: random.Random) -> ops.Op:
    """One valid edit of any kind, chosen at random for the current document."""
    stages, lanes, personas = doc.stages, doc.lanes, doc.personas
    card_lanes = [lane for lane in lanes if lane.kind == LaneKind.CARDS]
    cards = doc.cards()
    choices = ["add_card", "add_card", "add_stage", "add_lane", "add_persona", "map"]
    if cards:
        choices += ["edit_card", "move_card", "move_card", "remove_card", "emotion", "connect"]
    if len(stages) > 1:
        choices += ["move_stage", "remove_stage", "edit_stage"]
    if len(lanes) > 1:
        choices += ["move_lane", "remove_lane"]
    if personas:
        choices += ["edit_persona", "remove_persona"]
    if doc.connections:
        choices += ["remove_connection", "edit_connection"]
    if stages:
        choices += ["add_kpi"]
    if doc.kpis:
        choices += ["remove_kpi"]
    if rng.random() < 0.02:
        choices = ["replace"]  # restoring a snapshot or importing: the whole map at once
    what = rng.choice(choices)
    if what == "replace":
        if rng.random() < 0.5:
            return ops.ReplaceContent(make_content(rng.randrange(30), seed=rng.randrange(1000)))
        return ops.ReplaceContent(doc.content())
    if what == "add_card" and stages and card_lanes:
        stage, lane = rng.choice(stages), rng.choice(card_lanes)
        size = len(doc.cell_cards(stage.id, lane.id))
        return ops.AddCard(Card(stage.id, lane.id, _text(rng)), rng.randint(0, size))
    if what == "edit_card":
        return ops.UpdateCard(rng.choice(cards).id, {"text": _text(rng), "colour": rng.choice(list(PALETTE))})
    if what == "move_card" and stages and card_lanes:
        card, stage, lane = rng.choice(cards), rng.choice(stages), rng.choice(card_lanes)
        size = len(doc.cell_cards(stage.id, lane.id)) - (1 if card.cell == (stage.id, lane.id) else 0)
        return ops.MoveCard(card.id, stage.id, lane.id, rng.randint(0, size))
    if what == "remove_card":
        return ops.RemoveCard(rng.choice(cards).id)
    if what == "emotion" and personas:
        value = rng.choice([None, round(rng.uniform(-2, 2), 2)])
        return ops.SetEmotion(rng.choice(cards).id, rng.choice(personas).id, value)
    if what == "connect" and len(cards) > 1:
        a, b = rng.sample(cards, 2)
        if not any((c.source_id, c.target_id) == (a.id, b.id) for c in doc.connections):
            return ops.AddConnection(Connection(a.id, b.id, label=_text(rng, 2)))
    if what == "move_stage":
        return ops.MoveStage(rng.choice(stages).id, rng.randrange(len(stages)))
    if what == "remove_stage":
        return ops.RemoveStage(rng.choice(stages).id)
    if what == "edit_stage":
        return ops.UpdateStage(rng.choice(stages).id, {"name": _text(rng, 2), "width": rng.uniform(150, 400)})
    if what == "move_lane":
        return ops.MoveLane(rng.choice(lanes).id, rng.randrange(len(lanes)))
    if what == "remove_lane":
        return ops.RemoveLane(rng.choice(lanes).id)
    if what == "add_lane":
        return ops.AddLane(Lane(_text(rng, 2)), rng.randint(0, len(lanes)))
    if what == "add_persona":
        return ops.AddPersona(Persona(_text(rng, 2), photo=rng.choice([None, b"\x89PNG fake"])))
    if what == "edit_persona":
        return ops.UpdatePersona(rng.choice(personas).id, {"quote": _text(rng)})
    if what == "remove_persona":
        return ops.RemovePersona(rng.choice(personas).id)
    if what == "remove_connection":
        return ops.RemoveConnection(rng.choice(doc.connections).id)
    if what == "edit_connection":
        return ops.UpdateConnection(rng.choice(doc.connections).id, {"share": rng.choice([None, 12.5])})
    if what == "add_kpi":
        return ops.AddKpi(Kpi(rng.choice(stages).id, "NPS", value=rng.uniform(-100, 100)))
    if what == "remove_kpi":
        return ops.RemoveKpi(rng.choice(doc.kpis).id)
    if what == "map":
        return ops.UpdateMap({"title": _text(rng, 3), "description": _text(rng)})
    return ops.AddStage(Stage(_text(rng, 2)), rng.randint(0, len(stages)))


class seeded_ids:
    """Make new_id() deterministic (uuid4 drawn from `rng`) so a run of random edits can be replayed exactly."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __enter__(self) -> "seeded_ids":
        import uuid

        self._saved = uuid.uuid4
        uuid.uuid4 = lambda: uuid.UUID(int=self.rng.getrandbits(128), version=4)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc) -> None:
        import uuid

        uuid.uuid4 = self._saved  # type: ignore[assignment]


def edits(doc: Document, seed: int):
    """An endless, replayable stream of valid random edits applied to `doc`; yields the count applied."""
    rng = random.Random(seed)
    count = 0
    with seeded_ids(rng):
        while True:
            op = random_op(doc, rng)
            try:
                doc.apply(op)
            except ValidationError:  # a refused random edit is skipped the same way on replay
                continue
            count += 1
            yield count
