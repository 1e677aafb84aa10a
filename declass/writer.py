"""The one writer: what the pure stages produced for a document goes into the store.

A short document (or one ingested without extraction) is one :class:`~declass.model.Document` and
is written in one transaction, as it always was. A long document comes as a
:class:`~declass.pipeline.extract.long.Spill` (its windows' facts parsed into a spill file) and is
written window by window, so the writer holds one window's mentions, relations and claims at a
time, whatever the document's length:

1. the document itself (text, pages, paragraphs, redactions; no facts) with its extraction and
   claims stages pending; a document stored earlier instead has its old facts cleared;
2. one transaction per window appending its facts (:meth:`Store.add_facts`);
3. the last window's transaction also replaces the pending stages with ``pending`` (extraction and
   claims done).

Invariant: until step 3 commits, the document stays pending extraction, so a run stopped in the
middle leaves it for the next run, which clears the partial facts first (:meth:`Store.clear_facts`)
and writes them again: never lost, never duplicated.

The interface is a plain function of the store and a stage result, so any engine that runs the
pure stages (the process pool here, a Dask cluster) stores its results the same way.

:class:`BatchWriter` groups short documents into one transaction of up to ``BATCH_DOCUMENTS``
(:meth:`Store.add_documents`, one multi-row insert per table): a commit per document was the
writer's bound into PostgreSQL. Invariant: a document is reported stored only once its batch has
committed, so a run stopped mid-batch loses only documents it never reported, which the next run
finds missing and processes again; a batch that fails is written again one document at a time,
so one bad document fails alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from declass.errors import StoreError
from declass.model import Document
from declass.pipeline.extract.long import Spill, WindowFacts, read_spill
from declass.store import Store

Result = Document | Spill
EXTRACTION = ("extract", "claims")  # the stages one spaCy parse completes (declass.store.base.STAGES)
# Documents per transaction: a chunk's worth (ingest.CHUNK_FILES). 16 gained nothing more into PostgreSQL
# (docs/scale.md, "Writer") and would hold back the progress line and the ingest log longer.
BATCH_DOCUMENTS = 4
BATCH_MENTIONS = 20_000  # ...or fewer, once their mentions reach this: the batch's rows stay small

# What a write reports per document: the document, and the error that kept it out (None: stored).
Written = tuple[Document, StoreError | None]


class BatchWriter:
    """Writes stage results in batches of documents per transaction (see the module docstring).

    :meth:`add` returns the documents whose fate is known now (stored, or failed with the error);
    :meth:`flush` writes what is waiting. A long document (a spill) is written at once, window by
    window, after the batch before it.
    """

    def __init__(self, store: Store, *, pending: Iterable[str], size: int | None = None) -> None:
        self.store, self.pending, self.size = store, tuple(pending), size or BATCH_DOCUMENTS
        self.waiting: list[Document] = []
        self.mentions = 0

    def add(self, result: Result) -> list[Written]:
        """Queue one result; write the batch when it is full (or the result is a spill)."""
        if isinstance(result, Spill):
            done = self.flush()
            try:
                write_result(self.store, result, pending=self.pending)
            except StoreError as exc:
                return [*done, (result.doc, exc)]
            return [*done, (result.doc, None)]
        self.waiting.append(result)
        self.mentions += len(result.mentions)
        if len(self.waiting) >= self.size or self.mentions >= BATCH_MENTIONS:
            return self.flush()
        return []

    def flush(self) -> list[Written]:
        """Write the waiting documents in one transaction (one by one if that fails)."""
        docs, self.waiting, self.mentions = self.waiting, [], 0
        if not docs:
            return []
        try:
            self.store.add_documents(docs, pending=self.pending)
            return [(doc, None) for doc in docs]
        except StoreError as exc:
            if len(docs) == 1:
                return [(docs[0], exc)]
            return [(doc, _store_error(self.store, doc, self.pending)) for doc in docs]


def _store_error(store: Store, doc: Document, pending: tuple[str, ...]) -> StoreError | None:
    """Write one document alone: None when stored, else the error that kept it out."""
    try:
        store.add_document(doc, pending=pending)
    except StoreError as exc:
        return exc
    return None


def source_of(result: Result) -> Document:
    """The document a stage result is about (a spill carries its document without facts)."""
    return result.doc if isinstance(result, Spill) else result


def write_result(store: Store, result: Result, *, pending: Iterable[str], stored: bool = False) -> None:
    """Store one document's stage result; ``pending`` are the stages it still needs afterwards.

    ``stored`` says the document row is in the store already (its extraction is being finished by
    :func:`declass.ingest.finish_pending`), so only its facts are replaced.
    """
    if isinstance(result, Document):
        store.add_document(result, pending=pending)
        return
    write_windows(store, result.doc, read_spill(result), pending=pending, stored=stored)


def write_windows(
    store: Store, doc: Document, windows: Iterable[WindowFacts], *, pending: Iterable[str], stored: bool = False
) -> int:
    """Store ``doc`` and its facts window by window (see the module docstring); returns the windows stored."""
    after = tuple(pending)
    if stored:
        store.clear_facts(doc.id)
    else:
        store.add_document(doc, pending=tuple(dict.fromkeys((*EXTRACTION, *after))))
    count = 0
    for facts, last in _with_last(iter(windows)):
        store.add_facts(doc.id, facts.mentions, facts.relations, facts.claims, pending=after if last else None)
        count += 1
    if not count:  # nothing to append: the extraction is still done
        store.add_facts(doc.id, [], [], [], pending=after)
    return count


def _with_last(items: Iterator[WindowFacts]) -> Iterator[tuple[WindowFacts, bool]]:
    """Each item with whether it is the last (one item of look-ahead)."""
    previous = next(items, None)
    if previous is None:
        return
    for item in items:
        yield previous, False
        previous = item
    yield previous, True
