"""Actions declared once, as data, and built into menus, the toolbar and shortcuts in one place.

A window lists `ActionSpec`s; `ActionSet` makes one QAction per spec, puts it
in its menu (in the order given) and, if asked, on the toolbar, and keeps each
action's enabled state current: `enabled_when()` is re-evaluated on
`refresh()`, and every spec marked `edits=True` is disabled while the map is
read-only.

A key sequence belongs to one action only (Qt does nothing for a key two
actions share). Keys written out in a spec are checked when the set is built;
a standard key expands to what the platform binds it to, which differs between
Windows, macOS, KDE and GNOME, so an expansion that another action already
holds is left out there instead of making both keys dead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str  # top-level menu title ("&File"); "" for a shortcut with no menu entry
    handler: Callable[[], None]
    shortcut: Shortcut | tuple[Shortcut, ...] = None
    enabled_when: Callable[[], bool] | None = None
    edits: bool = False  # changes the map, so read-only disables it
    toolbar: bool = False
    separator_before: bool = False
    checkable: bool = False
    checked_when: Callable[[], bool] | None = None
    tip: str = ""
    submenu: str = ""  # a submenu title inside `menu`
    toolbar_text: str = ""  # a shorter or clearer label for the toolbar button


def _shortcuts(spec: ActionSpec) -> tuple[Shortcut, ...]:
    return tuple(s for s in (spec.shortcut if isinstance(spec.shortcut, tuple) else (spec.shortcut,)) if s is not None)


def assign_keys(specs: Sequence[ActionSpec]) -> dict[str, list[QKeySequence]]:
    """Each action's key sequences, no sequence given to two actions.

    Written-out keys come first and must be unique (ValueError names both
    actions); then each standard key's platform bindings, minus those taken.
    """
    owner: dict[str, str] = {}  # key text -> action id
    keys: dict[str, list[QKeySequence]] = {spec.id: [] for spec in specs}

    def claim(action_id: str, key: QKeySequence, written: bool) -> None:
        text = key.toString()
        if key.isEmpty() or owner.get(text) == action_id:
            return
        if text in owner:
            if written:
                raise ValueError(f"{text} is the shortcut of both {owner[text]} and {action_id}")
            return  # a platform's extra binding for a standard key, already someone else's
        owner[text] = action_id
        keys[action_id].append(key)

    for spec in specs:
        for shortcut in _shortcuts(spec):
            if not isinstance(shortcut, QKeySequence.StandardKey):
                claim(spec.id, QKeySequence(shortcut), True)
    for spec in specs:
        for shortcut in _shortcuts(spec):
            if isinstance(shortcut, QKeySequence.StandardKey):
                for key in QKeySequence.keyBindings(shortcut):
                    claim(spec.id, key, False)
    # In the order the spec gives them: the first is the one menus and tooltips show.
    for spec in specs:
        order = []
        for shortcut in _shortcuts(spec):
            if isinstance(shortcut, QKeySequence.StandardKey):
                order += [k.toString() for k in QKeySequence.keyBindings(shortcut)]
            else:
                order.append(QKeySequence(shortcut).toString())
        keys[spec.id].sort(key=lambda k: order.index(k.toString()))
    return keys


class ActionSet:
    """The QActions of one window, built from specs."""

    def __init__(self, owner: QWidget, specs: Sequence[ActionSpec], *, read_only: Callable[[], bool]) -> None:
        self._owner = owner
        self._specs = {spec.id: spec for spec in specs}
        if len(self._specs) != len(specs):
            raise ValueError("two actions share an id")
        self._order = list(specs)
        self._read_only = read_only
        self._locked = False  # the window is handed to someone else (the voting booth): no action at all
        self._actions: dict[str, QAction] = {}
        assigned = assign_keys(specs)
        for spec in specs:
            action = QAction(spec.text, owner)
            action.setObjectName(spec.id)
            keys = assigned[spec.id]
            if keys:
                action.setShortcuts(keys)
            if spec.tip or keys:
                tip = spec.tip or spec.text.replace("&", "").rstrip("…")
                shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
                action.setToolTip(f"{tip} ({shown})" if shown else tip)
            if spec.toolbar_text:
                action.setIconText(spec.toolbar_text)  # what a text-only toolbar button shows
            action.setCheckable(spec.checkable)
            action.triggered.connect(lambda _checked=False, h=spec.handler: h())
            owner.addAction(action)  # shortcuts work even for actions in no visible menu
            self._actions[spec.id] = action
        self.refresh()

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def ids(self) -> list[str]:
        return [spec.id for spec in self._order]

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[action_id]

    def build_menus(self, menu_bar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        submenus: dict[tuple[str, str], QMenu] = {}
        for spec in self._order:
            if not spec.menu:
                continue
            menu = menus.get(spec.menu)
            if menu is None:
                menu = menus[spec.menu] = menu_bar.addMenu(spec.menu)
            if spec.submenu:
                key = (spec.menu, spec.submenu)
                if key not in submenus:
                    if spec.separator_before:
                        menu.addSeparator()
                    submenus[key] = menu.addMenu(spec.submenu)
                submenus[key].addAction(self._actions[spec.id])
                continue
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self._actions[spec.id])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for spec in self._order:
            if spec.toolbar:
                if spec.separator_before and toolbar.actions():
                    toolbar.addSeparator()
                toolbar.addAction(self._actions[spec.id])

    def set_locked(self, locked: bool) -> None:
        """Disable every action, shortcuts included, until unlocked (menus and toolbar stay in place)."""
        self._locked = locked
        self.refresh()

    @property
    def locked(self) -> bool:
        return self._locked

    def refresh(self) -> None:
        """Re-evaluate enabled and checked states (after a selection, an edit or a read-only switch)."""
        read_only = self._read_only()
        for spec in self._order:
            action = self._actions[spec.id]
            enabled = not (spec.edits and read_only) and not self._locked
            if enabled and spec.enabled_when is not None:
                enabled = bool(spec.enabled_when())
            action.setEnabled(enabled)
            if spec.checked_when is not None:
                action.setChecked(bool(spec.checked_when()))
