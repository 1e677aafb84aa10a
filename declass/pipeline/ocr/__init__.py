"""OCR: scanned pages and image files read with Tesseract 5, scored, with word boxes and blackouts.

    images.py    page images: image files frame by frame, PDF pages rendered at their scan's dpi;
                 Pillow's decompression-bomb limit; blank pages
    engine.py    Tesseract through pytesseract: words, boxes, confidences, OSD; per-page time limit
    quality.py   the page quality score: share of dictionary words
    layer.py     word boxes of a PDF text layer (pdfium text rectangles)
    blackout.py  solid blacked-out rectangles on a page image (redactions on the scan)
    stage.py     which text a page is read as (--ocr auto|always|never), and its scan facts
    progress.py  page events while a long scan is read (the ingest's progress bar counts pages)

Everything here is a pure function of page bytes and options, with no store access, so it runs
in the ingest workers like the rest of ``read``. See docs/ocr.md.
"""

from __future__ import annotations

from declass.pipeline.ocr import engine
from declass.pipeline.ocr.images import PageImage, image_pages, render_pdf_page
from declass.pipeline.ocr.stage import MODES, OcrOptions, PageRead, layer_page, needs_ocr, ocr_page, upright

__all__ = [
    "MODES",
    "OcrOptions",
    "PageImage",
    "PageRead",
    "engine",
    "image_pages",
    "layer_page",
    "needs_ocr",
    "ocr_page",
    "render_pdf_page",
    "upright",
]
