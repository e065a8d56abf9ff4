"""On the poster, connections are drawn along the layout's routes around the cards.

tests/model/test_layout_routes.py shows no route crosses a card; here the PDF's own drawing
operators are read back to show the poster draws exactly those routes.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from export.poster import POSTER_FORM, export_poster
from model.document import Document
from model.layout import compute_layout
from model.templates import example_content
from tests.model.factories import generated_map


def _map_paths(path) -> list[list[tuple[str, tuple[float, ...]]]]:
    """Every path drawn in the poster's form: its moveto/lineto/curveto operators with their numbers."""
    reader = PdfReader(str(path))
    form = reader.pages[0]["/Resources"]["/XObject"][f"/FormXob.{POSTER_FORM}"].get_object()  # reportlab's name
    ops = ContentStream(form, reader).operations
    paths, current = [], None
    for operands, op in ops:
        op = op.decode()
        if op == "m":
            current = [("m", tuple(float(v) for v in operands))]
            paths.append(current)
        elif op in ("l", "c") and current is not None:
            current.append((op, tuple(float(v) for v in operands)))
        elif op not in ("l", "c"):
            current = None
    return paths


def _drawn_as_routed(doc, out) -> None:
    export_poster(doc, out, paper="A1")
    layout = compute_layout(doc)
    H = layout.height
    drawn = _map_paths(out)
    for conn in layout.connections:
        expected = [("m", (conn.segments[0][0][0], H - conn.segments[0][0][1]))]
        for _, c1, c2, p3 in conn.segments:
            expected.append(("c", (c1[0], H - c1[1], c2[0], H - c2[1], p3[0], H - p3[1])))
        match = [
            p for p in drawn
            if len(p) == len(expected)
            and all(a[0] == b[0] and a[1] == pytest.approx(b[1], abs=0.01) for a, b in zip(p, expected))
        ]
        assert match, f"connection {conn.connection_id} is not drawn along its route"


def test_the_example_maps_connections_follow_their_routes(tmp_path):
    _drawn_as_routed(Document(example_content()), tmp_path / "example.pdf")


def test_a_generated_maps_connections_follow_their_routes(tmp_path):
    _drawn_as_routed(generated_map(300, stages=6, lanes=6, seed=4), tmp_path / "generated.pdf")
