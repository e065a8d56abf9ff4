"""One SVG <text> per drawn line, where Qt's SVG generator writes one per script run.

QSvgGenerator writes a <text> element for every run Qt's text engine shapes
on its own, and the engine cuts a line wherever the script changes: 発注書を確認
becomes 発注書 / を / 確認, "CJK 测试" becomes "CJK " / 测试. A search of the SVG, or a
screen reader, then never finds the phrase. `merge_text_runs` joins each run to
the one before it when both are siblings with the same font, colour and baseline
and the second starts where the first ends (measured with the layout's own font
metrics, which are the ones Qt drew with), so what was one drawText call is one
element again. Runs of different calls on one baseline (a card's votes and its
owner) are never contiguous, and stay apart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from model.fonts import bold_metrics, regular_metrics

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
TEXT = f"{{{SVG}}}text"
TOLERANCE = 0.75  # layout units: Qt rounds run positions to a few decimals


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _width(element: ET.Element) -> float | None:
    size = _float(element.get("font-size"))
    if size is None or len(element) or not element.text:
        return None
    bold = (_float(element.get("font-weight")) or 400) >= 600
    return (bold_metrics() if bold else regular_metrics()).text_width(element.text, size)


def _continues(first: ET.Element, second: ET.Element) -> bool:
    """Whether `second` is the next run of the same line as `first`."""
    same = {k: v for k, v in first.attrib.items() if k != "x"} == {k: v for k, v in second.attrib.items() if k != "x"}
    if not same or len(second) or second.text is None:
        return False
    x0, x1, width = _float(first.get("x")), _float(second.get("x")), _width(first)
    if x0 is None or x1 is None or width is None:
        return False
    return abs(x0 + width - x1) <= TOLERANCE + 0.01 * width


def merge_text_runs(svg: bytes) -> bytes:
    """The SVG document with each drawn line's runs joined into one <text> element."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg)
    for parent in root.iter():
        children = list(parent)
        previous = None
        for child in children:
            if child.tag != TEXT:
                previous = None
                continue
            if previous is not None and _continues(previous, child):
                previous.text += child.text
                parent.remove(child)
                continue
            previous = child
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
