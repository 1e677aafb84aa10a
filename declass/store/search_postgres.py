"""PostgreSQL full-text query builder for the search (see
:class:`~declass.store.search_query.SearchDialect`).

Invariants: a stored generated column ``paragraphs.tsv`` (``to_tsvector('english', text)``) with a
GIN index, kept current by PostgreSQL itself (made by migration 0002), so documents need no
indexing beyond the vocabulary; ``search_vocab(term)`` holds the words of 4+ letters for
OCR-tolerant matching. Query words are letters and digits only (``parse_query``), so no text
reaches ``to_tsquery``'s own syntax.

Bounded at a million documents (migration 0009): a GIN index builds the bitmap of every match
before a ``LIMIT`` applies, so

* a word's count for the expansion is read from ``search_terms`` (paragraphs per lexeme, kept by
  a trigger) instead of counted in the index;
* the first ``:candidates`` matches are looked for in the *head* of the documents first — the
  paragraphs of 1/256, then 1/16 of the documents (fixed by ``md5(doc_id)``), each with its own
  partial GIN index — and in the whole table only when the head holds fewer: a frequent name's
  bitmap then holds the matches of 1/16 of the store, not all of them (:meth:`PostgresSearch.head_first`).
  A phrase is looked for in the whole table at once: the planner walks paragraphs in table order
  and checks each, which stops at the bound; the head's bitmaps would be rechecked row by row.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_query import EXACT_BONUS, WORD, Cached, SearchDialect, WalkStats

_MATCH = "to_tsquery('english', :match)"
# The head of the documents (the partial GIN indexes of migration 0009: the same expressions).
HEAD_256 = "get_byte(decode(md5(p.doc_id), 'hex'), 0) = 0"
HEAD_16 = "get_byte(decode(md5(p.doc_id), 'hex'), 0) >> 4 = 0"
# A head level is tried first when the statistics promise this many times :candidates there.
HEAD_MARGIN = 1.25
# The statistics rows of the lexemes of :match (every word of the query).
_LEXEMES = "t.lexeme = ANY (tsvector_to_array(to_tsvector('english', :match)))"
_TERMS = "INSERT INTO search_terms (lexeme, paragraphs) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM paragraphs')"
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
        # The term statistics (kept by a trigger since; rebuilt here for repair).
        conn.exec_driver_sql("DELETE FROM search_terms")
        conn.exec_driver_sql(_TERMS)

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
        # An entity's variants and aliases are stored generated columns (migration 0009):
        # ``attrs -> 'variants'`` parses the whole json value, its document list included.
        if column.endswith("attrs") and key in ("variants", "aliases"):
            return f"{column}_{key}"
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
        # One word (the expansion's counts): its paragraphs from search_terms, one primary-key
        # read; a bounded index count built the word's whole GIN bitmap first (152,667 rows for
        # a frequent name at a million documents). Anything else: the bounded count.
        one = "numnode(to_tsquery('english', :match))"
        return (
            f"SELECT CASE WHEN {one} = 0 THEN 0 WHEN {one} = 1 AND strpos(:match, ':*') = 0 THEN LEAST(:k, COALESCE(("
            f"SELECT SUM(t.paragraphs) FROM search_terms t WHERE {_LEXEMES}), 0)) "
            f"ELSE (SELECT COUNT(*) FROM (SELECT 1 FROM paragraphs WHERE tsv @@ {_MATCH} LIMIT :k) c) END"
        )

    def exact_bonus(self) -> str:
        return f"CASE WHEN p.tsv @@ to_tsquery('english', :exact) THEN {EXACT_BONUS} ELSE 0 END"

    def head_first(self, bonus: str) -> str:
        """The first ``:candidates`` paragraphs matching ``:match``, scored, from the smallest head
        of the documents that holds that many (1/256, 1/16, then all of them).

        Each level is a ``LIMIT``-ed scan of its own partial GIN index, run only when it is
        needed (``CASE`` fixes the order of the tests, and a CTE is not run unless it is read),
        so the bitmap built is the level's, not the store's. The first level tried is the
        smallest one the term statistics say can hold ``:candidates`` matches (an upper bound:
        the sum over the query's lexemes, exact for one word); a prefix starts at 1/256, a
        phrase in the whole table. A level that holds fewer hands over to the next, so the
        rows are always the first ``:candidates`` of some level, or every match."""

        def first(head: str) -> str:
            return (
                f"SELECT p.doc_id AS doc_id, p.idx AS idx, ts_rank(p.tsv, {_MATCH}) + {bonus} AS score "
                f"FROM paragraphs p WHERE {head}p.tsv @@ {_MATCH} LIMIT :candidates"
            )

        bound = f"(SELECT COALESCE(SUM(t.paragraphs), 0) FROM search_terms t WHERE {_LEXEMES})"
        start = (
            "SELECT CASE WHEN strpos(:match, '<->') > 0 THEN 1 WHEN strpos(:match, ':*') > 0 THEN 256 "
            f"WHEN {bound} >= {HEAD_MARGIN * 256} * :candidates THEN 256 "
            f"WHEN {bound} >= {HEAD_MARGIN * 16} * :candidates THEN 16 ELSE 1 END AS level"
        )
        level, n256, n16 = "(SELECT level FROM lv)", "(SELECT COUNT(*) FROM h256)", "(SELECT COUNT(*) FROM h16)"
        return (
            f"WITH lv AS MATERIALIZED ({start}), h256 AS MATERIALIZED ({first(HEAD_256 + ' AND ')}), "
            f"h16 AS MATERIALIZED ({first(HEAD_16 + ' AND ')}) "
            f"SELECT * FROM h256 WHERE CASE WHEN {level} = 256 THEN {n256} >= :candidates ELSE false END "
            f"UNION ALL SELECT * FROM h16 WHERE CASE WHEN {level} = 16 OR ({level} = 256 AND {n256} < :candidates) "
            f"THEN {n16} >= :candidates ELSE false END "
            f"UNION ALL SELECT * FROM ({first('')}) f WHERE CASE WHEN {level} = 1 THEN true "
            f"WHEN {level} = 256 AND {n256} >= :candidates THEN false ELSE {n16} < :candidates END"
        )

    def candidates(self, *, bonus: str, where: str, scoring: str = "all", bounded: bool = False, excluding: bool = False) -> str:
        # LIMIT inside: the first :candidates matches (the head first, see head_first) are scored,
        # not every one. ts_rank reads only the row's own tsvector (no IDF), so every term is
        # always weighed. Each candidate's document is one primary-key lookup (its facet values).
        if bounded:
            # The first :candidates matches, whatever the filters (see SearchDialect.candidates):
            # without the bound, a phrase of common words with a filter made the planner read
            # every paragraph (a sequential scan of 1,000,000 rows at 200,000 documents, 3.4 s).
            return (
                f"SELECT c.doc_id AS doc_id, c.idx AS idx, c.score AS score, CASE WHEN 1 = 1{where} THEN 1 ELSE 0 END "
                f"AS ok{_FACETS} FROM ({self.head_first(bonus)}) c{_DOCUMENT}"
            )
        if not where:
            ranked = self.head_first(bonus)
            return f"SELECT c.doc_id AS doc_id, c.idx AS idx, c.score AS score{_FACETS} FROM ({ranked}) c{_DOCUMENT}"
        # Every match until :candidates pass the filters (a narrow filter, see filtered_walk).
        return (
            f"SELECT p.doc_id AS doc_id, p.idx AS idx, ts_rank(p.tsv, {_MATCH}) + {bonus} AS score{_FACETS} "
            f"FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE p.tsv @@ {_MATCH}{where} LIMIT :candidates"
        )
