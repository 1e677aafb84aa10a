"""Drop the mentions a reviewer marked "not an entity" in this store (issue 15).

Extraction runs in workers without store access, so the store's suppressed forms come in as data:
the ingest reads them once (``declass.resolve.corrections.suppressed_forms``) and passes them to
the extract stage as a frozenset. Dropping happens after every other extraction component, at one
place (the end of :func:`declass.pipeline.extract.extract`). Relations and claims that point at a
dropped mention go with it, so nothing points at a missing mention.
"""

from __future__ import annotations

from declass.model import Document
from declass.types.suppression import AFTER_CHARS, SuppressedForm, suppressed


def suppress(doc: Document, forms: frozenset[SuppressedForm]) -> int:
    """Remove ``doc``'s mentions that are one of ``forms`` (in place); returns how many went."""
    if not forms or not doc.mentions:
        return 0
    text = doc.text
    gone = {m.id for m in doc.mentions if suppressed(forms, m.text, text[m.end : m.end + AFTER_CHARS])}
    if gone:
        doc.mentions = [m for m in doc.mentions if m.id not in gone]
        doc.relations = [r for r in doc.relations if r.source not in gone and r.target not in gone]
        doc.claims = [c for c in doc.claims if c.subject not in gone and c.object not in gone and c.place not in gone]
    return len(gone)
