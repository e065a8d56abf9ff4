"""The inspector's pages: one form per kind of thing that can be selected.

Each page inspects one target id (or the map), reads every value from the
Document and turns every edit into one command through its FieldBinder.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from model import edits, ops, tobe, voting
from model.domain import (EMOTION_MAX, EMOTION_MIN, MAX_STAGE_WIDTH, MIN_STAGE_WIDTH, PALETTE, CardKind, Channel,
                          Evidence, Kpi, LaneKind)

from .session import EditSession
from .forms import FieldBinder, plain_label, swatch


def votes_text(doc, card_id: str) -> str:
    """What the inspector says of a card's votes: the current session's count, or why there is none."""
    session = voting.current_session(doc)
    if session is None:
        return "— (no voting session shown)"
    if not session.revealed:
        return f"hidden until “{session.name}” is revealed"
    count = voting.shown_votes(doc).get(card_id, 0)
    return f"{count} in “{session.name}”"


class Page(QWidget):
    """A form for one target; `show_target(id)` points it at another one."""

    heading = ""

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc = session.document
        self.target: str | None = None
        self.fields = FieldBinder(session)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        outer.addStretch(1)  # rows stay together at the top of a tall panel
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold; font-size: 14px; padding: 0 0 4px 0;")
        self.form.addRow(self.title)

    def show_target(self, target: str | None) -> None:
        self.target = target
        self.refresh()

    def refresh(self) -> None:
        self.title.setText(self.heading)
        self.fields.refresh()


CARD_KINDS = [(k.label, k) for k in CardKind]
CHANNELS = [(ch.label, ch) for ch in Channel]
EVIDENCE = [("—", Evidence.NONE)] + [(e.value.capitalize(), e) for e in Evidence if e.value]
COLOURS = [(name.capitalize(), name) for name in PALETTE]
DUE_TIP = "When it is due, like 2026-12-31 (empty for none); an action card shows it in its footer"


def colour_icons():
    # Built when a page is made: a QPixmap needs the QApplication to exist.
    return [swatch(fill) for fill, _border in PALETTE.values()]


class CardPage(Page):
    heading = "Card"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        f = self.fields

        def bind(name: str):
            return (lambda: getattr(self.doc.card(self.target), name),
                    lambda v: edits.update(self.doc, ops.UpdateCard, self.target, {name: v}))

        self.text_edit = f.text_area(*bind("text"), placeholder="What happens here", lines=4)
        self.form.addRow("Text", self.text_edit)
        self.form.addRow("Kind", f.combo(CARD_KINDS, *bind("kind")))
        self.form.addRow("Colour", f.combo(COLOURS, *bind("colour"), icons=colour_icons()))
        self.form.addRow("Channel", f.combo(CHANNELS, *bind("channel")))
        self.form.addRow("Owner", f.line(*bind("owner"), placeholder="Team or department"))
        self.due = f.date(*bind("due"), placeholder="YYYY-MM-DD, e.g. 2026-12-31")
        self.due.setToolTip(DUE_TIP)
        self.form.addRow("Due", self.due)
        self.form.addRow("Evidence", f.combo(EVIDENCE, *bind("evidence")))
        self.form.addRow("Impact", f.spin(1, 5, *bind("impact"), none_label="—"))
        self.form.addRow("Effort", f.spin(1, 5, *bind("effort"), none_label="—"))
        # Votes are the voting sessions' (the Voting panel): shown here, never typed.
        self.votes_label = plain_label("")
        self.form.addRow("Votes", self.votes_label)
        self.form.addRow("Notes", f.text_area(*bind("notes"), placeholder="Details, sources", lines=4))
        self.to_be_box = f.check("Future state (to-be) touchpoint", lambda: tobe.is_to_be(self.doc, self.target),
                                 lambda on: tobe.mark_to_be(self.doc, [self.target], on))
        self.form.addRow("To-be", self.to_be_box)
        self.emotion_rows: list[QWidget] = []

    def refresh(self) -> None:
        card = self.doc.card(self.target)
        stage, lane = self.doc.stage(card.stage_id), self.doc.lane(card.lane_id)
        self.heading = f"Card in {stage.name} · {lane.name}"
        self.votes_label.setText(votes_text(self.doc, card.id))
        # An action's field; a date another kind of card holds is never hidden.
        self.form.setRowVisible(self.due, card.kind == CardKind.ACTION or bool(card.due))
        self._rebuild_emotions()
        super().refresh()

    def _rebuild_emotions(self) -> None:
        """Two rows per persona: what they feel at this card (−2…+2, or none), and are meant to feel (to-be)."""
        personas = [(p.id, p.name) for p in self.doc.personas]
        wanted = [p for p, _ in personas for _ in (0, 1)]
        if [getattr(w, "persona_id", None) for w in self.emotion_rows] != wanted:
            for widget in self.emotion_rows:
                self.fields.drop(widget)  # its loader would touch a deleted widget
                self.form.removeRow(widget)
            self.emotion_rows = []
            for persona_id, name in personas:
                widget = self.fields.decimal(
                    EMOTION_MIN, EMOTION_MAX, 0.5,
                    lambda p=persona_id: self.doc.emotion(self.target, p),
                    lambda v, p=persona_id: edits.set_emotion(self.doc, self.target, p, v),
                    none_label="—")
                widget.persona_id = persona_id
                self.emotion_rows.append(widget)
                self.form.addRow(f"{name} feels", widget)
                future = self.fields.decimal(
                    EMOTION_MIN, EMOTION_MAX, 0.5,
                    lambda p=persona_id: tobe.to_be_value(self.doc, self.target, p),
                    lambda v, p=persona_id: tobe.set_to_be_emotion(self.doc, self.target, p, v),
                    none_label="—")
                future.persona_id = persona_id
                future.setToolTip("What this persona is meant to feel here in the future state (the to-be curve)")
                self.emotion_rows.append(future)
                self.form.addRow(f"{name} to be", future)
        for i, widget in enumerate(self.emotion_rows):
            label = self.form.labelForField(widget)
            if label is not None:
                name = personas[i // 2][1]
                label.setText(f"{name} feels" if i % 2 == 0 else f"{name} to be")


class CardsPage(Page):
    """Several cards: what applies to all of them at once."""

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        self.card_ids: tuple[str, ...] = ()
        f = self.fields

        def common(name):
            values = {getattr(self.doc.card(i), name) for i in self.card_ids if self.doc.has_card(i)}
            return values.pop() if len(values) == 1 else None

        self.form.addRow("Colour", f.combo(COLOURS, lambda: common("colour"),
                                           lambda v: edits.update_cards(self.doc, self.card_ids, {"colour": v}, "Recolour cards"),
                                           icons=colour_icons()))
        self.form.addRow("Kind", f.combo(CARD_KINDS, lambda: common("kind"),
                                         lambda v: edits.update_cards(self.doc, self.card_ids, {"kind": v}, "Change card kind")))
        self.form.addRow("Channel", f.combo(CHANNELS, lambda: common("channel"),
                                            lambda v: edits.update_cards(self.doc, self.card_ids, {"channel": v}, "Set channel")))

        def for_all(name: str, text: str):
            """A field for the whole selection: shows the cards' common value (empty when they differ);
            an edit sets it on every card as one undo step, a typing burst included."""
            return (lambda: common(name),
                    lambda v: edits.update_cards(self.doc, self.card_ids, {name: v}, text))

        self.owner = f.line(*for_all("owner", "Set owner"), placeholder="Team or department (sets it on all)")
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Evidence", f.combo(EVIDENCE, *for_all("evidence", "Set evidence")))
        self.form.addRow("Impact", f.spin(1, 5, *for_all("impact", "Set impact"), none_label="—"))
        self.form.addRow("Effort", f.spin(1, 5, *for_all("effort", "Set effort"), none_label="—"))
        self.due = f.date(*for_all("due", "Set due date"), placeholder="YYYY-MM-DD (sets it on all)")
        self.due.setToolTip(DUE_TIP)
        self.form.addRow("Due", self.due)

    def show_cards(self, card_ids: tuple[str, ...]) -> None:
        self.card_ids = card_ids
        self.heading = f"{len(card_ids)} cards"
        self.refresh()


class StagePage(Page):
    heading = "Stage"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        f = self.fields

        def bind(name: str):
            return (lambda: getattr(self.doc.stage(self.target), name),
                    lambda v: edits.update(self.doc, ops.UpdateStage, self.target, {name: v}))

        self.form.addRow("Name", f.line(*bind("name")))
        self.form.addRow("Goal", f.text_area(*bind("goal"), placeholder="What the customer wants here", lines=2))
        self.form.addRow("Question", f.line(*bind("question")))
        self.form.addRow("Width", f.spin(int(MIN_STAGE_WIDTH), int(MAX_STAGE_WIDTH),
                                         lambda: int(round(self.doc.stage(self.target).width)),
                                         lambda v: edits.resize_stage(self.doc, self.target, v)))
        self.kpis = KpiTable(session, self)
        self.form.addRow(plain_label("KPIs"))
        self.form.addRow(self.kpis)

    def refresh(self) -> None:
        self.heading = f"Stage {self.doc.stage_index(self.target) + 1}"
        self.kpis.show_stage(self.target)
        super().refresh()


class KpiTable(QWidget):
    """A stage's KPIs: edit in the table; add and remove with the buttons (each one command)."""

    COLUMNS = ("Name", "Value", "Target", "Unit")

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc = session.document
        self.stage_id: str | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # numbers and units are short; the name gets the room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 56)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.add_button = QPushButton("Add KPI")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def kpi_ids(self) -> list[str]:
        return [k.id for k in self.doc.stage_kpis(self.stage_id)] if self.stage_id else []

    def show_stage(self, stage_id: str) -> None:
        self.stage_id = stage_id
        kpis = self.doc.stage_kpis(stage_id)
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(kpis))
            for row, kpi in enumerate(kpis):
                for col, value in enumerate((kpi.name, kpi.value, kpi.target, kpi.unit)):
                    text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, kpi.id)
                    self.table.setItem(row, col, item)
        finally:
            self.table.blockSignals(False)
        read_only = self.session.read_only
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and bool(kpis))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else QAbstractItemView.EditTrigger.AllEditTriggers)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        kpi_id = item.data(Qt.ItemDataRole.UserRole)
        name = ("name", "value", "target", "unit")[item.column()]
        text = item.text().strip()
        if name in ("value", "target"):
            try:
                value = float(text.replace(",", ".").rstrip("%").strip()) if text else None
            except ValueError:
                self.session.refused.emit(f"a KPI's {name} must be a number")
                self.show_stage(self.stage_id)
                return
        else:
            value = text
        if not self.session.edit(edits.update(self.doc, ops.UpdateKpi, kpi_id, {name: value})):
            self.show_stage(self.stage_id)  # refused or unchanged: show the model's value again

    def _on_add_clicked(self) -> None:
        if self.stage_id:
            self.session.edit(edits.add_kpi(self.doc, Kpi(self.stage_id, "New KPI")))

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        ids = self.kpi_ids()
        if 0 <= row < len(ids):
            self.session.edit(ops.RemoveKpi(ids[row]))
        elif ids:
            self.session.edit(ops.RemoveKpi(ids[-1]))


