"""Simulated editing in the real window, for the memory soak: the growth of resident memory is the figure.

A facilitator's work, as fast as the editor takes it: typing into cards,
moving cards between cells, adding and deleting cards, setting emotions,
drawing and deleting connections, undo and redo, selecting, with the canvas
painted after each step. Every edit goes through the window's EditSession
(the planners of model/edits.py, one undoable command each), so each saves to
the map file as it would for a user; each step checks it changed the map.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from model import edits

from .gestures import GestureFailed, Session


def rss_mb() -> float:
    """This process's resident memory, in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@dataclass
class SoakResult:
    seconds: float
    edits: int
    undos: int
    before_mb: float  # when the soak began
    start_mb: float  # after its warm-up (the first edits fill caches: SQL statements, glyphs, pixmaps)
    end_mb: float
    curve: list[tuple[float, float]]  # (seconds, MB) along the soak

    @property
    def growth(self) -> float:
        """End over the warmed-up start, less one (0.05 is 5 % more)."""
        return self.end_mb / self.start_mb - 1.0


def edit_soak(session: Session, seconds: float, *, seed: int = 3, clock=time.monotonic,
              warm_up: float = 0.1) -> SoakResult:
    """Edit the window's map for `seconds`; resident memory before, after the first `warm_up` of the time,
    and at the end (garbage collected each time)."""
    import gc

    window, scene = session.window, session.scene
    doc, edit, stack = window.document, window.session.edit, window.stack
    rng = random.Random(seed)
    card_lanes = [lane.id for lane in doc.lanes if lane.takes_cards]
    personas = [p.id for p in doc.personas]
    gc.collect()
    before_mb = rss_mb()
    start_mb = None
    curve: list[tuple[float, float]] = []
    made: list[str] = []
    edited = undone = 0
    began = clock()
    step = 0

    def applied(op) -> None:
        nonlocal edited
        version = stack.count(), stack.index()
        if op is None or not edit(op):
            raise GestureFailed(f"an edit of the soak changed nothing: {op!r}")
        if (stack.count(), stack.index()) == version:
            raise GestureFailed("an edit of the soak pushed no undo step")
        edited += 1

    while (elapsed := clock() - began) < seconds:
        if start_mb is None and elapsed >= warm_up * seconds:
            gc.collect()
            start_mb = rss_mb()
        if step % 25 == 0:
            curve.append((elapsed, rss_mb()))
        step += 1
        cards = doc.cards()
        card = rng.choice(cards)
        roll = rng.random()
        if roll < 0.3:
            applied(edits.edit_card_text(doc, card.id, f"{card.text[:60]} (edit {step})"))
        elif roll < 0.45:
            stage = rng.choice(doc.stages).id
            lane = rng.choice(card_lanes)
            op = edits.move_cards(doc, [card.id], stage, lane, 0)
            if op is not None:
                applied(op)
        elif roll < 0.55:
            new = edits.new_card(doc, rng.choice(doc.stages).id, rng.choice(card_lanes), f"Sticky {step}")
            applied(edits.add_cards(doc, [new]))
            made.append(new.id)
        elif roll < 0.62 and made:
            gone = made.pop(rng.randrange(len(made)))
            if doc.has_card(gone):
                applied(edits.delete_cards(doc, [gone]))
        elif roll < 0.75 and personas:
            value = rng.choice((-2.0, -1.0, 0.0, 1.0, 2.0))
            op = edits.set_emotion(doc, card.id, rng.choice(personas), value)
            if op is not None:
                applied(op)
        elif roll < 0.83:
            other = rng.choice(cards)
            op = edits.connect(doc, card.id, other.id)
            if op is not None:
                applied(op)
        elif stack.canUndo():
            stack.undo()
            undone += 1
            if rng.random() < 0.5 and stack.canRedo():
                stack.redo()
        scene.select("cards", [rng.choice(doc.cards()).id])
        session.view.viewport().update()
        QApplication.processEvents()
    if edited == 0:
        raise GestureFailed("the soak made no edit")
    gc.collect()
    QApplication.processEvents()
    end_mb = rss_mb()
    return SoakResult(clock() - began, edited, undone, before_mb, start_mb or before_mb, end_mb, curve)
