"""The trace of a printed name no entity carries: text matches of the search index, labelled.

Two real records of the development corpus, ingested with the real pipeline: 104-10250-10200 (a
memo where the model reads "Hiss (Helen POINDEXTERJof Staff C" and marks no Poindexter) and
177-10001-10445 (McCone's notes of a meeting with President Johnson, "our interrogation of
Nosenko"). The quote windows below are cut from their text layers verbatim.
"""

from __future__ import annotations

import pytest

from declass.errors import NotFound
from declass.settings import Settings
from declass.store import Store, open_store
from declass.trace import trace
from declass.trace_render import to_json, to_markdown
from declass.trace_text import TEXT_CHARS, TEXT_TYPE, quote_window, search_words, text_dossier
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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from declass.ingest import ingest_paths

    url = f"sqlite:///{tmp_path_factory.mktemp('text') / 'd.db'}"
    s = open_store(url)
    paths = [str(CORPUS / f"{n}.pdf") for n in ("104-10250-10200", "177-10001-10445")]
    ingest_paths(s, paths, Settings(db=url, workers=1, extract=True, ocr="never"))
    return s


@pytest.mark.slow
def test_text_matches_cite_the_record_printing_a_name_without_an_entity(store: Store) -> None:
    d = text_dossier(store, "Helen Poindexter")
    assert d is not None and d.entity.type == TEXT_TYPE and d.entity.id == "" and d.mention_count == 0
    [passage] = d.passages
    assert passage.document == "104-10250-10200" and passage.page == 1 and passage.paragraph_number == "2"
    assert "Helen POINDEXTER" in passage.quote and "true name" in passage.quote
    text = store.get_document(passage.doc_id).text
    assert " ".join(text[passage.start : passage.end].split()) == passage.quote  # cited verbatim
    assert [doc.number for doc in d.documents] == ["104-10250-10200"]
    assert any("text matches" in n and "not an entity" in n for n in d.notes)
    assert to_json(d)["entity"]["text_match"] is True
    assert "(text matches, not an entity)" in to_markdown(d) and "### Text matches" in to_markdown(d)


@pytest.mark.slow
def test_tracing_a_printed_name_shows_what_the_record_says_of_it(store: Store) -> None:
    d = trace(store, "Nosenko")
    quoted = [p.quote for p in d.passages if p.document == "177-10001-10445"]
    assert any("probably legitimate" in q for q in quoted)  # what the President thought of him
    if d.entity.type == TEXT_TYPE:  # no entity carries the name: labelled as text matches
        assert to_json(d)["entity"]["text_match"] is True


@pytest.mark.slow
def test_a_name_no_record_prints_is_still_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no entity matches"):
        trace(store, "Zqxwvbjk")
