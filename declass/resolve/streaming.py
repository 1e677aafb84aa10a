"""Resolution of a whole store without holding its mentions or judgements (issues 11 and 13).

``declass resolve`` used to read every mention into one list, keep every judgement and profile,
and build every entity at once: 2.7 GB at a million synthetic mentions, and a 50 MB text gives
three million. :func:`resolve_store_bounded` gives the same judgements and entities (the same
rules in the same order) in three streamed passes over the store's mentions, document by
document (``Store.iter_mentions`` is a server-side cursor in ``(doc_id, start)`` order):

1. **Evidence.** The reviewers' corrections are applied per document and each mention is counted
   in the corpus's type evidence (:func:`~declass.resolve.typing_evidence.gather`); the texts of
   the few mentions a stated relation names (alias, acronym, translation) are kept.
2. **Judging.** Each document, retyped by that evidence, is judged through ``mapper`` (one
   document per item, so on a cluster the documents stream to the workers and the client never
   holds them all). Its judgements are logged as integers (:class:`~declass.resolve.compact.JudgementLog`)
   and spilled to a temporary file in full, in the order they are written back; its profiles are
   reduced to what the cross-document step reads (:mod:`declass.resolve.slim`: the best node
   whole, of the other nodes their keys, counts and parsed names) and spilled to a SQLite file,
   which that step reads back a group or a block at a time (:mod:`declass.resolve.blockwise`);
   only the best nodes' anchors are given integers. The step's judgements are spilled as made.
3. **Entities.** Components are assembled over the integers (:func:`~declass.resolve.compact.assemble_compact`)
   and written bucket by bucket (:func:`~declass.resolve.buckets.write_buckets`).

Kept for the whole corpus: the integer judgements (19 bytes each), two union-finds (16 bytes a
mention), what the cross-document step groups the spilled profiles by (a document, a name or
blocking keys, a surname per profile), its blocks, the type evidence, the best anchors' integer
ids and each document's context tokens (~700 bytes a mention in all at 1M, docs/scale.md). Entities are written bucket by
bucket, so a run killed between buckets leaves part of them: the next ``declass resolve`` (or the
resolve stage still pending) writes them all again.
"""

from __future__ import annotations

import resource
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from declass.model import Judgement, Mention
from declass.resolve.blockwise import ProfileSpill, across_spilled
from declass.resolve.buckets import BUCKET_MENTIONS, Spill, documents, write_buckets
from declass.resolve.compact import IntUnionFind, JudgementLog, assemble_compact
from declass.resolve.corrections import Corrections
from declass.resolve.nodes import Profile
from declass.resolve.resolver import (
    RELATION_RULES,
    Mapper,
    _contexts,
    _merge_relation_profiles,
    iter_across_documents,
    relation_judgements,
)
from declass.resolve.scoring import DEFAULT_CONFIG, ResolveConfig
from declass.resolve.slim import Interner, slim_profiles
from declass.resolve.stored_docs import StoredDocuments, judge_listed
from declass.resolve.typing_evidence import TypeEvidence, gather, retyped

if TYPE_CHECKING:
    from declass.store.base import Store


