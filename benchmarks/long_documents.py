"""Peak memory and time of ingesting very long documents (issue 11): a synthetic 1,000-page PDF and
a 50 MB one-line text, each in a fresh ``declass ingest`` process against a fresh SQLite store.

Usage:  python benchmarks/long_documents.py [--pages 1000] [--text-mb 50] [--extract]

Peak RSS is that of the ingest process (``os.wait4`` rusage; ``--workers 1``, so it is the only
one). Without ``--extract`` the run reads, structures and stores; with it, spaCy runs window by
window (``declass.pipeline.extract.windows``) and resolution follows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def measure(path: Path, extract: bool, workdir: Path) -> dict[str, object]:
    """Ingest one file in a fresh process; its exit code, seconds and peak RSS."""
    url = f"sqlite:///{workdir / (path.stem + '.db')}"
    cmd = [sys.executable, "-m", "declass", "ingest", str(path), "--db", url, "--workers", "1", "--format", "json"]
    cmd.append("--extract" if extract else "--no-extract")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    summary = json.loads(out)["summary"] if out else {}
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "extract": extract,
        "exit": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "pages": summary.get("pages"),
        "mentions": summary.get("mentions"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--text-mb", type=float, default=50.0)
    parser.add_argument("--extract", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pdf, txt = work / f"synthetic-{args.pages}-pages.pdf", work / f"one-line-{args.text_mb:g}mb.txt"
        write_pdf(pdf, args.pages)
        write_text(txt, args.text_mb)
        results = [measure(p, args.extract, work) for p in (pdf, txt) if (args.pages if p is pdf else args.text_mb)]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
