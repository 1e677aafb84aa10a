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

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from declass.cluster import codec
from declass.cluster.client import session, worker_count
from declass.cluster.tasks import IN_FLIGHT_PER_WORKER

if TYPE_CHECKING:
    from declass.resolve.resolver import Mapper
    from declass.store import Store

TARGET_SECONDS = 1.0  # CPU seconds of work per task: the scheduler's few ms per task are lost in it
FIRST_PARTITION = 64  # items in the first partitions, before any task has reported its speed
MAX_PARTITION = 50_000  # items per task at most, whatever their speed: bounds a worker's memory


def apply_partition(func: Callable[[Any], Any], packed: bytes, shared: Any = None) -> tuple[float, bytes]:
    """Worker entry point: ``func`` over one partition's items, in order, and the CPU seconds it took.

    A ``func`` with a ``many`` method (:class:`declass.resolve.stored_docs.StoredDocuments`) takes
    the whole partition in one call, with ``shared``: what the client scattered to every worker.

    Items and results travel as one compact pickle each (:mod:`declass.cluster.codec`): Dask walks
    a task's arguments looking for futures (a few µs per object, the cost of judging a pair), but
    not inside bytes, and one pickle shares the nodes several pairs of a partition refer to.
    """
    start = time.process_time()
    items = codec.loads(packed)
    many = getattr(func, "many", None)
    out = codec.dumps(many(items, shared) if many is not None else [func(item) for item in items])
    return time.process_time() - start, out


class PartitionSizer:
    """Items per partition: fixed, or sized from the CPU time per item the finished tasks report.

    An item (a document, a candidate pair) costs from ~20 µs to a few ms; a task costs the scheduler
    a few ms and the pickling of its items. Partitions of ``target`` CPU seconds keep that overhead
    small and the number of tasks in flight useful, at any item cost, within ``[1, limit]`` items.
    """

    def __init__(self, fixed: int | None = None, target: float = TARGET_SECONDS, limit: int = MAX_PARTITION) -> None:
        self.fixed, self.target, self.limit = fixed, target, limit
        self.items = 0
        self.seconds = 0.0

    def record(self, seconds: float, items: int) -> None:
        """Count one finished task's CPU seconds and items."""
        self.seconds += seconds
        self.items += items

    def size(self) -> int:
        """Items in the next partition."""
        if self.fixed is not None:
            return self.fixed
        if self.items == 0 or self.seconds <= 0:
            return FIRST_PARTITION
        return max(1, min(self.limit, round(self.target * self.items / self.seconds)))


def partition_mapper(client: Any, partition_size: int | None = None, *, target: float = TARGET_SECONDS) -> Mapper:
    """An ordered map that runs ``func`` over partitions of its items as tasks on ``client``'s cluster.

    ``partition_size`` fixes the items per task; by default partitions are sized to ``target``
    CPU seconds each (:class:`PartitionSizer`), separately for each map. A ``func`` with a
    ``shared`` attribute has it sent to every worker once, not with each task.
    """
    limit = IN_FLIGHT_PER_WORKER * worker_count(client)

    def mapper(func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        todo = iter(items)
        in_flight: deque[tuple[Any, int]] = deque()
        sizer = PartitionSizer(partition_size, target)
        shared = getattr(func, "shared", None)
        if shared is not None:
            shared = client.scatter([shared], broadcast=True, hash=False)[0]  # one future, not one per element

        def submit() -> bool:
            batch = list(islice(todo, sizer.size()))
            if batch:
                packed = codec.dumps(batch)
                in_flight.append((client.submit(apply_partition, func, packed, shared, pure=False), len(batch)))
            return bool(batch)

        try:
            while len(in_flight) < limit and submit():
                pass
            while in_flight:
                fut, count = in_flight.popleft()
                seconds, results = fut.result()
                fut.release()
                sizer.record(seconds, count)
                submit()
                yield from codec.loads(results)
        finally:
            if in_flight:
                client.cancel([fut for fut, _ in in_flight])
            if shared is not None:
                shared.release()

    return mapper


def resolve_on_cluster(
    store: Store,
    address: str,
    default_workers: int | None = None,
    *,
    partition_size: int | None = None,
    workers_read: bool | None = None,
) -> dict[str, int]:
    """``declass resolve --cluster``: re-resolve the store with its judging partitioned on the cluster.

    ``workers_read`` (by default: for a PostgreSQL store) has the workers read their partitions'
    documents from the store themselves, the client sending document ids only; a SQLite file is
    shared only with the workers of a local cluster on its machine, so it is opt-in there."""
    from declass.resolve import resolve_store

    if workers_read is None:
        workers_read = str(getattr(store, "url", "")).startswith("postgresql")
    with session(address, default_workers) as client:
        return resolve_store(store, mapper=partition_mapper(client, partition_size), workers_read=workers_read)
