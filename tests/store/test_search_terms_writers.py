"""Two writers at once on PostgreSQL: the term statistics (``search_terms``, migration 0009) are
kept by a statement trigger on ``paragraphs``, which updates one shared row per word. Two
transactions that each write paragraphs in more than one statement (a re-ingest deletes then
inserts; a batch writes several documents) would lock shared words in opposite orders and
deadlock; the trigger serialises its updates instead (migration 0010), so both commit and the
counts stay exact."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, text

from declass.store import open_store
from declass.store import schema as s

pytestmark = pytest.mark.postgres


def _document(doc_id: str) -> dict:
    return {
        "id": doc_id, "source_path": f"{doc_id}.txt", "media_type": "text/plain", "text": "", "clean_text": "",
        "clean_map": [], "metadata": {}, "warnings": [], "pipeline_version": "test", "ingested_at": datetime.now(UTC),
    }  # fmt: skip


def _paragraph(doc_id: str, idx: int, body: str) -> dict:
    return {"doc_id": doc_id, "idx": idx, "page": 1, "start": 0, "end": len(body), "clean_start": 0, "clean_end": len(body)} | {
        "kind": "body", "text": body,
    }  # fmt: skip


def test_two_writers_sharing_words_both_commit_with_exact_term_counts(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.engine.begin() as conn:
        conn.execute(insert(s.documents), [_document("one"), _document("two")])
    # Each writes its first word, waits for the other to have written too, then writes the
    # other's word: with row locks taken per statement this is a lock cycle.
    plan = {"one": ["Kandaurov emigre", "Tretyakov courier"], "two": ["Tretyakov courier", "Kandaurov emigre"]}
    both_wrote = threading.Barrier(2, timeout=2)
    errors: list[BaseException] = []

    def write(doc_id: str) -> None:
        try:
            with store.engine.begin() as conn:
                for idx, body in enumerate(plan[doc_id]):
                    conn.execute(insert(s.paragraphs), [_paragraph(doc_id, idx, body)])
                    if idx == 0:
                        try:
                            both_wrote.wait()
                        except threading.BrokenBarrierError:  # the other waits for this one's commit
                            pass
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(d,)) for d in plan]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    with store.engine.connect() as conn:
        counted = dict(conn.execute(text("SELECT lexeme, paragraphs FROM search_terms")).all())
        truth = dict(conn.execute(text("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM paragraphs')")).all())
    assert counted == truth and truth["kandaurov"] == 2
    store.close()
