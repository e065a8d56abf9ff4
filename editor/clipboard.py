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

from model.domain import Card
from model.errors import ValidationError

MIME_CARDS = "application/x-journeymap-cards"
_FIELDS = ("text", "kind", "notes", "colour", "channel", "owner", "evidence", "impact", "effort", "votes")
MAX_PASTE = 2000  # a paste larger than this is surely not meant as cards


def cards_to_mime(cards: Sequence[Card]) -> QMimeData:
    data = QMimeData()
    payload = [{name: _plain(getattr(card, name)) for name in _FIELDS} for card in cards]
    data.setData(MIME_CARDS, json.dumps({"format": "journeymap-cards", "cards": payload}).encode("utf-8"))
    data.setText("\n".join(card.text for card in cards))
    return data


def _plain(value):
    return value.value if hasattr(value, "value") else value


def cards_from_mime(data: QMimeData, stage_id: str, lane_id: str, make_card) -> list[Card]:
    """New cards for the cell from clipboard data; [] when there is nothing to paste.

    `make_card(stage_id, lane_id, text)` builds a plain-text card (kind and colour from the lane).
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
                cards.append(Card(stage_id, lane_id, **fields))
            except TypeError:
                raise ValidationError("the clipboard holds damaged Journeymap cards") from None
        return cards
    if data.hasText():
        lines = [line.strip() for line in data.text().splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_PASTE:
            raise ValidationError(f"the clipboard holds {len(lines):,} lines; paste at most {MAX_PASTE:,} cards at once")
        return [make_card(stage_id, lane_id, line) for line in lines]
    return []
