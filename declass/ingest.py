"""Ingest: walk paths, run the pure pipeline in worker processes, write each document once.

Invariants:

* Workers never touch the store; they return finished :class:`Document` objects, a long document
  as a :class:`Spill` of its windows (or a failure reason). Only this module's writer loop writes
  (:mod:`declass.writer`): one transaction per document, a long one's facts one per window.
* A file is identified by the sha256 of its bytes. A file whose hash is stored already (at the
  same pipeline version) is only recorded as a new sighting, so re-ingesting is a no-op and an
  interrupted run (Ctrl-C, kill -9) resumes where it stopped without duplicates.
* The store records, per document, the stages it still needs (``pending_stages``): the writer sets
  them in the document's transaction and each stage clears its own after storing its result. Every
  run ends by finishing all of them (:func:`finish_pending`), so work stopped by an interruption or
  a crash in a stage is done by the next run, not lost.
* Workers die with the main process (:mod:`declass.pool`), so a ``kill -9`` leaves no orphans.
  Spill files of long documents live in the run's spill folder, named by its pid; every run first
  deletes the folders of runs that are gone (:func:`~declass.pipeline.extract.long.remove_dead_spills`).
"""

from __future__ import annotations

import gc
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from declass.errors import InputError
from declass.inputs import IngestReport, Outcome, SentFile, iter_files, sha256_file
from declass.model import Document
from declass.pipeline import process
from declass.pipeline.extract.long import Spill, remove_dead_spills, run_spill_dir
from declass.pipeline.ocr import OcrOptions, progress
from declass.pipeline.read import media_type_for
from declass.pool import run_chunks
from declass.settings import Settings
from declass.store import Store
from declass.store.base import STAGES
from declass.types.suppression import SuppressedForm
from declass.writer import BatchWriter, Result, Written, source_of, write_result

# Files handed to one worker call: large enough to batch spaCy, small enough to keep memory flat.
CHUNK_FILES = 4


