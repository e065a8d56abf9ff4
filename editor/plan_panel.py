"""The Workshop Plan panel: the steps in order, and a form for the chosen one.

Title, activity, timebox, focus (stages and lanes ticked in two lists; none
ticked is the whole map), the prompt shown to the room (empty: the focus's
guiding question, shown greyed as a hint) and the facilitator's notes. Every
change is one undoable edit; a bundled plan replaces the steps in one.
"Run from here" hands the chosen step to the run (editor/workshop_controller.py).
When the run moves to another step, the list follows it (the form shows the step
the room is on), unless the facilitator has picked another step to edit since.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton, QToolButton

from model import workshop
from model.workshop_domain import MAX_STEP_MINUTES, Activity, WorkshopStep
from model.workshop_plans import PLANS, apply_plan

from .forms import fill_checklist, plain_label
from .item_list_panel import ItemListPanel
from .workshop_controller import WorkshopController


class PlanPanel(ItemListPanel):
    kind = workshop.STEP
    watched = frozenset({"stage", "lane"})

    def __init__(self, session, prompts, controller: WorkshopController | None = None, parent=None) -> None:
        super().__init__(session, prompts, "Double-click a step to run from it. A step with nothing ticked "
                                           "in its focus covers the whole map.", parent)
        self.setObjectName("workshop_plan")
        self.controller = controller
        self.total_label = QLabel()
        self.total_label.setObjectName("plan_total")
        self.layout_.insertWidget(0, self.total_label)
        self.plan_button = QToolButton()
        self.plan_button.setText("Use a Plan")
        self.plan_button.setToolTip("Replace the steps with a plan from practice (undoable)")
        self.plan_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.plan_button)
        for plan in PLANS.values():
            action = menu.addAction(f"{plan.title} ({len(plan.steps)} steps)")
            action.setToolTip(plan.summary)
            action.triggered.connect(lambda _c=False, name=plan.name: self.use_plan(name))
        self.plan_button.setMenu(menu)
        self.run_button = QPushButton("Run from Here")
        self.run_button.clicked.connect(self.run_from_here)
        row = QHBoxLayout()
        row.addWidget(self.plan_button)
        row.addWidget(self.run_button)
        row.addStretch()
        self.layout_.insertLayout(3, row)
        self.list.itemDoubleClicked.connect(lambda _item: self.run_from_here())
        self._build_form()
        # The step the run was on when the list last followed it: a list still there follows the next move.
        self._run_step_id: str | None = None
        if controller is not None:
            step = controller.current_step()
            self._run_step_id = step.id if step is not None else None
            controller.step_changed.connect(self._on_controller_step_changed)
            controller.running_changed.connect(lambda _running: self.refresh())  # the ▶ of the running step
        self.refresh()

    def _build_form(self) -> None:
        f = self.fields

        def write(name):
            return lambda value: workshop.edit_step(self.doc, self.current_id(), {name: value})

        def read(name):
            return lambda: getattr(self.current(), name)

        self.title_edit = f.line(read("title"), write("title"), placeholder="What the room does")
        self.activity_combo = f.combo([(a.label, a) for a in Activity], read("activity"), write("activity"))
        self.minutes_spin = f.spin(1, MAX_STEP_MINUTES, read("minutes"), write("minutes"))
        self.minutes_spin.setSuffix(" min")
        self.stage_list = self._checklist("stage")
        self.lane_list = self._checklist("lane")
        focus = QHBoxLayout()
        focus.addWidget(self.stage_list)
        focus.addWidget(self.lane_list)
        self.focus_label = plain_label()
        self.prompt_edit = f.text_area(read("prompt"), write("prompt"), lines=2)
        self.notes_edit = f.text_area(read("notes"), write("notes"), lines=3,
                                      placeholder="For the facilitator only (the presenter view shows them)")
        self.form.addRow("Title", self.title_edit)
        self.form.addRow("Activity", self.activity_combo)
        self.form.addRow("Timebox", self.minutes_spin)
        self.form.addRow("Focus", self.focus_label)
        self.form.addRow(focus)
        self.form.addRow("Prompt", self.prompt_edit)
        self.form.addRow("Notes", self.notes_edit)

    def _checklist(self, kind: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(f"focus_{kind}s")
        widget.setMaximumHeight(130)
        widget.setToolTip(f"Tick the {kind}s this step is about; none ticked: all of them")
        widget.itemChanged.connect(lambda item, k=kind: self._on_checklist_item_changed(k, item))
        return widget

    # -- ItemListPanel -----------------------------------------------------------------------------

    def _running_id(self) -> str | None:
        c = self.controller
        step = c.current_step() if c is not None and c.started() else None
        return step.id if step is not None else None

    def item_text(self, step: WorkshopStep, row: int) -> str:
        running = step.id == self._running_id()
        return f"{'▶ ' if running else ''}{row + 1}. {step.title} — {step.minutes} min"

    def new_item_op(self):
        step = WorkshopStep(f"Step {len(self.items()) + 1}")
        row = self.list.currentRow()
        return workshop.add_step(self.doc, step, row + 1 if row >= 0 else None), step.id

    def first_field(self):
        return self.title_edit

    def refresh(self) -> None:
        super().refresh()
        count, minutes = len(self.items()), workshop.total_minutes(self.doc)
        self.total_label.setText(f"{count} step{'s' if count != 1 else ''} · {minutes} min" if count
                                 else "No steps yet: add them, or use a plan from practice.")
        running = self._running_id()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == running:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)

    def show_item(self, step: WorkshopStep | None) -> None:
        read_only = self.session.read_only
        self.plan_button.setEnabled(not read_only)
        self.run_button.setEnabled(step is not None and self.controller is not None)
        if step is None:
            return
        fill_checklist(self.stage_list, [(s.name, s.id) for s in self.doc.stages], step.focus_stages)
        fill_checklist(self.lane_list, [(lane.name, lane.id) for lane in self.doc.lanes], step.focus_lanes)
        focus = workshop.focus_of(self.doc, step)
        gone = f" ({len(focus.missing)} deleted since)" if focus.missing else ""
        self.focus_label.setText(workshop.focus_summary(self.doc, step) + gone)
        self.prompt_edit.setPlaceholderText(workshop.step_prompt(self.doc, step.with_changes(prompt="")))
        for widget in (self.stage_list, self.lane_list):
            widget.setEnabled(not read_only)

    def _on_controller_step_changed(self, step: WorkshopStep | None) -> None:
        """The ▶ moves; so does the list, if it showed the step the run left (or none)."""
        now = step.id if step is not None else None
        left, self._run_step_id = self._run_step_id, now
        following = self.current_id() in (None, left)
        self.refresh()
        if following and now is not None and now != left:
            self.select(now)

    # -- edits ---------------------------------------------------------------------------------------

    def _on_checklist_item_changed(self, kind: str, item: QListWidgetItem) -> None:
        step_id = self.current_id()
        if step_id is None:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        op = workshop.set_focus_member(self.doc, step_id, kind, item.data(Qt.ItemDataRole.UserRole), ticked)
        if not self.session.edit(op):
            self.refresh()  # read-only or refused: show the model's state again

    def use_plan(self, name: str) -> None:
        plan = PLANS[name]
        current = self.items()
        if current and not self.prompts.confirm(
                "Use a plan", f"Replace the {len(current)} steps of this plan with “{plan.title}”?\n\n"
                              "Undo brings them back.", "Replace"):
            return
        if self.session.edit(apply_plan(self.doc, name)) and self.items():
            self.select(self.items()[0].id)

    def run_from_here(self) -> None:
        row = self.list.currentRow()
        if self.controller is None or row < 0:
            return
        self.controller.go_to(row)
        if not self.controller.running():
            self.controller.start()
