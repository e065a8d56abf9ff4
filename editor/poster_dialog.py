"""File > Export Poster: choose paper, orientation, tiles and contents with a live preview, then save a PDF.

The preview (editor.poster_preview) draws the sheet as
`export.poster_frame.compose` lays it out (the same numbers the PDF uses) with
the map's layout and its text in it, a loupe at print size, and, when tiling,
the office sheets over it. Saving asks for a path through
an injectable `ask_save_path(default) -> Path | None`, runs the export with a
progress dialog that appears only when it takes more than a moment, and
reports refusals and warnings in the dialog itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QProgressDialog, QRadioButton, QVBoxLayout)

from export.paper import MM, PAPERS_MM, TILE_PAPERS, oriented, parse_paper, parse_tile_paper
from export.poster import READABLE_PT, ExportCancelled, export_poster, frame_content
from export.poster_frame import compose
from export.tiles import plan_tiles
from model.errors import JourneyError
from model.interchange.text_files import safe_file_stem
from model.domain import View
from model.layout import compute_layout
from model.prints import PrintOptions, last_print, mismatch, newest, record_print, when_text

from .poster_preview import PosterPreview

CUSTOM = "Custom size"
AskSavePath = Callable[[Path], "Path | str | None"]


class PosterDialog(QDialog):
    """Export the map as a wall poster (one sheet, or tiled across office sheets)."""

    poster_saved = Signal(str, list)  # the PDF's path, the export's warnings

    def __init__(self, document, map_path: Path | None, parent=None, *, ask_save_path: AskSavePath | None = None,
                 snapshot_name: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Poster")
        self.document = document
        # The editor may hand over its open map file; only its path matters here.
        self.map_path = Path(getattr(map_path, "path", map_path)) if map_path is not None else None
        # The open map file itself, when handed over: a tiled print is recorded in it (model/prints.py).
        self.map_file = map_path if hasattr(map_path, "create_snapshot") else None
        self.last_print = newest(document.items("print_record"))
        self.ask_save_path = ask_save_path or self._ask_with_file_dialog
        self.snapshot_name = snapshot_name
        self.saved_path: Path | None = None
        self.warnings: list[str] = []
        self.layout_value = compute_layout(document)
        self._as_is_layout = None  # the map without its to-be cards, laid out when the as-is view is first chosen

        self.paper = QComboBox()
        self.paper.addItems([*PAPERS_MM, CUSTOM])
        self.paper.setCurrentText("A1")
        self.custom_w = self._mm_box(600.0)
        self.custom_h = self._mm_box(400.0)
        self.landscape = QRadioButton("Landscape")
        self.portrait = QRadioButton("Portrait")
        self.landscape.setChecked(True)
        self.tiled = QCheckBox("Print on several sheets")
        self.tile_paper = QComboBox()
        self.tile_paper.addItems(list(TILE_PAPERS))
        self.overlap = QDoubleSpinBox()
        self.overlap.setRange(0.0, 50.0)
        self.overlap.setValue(10.0)
        self.overlap.setSuffix(" mm")
        self.only_changed = QCheckBox("Only sheets changed\nsince the last print")  # two lines: a narrow column
        if self.last_print is not None:
            self.only_changed.setToolTip(f"The last print ({when_text(self.last_print)}): "
                                         f"{PrintOptions.of(self.last_print).describe()}")
        else:
            self.only_changed.setToolTip("No tiled print of this map is recorded yet")
        self.view = QComboBox()
        for view, text in ((View.BOTH, "As-is and to-be"), (View.AS_IS, "As-is only"), (View.TO_BE, "To-be only")):
            self.view.addItem(text, view)
        self.personas = QListWidget()
        for persona in document.personas:
            item = QListWidgetItem(persona.name.replace("\n", " "))
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if persona.visible else Qt.CheckState.Unchecked)
            self.personas.addItem(item)
        self.personas.setMaximumHeight(110)
        self.include_legend = QCheckBox("Legend")
        self.include_legend.setChecked(True)
        self.include_personas = QCheckBox("Personas strip")
        self.include_personas.setChecked(True)
        self.include_insights = QCheckBox("Insights and priorities page")
        self.include_insights.setToolTip("Adds a page after the poster: low points, leaks, loops, handoffs, gaps "
                                         "and the ranked opportunities")
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user text: never rich text
        self.status.setWordWrap(True)
        self.preview = PosterPreview()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save PDF…")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._build()
        for signal in (self.paper.currentTextChanged, self.tile_paper.currentTextChanged, self.view.currentIndexChanged):
            signal.connect(self._refresh)
        self.only_changed.toggled.connect(self._on_only_changed_toggled)
        for box in (self.custom_w, self.custom_h, self.overlap):
            box.valueChanged.connect(self._refresh)
        for check in (self.landscape, self.tiled, self.include_legend, self.include_personas, self.include_insights):
            check.toggled.connect(self._refresh)
        self.personas.itemChanged.connect(self._refresh)
        self.resize(900, 560)
        self._refresh()

    @staticmethod
    def _mm_box(value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(50.0, 5000.0)
        box.setDecimals(0)
        box.setValue(value)
        box.setSuffix(" mm")
        return box

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Paper", self.paper)
        custom = QHBoxLayout()
        custom.addWidget(self.custom_w)
        custom.addWidget(QLabel("×"))
        custom.addWidget(self.custom_h)
        form.addRow("Custom", custom)
        turn = QHBoxLayout()
        turn.addWidget(self.landscape)
        turn.addWidget(self.portrait)
        form.addRow("Orientation", turn)
        form.addRow("Journey", self.view)
        tiles = QGroupBox("Tiles")
        tile_form = QFormLayout(tiles)
        tile_form.addRow(self.tiled)
        tile_form.addRow("Sheets", self.tile_paper)
        tile_form.addRow("Overlap", self.overlap)
        tile_form.addRow(self.only_changed)
        shown = QGroupBox("Show")
        shown_box = QVBoxLayout(shown)
        shown_box.addWidget(QLabel("Personas' curves"))
        shown_box.addWidget(self.personas)
        shown_box.addWidget(self.include_legend)
        shown_box.addWidget(self.include_personas)
        shown_box.addWidget(self.include_insights)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(tiles)
        side.addWidget(shown)
        side.addWidget(self.info)
        side.addStretch()
        body = QHBoxLayout()
        body.addLayout(side, 0)
        body.addWidget(self.preview, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.status)
        outer.addWidget(self.buttons)

    # -- options -------------------------------------------------------------------

    def paper_text(self) -> str:
        if self.paper.currentText() == CUSTOM:
            return f"{self.custom_w.value():.0f}x{self.custom_h.value():.0f}mm"
        return self.paper.currentText()

    def checked_personas(self) -> list[tuple[str, str]]:
        """(id, name) of the personas whose curves the poster shows."""
        out = []
        for i in range(self.personas.count()):
            item = self.personas.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                persona_id = item.data(Qt.ItemDataRole.UserRole)
                out.append((persona_id, self.document.persona(persona_id).name))
        return out

    def options(self) -> dict:
        """The keyword arguments the export will get."""
        return {
            "paper": self.paper_text(),
            "landscape": self.landscape.isChecked(),
            "personas": [name for _, name in self.checked_personas()],
            "tile": self.tile_paper.currentText() if self.tiled.isChecked() else None,
            "overlap_mm": float(self.overlap.value()),
            "include_legend": self.include_legend.isChecked(),
            "include_personas": self.include_personas.isChecked(),
            "include_insights": self.include_insights.isChecked(),
            "view": self.view.currentData(),
        }

    def print_options(self) -> PrintOptions | None:
        """How this print is made, as a print record keeps it; None when it is not tiled."""
        opts = self.options()
        if opts["tile"] is None:
            return None
        visible = [p.name for p in self.document.personas if p.visible]
        personas = () if opts["personas"] == visible else tuple(opts["personas"])
        return PrintOptions(opts["paper"], opts["tile"], opts["overlap_mm"], opts["landscape"], personas,
                            opts["include_legend"], opts["include_personas"], opts["view"])

    def _on_only_changed_toggled(self, on: bool) -> None:
        """Reprinting what changed needs the last print's settings: take them over."""
        record = self.last_print
        if not on or record is None:
            return
        known = [self.paper.itemText(i) for i in range(self.paper.count())]
        if record.paper in known:
            self.paper.setCurrentText(record.paper)
        else:
            try:
                w, h = parse_paper(record.paper)
            except JourneyError:
                return
            self.paper.setCurrentText(CUSTOM)
            self.custom_w.setValue(round(w / MM))
            self.custom_h.setValue(round(h / MM))
        (self.landscape if record.landscape else self.portrait).setChecked(True)
        self.tiled.setChecked(True)
        self.tile_paper.setCurrentText(record.tile)
        self.overlap.setValue(record.overlap_mm)
        wanted = set(record.personas)
        for i in range(self.personas.count()):
            item = self.personas.item(i)
            persona = self.document.persona(item.data(Qt.ItemDataRole.UserRole))
            shown = persona.name in wanted if wanted else persona.visible
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        self.include_legend.setChecked(record.legend)
        self.include_personas.setChecked(record.personas_strip)
        self.view.setCurrentIndex(self.view.findData(View(record.view)))

    def _refresh(self, *_args) -> None:
        custom = self.paper.currentText() == CUSTOM
        self.custom_w.setEnabled(custom)
        self.custom_h.setEnabled(custom)
        for widget in (self.tile_paper, self.overlap):
            widget.setEnabled(self.tiled.isChecked())
        self.only_changed.setEnabled(self.tiled.isChecked() and self.last_print is not None
                                     and self.map_file is not None)
        if not self.only_changed.isEnabled():
            self.only_changed.setChecked(False)
        opts = self.options()
        try:
            page = oriented(parse_paper(opts["paper"]), opts["landscape"])
        except JourneyError as error:
            self.info.setText(str(error))
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        checked = self.checked_personas()
        ids = {persona_id for persona_id, _ in checked}
        shown = [p for p in self.document.personas if p.id in ids]
        lay = self._layout_for(opts["view"])
        content = frame_content(self.document, shown, self.snapshot_name, view=opts["view"], layout=lay)
        comp = compose(page, (lay.width, lay.height), content, opts["include_legend"], opts["include_personas"])
        plan = None
        lines = [f"Poster {page[0] / MM:.0f} × {page[1] / MM:.0f} mm."]
        card_pt = 11.0 * comp.scale
        if card_pt < READABLE_PT:
            lines.append(f"Card text prints at {card_pt:.1f} pt, smaller than {READABLE_PT:.0f} pt: choose a larger paper.")
        else:
            lines.append(f"Card text prints at {card_pt:.1f} pt.")
        if opts["tile"]:
            plan = plan_tiles(page, parse_tile_paper(opts["tile"]), opts["overlap_mm"] * MM, comp.content_boxes())
            lines.append(f"{plan.count} {opts['tile']} sheets ({plan.rows} rows × {plan.cols} columns)"
                         " and a page showing how to assemble them.")
        if opts["include_insights"]:
            lines.append("The insights and priorities follow on their own page.")
        if self.only_changed.isChecked():
            problem = mismatch(self.last_print, self.print_options())
            lines.append(problem[0].upper() + problem[1:] + "." if problem else
                         f"Only the sheets changed since the print of {when_text(self.last_print)}, "
                         "after a page showing which to replace.")
        self.info.setText(" ".join(lines))
        self.preview.show_state(lay, self.document, comp, plan, ids, self.document.info.title, content, opts["view"])

    def _layout_for(self, view):
        """What the poster lays out in `view`: the as-is view leaves the to-be cards out (export/poster.py)."""
        from model.tobe import to_be_cards

        if View(view) != View.AS_IS or not to_be_cards(self.document):
            return self.layout_value
        if self._as_is_layout is None:
            from model.document import Document
            from model.tobe import as_is_content

            self._as_is_layout = compute_layout(Document(as_is_content(self.document.content())))
        return self._as_is_layout

    # -- saving --------------------------------------------------------------------

    def _since_last_print(self):
        """The last print to compare with (None for a whole print); False, with the reason shown, when it
        cannot be used."""
        if not self.only_changed.isChecked():
            return None
        problem = mismatch(self.last_print, self.print_options())
        if problem is not None:
            self.status.setText(f"Cannot reprint only what changed: {problem}.")
            return False
        try:
            return last_print(self.map_file)
        except JourneyError as error:
            self.status.setText(f"Cannot reprint only what changed: {error}.")
            return False

    def _record(self, sheets: int) -> list[str]:
        """Record a tiled print in the open map (not undoable: it is what is on the wall); a warning when it
        cannot be recorded."""
        options = self.print_options()
        if options is None or self.map_file is None or getattr(self.map_file, "read_only", True):
            return []
        try:
            self.last_print = record_print(self.map_file, options, sheets)
        except JourneyError as error:
            return [f"the print was not recorded ({error})"]
        return []

    def default_path(self) -> Path:
        """Named after the map's title, as every export is, beside the map (home for one not yet named)."""
        from .import_export import export_path

        if self.map_path is not None:
            return export_path(self.map_path, self.document.info.title, ".pdf")
        return Path.home() / f"{safe_file_stem(self.document.info.title)}.pdf"

    def _ask_with_file_dialog(self, default: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Export Poster", str(default), "PDF files (*.pdf)")
        return Path(name) if name else None

    def save(self) -> None:
        """Ask where, export with progress, then close (or stay open to show warnings or a refusal)."""
        since = self._since_last_print()
        if since is False:
            return
        chosen = self.ask_save_path(self.default_path())
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        progress = QProgressDialog("Exporting the poster…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Export Poster")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # shown only when the export takes longer than a moment
        progress.setAutoClose(False)
        progress.setValue(0)

        def report(fraction: float) -> bool:
            progress.setValue(min(99, int(fraction * 100)))
            # Keep the window painting (and Cancel clickable) even before the progress dialog appears.
            QCoreApplication.processEvents()
            return progress.wasCanceled()

        self.buttons.setEnabled(False)
        try:
            changed = dict(changed_since=since.content, changed_since_name=since.name) if since else {}
            warnings = export_poster(self.document, path, snapshot_name=self.snapshot_name, progress=report,
                                     **self.options(), **changed)
        except ExportCancelled:
            self.status.setText("The export was cancelled; nothing was written.")
            return
        except JourneyError as error:
            self.status.setText(f"Cannot export the poster: {error}")
            return
        finally:
            progress.close()
            progress.deleteLater()
            self.buttons.setEnabled(True)
        warnings = list(warnings) + self._record(warnings.sheets)
        self.saved_path, self.warnings = path, warnings
        self.poster_saved.emit(str(path), warnings)
        if not warnings:
            self.accept()
            return
        # Stay open so the warnings are read; Cancel becomes Close.
        self.status.setText(f"Saved {path.name}. " + " ".join(f"Warning: {w}." for w in warnings))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
