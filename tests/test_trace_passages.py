"""Which documents a dossier shows first and how far it quotes them (declass.trace_passages).

The store tests ingest three JFK records of ``examples/jfk`` with the real pipeline: the LIEMPTY
notes (104-10065-10028) and a cable (104-10006-10247), which both name the Soviet Embassy, and
the radio-switch memo (104-10179-10167), which names Gay Alpern twice and lists the companies he
recommended in the next paragraph.
"""

from __future__ import annotations

from collections import Counter

import pytest

from declass.model import Mention
from declass.settings import Settings
from declass.store import Store, open_store
from declass.trace import dossier_for, trace
from declass.trace_passages import SOLE_PASSAGE_CHARS, passage_mentions, quoted_further, rank_documents
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


def test_a_document_naming_the_entity_once_or_twice_is_quoted_further() -> None:
    own = [_m("a1", "aa", 10), _m("b1", "bb", 5), _m("b2", "bb", 50), _m("b3", "bb", 90)]
    printed = _m("printed:aa:70", "aa", 70)  # a printed form does not count as a mention
    assert quoted_further([*own, printed], Counter(m.doc_id for m in own)) == {"a1", "printed:aa:70"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from declass.ingest import ingest_paths

    url = f"sqlite:///{tmp_path_factory.mktemp('ranked') / 'd.db'}"
    s = open_store(url)
    paths = [str(JFK / f"{n}.pdf") for n in ("104-10065-10028", "104-10006-10247", "104-10179-10167")]
    ingest_paths(s, paths, Settings(db=url, workers=1, extract=True, ocr="never"))
    return s


@pytest.mark.slow
def test_every_dossier_lists_its_documents_by_the_entity_s_mentions(store: Store) -> None:
    several = [e for e in store.list_entities(limit=2000, members=False) if len(set(e.doc_ids)) >= 2]
    assert several  # the Soviet Embassy at least, in the notes and the cable
    for entity in several:
        d = dossier_for(store, entity)
        counts = [doc.mentions for doc in d.documents]
        assert counts == sorted(counts, reverse=True), entity.name
        first = [p.doc_id for p in d.passages]
        assert first == sorted(first, key=[doc.id for doc in d.documents].index), "passages follow the documents"


@pytest.mark.slow
def test_what_a_memo_says_of_a_name_it_gives_twice_is_quoted(store: Store) -> None:
    d = trace(store, "Alpern")
    quoted = [p.quote for p in d.passages if p.document == "104-10179-10167"]
    # "Mr.(Alpesn) Audio Operations Branchy-recommends two companies ... These gompanics are:
    # a.(Motorola, Chicago, Illinois": the companies are in the next paragraph.
    assert any("recommends two companies" in q and "Motorola" in q for q in quoted)
    assert all(len(q) <= SOLE_PASSAGE_CHARS for q in quoted)
