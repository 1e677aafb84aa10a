"""Scale-out on Dask: the pure pipeline stages and resolution's judging as tasks on a cluster.

Only this package imports ``distributed``. It adds no new work: the functions it runs on workers
are the ones the process pool runs (:func:`declass.ingest.process_files`,
:func:`declass.ingest.extract_stored`) and the judging steps of :mod:`declass.resolve.resolver`.
Results come back to the calling process, which stays the one writer of the store.

* :mod:`~declass.cluster.client` parses an address (``local``, ``local:N``, ``tcp://host:port``)
  and opens a session: a ``distributed.Client``, with a ``LocalCluster`` it owns when local.
* :mod:`~declass.cluster.tasks` maps a function over chunks on the cluster, in completion order,
  with a bounded number of chunks in flight (:func:`run_chunks`, the twin of
  :func:`declass.pool.run_chunks`).
* :mod:`~declass.cluster.partitions` maps resolution's judging over partitions of blocks
  (:func:`partition_mapper`), and :func:`resolve_on_cluster` runs ``declass resolve --cluster``.
"""

from __future__ import annotations

from declass.cluster.client import ClusterSpec, parse_address, session
from declass.cluster.partitions import partition_mapper, resolve_on_cluster
from declass.cluster.tasks import run_chunks

__all__ = ["ClusterSpec", "parse_address", "partition_mapper", "resolve_on_cluster", "run_chunks", "session"]
