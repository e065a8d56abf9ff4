"""The single-sheet poster read back: sizes, literal text in order, fonts, metadata, refusals, warnings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from export.poster import ExportCancelled, export_poster
from model import ops
from model.domain import Persona
from model.errors import ExportError, ValidationError
from tests.export.maps import HOSTILE, map_with_card_texts, workshop_map
from tests.export.pdfcheck import (
    MM,
    embedded_font_file,
    flat,
    fonts_in,
    images_in,
    needs_pdftotext,
    page_sizes,
    pdftotext,
)
from tests.model.factories import generated_map, small_map

PAPERS_MM = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "letter": (215.9, 279.4),
    "tabloid": (279.4, 431.8),
    "700x500mm": (500, 700),
}


@pytest.fixture(scope="module")
def small_doc():
    return small_map()


@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
@pytest.mark.parametrize("paper", list(PAPERS_MM))
def test_one_page_of_exactly_the_paper_asked_for(tmp_path, small_doc, paper, landscape):
    out = tmp_path / "poster.pdf"
    export_poster(small_doc, out, paper=paper, landscape=landscape)
    w_mm, h_mm = PAPERS_MM[paper]
    expected = (h_mm * MM, w_mm * MM) if landscape else (w_mm * MM, h_mm * MM)
    sizes = page_sizes(out)
    assert len(sizes) == 1
    assert sizes[0] == pytest.approx(expected, abs=0.01)


def test_every_card_text_is_found_by_pypdf(tmp_path):
    doc = workshop_map()
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A1")
    text = flat(" ".join(page.extract_text() for page in PdfReader(str(out)).pages))
    for card in doc.cards():
        assert flat(card.text) in text


@needs_pdftotext
def test_cards_read_in_order_stage_by_stage_lane_by_lane(tmp_path):
    doc = workshop_map()
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A0")
    text = flat(pdftotext(out, raw=True))
    expected = [card.text for stage in doc.stages for lane in doc.lanes for card in doc.cell_cards(stage.id, lane.id)]
    at = 0
    for card_text in expected:
        found = text.find(flat(card_text), at)
        assert found >= 0, f"{card_text!r} not found after position {at}"
        at = found + len(flat(card_text))
    # poppler's default (physical) mode reads lane by lane across the stages, but keeps each card whole.
    physical = flat(pdftotext(out))
    for card_text in expected:
        assert flat(card_text) in physical


@needs_pdftotext
def test_hostile_text_prints_literally_and_reads_no_file(tmp_path):
    doc = map_with_card_texts(HOSTILE, title="<title>&amp;</title>")
    out = tmp_path / "poster.pdf"
    assert export_poster(doc, out, paper="A3") == []
    text = pdftotext(out)
    for hostile in HOSTILE:
        assert hostile in text
    assert "<title>&amp;</title>" in text
    hostname = Path("/etc/hostname")
    if hostname.is_file():
        secret = hostname.read_text(errors="replace").strip()
        if len(secret) >= 4:
            assert secret not in text
    # Markup never turned into styling: only the two DejaVu faces, no font named in the text.
    assert all(name.endswith(("+DejaVuSans", "+DejaVuSans-Bold")) for name in fonts_in(out))


def test_hostile_text_through_pypdf(tmp_path):
    doc = map_with_card_texts(HOSTILE)
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A3")
    text = PdfReader(str(out)).pages[0].extract_text()
    for hostile in HOSTILE:
        assert hostile in text


def test_fonts_are_embedded_truetype(tmp_path):
    doc = map_with_card_texts(("Latin é, Ελληνικά, Русский, 中文",))
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A3")
    fonts = fonts_in(out)
    names = " ".join(fonts)
    assert "DejaVuSans" in names and "DejaVuSans-Bold" in names and "DroidSansFallback" in names
    for name, font in fonts.items():
        assert embedded_font_file(font), f"{name} is not embedded"
    assert b"/FontFile2" in out.read_bytes()


def test_no_fallback_font_when_no_text_needs_it(tmp_path, small_doc):
    out = tmp_path / "poster.pdf"
    export_poster(small_doc, out, paper="A3")
    assert "DroidSansFallback" not in " ".join(fonts_in(out))


@pytest.mark.parametrize(
    "text", ["Καλημέρα κόσμε", "Здравствуйте, мир", "顧客の旅を描く", "カスタマージャーニー", "Zoë’s café — naïve façade"]
)
def test_scripts_are_extractable(tmp_path, text):
    doc = map_with_card_texts((text,))
    out = tmp_path / "poster.pdf"
    assert export_poster(doc, out, paper="A3") == []
    assert text in PdfReader(str(out)).pages[0].extract_text()


@needs_pdftotext
def test_scripts_are_extractable_with_pdftotext(tmp_path):
    texts = ("Καλημέρα κόσμε", "Здравствуйте, мир", "顧客の旅を描く")
    out = tmp_path / "poster.pdf"
    export_poster(map_with_card_texts(texts), out, paper="A3")
    found = pdftotext(out)
    for text in texts:
        assert text in found


def test_characters_no_font_has_are_replaced_and_named(tmp_path):
    doc = map_with_card_texts(("Happy 🙂 face \U0001F680 go",))
    out = tmp_path / "poster.pdf"
    warnings = export_poster(doc, out, paper="A3")
    assert any("U+1F642" in w and "U+1F680" in w for w in warnings)
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Happy \ufffd face \ufffd go" in text


def test_metadata(tmp_path):
    doc = workshop_map()
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A2")
    meta = PdfReader(str(out)).metadata
    assert meta.title == "Onboarding a new business customer"
    assert meta.author == "CX team — Lea Novak"
    assert meta.creator == "Journeymap"
    assert "journey map" in meta.subject and "A2" in meta.subject


def test_title_block_names_personas_date_and_snapshot(tmp_path):
    import datetime

    doc = workshop_map()
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A2", snapshot_name="After workshop 2")
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Onboarding a new business customer" in text
    assert "Personas: Maya, Tomás" in text
    assert "Snapshot: After workshop 2" in text
    assert str(datetime.date.today().year) in text
    for label in ("Frustrated", "Delighted", "Pain point", "Touchpoint", "Word of mouth", "Legend"):
        assert label in text
    assert "I just want invoices out on Friday." in flat(text)  # the persona strip's quote
    assert "Demo rate 18 → 25 %" in text  # a KPI badge


def test_only_the_named_persona(tmp_path):
    doc = workshop_map()
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A2", personas=["Maya"])
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Persona: Maya" in text
    assert "Tomás" not in text
    assert all(p.visible for p in doc.personas)  # the caller's document is untouched


def test_legend_and_personas_can_be_left_out(tmp_path):
    out = tmp_path / "poster.pdf"
    export_poster(workshop_map(), out, paper="A2", include_legend=False, include_personas=False)
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Legend" not in text
    assert "Office manager" not in text


def test_unknown_persona_is_refused_naming_the_ones_there(tmp_path):
    out = tmp_path / "poster.pdf"
    with pytest.raises(ValidationError) as caught:
        export_poster(workshop_map(), out, personas=["Nobody"])
    assert "Nobody" in str(caught.value) and "Maya" in str(caught.value) and "Tomás" in str(caught.value)
    assert not out.exists()


def test_unknown_paper_writes_nothing(tmp_path, small_doc):
    out = tmp_path / "poster.pdf"
    with pytest.raises(ValidationError):
        export_poster(small_doc, out, paper="B5")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing folder", "parent is a file", "is a folder"])
def test_unwritable_destinations_raise_export_error(tmp_path, small_doc, where):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    target = {
        "missing folder": tmp_path / "nope" / "poster.pdf",
        "parent is a file": blocker / "poster.pdf",
        "is a folder": tmp_path,
    }[where]
    with pytest.raises(ExportError):
        export_poster(small_doc, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path, small_doc):
    out = tmp_path / "poster.pdf"
    out.write_bytes(b"previous poster")
    with pytest.raises(ExportCancelled):
        export_poster(small_doc, out, paper="A3", progress=lambda fraction: fraction >= 0.5)
    assert out.read_bytes() == b"previous poster"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_progress_is_reported_up_to_the_end(tmp_path, small_doc):
    seen: list[float] = []
    export_poster(small_doc, tmp_path / "p.pdf", paper="A3", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


@pytest.mark.parametrize("overlap", [-1, 51, float("nan"), True])
def test_overlap_out_of_range_is_refused(tmp_path, small_doc, overlap):
    with pytest.raises(ValidationError, match="overlap"):
        export_poster(small_doc, tmp_path / "p.pdf", tile="A4", overlap_mm=overlap)
    assert list(tmp_path.iterdir()) == []


def test_small_text_warns_and_suggests_a_larger_paper(tmp_path):
    doc = generated_map(300, seed=3)
    warnings = export_poster(doc, tmp_path / "p.pdf", paper="A4")
    small = [w for w in warnings if "smaller than 9 pt" in w]
    assert len(small) == 1 and "larger paper" in small[0] and "A4" in small[0]


def test_readable_poster_does_not_warn(tmp_path):
    assert export_poster(workshop_map(), tmp_path / "p.pdf", paper="A0") == []


def _png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_persona_photo_is_drawn_and_a_damaged_one_skipped(tmp_path):
    doc = workshop_map()
    maya, tomas = doc.personas
    doc.apply(ops.UpdatePersona(maya.id, {"photo": _png_bytes()}))
    doc.apply(ops.UpdatePersona(tomas.id, {"photo": b"\x89PNG\r\n\x1a\n not really a picture"}))
    out = tmp_path / "poster.pdf"
    warnings = export_poster(doc, out, paper="A2")
    assert images_in(out) == 1
    assert any("Tomás" in w and "photo" in w for w in warnings)


def test_empty_map_still_makes_a_poster(tmp_path):
    from model.document import Document

    out = tmp_path / "p.pdf"
    export_poster(Document(), out, paper="A4")
    assert len(page_sizes(out)) == 1
    assert "Untitled journey" in PdfReader(str(out)).pages[0].extract_text()


def test_large_map_stays_small(tmp_path):
    doc = generated_map(2000)
    doc.apply(ops.AddPersona(Persona("Extra")))
    out = tmp_path / "big.pdf"
    export_poster(doc, out, paper="A0")
    assert out.stat().st_size < 2_000_000


def test_hostile_names_labels_and_kpis_print_literally(tmp_path):
    from model.domain import Kpi

    doc = workshop_map()
    maya = doc.personas[0]
    doc.apply(ops.UpdatePersona(maya.id, {"name": "<b>Maya</b>", "role": "AT&T <i>buyer</i>", "quote": "[[[x]]]"}))
    conn = doc.connections[0]
    doc.apply(ops.UpdateConnection(conn.id, {"label": '<font color="red">go</font>'}))
    doc.apply(ops.UpdateStage(doc.stages[0].id, {"name": "a<b", "goal": "<img src=\"/etc/hostname\"/>"}))
    doc.apply(ops.AddKpi(Kpi(doc.stages[0].id, "<u>NPS</u>", 1, 2)))
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A0")
    text = flat(PdfReader(str(out)).pages[0].extract_text())
    for literal in ("<b>Maya</b>", "AT&T <i>buyer</i>", "“[[[x]]]”", '<font color="red">go</font>', "a<b",
                    '<img src="/etc/hostname"/>', "<u>NPS</u> 1 → 2"):
        assert literal in text



def _poster_with_an_action(tmp_path) -> Path:
    from model.domain import CardKind

    doc = small_map()
    action, note = doc.cards()[:2]
    doc.apply(ops.UpdateCard(action.id, {"kind": CardKind.ACTION, "owner": "Support", "due": "2026-12-31"}))
    doc.apply(ops.UpdateCard(note.id, {"due": "2027-03-01"}))  # a note's date is kept, not shown
    out = tmp_path / "poster.pdf"
    export_poster(doc, out, paper="A2")
    return out


def test_an_action_card_shows_its_owner_and_due_date_in_its_footer(tmp_path):
    text = flat(PdfReader(str(_poster_with_an_action(tmp_path))).pages[0].extract_text())
    assert "Support · Due 2026-12-31" in text
    assert "2027-03-01" not in text


@needs_pdftotext
def test_an_actions_due_date_copies_out_of_the_poster_as_drawn(tmp_path):
    text = flat(pdftotext(_poster_with_an_action(tmp_path)))
    assert "Support · Due 2026-12-31" in text and "2027-03-01" not in text


def test_a_legend_label_longer_than_its_row_is_cut_to_fit_and_never_runs_off_the_page():
    """Seen on the comparison poster, whose side legend let "Moved, with a trace from its old cell (n)" run on."""
    from export.pdf_fonts import text_width
    from export.poster_frame import FrameContent, _legend_rows, frame_sizes

    long = "Moved, with a trace from its old cell where it stood at the workshop before last (12)"
    content = FrameContent("Map", "", ("a", "b", "c", "d", "e"), True, [], [], [],
                           extra_legend=[("Changes", [("ring", ("#2B6CB0", False), "Added (3)"),
                                                      ("line", ("#C53030", True), long)])])
    s = frame_sizes(1.0)
    width = 180.0
    rows = _legend_rows(content, width, s)
    labels = [item[2] for _, items in rows for item, _x in items]
    assert "Added (3)" in labels and long not in labels
    cut = next(label for label in labels if label.startswith("Moved, with"))
    assert cut.endswith("…")
    for _, items in rows:
        for item, x in items:
            assert x + 1.4 * s["icon"] + text_width(item[2], s["legend"]) <= width + 0.01
    whole = _legend_rows(content, float("inf"), s)  # the natural width keeps every label whole
    assert long in [item[2] for _, items in whole for item, _x in items]
