"""The entity name index and the batched reads of the name trace, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from declass.model import Entity, Mention, make_id
from declass.store import open_store
from declass.store import schema as s
from declass.types.names import name_keys
from tests.store.test_store import _doc

NAMES = [
    ("kandaurov", "PERSON", "Aleksei Alekseyevich Kandaurov", {"Kandaurov": 2}),
    ("tretyakov", "PERSON", "Vladimir Aleksandrovich Tretyakov", {"Tretyakov": 1}),
    ("baidalakov", "PERSON", "Viktor Baidalakov", {"Baidalakov": 1}),
    ("nts", "ORG", "NTS", {"NTS": 3, "Natsionalno-Trudovoi Soyuz": 1}),
    ("mvd", "ORG", "MVD", {"MVD": 1}),
    ("mgb", "ORG", "MGB", {"MGB": 1}),
]


def _store(url: str):
    """A store with one document whose mentions belong to the entities of NAMES."""
    store = open_store(url)
    doc = _doc()
    doc.mentions = [
        Mention(make_id(doc.id, i, "m"), doc.id, label, name, 10 * i, 10 * i + 5, 1, paragraph=i % 2)
        for i, (_, label, name, _) in enumerate(NAMES)
    ]
    doc.relations, doc.claims = [], []
    store.add_document(doc)
    store.replace_entities(
        Entity(key, label, name, variants, [], [doc.mentions[i].id], [doc.id])
        for i, (key, label, name, variants) in enumerate(NAMES)
    )
    return store, doc


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kandourov", "kandaurov"),  # OCR/transliteration variant of a word of the name
        ("Tretiakov", "tretyakov"),  # y/i folded
        ("Tret'yakov", "tretyakov"),
        ("Daidalakov", "baidalakov"),  # B/D confusion: the OCR skeleton keys
        ("MTS", "nts"),  # M/N confusion in an acronym
        ("N.T.S.", "nts"),
        ("Natsionalno", "nts"),  # a word of a variant
        ("Alek", "kandaurov"),  # a typed prefix
        ("mvd", "mvd"),
    ],
)
def test_search_entity_names_finds_variants(store_url: str, query: str, expected: str) -> None:
    store, _ = _store(store_url)
    assert expected in [e.id for e in store.search_entity_names(query)]
    store.close()


def test_search_entity_names_ranks_exact_first_and_misses_strangers(store_url: str) -> None:
    store, doc = _store(store_url)
    found = store.search_entity_names("MVD")
    assert found[0].id == "mvd" and found[0].mention_ids == [doc.mentions[4].id]
    assert store.search_entity_names("Zzyzx") == []
    assert store.search_entity_names("  ") == []
    assert len(store.search_entity_names("Aleksei Tretyakov", limit=1)) == 1
    store.close()


def test_a_bounded_candidate_list_is_the_head_of_the_full_ranking(store_url: str) -> None:
    """The candidates are chosen (shared keys, then mentions, then name) before their rows are
    read, so a short list is exactly the head of a long one, on both backends: the rows (and
    SQLite's ``json_remove`` of each document list) are read for the kept candidates only."""
    store, _ = _store(store_url)
    for query in ("Aleksei Tretyakov Baidalakov", "NTS MVD MGB"):
        full = [e.id for e in store.search_entity_names(query, members=False)]
        assert len(full) >= 2, query
        for limit in range(1, len(full) + 1):
            assert [e.id for e in store.search_entity_names(query, limit=limit, members=False)] == full[:limit]
            assert [e.id for e in store.search_entity_names(query, limit=limit)] == full[:limit]
    store.close()


def test_exact_name_lookup_uses_the_name_key_index(store_url: str) -> None:
    """``list_entities(type=, name=, exact=True)`` (the trace's "possibly also") filters by type
    and exact key on both backends, and on SQLite looks the key up in ``ix_entities_name_key``
    rather than reading every entity of the type (the planner has no statistics to tell)."""
    from sqlalchemy import event

    store, _ = _store(store_url)
    plans: list[str] = []

    def explain(_conn, cursor, statement, parameters, *_):
        if store.dialect_name == "sqlite" and "name_key = " in statement:
            plans.extend(r[-1] for r in cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters))

    event.listen(store.engine, "before_cursor_execute", explain)
    assert [e.id for e in store.list_entities(type="ORG", name="NTS", exact=True, members=False)] == ["nts"]
    assert store.list_entities(type="PERSON", name="NTS", exact=True) == []
    event.remove(store.engine, "before_cursor_execute", explain)
    assert store.dialect_name != "sqlite" or any("ix_entities_name_key" in p for p in plans), plans
    store.close()


