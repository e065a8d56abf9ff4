"""Which screen the presentation goes on."""

from __future__ import annotations

from collections.abc import Sequence


def choose_screen(screens: Sequence, editor_screen, preferred=None):
    """The screen to present on: `preferred` while it is connected; else the first screen that is not
    the editor's (the projector beside the laptop); else, with one screen, that one. None without screens."""
    if not screens:
        return None
    if preferred is not None and preferred in screens:
        return preferred
    others = [screen for screen in screens if screen != editor_screen]
    if others:
        return others[0]
    return editor_screen if editor_screen in screens else screens[0]


def describe(screen) -> str:
    """A screen as a person picks it in a list: "HDMI-1 — 1280 × 720"."""
    size = screen.geometry()
    name = screen.name() or "Screen"
    return f"{name} — {size.width()} × {size.height()}"
