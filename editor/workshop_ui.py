"""The workshop in the main window: its controller, the Participants, Workshop Plan and Session Journal
panels, the run bar, and the Workshop menu's actions (declared here, built with the window's others)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from model import workshop
from model.workshop_plans import PLANS

from .actions import ActionSpec
from .journal_panel import JournalPanel
from .participants_panel import ParticipantsPanel
from .plan_panel import PlanPanel
from .run_bar import RunBar
from .workshop_controller import WorkshopController

if TYPE_CHECKING:
    from .main_window import MainWindow

WORKSHOP_MENU = "&Workshop"
PANELS = (("participants", "Participants"), ("plan", "Workshop Plan"), ("journal", "Session Journal"))


class WorkshopUI:
    """Builds the workshop's parts into a window; `detach()` when the window closes."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = w = window
        self.controller = WorkshopController(w.session, w.scene, clock=w.context.clock, parent=w)
        self.participants_panel = ParticipantsPanel(w.session, w.prompts, w)
        self.plan_panel = PlanPanel(w.session, w.prompts, self.controller, w)
        self.journal_panel = JournalPanel(w.document, w.scene, w)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        w.docks["plan"] = w._dock("Workshop Plan", "plan_dock", self.plan_panel, left, scroll=True)
        w.docks["participants"] = w._dock("Participants", "participants_dock", self.participants_panel, right,
                                          scroll=True)
        w.docks["journal"] = w._dock("Session Journal", "journal_dock", self.journal_panel,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        for name in ("plan", "participants"):
            area = w.docks[name].widget()
            # Room for the vertical scroll bar too, so a long form never covers its fields' right edge.
            area.setMinimumWidth(area.minimumWidth() + area.verticalScrollBar().sizeHint().width())
        # Beside what they belong with, as tabs: the plan with Find and History, participants with personas.
        w.tabifyDockWidget(w.docks["history"], w.docks["plan"])
        w.tabifyDockWidget(w.docks["personas"], w.docks["participants"])
        w.tabifyDockWidget(w.docks["matrix"], w.docks["journal"])
        w.docks["find"].raise_()
        w.docks["inspector"].raise_()
        w.docks["journal"].hide()
        self.run_bar = RunBar(self.controller, w)

    def install_run_bar(self) -> None:
        """Put the run bar under the main toolbar (once the window's actions exist); shown for a map with a plan."""
        w = self.window
        w.addToolBarBreak()
        w.addToolBar(self.run_bar)
        self.run_bar.setVisible(bool(workshop.steps(w.document)))
        for signal in (self.controller.step_changed, self.controller.running_changed, self.controller.plan_changed):
            signal.connect(lambda *_args: w.actions.refresh())
        self.run_bar.visibilityChanged.connect(lambda _v: w.actions.refresh())

    def show_plan(self) -> None:
        """The plan panel and the run bar, for a facilitator about to run a workshop."""
        self.run_bar.show()
        self.window.docks["plan"].show()
        self.window.docks["plan"].raise_()

    def use_plan(self, name: str) -> None:
        self.plan_panel.use_plan(name)
        self.show_plan()

    def detach(self) -> None:
        self.controller.detach()
        for panel in (self.participants_panel, self.plan_panel, self.journal_panel):
            panel.detach()


def workshop_action_specs(w: "MainWindow") -> list[ActionSpec]:
    """The Workshop menu."""
    c = w.workshop.controller

    def has_step() -> bool:
        return c.current_step() is not None

    specs = [
        ActionSpec("workshop.toggle", "&Start or Pause", WORKSHOP_MENU, c.toggle, "Ctrl+Shift+Space",
                   enabled_when=has_step, tip="Start the workshop, or pause and resume the current step"),
        ActionSpec("workshop.next", "&Next Step", WORKSHOP_MENU, c.next, "Alt+PgDown", enabled_when=has_step),
        ActionSpec("workshop.previous", "&Previous Step", WORKSHOP_MENU, c.previous, "Alt+PgUp",
                   enabled_when=lambda: c.position()[1] > 0 and (c.position()[0] > 0 or not has_step())),
        ActionSpec("workshop.add1", "Add &1 Minute", WORKSHOP_MENU, lambda: c.add_minutes(1), enabled_when=has_step),
        ActionSpec("workshop.add5", "Add &5 Minutes", WORKSHOP_MENU, lambda: c.add_minutes(5), enabled_when=has_step),
        ActionSpec("workshop.capture", "&Capture in the Step's Focus", WORKSHOP_MENU, c.capture, edits=True,
                   enabled_when=has_step, separator_before=True),
        ActionSpec("workshop.stop", "&End the Workshop", WORKSHOP_MENU, c.stop, enabled_when=c.started),
    ]
    first = True
    for plan in PLANS.values():
        specs.append(ActionSpec(f"workshop.plan.{plan.name}", plan.title, WORKSHOP_MENU,
                                lambda n=plan.name: w.workshop.use_plan(n), edits=True, submenu="Use a &Plan",
                                separator_before=first, tip=plan.summary))
        first = False
    specs.append(ActionSpec("workshop.run_bar", "Show the &Run Bar", WORKSHOP_MENU,
                            lambda: w.workshop.run_bar.setVisible(w.workshop.run_bar.isHidden()), checkable=True,
                            checked_when=lambda: not w.workshop.run_bar.isHidden(), separator_before=True))
    return specs
