"""The long path's speed fixes change no result (issue 11: long-document extraction speed).

The OCR-damage judgement of model spans and of the truecaser (``ocrwords.damaged``) caches its
answers by (word, lexicon). A cache finds an entry by hash
and then compares keys: the same lexicon object is an identity test, an equal copy a comparison of
its 83,000 words. A pipeline loaded again (``load_nlp.cache_clear``, as the ingest does to free
memory after a long document) brings such a copy, and every judged word of every later window paid
17 ms for it (profile of pass 1: 57 % of the time, 530 characters a second). The cache is now
keyed by :func:`~declass.pipeline.extract.patterns.canonical`, the first lexicon seen equal; so is
the dictionary test of ``pagequality.page_share``.
"""

from __future__ import annotations

import pytest

from declass.pipeline import process
from declass.pipeline.extract import extract, load_nlp, ocrwords, pagequality, variants
from declass.pipeline.extract import windows as windowing
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.patterns import canonical
from tests.conftest import CREST, JFK

SENTENCE = "Mr. John Smith met Ivan in Moscow on 3 May 1951. "
WORDS = ["Ucterest", "Advige", "Moscow", "John", "NATLONALIST", "GOVERNMERT", "Februszy", "Kandaurov", "station"]


def test_an_equal_copy_of_a_lexicon_is_the_first_one_seen() -> None:
    first = frozenset({"advice", "interest", "station"})
    copy = frozenset(set(first))
    other = frozenset({"advice"})
    assert copy is not first
    assert canonical(first) is first
    assert canonical(copy) is first  # one comparison, then an identity look-up
    assert canonical(copy) is first
    assert canonical(other) is other


def test_damaged_words_are_judged_the_same_and_cached_by_the_first_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = lexicon_of(load_nlp())
    reloaded = frozenset(set(lexicon))  # what a pipeline loaded again brings: equal, not the same object
    assert reloaded == lexicon and reloaded is not lexicon
    before = [ocrwords.damaged(w, lexicon) for w in WORDS]
    assert any(before) and not all(before)  # the words do exercise the judgement both ways
    keys: list[frozenset[str]] = []
    cached = ocrwords._damage_of

    def recording(low: str, lex: frozenset[str]) -> object:  # the cached function, its key recorded
        keys.append(lex)
        return cached(low, lex)

    monkeypatch.setattr(ocrwords, "_damage_of", recording)
    after = [ocrwords.damaged(w, reloaded) for w in WORDS]
    assert after == before
    first = canonical(lexicon)  # this pipeline's lexicon, or an equal one of a pipeline loaded before it
    assert keys and all(k is first for k in keys)  # the key is the first lexicon seen: an identity look-up


def test_the_page_share_is_judged_the_same_and_cached_by_the_first_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    # speed14 memoised the dictionary test of pagequality.page_share by (word, lexicon); keyed by
    # an equal copy, every look-up compared 83,000 words and tests/ingest/test_long_lines.py ran
    # more than 8 minutes instead of 10 s.
    lexicon = lexicon_of(load_nlp())
    reloaded = frozenset(set(lexicon))
    before = pagequality.page_share(WORDS, lexicon)
    keys: list[frozenset[str]] = []
    cached = pagequality._dictionary_word

    def recording(w: str, lex: frozenset[str]) -> bool:
        keys.append(lex)
        return cached(w, lex)

    monkeypatch.setattr(pagequality, "_dictionary_word", recording)
    assert pagequality.page_share(WORDS, reloaded) == before
    first = canonical(lexicon)
    assert keys and all(k is first for k in keys)


def _facts(doc: object) -> list[tuple[str, str, int, int, str]]:
    return [(m.id, m.label, m.start, m.end, m.text) for m in doc.mentions]  # type: ignore[attr-defined]


def _sources() -> list[tuple[str, bytes]]:
    """A synthetic one-line text, a CREST report and a JFK PDF (real OCR'd typescript)."""
    real = [sorted(CREST.glob("*.txt"))[0], sorted(JFK.glob("*.pdf"))[0]]
    return [("one-line.txt", (SENTENCE * 200).encode()), *((str(p), p.read_bytes()) for p in real)]


def test_long_documents_give_the_same_mentions_after_the_pipeline_is_loaded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windowed extraction (windows of 3,000 characters), then the same after ``load_nlp.cache_clear``."""
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", 3_000)
    first = extract([process(name, data) for name, data in _sources()])
    for doc in first:
        assert len(doc.clean_text) > windowing.MAX_WINDOW_CHARS and doc.mentions, doc.source_path
    load_nlp.cache_clear()  # as ingest.release_models: the next extraction loads the pipeline again
    again = extract([process(name, data) for name, data in _sources()])
    for a, b in zip(again, first, strict=True):
        assert _facts(a) == _facts(b), a.source_path
        assert [(c.id, c.subject, c.predicate) for c in a.claims] == [(c.id, c.subject, c.predicate) for c in b.claims]


def test_the_places_a_window_names_are_read_once_per_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """``place_variant`` without ``named`` read every word of the window per one-word name (the
    repair component asks it for every one-word PERSON, ORG, GPE and LOC): now once per window."""
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", 3_000)
    text = "Mr. Kandaurov flew from Guba to Mexico City, then Havena. Belik met Tretyakov in Cuba. " * 100
    variants.named_places.cache_clear()
    doc = extract([process("places.txt", text.encode())])[0]
    info = variants.named_places.cache_info()
    windows = len(windowing.cut_points(doc, windowing.MAX_WINDOW_CHARS))
    assert windows > 1 and info.misses <= windows < info.hits  # each window's words read once, then cached
    assert variants.named_places(frozenset({"cuba", "belik"})) == frozenset({"Cuba"})
    assert variants.place_variant("Guba", frozenset({"cuba"})) == variants.place_variant(
        "Guba", frozenset({"cuba"}), variants.named_places.__wrapped__(frozenset({"cuba"}))
    )
