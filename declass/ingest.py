"""Ingest: walk paths, run the pure pipeline in worker processes, write each document once.

Invariants:

* Workers never touch the store; they return finished :class:`Document` objects (or a failure
  reason). Only this module's writer loop writes, one transaction per document.
* A file is identified by the sha256 of its bytes. A file whose hash is stored already (at the
  same pipeline version) is only recorded as a new sighting, so re-ingesting is a no-op and an
  interrupted run (Ctrl-C, kill -9) resumes where it stopped without duplicates.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from declass.errors import InputError, StoreError
from declass.model import Document, sha256_bytes
from declass.pipeline import process
from declass.pipeline.read import media_type_for
from declass.settings import Settings
from declass.store import Store

# Files handed to one worker call: large enough to batch spaCy, small enough to keep memory flat.
CHUNK_FILES = 4


@dataclass(slots=True)
class Outcome:
    """What happened to one input path."""

    path: str
    status: str  # ingested | unchanged | skipped | failed
    reason: str | None = None
    doc_id: str | None = None
    pages: int = 0


@dataclass(slots=True)
class IngestReport:
    """The result of one ingest run."""

    run_id: str
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        """How many paths ended with this status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        """The paths that failed, with reasons."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def new_doc_ids(self) -> list[str]:
        """Ids of documents written in this run."""
        return [o.doc_id for o in self.outcomes if o.status == "ingested" and o.doc_id]

    @property
    def exit_code(self) -> int:
        """0 when every file succeeded (or was skipped/unchanged), 1 when any failed, 130 if interrupted."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under the given paths (directories recursively, sorted, hidden files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def process_files(paths: Sequence[str], extract: bool, model: str) -> list[Document | InputError]:
    """Worker entry point: read and process files, then extract entities in one batch.

    Pure with respect to the store; returns a Document or the InputError for each path.
    """
    results: list[Document | InputError] = []
    for path in paths:
        try:
            results.append(process(path, Path(path).read_bytes()))
        except InputError as exc:
            results.append(exc)
        except OSError as exc:
            results.append(InputError(path, f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the run; it is reported per file
            results.append(InputError(path, f"internal error while processing: {type(exc).__name__}: {exc}"))
    if extract:
        docs = [r for r in results if isinstance(r, Document)]
        if docs:
            extract_docs(docs, model)
    return results


def extract_docs(docs: list[Document], model: str) -> None:
    """Run the extraction stage (mentions, relations, claims) in place."""
    from declass.pipeline.extract import extract  # imported here: spaCy is heavy, and only workers need it

    extract(docs, model)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; every outcome is logged and reported."""
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    limit = int(settings.max_file_mb * 1024 * 1024)

    def record(outcome: Outcome) -> None:
        store.log_ingest(report.run_id, outcome.path, outcome.status, outcome.reason, outcome.doc_id)
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    pending: list[str] = []
    files = list(iter_files(paths))
    if on_total:
        on_total(len(files))
    seen_hashes: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    for file in files:
        path = str(file)
        if not file.exists():
            record(Outcome(path, "failed", "no such file or directory"))
            continue
        if media_type_for(path) is None:
            record(Outcome(path, "skipped", f"unsupported file type {file.suffix or '(none)'}; declass reads .txt, .md, .pdf"))
            continue
        try:
            size = file.stat().st_size
            if size > limit:
                record(
                    Outcome(
                        path, "failed", f"file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB limit (--max-file-mb)"
                    )
                )
                continue
            digest = sha256_bytes(file.read_bytes())
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
        for result in _run(pending, settings):
            if isinstance(result, InputError):
                record(Outcome(result.path, "failed", result.reason))
                continue
            try:
                store.add_document(result)
            except StoreError as exc:
                record(Outcome(result.source_path, "failed", str(exc)))
                continue
            record(Outcome(result.source_path, "ingested", None, result.id, len(result.pages)))
    except KeyboardInterrupt:
        report.interrupted = True
        return report
    for digest, path in duplicates:
        if store.has_document(digest):
            store.add_sighting(digest, path)
    if settings.extract and report.new_doc_ids:
        resolve_new(store, report.new_doc_ids)
    return report


def resolve_new(store: Store, doc_ids: list[str]) -> None:
    """Resolve the mentions of newly stored documents against the existing entities."""
    from declass.resolve import resolve_store

    resolve_store(store, doc_ids=doc_ids)


def _run(paths: list[str], settings: Settings) -> Iterator[Document | InputError]:
    chunks = [paths[i : i + CHUNK_FILES] for i in range(0, len(paths), CHUNK_FILES)]
    if settings.workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from process_files(chunk, settings.extract, settings.spacy_model)
        return
    pool = ProcessPoolExecutor(max_workers=settings.workers)
    try:
        todo = iter(chunks)
        running: set[Future[list[Document | InputError]]] = set()
        for chunk in todo:
            running.add(pool.submit(process_files, chunk, settings.extract, settings.spacy_model))
            if len(running) >= settings.workers * 2:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
            for chunk in todo:
                running.add(pool.submit(process_files, chunk, settings.extract, settings.spacy_model))
                if len(running) >= settings.workers * 2:
                    break
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
