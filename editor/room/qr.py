"""The join address as a QR code (segno) in a QPixmap, and the addresses a room can be opened on."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtGui import QPixmap


def qr_pixmap(text: str, scale: int = 6) -> QPixmap:
    """A QR code of `text` (medium error correction, with its quiet zone); black on white for any camera."""
    return _pixmap(_code(text), scale)


def qr_pixmap_within(text: str, side: int) -> QPixmap:
    """The largest QR code of `text` whose side fits in `side` pixels: whole pixels per module, so every
    module stays a crisp square (a projector's camera-facing code); at least 2 pixels a module."""
    code = _code(text)
    modules = code.symbol_size(scale=1, border=4)[0]
    return _pixmap(code, max(2, side // modules))


def _code(text: str):
    import segno

    return segno.make(text, error="m", micro=False)


def _pixmap(code, scale: int) -> QPixmap:
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


@dataclass(frozen=True)
class RoomAddress:
    address: str
    label: str  # what the facilitator picks from: "wlan0 — 10.42.0.1"


def room_addresses() -> list[RoomAddress]:
    """The laptop's addresses a room can listen on: its networks first (IPv4, then IPv6), loopback last."""
    from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface

    up = QNetworkInterface.InterfaceFlag.IsUp | QNetworkInterface.InterfaceFlag.IsRunning
    found: list[tuple[int, RoomAddress]] = []
    for interface in QNetworkInterface.allInterfaces():
        if (interface.flags() & up) != up:
            continue
        loopback = bool(interface.flags() & QNetworkInterface.InterfaceFlag.IsLoopBack)
        for entry in interface.addressEntries():
            ip: QHostAddress = entry.ip()
            if ip.isLinkLocal():
                continue  # fe80:: needs a zone a phone's browser cannot type
            v4 = ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol
            text = ip.toString()
            if loopback:
                found.append((9, RoomAddress(text, f"This laptop only (a demo) — {text}")))
            else:
                name = interface.humanReadableName() or interface.name()
                found.append((0 if v4 else 1, RoomAddress(text, f"{name} — {text}")))
    if not any(a.address == "127.0.0.1" for _, a in found):
        found.append((9, RoomAddress("127.0.0.1", "This laptop only (a demo) — 127.0.0.1")))
    return [a for _, a in sorted(found, key=lambda pair: pair[0])]
