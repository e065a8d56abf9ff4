"""File › Export Workshop Report…: the report written where the user says, as PDF or Markdown."""

from __future__ import annotations

from pypdf import PdfReader

from tests.editor.conftest import map_file_at, window_on
from tests.export.pdfcheck import flat
from tests.model.factories import after_workshop_map


def test_the_file_menu_exports_the_workshop_report(application, prompts, qtbot, tmp_path):
    w = window_on(application, qtbot, map_file_at(tmp_path / "Workshop.journey", after_workshop_map().content()))
    depth = w.stack.count()
    prompts.script("save_file", tmp_path / "minutes")  # no suffix typed: a PDF
    w.actions["file.export_report"].trigger()
    assert prompts.suggested[-1].name == "Untitled journey workshop report.pdf"
    text = " ".join(flat(p.extract_text()) for p in PdfReader(str(tmp_path / "minutes.pdf")).pages)
    assert "Capture pains" in text and "Call five customers Ben 2026-12-08" in text
    assert "Exported" in w.statusBar().currentMessage()
    prompts.script("save_file", tmp_path / "minutes.md")
    w.actions["file.export_report"].trigger()
    assert "## Decisions and next steps" in (tmp_path / "minutes.md").read_text(encoding="utf-8")
    assert w.stack.count() == depth  # an export is not an edit


def test_a_report_that_cannot_be_written_is_a_warning_and_nothing_else(application, prompts, qtbot, tmp_path):
    w = window_on(application, qtbot, map_file_at(tmp_path / "Workshop.journey", after_workshop_map().content()))
    prompts.script("save_file", tmp_path / "no such folder" / "r.pdf")
    w.actions["file.export_report"].trigger()
    assert prompts.messages("warn")[-1][0] == "Cannot export the workshop report"
    assert "no such folder" in prompts.messages("warn")[-1][1]
