"""Resolution of a store of synthetic mentions: in memory, bounded, bounded on a LocalCluster.

The synthetic person mentions of ``benchmarks/resolve.py`` (known truth) are written once into a
SQLite store (``build``); each mode then re-resolves that store in a fresh process (``run``), which
reports its wall and CPU seconds and peak RSS (and its workers' on the cluster); the parent then
reads the entities back and scores them (B-cubed F1 against the truth, and against the first mode).

    PYTHONPATH=. python benchmarks/resolve_store.py --size 100000 --db /tmp/r100k.db --modes memory bounded cluster
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cluster import _usage, _warm, b3_f1  # noqa: E402
from benchmarks.resolve import make_corpus  # noqa: E402

DOCS_PER_BATCH = 500


def build(size: int, db: str) -> float:
    """Write ``size`` synthetic mentions into a new store at ``db`` (documents of ~12 mentions)."""
    from declass.model import Document
    from declass.store import open_store

    mentions, _ = make_corpus(size)
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    del mentions
    start = time.perf_counter()
    store = open_store(f"sqlite:///{db}")
    try:
        batch = []
        for doc_id, ms in by_doc.items():
            text = " " * (ms[-1].end + 1)
            batch.append(Document(doc_id, doc_id, "text/plain", text=text, clean_text=text, mentions=ms))
            if len(batch) >= DOCS_PER_BATCH:
                store.add_documents(batch)
                batch = []
        if batch:
            store.add_documents(batch)
    finally:
        store.close()
    return time.perf_counter() - start


def run(db: str, mode: str, bucket: int) -> dict[str, Any]:
    """Re-resolve the store at ``db`` in this (fresh) process: ``memory``, ``bounded`` (profiles
    spilled, the cross-document step block by block), ``bounded-held`` (profiles held), ``cluster``
    (the client reads the documents) or ``cluster-read`` (the workers do); or re-assemble its
    entities from the stored judgements: ``rebuild-memory`` (held at once), ``rebuild-bounded``."""
    from declass.resolve import resolve_store
    from declass.store import open_store

    store = open_store(f"sqlite:///{db}")
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats: dict[str, Any] = {}
    worker_peaks: list[int] = []
    worker_cpu = startup = 0.0
    cpu0, start = time.process_time(), time.perf_counter()
    if mode == "memory":
        counts = resolve_store(store, bounded=False)
    elif mode.startswith("rebuild"):  # re-assembly from the stored judgements, as after a correction
        from declass.resolve.manage import rebuild_entities
        from declass.resolve.rebuild import rebuild_entities_bounded

        n = rebuild_entities_bounded(store, bucket_mentions=bucket) if mode == "rebuild-bounded" else rebuild_entities(store)
        counts = {"judgements": 0, "entities": n}
    elif mode in ("bounded", "bounded-held"):  # bounded-held: the profiles held in memory, not spilled
        from declass.resolve.streaming import resolve_store_bounded

        counts = resolve_store_bounded(store, bucket_mentions=bucket, stats=stats, blockwise=mode == "bounded")
    else:
        from distributed import Client, LocalCluster

        from declass.cluster import partition_mapper
        from declass.resolve.streaming import resolve_store_bounded

        with (
            LocalCluster(n_workers=2, threads_per_worker=1, memory_limit="4GiB", dashboard_address=":0") as lc,
            Client(lc) as client,
        ):
            client.run(_warm)
            startup = time.perf_counter() - start
            before = sum(u[1] for u in client.run(_usage).values())
            cpu0, start = time.process_time(), time.perf_counter()
            mapper, read = partition_mapper(client), mode == "cluster-read"  # cluster-read: workers read the store
            counts = resolve_store_bounded(store, mapper=mapper, bucket_mentions=bucket, stats=stats, workers_read=read)
            usage = client.run(_usage)
            worker_peaks = [round(u[0] / 1024) for u in usage.values()]
            worker_cpu = sum(u[1] for u in usage.values()) - before
    wall = time.perf_counter() - start
    store.close()
    return {
        "mode": mode,
        "seconds": round(wall, 1),
        "startup_s": round(startup, 1),
        "cpu_s": round(time.process_time() - cpu0, 1),
        "worker_cpu_s": round(worker_cpu, 1),
        "load": round(os.getloadavg()[0], 1),
        "base_mb": round(base_mb),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mb": worker_peaks,
        **counts,
        **{k: v for k, v in stats.items() if k != "mentions"},
    }


def memberships(db: str) -> dict[str, str]:
    """mention id -> entity id, as stored."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        return {str(m): str(e) for m, e in conn.execute(text("select mention_id, entity_id from entity_members"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", required=True, help="SQLite file: built if missing")
    modes = ["memory", "bounded", "bounded-held", "cluster", "cluster-read", "rebuild-memory", "rebuild-bounded"]
    parser.add_argument("--modes", nargs="+", default=modes[:3], choices=modes)
    parser.add_argument("--bucket", type=int, default=100_000, help="mentions per bucket of entity building")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.db, args.one, args.bucket)))
        return
    if not os.path.exists(args.db):
        print(f"built {args.db}: {args.size:,} mentions in {build(args.size, args.db):.1f} s", flush=True)
    _, truth = make_corpus(args.size)
    first: dict[str, str] | None = None
    print(
        "| mode | seconds | start-up s | CPU s | worker CPU s | load | base MB | peak MB | worker peak MB "
        "| judgements | entities | B3 F1 | vs first |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode in args.modes:
        cmd = [sys.executable, __file__, "--db", args.db, "--bucket", str(args.bucket), "--one", mode]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        pred = memberships(args.db)
        vs = "-" if first is None else b3_f1(pred, first)
        first = first or pred
        workers = "/".join(str(p) for p in r["worker_peak_mb"]) or "-"
        print(
            f"| {mode} | {r['seconds']} | {r['startup_s']} | {r['cpu_s']} | {r['worker_cpu_s']} | {r['load']} "
            f"| {r['base_mb']} | {r['peak_mb']} | {workers} | {r['judgements']:,} | {r['entities']:,} "
            f"| {b3_f1(pred, truth)} | {vs} |",
            flush=True,
        )
        kept = ("judgement_bytes", "union_find_bytes", "profiles", "profile_spill_bytes", "buckets", "phase_peak_mb")
        extra = {k: r[k] for k in kept if k in r}
        if extra:
            print(f"  {mode}: {extra}", flush=True)


if __name__ == "__main__":
    main()
