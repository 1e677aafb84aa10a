"""Peak memory and time of ingesting very long documents (issue 11): a synthetic 1,000-page PDF and
a 50 MB one-line text, each in a fresh ``declass ingest`` process against a fresh SQLite store.

Usage:  python benchmarks/long_documents.py [--pages 100 300 1000] [--text-mb 50] [--extract] [--workers 1] [--keep DIR]
                                           [--trace FILE] [--stop-after SECONDS]

Peak memory is that of the ingest process and its pool workers (see :func:`measure`). Without
``--extract`` the run reads, structures and stores; with it, spaCy runs window by window
(``declass.pipeline.extract.long``), the writer stores each window's facts, and resolution follows.
``--trace`` appends a sample every 10 s (seconds, resident size of the process tree, windows
parsed so far: the complete records in the run's spill files); ``--stop-after`` interrupts a run
that is not done by then (SIGINT, as Ctrl-C: the ingest stops cleanly and removes its spill files).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Kandaurov", "Belik", "Tretyakov", "Baidalakov", "Oswald", "Morgan", "Hunt", "Kostikov"]
PLACES = ["Caracas", "Mexico City", "Moscow", "Madrid", "Vienna", "New Orleans"]


def page_lines(number: int) -> list[str]:
    """About 40 report-like lines for one page, varied by page number."""
    lines = [f"SECRET                                   Page {number}", ""]
    for i in range(38):
        a, b = NAMES[(number + i) % len(NAMES)], NAMES[(number * 3 + i + 1) % len(NAMES)]
        place = PLACES[(number + 2 * i) % len(PLACES)]
        lines.append(f"{i + 1}. On {1 + (i % 28)} May 1951 the station reported that {a} met {b} in {place}.")
    return lines


def write_pdf(path: Path, pages: int) -> None:
    """A minimal valid PDF with a Helvetica text layer on every page (no library needed)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for n in range(1, pages + 1):
        body = "BT /F1 9 Tf 40 760 Td 11 TL " + " ".join(f"({esc(line)}) '" for line in page_lines(n)) + " ET"
        stream = body.encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content} 0 R >>".encode()
        )
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {pages} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def write_text(path: Path, mb: float) -> None:
    """One line of repeated report sentences, ``mb`` megabytes long (written in blocks)."""
    sentence = "Mr. John Smith met Ivan in Moscow on 3 May 1951. "
    block = sentence * 20_000
    target = int(mb * 1_000_000)
    with open(path, "w") as fh:
        written = 0
        while written < target:
            part = block[: target - written]
            fh.write(part)
            written += len(part)
        fh.write("\n")


def _tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants (main process + pool workers)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:  # a worker that just ended
            pass
    return total


def _resolving(db: Path) -> bool:
    """Whether the ingest has stored its document with only resolution left (read-only peek)."""
    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            left = conn.execute("SELECT count(*) FROM pending_stages WHERE stage IN ('extract', 'claims')").fetchone()[0]
        return bool(docs) and not left
    except sqlite3.Error:  # schema not created yet, or the writer holds a lock
        return False


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class SpillCounter:
    """Windows parsed so far by a running ingest: the complete records in its spill files.

    The spill files are append-only (one pickled window after another), so each look reads on from
    where the last complete record ended; a record still being written is read at the next look."""

    def __init__(self, pid: int) -> None:
        self.folder = Path(tempfile.gettempdir()) / "declass-spill" / f"{socket.gethostname()}-{pid}"
        self.read_to: dict[Path, int] = {}
        self.windows = 0

    def count(self) -> int:
        for path in sorted(self.folder.glob("*.spill")) if self.folder.exists() else []:
            offset = self.read_to.get(path, 0)
            try:
                with open(path, "rb") as fh:
                    fh.seek(offset)
                    while True:
                        try:
                            pickle.load(fh)
                        except Exception:  # noqa: BLE001 - end of file, or a record not yet complete
                            break
                        offset = fh.tell()
                        self.windows += 1
            except OSError:  # the writer has read and deleted it
                pass
            self.read_to[path] = offset
        return self.windows


def measure(
    path: Path, extract: bool, workdir: Path, workers: int = 1, trace: Path | None = None, stop_after: float | None = None
) -> dict[str, object]:
    """Ingest one file in a fresh process; its exit code, seconds and peak memory.

    ``peak_rss_mb`` is the largest single process (``os.wait4`` rusage, as the kernel counts it);
    ``peak_tree_mb`` the largest sum of the main process and its workers, sampled every 0.2 s, and
    ``before_resolve_mb`` the same up to the moment the document is stored with only resolution left
    (resolution reads every mention of the store, so it grows with the store, not the document).
    """
    db = workdir / (path.stem + ".db")
    cmd = [sys.executable, "-m", "declass", "ingest", str(path), "--db", f"sqlite:///{db}", "--workers", str(workers)]
    cmd += ["--format", "json", "--extract" if extract else "--no-extract"]
    start = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # SIGINT as Ctrl-C even when this runs in the background (where a shell starts it ignored).
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, preexec_fn=_default_sigint)
    watched = psutil.Process(proc.pid)
    peak = before = 0
    resolving_at = None
    spilled = SpillCounter(proc.pid)
    next_sample, stopped = 0.0, False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)  # reaps with rusage when it has ended
        if pid:
            break
        rss = _tree_rss(watched)
        peak = max(peak, rss)
        elapsed = time.monotonic() - start
        if trace is not None and elapsed >= next_sample:
            sample = {"file": path.name, "s": round(elapsed, 1), "tree_mb": round(rss / 2**20), "windows": spilled.count()}
            with open(trace, "a") as fh:
                fh.write(json.dumps(sample) + "\n")
            next_sample = elapsed + 10
        if stop_after is not None and elapsed > stop_after and not stopped:
            proc.send_signal(signal.SIGINT)  # as Ctrl-C: the run stops cleanly
            stopped = True
        if resolving_at is None:
            before = max(before, rss)
            if extract and _resolving(db):
                resolving_at = time.monotonic() - start
        time.sleep(0.2)
    out = proc.stdout.read() if proc.stdout else b""
    seconds = time.monotonic() - start
    try:
        summary = json.loads(out)["summary"] if out else {}
    except (ValueError, KeyError):  # an interrupted run may print no report
        summary = {}
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "extract": extract,
        "workers": workers,
        "exit": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 1),
        "resolution_started_s": None if resolving_at is None else round(resolving_at, 1),
        "stopped_after_s": stop_after if stopped else None,
        "windows_spilled": spilled.windows if trace is not None else None,
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "peak_tree_mb": round(peak / 2**20),
        "before_resolve_mb": round(before / 2**20),
        "pages": summary.get("pages"),
        "mentions": summary.get("mentions"),
        "claims": summary.get("claims"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[1000], help="one synthetic PDF per value")
    parser.add_argument("--text-mb", type=float, nargs="*", default=[50.0], help="one one-line text per value")
    parser.add_argument("--extract", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep inputs and stores in this folder")
    parser.add_argument("--trace", type=Path, default=None, help="append a sample every 10 s to this file (JSON lines)")
    parser.add_argument("--stop-after", type=float, default=None, help="SIGINT a run not done after this many seconds")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for pages in args.pages:
            pdf = work / f"synthetic-{pages}-pages.pdf"
            write_pdf(pdf, pages)
            results.append(measure(pdf, args.extract, work, args.workers, args.trace, args.stop_after))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        for mb in args.text_mb:
            txt = work / f"one-line-{mb:g}mb.txt"
            write_text(txt, mb)
            results.append(measure(txt, args.extract, work, args.workers, args.trace, args.stop_after))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
