"""Reading posters back: pypdf always, poppler's pdftotext when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

MM = 72.0 / 25.4
HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None
needs_pdftotext = pytest.mark.skipif(not HAVE_PDFTOTEXT, reason="poppler-utils (pdftotext) is not installed")


def pdftotext(path: Path, *, raw: bool = False, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if raw:
        args.append("-raw")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    result = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def flat(text: str) -> str:
    """Whitespace (line breaks between wrapped lines included) squeezed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(str(path))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def _walk_fonts(resources, seen: dict, visited: set) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            seen[str(font.get("/BaseFont"))] = font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            key = id(ref.get_object())
            if key in visited:
                continue
            visited.add(key)
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                _walk_fonts(xobj.get("/Resources"), seen, visited)


def fonts_in(path: Path) -> dict[str, object]:
    """Every font the pages and their forms use, by base font name."""
    reader = PdfReader(str(path))
    seen: dict[str, object] = {}
    visited: set = set()
    for page in reader.pages:
        _walk_fonts(page.get("/Resources"), seen, visited)
    return seen


def embedded_font_file(font) -> bool:
    """Whether a font dictionary (simple TrueType or Type0) carries its own /FontFile2."""
    font = font.get_object()
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and "/FontFile2" in descriptor.get_object()


def images_in(path: Path) -> int:
    reader = PdfReader(str(path))
    count = 0
    stack = [p.get("/Resources") for p in reader.pages]
    visited: set = set()
    while stack:
        res = stack.pop()
        if res is None:
            continue
        xobjects = res.get_object().get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if id(obj) in visited:
                continue
            visited.add(id(obj))
            if obj.get("/Subtype") == "/Image":
                count += 1
            elif obj.get("/Subtype") == "/Form":
                stack.append(obj.get("/Resources"))
    return count
