"""The readers' narrow store reads, on SQLite and PostgreSQL alike: paragraph offsets, slices of
original text and mention citations, each read without loading a whole document."""

from __future__ import annotations

import re

from declass.model import Mention, make_id
from declass.pipeline import process
from declass.store import open_store
from tests.conftest import LIAISON_REPORT, NTS_REPORT


def _nts_with_kandaurov_mentions():
    """The NTS report with a PERSON mention on every "Kandaurov" as printed."""
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    doc.mentions = [
        Mention(make_id(doc.id, m.start(), "PERSON"), doc.id, "PERSON", m.group(), m.start(), m.end(), doc.page_at(m.start()))
        for m in re.finditer(r"Kand[ao]urov", doc.text)
    ]
    return doc


def test_paragraph_spans_are_the_stored_paragraphs(store_url: str) -> None:
    store = open_store(store_url)
    nts, liaison = _nts_with_kandaurov_mentions(), process(str(LIAISON_REPORT), LIAISON_REPORT.read_bytes())
    store.add_document(nts)
    store.add_document(liaison)
    spans = store.paragraph_spans([nts.id, liaison.id, "no-such-document"])
    assert spans == {nts.id: nts.paragraphs, liaison.id: liaison.paragraphs}
    assert {"1", "2", "8"} <= {p.number for p in spans[nts.id]}  # printed paragraph numbers


def test_text_slices_equal_python_slices_of_the_original(store_url: str) -> None:
    store = open_store(store_url)
    doc = _nts_with_kandaurov_mentions()
    store.add_document(doc)
    eight = next(p for p in doc.paragraphs if p.number == "8")
    wanted = [(doc.id, eight.start, eight.end), (doc.id, 0, 40), (doc.id, len(doc.text) - 10, len(doc.text) + 500)]
    got = store.text_slices([*wanted, ("no-such-document", 0, 10)])
    assert got == {span: doc.text[span[1] : span[2]] for span in wanted}
    assert got[wanted[0]].startswith("8. Carly in May 1950 MTC headquarters in Caracas")


def test_mention_citations_carry_document_and_paragraph(store_url: str) -> None:
    store = open_store(store_url)
    doc = _nts_with_kandaurov_mentions()
    store.add_document(doc)
    ids = [m.id for m in reversed(doc.mentions)]
    cites = store.mention_citations([*ids, "no-such-mention"])
    assert [c.mention_id for c in cites] == ids  # in the order asked; unknown ids left out
    for c in cites:
        para = next(p for p in doc.paragraphs if p.start <= c.start < p.end)
        assert (c.paragraph, c.paragraph_number, c.page) == (para.index, para.number, para.page)
        assert c.paragraph_text == doc.clean_text[para.clean_start : para.clean_end]
        assert c.text in c.paragraph_text and c.doc_number == doc.metadata.number


def test_mentions_with_owners_is_the_mention_read_and_the_owner_read_in_one(store_url: str) -> None:
    """What a dossier reads of its documents: every mention of them in (document, start) order,
    attributes included, and the entity of each member, as ``iter_mentions`` and
    ``entities_of_mentions`` give them (and as the store-independent default combines them)."""
    from declass.model import Entity
    from declass.store.base import Store

    store = open_store(store_url)
    nts, liaison = _nts_with_kandaurov_mentions(), process(str(LIAISON_REPORT), LIAISON_REPORT.read_bytes())
    nts.mentions[0].attrs = {"rule": "test", "precision": 0.5}
    store.add_document(nts)
    store.add_document(liaison)
    owned = [m.id for m in nts.mentions[::2]]
    store.replace_entities([Entity(id="e1", type="PERSON", name="Kandaurov", mention_ids=owned, doc_ids=[nts.id])])
    ids = [liaison.id, nts.id, "no-such-document"]
    mentions, owner = store.mentions_with_owners(ids)
    expected = list(store.iter_mentions(doc_ids=ids))
    assert len(expected) == len(nts.mentions) + len(liaison.mentions) >= 3
    assert sorted(mentions, key=lambda m: m.id) == sorted(expected, key=lambda m: m.id)
    assert [(m.doc_id, m.start) for m in mentions] == [(m.doc_id, m.start) for m in expected]
    assert next(m for m in mentions if m.id == nts.mentions[0].id).attrs == {"rule": "test", "precision": 0.5}
    assert owner == store.entities_of_mentions(m.id for m in expected) == dict.fromkeys(owned, "e1")
    default_mentions, default_owner = Store.mentions_with_owners(store, ids)
    assert default_owner == owner and sorted(default_mentions, key=lambda m: m.id) == sorted(mentions, key=lambda m: m.id)
    assert store.mentions_with_owners([]) == ([], {})
