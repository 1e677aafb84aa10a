"""Map a function over chunks of work on a Dask cluster: completion order, bounded in flight.

The twin of :func:`declass.pool.run_chunks`, with the same contract, so the ingest writer cannot
tell them apart: ``func(chunk, *args)`` for every chunk, results flattened, failures of a chunk
turned into that chunk's results by ``on_error``.

Invariants:

* At most ``IN_FLIGHT_PER_WORKER`` chunks per worker are submitted and not yet consumed, so the
  memory of the client (results waiting for the writer) and of the scheduler stays flat however
  many files there are. Each result is released once it has been yielded.
* Each chunk's result is yielded exactly once. When a worker dies mid-chunk the scheduler runs
  the chunk again on another worker (up to ``distributed.scheduler.allowed-failures`` times, then
  the chunk fails with ``KilledWorker`` and ``on_error`` reports its files); the client only ever
  sees the one finished result, so the writer never writes a chunk twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from declass.cluster.client import session, worker_count

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2


def run_chunks(
    func: Callable[..., list[T]],
    chunks: Iterable[Any],
    address: str,
    *args: Any,
    default_workers: int | None = None,
    on_error: Callable[[Any, BaseException], list[T]] | None = None,
) -> Iterator[T]:
    """``func(chunk, *args)`` for every chunk on the cluster at ``address``, in completion order.

    Uses the session open for ``address`` (:func:`declass.cluster.client.session`), or opens one
    for this call. Without ``on_error`` a failed chunk's exception propagates.
    """
    with session(address, default_workers) as client:
        yield from _stream(client, func, iter(chunks), args, on_error)


def _stream(
    client: Any,
    func: Callable[..., list[T]],
    todo: Iterator[Any],
    args: tuple[Any, ...],
    on_error: Callable[[Any, BaseException], list[T]] | None,
) -> Iterator[T]:
    from distributed import as_completed

    limit = IN_FLIGHT_PER_WORKER * worker_count(client)
    name = getattr(func, "__name__", "task")
    running: dict[Any, Any] = {}

    def submit(chunk: Any) -> Any:
        fut = client.submit(func, chunk, *args, key=f"declass-{name}-{uuid.uuid4().hex}", pure=False)
        running[fut] = chunk
        return fut

    pending = as_completed([submit(chunk) for chunk in islice(todo, limit)])
    try:
        for fut in pending:
            chunk = running.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # the task raised, or its workers kept dying (KilledWorker)
                if on_error is None:
                    raise
                results = on_error(chunk, exc)
            fut.release()
            for nxt in islice(todo, 1):
                pending.add(submit(nxt))
            yield from results
    finally:
        if running:  # stopped early (Ctrl-C, an error): nothing left should keep the workers busy
            client.cancel(list(running))
