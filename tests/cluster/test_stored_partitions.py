"""Workers that read their partition from the store (issue 13): the client sends document ids
only, and the store ends as the in-memory single process leaves it, corrections included."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from declass.cluster import partition_mapper
from declass.resolve import resolve_store
from declass.resolve.streaming import resolve_store_bounded
from declass.store import open_store
from tests.cluster.test_partitions import fill_reports
from tests.resolve.test_streaming import _correct, state


def test_workers_reading_the_store_resolve_as_the_single_process(store_url: str, client: Any) -> None:
    """The NTS and liaison reports (an acronym and an alias), JFK forms and synthetic mentions,
    with a reviewer's corrections of every kind (a "not an entity" form is checked against the
    text after it, which the workers read from the store too): partitions of 7 documents."""
    store = open_store(store_url)
    try:
        fill_reports(store)
        resolve_store(store, bounded=False)
        _correct(store)
        counts = resolve_store(store, bounded=False)
        want = state(store)
        mapper = partition_mapper(client, 7)
        shipped: list[Any] = []

        def watched(func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
            def seen() -> Iterator[Any]:
                for item in items:
                    shipped.append(item)
                    yield item

            return iter(mapper(func, seen()))

        got_counts = resolve_store_bounded(store, mapper=watched, bucket_mentions=50, workers_read=True)
        got = state(store)
    finally:
        store.close()
    docs = [x for x in shipped if isinstance(x, str)]
    assert len(docs) > 50 and len(set(docs)) == len(docs)  # every document once, as its id
    assert not [x for x in shipped if isinstance(x, tuple) and x and isinstance(x[0], list)]  # no mentions shipped
    assert got_counts == counts
    # Judgements in a canonical order (each worker's hash seed orders the pairs of a block).
    assert sorted(got["judgements"]) == sorted(want["judgements"]) and len(want["judgements"]) > 500
    assert got["entities"] == want["entities"]
