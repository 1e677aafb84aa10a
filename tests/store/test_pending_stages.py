"""Per-document stage status (migration 0004), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from declass.errors import ConfigError
from declass.model import Entity, Mention, make_id
from declass.pipeline import process
from declass.store import open_store
from declass.store.migrate import downgrade, upgrade
from tests.conftest import LIAISON_REPORT, NTS_REPORT


def _docs() -> list:
    return [process(str(p), p.read_bytes()) for p in (NTS_REPORT, LIAISON_REPORT)]


def test_pending_stages_are_written_with_the_document_and_cleared_per_stage(store_url: str) -> None:
    store = open_store(store_url)
    nts, liaison = _docs()
    store.add_document(nts, pending=("extract", "claims", "resolve"))
    store.add_document(liaison, pending=("resolve",))
    assert store.pending_counts() == {"extract": 1, "claims": 1, "resolve": 2}
    assert store.pending_documents("resolve") == sorted([nts.id, liaison.id])
    assert store.pending_documents("resolve", limit=1) == sorted([nts.id, liaison.id])[:1]
    store.mark_done("extract", [nts.id])
    store.mark_done("claims", [nts.id])
    assert store.pending_documents("extract") == [] and store.pending_counts()["resolve"] == 2
    store.add_document(nts, pending=())  # re-storing a document replaces its pending stages
    assert store.pending_documents("resolve") == [liaison.id]
    store.mark_pending("resolve", [nts.id, nts.id, "0" * 64])  # unknown ids are ignored, repeats too
    store.mark_pending("resolve", [nts.id])
    assert store.pending_documents("resolve") == sorted([nts.id, liaison.id])
    with pytest.raises(ConfigError, match="unknown stage"):
        store.mark_done("ocr-later", [nts.id])
    store.close()


def test_migration_0004_marks_unresolved_documents_of_an_older_store(store_url: str) -> None:
    store = open_store(store_url)
    engine = store.engine  # type: ignore[attr-defined]
    nts, liaison = _docs()
    for doc, text in ((nts, "Belik"), (liaison, "Stalin")):
        at = doc.text.index(text)
        doc.mentions = [Mention(make_id(doc.id, at, at + len(text), "PERSON"), doc.id, "PERSON", text, at, at + len(text), 1)]
        store.add_document(doc)
    resolved = liaison.mentions[0]
    store.replace_entities([Entity(make_id("entity", resolved.id), "PERSON", "Stalin", {}, [], [resolved.id], [liaison.id])])
    downgrade(engine, "0003")  # the store as an older declass left it: no stage status at all
    upgrade(engine)
    assert store.pending_documents("resolve") == [nts.id]  # Belik has no entity; Stalin has one
    assert store.pending_counts() == {"extract": 0, "claims": 0, "resolve": 1}
    store.close()
