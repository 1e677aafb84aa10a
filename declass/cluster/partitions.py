"""Partitioned resolution: resolution's judging steps as Dask tasks over partitions of blocks.

:func:`declass.resolve.resolver.judge` does its expensive work as two ordered maps: each
document's nodes judged against each other, then each cross-document candidate pair (a block's
pair, with the names its documents share) scored. :func:`partition_mapper` runs such a map on a
cluster: items are grouped, in order, into partitions of ``partition_size`` items, each partition
is one task, and results are yielded in input order, so the judgements, and the clusters
assembled from them on the client as before, equal the single-process result.

Memory: a worker holds one partition (its items and their results) at a time, whatever the corpus
size; the client holds the mentions, the judgements and at most ``IN_FLIGHT_PER_WORKER`` partitions
per worker waiting to be gathered. Assembly (union-find over judgements) stays on the client.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from declass.cluster.client import session, worker_count
from declass.cluster.tasks import IN_FLIGHT_PER_WORKER

if TYPE_CHECKING:
    from declass.resolve.resolver import Mapper
    from declass.store import Store

DEFAULT_PARTITION = 5_000  # items (documents or candidate pairs) per task: ~10-50 MB pickled


def apply_partition(func: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """Worker entry point: ``func`` over one partition's items, in order."""
    return [func(item) for item in items]


def partition_mapper(client: Any, partition_size: int = DEFAULT_PARTITION) -> Mapper:
    """An ordered map that runs ``func`` over partitions of its items as tasks on ``client``'s cluster."""
    limit = IN_FLIGHT_PER_WORKER * worker_count(client)

    def mapper(func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        todo = iter(items)
        in_flight: deque[Any] = deque()

        def submit() -> bool:
            batch = list(islice(todo, partition_size))
            if batch:
                in_flight.append(client.submit(apply_partition, func, batch, pure=False))
            return bool(batch)

        try:
            while len(in_flight) < limit and submit():
                pass
            while in_flight:
                fut = in_flight.popleft()
                results = fut.result()
                fut.release()
                submit()
                yield from results
        finally:
            if in_flight:
                client.cancel(list(in_flight))

    return mapper


def resolve_on_cluster(
    store: Store, address: str, default_workers: int | None = None, *, partition_size: int = DEFAULT_PARTITION
) -> dict[str, int]:
    """``declass resolve --cluster``: re-resolve the store with its judging partitioned on the cluster."""
    from declass.resolve import resolve_store

    with session(address, default_workers) as client:
        return resolve_store(store, mapper=partition_mapper(client, partition_size))
