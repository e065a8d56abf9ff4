"""Form fields bound to the model: each user edit becomes one command; the model's state is shown back.

A field reads its value through `read()` and turns a user edit into an
operation planned by `write(value)` (model/edits.py; None changes nothing),
which the session pushes as one command. Text fields give one merge key per
typing burst (renewed when the field loses focus or the user presses
Enter), so a burst is one undo step. `refresh()` shows the model's value
again without emitting an edit, and leaves a field alone while it already
shows that value (the cursor does not jump while typing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QSpinBox, QWidget)

from model.errors import NotFoundError

from .session import EditSession

Read = Callable[[], Any]
Write = Callable[[Any], Any]  # value -> the planned operation (or None to do nothing)


class _Burst:
    """A fresh merge key each time a field is left; the same key while the user keeps typing."""

    def __init__(self) -> None:
        self.key = object()

    def end(self) -> None:
        self.key = object()


class _FocusOut(QObject):
    def __init__(self, burst: _Burst, parent: QObject) -> None:
        super().__init__(parent)
        self._burst = burst

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusOut:
            self._burst.end()
        return False


def _typing_burst(widget: QWidget) -> _Burst:
    """The merge key of `widget`'s typing bursts, renewed when it loses focus."""
    burst = _Burst()
    widget.installEventFilter(_FocusOut(burst, widget))
    return burst


