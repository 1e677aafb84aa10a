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

from declass.model import Document, Mention, make_id
from declass.pipeline.claims import extract_claims
from declass.pipeline.extract.coref import coreference
from declass.pipeline.extract.mentions import find_relations, to_mentions
from declass.pipeline.extract.nlp import load_nlp, parse

__all__ = ["extract", "extract_text", "load_nlp"]


def extract(docs: Sequence[Document], model: str = "en_core_web_sm", *, batch_size: int = 16) -> list[Document]:
    """Fill ``mentions``, ``relations`` and ``claims`` of each document."""
    nlp = load_nlp(model)
    texts = [d.clean_text or d.text for d in docs]
    out = []
    for doc, sdoc in zip(docs, parse(nlp, texts, batch_size=batch_size), strict=True):
        if not doc.clean_text:  # structure stage not run: the whole text is the clean text
            doc.clean_text = doc.text
        doc.mentions = to_mentions(doc, sdoc)
        doc = coreference(doc)  # "Subject", KUBARK, PBRUMEN: mentions of what they refer to
        doc.relations = find_relations(doc, sdoc, doc.mentions)
        # The claims stage reads the same parsed spaCy Doc; called here so spaCy runs once.
        doc.claims = extract_claims(doc, sdoc)
        out.append(doc)
    return out


def extract_text(texts: Sequence[str], model: str = "en_core_web_sm", *, batch_size: int = 16) -> list[list[Mention]]:
    """Mentions of plain texts (each its own one-page document; used by evaluation)."""
    docs = [
        Document(id=make_id("text", i, t[:200]), source_path=f"text-{i}", media_type="text/plain", text=t, clean_text=t)
        for i, t in enumerate(texts)
    ]
    return [d.mentions for d in extract(docs, model, batch_size=batch_size)]
