"""The store interface, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from declass.errors import Ambiguous, NotFound
from declass.model import Citation, Claim, Entity, Judgement, Mention, Relation, make_id
from declass.pipeline import process
from declass.store import open_store
from tests.conftest import JFK, LIAISON_REPORT, NTS_REPORT


def _doc(path=NTS_REPORT):
    doc = process(str(path), path.read_bytes())
    if path != NTS_REPORT:
        return doc
    belik = doc.text.index("Zoran Afanasyevich Belik")
    m1 = Mention(make_id(doc.id, belik, belik + 24, "PERSON"), doc.id, "PERSON", "Zoran Afanasyevich Belik", belik, belik + 24, 1)
    m2 = Mention(make_id(doc.id, 0, 3, "ORG"), doc.id, "ORG", "NTS", 0, 3, 1, attrs={"rule": "test"})
    doc.mentions = [m1, m2]
    doc.relations = [Relation("role", m1.id, m2.id, "chief", doc.id, belik, belik + 24)]
    doc.claims = [
        Claim(
            make_id(doc.id, "member_of", belik),
            doc.id,
            m1.id,
            "member_of",
            object=m2.id,
            hedge="believed",
            citation=Citation(doc.id, 1, 3, "2", belik, belik + 24, "Zoran Afanasyevich Belik"),
        )
    ]
    return doc


def test_document_round_trips_with_all_spans(store_url: str) -> None:
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    back = store.get_document(doc.id)
    assert back.text == doc.text
    assert back.clean_text == doc.clean_text
    assert back.clean_map == doc.clean_map
    assert back.pages == doc.pages
    assert back.paragraphs == doc.paragraphs
    assert back.redactions == doc.redactions
    assert back.boilerplate == doc.boilerplate
    assert back.metadata == doc.metadata
    assert back.mentions == sorted(doc.mentions, key=lambda m: m.start)
    assert back.relations == doc.relations
    assert back.claims == doc.claims
    store.close()


def test_re_adding_a_document_replaces_it_without_duplicates(store_url: str) -> None:
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    store.add_document(doc)
    assert store.count_documents() == 1
    assert len(list(store.iter_mentions(doc_id=doc.id))) == 2
    assert len(list(store.iter_claims(doc_id=doc.id))) == 1
    assert len(store.sightings(doc.id)) == 2
    store.close()


def test_get_document_by_prefix_number_and_file_name(store_url: str) -> None:
    store = open_store(store_url)
    a, b = _doc(NTS_REPORT), _doc(LIAISON_REPORT)
    store.add_document(a)
    store.add_document(b)
    assert store.get_document(a.id[:8]).id == a.id
    assert store.get_document("CIA-soviet-liaison-foreign-communist-parties.txt").id == b.id
    assert store.get_document(str(NTS_REPORT)).id == a.id
    with pytest.raises(NotFound):
        store.get_document("no-such-document")
    store.close()


def test_ambiguous_reference_lists_candidates(store_url: str) -> None:
    store = open_store(store_url)
    a = _doc(NTS_REPORT)
    store.add_document(a)
    other = process("elsewhere/CIA-RDP82-00457R006100750010-5.txt", b"another text with the same file name")
    store.add_document(other)
    with pytest.raises(Ambiguous) as info:
        store.get_document("CIA-RDP82-00457R006100750010-5.txt")
    assert set(info.value.candidates) == {a.id, other.id}
    store.close()


def test_ingest_log_and_summary_report_failures(store_url: str) -> None:
    store = open_store(store_url)
    store.add_document(_doc())
    store.log_ingest("run1", "bad.pdf", "failed", "empty file (0 bytes)")
    store.log_ingest("run1", "x.txt", "ingested", None, "abc")
    assert [r["status"] for r in store.ingest_log("run1")] == ["failed", "ingested"]
    summary = store.summary()
    assert summary["documents"] == 1
    assert summary["failures"] == [{"path": "bad.pdf", "reason": "empty file (0 bytes)"}]
    store.log_ingest("run2", "bad.pdf", "ingested", None, "def")
    assert store.summary()["failures"] == []
    store.close()


def test_entities_judgements_and_overrides(store_url: str) -> None:
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    m1, m2 = doc.mentions
    ent = Entity("e1", "PERSON", "Zoran Afanasyevich Belik", {"Belik": 3}, ["Z. Belik"], [m1.id], [doc.id], {"roles": ["chief"]})
    org = Entity("e2", "ORG", "NTS", {"NTS": 1}, [], [m2.id], [doc.id])
    store.replace_entities([ent, org])
    got = store.get_entity("e1")
    assert (got.name, got.variants, got.aliases, got.mention_ids, got.attrs) == (
        ent.name,
        ent.variants,
        ent.aliases,
        [m1.id],
        {"roles": ["chief"]},
    )
    assert [e.id for e in store.list_entities(type="person")] == ["e1"]
    assert [e.id for e in store.list_entities(name="belik")] == ["e1"]
    assert {e.id for e in store.list_entities(doc_id=doc.id)} == {"e1", "e2"}
    # Replacing only the clusters touching m1 leaves e2 alone.
    store.replace_entities([Entity("e3", "PERSON", "Belik", {}, [], [m1.id], [doc.id])], mention_ids=[m1.id])
    assert {e.id for e in store.list_entities()} == {"e2", "e3"}
    store.add_judgements([Judgement(m1.id, m2.id, False, 0.1, "type_mismatch", {"why": "types differ"})])
    assert [j.rule for j in store.iter_judgements()] == ["type_mismatch"]
    store.add_override("merge", {"a": "e2", "b": "e3"})
    assert [o["action"] for o in store.list_overrides()] == ["merge"]
    with pytest.raises(NotFound):
        store.get_entity("nope")
    store.close()


def test_claims_by_mention(store_url: str) -> None:
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    m1, m2 = doc.mentions
    assert [c.predicate for c in store.iter_claims(mention_ids=[m2.id])] == ["member_of"]
    assert list(store.iter_claims(mention_ids=["unknown"])) == []
    store.close()


def test_list_documents_filters(store_url: str) -> None:
    store = open_store(store_url)
    for path in (NTS_REPORT, LIAISON_REPORT, JFK / "104-10006-10247.pdf"):
        store.add_document(process(str(path), path.read_bytes()))
    rows = store.list_documents()
    assert len(rows) == 3
    assert store.list_documents(limit=1, offset=1)[0]["id"] == rows[1]["id"]
    pdfs = [r for r in rows if r["media_type"] == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0]["page_count"] > 1
    store.close()
