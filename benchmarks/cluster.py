"""Benchmark of scale-out (issue 13): ingest on the process pool vs a Dask LocalCluster, the
writer's throughput, partitioned resolution of synthetic mentions, and a projection to CREST.

    PYTHONPATH=. python benchmarks/cluster.py ingest --copies 2 [--pg postgresql://...]
    PYTHONPATH=. python benchmarks/cluster.py writer --source sqlite:///archive.db [--pg postgresql://...] --batches 1 16
    PYTHONPATH=. python benchmarks/cluster.py resolve --sizes 100000 1000000
    PYTHONPATH=. python benchmarks/cluster.py ocr [FOLDER] --files 3 --pages 2
    PYTHONPATH=. python benchmarks/cluster.py project --cpu-per-page 0.9 --bytes-per-page 30000 --ocr-seconds-per-page 4.4

Every ingest configuration runs ``declass ingest`` in a fresh process against a fresh SQLite
store (cluster start-up and each worker's spaCy load are inside the time, as they are for the
pool). Resolution runs each mode in a fresh process: ``single`` is :func:`declass.resolve.resolve`,
``cluster`` is the same call with its judging partitioned over a 2-worker LocalCluster; peak RSS
is reported for the client and for each worker. B3 is against the synthetic truth and, for the
partitioned run, against the single-process clusters of the same input.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import build_corpus  # noqa: E402
from benchmarks.resolve import make_corpus  # noqa: E402

CREST_PAGES = 13_000_000
CREST_DOCUMENTS = 930_000


def ingest_run(corpus: Path, workers: int, cluster: str | None) -> dict[str, Any]:
    """One ``declass ingest`` of the corpus into a fresh store: seconds, pages, pages/s."""
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        cmd = [sys.executable, "-m", "declass", "ingest", str(corpus), "--db", db, "--workers", str(workers), "--format", "json"]
        if cluster:
            cmd += ["--cluster", cluster]
        start = time.perf_counter()
        returncode, stdout, stderr, cpu = run_sampled(cmd)
        elapsed = time.perf_counter() - start
        if returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({returncode}): {stderr[-2000:]}")
        data = json.loads(stdout)
        size = Path(f"{tmp}/bench.db").stat().st_size
    pages = sum(o["pages"] for o in data["outcomes"] if o["status"] == "ingested")
    return {
        "seconds": round(elapsed, 1),
        "pages": pages,
        "pages_per_s": round(pages / elapsed, 2),
        "cpu_per_page": round(cpu / pages, 3),
        "store_bytes": size,
    }


def run_sampled(cmd: list[str], every: float = 0.1) -> tuple[int, str, str, float]:
    """Run ``cmd``; its exit code, output and the CPU seconds of its whole process tree.

    Pool workers die with their parent without being waited for, so ``RUSAGE_CHILDREN`` misses
    their CPU (it undercounted the pool); the tree is sampled instead, each process's last reading
    kept (a process that ends between two samples loses at most ``every`` seconds of CPU).
    """
    import psutil  # a dependency of distributed

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        root = psutil.Process(proc.pid)
        seen: dict[tuple[int, float], float] = {}
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for p in tree:
                try:
                    t = p.cpu_times()
                    seen[(p.pid, p.create_time())] = t.user + t.system
                except psutil.Error:  # it just ended
                    pass
            time.sleep(every)
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read(), err.read(), sum(seen.values())


def _children_cpu() -> float:
    """CPU seconds of every finished child process and their children (the pool or cluster workers)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def writer_run(docs: list[Any], target: str, batch: int) -> dict[str, Any]:
    """Documents/s and mentions/s of the one writer storing ``docs`` into the empty store ``target``,
    ``batch`` documents per transaction (1: :meth:`add_document` each, as before batching)."""
    from declass.store import open_store

    dst = open_store(target)
    cpu, start = time.process_time(), time.perf_counter()
    for i in range(0, len(docs), batch):
        if batch == 1:
            dst.add_document(docs[i], pending=("resolve",))
        else:
            dst.add_documents(docs[i : i + batch], pending=("resolve",))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    dst.close()
    mentions = sum(len(d.mentions) for d in docs)
    return {
        "docs_per_s": round(len(docs) / elapsed, 1),
        "mentions_per_s": round(mentions / elapsed),
        "docs": len(docs),
        "client_cpu_s": round(cpu, 2),
        "seconds": round(elapsed, 2),
    }


