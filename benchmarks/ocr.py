"""OCR speed and quality (issue 12): declass's OCR against the bare ``tesseract`` command on the
same page images, with one and two workers; CER/WER on generated typewriter pages; the cost of
``--ocr auto`` on PDFs whose text layers need no OCR.

Usage:  python benchmarks/ocr.py [--pages 6] [--noise 0,1,2] [--corpus examples/jfk] [--good-layers] [--only-auto-cost] [--json]

Every Tesseract call runs with ``OMP_THREAD_LIMIT=1`` (one thread per worker). The pages are
full letter-size typewriter pages at 300 dpi from ``benchmarks/typewriter.py``. "declass" is
``read(path, bytes, OcrOptions("always"))`` on the PNG file: decoding, blank and blackout checks,
Tesseract, TSV parsing, scoring and word boxes; "bare" is ``tesseract page.png out --psm 3
--dpi 300 tsv``. Two workers: two pages at a time, in a process pool for declass and as two
concurrent commands for the bare run. Timings on a shared machine are disturbed by other work:
compare the ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.typewriter import LINES, Noise, error_rates, render_page  # noqa: E402
from declass.errors import InputError  # noqa: E402
from declass.pipeline.ocr import OcrOptions  # noqa: E402
from declass.pipeline.read import read  # noqa: E402

os.environ["OMP_THREAD_LIMIT"] = "1"
NOISE_LEVELS = {
    0: Noise(blur=0.0, skew=0.0, speckle=0, grain=0.0, ink=0.0),
    1: Noise(),
    2: Noise(blur=1.2, skew=1.5, speckle=3000, grain=28.0, ink=0.5),
}


def make_pages(folder: Path, count: int, noise: Noise) -> list[tuple[Path, str]]:
    """``count`` letter-size pages (30 typed lines each) and their true text."""
    pages = []
    for i in range(count):
        lines = [LINES[(i + j) % len(LINES)] for j in range(30)]
        path = folder / f"page-{i:02d}.png"
        render_page(lines, seed=i, noise=noise, height_in=11).save(path, dpi=(300, 300))
        pages.append((path, "\n".join(lines)))
    return pages


def declass_ocr(path: Path) -> str:
    """One page through declass's read stage with --ocr always; returns the page text ("" if none)."""
    try:
        return read(str(path), path.read_bytes(), OcrOptions(mode="always")).text
    except InputError:  # OCR read nothing: every character is an error
        return ""


def bare_ocr(path: Path) -> None:
    """One page through the bare tesseract command (TSV out, like declass asks for)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["tesseract", str(path), f"{tmp}/out", "--psm", "3", "--dpi", "300", "tsv"]
        subprocess.run(cmd, check=True, capture_output=True)


def timed(func: object, paths: list[Path], workers: int, pool: str) -> tuple[float, list[object]]:
    started = time.perf_counter()
    if workers == 1:
        out = [func(p) for p in paths]  # type: ignore[operator]
    else:
        executor = ProcessPoolExecutor if pool == "process" else ThreadPoolExecutor
        with executor(max_workers=workers) as ex:
            out = list(ex.map(func, paths))  # type: ignore[arg-type]
    return time.perf_counter() - started, out


def speed(pages: list[tuple[Path, str]]) -> dict[str, object]:
    paths = [p for p, _ in pages]
    rows: dict[str, object] = {}
    for workers in (1, 2):
        bare_s, _ = timed(bare_ocr, paths, workers, "thread")  # threads only wait on the processes
        ours_s, _ = timed(declass_ocr, paths, workers, "process")
        rows[f"workers={workers}"] = {
            "pages": len(paths),
            "bare_pages_per_s": round(len(paths) / bare_s, 3),
            "declass_pages_per_s": round(len(paths) / ours_s, 3),
            "ratio": round(bare_s / ours_s, 3),
        }
    return rows


def quality(pages: list[tuple[Path, str]]) -> dict[str, float]:
    cers, wers = [], []
    for path, truth in pages:
        cer, wer = error_rates(truth, declass_ocr(path))
        cers.append(cer)
        wers.append(wer)
    return {"pages": len(pages), "cer": round(sum(cers) / len(cers), 4), "wer": round(sum(wers) / len(wers), 4)}


def good_layers(files: list[Path], min_quality: float = OcrOptions().min_quality) -> list[Path]:
    """The PDFs whose every page has a text layer scoring at least ``min_quality``: ones ``auto`` never OCRs."""
    good = []
    for f in files:
        try:
            doc = read(str(f), f.read_bytes(), OcrOptions(mode="never"))
        except Exception:  # noqa: BLE001 - a bad sample file is not the point here
            continue
        if all(p.has_text and (p.quality or 0) >= min_quality for p in doc.pages):
            good.append(f)
    return good


def auto_cost(corpus: Path, only_good: bool = False) -> dict[str, object]:
    """Read every PDF of ``corpus`` with --ocr never and with --ocr auto; the extra time of auto.

    With ``only_good`` only the PDFs whose pages all have a good text layer are read (a corpus that
    needs no OCR at all, so any difference is the cost of deciding that)."""
    files = sorted(corpus.rglob("*.pdf"))
    out: dict[str, object] = {"files": len(files)}
    if only_good:
        files = good_layers(files)
        out["good_layer_files"] = len(files)
    for mode in ("never", "auto", "never", "auto"):  # twice each, alternating: warm caches, fair order
        started, cpu = time.perf_counter(), time.process_time()
        pages = ocrd = 0
        for f in files:
            try:
                doc = read(str(f), f.read_bytes(), OcrOptions(mode=mode))
            except Exception:  # noqa: BLE001 - a bad sample file is not the point here
                continue
            pages += len(doc.pages)
            ocrd += sum(p.source == "ocr" for p in doc.pages)
        run = {
            "seconds": round(time.perf_counter() - started, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2),  # less disturbed by other work than wall time
            "pages": pages,
            "ocr_pages": ocrd,
        }
        out.setdefault(mode, []).append(run)  # type: ignore[union-attr]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--noise", default="0,1,2", help="noise levels for CER/WER (0 clean, 1 default, 2 heavy)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "jfk")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--only-auto-cost", action="store_true", help="measure only the cost of --ocr auto")
    parser.add_argument("--good-layers", action="store_true", help="auto cost on the corpus PDFs whose pages all score well")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="declass-ocr-bench-") as tmp:
        for level in () if args.only_auto_cost else (int(n) for n in args.noise.split(",")):
            folder = Path(tmp) / f"noise{level}"
            folder.mkdir()
            pages = make_pages(folder, args.pages, NOISE_LEVELS[level])
            result[f"quality noise={level}"] = quality(pages)
            if level == 1 and not args.skip_speed:
                result["speed"] = speed(pages)
    result["auto_cost"] = auto_cost(args.corpus, args.good_layers)
    print(json.dumps(result, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
