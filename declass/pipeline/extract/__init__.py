"""Stage extract: mentions (PERSON, ORG, LOC, DATE, MONEY, ACRONYM, CRYPTONYM, FILE_NUMBER) and
relations (acronym, translation, alias, role) for documents, batched with spaCy ``nlp.pipe``.

The only package that imports spaCy (STYLE 6; the claims stage is the one exception). spaCy runs
over ``Document.clean_text`` (ALL-CAPS lines truecased first, same length); every Mention carries
offsets into ``Document.text`` via ``Document.to_original``. Public API::

    load_nlp(name="en_core_web_sm") -> spacy.Language          cached per process
    extract(docs, model="en_core_web_sm", *, batch_size=16) -> list[Document]
    extract_text(texts, model="en_core_web_sm") -> list[list[Mention]]
    extract_to_spill(doc, model="en_core_web_sm") -> long.Spill   a long document, window by window
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from declass.model import Claim, Document, Mention, Relation, make_id
from declass.pipeline.claims import extract_claims
from declass.pipeline.extract import long
from declass.pipeline.extract import windows as windowing
from declass.pipeline.extract.coref import coreference
from declass.pipeline.extract.fields import add_field_mentions
from declass.pipeline.extract.mentions import find_relations, to_mentions
from declass.pipeline.extract.nlp import load_nlp, parse
from declass.pipeline.extract.suppress import suppress
from declass.types.suppression import SuppressedForm

__all__ = ["extract", "extract_text", "extract_to_spill", "load_nlp"]


def extract(
    docs: Sequence[Document],
    model: str = "en_core_web_sm",
    *,
    batch_size: int = 16,
    suppressed: frozenset[SuppressedForm] = frozenset(),
) -> list[Document]:
    """Fill ``mentions``, ``relations`` and ``claims`` of each document.

    ``suppressed`` are the forms reviewers of the target store marked "not an entity"
    (:mod:`~declass.pipeline.extract.suppress`); their mentions are dropped.

    A document longer than :data:`~declass.pipeline.extract.windows.MAX_WINDOW_CHARS` is parsed
    window by window (:mod:`~declass.pipeline.extract.windows`), so memory does not grow with it.
    """
    nlp = load_nlp(model)
    for doc in docs:
        if not doc.clean_text:  # structure stage not run: the whole text is the clean text
            doc.clean_text = doc.text
    limit = windowing.MAX_WINDOW_CHARS  # read at call time: tests lower it to split small documents
    short = [d for d in docs if len(d.clean_text) <= limit]
    for doc, sdoc in zip(short, parse(nlp, [d.clean_text for d in short], batch_size=batch_size), strict=True):
        _fill(doc, sdoc)
    for doc in docs:
        if len(doc.clean_text) > limit:
            _extract_long(nlp, doc, limit)
    for doc in docs:
        suppress(doc, suppressed)
    return list(docs)


def _fill(doc: Document, sdoc: Any) -> None:
    doc.mentions = to_mentions(doc, sdoc)
    add_field_mentions(doc)  # form fields and memo headers, read on the original lines (extract/fields.py)
    coreference(doc)  # "Subject", KUBARK, PBRUMEN: mentions of what they refer to (a window shares the metadata)
    doc.relations = find_relations(doc, sdoc, doc.mentions)
    # The claims stage reads the same parsed spaCy Doc; called here so spaCy runs once.
    doc.claims = extract_claims(doc, sdoc)


def _extract_long(nlp: Any, doc: Document, limit: int) -> None:
    """Extract a long document window by window, all its facts kept in memory (one parsed window at a time).

    The ingest writer uses :mod:`~declass.pipeline.extract.long` instead, which spills each window's
    facts and stores them window by window; this in-memory form is for callers of :func:`extract`."""
    mentions: list[Mention] = []
    relations: list[Relation] = []
    claims: list[Claim] = []
    for part in long.parse_windows(doc, nlp, _fill, limit):
        mentions += part.mentions
        relations += part.relations
        claims += part.claims
    mentions, renamed = windowing.harmonise_labels(doc.id, mentions)
    doc.relations, doc.claims = windowing.follow_renames(renamed, relations, claims)
    doc.mentions = mentions


def extract_text(texts: Sequence[str], model: str = "en_core_web_sm", *, batch_size: int = 16) -> list[list[Mention]]:
    """Mentions of plain texts (each its own one-page document; used by evaluation)."""
    docs = [
        Document(id=make_id("text", i, t[:200]), source_path=f"text-{i}", media_type="text/plain", text=t, clean_text=t)
        for i, t in enumerate(texts)
    ]
    return [d.mentions for d in extract(docs, model, batch_size=batch_size)]


def extract_to_spill(
    doc: Document,
    model: str = "en_core_web_sm",
    *,
    directory: str | None = None,
    suppressed: frozenset[SuppressedForm] = frozenset(),
) -> long.Spill:
    """Pass 1 of a long document's extraction for the ingest writer: each window's facts go to a
    spill file in ``directory`` as soon as the window is parsed (:mod:`~declass.pipeline.extract.long`);
    the ``suppressed`` forms are dropped when the writer reads the windows back."""
    return long.spill_windows(doc, model, _fill, directory, suppressed)
