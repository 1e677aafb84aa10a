"""Reviewers' "not an entity" forms are dropped inside a long document written window by window (issue 11).

A document longer than one extraction window is spilled and stored window by window
(:mod:`declass.pipeline.extract.long`); the reviewers' suppressed forms must be dropped there as
they are for a document extracted in memory, not only left out of entities by resolution. The
window size is lowered so the real NTS report is cut into several windows.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import declass.pipeline.extract.windows as windowing
from declass.ingest import ingest_paths
from declass.pipeline import process
from declass.pipeline.extract import extract
from declass.pipeline.extract.long import is_long
from declass.resolve import manage
from declass.resolve.corrections import suppressed_forms
from declass.resolve.nodes import entity_type
from declass.settings import Settings
from declass.store import open_store
from declass.types.suppression import form_key
from tests.conftest import NTS_REPORT

WINDOW = 1500  # characters: the report becomes 6+ windows


def test_suppressed_forms_are_dropped_from_a_spilled_long_document(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", WINDOW)
    settings = Settings(db=store_url, workers=1, extract=True)
    store = open_store(store_url)
    try:
        report = ingest_paths(store, [NTS_REPORT], settings)
        [doc_id] = report.new_doc_ids
        doc = store.get_document(doc_id)
        assert is_long(doc)
        # the most frequent resolvable form, printed in several windows of the document
        counts = Counter(form_key(m.text) for m in doc.mentions if entity_type(m) is not None)
        form, times = counts.most_common(1)[0]
        assert times >= 3
        target = next(m for m in doc.mentions if form_key(m.text) == form)
        manage.mark_not_entity(store, target.id, reviewer="ann", reason="test: a form that is no entity")
        forms = suppressed_forms(store)
        assert forms

        store.mark_pending("extract", [doc_id])  # the next run extracts the long document again, spilled
        ingest_paths(store, [], settings)
        again = store.get_document(doc_id)
        assert not store.pending_documents("extract")
        assert again.mentions and not [m for m in again.mentions if form_key(m.text) == form]
        gone = {m.id for m in doc.mentions if form_key(m.text) == form}
        assert not [r for r in again.relations if r.source in gone or r.target in gone]
        assert not [c for c in again.claims if c.subject in gone or c.object in gone or c.place in gone]

        # the same facts as the in-memory extraction, which drops the forms after harmonising labels
        reference = extract([process(str(NTS_REPORT), Path(NTS_REPORT).read_bytes())], suppressed=forms)[0]
        assert sorted((m.id, m.label, m.start, m.end) for m in again.mentions) == sorted(
            (m.id, m.label, m.start, m.end) for m in reference.mentions
        )
        assert sorted(c.id for c in again.claims) == sorted(c.id for c in reference.claims)
        assert len(again.relations) == len(reference.relations)
    finally:
        store.close()
