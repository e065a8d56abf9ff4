"""Export file names made from a map's title: readable, and safe on Windows, macOS and Linux."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.interchange.text_files import MAX_STEM_BYTES, safe_file_stem


@pytest.mark.parametrize(("title", "stem"), [
    ("B2B onboarding", "B2B onboarding"),
    ("Q3: Onboarding / B2B", "Q3 Onboarding B2B"),
    ('<b>bold</b> & "co"', "b bold b & co"),
    ("a\\b|c?d*e", "a b c d e"),
    ("line\nbreak\ttab", "line break tab"),
    ("..hidden", "hidden"),
    ("trailing dots. . .", "trailing dots"),
    ("invoice.\u202efdp.exe", "invoice.fdp.exe"),  # a right-to-left override would disguise the extension
    ("CON", "CON map"),
    ("nul.txt", "nul.txt map"),
    ("👩‍👩‍👧 family ❤️", "👩‍👩‍👧 family ❤️"),
    ("顧客の旅", "顧客の旅"),
    ("   ", "Journey map"),
    ("///", "Journey map"),
])
def test_titles_become_safe_readable_names(title, stem):
    assert safe_file_stem(title) == stem


@given(st.text(max_size=400))
def test_any_title_gives_a_name_every_file_system_takes(title):
    stem = safe_file_stem(title, "fallback")
    assert stem and stem == stem.strip() and not stem.startswith(".") and not stem.endswith(".")
    assert not set(stem) & set('/\\:*?"<>|\x00') and all(ch >= " " for ch in stem)
    assert len(stem.encode("utf-8", "surrogatepass")) <= MAX_STEM_BYTES
