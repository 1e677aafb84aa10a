"""Stage 2, structure: pages, boilerplate, clean text, paragraphs. (Placeholder: being written.)"""

from __future__ import annotations

from declass.model import Document, Paragraph, Segment


def structure(doc: Document) -> Document:
    """Placeholder: the whole text is one clean paragraph."""
    doc.clean_text = doc.text
    doc.clean_map = [Segment(0, 0, len(doc.text))]
    doc.paragraphs = [Paragraph(index=0, page=1, start=0, end=len(doc.text), clean_start=0, clean_end=len(doc.text))]
    return doc
