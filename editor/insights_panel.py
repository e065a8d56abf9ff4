"""The Insights panel: what the map says (model.insights), grouped by kind, kept up to date as the map changes.

Clicking a finding selects its cards (or its stages) on the canvas and asks
the window to bring them into view: view state, never an edit. The findings
are recomputed a moment after the map stops changing, only while the panel
can be seen (not behind another panel's tab: editor/when_seen.py), and not
at all for edits no finding reads (a card's colour or notes, a stage's
width, a lane folded).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QHeaderView, QLabel, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from canvas.decorations import INSIGHTS, Decoration
from model import ops
from model.insights import Finding, findings, grouped

from .forms import literal_tooltip
from .when_seen import WhenSeen

SHOWN_PER_GROUP = 25  # a large map can say thousands of things: the first few per group, the rest on demand
DEBOUNCE_MS = 250
SEVERITY_COLOURS = {"high": "#C53030", "medium": "#DD6B20", "low": "#718096"}

# Fields no finding reads: editing only these leaves the findings as they were.
_UNREAD = {
    ops.UpdateCard: {"colour", "notes"},
    ops.UpdateStage: {"width", "question"},
    ops.UpdateLane: {"collapsed", "question"},
    ops.UpdatePersona: {"role", "quote", "goals", "needs", "pains", "behaviours", "motivations", "photo", "colour",
                      "visible"},
    ops.UpdateMap: {"title", "description", "owner"},
}


def _reads_nothing(op) -> bool:
    unread = _UNREAD.get(type(op))
    return unread is not None and set(op.changes) <= unread


def _dot_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


FINDING_MARK = "#C53030"  # the ring around a clicked finding's cards


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped sentence at the column's current width (QTreeView does not measure that)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint(option, index)
        depth = 0 if not index.parent().isValid() else 1
        width = self.tree.header().sectionSize(0) - self.tree.indentation() * (depth + 1) - 24
        if width <= 40:
            return hint
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), box.height() + 6))


class InsightsPanel(QWidget):
    finding_activated = Signal(object)  # a Finding was clicked: the window brings its cards into view

    def __init__(self, document, scene, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("insights")
        self.doc = document
        self.scene = scene
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        # One column as wide as the panel, so a long sentence wraps instead of running off the side.
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self._icons = {name: _dot_icon(colour) for name, colour in SEVERITY_COLOURS.items()}
        self.tree.itemClicked.connect(self._on_tree_item_clicked)
        self.tree.itemActivated.connect(self._on_tree_item_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.found: list[Finding] = []
        self._show_all: set[str] = set()  # groups whose every finding is listed, not just the first few
        self._when_seen = WhenSeen(self, self._refresh_once_painted, delay_ms=DEBOUNCE_MS)
        self._refresh_when_painted = False
        self.detach = document.changed.connect(self._on_document_changed)  # the window calls it when it closes

    # -- keeping up ------------------------------------------------------------------

    def _on_document_changed(self, change) -> None:
        if not _reads_nothing(change.op):
            self._when_seen.request()

    def _refresh_once_painted(self) -> None:
        # Once the frame that shows the panel is drawn (paintEvent): the first look at the flow
        # imports networkx (a sixth of a second), which must not hold up the window's first frame.
        self._refresh_when_painted = True
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._refresh_when_painted:
            self._refresh_when_painted = False
            QTimer.singleShot(0, self.refresh)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.tree.doItemsLayout()  # wrapped sentences take the height the new width needs

    def refresh(self) -> None:
        """Recompute the findings; rebuild the list only if they changed (keeping which groups were folded)."""
        self._when_seen.stale = False
        found = findings(self.doc)
        if found == self.found and self.tree.topLevelItemCount():
            return
        self.found = found
        self._rebuild()

    def _rebuild(self) -> None:
        heads = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        folded = {head.data(0, Qt.ItemDataRole.UserRole) for head in heads if not head.isExpanded()}
        self.tree.clear()
        for group, members in grouped(self.found):
            head = QTreeWidgetItem([f"{group}  ({len(members)})"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, Qt.ItemDataRole.UserRole, group)
            shown = len(members) if group in self._show_all else SHOWN_PER_GROUP
            for finding in members[:shown]:
                item = QTreeWidgetItem([finding.sentence])
                item.setData(0, Qt.ItemDataRole.UserRole, finding)
                item.setToolTip(0, literal_tooltip(f"{finding.kind.label} · {finding.severity}\n{finding.sentence}"))
                item.setIcon(0, self._icons[str(finding.severity)])
                head.addChild(item)
            if len(members) > shown:
                more = QTreeWidgetItem([f"… and {len(members) - shown} more: show all"])
                more.setData(0, Qt.ItemDataRole.UserRole, ("show all", group))
                more.setForeground(0, QBrush(QColor("#2B6CB0")))
                head.addChild(more)
            self.tree.addTopLevelItem(head)
            head.setExpanded(group not in folded)
        high = sum(1 for f in self.found if f.severity == "high")
        self.summary.setText("Nothing to report yet: add cards, emotions, connections and impact and effort scores."
                             if not self.found else
                             f"{len(self.found)} finding{'s' if len(self.found) != 1 else ''}, {high} high.")

    # -- clicking -------------------------------------------------------------------

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                if head.child(j).data(0, Qt.ItemDataRole.UserRole) == finding:
                    return head.child(j)
        return None

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if shiboken6.isValid(self.scene):  # the window may be tearing its scene down
            self.scene.set_decoration(INSIGHTS, None)
        super().hideEvent(event)

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(finding, tuple) and finding[0] == "show all":
            self._show_all.add(finding[1])
            self._rebuild()
            return
        if not isinstance(finding, Finding):
            return
        cards = [c for c in finding.card_ids if self.doc.has_card(c)]
        stages = [s for s in finding.stage_ids if s in {st.id for st in self.doc.stages}]
        # The finding's cards ringed on the canvas (a decoration layer: never an edit), and selected.
        self.scene.set_decoration(INSIGHTS, Decoration(marks={c: FINDING_MARK for c in cards}) if cards else None)
        if cards:
            self.scene.select("cards", cards)
        elif stages:
            self.scene.select("stages", stages)
        else:
            return
        self.finding_activated.emit(finding)
