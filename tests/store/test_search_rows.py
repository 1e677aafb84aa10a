"""The SQLite index rows carry each paragraph's number and its document's facet values (migration
0007), and an existing store's rows are backfilled by the migration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from declass.store import open_store
from declass.store.migrate import downgrade, upgrade
from tests.store.test_store import _doc


def _rows(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT doc_id, idx, doc_date, classification, doc_type, collection, redaction_count "
                "FROM search_rows ORDER BY idx"
            )
        ).all()


def test_index_rows_carry_the_documents_facet_values(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    doc = _doc()
    store.add_document(doc)
    rows = _rows(store)
    with store.engine.connect() as conn:
        idxs = conn.execute(text("SELECT idx FROM paragraphs WHERE doc_id = :d ORDER BY idx"), {"d": doc.id}).scalars().all()
        stored = conn.execute(
            text("SELECT id, doc_date, classification, doc_type, collection, redaction_count FROM documents WHERE id = :d"),
            {"d": doc.id},
        ).one()
    assert [r[1] for r in rows] == list(idxs) and len(rows) > 1
    assert {(r[0], *r[2:]) for r in rows} == {tuple(stored)}
    meta, redactions = doc.metadata, stored[-1]
    assert stored[1:5] == ("1950-11-10", "SECRET", "information_report", "crest") and redactions > 0
    # Filters read these rows: the same answers as the documents' own columns.
    assert store.search("NTS", classification=meta.classification).total == 1
    assert store.search("NTS", classification="UNCLASSIFIED-NOT-A-MARKING").total == 0
    assert store.search("NTS", doc_type=meta.doc_type, has_redactions=bool(redactions)).total == 1
    store.close()


def test_migration_backfills_the_rows_of_an_existing_store(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    doc = _doc()
    store.add_document(doc)
    before = store.search("NTS")
    indexed = _rows(store)
    engine = store.engine  # type: ignore[attr-defined]
    downgrade(engine, "0006")
    with engine.connect() as conn:
        assert [c[1] for c in conn.execute(text("PRAGMA table_info(search_rows)"))] == ["fts_rowid", "doc_id"]
    upgrade(engine)
    assert _rows(store) == indexed
    after = store.search("NTS")
    assert after.total == before.total == 1 and after.results[0].snippet == before.results[0].snippet
    assert after.facets == before.facets
    store.close()
