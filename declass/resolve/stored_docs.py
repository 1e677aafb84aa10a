"""Documents judged where they are read: workers of a cluster read their partition from the store.

In bounded resolution (:mod:`declass.resolve.streaming`) the client reads every document from
the store and, on a cluster, ships its mentions to a worker. With a shared store (PostgreSQL, or
one SQLite file on the machine of a local cluster) that round trip is not needed: the client sends
only document ids, and each worker reads its partition's mentions itself, applies the reviewers'
corrections and the corpus's type evidence, and judges them, as the client would have.

:class:`StoredDocuments` is the function mapped. What every partition needs besides its ids, the
type evidence of the whole corpus and the acronym expansions, is :attr:`StoredDocuments.shared`:
``declass.cluster.partition_mapper`` sends it to each worker once (``Client.scatter``) and gives it
to :meth:`StoredDocuments.many` with each partition; the object itself pickles without it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from declass.model import Judgement, Mention
from declass.resolve.buckets import documents
from declass.resolve.corrections import Corrections
from declass.resolve.nodes import Profile
from declass.resolve.resolver import _judge_one
from declass.resolve.scoring import DEFAULT_CONFIG, ResolveConfig
from declass.resolve.typing_evidence import TypeEvidence, retyped

if TYPE_CHECKING:
    from declass.store.base import Store

# What one document's judging returns: its resolvable mention ids in stream order, its same-form
# judgements, its scored judgements and its profiles.
Judged = tuple[list[str], list[Judgement], list[Judgement], list[Profile]]

_STORES: dict[str, Store] = {}  # one open store per URL per worker process


def _store(url: str) -> Store:
    from declass.store import open_store

    if url not in _STORES:
        _STORES[url] = open_store(url, migrate=False)
    return _STORES[url]


def judge_listed(doc: tuple[list[Mention], dict[str, str]], config: ResolveConfig = DEFAULT_CONFIG) -> Judged:
    """One document's mentions (already corrected and retyped) judged, with their ids in order."""
    return ([m.id for m in doc[0]], *_judge_one(doc, config))


class StoredDocuments:
    """Judge documents given by id, reading their mentions from the store at ``url``."""

    def __init__(self, url: str, overrides: list[dict[str, Any]], config: ResolveConfig = DEFAULT_CONFIG) -> None:
        self.url, self.overrides, self.config = url, overrides, config
        self.shared: tuple[TypeEvidence, dict[str, str]] | None = None  # set by the client, never pickled

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredDocuments, (self.url, self.overrides, self.config))

    def __call__(self, doc_id: str) -> Judged:
        """One document (the built-in ``map`` calls this; a cluster calls :meth:`many`)."""
        if self.shared is None:
            raise RuntimeError("StoredDocuments.shared is not set")
        return self.many([doc_id], self.shared)[0]

    def many(self, doc_ids: Sequence[str], shared: tuple[TypeEvidence, dict[str, str]]) -> list[Judged]:
        """The documents ``doc_ids`` read in one query and judged, in the order given.

        Each must hold resolvable mentions (the client lists those it streamed): a document the
        store no longer has is an error, as a store changed under ``declass resolve`` is."""
        evidence, expansions = shared
        store = _store(self.url)
        corrections = Corrections(self.overrides)
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for doc in documents(store, corrections, [0], share=True, doc_ids=doc_ids):
            by_doc[doc[0].doc_id] = [retyped(evidence, m) for m in doc]
        out = []
        for doc_id in doc_ids:
            if doc_id not in by_doc:
                raise RuntimeError(f"the store changed during resolution (document {doc_id} has no mention now)")
            ms = by_doc.pop(doc_id)
            out.append(judge_listed((ms, {m.id: expansions[m.id] for m in ms if m.id in expansions}), self.config))
        return out
