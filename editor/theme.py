"""View > Theme: System, Light, Dark or High contrast, for the screen only (posters and exports stay paper).

The canvas draws with one `canvas.style.Palette` (`style.use()`); the widgets
around it get a QPalette made from the same palette object, on the Fusion
style, which honours every palette role on every platform. "System" follows
the platform: dark when the system is in dark mode (QStyleHints.colorScheme),
high contrast when it asks for more contrast (Qt 6.10+), and then the
platform's own style and palette are left in charge of the widgets. The
choice is kept in the settings; windows repaint on `changed`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from canvas import style

CHOICES = ("system", "light", "dark", "high_contrast")
LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark", "high_contrast": "&High Contrast"}

# The platform's own style, taken once, before any theme of ours replaced it.
_native: dict[str, str] = {}


def system_theme() -> str:
    """What the platform asks for: "high_contrast", "dark" or "light"."""
    hints = QApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10 and later
    if accessibility is not None:
        preference = accessibility().contrastPreference()
        if preference == Qt.ContrastPreference.HighContrast:
            return "high_contrast"
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def widget_palette(p: style.Palette) -> QPalette:
    """The widgets' QPalette for a canvas palette: panels in its header tones, fields in its cell tone."""
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    contrast = p is style.HIGH_CONTRAST
    window = QColor(p.lane_header if not contrast else "#FFFFFF")
    button = QColor(p.corner if not contrast else "#FFFFFF")
    palette = QPalette(button, window)
    on_selection = "#0B1220" if p.dark else "#FFFFFF"
    for role, value in ((R.Window, window.name()), (R.WindowText, p.ink), (R.Base, p.cell),
                        (R.AlternateBase, p.cell_alt), (R.Text, p.ink), (R.Button, button.name()),
                        (R.ButtonText, p.ink), (R.BrightText, "#FF5C5C" if p.dark else "#B00020"),
                        (R.Highlight, p.selection), (R.HighlightedText, on_selection), (R.ToolTipBase, p.surface),
                        (R.ToolTipText, p.ink), (R.PlaceholderText, p.ink_soft), (R.Link, p.selection),
                        (R.LinkVisited, p.selection), (R.Accent, p.selection)):
        palette.setColor(role, QColor(value))
    if contrast:  # every edge drawn black, so fields and buttons stand out without colour
        for role in (R.Mid, R.Dark, R.Shadow, R.Light, R.Midlight):
            palette.setColor(role, QColor("#000000" if role in (R.Mid, R.Dark, R.Shadow) else "#FFFFFF"))
    muted = QColor(p.ink_faint if not contrast else "#595959")
    for role in (R.WindowText, R.Text, R.ButtonText):
        palette.setColor(G.Disabled, role, muted)
    return palette


class ThemeService(QObject):
    """The editor's theme: the user's choice (kept in the settings) and what it resolves to."""

    changed = Signal()

    def __init__(self, settings, *, system: Callable[[], str] = system_theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._system = system
        app = QApplication.instance()
        _native.setdefault("style", app.style().name())
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_changed)
        accessibility = getattr(hints, "accessibility", None)
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self._on_system_changed)
        self.apply()

    def choice(self) -> str:
        """"system", "light", "dark" or "high_contrast"."""
        chosen = self._settings.theme()
        return chosen if chosen in CHOICES else "system"

    def effective(self) -> str:
        """The theme drawn now: the choice, or for "system" what the platform asks for."""
        chosen = self.choice()
        return self._system() if chosen == "system" else chosen

    def palette(self) -> style.Palette:
        return style.THEMES[self.effective()]

    def set_choice(self, name: str) -> None:
        """Choose a theme (kept for the next start); refuses a name that is not one of CHOICES."""
        if name not in CHOICES:
            raise ValueError(f"no theme named {name!r}")
        self._settings.set_theme(name)
        self.apply()

    def apply(self) -> None:
        """Put the theme in force for the canvas and the widgets, and tell the windows."""
        style.use(self.palette())
        app = QApplication.instance()
        if self.choice() == "system":
            if app.style().name() != _native["style"]:
                app.setStyle(_native["style"])
            if app.palette().resolveMask():
                app.setPalette(QPalette())  # an empty palette: back to the platform's, which follows the system
        else:
            if app.style().name().lower() != "fusion":
                app.setStyle("Fusion")
            app.setPalette(widget_palette(self.palette()))
        self.changed.emit()

    def _on_system_changed(self, *_args) -> None:
        if self.choice() == "system":
            self.apply()
