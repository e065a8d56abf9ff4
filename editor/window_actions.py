"""Every action of the main window, declared once: menus, toolbar and shortcuts are built from this list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from model.domain import PALETTE, CardKind, View

from .actions import ActionSpec
from .import_export import DATA_EXPORTS
from .theme import CHOICES as THEME_CHOICES
from .theme import LABELS as THEME_LABELS
from .workshop_ui import PANELS as WORKSHOP_PANELS
from .workshop_ui import WORKSHOP_MENU as WORKSHOP
from .workshop_ui import workshop_action_specs

if TYPE_CHECKING:
    from .main_window import MainWindow

Key = QKeySequence.StandardKey
FILE, EDIT, CARD, INSERT, TOOLS, VIEW, HELP = "&File", "&Edit", "&Card", "&Insert", "&Tools", "&View", "&Help"
TOOL_NAMES = (("select", "&Select and Move", "Select"), ("connect", "&Connect Cards", "Connect"),
              ("emotion", "Add &Emotion Points", "Emotions"))


def _comparing(w: "MainWindow") -> bool:
    mode = getattr(w, "compare_mode", None)  # made after the actions: its bar shows some of them
    return mode is not None and mode.active


def build_action_specs(w: "MainWindow") -> list[ActionSpec]:
    f, e, stack, view = w.file_actions, w.edit_actions, w.stack, w.view
    specs = [
        # File
        ActionSpec("file.new", "&New from Template…", FILE, f.new_from_template, Key.New, toolbar=True,
                   toolbar_text="New",
                   tip="Start a new map from a template"),
        ActionSpec("file.open", "&Open…", FILE, f.open, Key.Open, toolbar=True),
        ActionSpec("file.import", "I&mport…", FILE, f.import_map,
                   tip="Make a new map from an Excel workbook, a CSV table, a JSON or a Mermaid file"),
        ActionSpec("file.save_as", "Save &As…", FILE, f.save_as, Key.SaveAs, separator_before=True,
                   tip="Name the map and keep editing it in the new file"),
        ActionSpec("file.save_copy", "Save a &Copy…", FILE, f.save_copy, tip="Write a copy; keep editing this map"),
        ActionSpec("file.snapshots", "&Snapshots…", FILE, f.snapshots, "Ctrl+Shift+N", separator_before=True),
        ActionSpec("file.compare", "Compare &With…", FILE, lambda: w.compare_mode.choose(),
                   tip="Compare the map now with a snapshot or another map: what was added, removed, changed, moved"),
        ActionSpec("file.export_image", "Export &Image (PNG, SVG)…", FILE, f.export_image, "Ctrl+E",
                   separator_before=True),
        ActionSpec("file.export_poster", "Export &Poster (PDF)…", FILE, f.export_poster, "Ctrl+P", toolbar=True,
                   toolbar_text="Poster…",
                   tip="Print the map as a poster"),
        ActionSpec("file.export_report", "Export Workshop &Report…", FILE, f.export_report,
                   tip="The workshop as run: agenda with real times, participants, the map, votes, priorities, "
                       "findings and next steps (PDF or Markdown)"),
        *(ActionSpec(f"file.export_{export.id}", export.text, FILE, lambda x=export: f.export_data(x),
                     submenu="Export &Data") for export in DATA_EXPORTS),
        ActionSpec("file.close", "&Close", FILE, w.close, Key.Close, separator_before=True),
        ActionSpec("file.quit", "&Quit", FILE, f.quit, Key.Quit),
        # Edit
        ActionSpec("edit.undo", "&Undo", EDIT, stack.undo, Key.Undo, edits=True, toolbar=True,
                   separator_before=True, enabled_when=stack.canUndo),
        ActionSpec("edit.redo", "&Redo", EDIT, stack.redo, ("Ctrl+Shift+Z", "Ctrl+Y", Key.Redo), edits=True,
                   toolbar=True,
                   enabled_when=stack.canRedo),
        ActionSpec("edit.cut", "Cu&t", EDIT, e.cut, Key.Cut, edits=True, separator_before=True,
                   enabled_when=e.has_cards),
        ActionSpec("edit.copy", "&Copy", EDIT, e.copy, Key.Copy, enabled_when=e.has_cards),
        ActionSpec("edit.paste", "&Paste", EDIT, e.paste, Key.Paste, edits=True),
        ActionSpec("edit.duplicate", "D&uplicate", EDIT, e.duplicate, "Ctrl+D", edits=True,
                   enabled_when=e.has_cards),
        # Not Key.Delete: KDE and GNOME also bind it to Ctrl+D (macOS to Meta+D), which is Duplicate's.
        ActionSpec("edit.delete", "&Delete", EDIT, e.delete, ("Del", "Backspace"), edits=True,
                   enabled_when=e.has_anything),
        ActionSpec("edit.select_all", "Select &All Cards", EDIT, e.select_all, Key.SelectAll,
                   separator_before=True),
        ActionSpec("edit.edit_text", "&Edit Text", EDIT, e.edit_text, "F2", edits=True,
                   enabled_when=e.can_edit_text),
        ActionSpec("edit.find", "&Find…", EDIT, w.find_panel.focus_search, Key.Find, separator_before=True),
    ]
    # Card: recolour and change kind for the whole selection
    for name, (fill, _border) in PALETTE.items():
        specs.append(ActionSpec(f"card.colour.{name}", name.capitalize(), CARD,
                                lambda n=name: e.recolour(n), edits=True, enabled_when=e.has_cards,
                                submenu="&Colour"))
    for kind in CardKind:
        specs.append(ActionSpec(f"card.kind.{kind.value}", kind.label, CARD,
                                lambda k=kind: e.change_kind(k), edits=True, enabled_when=e.has_cards,
                                submenu="&Kind"))
    specs.append(ActionSpec("card.to_be", "&Future State (To-Be) Card", CARD, e.toggle_to_be, "Ctrl+Shift+T",
                            edits=True, enabled_when=e.has_cards, checkable=True, checked_when=e.all_to_be,
                            separator_before=True,
                            tip="Mark the selected cards as future-state touchpoints (or as today's again)"))
    specs += [
        # Insert
        ActionSpec("insert.card", "&Card", INSERT, e.insert_card, "Ctrl+Return", edits=True, toolbar=True,
                   toolbar_text="Add Card",
                   separator_before=True, tip="Add a card to the selected cell"),
        ActionSpec("insert.stage", "&Stage…", INSERT, e.insert_stage, "Ctrl+Shift+E", edits=True),
        ActionSpec("insert.lane", "&Lane…", INSERT, e.insert_lane, "Ctrl+Shift+L", edits=True),
        ActionSpec("insert.persona", "&Persona…", INSERT, e.insert_persona, "Ctrl+Shift+P", edits=True),
        ActionSpec("insert.connection", "C&onnection Between Two Cards", INSERT, e.insert_connection,
                   "Ctrl+Shift+K", edits=True, enabled_when=e.can_connect),
    ]
    first = True
    for name, text, short in TOOL_NAMES:
        specs.append(ActionSpec(f"tool.{name}", text, TOOLS, lambda n=name: w.set_tool(n), checkable=True,
                                checked_when=lambda n=name: w.scene.tool() == n, edits=name != "select",
                                toolbar=True, toolbar_text=short, separator_before=first))
        first = False
    specs += [
        ActionSpec("tool.voting_booth", "Voting &Booth…", TOOLS, lambda: w.voting.open_booth(), "Ctrl+Shift+B",
                   edits=True, separator_before=True,
                   tip="Pass the laptop round: each participant picks their name and clicks cards to vote"),
        ActionSpec("tool.wall_dots", "&Wall Dots…", TOOLS, lambda: w.voting.open_wall_dots(), edits=True,
                   tip="Type the dot stickers counted on the printed poster, card by card"),
        # View
        ActionSpec("view.zoom_in", "Zoom &In", VIEW, view.zoom_in, (Key.ZoomIn, "Ctrl+="), toolbar=True,
                   separator_before=True),
        ActionSpec("view.zoom_out", "Zoom &Out", VIEW, view.zoom_out, Key.ZoomOut, toolbar=True),
        ActionSpec("view.fit", "&Fit Map", VIEW, view.fit_map, "Ctrl+0", toolbar=True),
        ActionSpec("view.fit_selection", "Fit &Selection", VIEW, view.fit_selection, "Ctrl+2"),
        ActionSpec("view.actual_size", "&100 %", VIEW, view.reset_zoom, "Ctrl+1"),
        # Compare mode (editor/compare_mode.py); the comparison bar shows these three too.
        ActionSpec("compare.next", "&Next Change", VIEW, lambda: w.compare_mode.next(), "F8", submenu="&Compare",
                   separator_before=True, enabled_when=lambda: _comparing(w), toolbar_text="Next Change ▶"),
        ActionSpec("compare.previous", "&Previous Change", VIEW, lambda: w.compare_mode.previous(), "Shift+F8",
                   submenu="&Compare", enabled_when=lambda: _comparing(w), toolbar_text="◀ Previous Change"),
        ActionSpec("compare.poster", "Export Comparison &Poster (PDF)…", VIEW, lambda: w.compare_mode.export_poster(),
                   submenu="&Compare", enabled_when=lambda: _comparing(w), toolbar_text="Poster of the Changes…",
                   tip="The map with what changed marked, a legend and every change listed, as a PDF"),
        ActionSpec("compare.stop", "Back to &Editing", VIEW, lambda: w.compare_mode.stop(), submenu="&Compare",
                   enabled_when=lambda: _comparing(w), toolbar_text="Back to Editing",
                   tip="Leave compare mode: the marks go and the map can be changed again"),
    ]
    first = True
    for name, title in (("inspector", "Inspector"), ("personas", "Personas"), ("find", "Find && Filter"),
                        ("history", "History"), ("overview", "Overview"), ("insights", "Insights"),
                        ("voting", "Voting"), ("matrix", "Impact × Effort Matrix"), ("room", "Room"),
                        *WORKSHOP_PANELS):
        specs.append(ActionSpec(f"view.panel.{name}", title, VIEW, lambda n=name: w.toggle_dock(n),
                                checkable=True, checked_when=lambda n=name: not w.docks[n].isHidden(),
                                submenu="&Panels", separator_before=first))
        first = False
    specs += [
        ActionSpec("view.present.steps", "&Present to the Room", VIEW, lambda: w.presentation().start(), "F5",
                   submenu="P&resent", separator_before=True,
                   tip="The map full screen on the projector (the second screen), in large type"),
        ActionSpec("view.present.tour", "Stage-by-Stage &Tour", VIEW, lambda: w.presentation().start(tour=True),
                   "Shift+F5", submenu="P&resent",
                   tip="Walk through the map one stage at a time: its cards, curve and KPIs"),
        ActionSpec("view.present.end", "&End Presentation", VIEW, lambda: w.presentation().end(),
                   submenu="P&resent", enabled_when=w.is_presenting),
    ]
    for i, (view_name, text) in enumerate(((View.BOTH, "As-Is &and To-Be"), (View.AS_IS, "&As-Is (Today)"),
                                           (View.TO_BE, "&To-Be (Future State)"))):
        specs.append(ActionSpec(f"view.journey.{view_name.value}", text, VIEW,
                                lambda v=view_name: w.future.set_view(v), checkable=True,
                                checked_when=lambda v=view_name: w.future.view == v, submenu="&Journey",
                                separator_before=i == 0))
    first = True
    for name in THEME_CHOICES:
        specs.append(ActionSpec(f"view.theme.{name}", THEME_LABELS[name], VIEW, lambda n=name: w.set_theme(n),
                                checkable=True, checked_when=lambda n=name: w.context.theme.choice() == n,
                                submenu="&Theme", separator_before=first))
        first = False
    specs += workshop_action_specs(w)
    specs += [
        # Workshop: the room (phones on the local network)
        ActionSpec("workshop.open_room", "Open the &Room…", WORKSHOP, lambda: w.room_ui.open_room(), edits=True,
                   enabled_when=lambda: not w.room.is_open,
                   tip="Let the phones in the room join: rate emotions and add cards"),
        ActionSpec("workshop.close_room", "&Close the Room", WORKSHOP, w.room.close,
                   enabled_when=lambda: w.room.is_open, tip="Stop the room: every phone is disconnected"),
        ActionSpec("help.shortcuts", "&Keyboard Shortcuts", HELP, f.show_shortcuts, Key.HelpContents),
        ActionSpec("help.about", "&About Journeymap", HELP, f.about),
    ]
    return specs
