"""Benchmark of ingest: pages/s and MB/s on the sample corpus, 1 worker vs 2, and peak memory.

Usage:  python benchmarks/ingest.py [--copies N] [--extract]

The corpus is ``examples/`` repeated N times (each copy made unique by a one-line prefix, so the
content hash does not deduplicate it away). Each configuration runs ``declass ingest`` in a fresh
process against a fresh SQLite store; peak memory is the largest resident set of that process and
its workers (getrusage). The plain baseline is the single-process run.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(dest: Path, copies: int) -> tuple[int, int]:
    """Write ``copies`` unique copies of the examples; return (files, bytes)."""
    files = size = 0
    for i in range(copies):
        for src in sorted((ROOT / "examples").rglob("*")):
            if not src.is_file():
                continue
            out = dest / f"c{i:03d}" / src.relative_to(ROOT / "examples")
            out.parent.mkdir(parents=True, exist_ok=True)
            data = src.read_bytes()
            if src.suffix == ".pdf":
                data = data + f"\n% copy {i}\n".encode() if data else data  # trailing comment keeps the PDF valid
            else:
                data = f"Copy {i}.\n\n".encode() + data
            out.write_bytes(data)
            files += 1
            size += len(data)
    return files, size


def run(corpus: Path, workers: int, extract: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        cmd = [sys.executable, "-m", "declass", "ingest", str(corpus), "--db", db, "--workers", str(workers), "--format", "json"]
        cmd.append("--extract" if extract else "--no-extract")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr[-2000:]}")
        data = json.loads(proc.stdout)
    pages = sum(o["pages"] for o in data["outcomes"] if o["status"] == "ingested")
    return {"seconds": elapsed, "pages": pages, "docs": data["summary"]["documents"], "peak_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of examples/ in the corpus (default 10)")
    parser.add_argument("--extract", action="store_true", help="also run extraction, claims and resolution")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files, size = build_corpus(corpus, args.copies)
        print(f"corpus: {files} files, {size / 1e6:.1f} MB ({args.copies} copies of examples/), extract={args.extract}")
        print(f"{'workers':>8} {'docs':>6} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'peak MB':>8}")
        results = {}
        for workers in (1, 2):
            r = run(corpus, workers, args.extract)
            results[workers] = r
            print(
                f"{workers:>8} {r['docs']:>6} {r['pages']:>6} {r['seconds']:>8.2f} {r['pages'] / r['seconds']:>8.1f}"
                f" {size / 1e6 / r['seconds']:>6.2f} {r['peak_mb']:>8.0f}"
            )
        print(f"speed-up with 2 workers over the single-process baseline: {results[1]['seconds'] / results[2]['seconds']:.2f}x")
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
