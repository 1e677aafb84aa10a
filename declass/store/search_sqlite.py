"""SQLite FTS5 query builder for the search (see :class:`~declass.store.search_query.SearchDialect`).

Invariants: ``paragraphs_fts(text, doc_id UNINDEXED, idx UNINDEXED)`` is an FTS5 table with its own
copy of the text (made by migration 0002); ``search_rows(fts_rowid, doc_id, idx, doc_date,
classification, doc_type, collection, redaction_count)`` (migration 0007) is one narrow row per FTS
row: which document and paragraph it is, with the document's facet values copied when it is
indexed (documents are only written through ``add_document``, which re-indexes them). A search
reads only ``rowid`` and ``bm25`` from FTS5 (its other columns load the stored paragraph text) and
everything else from ``search_rows``, aliased ``d`` so the document filters apply to it;
``paragraphs_fts_vocab`` (fts5vocab) is the vocabulary for OCR-tolerant matching. Every word is
quoted, so no query text reaches FTS5's own syntax.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_query import EXACT_BONUS, MENTION_COLUMNS, MENTIONS_WITH_OWNERS, Cached, SearchDialect, WalkStats

_ROW_COLUMNS = "fts_rowid, doc_id, idx, doc_date, classification, doc_type, collection, redaction_count"
_DOC_VALUES = "d.doc_date, d.classification, d.doc_type, d.collection, d.redaction_count"
# What a candidate carries to the ranking in Python: its document, paragraph and facet values.
_HIT = "d.doc_id AS doc_id, d.idx AS idx"
_FACETS = (
    ", d.doc_date AS doc_date, d.classification AS classification, d.doc_type AS doc_type, d.collection AS collection"
    ", d.fts_rowid AS pos"  # where in the index the walk was (for the estimated total)
)


def quote(word: str) -> str:
    """An FTS5 string literal."""
    return '"' + word.replace('"', '""') + '"'


class SqliteSearch(SearchDialect):
    """Full-text SQL for SQLite's FTS5."""

    # CROSS JOIN keeps the written join order: start from the few matching documents, not from
    # every mention (the planner has no statistics for the temporary table).
    join = " CROSS JOIN "
    ranking_counts_matches = True
    row_id = "d.doc_id"
    bounded_filter_walk = True
    walk_position = True
    excluding_walk = True
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
        conn.exec_driver_sql(
            f"INSERT INTO search_rows ({_ROW_COLUMNS}) SELECT p.rowid, p.doc_id, p.idx, {_DOC_VALUES} FROM paragraphs p "
            "JOIN documents d ON d.id = p.doc_id ORDER BY p.rowid"
        )

    def index_document(self, conn: Connection, doc_id: str) -> None:
        rows = conn.execute(text("SELECT rowid, text, idx FROM paragraphs WHERE doc_id = :d"), {"d": doc_id}).all()
        next_id = (conn.exec_driver_sql("SELECT COALESCE(MAX(fts_rowid), 0) FROM search_rows").scalar() or 0) + 1
        for i, (_rowid, body, idx) in enumerate(rows):
            conn.execute(
                text("INSERT INTO paragraphs_fts (rowid, text, doc_id, idx) VALUES (:r, :t, :d, :i)"),
                {"r": next_id + i, "t": body, "d": doc_id, "i": idx},
            )
            conn.execute(
                text(
                    f"INSERT INTO search_rows ({_ROW_COLUMNS}) SELECT :r, d.id, :i, {_DOC_VALUES} "
                    "FROM documents d WHERE d.id = :d"
                ),
                {"r": next_id + i, "d": doc_id, "i": idx},
            )

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        conn.execute(
            text("DELETE FROM paragraphs_fts WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE doc_id = :d)"),
            {"d": doc_id},
        )
        conn.execute(text("DELETE FROM search_rows WHERE doc_id = :d"), {"d": doc_id})

    def unindexed_documents(self, conn: Connection) -> list[str]:
        sql = "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM search_rows)"
        return list(conn.exec_driver_sql(sql).scalars().all())

    def entity_rows(self, cond: str) -> str:
        # A LIKE '%…%' scans: the covering index ix_entities_name_key is a fraction of the table,
        # whose rows carry each entity's attrs (0.25 vs 2.9 ms at 2,000 entities).
        return f"rowid IN (SELECT rowid FROM entities WHERE {cond})"

    def paragraph_spans(self, conn: Connection, doc_ids: list[str]) -> list[Any]:
        # The ids as one JSON parameter: a statement of 500 placeholders cost more to prepare
        # (and SQLAlchemy to bind) than its index lookups.
        sql = (
            'SELECT doc_id, idx, page, start, "end", clean_start, clean_end, number, kind FROM paragraphs '
            "WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id, idx"
        )
        return list(conn.exec_driver_sql(sql, (json.dumps(doc_ids),)).all())

    def rows_by_id(self, conn: Connection, select: str, column: str, ids: list[str]) -> list[Any]:
        sql = f"{select} WHERE {column} IN (SELECT value FROM json_each(?))"
        return list(conn.exec_driver_sql(sql, (json.dumps(ids),)).all())

    def mentions_of_documents(self, conn: Connection, doc_ids: list[str]) -> list[Any]:
        # The ids as one JSON parameter, as for paragraph_spans.
        sql = (
            f"SELECT {MENTION_COLUMNS} FROM {MENTIONS_WITH_OWNERS} "
            "WHERE m.doc_id IN (SELECT value FROM json_each(?)) ORDER BY m.doc_id, m.start, m.id"
        )
        return list(conn.exec_driver_sql(sql, (json.dumps(doc_ids),)).all())

    def text_slices(self, conn: Connection, slices: list[tuple[str, int, int]]) -> list[Any]:
        # One statement over a JSON list instead of a UNION ALL of 200 (3x less CPU for a trace's
        # slices at a million documents): each row one primary-key lookup of its document.
        sql = (
            "SELECT w.key, substr(d.text, json_extract(w.value, '$[1]'), json_extract(w.value, '$[2]')) "
            "FROM json_each(?) w JOIN documents d ON d.id = json_extract(w.value, '$[0]')"
        )
        return list(conn.exec_driver_sql(sql, (json.dumps(slices),)).all())

    def estimate_scale(self, conn: Connection, walk: WalkStats, params: dict[str, Any], cached: Cached) -> float | None:
        # FTS5 walks the matches in rowid order and the rowids follow the order documents were
        # indexed: the walk that stopped at rowid ``end`` saw the matches of that share of the
        # index, so the whole index holds about (range / walked range) times as many.
        if walk.end is None:
            return None
        # Two subqueries: SQLite reads a lone MIN() or MAX() of the key from the b-tree's end,
        # but scans the table for both in one SELECT (1.3 s at 5,000,000 rows).
        ends = "SELECT (SELECT MIN(fts_rowid) FROM search_rows), (SELECT MAX(fts_rowid) FROM search_rows)"
        lo, hi = cached("rowid-range", lambda: tuple(conn.exec_driver_sql(ends).one()))
        if lo is None or walk.end < lo:
            return None
        return (hi - lo + 1) / (walk.end - lo + 1)

    def json_member(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def json_members(self, column: str, keys: list[str]) -> str | None:
        # One json_extract of several paths parses the text once; SQLite 3.40 parses it again
        # for every call, and an entity's attrs are ~63 KB at a million documents (its doc_ids).
        return f"json_extract({column}, " + ", ".join(f"'$.{k}'" for k in keys) + ")"

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

    def candidates(self, *, bonus: str, where: str, scoring: str = "all", bounded: bool = False, excluding: bool = False) -> str:
        # No ORDER BY inside: FTS5 walks the matches in rowid order, scores each with bm25 and
        # stops after :candidates. Only rowid and bm25 come from FTS5; the rest is one lookup
        # of the narrow search_rows row by its integer key.
        if bounded:
            return self._bounded_filtered(bonus=bonus, where=where, scoring=scoring, excluding=excluding)
        rows = " CROSS JOIN search_rows d ON d.fts_rowid = f.rowid"
        if scoring == "all":
            return (
                f"SELECT {_HIT}, -bm25(paragraphs_fts) + {bonus} AS score{_FACETS} "
                f"FROM paragraphs_fts f{rows} WHERE paragraphs_fts MATCH :match{where} LIMIT :candidates"
            )
        # The same bounded walk without bm25; the selective terms (:score_match) are scored in a
        # second FTS5 query over their own few matches, materialised once and joined by rowid.
        first = (
            f"SELECT f.rowid AS rid, 0 AS own FROM paragraphs_fts f{rows} "
            f"WHERE paragraphs_fts MATCH :match{where} LIMIT :candidates"
        )
        return self._scored(first, bonus, scoring)

    def _scored(self, first: str, bonus: str, scoring: str, *, ok: str = "", excluding: bool = False) -> str:
        """Score the candidate rows of ``first`` (``rid, own``, as ``c``): by ``own``, or by the
        selective terms' bm25 (``scoring`` "some"); each joined to its ``search_rows`` row. With
        ``excluding``, ``ok`` is 0 for the candidates that match ``:excluding`` too."""
        rows = " CROSS JOIN search_rows d ON d.fts_rowid = c.rid"
        if scoring != "some" and not excluding:  # a subquery: SQLite reads it as it walks (a CTE costs more)
            return f"SELECT {_HIT}, c.own + {bonus.replace('f.rowid', 'c.rid')} AS score{ok}{_FACETS} FROM ({first}) c{rows}"
        # Every other FTS5 read is bounded by the candidates' rowid range (FTS5 seeks to it, plan
        # ``M3><``): the rows of c all lie in it, so the answers are those of the whole index.
        rng = "rowid >= (SELECT MIN(rid) FROM c) AND rowid <= (SELECT MAX(rid) FROM c)"
        plus = bonus.replace("f.rowid", "c.rid").replace("MATCH :exact)", f"MATCH :exact AND {rng})")
        ctes = [f"c AS MATERIALIZED ({first})"]
        score, joins = "c.own", ""
        if scoring == "some":
            # bm25 only over the selective terms' matches in the candidates' range: scoring all of
            # their matches grew with the store (15,658 rows for ``(a OR b)`` at a million
            # documents, 61 ms of CPU; 16 ms in the range). bm25's IDF still counts the whole
            # table, so the scores are the same.
            ctes.append(
                "s AS MATERIALIZED (SELECT rowid AS rid, -bm25(paragraphs_fts) AS score FROM paragraphs_fts "
                f"WHERE paragraphs_fts MATCH :score_match AND {rng})"
            )
            score, joins = "COALESCE(s.score, 0)", " LEFT JOIN s ON s.rid = c.rid"
        if excluding:
            # ``a NOT b`` as the candidates of ``a`` less those that hold ``b`` (``a AND b`` over
            # the candidates' range): FTS5's own NOT advanced b's list for every row of a, all
            # of b's millions of rows for a common b, and made bm25 count them for its IDF.
            ctes.append(
                f"x AS MATERIALIZED (SELECT rowid AS rid FROM paragraphs_fts WHERE paragraphs_fts MATCH :excluding AND {rng})"
            )
            ok = ok.replace("THEN 1", "AND c.rid NOT IN (SELECT rid FROM x) THEN 1")
        return f"WITH {', '.join(ctes)} SELECT {_HIT}, {score} + {plus} AS score{ok}{_FACETS} FROM c{rows}{joins}"

    def _bounded_filtered(self, *, bonus: str, where: str, scoring: str, excluding: bool = False) -> str:
        # The first :candidates matches in index order, each marked ``ok`` when its document passes
        # the filters: the walk stops at the bound however few pass (a phrase of common words
        # with a narrow filter walked every match of both words before).
        bm25 = "-bm25(paragraphs_fts)" if scoring == "all" else "0"
        first = f"SELECT f.rowid AS rid, {bm25} AS own FROM paragraphs_fts f WHERE paragraphs_fts MATCH :match LIMIT :candidates"
        ok = f", CASE WHEN 1 = 1{where} THEN 1 ELSE 0 END AS ok"
        return self._scored(first, bonus, scoring, ok=ok, excluding=excluding)
