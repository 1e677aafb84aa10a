"""A real ``distributed.LocalCluster`` (2 worker processes) shared by the cluster tests, and a
snapshot of a store that two runs must agree on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from declass.store import open_store

WORKER_MEMORY = "1.5GiB"  # small on purpose: spaCy's small model and a chunk of the examples fit


@pytest.fixture(scope="package")
def cluster() -> Iterator[Any]:
    """Two worker processes of one thread each, with nannies that restart a killed worker."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, memory_limit=WORKER_MEMORY, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    """A client of the shared cluster, for one test."""
    from distributed import Client

    with Client(cluster.scheduler_address) as c:
        c.wait_for_workers(1, timeout=300)  # after a kill test the nanny restarts the second one meanwhile
        yield c


def snapshot(url: str) -> dict[str, Any]:
    """What a user would compare between two runs: documents, mentions, entities, claims, sightings."""
    store = open_store(url)
    try:
        mentions = list(store.iter_mentions())
        entities = store.list_entities(limit=1_000_000)
        docs = sorted(d["id"] for d in store.list_documents(limit=1_000_000))
        return {
            "documents": docs,
            "mentions": sorted((m.id, m.doc_id, m.label, m.text, m.start, m.end) for m in mentions),
            "entities": sorted((e.id, e.type, e.name, tuple(e.mention_ids)) for e in entities),
            "claims": sorted((c.id, c.subject, c.predicate, c.object, c.value, c.hedge) for c in store.iter_claims()),
            "sightings": [(d, sorted(x["path"] for x in store.sightings(d))) for d in docs],
            "pending": store.pending_counts(),
        }
    finally:
        store.close()
