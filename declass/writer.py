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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from declass.model import Document
from declass.pipeline.extract.long import Spill, WindowFacts, read_spill
from declass.store import Store

Result = Document | Spill
EXTRACTION = ("extract", "claims")  # the stages one spaCy parse completes (declass.store.base.STAGES)


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