class FieldBinder:
    """Builds bound fields for one form and refreshes them together."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        # One loader per field, kept with its widget so a field that is dropped takes its loader along.
        self._fields: dict[QWidget, Callable[[], None]] = {}

    def _push(self, write: Write, value: Any, key: object, reload: Callable[[], None] | None = None) -> None:
        """Push the field's edit; a choice the model refuses snaps back to the model's value (`reload`)."""
        try:
            op = write(value)
        except NotFoundError:  # the object went away (another edit, an undo) while its field had focus
            return
        pushed = self.session.edit(op, merge_key=key)
        if not pushed and reload is not None:
            _quietly(reload)

    def refresh(self) -> None:
        for widget, load in list(self._fields.items()):
            load()
            _set_read_only(widget, self.session.read_only)

    def drop(self, widget: QWidget) -> None:
        """Forget a field before its widget is deleted (a form row rebuilt): it is never loaded again."""
        self._fields.pop(widget, None)

    # -- fields --------------------------------------------------------------------------

    def line(self, read: Read, write: Write, *, placeholder: str = "") -> QLineEdit:
        widget = QLineEdit()
        widget.setPlaceholderText(placeholder)
        burst = _typing_burst(widget)
        widget.textEdited.connect(lambda text: self._push(write, text, burst.key))
        widget.returnPressed.connect(burst.end)

        def load() -> None:
            value = read() or ""
            if widget.text() != value:
                widget.setText(value)
                widget.setCursorPosition(0)
        # A refused edit (an empty name) leaves the field; show the model's value again.
        widget.editingFinished.connect(lambda: _quietly(load))
        self._add(widget, load)
        return widget

    def date(self, read: Read, write: Write, *, placeholder: str = "YYYY-MM-DD") -> QLineEdit:
        """A calendar date typed as 2026-12-31, empty for none. Half a date is no value, so it is set when
        the field is left or Enter is pressed, as one command; a date the model refuses is reported (the
        session's refusal) and the model's value is shown again."""
        widget = QLineEdit()
        widget.setPlaceholderText(placeholder)
        widget.setClearButtonEnabled(True)
        state = {"edited": False, "shown": ""}  # typed since the model's value was shown; that value

        def on_edited(_text: str) -> None:
            state["edited"] = True

        def load() -> None:
            value = read() or ""
            if state["edited"] and widget.hasFocus() and value == state["shown"]:
                return  # another change while the user is typing a date: keep what they typed
            state["edited"], state["shown"] = False, value
            if widget.text() != value:
                widget.setText(value)

        def on_finished() -> None:
            if state["edited"]:
                state["edited"] = False
                self._push(write, widget.text().strip(), None, load)
        widget.textEdited.connect(on_edited)
        widget.editingFinished.connect(on_finished)
        self._add(widget, load)
        return widget

    def text_area(self, read: Read, write: Write, *, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
        widget = QPlainTextEdit()
        widget.setPlaceholderText(placeholder)
        widget.setTabChangesFocus(True)
        height = widget.fontMetrics().lineSpacing() * lines + 14
        widget.setFixedHeight(height)
        burst = _typing_burst(widget)
        widget.textChanged.connect(lambda: self._push(write, widget.toPlainText(), burst.key))

        def load() -> None:
            value = read() or ""
            if widget.toPlainText() != value:
                with QSignalBlocker(widget):  # showing the model's value is not an edit
                    widget.setPlainText(value)
        self._add(widget, load)
        return widget

    def combo(self, items: Sequence[tuple[str, Any]], read: Read, write: Write,
              icons: Sequence[QIcon] | None = None) -> QComboBox:
        widget = QComboBox()
        for i, (label, value) in enumerate(items):
            if icons is not None:
                widget.addItem(icons[i], label, value)
            else:
                widget.addItem(label, value)
        values = [value for _label, value in items]

        def load() -> None:
            value = read()
            index = values.index(value) if value in values else -1
            if widget.currentIndex() != index:
                widget.setCurrentIndex(index)

        def on_activated(index: int) -> None:
            self._push(write, values[index], None, load)
        widget.activated.connect(on_activated)
        self._add(widget, load)
        return widget

    def spin(self, minimum: int, maximum: int, read: Read, write: Write, *, none_label: str = "") -> QSpinBox:
        """A whole number; with `none_label`, the value below `minimum` shows that label and means None."""
        widget = QSpinBox()
        low = minimum - 1 if none_label else minimum
        widget.setRange(low, maximum)
        if none_label:
            widget.setSpecialValueText(none_label)
        burst = _typing_burst(widget)
        def on_changed(value: int) -> None:
            self._push(write, None if (none_label and value == low) else value, burst.key)
        widget.valueChanged.connect(on_changed)

        def load() -> None:
            value = read()
            shown = low if value is None else int(value)
            if widget.value() != shown:
                with QSignalBlocker(widget):
                    widget.setValue(shown)
        self._add(widget, load)
        return widget

    def decimal(self, minimum: float, maximum: float, step: float, read: Read, write: Write, *,
                decimals: int = 1, suffix: str = "", none_label: str = "") -> QDoubleSpinBox:
        """A number; with `none_label`, one step below `minimum` means None."""
        widget = QDoubleSpinBox()
        low = minimum - step if none_label else minimum
        widget.setRange(low, maximum)
        widget.setSingleStep(step)
        widget.setDecimals(decimals)
        widget.setSuffix(suffix)
        if none_label:
            widget.setSpecialValueText(none_label)
        burst = _typing_burst(widget)
        def on_changed(value: float) -> None:
            is_none = none_label and abs(value - low) < step / 2
            self._push(write, None if is_none else float(value), burst.key)
        widget.valueChanged.connect(on_changed)

        def load() -> None:
            value = read()
            shown = low if value is None else float(value)
            if abs(widget.value() - shown) > 1e-9:
                with QSignalBlocker(widget):
                    widget.setValue(shown)
        self._add(widget, load)
        return widget

    def check(self, text: str, read: Read, write: Write) -> QCheckBox:
        widget = QCheckBox(text)

        def load() -> None:
            value = bool(read())
            if widget.isChecked() != value:
                widget.setChecked(value)
        widget.clicked.connect(lambda checked: self._push(write, bool(checked), None, load))
        self._add(widget, load)
        return widget

    def _add(self, widget: QWidget, load: Callable[[], None]) -> None:
        self._fields[widget] = load


def _quietly(load: Callable[[], None]) -> None:
    try:
        load()
    except NotFoundError:  # the field's object was removed meanwhile; its page is being replaced
        pass


def _set_read_only(widget: QWidget, read_only: bool) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.setReadOnly(read_only)
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setReadOnly(read_only)
        widget.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if read_only
                                else QSpinBox.ButtonSymbols.UpDownArrows)
    else:
        widget.setEnabled(not read_only)


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def colour_dot(colour: str, size: int = 14) -> QIcon:
    """A round swatch of a person's colour (a persona, a participant) for lists and buttons."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def plain_label(text: str = "") -> QLabel:
    """A wrapping label that shows its text as typed: user text is data, never markup."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def fill_checklist(widget: QListWidget, rows: Sequence[tuple[str, Any]], ticked: Sequence[Any]) -> None:
    """Show `rows` (label, value) as tickable items, those whose value is in `ticked` ticked; emits nothing."""
    with QSignalBlocker(widget):  # showing the model's choice is not a user's tick
        widget.clear()
        for label, value in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked)
            widget.addItem(item)


def literal_tooltip(text: str) -> str:
    """A tooltip that shows user text as typed: Qt renders a tooltip that looks like HTML as HTML."""
    import html

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
