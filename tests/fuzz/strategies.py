"""Text strategies shared by the fuzz tests: arbitrary Unicode, and name-like or document-like text."""

from __future__ import annotations

from hypothesis import strategies as st

# Everything, surrogates and controls included: what a text layer or a hostile file can hold.
any_text = st.text(st.characters(codec=None), max_size=80)
# Name-like: letters (any script), spaces, dots, commas, hyphens, apostrophes, a few digits and controls.
name_chars = st.characters(categories=("L", "M"), include_characters=" .,-'’\x02\u00ad\t0123456789")
names = st.text(name_chars, max_size=40)
WORDS = [
    "the",
    "Kandaurov",
    "met",
    "BELIK",
    "in",
    "Caracas",
    "on",
    "3",
    "May",
    "1951",
    "SECRET",
    "25X1",
    "[ ]",
    "NTS",
    "Mr.",
    "-",
    "1.",
]
separators = st.sampled_from([" ", " ", "\n", "\n\n", "\f", "\t", "-\n", ". "])
document_text = st.lists(st.one_of(st.sampled_from(WORDS), any_text, separators), max_size=60).map("".join)
