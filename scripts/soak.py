"""Soak test: ingest a corpus cleanly, and again while killing the ingest with kill -9 at random
points and resuming until it finishes; the two stores must hold the same documents, mentions,
entities and claims, and no killed run may leave a worker process behind.

    PYTHONPATH=$PWD python scripts/soak.py ../shared/samples/jfk-corpus --workdir /tmp/soak --kills 6

Prints one JSON report (the runs, where each was killed, the counts and the differences) and exits
0 when the stores are equal. ``tests/ingest/test_soak.py`` runs it on a small set.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent


def ingest_cmd(corpus: list[str], url: str, workers: int) -> list[str]:
    """The ``declass ingest`` command line of one run."""
    return [sys.executable, "-m", "declass", "ingest", *corpus, "--db", url, "--workers", str(workers), "--format", "json"]


def run_clean(corpus: list[str], url: str, workers: int) -> dict[str, Any]:
    """One uninterrupted ingest; returns its exit code and duration."""
    start = time.monotonic()
    done = subprocess.run(ingest_cmd(corpus, url, workers), cwd=ROOT, env=_env(), capture_output=True)
    return {"exit": done.returncode, "seconds": round(time.monotonic() - start, 1)}


def run_killed(corpus: list[str], url: str, workers: int, kill_after: list[float]) -> list[dict[str, Any]]:
    """Ingest, killed with SIGKILL after each delay in ``kill_after``, then resumed until it ends by itself."""
    runs: list[dict[str, Any]] = []
    for delay in [*kill_after, None]:
        start = time.monotonic()
        proc = subprocess.Popen(
            ingest_cmd(corpus, url, workers), cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        parent = psutil.Process(proc.pid)
        children: set[int] = set()
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            children = {c.pid for c in parent.children(recursive=True)}
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        killed = proc.returncode == -signal.SIGKILL
        runs.append(
            {
                "killed_after": delay if killed else None,
                "exit": proc.returncode,
                "seconds": round(time.monotonic() - start, 1),
                "workers_at_kill": len(children),
                "orphans": sorted(_survivors(children)),
                "store_after": _progress(url),
            }
        )
    return runs


def _survivors(pids: set[int], wait: float = 30.0) -> set[int]:
    deadline = time.monotonic() + wait
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {p for p in alive if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE}
        time.sleep(0.2)
    for pid in alive:  # never leave them running, but report them
        os.kill(pid, signal.SIGKILL)
    return alive


def _progress(url: str) -> dict[str, Any]:
    """Documents stored and stages pending: where in the work a kill landed."""
    from declass.store import open_store

    store = open_store(url)
    try:
        return {"documents": store.count_documents(), "pending": store.pending_counts()}
    finally:
        store.close()


def fingerprint(url: str) -> dict[str, set[Any]]:
    """What must be equal between two stores: documents, mentions, entities (as mention sets), claims."""
    from declass.store import open_store

    store = open_store(url)
    try:
        docs = {(r["id"], r["page_count"]) for r in store.list_documents(limit=1_000_000)}
        mentions = {(m.id, m.doc_id, m.label, m.start, m.end, m.text) for m in store.iter_mentions()}
        entities = {(e.type, e.name, tuple(sorted(e.mention_ids))) for e in store.list_entities(limit=1_000_000)}
        claims = {(c.id, c.doc_id, c.subject, c.predicate, c.object, c.value, c.hedge) for c in store.iter_claims()}
        pending = store.pending_counts()
    finally:
        store.close()
    return {"documents": docs, "mentions": mentions, "entities": entities, "claims": claims, "pending": set(pending.items())}


def compare(a: str, b: str) -> dict[str, Any]:
    """Counts of each part of both stores, and how many items differ."""
    fa, fb = fingerprint(a), fingerprint(b)
    out: dict[str, Any] = {}
    for key in fa:
        out[key] = {
            "clean": len(fa[key]),
            "killed": len(fb[key]),
            "only_clean": len(fa[key] - fb[key]),
            "only_killed": len(fb[key] - fa[key]),
        }
    out["equal"] = all(fa[k] == fb[k] for k in fa)
    return out


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def soak(
    corpus: list[str], workdir: Path, kills: int, workers: int, seed: int, clean_seconds: float | None = None
) -> dict[str, Any]:
    """The whole soak: a clean run, a killed-and-resumed run, and their comparison.

    With ``clean_seconds`` the clean store of an earlier soak in ``workdir`` is reused (its run took
    that long). Each kill lands at a random point within one ``kills``-th of the clean run's
    duration, so every resumed run is killed again while work is left, until the last run ends.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    clean_url, killed_url = f"sqlite:///{workdir / 'clean.db'}", f"sqlite:///{workdir / 'killed.db'}"
    for url in (killed_url,) if clean_seconds else (clean_url, killed_url):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    clean = {"exit": None, "seconds": clean_seconds, "reused": True} if clean_seconds else run_clean(corpus, clean_url, workers)
    rng = random.Random(seed)
    share = max(2.0, float(clean["seconds"] or 0) / max(kills, 1))
    kill_after = [round(rng.uniform(1.0, share), 1) for _ in range(kills)]
    runs = run_killed(corpus, killed_url, workers, kill_after)
    return {
        "corpus": corpus,
        "seed": seed,
        "workers": workers,
        "clean": clean,
        "killed_runs": runs,
        "compare": compare(clean_url, killed_url),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="Files or folders to ingest")
    parser.add_argument("--workdir", type=Path, default=Path("soak-work"))
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reuse-clean", type=float, metavar="SECONDS", help="Reuse workdir's clean store (its run took SECONDS)")
    args = parser.parse_args()
    report = soak(args.corpus, args.workdir, args.kills, args.workers, args.seed, args.reuse_clean)
    print(json.dumps(report, indent=2))
    orphans = [r for r in report["killed_runs"] if r["orphans"]]
    sys.exit(0 if report["compare"]["equal"] and not orphans else 1)


if __name__ == "__main__":
    main()
