"""The File and Help menu handlers of a main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from model.domain import MAP_SUFFIX
from model.errors import JourneyError

from .files import with_suffix
from .import_export import IMPORT_FILTER, OPEN_FILTER, export_path

if TYPE_CHECKING:
    from .main_window import MainWindow

IMAGE_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
REPORT_FILTER = "PDF document (*.pdf);;Markdown (*.md)"


class FileActions:
    def __init__(self, window: "MainWindow") -> None:
        self.window = window

    @property
    def prompts(self):
        return self.window.prompts

    def _suggested(self, suffix: str) -> Path:
        """Beside the map (home for one not yet named), named after the map's title: every format alike."""
        return export_path(self.window.map_file.path, self.window.document.info.title, suffix)

    # -- maps ------------------------------------------------------------------------

    def new_from_template(self) -> None:
        self.window.context.show_start()

    def open(self) -> None:
        path = self.prompts.open_file("Open a map", OPEN_FILTER, start=self.window.map_file.path.parent)
        if path is not None:
            self.window.context.open_path(path)  # a file to import is offered for import

    def import_map(self) -> None:
        """A new map from an Excel, CSV, JSON or Mermaid file, saved where the user says."""
        path = self.prompts.open_file("Import a map", IMPORT_FILTER, start=self.window.map_file.path.parent)
        if path is not None:
            self.window.context.import_path(path)

    def _settle(self) -> None:
        """Commit text still being typed on the canvas, so copies and exports hold it."""
        self.window.scene.commit_editor()

    def save_as(self) -> None:
        """Copy the map to a named file and continue editing there (a new window on the new file)."""
        self._settle()
        dest = self.prompts.save_file("Save the map as", suggested=self._suggested(MAP_SUFFIX))
        if dest is None:
            return
        # The file dialog already asked before replacing a file; the copy replaces it atomically.
        dest = with_suffix(dest)
        try:
            new_file = self.window.map_file.save_as(dest)
        except (JourneyError, OSError) as error:
            self.prompts.warn("Cannot save the map there", str(error))
            return
        self.window.context.settings.add_recent_file(new_file.path)
        self.window.forget_scratch_copy()
        self.window.context.open_window(new_file)
        self.window.close()

    def save_copy(self) -> None:
        self._settle()
        dest = self.prompts.save_file("Save a copy of the map", suggested=self._suggested(f" (copy){MAP_SUFFIX}"))
        if dest is None:
            return
        dest = with_suffix(dest)
        try:
            self.window.map_file.save_copy(dest)
        except (JourneyError, OSError) as error:
            self.prompts.warn("Cannot save a copy there", str(error))
            return
        self.window.statusBar().showMessage(f"Saved a copy as {dest}", 8000)

    def snapshots(self) -> None:
        from .snapshots_dialog import SnapshotsDialog

        self._settle()
        SnapshotsDialog(self.window.map_file, self.window.session, self.window.context, self.prompts,
                        self.window, compare=self.window.compare_mode.compare_with_snapshot).exec()

    # -- export ------------------------------------------------------------------------

    def export_image(self) -> None:
        self._settle()
        dest = self.prompts.save_file("Export an image of the map", IMAGE_FILTER, self._suggested(".png"))
        if dest is None:
            return
        if dest.suffix.lower() not in (".png", ".svg"):
            dest = dest.with_name(dest.name + ".png")
        from canvas.render import render_png, render_svg

        try:
            if dest.suffix.lower() == ".svg":
                render_svg(self.window.document, dest)
            else:
                render_png(self.window.document, dest, scale=2.0)
        except (JourneyError, OSError) as error:
            self.prompts.warn("Cannot export the image", str(error))
            return
        self.window.statusBar().showMessage(f"Exported {dest}", 8000)

    def export_poster(self) -> None:
        from editor.poster_dialog import PosterDialog

        self._settle()
        PosterDialog(self.window.document, self.window.map_file, self.window,
                     ask_save_path=lambda default: self.prompts.save_file("Export poster", "PDF files (*.pdf)",
                                                                          default)).exec()

    def export_report(self) -> None:
        """The workshop report as a PDF (A4) or Markdown file, as `journeymap export MAP report.pdf --report`."""
        self._settle()
        dest = self.prompts.save_file("Export the workshop report", REPORT_FILTER,
                                      self._suggested(" workshop report.pdf"))
        if dest is None:
            return
        if dest.suffix.lower() not in (".pdf", ".md"):
            dest = dest.with_name(dest.name + ".pdf")
        try:
            if dest.suffix.lower() == ".pdf":
                from export.report_pdf import export_report

                warnings = export_report(self.window.document, dest)
            else:
                from export.report_markdown import write_report_markdown

                warnings = write_report_markdown(self.window.document, dest)
        except (JourneyError, OSError) as error:
            self.prompts.warn("Cannot export the workshop report", str(error))
            return
        self.window.statusBar().showMessage(" ".join([f"Exported {dest}.", *warnings]), 15000)

    def export_data(self, export) -> None:
        """The map as an Excel workbook, CSV, Markdown, JSON or Mermaid file (an entry of DATA_EXPORTS)."""
        from .import_export import write_data

        self._settle()
        dest = self.prompts.save_file(f"Export the map as {export.what}", export.file_filter,
                                      self._suggested(export.suffix))
        if dest is None:
            return
        if dest.suffix.lower() != export.suffix:
            dest = dest.with_name(dest.name + export.suffix)
        try:
            warnings = write_data(self.window.document.content(), dest)
        except (JourneyError, OSError) as error:
            self.prompts.warn("Cannot export the map", str(error))
            return
        # What the format leaves out (connections in CSV, other lanes in Mermaid) belongs with the news.
        self.window.statusBar().showMessage(" ".join([f"Exported {dest}.", *warnings]), 15000)

    def quit(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()

    # -- help ------------------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        from .help_dialogs import ShortcutsDialog

        ShortcutsDialog(self.window.actions, self.window).exec()

    def about(self) -> None:
        from .help_dialogs import about_text

        self.prompts.info("About Journeymap", about_text())
