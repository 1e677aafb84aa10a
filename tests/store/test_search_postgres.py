"""PostgreSQL's bounded search at scale (migration 0009): the term statistics kept by a trigger,
the expansion counts read from them, and the head-first walk of the candidates. Real PostgreSQL
(``scripts/with-postgres.sh``); the timings these exist for are in ``benchmarks/search.py``."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

import declass.store.search_postgres as search_postgres
import declass.store.sql_search as sql_search
from declass.model import Entity
from declass.store import open_store
from declass.store.search_expand import RARE_PARAGRAPHS
from tests.conftest import LIAISON_REPORT
from tests.store.test_store import _doc

pytestmark = pytest.mark.postgres


def _terms(conn) -> set[tuple[str, int]]:
    return {(w, int(n)) for w, n in conn.execute(text("SELECT lexeme, paragraphs FROM search_terms WHERE paragraphs > 0"))}


def _stat(conn) -> set[tuple[str, int]]:
    return {(w, int(n)) for w, n in conn.execute(text("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM paragraphs')"))}


def test_term_statistics_follow_every_write(pg_url: str) -> None:
    store = open_store(pg_url)
    nts, liaison = _doc(), _doc(LIAISON_REPORT)
    store.add_document(nts)
    store.add_document(liaison)
    engine = store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        both = _terms(conn)
        assert both == _stat(conn) and len(both) > 100
    store.add_document(nts)  # re-written: its paragraphs deleted and inserted again
    with engine.begin() as conn:
        assert _terms(conn) == both
        conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": liaison.id})  # the cascade
    with engine.begin() as conn:
        assert _terms(conn) == _stat(conn) != both
        conn.execute(text("DELETE FROM search_terms"))
    store.rebuild_search_index()  # repair: recomputed from the paragraphs
    with engine.connect() as conn:
        assert _terms(conn) == _stat(conn)
    store.close()


def test_expansion_counts_are_the_index_counts(pg_url: str) -> None:
    store = open_store(pg_url)
    store.add_document(_doc())
    store.add_document(_doc(LIAISON_REPORT))
    dialect = store._sql  # type: ignore[attr-defined]
    words = ["nts", "venezuela", "reports", "reported", "the", "emigre", "zzzzqx", "soviet"]
    bounded = "SELECT COUNT(*) FROM (SELECT 1 FROM paragraphs WHERE tsv @@ to_tsquery('english', :match) LIMIT :k) c"
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        counted = store._expander.counts(conn, words)  # type: ignore[attr-defined]
        for word in words:
            for k in (RARE_PARAGRAPHS, 2):
                expected = conn.execute(text(bounded), {"match": dialect.any_of([word]), "k": k}).scalar()
                got = conn.execute(text(dialect.count_sql()), {"match": dialect.any_of([word]), "k": k}).scalar()
                assert got == expected, (word, k)
            assert counted[word] == conn.execute(text(bounded), {"match": f"({word})", "k": RARE_PARAGRAPHS}).scalar()
        assert counted["nts"] > 1 and counted["reports"] == counted["reported"] > 0 and counted["the"] == counted["zzzzqx"] == 0
        # Not one word (a prefix, a phrase): the bounded index count.
        for match in ("vene:*", "(labor <-> union)", "(nts | soviet)"):
            expected = conn.execute(text(bounded), {"match": match, "k": RARE_PARAGRAPHS}).scalar()
            assert conn.execute(text(dialect.count_sql()), {"match": match, "k": RARE_PARAGRAPHS}).scalar() == expected > 0
    store.close()


def _head(doc_id: str) -> int:
    """1 for the paragraphs of the 1/256 head, 16 for the rest of the 1/16 head, 0 outside."""
    byte = hashlib.md5(doc_id.encode()).digest()[0]
    return 1 if byte == 0 else 16 if byte >> 4 == 0 else 0


def _synthetic_store(pg_url: str) -> tuple[object, dict[int, set[str]]]:
    """4 documents of each head level and 6 outside, one paragraph each naming the zebrafish."""
    store = open_store(pg_url)
    wanted = {1: 4, 16: 4, 0: 6}
    ids: dict[int, set[str]] = {1: set(), 16: set(), 0: set()}
    i = 0
    while any(len(ids[k]) < n for k, n in wanted.items()):
        doc_id, i = f"doc-{i}", i + 1
        if len(ids[_head(doc_id)]) < wanted[_head(doc_id)]:
            ids[_head(doc_id)].add(doc_id)
    with store.engine.begin() as conn:  # type: ignore[attr-defined]
        for level in (0, 16, 1):  # table order: the head last, so the first matches in it are not the head's
            for doc_id in sorted(ids[level]):
                body = f"The zebrafish report number {doc_id} of level {level}."
                conn.execute(
                    text(
                        "INSERT INTO documents (id, source_path, media_type, size, text, clean_text, clean_map, metadata, "
                        "warnings, page_count, redaction_count, pipeline_version, ingested_at) VALUES (:d, :p, 'text/plain', "
                        "1, :t, :t, '[]', '{}', '[]', 1, 0, 'test', now())"
                    ),
                    {"d": doc_id, "p": f"/x/{doc_id}.txt", "t": body},
                )
                conn.execute(
                    text(
                        'INSERT INTO paragraphs (doc_id, idx, page, start, "end", clean_start, clean_end, kind, text) '
                        "VALUES (:d, 0, 1, 0, :n, 0, :n, 'body', :t)"
                    ),
                    {"d": doc_id, "n": len(body), "t": body},
                )
    return store, ids


def test_candidates_come_from_the_smallest_head_that_holds_them(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store, ids = _synthetic_store(pg_url)
    head256, head16 = ids[1], ids[1] | ids[16]
    found: dict[tuple[int, str], object] = {}

    def docs(n: int, q: str) -> set[str]:
        monkeypatch.setattr(sql_search, "MAX_CANDIDATES", n)
        res = store.search(q, fuzzy=False, limit=100)
        found[(n, q)] = res
        return {r.file.removesuffix(".txt") for r in res.results}

    # A prefix starts at the 1/256 head: 4 matches there, enough for 3 candidates.
    assert docs(3, "zebraf*") <= head256 and found[(3, "zebraf*")].total_exact is False
    # 6 candidates: the 1/256 head holds 4, the 1/16 head 8.
    assert docs(6, "zebraf*") <= head16 and len(found[(6, "zebraf*")].results) == 6
    # 20: no head holds as many, so every match, and the count is exact.
    assert docs(20, "zebraf*") == ids[1] | ids[16] | ids[0] and found[(20, "zebraf*")].total_exact is True
    # One word: its statistics (14 paragraphs) say no head can hold 3 x 1.25 x 256, so the whole table.
    assert len(docs(3, "zebrafish")) == 3
    monkeypatch.setattr(search_postgres, "HEAD_MARGIN", 0.001)  # now they promise enough in the 1/256 head
    assert docs(3, "zebrafish") <= head256
    assert docs(6, "zebrafish") <= head16  # the 1/256 head holds too few: handed over to the 1/16 one
    assert docs(20, "zebrafish") == ids[1] | ids[16] | ids[0]
    # A phrase is always looked for in the whole table; filters see the head's first matches.
    assert len(docs(3, '"zebrafish report"')) == 3
    monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 3)
    filtered = store.search("zebrafish", fuzzy=False, has_redactions=False, limit=2)
    assert {r.file.removesuffix(".txt") for r in filtered.results} <= head256 and filtered.total_exact is False
    store.close()


def test_entity_forms_are_read_without_the_document_list(pg_url: str) -> None:
    store = open_store(pg_url)
    doc = _doc()
    store.add_document(doc)
    m1, _ = doc.mentions
    many = [f"doc-{i:05d}" for i in range(3000)]  # a long document list in attrs (tens of kilobytes)
    belik = Entity("e1", "PERSON", "Zoran Afanasyevich Belik", {"Belik": 3, "Bellik": 1}, ["Z. Bjelik"], [m1.id], [doc.id, *many])
    store.replace_entities([belik])
    dialect = store._sql  # type: ignore[attr-defined]
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        forms = f"{dialect.json_member('e.attrs', 'variants')}, {dialect.json_member('e.attrs', 'aliases')}"
        row = conn.execute(text(f"SELECT {forms} FROM entities e")).one()
        whole = conn.execute(text("SELECT attrs FROM entities")).scalar()
    assert (row[0], row[1]) == (whole["variants"], whole["aliases"]) == ({"Belik": 3, "Bellik": 1}, ["Z. Bjelik"])
    assert dialect.json_member("e.attrs", "variants") == "e.attrs_variants"  # the generated column, not attrs
    assert "bjelik" in store._expander.variants("belik")  # type: ignore[attr-defined]
    store.replace_entities([Entity("e1", "PERSON", "Zoran Belik", {"Belik": 4}, [], [m1.id], [doc.id])])
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        stored = conn.execute(text("SELECT attrs_variants::text, attrs_aliases::text FROM entities")).one()
    assert tuple(stored) == ('{"Belik": 4}', "[]")
    store.close()
