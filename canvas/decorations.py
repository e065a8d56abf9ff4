"""Named decoration layers: highlights drawn over the map that are never edits.

Several sources decorate the canvas at once without knowing of each other:
the find panel dims what does not match, insights mark the cards of a
finding, a workshop step focuses some stages or lanes, a comparison marks
what changed. Each sets its own layer by name; the scene combines them: a
card stays at full strength only when every layer with a focus keeps it, and
carries the marks of every layer that marks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# The layers the editor knows, in drawing order (a later layer's mark is drawn over an earlier one's).
FIND = "find"
INSIGHTS = "insights"
WORKSHOP = "workshop"
FUTURE = "future"  # as-is and to-be: the as-is view dims the future's cards (canvas/future_view.py)
COMPARISON = "comparison"
VOTING = "voting"  # while ballots are collected (booth, wall dots): the cards a session takes, the rest dimmed
LAYERS = (FIND, INSIGHTS, WORKSHOP, FUTURE, COMPARISON, VOTING)


@dataclass(frozen=True)
class Decoration:
    """`focus`: the cards kept at full strength (the rest dim); None dims nothing.
    `marks`: card id → an outline colour ("#RRGGBB") drawn around that card."""

    focus: frozenset[str] | None = None
    marks: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.focus is not None:
            object.__setattr__(self, "focus", frozenset(self.focus))
        object.__setattr__(self, "marks", MappingProxyType(dict(self.marks)))


def combined_focus(layers: Mapping[str, Decoration]) -> frozenset[str] | None:
    """The cards every focusing layer keeps; None when no layer focuses."""
    focus: frozenset[str] | None = None
    for decoration in layers.values():
        if decoration.focus is not None:
            focus = decoration.focus if focus is None else focus & decoration.focus
    return focus


def combined_marks(layers: Mapping[str, Decoration]) -> dict[str, list[str]]:
    """card id → the outline colours of every layer marking it, in layer order."""
    marks: dict[str, list[str]] = {}
    order = {name: i for i, name in enumerate(LAYERS)}
    for name in sorted(layers, key=lambda n: order.get(n, len(LAYERS))):
        for card_id, colour in layers[name].marks.items():
            marks.setdefault(card_id, []).append(colour)
    return marks
