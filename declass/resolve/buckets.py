"""Entities of a whole store written bucket by bucket: the last pass of bounded resolution.

Shared by :func:`declass.resolve.streaming.resolve_store_bounded` (after judging) and
:func:`declass.resolve.rebuild.rebuild_entities_bounded` (after reading the stored judgements).
Both hold the judgements as integers (:class:`~declass.resolve.compact.JudgementLog`, a mention's
integer is its position in the stream of resolvable mentions) and the components as an
:class:`~declass.resolve.compact.IntUnionFind`. Components linked by a doubt are grouped (an
entity lists the entities it is possibly, which must be built with it), groups are hashed into
buckets of about ``bucket_mentions`` mentions, one more pass over the store spills each mention
to its bucket's file, and each bucket's entities are built by
:func:`~declass.resolve.clusters.build_entities` and written before the next bucket is read.
"""

from __future__ import annotations

import math
import pickle
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from declass.model import Mention
from declass.resolve.clusters import UnionFind, build_entities
from declass.resolve.compact import IntUnionFind, JudgementLog
from declass.resolve.corrections import Corrections
from declass.resolve.nodes import entity_type
from declass.resolve.typing_evidence import TypeEvidence, retyped

if TYPE_CHECKING:
    from declass.store.base import Store

BUCKET_MENTIONS = 100_000  # mentions per bucket of entity building: bounds the last step's memory
CHUNK = 2_000  # items per pickled chunk of a spill file
BUFFERED = 4_000  # mentions held in the buckets' spill buffers together, however many buckets


class Spill:
    """Items appended to a temporary file in pickled chunks and read back once, in order."""

    def __init__(self, folder: Path, name: str, chunk: int = CHUNK) -> None:
        self.path = folder / name
        self.chunk = chunk
        self._out: IO[bytes] = self.path.open("wb")
        self._buf: list[Any] = []
        self.count = 0

    def add(self, item: Any) -> None:
        self._buf.append(item)
        self.count += 1
        if len(self._buf) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            pickle.dump(self._buf, self._out, protocol=pickle.HIGHEST_PROTOCOL)
            self._buf = []

    def chunks(self) -> Iterator[list[Any]]:
        """The items in chunks, in the order they were added; the file is closed and read."""
        self._flush()
        self._out.close()
        with self.path.open("rb") as fh:
            while True:
                try:
                    yield pickle.load(fh)
                except EOFError:
                    return


class _Roots(UnionFind):
    """The components of one bucket as ``build_entities`` reads them: a mention id's root."""

    def __init__(self, uf: IntUnionFind, position: dict[str, int]) -> None:
        super().__init__()
        self.uf, self.position = uf, position

    def find(self, x: str) -> str:
        return str(self.uf.find(self.position[x]))


def documents(
    store: Store,
    corrections: Corrections,
    read: list[int],
    *,
    share: bool,
    suppressed: Counter[int] | None = None,
    left_out: list[str] | None = None,
    doc_ids: Sequence[str] | None = None,
) -> Iterator[list[Mention]]:
    """The store's resolvable mentions as the reviewers corrected them, one document at a time;
    ``suppressed`` counts the mentions each "not an entity" override left out, ``left_out``
    receives their ids; ``doc_ids`` reads only those documents."""
    from declass.resolve import _loaded

    stored = store.iter_mentions() if doc_ids is None else store.iter_mentions(doc_ids=doc_ids)
    loaded = _loaded(stored, corrections, read, share=share)
    for _, group in groupby(loaded, key=attrgetter("doc_id")):
        ms = [m for m in corrections.mentions(store, list(group)) if entity_type(m) is not None]
        if suppressed is not None:
            suppressed.update(corrections.suppressed)
        if left_out is not None:
            left_out += corrections.left_out
        if ms:
            yield ms


def write_buckets(
    store: Store,
    corrections: Corrections,
    evidence: TypeEvidence,
    uf: IntUnionFind,
    log: JudgementLog,
    accepted: Sequence[int],
    *,
    n: int,
    folder: Path,
    bucket_mentions: int = BUCKET_MENTIONS,
    context: dict[str, list[str]] | None = None,
    outside: dict[int, str] | None = None,
) -> tuple[int, int, int]:
    """Replace the store's entities with those of the components, a bucket at a time; returns the
    number of entities, of buckets and the size of the largest bucket.

    ``n`` is how many resolvable mentions the stream holds (checked: the store must not change);
    ``outside`` names the integers of mentions outside the stream that judgements reach (a mention
    a reviewer left out still links others, as ``clusters.assemble`` lets it)."""
    overrides = corrections.cluster_overrides()
    outside = outside or {}
    buckets = max(1, math.ceil(n / max(1, bucket_mentions)))
    groups = IntUnionFind(len(uf))  # components a doubt links: their entities refer to each other
    doubts = [k for k in range(len(log)) if log.same[k] == -1]
    for k in doubts:
        groups.union(uf.find(log.left[k]), uf.find(log.right[k]))

    def bucket(x: int) -> int:
        return groups.find(uf.find(x)) % buckets

    by_bucket: list[array[int]] = [array("i") for _ in range(buckets)]
    doubts_of: list[array[int]] = [array("i") for _ in range(buckets)]
    for k in accepted:
        by_bucket[bucket(log.left[k])].append(k)
    for k in doubts:
        doubts_of[bucket(log.left[k])].append(k)
    # One buffer per bucket: their chunks shrink as buckets multiply (2,000 mentions each in 100
    # buckets held 200,000 mentions at once at 10M).
    spills = [Spill(folder, f"bucket-{b}", chunk=max(50, BUFFERED // buckets)) for b in range(buckets)]
    seen = 0
    for doc in documents(store, corrections, [0], share=False):  # mentions to their bucket
        for m in doc:
            spills[bucket(seen)].add((seen, retyped(evidence, m)))
            seen += 1
    if seen != n:
        raise RuntimeError(f"the store changed during resolution ({seen} mentions read, {n} before)")
    store.replace_entities([])
    entities = largest = 0
    for b, spill in enumerate(spills):
        rows = [row for chunk in spill.chunks() for row in chunk]
        spill.path.unlink()
        largest = max(largest, len(rows))
        mentions = {m.id: m for _, m in rows}
        pos = {m.id: p for p, m in rows} | {mid: p for p, mid in outside.items()}
        ids = {p: m.id for p, m in rows} | outside
        types = {mid: t for mid, m in mentions.items() if (t := entity_type(m)) is not None}
        js = [log.judgement(k, ids.__getitem__) for k in (*by_bucket[b], *doubts_of[b])]
        built = build_entities(mentions, types, _Roots(uf, pos), js, range(len(by_bucket[b])), overrides, context)
        store.add_entities(corrections.retype(built))
        entities += len(built)
    return entities, buckets, largest