def resolve_store_bounded(
    store: Store,
    *,
    config: ResolveConfig = DEFAULT_CONFIG,
    mapper: Mapper = map,
    bucket_mentions: int = BUCKET_MENTIONS,
    stats: dict[str, Any] | None = None,
    workers_read: bool = False,
    blockwise: bool = True,
) -> dict[str, int]:
    """Re-resolve the store as :func:`declass.resolve.resolve_store` does, in bounded memory.

    With ``blockwise`` (the default) the profiles are spilled to the run's temporary folder as
    they are judged and the cross-document step reads them back a group or a block at a time
    (:mod:`declass.resolve.blockwise`); without it they are held until that step, as before. Both
    give the same judgements in the same order (the tests compare them).

    With ``workers_read`` (and a ``mapper`` that runs elsewhere, a cluster's) the documents are
    judged by :class:`~declass.resolve.stored_docs.StoredDocuments`: the mapper is given document
    ids and each partition is read from the store where it is judged, so the store must be one
    the workers reach at the same URL (PostgreSQL; SQLite on the machine of a local cluster).

    ``stats``, when given, receives the sizes of what was kept for the whole corpus (bytes of the
    integer judgements and union-finds, profiles, buckets), for the benchmark and the docs.
    """
    from declass.resolve import _profile_context

    peaks: dict[str, int] = {}

    def phase(name: str) -> None:
        peaks[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # MB (Linux: KB)

    corrections = Corrections.load(store)
    overrides = corrections.cluster_overrides()
    relations = [r for r in store.iter_relations() if r.kind in RELATION_RULES]
    wanted = {x for r in relations for x in (r.source, r.target) if x}
    wanted |= {x for ov in overrides for x in _override_ids(ov)}
    evidence, known, read, suppressed = TypeEvidence(), {}, [0], Counter[int]()
    store_url: str = getattr(store, "url", "") if workers_read else ""
    doc_ids: list[str] | None = [] if store_url else None  # the client then holds document ids, not mentions
    for doc in documents(store, corrections, read, share=False, suppressed=suppressed):  # pass 1: evidence
        if doc_ids is not None:
            doc_ids.append(doc[0].doc_id)
        for m in doc:
            gather(evidence, m)
            if m.id in wanted:
                known[m.id] = m
    phase("evidence")
    expansions = {r.source: known[r.target].text for r in relations if r.kind == "acronym" and r.target in known}
    relation_js = relation_judgements(relations, known)
    # Relation links join profiles of one document: merged per document, unless one spans two.
    blockwise = blockwise and all(known[j.left].doc_id == known[j.right].doc_id for j in relation_js)
    relations_of: dict[str, list[Judgement]] = {}
    for j in relation_js:
        relations_of.setdefault(known[j.left].doc_id, []).append(j)

    with tempfile.TemporaryDirectory(prefix="declass-resolve-") as tmp:
        folder = Path(tmp)
        forms, scores = Spill(folder, "forms"), Spill(folder, "scores")
        forms_log, scores_log = JudgementLog(), JudgementLog()
        index: dict[str, int] = {}  # anchors, and the mentions relations and overrides name -> integer
        intern = Interner()
        profiles: list[Profile] = []
        spill = ProfileSpill(folder)
        n = 0

        def items() -> Iterator[tuple[list[Mention], dict[str, str]]]:
            for doc in documents(store, corrections, [0], share=True):  # pass 2: judging
                ms = [retyped(evidence, m) for m in doc]
                yield ms, {m.id: expansions[m.id] for m in ms if m.id in expansions}

        if doc_ids is None:
            judged = mapper(partial(judge_listed, config=config), items())
        else:  # the workers read each partition's documents from the store
            reader = StoredDocuments(store_url, corrections.overrides, config)
            reader.shared = (evidence, expansions)
            judged = mapper(reader, doc_ids)
        for ids, doc_forms, doc_scores, doc_profiles in judged:
            local = {mid: n + k for k, mid in enumerate(ids)}
            n += len(ids)
            index.update((mid, local[mid]) for mid in wanted.intersection(local))
            for j in doc_forms:
                forms_log.append(j, local[j.left], local[j.right])
                forms.add(j)
            for j in doc_scores:
                scores_log.append(j, local[j.left], local[j.right])
                scores.add(j)
            # Spilled profiles share nothing once pickled: interning them would only keep their parts alive.
            shared = intern if not blockwise else Interner()
            index.update((anchor, local[anchor]) for anchor in slim_profiles(doc_profiles, wanted, shared))
            if not blockwise:
                profiles += doc_profiles
            elif doc_profiles:
                _merge_relation_profiles(doc_profiles, relations_of.get(doc_profiles[0].doc, []))
                spill.add(doc_profiles)

        phase("documents judged")
        if blockwise:
            made = across_spilled(spill, config, mapper)
            context, n_profiles = spill.doc_context, len(spill)
        else:
            _merge_relation_profiles(profiles, relation_js)
            made = iter_across_documents(profiles, _contexts(profiles), config, mapper)
            context, n_profiles = _profile_context(profiles), len(profiles)
        across, across_log = Spill(folder, "across"), JudgementLog()
        for j in made:  # spilled as made
            across_log.append(j, index[j.left], index[j.right])
            across.add(j)
        spill_bytes = spill.close()
        del profiles, made
        log = forms_log
        for part in (_logged(relation_js, index), scores_log, across_log):
            log.extend(part)
        del forms_log, scores_log, across_log

        uf = IntUnionFind(n)  # resolvable mentions are 0..n-1 in stream order

        def position(mid: str) -> int:
            if mid not in index:
                index[mid] = uf.add()  # a mention an override names that resolution did not see
            return index[mid]

        phase("across documents")
        accepted = assemble_compact(uf, log, overrides, position)
        store.clear_judgements(source="auto")
        for chunk in forms.chunks():
            store.add_judgements(chunk)
        store.add_judgements(relation_js)
        for chunk in scores.chunks():
            store.add_judgements(chunk)
        for chunk in across.chunks():
            store.add_judgements(chunk)
        del relation_js
        index.clear()

        entities, buckets, largest = write_buckets(
            store, corrections, evidence, uf, log, accepted, n=n, folder=folder, bucket_mentions=bucket_mentions, context=context
        )
    phase("entities written")
    if stats is not None:
        stats.update(
            phase_peak_mb=peaks,
            mentions=n,
            judgement_bytes=log.nbytes(),
            union_find_bytes=2 * (uf.parent.itemsize + uf.size.itemsize) * n,
            profiles=n_profiles,
            profile_spill_bytes=spill_bytes,
            buckets=buckets,
            largest_bucket=largest,
        )
    return {"mentions": read[0], "judgements": len(log), "entities": entities, "suppressed": sum(suppressed.values())}


def _override_ids(ov: dict[str, Any]) -> Iterable[str]:
    """The mention ids an override names (merge ends, split parts, a renamed anchor)."""
    args = ov.get("args", {})
    for key in ("left", "right", "anchor"):
        if isinstance(args.get(key), str):
            yield args[key]
    for key in ("mentions", "rest"):
        yield from args.get(key, [])


def _logged(judgements: Iterable[Judgement], index: dict[str, int]) -> JudgementLog:
    """Judgements between known mentions (anchors, relation ends) as a log."""
    log = JudgementLog()
    for j in judgements:
        log.append(j, index[j.left], index[j.right])
    return log
