"""Entities re-assembled from the stored judgements without holding the store (issue 13).

:func:`declass.resolve.manage.rebuild_entities` (run after every reviewer's correction, and by
``declass overrides import``) reads every mention and every stored judgement into memory and
builds every entity at once: the same growth with the corpus that bounded resolution removed from
``declass resolve``. :func:`rebuild_entities_bounded` gives the same entities in bounded memory:

1. one pass over the store's mentions, document by document, gathers the corpus's type evidence
   (as ``corpus_types`` does) and gives each resolvable mention its integer (its position);
2. the stored judgements are streamed into a :class:`~declass.resolve.compact.JudgementLog`, in
   stored order, and assembled with the overrides by
   :func:`~declass.resolve.compact.assemble_compact` (``clusters.assemble``'s order);
3. the entities are written bucket by bucket (:func:`~declass.resolve.buckets.write_buckets`).

Kept for the whole corpus: a dictionary from mention id to integer (about 130 bytes a mention:
the stored judgements name any mention, not only anchors), the integer judgements (19 bytes each)
and the union-finds (16 bytes a mention).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from declass.resolve.buckets import BUCKET_MENTIONS, documents, write_buckets
from declass.resolve.compact import IntUnionFind, JudgementLog, assemble_compact
from declass.resolve.corrections import Corrections
from declass.resolve.typing_evidence import TypeEvidence, gather

if TYPE_CHECKING:
    from declass.store.base import Store


def rebuild_entities_bounded(store: Store, *, bucket_mentions: int = BUCKET_MENTIONS) -> int:
    """Re-assemble every entity from stored judgements and overrides in force, as
    ``manage.rebuild_entities`` does, in bounded memory; returns the number of entities.

    Stored judgements are resolution's (``source="auto"``); a reviewer's decisions are overrides,
    re-applied first as ``clusters.assemble`` applies them."""
    corrections = Corrections.load(store)
    evidence = TypeEvidence()
    index: dict[str, int] = {}
    left_out: list[str] = []
    for doc in documents(store, corrections, [0], share=False, left_out=left_out):
        for m in doc:
            gather(evidence, m)
            index[m.id] = len(index)
    n = len(index)
    uf = IntUnionFind(n)
    outside: dict[int, str] = {}
    for mid in left_out:  # left out of entities, still linking the others
        if mid not in index:
            index[mid] = uf.add()
            outside[index[mid]] = mid
    log = JudgementLog()
    for j in store.iter_judgements():
        left, right = index.get(j.left), index.get(j.right)
        if left is not None and right is not None:  # assemble ignores a judgement naming an unknown mention
            log.append(j, left, right)

    def position(mid: str) -> int:
        if mid not in index:
            index[mid] = uf.add()  # a mention an override names that is not in the store
            outside[index[mid]] = mid
        return index[mid]

    accepted = assemble_compact(uf, log, corrections.cluster_overrides(), position)
    index.clear()
    with tempfile.TemporaryDirectory(prefix="declass-rebuild-") as tmp:
        entities, _, _ = write_buckets(
            store,
            corrections,
            evidence,
            uf,
            log,
            accepted,
            n=n,
            folder=Path(tmp),
            bucket_mentions=bucket_mentions,
            outside=outside,
        )
    return entities
