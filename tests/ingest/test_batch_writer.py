"""The writer's batches (issue 13): several documents per transaction, stored exactly as one by one,
a bad document failing alone, and a run stopped mid-batch losing nothing it reported stored."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from declass import writer
from declass.ingest import ingest_paths
from declass.model import Document
from declass.settings import Settings
from declass.store import open_store
from declass.writer import BatchWriter
from tests.cluster.conftest import snapshot
from tests.conftest import EXAMPLES

SOURCES = [EXAMPLES / "crest", *sorted((EXAMPLES / "jfk").glob("*.pdf"))[:6]]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """The documents of the CREST reports and six JFK files, extracted, as the pipeline made them."""
    url = f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}"
    store = open_store(url)
    try:
        ingest_paths(store, SOURCES, Settings(workers=1, db=url))
        return [store.get_document(d["id"]) for d in store.list_documents(limit=100)]
    finally:
        store.close()


def test_a_batch_stores_what_one_by_one_stores(stored: list[Document], store_url: str, tmp_path: Path) -> None:
    single = f"sqlite:///{tmp_path / 'single.db'}"
    one = open_store(single)
    batched = open_store(store_url)
    try:
        for doc in stored:
            one.add_document(doc, pending=("resolve",))
        batched.add_documents(stored[:3], pending=("resolve",))
        batched.add_documents(stored[3:], pending=("resolve",))
        hits = [batched.search("Tretyakov").total, one.search("Tretyakov").total]
    finally:
        one.close()
        batched.close()
    assert len(stored) >= 6 and sum(len(d.mentions) for d in stored) > 300
    assert snapshot(store_url) == snapshot(single)
    assert hits[0] == hits[1] > 0  # the full-text index follows the batch


def _colliding(doc: Document, other: Document) -> Document:
    """``doc`` with its first mention given the id of a mention ``other`` has stored: a key the store refuses."""
    bad = dataclasses.replace(doc.mentions[0], id=other.mentions[0].id)
    return dataclasses.replace(doc, mentions=[bad, *doc.mentions[1:]])


def test_a_bad_document_fails_alone_and_the_rest_of_its_batch_is_stored(stored: list[Document], store_url: str) -> None:
    docs = [d for d in stored if d.mentions][:4]
    store = open_store(store_url)
    try:
        store.add_document(docs[0])
        batch = BatchWriter(store, pending=("resolve",), size=3)
        results = [w for doc in (docs[1], _colliding(docs[2], docs[0]), docs[3]) for w in batch.add(doc)] + batch.flush()
        kept = {d["id"] for d in store.list_documents(limit=100)}
    finally:
        store.close()
    assert [(doc.id, error is None) for doc, error in results] == [(docs[1].id, True), (docs[2].id, False), (docs[3].id, True)]
    assert "cannot store document" in str(results[1][1]) and docs[2].source_path in str(results[1][1])
    assert kept == {docs[0].id, docs[1].id, docs[3].id}


def test_a_run_stopped_mid_batch_loses_nothing_reported_and_a_rerun_repeats_nothing(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "BATCH_DOCUMENTS", 3)
    files = sorted((EXAMPLES / "jfk").glob("*.pdf"))[:9]
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    store = open_store(reference)
    try:
        ingest_paths(store, files, Settings(workers=1, db=reference, extract=False))
    finally:
        store.close()
    read: list[str] = []

    def stop_at_the_eighth_file(path: str, pages: Any) -> None:  # Ctrl-C while the third batch waits
        if path not in read:
            read.append(path)
        if len(read) == 8:
            raise KeyboardInterrupt

    store = open_store(store_url)
    try:
        report = ingest_paths(store, files, Settings(workers=1, db=store_url, extract=False), on_pages=stop_at_the_eighth_file)
        reported = {o.doc_id for o in report.outcomes if o.status == "ingested"}
        kept = {d["id"] for d in store.list_documents(limit=100)}
    finally:
        store.close()
    assert report.interrupted and 3 <= len(reported) < 9
    assert reported == kept  # every document reported stored is stored, and nothing unreported half-stored
    store = open_store(store_url)
    try:
        again = ingest_paths(store, files, Settings(workers=1, db=store_url, extract=False))
    finally:
        store.close()
    assert {o.status for o in again.outcomes} <= {"unchanged", "ingested", "failed"}
    resumed, clean = snapshot(store_url), snapshot(reference)
    # A rerun logs a new sighting of each file it finds stored (by design); the rows are the same.
    assert [(d, sorted(set(p))) for d, p in resumed.pop("sightings")] == clean.pop("sightings")
    assert resumed == clean  # documents, mentions, pending stages: each once
