"""Persistence of what OCR adds to a page: source, score, the other reading, scan facts, word boxes.

The ``pages`` table keeps the span of every page; ``page_scans`` (migration 0005) holds one row
per page of a PDF or image file, with its word boxes packed into one JSON array rather than one
row per word (a 300-dpi page has ~400 words; a million pages would be 400 million rows).
Plain text files have no row: their pages read back with the model's defaults.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from declass.model import Document, Page, WordBoxes
from declass.store import schema as s

PAGE_COLUMNS = ("number", "start", "end", "label", "has_text")
SCAN_FIELDS = ("source", "quality", "confidence", "alt_text", "alt_source", "alt_quality", "scan", "boxes")


def page_row(doc_id: str, page: Page) -> dict[str, Any]:
    """The ``pages`` row of a page (its span and label only)."""
    return {"doc_id": doc_id, **{k: getattr(page, k) for k in PAGE_COLUMNS}}


def insert_scans(conn: Connection, doc: Document, chunk: int = 50) -> None:
    """Write the ``page_scans`` rows of a document's scanned or PDF pages, ``chunk`` pages at a time.

    The rows are made per chunk: a page's boxes become plain lists for the JSON column (about
    330 bytes a word), so making every page's row at once held a long PDF's boxes as lists again."""
    scanned = [p for p in doc.pages if p.source != "text"]
    for i in range(0, len(scanned), chunk):
        rows = [{"doc_id": doc.id, "number": p.number, **scan_fields(p)} for p in scanned[i : i + chunk]]
        conn.execute(insert(s.page_scans), rows)


def scan_fields(page: Page) -> dict[str, Any]:
    """A page's ``page_scans`` columns, its word boxes as the JSON list ``[[start, end, x0, y0, x1, y1], ...]``."""
    return {k: page.boxes.tolist() if k == "boxes" else getattr(page, k) for k in SCAN_FIELDS}


def delete_scans(conn: Connection, doc_id: str) -> None:
    """Remove a document's ``page_scans`` rows (before it is written again)."""
    conn.execute(delete(s.page_scans).where(s.page_scans.c.doc_id == doc_id))


def load_scans(conn: Connection, doc_id: str, pages: list[Page]) -> None:
    """Fill the scan fields of ``pages`` from their ``page_scans`` rows."""
    by_number = {p.number: p for p in pages}
    for row in conn.execute(select(s.page_scans).where(s.page_scans.c.doc_id == doc_id)).mappings():
        page = by_number.get(row["number"])
        if page is not None:
            for key in SCAN_FIELDS:
                value = row[key]
                if value is None and key in ("scan", "boxes"):  # JSON null: keep the model's empty default
                    continue
                setattr(page, key, WordBoxes(value) if key == "boxes" else value)
