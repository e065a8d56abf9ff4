"""Editing soak: a map edited in the real window for a while does not make the editor grow.

The editor's window on a realistic map (tests/model/realistic_maps.py), edited as a
facilitator would (tests/bench/editing.py: typing, moving, adding and deleting cards,
emotions, connections, undo, redo, each one undoable step saved to the file), with the
canvas painted after each step. Resident memory after the soak stays within 10 % of
what it was after the soak's warm-up (its first tenth: statement, glyph and pixmap caches
fill then) — the issue's target. `make test` runs 2 seconds on 300 cards;
`make soak` runs 10 minutes on 10,000 cards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.persistence import MapFile
from tests.bench import gestures as g
from tests.bench.editing import edit_soak
from tests.model.realistic_maps import realistic_content

from .conftest import SCALE

CARDS = 300 if SCALE == 1 else 10_000
SECONDS = 2.0 if SCALE == 1 else 600.0
GROWTH = 0.10


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory is read from /proc (Linux)")
def test_editing_for_a_while_does_not_grow_the_editor(qapp, tmp_path, soak_report):
    path = tmp_path / "soak.journey"
    MapFile.create(path, realistic_content(CARDS)).close()
    session = g.open_in_editor(path)
    try:
        g.actual_size(session)
        g.scroll_everywhere(session) if SCALE > 1 else session.clock.repaint_frame()
        result = edit_soak(session, SECONDS)
    finally:
        session.close()
    soak_report(f"editing: {CARDS:,} cards, {result.seconds:.0f} s, {result.edits:,} edits and {result.undos:,} undos; "
                f"RSS {result.before_mb:.0f} MB before, {result.start_mb:.0f} MB after the warm-up, {result.end_mb:.0f} MB "
                f"at the end ({result.growth:+.1%})")
    assert result.edits >= 10
    assert result.growth <= GROWTH, f"resident memory grew {result.growth:.1%} over the soak"
