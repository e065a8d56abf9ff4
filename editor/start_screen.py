"""The start screen (`journeymap` with no file): a new map from a template, the example, open, recent maps.

It only emits what the user chose; the application opens or creates the map.
Each template tile shows a small preview drawn by the canvas renderer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

TEMPLATE_LABELS = {
    "five-phase": "Five phases",
    "b2b": "B2B",
    "ecommerce": "E-commerce",
    "digital": "Digital service",
    "service-blueprint": "Service blueprint",
    "blank": "Blank",
}
PREVIEW = QSize(232, 120)


def template_preview(name: str) -> QPixmap:
    """A small picture of a new map from the template (the canvas's own renderer, scaled down)."""
    from canvas.render import render_image
    from model.document import Document
    from model.templates import build_template

    image = render_image(Document(build_template(name)), scale=0.35)
    pixmap = QPixmap.fromImage(image)
    return pixmap.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class StartScreen(QWidget):
    template_chosen = Signal(str)
    example_chosen = Signal()
    open_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, recent: list[Path], parent=None) -> None:
        super().__init__(parent)
        from model.templates import TEMPLATE_NAMES, template_summary

        self.setWindowTitle("Journeymap")
        self.setObjectName("start_screen")
        heading = QLabel("Start a journey map")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        sub = QLabel("Every change is saved as you make it. New maps are kept for you until you name them "
                     "with File > Save As.")
        sub.setWordWrap(True)
        sub.setStyleSheet("color: #5f6368;")

        grid = QGridLayout()
        grid.setSpacing(12)
        self.tiles: dict[str, QToolButton] = {}
        for i, name in enumerate(TEMPLATE_NAMES):
            tile = QToolButton()
            tile.setObjectName(f"template_{name}")
            tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            tile.setIconSize(PREVIEW)
            tile.setIcon(QIcon(template_preview(name)))
            tile.setText(TEMPLATE_LABELS.get(name, name.replace("-", " ").capitalize()))
            tile.setToolTip(template_summary(name).capitalize())
            tile.setAutoRaise(False)
            tile.setMinimumSize(PREVIEW.width() + 24, PREVIEW.height() + 44)
            tile.clicked.connect(lambda _c=False, n=name: self.template_chosen.emit(n))
            grid.addWidget(tile, i // 3, i % 3)
            self.tiles[name] = tile

        self.example_button = QPushButton("Open the Example Map")
        self.example_button.clicked.connect(self.example_chosen.emit)
        self.open_button = QPushButton("Open a Map…")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested.emit)
        self.recent = QListWidget()
        self.recent.setObjectName("recent_maps")
        for path in recent:
            item = QListWidgetItem(path.stem)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
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