def _fresh_target(kind: str, base: str, name: str) -> str:
    """An empty store: a new SQLite file under ``base``, or a new database on the PostgreSQL server of ``base``."""
    if kind == "SQLite":
        return f"sqlite:///{base}/{name}.db"
    from sqlalchemy import create_engine, text

    from declass.store import normalise_url

    engine = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{base.rsplit('/', 1)[0]}/{name}"


def cmd_writer(source_db: str, tmp: str, pg: str | None, batches: list[int], copies: int = 1) -> None:
    """The writer's rate into SQLite (and PostgreSQL) at each batch size, from the documents of ``source_db``."""
    from declass.store import open_store

    src = open_store(source_db)
    docs = [src.get_document(d["id"]) for d in src.list_documents(limit=1_000_000)]
    src.close()
    docs = _copies(docs, copies)
    print(f"writer: {len(docs)} documents, {sum(len(d.mentions) for d in docs):,} mentions, load {os.getloadavg()[0]:.1f}")
    print("| store | documents per transaction | seconds | documents/s | mentions/s | writer CPU s |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, base in [("SQLite", tmp)] + ([("PostgreSQL", pg)] if pg else []):
        for batch in batches:
            w = writer_run(docs, _fresh_target(kind, base, f"writer_{batch}"), batch)
            rates = f"{w['docs_per_s']} | {w['mentions_per_s']:,}"
            print(f"| {kind} | {batch} | {w['seconds']} | {rates} | {w['client_cpu_s']} |", flush=True)


def _copies(docs: list[Any], copies: int) -> list[Any]:
    """``copies`` distinct copies of the documents (new ids for the document and its facts)."""
    import dataclasses
    import hashlib

    def new(old: str, k: int) -> str:
        return hashlib.sha256(f"{old}/{k}".encode()).hexdigest()[: len(old)]

    out = list(docs)
    for k in range(1, copies):
        for d in docs:
            doc_id = new(d.id, k)
            mentions = [dataclasses.replace(m, id=new(m.id, k), doc_id=doc_id) for m in d.mentions]
            out.append(dataclasses.replace(d, id=doc_id, mentions=mentions, relations=[], claims=[]))
    return out


def cmd_ingest(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else Path(tmp) / "corpus"
        if not args.corpus:
            build_corpus(corpus, args.copies)
        rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
        for n in args.workers:  # the pool and the cluster one after the other, so load drifts less between them
            pool = ingest_run(corpus, n, None)
            rows.append((f"process pool, {n} worker{'s' if n > 1 else ' (in process)'}", pool, pool))
            rows.append((f"LocalCluster, {n} worker{'s' if n > 1 else ''}", ingest_run(corpus, n, f"local:{n}"), pool))
        print("| configuration | seconds | pages | pages/s | pages/s vs pool | CPU s/page | CPU vs pool |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, r, base in rows:
            speed, cpu = r["pages_per_s"] / base["pages_per_s"], r["cpu_per_page"] / base["cpu_per_page"]
            print(
                f"| {name} | {r['seconds']} | {r['pages']} | {r['pages_per_s']} | {speed:.2f} | {r['cpu_per_page']} | {cpu:.2f} |"
            )
        print(f"\nSQLite store: {rows[0][1]['store_bytes'] / rows[0][1]['pages']:.0f} bytes/page")
        source = f"sqlite:///{tmp}/source.db"
        subprocess.run(
            [sys.executable, "-m", "declass", "ingest", str(corpus), "--db", source, "--workers", "2", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        cmd_writer(source, tmp, args.pg, [1, 16])


def cmd_write(args: argparse.Namespace) -> None:
    """The writer alone, from a store made earlier (``--source``)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd_writer(args.source, tmp, args.pg, args.batches, args.copies)


def resolve_one(size: int, mode: str, single_pred: str | None) -> dict[str, Any]:
    """One resolution of ``size`` synthetic mentions in this (fresh) process."""
    from declass.resolve import resolve

    mentions, truth = make_corpus(size)
    worker_peaks: list[int] = []
    worker_cpu = 0.0
    startup = 0.0
    cpu0, thread0 = time.process_time(), time.thread_time()
    start = time.perf_counter()
    if mode == "single":
        judgements, entities = resolve(mentions, context=False)
    else:
        from distributed import Client, LocalCluster

        from declass.cluster import partition_mapper

        with (
            LocalCluster(n_workers=2, threads_per_worker=1, memory_limit="4GiB", dashboard_address=":0") as lc,
            Client(lc) as client,
        ):
            client.run(_warm)  # each worker imports the resolver once: start-up, not resolution
            startup = time.perf_counter() - start
            before = sum(u[1] for u in client.run(_usage).values())
            cpu0, thread0, start = time.process_time(), time.thread_time(), time.perf_counter()
            judgements, entities = resolve(mentions, context=False, mapper=partition_mapper(client))
            usage = client.run(_usage)
            worker_peaks = [round(u[0] / 1024) for u in usage.values()]
            worker_cpu = sum(u[1] for u in usage.values()) - before
    wall = time.perf_counter() - start
    client_cpu, main_cpu = time.process_time() - cpu0, time.thread_time() - thread0
    pred = {m: e.id for e in entities for m in e.mention_ids}
    out: dict[str, Any] = {
        "mentions": size,
        "mode": mode,
        "seconds": round(wall, 1),
        "startup_s": round(startup, 1),
        "client_cpu_s": round(client_cpu, 1),
        "main_thread_cpu_s": round(main_cpu, 1),  # without Dask's threads (the local scheduler, comms)
        "worker_cpu_s": round(worker_cpu, 1),
        "load": round(os.getloadavg()[0], 1),
        "client_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mb": worker_peaks,
        "judgements": len(judgements),
        "entities": len(entities),
        "b3_f1_truth": b3_f1(pred, truth),
    }
    if single_pred and os.path.exists(single_pred):
        with open(single_pred, "rb") as fh:
            out["b3_f1_vs_single"] = b3_f1(pred, pickle.load(fh))
    elif single_pred:
        with open(single_pred, "wb") as fh:
            pickle.dump(pred, fh)
    return out


def b3_f1(pred: dict[str, str], truth: dict[str, str]) -> float:
    """B-cubed F1 (as :func:`declass.eval.resolve.bcubed`) in linear time, from the sizes of clusters
    and of their overlaps: the set intersections per mention there grow with the square of the
    largest cluster (~43,000 mentions of the most popular person at 1M), minutes on this machine."""
    from collections import Counter

    ids = [m for m in truth if m in pred]
    sizes_p, sizes_g = Counter(pred[m] for m in ids), Counter(truth[m] for m in ids)
    both = Counter((pred[m], truth[m]) for m in ids)
    p = sum(k * k / sizes_p[a] for (a, _), k in both.items())
    r = sum(k * k / sizes_g[b] for (_, b), k in both.items())
    n = len(ids) or 1
    p, r = p / n, r / n
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _warm() -> None:
    """Import the resolver on a worker (its word lists load on first use)."""
    import declass.resolve.resolver  # noqa: F401


def _usage() -> tuple[int, float]:
    """A worker's peak RSS (KB) and the CPU seconds it has used so far (start-up included)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_maxrss, ru.ru_utime + ru.ru_stime


def cmd_resolve(args: argparse.Namespace) -> None:
    print(
        "| mentions | mode | seconds | start-up s | client CPU s (main thread) | worker CPU s | load "
        "| client peak MB | worker peak MB "
        "| judgements | entities | B3 F1 | B3 F1 vs single |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for mode in args.modes:
                cmd = [sys.executable, __file__, "resolve-one", str(size), mode, f"{tmp}/single-{size}.pickle"]
                proc = subprocess.run(
                    cmd, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
                )
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                workers = "/".join(str(p) for p in r["worker_peak_mb"]) or "-"
                print(
                    f"| {size:,} | {mode} | {r['seconds']} | {r['startup_s']} | {r['client_cpu_s']} ({r['main_thread_cpu_s']}) "
                    f"| {r['worker_cpu_s']} "
                    f"| {r['load']} | {r['client_peak_mb']} | {workers} | {r['judgements']:,} "
                    f"| {r['entities']:,} | {r['b3_f1_truth']} | {r.get('b3_f1_vs_single', '-')} |",
                    flush=True,
                )


def cmd_ocr(args: argparse.Namespace) -> None:
    """Tesseract's CPU seconds per page (300 dpi, one thread) on the first pages of a PDF folder."""
    import pypdfium2 as pdfium

    pages, before = 0, _children_cpu()
    with tempfile.TemporaryDirectory() as tmp:
        for pdf_path in sorted(Path(args.folder).glob("*.pdf"))[: args.files]:
            pdf = pdfium.PdfDocument(str(pdf_path))
            for i in range(min(args.pages, len(pdf))):
                pdf[i].render(scale=300 / 72).to_pil().convert("L").save(f"{tmp}/page.png")
                env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
                subprocess.run(["tesseract", f"{tmp}/page.png", "-", "-l", "eng", "--psm", "3"], capture_output=True, env=env)
                pages += 1
    print(f"tesseract: {(_children_cpu() - before) / pages:.2f} CPU seconds/page over {pages} pages at 300 dpi")


def cmd_project(args: argparse.Namespace) -> None:
    """CREST scale from measured per-page costs: cores x hours, store size, writer rate needed."""
    core_seconds = args.cpu_per_page  # CPU time, not wall time: the machine it was measured on is shared
    text_hours = CREST_PAGES * core_seconds / 3600
    print(f"text-layer ingest: {core_seconds:.2f} core-seconds/page -> {text_hours:,.0f} core-hours for {CREST_PAGES:,} pages")
    if args.ocr_seconds_per_page:
        ocr_hours = CREST_PAGES * (core_seconds + args.ocr_seconds_per_page) / 3600
        print(f"OCR ingest: +{args.ocr_seconds_per_page:.2f} core-seconds/page -> {ocr_hours:,.0f} core-hours")
    print(f"store: {CREST_PAGES * args.bytes_per_page / 1e9:,.0f} GB at {args.bytes_per_page:,} bytes/page")
    for days in (1, 7):
        rate = CREST_DOCUMENTS / (days * 86400)
        print(f"to finish in {days} day(s): {CREST_PAGES / (days * 86400):,.0f} pages/s, writer {rate:.1f} documents/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--copies", type=int, default=2, help="copies of examples/ (default 2)")
    p.add_argument("--corpus", help="a folder to ingest instead of copies of examples/")
    p.add_argument("--pg", help="also measure the writer into this (empty) PostgreSQL database")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare (default 1 2)")
    p = sub.add_parser("writer")
    p.add_argument("--source", required=True, help="a store whose documents the writer stores again")
    p.add_argument("--pg", help="also into this PostgreSQL server (a database per batch size is created on it)")
    p.add_argument("--batches", type=int, nargs="+", default=[1, 4, 16, 64], help="documents per transaction")
    p.add_argument("--copies", type=int, default=1, help="copies of the documents (new ids), for a longer run")
    p = sub.add_parser("resolve")
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--modes", nargs="+", default=["single", "cluster"])
    p = sub.add_parser("resolve-one")
    p.add_argument("size", type=int)
    p.add_argument("mode", choices=["single", "cluster"])
    p.add_argument("single_pred")
    p = sub.add_parser("ocr")
    p.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "samples" / "jfk-corpus"))
    p.add_argument("--files", type=int, default=3)
    p.add_argument("--pages", type=int, default=2, help="pages per file")
    p = sub.add_parser("project")
    p.add_argument("--cpu-per-page", type=float, required=True, help="measured ingest CPU seconds per page")
    p.add_argument("--bytes-per-page", type=int, required=True, help="measured store bytes per page")
    p.add_argument("--ocr-seconds-per-page", type=float, help="measured OCR core-seconds per page")
    args = parser.parse_args()
    if args.command == "ingest":
        cmd_ingest(args)
    elif args.command == "resolve":
        cmd_resolve(args)
    elif args.command == "writer":
        cmd_write(args)
    elif args.command == "ocr":
        cmd_ocr(args)
    elif args.command == "resolve-one":
        print(json.dumps(resolve_one(args.size, args.mode, args.single_pred)))
    else:
        cmd_project(args)


if __name__ == "__main__":
    main()
