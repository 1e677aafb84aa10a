"""Which documents a dossier shows first and how far it quotes them (declass.trace_passages).

The store tests, on real records ingested with the real pipeline, share the stores of
tests/test_trace_printed.py (the ranking of a dossier's documents, Gay Alpern's companies).
"""

from __future__ import annotations

from collections import Counter

from declass.model import Mention
from declass.trace_passages import (
    FEW_MENTIONS,
    PASSAGE_CHARS,
    PASSAGES_PER_DOCUMENT,
    SOLE_PASSAGE_CHARS,
    passage_mentions,
    quoted_further,
    rank_documents,
)
from tests.conftest import ROOT

JFK = ROOT / "examples" / "jfk"


def _m(mid: str, doc: str, start: int, page: int = 1) -> Mention:
    return Mention(id=mid, doc_id=doc, label="PERSON", text="Alpern", start=start, end=start + 6, page=page, paragraph=start)


def test_documents_naming_the_entity_most_come_first_then_the_earliest_page() -> None:
    own = [_m("a1", "aa", 10, 3), _m("b1", "bb", 5, 1), _m("b2", "bb", 50, 2), _m("c1", "cc", 7, 1)]
    # bb names it twice; cc and aa once, cc on its first page; dd not at all (a printed form only).
    assert rank_documents(["aa", "bb", "cc", "dd"], own) == ["bb", "cc", "aa", "dd"]


def test_the_passages_follow_the_ranked_documents() -> None:
    own = [_m("a1", "aa", 10), _m("b1", "bb", 5), _m("b2", "bb", 50)]
    order = rank_documents(["aa", "bb"], own)
    assert [m.id for m in passage_mentions(own, {"a1", "b1", "b2"}, 8, order)] == ["b1", "b2", "a1"]
    assert [m.id for m in passage_mentions(own, {"a1", "b1", "b2"}, 8)] == ["a1", "b1", "b2"]  # by id without an order


def test_a_document_naming_the_entity_a_few_times_is_quoted_further() -> None:
    # 8 passages of 400 characters are a document's usual share: 4 of 800 fit in it.
    assert FEW_MENTIONS * SOLE_PASSAGE_CHARS <= PASSAGES_PER_DOCUMENT * PASSAGE_CHARS
    own = [_m("a1", "aa", 10), *(_m(f"b{k}", "bb", 10 * k) for k in range(FEW_MENTIONS + 1))]
    printed = [_m(f"printed:aa:{k}", "aa", 100 + k) for k in range(FEW_MENTIONS)]  # printed forms are no mentions
    assert quoted_further([*own, *printed], Counter(m.doc_id for m in own)) == {"a1", *(m.id for m in printed)}
