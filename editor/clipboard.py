"""Cards on the clipboard: JSON of the cards for Journeymap, their text for everything else.

Pasting our own JSON recreates the cards (new ids) in the target cell; pasting
plain text makes one card per non-empty line, so a list typed elsewhere in a
workshop becomes cards in one step. JSON from the clipboard is untrusted:
anything that does not validate as a card is refused as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData

from canvas.keys import CARDS_MIME as MIME_CARDS
from model.domain import Card
from model.edits import MAX_CAPTURED_LINES
from model.errors import ValidationError

_FIELDS = ("text", "kind", "notes", "colour", "channel", "owner", "evidence", "impact", "effort", "due")
MAX_PASTE = MAX_CAPTURED_LINES  # a paste larger than this is surely not meant as cards


def cards_to_mime(cards: Sequence[Card]) -> QMimeData:
    data = QMimeData()
    payload = [{name: _plain(getattr(card, name)) for name in _FIELDS} for card in cards]
    data.setData(MIME_CARDS, json.dumps({"format": "journeymap-cards", "cards": payload}).encode("utf-8"))
    data.setText("\n".join(card.text for card in cards))
    return data


def _plain(value):
    return value.value if hasattr(value, "value") else value


def cards_from_mime(data: QMimeData) -> list[Card] | list[str]:
    """What the clipboard offers to paste: copied cards (whole, in some cell: the planner puts them in
    theirs), or the lines of plain text; [] when there is nothing to paste.

    Raises ValidationError for our format holding something that is not a card.
    """
    if data.hasFormat(MIME_CARDS):
        try:
            payload = json.loads(bytes(data.data(MIME_CARDS)).decode("utf-8"))
            items = payload["cards"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise ValidationError("the clipboard holds damaged Journeymap cards") from None
        if not isinstance(items, list) or len(items) > MAX_PASTE:
            raise ValidationError("the clipboard holds damaged Journeymap cards")
        cards = []
        for item in items:
            if not isinstance(item, dict):
                raise ValidationError("the clipboard holds damaged Journeymap cards")
            fields = {k: item[k] for k in _FIELDS if k in item}
            try:
                cards.append(Card("clipboard", "clipboard", **fields))
            except TypeError:
                raise ValidationError("the clipboard holds damaged Journeymap cards") from None
        return cards
    if data.hasText():
        return data.text().splitlines()
    return []
