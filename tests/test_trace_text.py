"""The trace of a printed name no entity carries: text matches of the search index, labelled
(the store tests, on real records, are in tests/test_trace_printed.py).

The texts below are cut verbatim from the text layers of two records of the development corpus:
104-10250-10200 (where the model reads "Hiss (Helen POINDEXTERJof Staff C" and marks no
Poindexter) and 177-10001-10445 (McCone's notes of a meeting with President Johnson, "our
interrogation of Nosenko").
"""

from __future__ import annotations

from declass.trace_text import TEXT_CHARS, quote_window, search_words
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "samples" / "jfk-corpus"
# 177-10001-10445, paragraph 3 as the text layer prints it (line breaks inside sentences).
NOSENKO = (
    "3, Ltold President Johnson that we continued our interrogation of \nNosenko; our counterintelligence "
    "people were inclined to feel he was a \nplant but had not made up their minds. President said he "
    "thought he was \nprobably legitimate and would give us some good information."
)


def test_a_name_becomes_plain_search_words_without_operators_or_filters() -> None:
    assert search_words("Helen Poindexter") == ["helen", "poindexter"]
    # "OR" in capitals is the search's operator; "date:1950" a field filter; quotes a phrase.
    assert search_words('"Juan OR Pedro" date:1950') == ["juan", "pedro", "date", "1950"]
    assert search_words("Salazar-Sanchez's") == ["salazar-sanchez's"]
    assert search_words("*** ::") == []


def test_the_quote_starts_at_the_sentence_not_at_a_line_break() -> None:
    start, end = quote_window(NOSENKO, {"nosenko"})
    assert start == 0  # the sentence starts the paragraph: "Nosenko" follows a line break
    assert "legitimate" in NOSENKO[start:end]
    later = "He left. " * 40 + NOSENKO
    start, end = quote_window(later, {"nosenko"})
    assert later[start:].startswith("3, Ltold President Johnson") and end - start <= TEXT_CHARS


def test_a_glued_ocr_word_is_quoted_by_its_beginning() -> None:
    text = "No record. " * 30 + "On 21 October 1953 Hiss (Helen POINDEXTERJof Staff C reviewed her records."
    start, end = quote_window(text, {"poindexter"})
    assert text[start:end] == "On 21 October 1953 Hiss (Helen POINDEXTERJof Staff C reviewed her records."
