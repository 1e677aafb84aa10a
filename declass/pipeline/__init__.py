"""The pipeline: a sequence of pure stages over one Document.

    read -> structure -> metadata -> redactions        (per document, cheap; ``process``)
    extract -> claims                                  (batched over documents; spaCy)

Each stage is a function of the document (and configuration) with no store access, so it runs in
worker processes and on a distributed engine unchanged. Only the ingest writer touches the store.
"""

from __future__ import annotations

from declass.model import Document
from declass.pipeline import metadata, read, redactions, structure
from declass.pipeline.ocr import OcrOptions


def process(path: str, data: bytes, ocr: OcrOptions | None = None) -> Document:
    """File bytes -> structured Document (no entity extraction). Raises InputError on bad input."""
    doc = read.read(path, data, ocr)
    doc = structure.structure(doc)
    doc = metadata.describe(doc)
    doc = redactions.find_redactions(doc)
    return doc