LANE_KINDS = [("Cards", LaneKind.CARDS), ("Emotion curve", LaneKind.EMOTIONS)]


class LanePage(Page):
    heading = "Lane"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        f = self.fields

        def bind(name: str):
            return (lambda: getattr(self.doc.lane(self.target), name),
                    lambda v: edits.update(self.doc, ops.UpdateLane, self.target, {name: v}))

        self.form.addRow("Name", f.line(*bind("name")))
        self.form.addRow("Holds", f.combo(LANE_KINDS, *bind("kind")))
        self.form.addRow("Question", f.line(*bind("question")))
        self.collapsed_box = f.check("Collapsed", *bind("collapsed"))
        self.form.addRow("", self.collapsed_box)


class ConnectionPage(Page):
    heading = "Connection"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        f = self.fields
        self.ends = plain_label("")
        self.form.addRow(self.ends)
        self.form.addRow("Label", f.line(lambda: self.doc.connection(self.target).label,
                                         lambda v: edits.update(self.doc, ops.UpdateConnection, self.target, {"label": v})))
        self.form.addRow("Share", f.decimal(0, 100, 5, lambda: self.doc.connection(self.target).share,
                                            lambda v: edits.update(self.doc, ops.UpdateConnection, self.target,
                                                                   {"share": v}),
                                            decimals=0, suffix=" %", none_label="—"))

    def refresh(self) -> None:
        conn = self.doc.connection(self.target)
        self.ends.setText(f"From {_quoted(self.doc.card(conn.source_id).text)}\n"
                          f"to {_quoted(self.doc.card(conn.target_id).text)}")
        super().refresh()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> str:
    """A card's text in quotes, shortened; a quote card's own quotation marks are not doubled."""
    shown = _short(text)
    return shown if shown[:1] in "\"“'‘«„" and shown else f"“{shown}”"


