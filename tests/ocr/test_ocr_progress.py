"""A long scan advances the progress bar page by page, not only when the document is finished (issue 12).

The read stage reports each page it has read (:mod:`declass.pipeline.ocr.progress`); the ingest
passes the events to its ``on_pages`` callback in-process, and from pool workers through a queue
while the chunk is still running. A real three-page TIFF, typed and OCR'd by Tesseract, is read
both ways; the bar's page count (:class:`declass.cli.ingest_cmd.PageCount`) counts every page once.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.typewriter import page_lines, render_page
from declass.cli.ingest_cmd import PageCount
from declass.ingest import Outcome, ingest_paths, process_files
from declass.pipeline.ocr import OcrOptions
from declass.pool import run_chunks
from declass.settings import Settings
from declass.store import open_store
from tests.ocr.conftest import needs_tesseract, png_bytes

PAGES = 3


def _scan(tmp_path: Path) -> Path:
    """A multi-page TIFF of typed pages at 300 dpi, each different."""
    pages = [render_page(page_lines(seed, 4), seed=seed, height_in=2.5) for seed in range(PAGES)]
    path = tmp_path / "long-scan.tiff"
    path.write_bytes(png_bytes(pages[0], "TIFF", save_all=True, append_images=pages[1:]))
    return path


@needs_tesseract
def test_an_ocr_scan_reports_each_page_before_its_document_is_done_in_process(tmp_path: Path) -> None:
    scan = _scan(tmp_path)
    seen: list[tuple[str, str, int]] = []

    def on_pages(path: str, pages: int) -> None:
        seen.append(("page", path, pages))

    def on_outcome(outcome: Outcome) -> None:
        seen.append((outcome.status, outcome.path, outcome.pages))

    store = open_store(f"sqlite:///{tmp_path / 'progress.db'}")
    try:
        ingest_paths(store, [scan], Settings(db=store.url, workers=1, extract=False), on_outcome=on_outcome, on_pages=on_pages)
    finally:
        store.close()
    assert seen == [("page", str(scan), n) for n in range(1, PAGES + 1)] + [("ingested", str(scan), PAGES)]


@needs_tesseract
def test_pool_workers_send_page_events_while_the_document_is_read(tmp_path: Path) -> None:
    scan = _scan(tmp_path)
    seen: list[tuple[str, int]] = []
    results = run_chunks(
        process_files,
        [[str(scan)]],
        2,
        False,
        "en_core_web_sm",
        frozenset(),
        OcrOptions(),
        on_progress=lambda path, pages: seen.append((path, pages)),
    )
    before_result = None
    for result in results:
        before_result = list(seen)
        assert not isinstance(result, Exception) and len(result.pages) == PAGES
    assert before_result is not None
    # Every page but the last is OCR'd a page's time before the worker returns: its event is in first.
    assert before_result[: PAGES - 1] == [(str(scan), n) for n in range(1, PAGES)]
    assert seen == sorted(seen) and set(seen) <= {(str(scan), n) for n in range(1, PAGES + 1)}


def test_the_bar_counts_each_page_once() -> None:
    count = PageCount()
    assert [count.reading("a.tif", n) for n in (1, 2, 3)] == [1, 2, 3]
    assert count.finished("b.pdf", 4) == 7  # a document with no page events counts at its outcome
    assert count.finished("a.tif", 3) == 7  # its pages were counted as they were read
    assert count.reading("a.tif", 3) == 7  # a late event from a worker's queue after the outcome
    count.reading("c.tif", 2)
    assert count.finished("c.tif", 0) == 9  # failed after two pages were read: they stay counted
