"""Stage 4, redactions. (Placeholder: being written.)"""

from __future__ import annotations

from declass.model import Document


def find_redactions(doc: Document) -> Document:
    """Placeholder: no redactions."""
    return doc