SCALE_NAMES = ("−2", "−1", "0", "+1", "+2")


class MapPage(Page):
    heading = "Map"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        f = self.fields

        def bind(name: str):
            return (lambda: getattr(self.doc.info, name),
                    lambda v: edits.update(self.doc, ops.UpdateMap, None, {name: v}))

        self.form.addRow("Title", f.line(*bind("title")))
        self.form.addRow("Description", f.text_area(*bind("description"), lines=3))
        self.form.addRow("Owner", f.line(*bind("owner")))
        self.form.addRow(plain_label("Emotion scale"))
        for i, name in enumerate(SCALE_NAMES):
            self.form.addRow(name, f.line(lambda i=i: self.doc.info.emotion_labels[i],
                                          lambda v, i=i: self._label_edit(i, v)))
        self.summary = plain_label("")
        self.summary.setStyleSheet("color: #5f6368; padding-top: 8px;")
        self.form.addRow(self.summary)

    def _label_edit(self, index: int, value: str):
        labels = list(self.doc.info.emotion_labels)
        labels[index] = value
        return edits.update(self.doc, ops.UpdateMap, None, {"emotion_labels": tuple(labels)})

    def refresh(self) -> None:
        d = self.doc
        self.summary.setText(f"{len(d.stages)} stages · {len(d.lanes)} lanes · {d.card_count} cards · "
                             f"{len(d.personas)} personas · {len(d.connections)} connections")
        super().refresh()


class EmotionPage(Page):
    """One point of a persona's curve (selected on the canvas)."""

    heading = "Emotion"

    def __init__(self, session: EditSession, parent=None) -> None:
        super().__init__(session, parent)
        self.key: tuple[str, str] | None = None
        self.about = plain_label("")
        self.form.addRow(self.about)
        self.form.addRow("Feels", self.fields.decimal(
            EMOTION_MIN, EMOTION_MAX, 0.5, lambda: self.doc.emotion(*self.key),
            lambda v: edits.set_emotion(self.doc, self.key[0], self.key[1], v), none_label="—"))

    def show_emotion(self, key: tuple[str, str]) -> None:
        self.key = key
        card, persona = self.doc.card(key[0]), self.doc.persona(key[1])
        self.about.setText(f"{persona.name} at {_quoted(card.text)}")
        self.refresh()
