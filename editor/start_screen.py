"""The start screen (`journeymap` with no file): a new map from a template, the example, open, recent maps.

It only emits what the user chose; the application opens or creates the map.
Each template tile shows a small preview drawn by the canvas renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from .forms import literal_tooltip

TEMPLATE_LABELS = {
    "five-phase": "Five phases",
    "b2b": "B2B",
    "ecommerce": "E-commerce",
    "digital": "Digital service",
    "service-blueprint": "Service blueprint",
    "blank": "Blank",
}
PREVIEW = QSize(240, 120)

if TYPE_CHECKING:
    from .files import RecentMap


def template_preview(name: str) -> QPixmap:
    """A small picture of a new map from the template (the canvas's own renderer, scaled down)."""
    from canvas.render import render_image
    from model.document import Document
    from model.templates import build_template

    image = render_image(Document(build_template(name)), scale=0.35, frame=False)  # the tile names it
    pixmap = QPixmap.fromImage(image)
    return pixmap.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class TemplateTile(QFrame):
    """A template to start from: its preview, its name and what it holds; a click chooses it."""

    clicked = Signal()

    def __init__(self, label: str, summary: str, preview: QPixmap, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("template_tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            # Palette roles, not colours: the tiles follow View > Theme (dark, high contrast).
            "#template_tile { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
            "#template_tile:hover, #template_tile:focus { border: 2px solid palette(highlight); }")
        self.preview = QLabel()
        self.preview.setPixmap(preview)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedHeight(PREVIEW.height() + 8)
        name = QLabel(label)
        name.setStyleSheet("font-weight: 600; font-size: 13px; border: none;")
        about = QLabel(summary[:1].upper() + summary[1:])
        about.setWordWrap(True)
        about.setStyleSheet("border: none;")
        for widget in (name, about):
            widget.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.preview)
        layout.addWidget(name)
        layout.addWidget(about)
        layout.addStretch()
        self.setFixedWidth(PREVIEW.width() + 32)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


class StartScreen(QWidget):
    template_chosen = Signal(str)
    example_chosen = Signal()
    open_requested = Signal()
    import_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, recent: list[RecentMap], parent=None) -> None:
        super().__init__(parent)
        from model.templates import TEMPLATE_NAMES, template_summary

        self.setWindowTitle("Journeymap")
        self.setObjectName("start_screen")
        heading = QLabel("Start a journey map")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        sub = QLabel("Every change is saved as you make it. New maps are kept for you until you name them "
                     "with File > Save As.")
        sub.setWordWrap(True)


        grid = QGridLayout()
        grid.setSpacing(12)
        self.tiles: dict[str, TemplateTile] = {}
        for i, name in enumerate(TEMPLATE_NAMES):
            label = TEMPLATE_LABELS.get(name, name.replace("-", " ").capitalize())
            tile = TemplateTile(label, template_summary(name), template_preview(name))
            tile.clicked.connect(lambda n=name: self.template_chosen.emit(n))
            grid.addWidget(tile, i // 3, i % 3)
            self.tiles[name] = tile

        self.example_button = QPushButton("Open the Example Map")
        self.example_button.clicked.connect(self.example_chosen.emit)
        self.open_button = QPushButton("Open a Map…")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested.emit)
        self.import_button = QPushButton("Import from Excel, CSV, JSON…")
        self.import_button.setToolTip("Make a new map from an Excel workbook, a CSV table, a JSON or a Mermaid file")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.recent = QListWidget()
        self.recent.setObjectName("recent_maps")
        # Two lines per map (title, file) in a narrow column: wrap a long title rather than scroll sideways.
        self.recent.setWordWrap(True)
        self.recent.setSpacing(3)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for entry in recent:
            # The title says which map it is; the file name tells "Untitled 3" from a named copy.
            item = QListWidgetItem(f"{entry.heading}\n{entry.path.name}")
            item.setToolTip(literal_tooltip(str(entry.path)))
            item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
            self.recent.addItem(item)
        if not recent:
            placeholder = QListWidgetItem("No recent maps yet")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)
        self.recent.itemActivated.connect(self._on_recent_item_activated)

        left = QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(sub)
        left.addSpacing(8)
        left.addLayout(grid)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self.open_button)
        right.addWidget(self.import_button)
        right.addWidget(self.example_button)
        right.addSpacing(12)
        right.addWidget(QLabel("Recent maps"))
        right.addWidget(self.recent, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(24)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recent_chosen.emit(path)
