"""What a card's footer says: its votes at the left; its owner and, for an action, its due date at the right.

One answer for the layout (whether a card has a footer at all), the canvas and the PDF poster, so the
screen and the paper say the same thing in the same room.
"""

from __future__ import annotations

from .domain import Card, CardKind
from .fonts import FontMetrics, fit_with_ellipsis

SEPARATOR = " · "


def due_label(card: Card) -> str:
    """"Due 2026-12-31" for an action with a due date; "" otherwise (any card may hold a date, only
    an action shows it)."""
    return f"Due {card.due}" if card.kind == CardKind.ACTION and card.due else ""


def has_footer(card: Card, voted: bool) -> bool:
    """A card shows a footer when it has votes shown, an owner, or an action's due date."""
    return voted or bool(card.owner) or bool(due_label(card))


def right_text(card: Card, room: float, metrics: FontMetrics, size: float) -> str:
    """The footer's right-hand text fitted into `room`: "Owner · Due 2026-12-31", the owner shortened
    with "…" first so that the date stays whole while it fits at all; "" when there is nothing to say."""
    owner = card.owner.replace("\r", " ").replace("\n", " ")  # one line, however it was typed
    due = due_label(card)
    if not due:
        return fit_with_ellipsis(owner, room, metrics, size) if owner else ""
    if not owner:
        return fit_with_ellipsis(due, room, metrics, size)
    whole = owner + SEPARATOR + due
    if metrics.text_width(whole, size) <= room:
        return whole
    left = room - metrics.text_width(SEPARATOR + due, size)
    if left < metrics.text_width("M…", size):  # no room for a word of the owner: the date alone
        return fit_with_ellipsis(due, room, metrics, size)
    return fit_with_ellipsis(owner, left, metrics, size) + SEPARATOR + due