def test_name_candidates_without_members_keep_names_and_variants(store_url: str) -> None:
    """The trace's candidates (``members=False``) carry names, variants and aliases for ranking,
    without member or document lists; the chosen entity is loaded whole afterwards."""
    store, doc = _store(store_url)
    slim = {e.id: e for e in store.search_entity_names("NTS", members=False)}
    full = {e.id: e for e in store.search_entity_names("NTS")}
    assert slim["nts"].variants == {"NTS": 3, "Natsionalno-Trudovoi Soyuz": 1} == full["nts"].variants
    assert slim["nts"].name == "NTS" and slim["nts"].mention_ids == [] and slim["nts"].doc_ids == []
    assert full["nts"].doc_ids == [doc.id] and store.get_entity("nts").doc_ids == [doc.id]
    store.close()


def test_name_index_follows_replace_entities(store_url: str) -> None:
    store, doc = _store(store_url)
    m = doc.mentions[0].id
    store.replace_entities([Entity("privalov", "PERSON", "Aleksei Privalov", {}, [], [m], [doc.id])], mention_ids=[m])
    assert "kandaurov" not in [e.id for e in store.search_entity_names("Kandaurov")]
    assert [e.id for e in store.search_entity_names("Privalov")] == ["privalov"]
    assert [e.id for e in store.search_entity_names("Tretyakov")][0] == "tretyakov"  # untouched
    store.close()


def test_name_index_is_filled_for_a_store_that_predates_it(store_url: str) -> None:
    store, _ = _store(store_url)
    with store.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(delete(s.entity_names))
    store.close()
    store = open_store(store_url)
    assert [e.id for e in store.search_entity_names("Kandourov")] == ["kandaurov"]
    store.close()


def test_batched_reads_of_the_trace(store_url: str) -> None:
    store, doc = _store(store_url)
    ids = [m.id for m in doc.mentions]
    assert store.entities_of_mentions([*ids, "unknown", ids[0]]) == {mid: key for mid, (key, *_) in zip(ids, NAMES, strict=True)}
    assert store.entity_summaries(["nts", "nope"]) == {
        "nts": {"id": "nts", "type": "ORG", "name": "NTS", "mention_count": 1, "doc_count": 1}
    }
    summary = store.document_summaries([doc.id, "nope"])
    assert list(summary) == [doc.id]
    assert summary[doc.id]["number"] == doc.metadata.number and summary[doc.id]["source_path"] == doc.source_path
    assert set(summary[doc.id]) == {"id", "number", "title", "doc_date", "classification", "source_path"}
    assert [m.id for m in store.iter_mentions(doc_ids=[doc.id, "nope"])] == [m.id for m in doc.mentions]
    assert list(store.iter_mentions(doc_ids=[])) == []
    assert {e.id: e.mention_ids for e in store.list_entities(limit=10)} == {key: [ids[i]] for i, (key, *_) in enumerate(NAMES)}
    store.close()


def test_name_keys_of_ocr_and_transliteration_variants() -> None:
    assert name_keys("Tretiakov") & name_keys("Tretyckov")
    assert name_keys("Karoviov") & name_keys("Kaaoviov")  # one edit that breaks the skeleton keys
    assert not name_keys("MVD") & name_keys("MGB")
    assert name_keys("") == set()
