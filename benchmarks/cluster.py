"""Benchmark of scale-out (issue 13): ingest on the process pool vs a Dask LocalCluster, the
writer's throughput, partitioned resolution of synthetic mentions, and a projection to CREST.

    PYTHONPATH=. python benchmarks/cluster.py ingest --copies 2 [--pg postgresql://...]
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
        before = _children_cpu()
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - before
        if proc.returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr[-2000:]}")
        data = json.loads(proc.stdout)
        size = Path(f"{tmp}/bench.db").stat().st_size
    pages = sum(o["pages"] for o in data["outcomes"] if o["status"] == "ingested")
    return {
        "seconds": round(elapsed, 1),
        "pages": pages,
        "pages_per_s": round(pages / elapsed, 2),
        "cpu_per_page": round(cpu / pages, 3),
        "store_bytes": size,
    }


def _children_cpu() -> float:
    """CPU seconds of every finished child process and their children (the pool or cluster workers)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def writer_run(source_db: str, target: str) -> dict[str, Any]:
    """Documents/s and mentions/s of the one writer: every stored document written again into ``target``."""
    from declass.store import open_store

    src = open_store(source_db)
    docs = [src.get_document(d["id"]) for d in src.list_documents(limit=1_000_000)]
    src.close()
    dst = open_store(target)
    start = time.perf_counter()
    for doc in docs:
        dst.add_document(doc, pending=("resolve",))
    elapsed = time.perf_counter() - start
    dst.close()
    mentions = sum(len(d.mentions) for d in docs)
    return {"docs_per_s": round(len(docs) / elapsed, 1), "mentions_per_s": round(mentions / elapsed), "docs": len(docs)}


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
        targets = [("SQLite", f"sqlite:///{tmp}/writer.db")] + ([("PostgreSQL", args.pg)] if args.pg else [])
        for name, url in targets:
            w = writer_run(source, url)
            print(f"writer into {name}: {w['docs_per_s']} documents/s, {w['mentions_per_s']} mentions/s ({w['docs']} documents)")


def resolve_one(size: int, mode: str, single_pred: str | None) -> dict[str, Any]:
    """One resolution of ``size`` synthetic mentions in this (fresh) process."""
    from declass.eval.resolve import bcubed
    from declass.resolve import resolve

    mentions, truth = make_corpus(size)
    worker_peaks: list[int] = []
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
            judgements, entities = resolve(mentions, context=False, mapper=partition_mapper(client))
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            worker_peaks = [round(kb / 1024) for kb in peaks.values()]
    wall = time.perf_counter() - start
    pred = {m: e.id for e in entities for m in e.mention_ids}
    out: dict[str, Any] = {
        "mentions": size,
        "mode": mode,
        "seconds": round(wall, 1),
        "client_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mb": worker_peaks,
        "judgements": len(judgements),
        "entities": len(entities),
        "b3_f1_truth": bcubed(pred, truth)["f1"],
    }
    if single_pred and os.path.exists(single_pred):
        with open(single_pred, "rb") as fh:
            out["b3_f1_vs_single"] = bcubed(pred, pickle.load(fh))["f1"]
    elif single_pred:
        with open(single_pred, "wb") as fh:
            pickle.dump(pred, fh)
    return out


def cmd_resolve(args: argparse.Namespace) -> None:
    print("| mentions | mode | seconds | client peak MB | worker peak MB | judgements | entities | B3 F1 | B3 F1 vs single |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
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
                    f"| {size:,} | {mode} | {r['seconds']} | {r['client_peak_mb']} | {workers} | {r['judgements']:,} "
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
    elif args.command == "ocr":
        cmd_ocr(args)
    elif args.command == "resolve-one":
        print(json.dumps(resolve_one(args.size, args.mode, args.single_pred)))
    else:
        cmd_project(args)


if __name__ == "__main__":
    main()
