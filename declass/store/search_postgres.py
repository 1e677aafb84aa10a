"""PostgreSQL full-text query builder for the search (see
:class:`~declass.store.search_query.SearchDialect`).

Invariants: a stored generated column ``paragraphs.tsv`` (``to_tsvector('english', text)``) with a
GIN index, kept current by PostgreSQL itself (made by migration 0002), so documents need no
indexing beyond the vocabulary; ``search_vocab(term)`` holds the words of 4+ letters for
OCR-tolerant matching. Query words are letters and digits only (``parse_query``), so no text
reaches ``to_tsquery``'s own syntax.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_query import EXACT_BONUS, WORD, Cached, SearchDialect, WalkStats

_MATCH = "to_tsquery('english', :match)"
_DOCUMENT = " JOIN documents d ON d.id = c.doc_id"
_FACETS = ", d.doc_date AS doc_date, d.classification AS classification, d.doc_type AS doc_type, d.collection AS collection"


class PostgresSearch(SearchDialect):
    """Full-text SQL for PostgreSQL's tsvector/tsquery."""

    join = " JOIN "
    bounded_filter_walk = True
    # Each candidate is a heap fetch of its row (and its tsvector) to rank it: 5,000 took 127 ms
    # of a 390 ms name search at 200,000 documents; MAX_HITS (1,000) are kept in any case.
    max_candidates = 1000
    vocabulary_sql = "SELECT term FROM search_vocab"
    empty_sql = "SELECT NOT EXISTS (SELECT 1 FROM search_vocab)"
    # The statistics collector's write counters: they change when paragraphs are written.
    version_sql = (
        "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = 'paragraphs' "
        "AND schemaname = current_schema()"
    )

    def rebuild(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "INSERT INTO search_vocab (term) SELECT DISTINCT lower(w) FROM paragraphs, "
            r"regexp_split_to_table(text, '\W+') AS w WHERE length(w) >= 4 AND w ~ '^[[:alpha:]]+$' "
            "ON CONFLICT DO NOTHING"
        )

    def index_document(self, conn: Connection, doc_id: str) -> None:
        bodies = conn.execute(text("SELECT text FROM paragraphs WHERE doc_id = :d"), {"d": doc_id}).scalars()
        words = sorted({w.lower() for b in bodies for w in WORD.findall(b) if len(w) >= 4 and w.isalpha()})
        if words:
            conn.execute(text("INSERT INTO search_vocab (term) VALUES (:t) ON CONFLICT DO NOTHING"), [{"t": w} for w in words])

    def estimate_scale(self, conn: Connection, walk: WalkStats, params: dict[str, Any], cached: Cached) -> float | None:
        # The planner's estimate of all the matches (index statistics of the tsvector column,
        # kept by ANALYZE) over the matches the walk examined in bitmap order.
        if not walk.examined:
            return None
        plan = conn.execute(
            text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM paragraphs WHERE tsv @@ {_MATCH}"), {"match": params["match"]}
        ).scalar()
        found: Any = json.loads(plan) if isinstance(plan, str) else plan
        rows = float(found[0]["Plan"]["Plan Rows"])
        return rows / walk.examined

    def json_member(self, column: str, key: str) -> str:
        return f"({column} -> '{key}')"

    def phrase(self, words: list[str]) -> str:
        return "(" + " <-> ".join(words) + ")"

    def prefix(self, word: str) -> str:
        return f"{word}:*"

    def any_of(self, variants: list[str]) -> str:
        return "(" + " | ".join(variants) + ")"

    def all_of(self, parts: list[str]) -> str:
        return " & ".join(parts)

    def either(self, parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    def without(self, wanted: str, excluded: str) -> str:
        return f"({wanted}) & !({excluded})"

    def count_sql(self) -> str:
        return f"SELECT COUNT(*) FROM (SELECT 1 FROM paragraphs WHERE tsv @@ {_MATCH} LIMIT :k) c"

    def exact_bonus(self) -> str:
        return f"CASE WHEN p.tsv @@ to_tsquery('english', :exact) THEN {EXACT_BONUS} ELSE 0 END"

    def candidates(self, *, bonus: str, where: str, scoring: str = "all", bounded: bool = False) -> str:
        # LIMIT inside: the first :candidates matches (GIN bitmap order) are scored, not every one.
        # ts_rank reads only the row's own tsvector (no IDF), so every term is always weighed.
        # Each candidate's document is one primary-key lookup (its facet values).
        if bounded:
            # The first :candidates matches, whatever the filters (see SearchDialect.candidates):
            # without the bound, a phrase of common words with a filter made the planner read
            # every paragraph (a sequential scan of 1,000,000 rows at 200,000 documents, 3.4 s).
            first = (
                f"SELECT p.doc_id AS doc_id, p.idx AS idx, ts_rank(p.tsv, {_MATCH}) + {bonus} AS score "
                f"FROM paragraphs p WHERE p.tsv @@ {_MATCH} LIMIT :candidates"
            )
            return (
                f"SELECT c.doc_id AS doc_id, c.idx AS idx, c.score AS score, CASE WHEN 1 = 1{where} THEN 1 ELSE 0 END "
                f"AS ok{_FACETS} FROM ({first}) c{_DOCUMENT}"
            )
        if not where:
            first = (
                f"SELECT p.doc_id AS doc_id, p.idx AS idx, ts_rank(p.tsv, {_MATCH}) + {bonus} AS score "
                f"FROM paragraphs p WHERE p.tsv @@ {_MATCH} LIMIT :candidates"
            )
            return f"SELECT c.doc_id AS doc_id, c.idx AS idx, c.score AS score{_FACETS} FROM ({first}) c{_DOCUMENT}"
        return (
            f"SELECT p.doc_id AS doc_id, p.idx AS idx, ts_rank(p.tsv, {_MATCH}) + {bonus} AS score{_FACETS} "
            f"FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE p.tsv @@ {_MATCH}{where} LIMIT :candidates"
        )
