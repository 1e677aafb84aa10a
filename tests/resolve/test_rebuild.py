"""Re-assembly after a correction in bounded memory (issue 13): ``manage.rebuild_entities`` of a
large store streams it, and gives the entities of the re-assembly that holds every mention."""

from __future__ import annotations

from typing import Any

from declass.resolve import resolve_store
from declass.resolve.manage import rebuild_entities
from declass.resolve.rebuild import rebuild_entities_bounded
from declass.store import open_store

from .test_streaming import _correct, fill, state


def test_bounded_rebuild_equals_rebuilding_everything_at_once(
    store_url: str, nts_mentions, nts_relations, liaison_mentions
) -> None:  # type: ignore[no-untyped-def]
    """The NTS and liaison reports, JFK forms and synthetic mentions, resolved, then corrected by
    a reviewer in every way (merge, split, rename, retype, not an entity, wrong mention type,
    queue judgement) without re-resolving: re-assembly in ~18 buckets equals the in-memory one."""
    store = open_store(store_url)
    try:
        fill(store, nts_mentions, nts_relations, liaison_mentions)
        resolve_store(store, bounded=False)
        _correct(store)
        n = rebuild_entities(store)  # the store is small: held in memory
        want = state(store)
        store.replace_entities([])
        got_n = rebuild_entities_bounded(store, bucket_mentions=50)
        got = state(store)
    finally:
        store.close()
    assert got_n == n and n > 80
    assert got["judgements"] == want["judgements"]
    assert got["entities"] == want["entities"]
    names = {e[2] for e in got["entities"]}
    assert "Renamed Person" in names
    assert any('"possibly"' in e[7] for e in got["entities"])  # doubts across components built together
    assert any('"alias_evidence"' in e[7] for e in got["entities"])


def test_rebuild_streams_a_store_above_the_threshold(  # type: ignore[no-untyped-def]
    sqlite_url: str, nts_mentions, nts_relations, liaison_mentions, monkeypatch
) -> None:
    """``rebuild_entities`` holds a small store in memory and streams one of more than
    ``BOUNDED_ABOVE`` mentions; both give the same entities."""
    import declass.resolve as resolve_pkg
    import declass.resolve.rebuild as rebuild

    calls: list[int] = []
    real = rebuild.rebuild_entities_bounded

    def counted(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(rebuild, "rebuild_entities_bounded", counted)
    store = open_store(sqlite_url)
    try:
        fill(store, nts_mentions, nts_relations, liaison_mentions)
        resolve_store(store, bounded=False)
        _correct(store)
        rebuild_entities(store)
        small = state(store)
        assert calls == []
        monkeypatch.setattr(resolve_pkg, "BOUNDED_ABOVE", store.count_mentions() - 1)
        rebuild_entities(store)
        assert calls == [1] and state(store) == small
    finally:
        store.close()