def process_files(
    paths: Sequence[str | SentFile],
    extract: bool,
    model: str,
    suppressed: frozenset[SuppressedForm] = frozenset(),
    ocr: OcrOptions | None = None,
    spill_dir: str | None = None,
) -> list[Result | InputError]:
    """Worker entry point: read and process files, then extract entities in one batch.

    Pure with respect to the store; returns a Document (a long one as a :class:`Spill`, see
    :func:`extract_stored`) or the InputError for each path. ``suppressed`` are the store's
    "not an entity" forms, read once by the main process; ``ocr`` says which pages Tesseract reads;
    ``spill_dir`` is the run's folder for spill files. Each page read is reported to the page
    progress sink the runner installed (:mod:`declass.pipeline.ocr.progress`). An item may be a
    :class:`~declass.inputs.SentFile`, the bytes the client read for a worker without its storage.
    """
    results: list[Document | InputError] = []
    for item in paths:
        path = item if isinstance(item, str) else item.path
        try:
            if isinstance(item, SentFile) and item.error:
                raise InputError(path, item.error)
            with progress.reading(path):
                results.append(process(path, Path(path).read_bytes() if isinstance(item, str) else item.data, ocr))
        except InputError as exc:
            results.append(exc)
        except OSError as exc:
            results.append(InputError(path, f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the run; it is reported per file
            results.append(InputError(path, f"internal error while processing: {type(exc).__name__}: {exc}"))
    if not extract:
        return list(results)
    docs = [r for r in results if isinstance(r, Document)]
    extracted = iter(extract_stored(docs, model, suppressed, spill_dir) if docs else [])
    return [next(extracted) if isinstance(r, Document) else r for r in results]


def _ocr(settings: Settings) -> OcrOptions:
    return OcrOptions.from_settings(settings)


def extract_docs(docs: list[Document], model: str, suppressed: frozenset[SuppressedForm] = frozenset()) -> None:
    """Run the extraction stage (mentions, relations, claims) in place."""
    from declass.pipeline.extract import extract  # imported here: spaCy is heavy, and only workers need it

    extract(docs, model, suppressed=suppressed)


def extract_stored(
    docs: Sequence[Document], model: str, suppressed: frozenset[SuppressedForm] = frozenset(), spill_dir: str | None = None
) -> list[Result | InputError]:
    """Worker entry point: extract documents (new, or stored without extraction), or say why not.

    Returns one result per document, in order: short documents extracted in one ``nlp.pipe`` batch,
    a long one (:func:`~declass.pipeline.extract.long.is_long`) as a :class:`Spill` of its windows,
    which the writer stores window by window (``spill_dir``: the run's spill folder; the reviewers'
    ``suppressed`` forms travel with the spill and are dropped as it is written). A document whose extraction raises becomes an
    InputError, so one bad document neither fails its chunk nor stops the run.
    """
    from declass.pipeline.extract.long import is_long

    short = [d for d in docs if not is_long(d)]
    done: dict[int, Result | InputError] = {}
    try:
        extract_docs(short, model, suppressed)
        done = {id(d): d for d in short}
    except Exception:  # noqa: BLE001 - retried one by one below, so one bad document does not fail the chunk
        pass
    results: list[Result | InputError] = []
    for doc in docs:
        if id(doc) in done:
            results.append(done[id(doc)])
            continue
        try:
            results.append(_spill(doc, model, suppressed, spill_dir) if is_long(doc) else _extract_one(doc, model, suppressed))
        except Exception as exc:  # noqa: BLE001 - reported per document; its stage stays pending
            results.append(InputError(doc.source_path, f"extraction failed: {type(exc).__name__}: {exc}"))
    return results


def _extract_one(doc: Document, model: str, suppressed: frozenset[SuppressedForm]) -> Document:
    extract_docs([doc], model, suppressed)
    return doc


def _spill(doc: Document, model: str, suppressed: frozenset[SuppressedForm], spill_dir: str | None) -> Spill:
    from declass.pipeline.extract import extract_to_spill

    return extract_to_spill(doc, model, directory=spill_dir, suppressed=suppressed)


def stages_left(settings: Settings) -> tuple[str, ...]:
    """The stages a document written by the ingest writer still needs."""
    return ("resolve",) if settings.extract else STAGES


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    on_pages: progress.PageSink | None = None,
) -> IngestReport:
    """Ingest files and folders into the store, then finish every stage the store has pending.

    Every outcome is logged and reported. The last step (:func:`finish_pending`) also completes the
    documents earlier runs stored but did not extract or resolve, whatever stopped them.
    ``on_pages(path, pages)`` hears how many pages of a file are read while it is being read
    (in-process and in pool workers; on a Dask cluster only the finished document's outcome counts).
    Spill files that runs killed earlier left behind are deleted first.
    """
    remove_dead_spills()
    spill_dir = run_spill_dir()
    try:
        return _ingest(store, paths, settings, on_outcome, on_total, on_pages, spill_dir)
    finally:
        shutil.rmtree(spill_dir, ignore_errors=True)  # a spill the writer did not read (an error, Ctrl-C)


def _ingest(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings,
    on_outcome: Callable[[Outcome], None] | None,
    on_total: Callable[[int], None] | None,
    on_pages: progress.PageSink | None,
    spill_dir: str,
) -> IngestReport:
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    limit = int(settings.max_file_mb * 1024 * 1024)

    def record(outcome: Outcome) -> None:
        store.log_ingest(report.run_id, outcome.path, outcome.status, outcome.reason, outcome.doc_id)
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    pending: list[str] = []
    walk_errors: list[tuple[str, str]] = []
    files = list(iter_files(paths, walk_errors))
    if on_total:
        on_total(len(files) + len(walk_errors))
    for folder, reason in walk_errors:
        record(Outcome(folder, "failed", reason))
    seen_hashes: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    for file in files:
        path = str(file)
        try:
            if not file.exists():
                record(Outcome(path, "failed", "no such file or directory"))
                continue
            if media_type_for(path) is None:
                record(
                    Outcome(path, "skipped", f"unsupported file type {file.suffix or '(none)'}; declass reads .txt, .md, .pdf")
                )
                continue
            size = file.stat().st_size
            if size == 0:  # every empty file has the same hash: each is a failure, not a duplicate
                record(Outcome(path, "failed", "empty file (0 bytes)"))
                continue
            if size > limit:
                record(
                    Outcome(
                        path, "failed", f"file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB limit (--max-file-mb)"
                    )
                )
                continue
            digest = sha256_file(file)
        except OSError as exc:
            record(Outcome(path, "failed", f"cannot read: {exc.strerror or exc}"))
            continue
        if digest in seen_hashes:
            duplicates.append((digest, path))
            record(Outcome(path, "unchanged", f"same content as {seen_hashes[digest]}", digest))
            continue
        if store.has_document(digest):
            store.add_sighting(digest, path)
            record(Outcome(path, "unchanged", "already stored", digest))
            continue
        seen_hashes[digest] = path
        pending.append(path)

    try:
        forms = _suppressed_forms(store)  # reviewers' "not an entity" forms, read once for every worker
        args = (settings.extract, settings.spacy_model, forms, _ocr(settings))
        writer = BatchWriter(store, pending=stages_left(settings))

        def written(docs: list[Written]) -> None:
            for doc, error in docs:
                failed = Outcome(doc.source_path, "failed", str(error)) if error else None
                record(failed or Outcome(doc.source_path, "ingested", None, doc.id, len(doc.pages)))

        for result in _run(process_files, pending, settings, *args, spill_dir=spill_dir, on_progress=on_pages):
            if isinstance(result, InputError):
                record(Outcome(result.path, "failed", result.reason))
                continue
            if isinstance(result, Spill):
                report.windowed.append(result.doc.id)
            written(writer.add(result))
        written(writer.flush())
        for digest, path in duplicates:
            if store.has_document(digest):
                store.add_sighting(digest, path)
        if settings.extract:
            finish_pending(store, settings, report, record, spill_dir)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _suppressed_forms(store: Store) -> frozenset[SuppressedForm]:
    """The forms reviewers marked "not an entity" in this store: data for the extract stage."""
    from declass.resolve.corrections import suppressed_forms  # imported here: workers need no resolver

    return suppressed_forms(store)


def finish_pending(
    store: Store, settings: Settings, report: IngestReport, record: Callable[[Outcome], None], spill_dir: str | None = None
) -> None:
    """Run every stage the store has pending: extraction and claims, then resolution.

    A document whose extraction fails is reported and stays pending; a resolution that fails is
    reported in ``report.stage_errors`` and stays pending, so the next run tries again.
    """
    to_extract = sorted(set(store.pending_documents("extract")) | set(store.pending_documents("claims")))
    chunks = (
        [_unextracted(store, doc_id) for doc_id in to_extract[i : i + CHUNK_FILES]]
        for i in range(0, len(to_extract), CHUNK_FILES)
    )
    forms = _suppressed_forms(store)
    results = _run_chunks(extract_stored, chunks, len(to_extract), settings, settings.spacy_model, forms, spill_dir=spill_dir)
    for result in results:
        if isinstance(result, InputError):
            record(Outcome(result.path, "failed", result.reason))
            continue
        write_result(store, result, pending=("resolve",), stored=True)
        report.extracted.append(source_of(result).id)
        if isinstance(result, Spill):
            report.windowed.append(result.doc.id)
    to_resolve = store.pending_documents("resolve")
    if not to_resolve:
        return
    if report.windowed:
        release_models()
    try:
        done, todo = split_resolved(store, to_resolve)
        store.mark_done("resolve", done)
        if todo:
            resolve_new(store, todo)
            store.mark_done("resolve", todo)
        report.resolved = to_resolve
    except Exception as exc:  # noqa: BLE001 - a resolution bug must not lose the run: reported, retried next run
        report.stage_errors.append(
            f"resolution of {len(to_resolve)} document(s) failed and stays pending: {type(exc).__name__}: {exc}"
        )


def release_models() -> None:
    """Free this process's spaCy pipelines before resolution, after a long document was extracted.

    A long document is parsed in this process when it is the run's only chunk; the model and what
    its parses left (vocabulary, caches: about 300 MB on ``en_core_web_sm``) would otherwise stay
    resident under resolution, which holds every mention of the store, and the run's peak would be
    their sum. Freed, resolution reuses that memory. The next extraction loads the model again.
    """
    from declass.pipeline.extract.nlp import load_nlp  # imported here: spaCy is heavy

    load_nlp.cache_clear()
    gc.collect()


def _unextracted(store: Store, doc_id: str) -> Document:
    """A stored document pending extraction, without the facts a stopped run may have stored for it.

    A long document is written window by window; an interruption leaves some windows' facts. They
    are deleted before the document is read and extracted again, so the rerun never duplicates them
    and memory does not hold them."""
    store.clear_facts(doc_id)
    return store.get_document(doc_id)


def split_resolved(store: Store, doc_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """Pending documents whose mentions already belong to entities, and the rest.

    Resolution writes all its entities in one transaction, so a document with any resolved mention
    was resolved by a run that stopped before recording it (or by ``declass resolve``).
    """
    from declass.resolve.nodes import entity_type

    done: list[str] = []
    todo: list[str] = []
    for doc_id in doc_ids:
        ids = [m.id for m in store.iter_mentions(doc_id=doc_id) if entity_type(m) is not None]
        (done if ids and store.entities_of_mentions(ids) else todo).append(doc_id)
    return done, todo


def resolve_new(store: Store, doc_ids: list[str]) -> None:
    """Resolve the mentions of newly stored documents against the existing entities."""
    from declass.resolve import resolve_store

    resolve_store(store, doc_ids=doc_ids)


def _run(
    func: Callable[..., list[Result | InputError]],
    paths: list[str],
    settings: Settings,
    *args: Any,
    spill_dir: str | None = None,
    on_progress: progress.PageSink | None = None,
) -> Iterator[Result | InputError]:
    chunks = [paths[i : i + CHUNK_FILES] for i in range(0, len(paths), CHUNK_FILES)]
    return _run_chunks(func, chunks, len(paths), settings, *args, spill_dir=spill_dir, on_progress=on_progress)


def _run_chunks(
    func: Callable[..., list[Result | InputError]],
    chunks: Iterable[Any],
    items: int,
    settings: Settings,
    *args: Any,
    spill_dir: str | None = None,
    on_progress: progress.PageSink | None = None,
) -> Iterator[Result | InputError]:
    """``func(chunk, *args, spill_dir)`` over the chunks: in a pool, in this process, or on the cluster."""
    if settings.cluster:  # the same function, chunks and failures, as Dask tasks (declass.cluster)
        from declass.cluster import run_chunks as run_on_cluster
        from declass.cluster import shipping

        if settings.cluster_files == "send":  # workers without this machine's storage: bytes go and come back
            # the worker's own temporary folder holds its spills (None): they travel back as bytes
            sent = shipping.with_bytes(chunks)
            results = run_on_cluster(
                shipping.run_sent,
                sent,
                settings.cluster,
                func,
                *args,
                None,
                default_workers=settings.workers,
                on_error=_chunk_failed,
            )
            return shipping.landed(results, spill_dir)
        return run_on_cluster(
            func, chunks, settings.cluster, *args, spill_dir, default_workers=settings.workers, on_error=_chunk_failed
        )
    workers = settings.workers if items > CHUNK_FILES else 1  # one chunk: a pool costs more than it saves
    return run_chunks(func, chunks, workers, *args, spill_dir, on_error=_chunk_failed, on_progress=on_progress)


def _chunk_failed(chunk: Sequence[str | SentFile | Document], exc: BaseException) -> list[Result | InputError]:
    """Every item of a chunk whose worker failed (it died, or raised) as a per-file failure."""
    reason = f"worker process failed: {type(exc).__name__}: {exc}"
    return [InputError(_item_path(item), reason) for item in chunk]


def _item_path(item: str | SentFile | Document) -> str:
    if isinstance(item, str):
        return item
    return item.path if isinstance(item, SentFile) else item.source_path
