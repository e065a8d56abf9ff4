"""The canvas's right-click menu, made of the window's own actions (declared once in window_actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from .main_window import MainWindow

_CARD_ITEMS = ("edit.edit_text", None, "edit.cut", "edit.copy", "edit.paste", "edit.duplicate", None)
_TAIL = ("insert.connection", None, "edit.delete")


def build_context_menu(window: "MainWindow") -> QMenu:
    """Actions that fit the current selection; colour and kind submenus for cards."""
    actions = window.actions
    actions.refresh()
    selection = window.scene.selected_ids()
    menu = QMenu(window)
    if selection.cards:
        _add(menu, actions, _CARD_ITEMS)
        for title, prefix in (("Colour", "card.colour."), ("Kind", "card.kind.")):
            sub = menu.addMenu(title)
            for action_id in actions.ids():
                if action_id.startswith(prefix):
                    sub.addAction(actions[action_id])
            sub.setEnabled(not window.session.read_only)
        menu.addSeparator()
        _add(menu, actions, _TAIL)
    elif selection.stages or selection.lanes or selection.connections or selection.emotion:
        _add(menu, actions, ("edit.edit_text", None, "edit.delete"))
    else:
        _add(menu, actions, ("insert.card", "edit.paste", None, "insert.stage", "insert.lane", "insert.persona"))
    return menu


def _add(menu: QMenu, actions, ids) -> None:
    for action_id in ids:
        if action_id is None:
            menu.addSeparator()
        else:
            menu.addAction(actions[action_id])
