"""Full-text search over the clean text of paragraphs, for the SQL store (SQLite FTS5, PostgreSQL).

:class:`SearchMixin` is mixed into the SQL store class. It relies only on ``self.engine`` (a
SQLAlchemy Engine) and ``self.dialect_name`` (``"sqlite"`` or ``"postgresql"``) and on the tables of
:mod:`declass.store.schema`. Everything a backend does differently (index upkeep, match syntax, the
paragraph-hits query) is its query builder: :class:`~declass.store.search_sqlite.SqliteSearch` or
:class:`~declass.store.search_postgres.PostgresSearch`; this module has no dialect branches.

Invariants:

* ``paragraphs.text`` holds each paragraph's clean text; the search index is derived from it and can
  be rebuilt at any time (:meth:`SearchMixin.rebuild_search_index`).
* The index tables are created by migration 0002; ``SqlStore.migrate`` calls
  :meth:`ensure_search_index`, and ``SqlStore.add_document`` calls :meth:`index_document` inside
  its transaction, after the paragraphs are written.

OCR tolerance: each query word is expanded with (1) words of the index vocabulary within a small
edit distance (RapidFuzz ratio), and (2) the matching words of known variants of resolved entities
("Kandaurov" finds "Kandourov"). The expansions are returned so users see what was searched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.errors import QueryError
from declass.model import Paragraph
from declass.store import search_facets
from declass.store.results import MentionCitation, SearchHit, SearchResults
from declass.store.search_postgres import PostgresSearch
from declass.store.search_query import WORD, SearchDialect, filters, highlight_words, make_snippet, parse_query
from declass.store.search_sqlite import SqliteSearch

__all__ = ["SearchMixin", "parse_query", "make_snippet", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_OFFSET = 10_000
# Paragraph hits ranked per query; beyond this the total is a lower bound (``total_exact`` false).
MAX_HITS = 2000
# Without filters, at most this many matching paragraphs (the first in index order) are scored.
MAX_CANDIDATES = 20_000
MAX_VARIANTS = 6
FUZZY_MIN_LEN = 5
FUZZY_CUTOFF = 80.0
VOCAB_TTL_S = 300.0
_DIALECTS: dict[str, SearchDialect] = {"sqlite": SqliteSearch(), "postgresql": PostgresSearch()}


class SearchMixin:
    """Full-text search, facets, mention citations and the search index for the SQL store."""

    engine: Any
    dialect_name: str
    _vocab_cache: tuple[float, list[str]] | None = None
    _vocab_lock = threading.Lock()

    @property
    def _sql(self) -> SearchDialect:
        """The query builder of this store's backend."""
        return _DIALECTS[self.dialect_name]

    # -- index maintenance ---------------------------------------------------------------------
    def ensure_search_index(self) -> None:
        """Fill the search index (tables made by migration 0002) from ``paragraphs`` when empty. Idempotent."""
        with self.engine.begin() as conn:
            empty = conn.exec_driver_sql(self._sql.empty_sql).scalar()
            has_rows = conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM paragraphs)").scalar()
        if empty and has_rows:
            self.rebuild_search_index()
        elif has_rows:
            # Documents written by a writer that did not call index_document: index them now.
            with self.engine.begin() as conn:
                for doc_id in self._sql.unindexed_documents(conn):
                    self.index_document(conn, doc_id)

    def rebuild_search_index(self) -> None:
        """Re-create the index contents from ``paragraphs`` (after a bulk load or for repair)."""
        with self.engine.begin() as conn:
            self._sql.rebuild(conn)
        self._vocab_cache = None

    def index_document(self, conn: Connection, doc_id: str) -> None:
        """Index (or re-index) one document's paragraphs, inside the writer's transaction."""
        self._sql.unindex_document(conn, doc_id)
        self._sql.index_document(conn, doc_id)
        self._vocab_cache = None

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        """Remove one document from the index (SQLite; PostgreSQL's index follows its table)."""
        self._sql.unindex_document(conn, doc_id)

    # -- query expansion -----------------------------------------------------------------------
    def _vocabulary(self) -> list[str]:
        cached = self._vocab_cache
        if cached and time.monotonic() - cached[0] < VOCAB_TTL_S:
            return cached[1]
        with self._vocab_lock, self.engine.connect() as conn:
            terms = [t for t in conn.exec_driver_sql(self._sql.vocabulary_sql).scalars() if t.isalpha()]
        self._vocab_cache = (time.monotonic(), terms)
        return terms

    def expand_word(self, word: str, *, fuzzy: bool = True) -> list[str]:
        """The word and its OCR/transliteration variants: index words close in spelling and
        matching words of resolved entities' variants. Best first, the word itself first."""
        from rapidfuzz import fuzz, process

        found: dict[str, float] = {word: 101.0}
        if fuzzy and len(word) >= FUZZY_MIN_LEN and word.isalpha():
            vocab = self._vocabulary()
            for cand, score, _ in process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=MAX_VARIANTS):
                found.setdefault(cand, score)
            with self.engine.connect() as conn:
                rows = conn.execute(
                    text("SELECT attrs, name FROM entities WHERE name_key LIKE :p ORDER BY mention_count DESC LIMIT 20"),
                    {"p": f"%{word[:4]}%"},
                ).all()
            for attrs, name in rows:
                attrs = _json(attrs)
                forms = [name, *(attrs.get("variants") or {}), *(attrs.get("aliases") or [])]
                for form in forms:
                    for w in WORD.findall(str(form).lower()):
                        score = fuzz.ratio(word, w)
                        if score >= FUZZY_CUTOFF - 10 and len(w) >= FUZZY_MIN_LEN:
                            found.setdefault(w, score)
        ranked = sorted(found.items(), key=lambda kv: -kv[1])
        return [w for w, _ in ranked[: MAX_VARIANTS + 1]]

    def _match_expression(self, terms: list[dict[str, Any]], fuzzy: bool) -> tuple[str, dict[str, list[str]]]:
        """The backend's match expression for parsed terms, and the expansions applied."""
        expansions: dict[str, list[str]] = {}
        parts: list[str] = []
        for term in terms:
            words = term["words"]
            if term["phrase"]:
                parts.append(self._sql.phrase(words))
            elif term["prefix"]:
                parts.append(self._sql.prefix(words[0]))
            else:
                variants = self.expand_word(words[0], fuzzy=fuzzy)
                if len(variants) > 1:
                    expansions[words[0]] = variants[1:]
                parts.append(self._sql.any_of(variants))
        return self._sql.all_of(parts), expansions

    # -- search --------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        entity: str | None = None,
        type: str | None = None,
        classification: str | None = None,
        doc_type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        collection: str | None = None,
        fuzzy: bool = True,
        facets: bool = True,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Documents matching ``query`` (all documents when empty) and the filters, best first
        (see :meth:`declass.store.Store.search`). Raises QueryError for a too long query or
        out-of-range paging."""
        query = (query or "").strip()
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(f"query is {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
        if not 0 <= offset <= MAX_OFFSET:
            raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")
        terms = parse_query(query)
        params: dict[str, Any] = {"limit": limit, "offset": offset, "cap": MAX_HITS}
        expansions: dict[str, list[str]] = {}
        where, fparams = filters(
            entity=entity,
            type=type,
            classification=classification,
            doc_type=doc_type,
            date_from=date_from,
            date_to=date_to,
            collection=collection,
        )
        params.update(fparams)
        capped = False
        with self.engine.connect() as conn:
            if terms:
                expansions, capped = self._rank_documents(conn, terms, fuzzy, where, params)
                source, cond = f"search_docs docs{self._sql.join}documents d ON d.id = docs.doc_id", ""
                order = "docs.score DESC, d.doc_date, d.id"
                fields = "docs.doc_id, docs.idx, docs.score, docs.n"
            else:
                if query:  # only punctuation: nothing to look for
                    where += " AND 1 = 0"
                source, cond = "documents d", where  # simple enough for the planner to use the column indexes
                order = "d.doc_date, d.number, d.id"
                fields = "d.id AS doc_id, NULL AS idx, 0.0 AS score, 0 AS n"
            rows = (
                conn.execute(
                    text(
                        f"SELECT {fields}, d.number, d.title, d.classification, d.doc_type, d.doc_date, d.collection, "
                        "d.page_count, "
                        f"d.redaction_count, d.source_path FROM {source} WHERE 1 = 1{cond} "
                        f"ORDER BY {order} LIMIT :limit OFFSET :offset"
                    ),
                    params,
                )
                .mappings()
                .all()
            )
            total = conn.execute(text(f"SELECT COUNT(*) FROM {source} WHERE 1 = 1{cond}"), params).scalar() or 0
            facet_data = {}
            if facets:
                browse = not terms and not where
                facet_data = search_facets.facets(conn, self._sql.join, source, cond, params, browse=browse)
            para = {}
            for r in rows:
                if r["idx"] is None:
                    continue
                row = conn.execute(
                    text("SELECT page, number, text FROM paragraphs WHERE doc_id = :d AND idx = :i"),
                    {"d": r["doc_id"], "i": r["idx"]},
                ).first()
                if row:
                    para[(r["doc_id"], r["idx"])] = row
            entities = search_facets.matching_entities(conn, terms, expansions, type) if terms else []
            conn.rollback()  # drops the temporary rows
        words = highlight_words(terms, expansions)
        results = []
        for r in rows:
            hit = SearchHit(
                id=r["doc_id"],
                number=r["number"],
                title=r["title"],
                classification=r["classification"],
                doc_type=r["doc_type"],
                doc_date=r["doc_date"],
                collection=r["collection"],
                pages=r["page_count"],
                redactions=r["redaction_count"],
                file=str(r["source_path"]).rsplit("/", 1)[-1],
                score=round(float(r["score"] or 0), 4),
                hits=int(r["n"]) if terms else 0,
                idx=r["idx"],
            )
            p = para.get((r["doc_id"], r["idx"]))
            if p is not None:
                hit.page, hit.paragraph_number = p[0], p[1]
                hit.snippet, hit.highlights = make_snippet(p[2], words)
            results.append(hit)
        return SearchResults(
            query=query,
            total=int(total),
            total_exact=not capped,
            limit=limit,
            offset=offset,
            expansions=expansions,
            results=results,
            facets=facet_data,
            entities=entities,
        )

    def _rank_documents(
        self, conn: Connection, terms: list[dict[str, Any]], fuzzy: bool, where: str, params: dict[str, Any]
    ) -> tuple[dict[str, list[str]], bool]:
        """Fill the temporary ``search_docs`` with the best paragraph of each matching document;
        return the expansions applied and whether the hits were capped."""
        match, expansions = self._match_expression(terms, fuzzy)
        params["match"] = match
        # Paragraphs with the words as typed rank above those matching only variants, so
        # "Kandourov" shows the paragraph that prints "Kandourov" first.
        bonus = "0"
        if expansions:
            params["exact"] = self._match_expression(terms, False)[0]
            bonus = self._sql.exact_bonus()
        # Without filters the documents table is not needed to find hits, and a query of common
        # words ranks only the first MAX_CANDIDATES matching paragraphs (in index order): scoring
        # every match is what made such queries take seconds.
        cut, capped = "", False
        if not where:
            params["candidates"] = MAX_CANDIDATES
            cut, capped = self._sql.cap(conn, params)
        hits = self._sql.hits(bonus=bonus, where=where, cut=cut, capped=capped)
        # The best paragraph of each document, materialised once for the page, the count and the facets.
        conn.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS search_docs (doc_id TEXT PRIMARY KEY, idx INTEGER, score REAL, n INTEGER)"
        )
        conn.exec_driver_sql("DELETE FROM search_docs")
        conn.execute(
            text(
                "INSERT INTO search_docs (doc_id, idx, score, n) SELECT doc_id, idx, score, n FROM "
                "(SELECT doc_id, idx, score, "
                "ROW_NUMBER() OVER (PARTITION BY doc_id ORDER BY score DESC, idx) AS rn, "
                "COUNT(*) OVER (PARTITION BY doc_id) AS n "
                f"FROM ({hits}) h) r WHERE rn = 1"
            ),
            params,
        )
        capped = capped or (conn.exec_driver_sql("SELECT COALESCE(SUM(n), 0) FROM search_docs").scalar() or 0) >= MAX_HITS
        return expansions, capped

    # -- citations -----------------------------------------------------------------------------
    def mention_citations(self, mention_ids: list[str]) -> list[MentionCitation]:
        """Mentions with their document and paragraph (one query per 500), in the order asked."""
        out: list[MentionCitation] = []
        with self.engine.connect() as conn:
            for marks, params in _in_lists(mention_ids):
                rows = conn.execute(
                    text(
                        "SELECT m.id, m.doc_id, m.label, m.text, m.start, m.page, d.number, d.title, d.doc_date, "
                        "d.classification, p.idx, p.page, p.number, p.start, p.text FROM mentions m "
                        "JOIN documents d ON d.id = m.doc_id LEFT JOIN paragraphs p "
                        "ON p.doc_id = m.doc_id AND ((m.paragraph IS NOT NULL AND p.idx = m.paragraph) OR "
                        '(m.paragraph IS NULL AND p.start <= m.start AND m.start < p."end")) '
                        f"WHERE m.id IN ({marks})"
                    ),
                    params,
                ).all()
                out.extend(MentionCitation(*r) for r in rows)
        order = {mid: i for i, mid in enumerate(mention_ids)}
        out.sort(key=lambda r: order.get(r.mention_id, 0))
        return out

    def paragraph_spans(self, doc_ids: Iterable[str]) -> dict[str, list[Paragraph]]:
        """doc id -> its paragraphs in order, without their text (see :meth:`Store.paragraph_spans`)."""
        out: dict[str, list[Paragraph]] = {}
        ids = sorted(set(doc_ids))
        with self.engine.connect() as conn:
            for marks, params in _in_lists(ids):
                rows = conn.execute(
                    text(
                        'SELECT doc_id, idx, page, start, "end", clean_start, clean_end, number, kind FROM paragraphs '
                        f"WHERE doc_id IN ({marks}) ORDER BY doc_id, idx"
                    ),
                    params,
                ).all()
                for doc_id, *fields in rows:
                    out.setdefault(doc_id, []).append(Paragraph(*fields))
        return out

    def text_slices(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """Slices of original text by ``(doc id, start, end)``, 200 to a query (``substr`` counts
        characters on both backends, as Python slicing does)."""
        wanted = sorted(set(spans))
        out: dict[tuple[str, int, int], str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 200):
                chunk = wanted[i : i + 200]
                parts, params = [], {}
                for j, (doc_id, start, end) in enumerate(chunk):
                    lo = max(start, 0)
                    parts.append(f"SELECT {j} AS k, substr(text, :s{j}, :n{j}) AS t FROM documents WHERE id = :d{j}")
                    params.update({f"d{j}": doc_id, f"s{j}": lo + 1, f"n{j}": max(end - lo, 0)})
                for k, body in conn.execute(text(" UNION ALL ".join(parts)), params).all():
                    out[chunk[k]] = body or ""
        return out


def _in_lists(ids: list[str], size: int = 500) -> Iterator[tuple[str, dict[str, str]]]:
    """``IN (...)`` placeholders and their bound values, ``size`` ids at a time."""
    for i in range(0, len(ids), size):
        chunk = ids[i : i + size]
        yield ", ".join(f":i{j}" for j in range(len(chunk))), {f"i{j}": v for j, v in enumerate(chunk)}


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value:
        import json

        try:
            loaded = json.loads(value)
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}
    return {}
