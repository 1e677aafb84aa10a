"""Bounded resolution (issues 11, 13): the store resolved document by document, entities built
bucket by bucket, equals the resolution that holds every mention at once."""

from __future__ import annotations

import json
from typing import Any

from benchmarks.resolve import make_corpus
from declass.model import Mention, Relation
from declass.resolve import resolve_store
from declass.resolve.compact import IntUnionFind
from declass.resolve.streaming import resolve_store_bounded
from declass.store import open_store
from declass.store.base import Store

from .test_incremental import add, folders


def fill(store: Store, nts: list[Mention], rels: list[Relation], liaison: list[Mention]) -> None:
    """The NTS and liaison reports with their relations, the JFK forms of the incremental test,
    and 600 synthetic person mentions in 50 documents (OCR and transliteration variants)."""
    for part in folders(nts, rels, liaison):
        for doc_id, ms, rs, path in part:
            add(store, doc_id, ms, rs, path)
    synthetic, _ = make_corpus(600)
    by_doc: dict[str, list[Mention]] = {}
    for m in synthetic:
        by_doc.setdefault(m.doc_id, []).append(m)
    for doc_id, ms in by_doc.items():
        add(store, doc_id, ms, [], None)


def state(store: Store) -> dict[str, Any]:
    """Every entity with all its fields and attributes, and the judgements in stored order."""
    entities = sorted(
        (e.id, e.type, e.name, json.dumps(e.variants), tuple(e.aliases), tuple(e.mention_ids), tuple(e.doc_ids),
         json.dumps(e.attrs, sort_keys=True))
        for e in store.list_entities(limit=1_000_000)
    )  # fmt: skip
    judgements = [
        (j.left, j.right, j.same, j.score, j.rule, json.dumps(j.evidence, sort_keys=True), j.source)
        for j in store.iter_judgements()
    ]
    return {"entities": entities, "judgements": judgements}


def _correct(store: Store) -> None:
    """A reviewer's corrections of every kind resolution re-applies (as ``declass.resolve.manage``
    records them, without its re-assembly after each)."""
    es = store.list_entities(limit=1_000_000)
    people = sorted((e for e in es if e.type == "PERSON" and len(e.mention_ids) > 2), key=lambda e: e.id)
    big = max(es, key=lambda e: (len(e.mention_ids), e.id))
    venezuela = next(m for m in store.iter_mentions() if m.text == "Venezuela")
    caracas = next(m for m in store.iter_mentions() if m.text == "Caracas")
    store.add_override("merge", {"left": people[0].mention_ids[0], "right": people[1].mention_ids[0]})
    store.add_override("split", {"mentions": big.mention_ids[:2], "rest": big.mention_ids[2:]})
    store.add_override("rename", {"anchor": people[2].mention_ids[0], "name": "Renamed Person"})
    store.add_override("retype", {"anchor": people[3].mention_ids[0], "type": "ORG"})
    store.add_override("not_entity", {"form": venezuela.text, "context": "any", "mention": venezuela.id})
    store.add_override("mention_type", {"mention": caracas.id, "label": "ORG"})
    store.add_override("judge", {"left": people[4].mention_ids[0], "right": people[5].mention_ids[0], "same": False})


def test_bounded_resolution_equals_resolving_everything_at_once(
    store_url: str, nts_mentions, nts_relations, liaison_mentions
) -> None:  # type: ignore[no-untyped-def]
    store = open_store(store_url)
    try:
        fill(store, nts_mentions, nts_relations, liaison_mentions)
        resolve_store(store, bounded=False)
        _correct(store)
        counts = resolve_store(store, bounded=False)
        want = state(store)
        stats: dict[str, Any] = {}
        got_counts = resolve_store_bounded(store, bucket_mentions=50, stats=stats)  # ~18 buckets
        got = state(store)
    finally:
        store.close()
    assert got_counts == counts and counts["suppressed"] >= 1
    assert stats["buckets"] > 10 and stats["judgement_bytes"] == 19 * counts["judgements"]
    assert stats["largest_bucket"] < stats["mentions"] / 4, stats  # entities built from a part of the mentions at a time
    assert got["judgements"] == want["judgements"]
    assert got["entities"] == want["entities"]
    names = {e[2] for e in got["entities"]}
    assert "Renamed Person" in names and "Castro" in names and len(got["entities"]) > 80
    assert any('"possibly"' in e[7] for e in got["entities"])  # doubts across components built together
    assert any('"alias_evidence"' in e[7] for e in got["entities"])  # Kandourov alias Aleksei Privalov


def test_integer_union_find_keeps_cannot_links_across_unions() -> None:
    uf = IntUnionFind(5)
    uf.forbid(0, 3)
    assert uf.union(0, 1) and uf.union(3, 4)
    assert not uf.union(1, 4)  # 0-1 and 3-4 are kept apart by 0 / 3
    assert uf.union(2, 4) and not uf.union(2, 0)
    assert uf.union(1, 4, force=True) and uf.find(0) == uf.find(3)
    assert uf.add() == 5 and uf.find(5) == 5


def test_the_default_streams_only_a_store_above_the_threshold(  # type: ignore[no-untyped-def]
    sqlite_url: str, nts_mentions, nts_relations, liaison_mentions, monkeypatch
) -> None:
    """``resolve_store`` without ``bounded`` holds a small store in memory (faster there) and
    streams one of more than ``BOUNDED_ABOVE`` mentions; both give the same entities."""
    import declass.resolve as resolve_pkg
    import declass.resolve.streaming as streaming

    calls: list[int] = []
    real = streaming.resolve_store_bounded

    def counted(*args: Any, **kwargs: Any) -> dict[str, int]:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(streaming, "resolve_store_bounded", counted)
    store = open_store(sqlite_url)
    try:
        fill(store, nts_mentions, nts_relations, liaison_mentions)
        assert store.count_mentions() > 600
        resolve_store(store)
        small = state(store)
        assert calls == []
        monkeypatch.setattr(resolve_pkg, "BOUNDED_ABOVE", store.count_mentions() - 1)
        resolve_store(store)
        assert calls == [1] and state(store) == small
    finally:
        store.close()
