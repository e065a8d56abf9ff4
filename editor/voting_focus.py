"""While ballots are collected (booth, wall dots), the cards a session does not take are dimmed."""

from __future__ import annotations

from canvas.decorations import VOTING, Decoration
from model.errors import JourneyError


def focus_votable(scene, doc, session_id: str | None) -> None:
    """Dim the cards a session does not take while its ballots are collected (None: dim nothing)."""
    try:
        session = None if session_id is None else doc.item("voting_session", session_id)
    except JourneyError:
        session = None
    if session is None:
        scene.set_decoration(VOTING, None)
        return
    scene.set_decoration(VOTING, Decoration(focus=frozenset(c.id for c in doc.cards() if session.takes(c))))
