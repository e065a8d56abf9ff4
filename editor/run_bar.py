"""The run bar: the current step, its time left, and the facilitator's few buttons.

A view of the WorkshopController (editor/workshop_controller.py): it shows
what the controller says and calls its slots; it keeps no clock. When time is
up the time turns red and flashes (its own blink timer, nothing modal).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QWidget

from .workshop_controller import WorkshopController

STEP_WIDTH = 340  # the step label's width in pixels: "5/9  What they think, and what hurts" whole
FLASH_MS = 500
RED = "#C53030"
RED_PALE = "#F6C1C1"


class RunBar(QToolBar):
    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__("Workshop run bar", parent)
        self.setObjectName("run_bar")
        self.setMovable(False)
        self.setIconSize(QSize(16, 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.controller = controller

        self.step_label = QLabel()
        self.step_label.setObjectName("run_step")
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)  # a step's title is the user's text
        # One width whatever the step's title (elided to it): the buttons after it never move under the
        # facilitator's pointer between one click of Next and the next.
        self.step_label.setFixedWidth(STEP_WIDTH)
        self.time_label = QLabel()
        self.time_label.setObjectName("run_time")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
        font.setWeight(QFont.Weight.Bold)
        self.time_label.setFont(font)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("0:00:00") + 16)

        self.previous_action = self._action("◀ Previous", controller.previous, "Previous step")
        self.addWidget(self.step_label)
        self.addWidget(self.time_label)
        self.start_action = self._action("Start", controller.toggle, "Start the workshop, or pause and resume the step")
        self.plus_one_action = self._action("+1", lambda: controller.add_minutes(1), "One more minute for this step")
        self.plus_five_action = self._action("+5", lambda: controller.add_minutes(5), "Five more minutes")
        self.next_action = self._action("Next ▶", controller.next, "End this step and start the next")
        self.addSeparator()
        self.capture_action = self._action("Capture", controller.capture,
                                           "Type new cards into the step's focus (Enter adds one, Esc stops)")
        self.stop_action = self._action("End", controller.stop, "End the workshop run")
        start = self.widgetForAction(self.start_action)  # Start, Pause, Resume: as wide as the widest of them
        widths = []
        for text in ("Pause", "Resume", "Start"):
            self.start_action.setText(text)
            widths.append(start.sizeHint().width())
        start.setFixedWidth(max(widths))
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)  # the bar reads from the left, as the main toolbar does

        self._urgent = False
        self._flash_on = False
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_MS)
        self.flash_timer.timeout.connect(self._on_flash_timer_timeout)

        controller.step_changed.connect(lambda _step: self.refresh())
        controller.running_changed.connect(lambda _running: self.refresh())
        controller.plan_changed.connect(self.refresh)
        controller.time_changed.connect(self._on_controller_time_changed)
        self.refresh()
        self._on_controller_time_changed(controller.time_text(), controller.urgent())

    def _action(self, text: str, handler, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: handler())
        self.addAction(action)
        return action

    def refresh(self) -> None:
        c = self.controller
        step = c.current_step()
        index, count = c.position()
        if step is None:
            self.step_label.setText("No workshop plan yet: add steps in the Workshop Plan panel" if not count
                                    else "The workshop has ended")
            self.step_label.setToolTip("")
        else:
            text = f"{index + 1}/{count}  {step.title}"
            self.step_label.setText(self.step_label.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, STEP_WIDTH - 8))
            self.step_label.setToolTip(f"{step.activity.label}, {step.minutes} min · {c.focus_text()}\n{c.prompt()}")
        self.start_action.setText("Pause" if c.running() else ("Resume" if c.started() else "Start"))
        has_step = step is not None
        self.start_action.setEnabled(has_step)
        for action in (self.plus_one_action, self.plus_five_action, self.capture_action):
            action.setEnabled(has_step)
        self.previous_action.setEnabled(count > 0 and (index > 0 or step is None))
        self.next_action.setEnabled(has_step)
        self.stop_action.setEnabled(c.started())

    def is_urgent(self) -> bool:
        return self._urgent

    def _on_controller_time_changed(self, text: str, urgent: bool) -> None:
        self.time_label.setText(text)
        if urgent != self._urgent:
            self._urgent = urgent
            self._flash_on = urgent
            if urgent:
                self.flash_timer.start()
            else:
                self.flash_timer.stop()
            self._paint_time()

    def _on_flash_timer_timeout(self) -> None:
        self._flash_on = not self._flash_on
        self._paint_time()

    def _paint_time(self) -> None:
        if not self._urgent:
            self.time_label.setStyleSheet("")
        elif self._flash_on:
            self.time_label.setStyleSheet(f"color: white; background: {RED}; border-radius: 4px;")
        else:
            self.time_label.setStyleSheet(f"color: {RED}; background: {RED_PALE}; border-radius: 4px;")
