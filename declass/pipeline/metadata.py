"""Stage 3, metadata. (Placeholder: being written.)"""

from __future__ import annotations

from declass.model import Document


def describe(doc: Document) -> Document:
    """Placeholder: no metadata."""
    return doc
