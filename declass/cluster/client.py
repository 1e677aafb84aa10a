"""Cluster addresses and sessions: one ``distributed.Client`` per run, reused by every step.

An address is ``local`` (a ``LocalCluster`` of ``--workers`` processes), ``local:N`` (N worker
processes) or a scheduler URL (``tcp://host:8786``, ``tls://...``) of a cluster started with
``dask scheduler`` / ``dask worker`` (docs/deploy.md). Workers run one task at a time
(one thread each): the stages are CPU-bound Python, and spaCy is loaded once per worker process.

:func:`session` is re-entrant per address: the ingest command opens one session around the whole
run, and the two steps that use it (processing new files, finishing pending extraction) find it
open instead of starting a second cluster. Called without an open session it opens one for the
duration of the call.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from declass.errors import ConfigError

# Memory a local worker may use before its nanny restarts it: spaCy's small English model and a
# chunk of long documents fit well inside it.
DEFAULT_WORKER_MEMORY = "3GiB"
SCHEMES = ("tcp://", "tls://", "ucx://", "inproc://", "ws://", "wss://")


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A parsed ``--cluster`` address: a local cluster of ``workers`` processes, or a scheduler URL."""

    address: str | None  # scheduler URL; None for a local cluster
    workers: int = 0  # worker processes of a local cluster

    @property
    def local(self) -> bool:
        """True when the session starts (and stops) its own LocalCluster."""
        return self.address is None


def parse_address(raw: str, default_workers: int | None = None) -> ClusterSpec:
    """``local``, ``local:N`` or a scheduler URL as a :class:`ClusterSpec`; ConfigError otherwise."""
    text = raw.strip()
    if text == "local":
        return ClusterSpec(None, max(1, default_workers or os.cpu_count() or 1))
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"--cluster {raw!r}: the number of local workers must be a whole number >= 1 (local:2)")
        return ClusterSpec(None, int(count))
    if text.startswith(SCHEMES) and len(text) > text.index("://") + 3:
        return ClusterSpec(text)
    raise ConfigError(f"--cluster {raw!r} is not local, local:N or a scheduler address such as tcp://host:8786")


_open: dict[str, Any] = {}  # address -> the Client of the session open in this process


@contextmanager
def session(raw: str, default_workers: int | None = None, *, memory_limit: str = DEFAULT_WORKER_MEMORY) -> Iterator[Any]:
    """A ``distributed.Client`` for the address, its LocalCluster closed on exit when it started one."""
    if raw in _open:
        yield _open[raw]
        return
    from distributed import Client, LocalCluster

    spec = parse_address(raw, default_workers)
    cluster = None
    try:
        if spec.local:
            cluster = LocalCluster(
                n_workers=spec.workers, threads_per_worker=1, processes=True, memory_limit=memory_limit, dashboard_address=":0"
            )
            client = Client(cluster)
        else:
            client = Client(spec.address, timeout="30s")
    except OSError as exc:  # an unreachable scheduler: distributed raises OSError after its timeout
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"--cluster {raw}: cannot connect to the scheduler: {exc}") from exc
    _open[raw] = client
    try:
        yield client
    finally:
        del _open[raw]
        client.close()
        if cluster is not None:
            cluster.close()


def worker_count(client: Any) -> int:
    """Worker processes connected to the client's scheduler now (at least 1)."""
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
