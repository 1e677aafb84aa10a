"""Stage extract: mentions (PERSON, ORG, LOC, DATE, MONEY, ACRONYM, CRYPTONYM, FILE_NUMBER) and
relations (acronym, translation, alias, role) for documents, batched with spaCy ``nlp.pipe``.

The only package that imports spaCy (STYLE 6; the claims stage is the one exception). spaCy runs
over ``Document.clean_text`` (ALL-CAPS lines truecased first, same length); every Mention carries
offsets into ``Document.text`` via ``Document.to_original``. Public API::

    load_nlp(name="en_core_web_sm") -> spacy.Language          cached per process
    extract(docs, model="en_core_web_sm", *, batch_size=16) -> list[Document]
    extract_text(texts, model="en_core_web_sm") -> list[list[Mention]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from declass.model import Claim, Document, Mention, Relation, make_id
from declass.pipeline.claims import extract_claims
from declass.pipeline.extract import windows as windowing
from declass.pipeline.extract.coref import coreference
from declass.pipeline.extract.mentions import find_relations, to_mentions
from declass.pipeline.extract.nlp import load_nlp, parse
from declass.pipeline.extract.suppress import suppress
from declass.types.suppression import SuppressedForm

__all__ = ["extract", "extract_text", "load_nlp"]


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
    coreference(doc)  # "Subject", KUBARK, PBRUMEN: mentions of what they refer to (a window shares the metadata)
    doc.relations = find_relations(doc, sdoc, doc.mentions)
    # The claims stage reads the same parsed spaCy Doc; called here so spaCy runs once.
    doc.claims = extract_claims(doc, sdoc)


def _extract_long(nlp: Any, doc: Document, limit: int) -> None:
    """Extract a long document window by window; one parsed window is alive at a time."""
    mentions: list[Mention] = []
    relations: list[Relation] = []
    claims: list[Claim] = []
    sentences = 0
    for part in windowing.windows(doc, limit):
        sdoc = next(parse(nlp, [part.clean_text], batch_size=1))
        _fill(part, sdoc)
        for m in part.mentions:
            if m.sentence is not None:
                m.sentence += sentences
        sentences += _sentence_count(sdoc)
        mentions += part.mentions
        relations += part.relations
        claims += part.claims
    mentions, renamed = windowing.harmonise_labels(doc.id, mentions)
    if renamed:  # relations and claims point at mentions by id
        relations = [
            replace(r, source=renamed.get(r.source, r.source), target=renamed.get(r.target or "", r.target)) for r in relations
        ]
        claims = [
            replace(
                c,
                subject=renamed.get(c.subject, c.subject),
                object=renamed.get(c.object or "", c.object),
                place=renamed.get(c.place or "", c.place),
            )
            for c in claims
        ]
    doc.mentions, doc.relations, doc.claims = mentions, relations, claims


def _sentence_count(sdoc: Any) -> int:
    if sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP"):
        return sum(1 for _ in sdoc.sents)
    return 1


def extract_text(texts: Sequence[str], model: str = "en_core_web_sm", *, batch_size: int = 16) -> list[list[Mention]]:
    """Mentions of plain texts (each its own one-page document; used by evaluation)."""
    docs = [
        Document(id=make_id("text", i, t[:200]), source_path=f"text-{i}", media_type="text/plain", text=t, clean_text=t)
        for i, t in enumerate(texts)
    ]
    return [d.mentions for d in extract(docs, model, batch_size=batch_size)]
