"""Drop the mentions a reviewer marked "not an entity" in this store (issue 15).

Extraction runs in workers without store access, so the store's suppressed forms come in as data:
the ingest reads them once (``declass.resolve.corrections.suppressed_forms``) and passes them to
the extract stage as a frozenset. Dropping happens after every other extraction component: at the
end of :func:`declass.pipeline.extract.extract` for a document extracted in memory, and, for a long
document spilled window by window (:mod:`~declass.pipeline.extract.long`), in the writer's pass over
each window after its labels are harmonised (:func:`~declass.pipeline.extract.long.read_spill`).
Relations and claims that point at a dropped mention go with it, so nothing points at a missing mention.
"""

from __future__ import annotations

from declass.model import Claim, Document, Mention, Relation
from declass.types.suppression import AFTER_CHARS, SuppressedForm, suppressed


def suppress(doc: Document, forms: frozenset[SuppressedForm]) -> int:
    """Remove ``doc``'s mentions that are one of ``forms`` (in place); returns how many went."""
    doc.mentions, doc.relations, doc.claims, gone = drop_suppressed(doc.text, doc.mentions, doc.relations, doc.claims, forms)
    return gone


def drop_suppressed(
    text: str, mentions: list[Mention], relations: list[Relation], claims: list[Claim], forms: frozenset[SuppressedForm]
) -> tuple[list[Mention], list[Relation], list[Claim], int]:
    """The facts without the mentions that are one of ``forms`` (and what points at them), and how many went.

    ``text`` is the whole document's text: mention offsets index it, also for one window's facts.
    """
    if not forms or not mentions:
        return mentions, relations, claims, 0
    gone = {m.id for m in mentions if suppressed(forms, m.text, text[m.end : m.end + AFTER_CHARS])}
    if gone:
        mentions = [m for m in mentions if m.id not in gone]
        relations = [r for r in relations if r.source not in gone and r.target not in gone]
        claims = [c for c in claims if c.subject not in gone and c.object not in gone and c.place not in gone]
    return mentions, relations, claims, len(gone)
