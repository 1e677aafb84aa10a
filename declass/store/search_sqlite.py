"""SQLite FTS5 query builder for the search (see :class:`~declass.store.search_query.SearchDialect`).

Invariants: ``paragraphs_fts(text, doc_id UNINDEXED, idx UNINDEXED)`` is an FTS5 table with its own
copy of the text (made by migration 0002); ``search_rows(fts_rowid, doc_id)`` remembers which FTS
rows belong to a document so re-indexing one document does not scan the index;
``paragraphs_fts_vocab`` (fts5vocab) is the vocabulary for OCR-tolerant matching. Every word is
quoted, so no query text reaches FTS5's own syntax.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_query import EXACT_BONUS, SearchDialect


def quote(word: str) -> str:
    """An FTS5 string literal."""
    return '"' + word.replace('"', '""') + '"'


class SqliteSearch(SearchDialect):
    """Full-text SQL for SQLite's FTS5."""

    # CROSS JOIN keeps the written join order: start from the few matching documents, not from
    # every mention (the planner has no statistics for the temporary table).
    join = " CROSS JOIN "
    ranking_counts_matches = True
    bounded_filter_walk = True
    vocabulary_sql = "SELECT term FROM paragraphs_fts_vocab WHERE length(term) >= 4"
    empty_sql = "SELECT NOT EXISTS (SELECT 1 FROM search_rows)"
    # Grows with every (re-)indexed document: the expansion caches are refreshed when it changes.
    version_sql = "SELECT MAX(fts_rowid) FROM search_rows"

    def rebuild(self, conn: Connection) -> None:
        conn.exec_driver_sql("DELETE FROM paragraphs_fts")
        conn.exec_driver_sql("DELETE FROM search_rows")
        conn.exec_driver_sql(
            "INSERT INTO paragraphs_fts (rowid, text, doc_id, idx) SELECT rowid, text, doc_id, idx FROM paragraphs"
        )
        conn.exec_driver_sql("INSERT INTO search_rows (fts_rowid, doc_id) SELECT rowid, doc_id FROM paragraphs")

    def index_document(self, conn: Connection, doc_id: str) -> None:
        rows = conn.execute(text("SELECT rowid, text, idx FROM paragraphs WHERE doc_id = :d"), {"d": doc_id}).all()
        next_id = (conn.exec_driver_sql("SELECT COALESCE(MAX(fts_rowid), 0) FROM search_rows").scalar() or 0) + 1
        for i, (_rowid, body, idx) in enumerate(rows):
            conn.execute(
                text("INSERT INTO paragraphs_fts (rowid, text, doc_id, idx) VALUES (:r, :t, :d, :i)"),
                {"r": next_id + i, "t": body, "d": doc_id, "i": idx},
            )
            conn.execute(text("INSERT INTO search_rows (fts_rowid, doc_id) VALUES (:r, :d)"), {"r": next_id + i, "d": doc_id})

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        conn.execute(
            text("DELETE FROM paragraphs_fts WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE doc_id = :d)"),
            {"d": doc_id},
        )
        conn.execute(text("DELETE FROM search_rows WHERE doc_id = :d"), {"d": doc_id})

    def unindexed_documents(self, conn: Connection) -> list[str]:
        sql = "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM search_rows)"
        return list(conn.exec_driver_sql(sql).scalars().all())

    def phrase(self, words: list[str]) -> str:
        return quote(" ".join(words))

    def prefix(self, word: str) -> str:
        return quote(word) + " *"

    def any_of(self, variants: list[str]) -> str:
        return "(" + " OR ".join(quote(v) for v in variants) + ")"

    def all_of(self, parts: list[str]) -> str:
        return " AND ".join(parts)

    def either(self, parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    def without(self, wanted: str, excluded: str) -> str:
        return f"({wanted}) NOT ({excluded})"

    def count_sql(self) -> str:
        # No ORDER BY: FTS5 walks the matches in rowid order and stops after :k.
        return "SELECT COUNT(*) FROM (SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH :match LIMIT :k)"

    def exact_bonus(self) -> str:
        return (
            f"CASE WHEN f.rowid IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH :exact) "
            f"THEN {EXACT_BONUS} ELSE 0 END"
        )

    def candidates(self, *, bonus: str, where: str, scoring: str = "all", bounded: bool = False) -> str:
        # No ORDER BY inside: FTS5 walks the matches in rowid order, scores each with bm25 and
        # stops after :candidates (the LIMIT is pushed into the MATCH scan).
        if bounded:
            return self._bounded_filtered(bonus=bonus, where=where, scoring=scoring)
        join = " JOIN documents d ON d.id = f.doc_id" if where else ""
        if scoring == "all":
            return (
                f"SELECT f.doc_id AS doc_id, f.idx AS idx, -bm25(paragraphs_fts) + {bonus} AS score "
                f"FROM paragraphs_fts f{join} WHERE paragraphs_fts MATCH :match{where} LIMIT :candidates"
            )
        # The same bounded walk without bm25; the selective terms (:score_match) are scored in a
        # second FTS5 query over their own few matches, materialised once and joined by rowid.
        first = (
            f"SELECT f.rowid AS rid, f.doc_id AS doc_id, f.idx AS idx FROM paragraphs_fts f{join} "
            f"WHERE paragraphs_fts MATCH :match{where} LIMIT :candidates"
        )
        return self._scored(first, bonus, scoring)

    def _scored(self, first: str, bonus: str, scoring: str, *, own: str = "0", ok: str = "", join: str = "") -> str:
        """Score the candidate rows of ``first`` (``rid, doc_id, idx``, as ``c``): by ``own`` (a
        column of ``first``), or by the selective terms' bm25 (``scoring`` "some")."""
        plus = bonus.replace("f.rowid", "c.rid")
        if scoring == "some":
            return (
                "WITH s AS MATERIALIZED (SELECT rowid AS rid, -bm25(paragraphs_fts) AS score FROM paragraphs_fts "
                f"WHERE paragraphs_fts MATCH :score_match) SELECT c.doc_id AS doc_id, c.idx AS idx, "
                f"COALESCE(s.score, 0) + {plus} AS score{ok} FROM ({first}) c{join} LEFT JOIN s ON s.rid = c.rid"
            )
        return f"SELECT c.doc_id AS doc_id, c.idx AS idx, {own} + {plus} AS score{ok} FROM ({first}) c{join}"

    def _bounded_filtered(self, *, bonus: str, where: str, scoring: str) -> str:
        # The first :candidates matches in index order, each marked ``ok`` when its document passes
        # the filters: the walk stops at the bound however few pass (a phrase of common words
        # with a narrow filter walked every match of both words before).
        bm25 = ", -bm25(paragraphs_fts) AS own" if scoring == "all" else ", 0 AS own"
        first = (
            f"SELECT f.rowid AS rid, f.doc_id AS doc_id, f.idx AS idx{bm25} FROM paragraphs_fts f "
            "WHERE paragraphs_fts MATCH :match LIMIT :candidates"
        )
        ok = f", CASE WHEN 1 = 1{where} THEN 1 ELSE 0 END AS ok"
        return self._scored(first, bonus, scoring, own="c.own", ok=ok, join=" JOIN documents d ON d.id = c.doc_id")
