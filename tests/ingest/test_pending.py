"""Work is never lost between stages: what a stopped run left pending, the next run finishes.

Regression for issue 11, item 2: documents stored before an interruption (Ctrl-C, kill -9, a crash
in resolution) used to count as "unchanged" on the rerun and their mentions never got an entity.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import declass.ingest as ingest_mod
from declass.ingest import ingest_paths
from declass.resolve.nodes import entity_type
from declass.settings import Settings
from declass.store import Store, open_store
from tests.conftest import CREST


def _settings(url: str, **kw: object) -> Settings:
    return Settings(db=url, workers=1, extract=True).with_(**kw)


def unresolved(store: Store) -> int:
    """Resolvable mentions that belong to no entity."""
    ids = [m.id for m in store.iter_mentions() if entity_type(m) is not None]
    return len(ids) - len(store.entities_of_mentions(ids))


def entity_partition(store: Store) -> set[tuple[str, str, tuple[str, ...]]]:
    """Every entity as (type, name, sorted mention ids): equal partitions mean equal resolution."""
    return {(e.type, e.name, tuple(sorted(e.mention_ids))) for e in store.list_entities(limit=100_000)}


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    store = open_store(url)
    report = ingest_paths(store, [CREST], _settings(url))
    assert report.exit_code == 0 and report.count("ingested") == 2
    return store


def test_a_clean_run_leaves_nothing_pending(clean_run: Store) -> None:
    assert clean_run.pending_counts() == {"extract": 0, "claims": 0, "resolve": 0}
    assert unresolved(clean_run) == 0


def test_documents_stored_before_an_interruption_are_resolved_by_the_next_run(
    sqlite_url: str, clean_run: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(store: Store, doc_ids: list[str]) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the documents were written, before resolution

    store = open_store(sqlite_url)
    with monkeypatch.context() as patch:
        patch.setattr(ingest_mod, "resolve_new", interrupted)
        first = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert first.interrupted and first.exit_code == 130
    assert store.count_documents() == 2 and unresolved(store) > 0
    assert store.pending_counts()["resolve"] == 2
    second = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert second.count("unchanged") == 2 and len(second.resolved) == 2
    assert store.pending_counts()["resolve"] == 0
    assert unresolved(store) == 0
    assert entity_partition(store) == entity_partition(clean_run)  # the same entities as an uninterrupted run
    store.close()


def test_a_crash_in_resolution_is_reported_and_retried(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(store: Store, doc_ids: list[str]) -> None:
        raise IndexError("string index out of range")  # the resolution crash of the entity-quality issue

    store = open_store(sqlite_url)
    with monkeypatch.context() as patch:
        patch.setattr(ingest_mod, "resolve_new", crash)
        first = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert not first.interrupted and first.count("ingested") == 2
    assert first.stage_errors and "IndexError" in first.stage_errors[0] and "stays pending" in first.stage_errors[0]
    assert store.pending_counts()["resolve"] == 2
    second = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert second.stage_errors == [] and len(second.resolved) == 2
    assert store.pending_counts()["resolve"] == 0 and unresolved(store) == 0
    store.close()


def test_documents_stored_without_extraction_are_extracted_later(sqlite_url: str, clean_run: Store) -> None:
    store = open_store(sqlite_url)
    ingest_paths(store, [CREST], _settings(sqlite_url, extract=False))
    assert store.pending_counts() == {"extract": 2, "claims": 2, "resolve": 2}
    assert store.summary()["mentions"] == 0
    later = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert later.count("unchanged") == 2 and len(later.extracted) == 2
    assert store.pending_counts() == {"extract": 0, "claims": 0, "resolve": 0}
    # extracting a stored document gives what extracting it at ingest gives
    assert {m.id for m in store.iter_mentions()} == {m.id for m in clean_run.iter_mentions()}
    assert {c.id for c in store.iter_claims()} == {c.id for c in clean_run.iter_claims()}
    assert entity_partition(store) == entity_partition(clean_run)
    store.close()


def test_a_document_resolved_before_its_status_was_recorded_is_not_resolved_twice(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    ingest_paths(store, [CREST], _settings(sqlite_url))
    entities = entity_partition(store)
    judgements = sum(1 for _ in store.iter_judgements())
    store.mark_pending("resolve", [r["id"] for r in store.list_documents()])  # as after a kill between the two writes
    again = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert len(again.resolved) == 2 and store.pending_counts()["resolve"] == 0
    assert entity_partition(store) == entities
    assert sum(1 for _ in store.iter_judgements()) == judgements  # nothing re-judged
    store.close()


def test_status_command_lists_pending_documents(tmp_path: Path, sqlite_url: str) -> None:
    from declass.cli import app

    store = open_store(sqlite_url)
    ingest_paths(store, [CREST], _settings(sqlite_url, extract=False))
    store.close()
    result = CliRunner().invoke(app, ["status", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "2 documents stored" in result.output and "resolve  2 pending" in result.output
    assert "CIA-RDP82-00457R006100750010-5.txt" in result.output
    data = CliRunner().invoke(app, ["status", "--db", sqlite_url, "--format", "json"])
    assert json.loads(data.stdout)["pending"] == {"extract": 2, "claims": 2, "resolve": 2}
