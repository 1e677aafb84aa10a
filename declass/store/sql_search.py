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

OCR tolerance: a rare query word is expanded with its rare spelling variants, chosen by bounded
index counts (:mod:`declass.store.search_expand`); the expansions and a "did you mean" are returned.
Every search does bounded work: one ``LIMIT``-ed pass over the index, then temporary tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.errors import QueryError
from declass.model import Mention, Paragraph
from declass.store import search_facets, search_rank
from declass.store.results import MentionCitation, SearchResults
from declass.store.search_expand import Expander
from declass.store.search_postgres import PostgresSearch
from declass.store.search_query import (
    SearchDialect,
    filters,
    highlight_words,
    hit_from_row,
    make_snippet,
    parse_query,
    suggested_query,
)
from declass.store.search_sqlite import SqliteSearch
from declass.store.search_syntax import Node, QuerySyntaxError, parse_search

__all__ = ["SearchMixin", "parse_query", "make_snippet", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_OFFSET = 10_000
# Paragraph hits ranked per query; beyond this the total is a lower bound (``total_exact`` false).
MAX_HITS = 1000
# Without filters, at most this many matching paragraphs (the first in index order) are scored:
# bm25 costs ~6 µs a candidate at 1M documents (31 ms for 5,000), and no more than MAX_HITS are kept.
MAX_CANDIDATES = 1000
# With document filters, the first this many matching paragraphs are examined (passing or not,
# see search_rank.filtered_walk). FTS5 walks a phrase of common words ~5 us a match, and the
# scoring of the selective terms grows with the examined range: 5,000 cost a filtered phrase
# 19 ms and a filtered boolean query 78 ms of CPU at a million documents, 1,000 cost 4 and 16.
MAX_FILTERED_CANDIDATES = 1000
# A cut-off total is estimated only from a walk of at least this many matches: fewer are too
# small a sample (the total stays a lower bound, "3+").
ESTIMATE_SAMPLE = 100
# Entity and mention-type facets count the mentions of at most this many best documents.
FACET_SAMPLE = 200
_FIELDS = (
    "d.number, d.title, d.classification, d.doc_type, d.doc_date, d.collection, d.page_count, d.redaction_count, d.source_path"
)
_DIALECTS: dict[str, SearchDialect] = {"sqlite": SqliteSearch(), "postgresql": PostgresSearch()}


class SearchMixin:
    """Full-text search, facets, mention citations and the search index for the SQL store."""

    engine: Any
    dialect_name: str

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
        self._expander.invalidate()

    def index_document(self, conn: Connection, doc_id: str) -> None:
        """Index (or re-index) one document's paragraphs, inside the writer's transaction."""
        self._sql.unindex_document(conn, doc_id)
        self._sql.index_document(conn, doc_id)
        self._expander.invalidate()

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        """Remove one document from the index (SQLite; PostgreSQL's index follows its table)."""
        self._sql.unindex_document(conn, doc_id)

    # -- query expansion -----------------------------------------------------------------------
    @property
    def _expander(self) -> Expander:
        """This store's expansion caches (made on first use)."""
        exp = self.__dict__.get("_expander_obj")
        if exp is None:
            exp = self.__dict__["_expander_obj"] = Expander(self.engine, self._sql)
        return exp

    def expand_word(self, word: str, *, fuzzy: bool = True) -> list[str]:
        """The word and the OCR/transliteration variants a search adds to it (none for a common
        word, see :mod:`declass.store.search_expand`), the word itself first."""
        if not fuzzy:
            return [word]
        with self.engine.connect() as conn:
            return [word, *self._expander.expand(conn, word)[0]]

    def _filter_values(self, conn: Connection, given: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
        """The keyword filters, completed by the query's field filters (``entity:`` by name)."""
        out = dict(given)
        for key, value in typed.items():
            if out.get(key) is None:
                out[key] = value
        name = typed.get("entity")
        if name and out.get("entity") == name:
            row = conn.execute(
                text(
                    "SELECT id FROM entities WHERE id = :n OR name_key = :k OR name_key LIKE :p "
                    "ORDER BY id = :n DESC, name_key = :k DESC, mention_count DESC LIMIT 1"
                ),
                {"n": name, "k": name.lower(), "p": f"%{name.lower()}%"},
            ).scalar()
            if row is None:
                raise QuerySyntaxError(f"entity:{name} matches no entity: check the spelling or pick one from the entity facet")
            out["entity"] = row
        return out

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
        has_redactions: bool | None = None,
        fuzzy: bool = True,
        facets: bool = True,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Documents matching ``query`` (all documents when empty) and the filters, best first
        (see :meth:`declass.store.Store.search`; the query language is
        :mod:`declass.store.search_syntax`). Raises QueryError for a malformed or too long query
        or out-of-range paging."""
        query = (query or "").strip()
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(f"query is {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
        if not 0 <= offset <= MAX_OFFSET:
            raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")
        parsed = parse_search(query)
        terms = parsed.terms()
        given = {
            "entity": entity,
            "type": type,
            "classification": classification,
            "doc_type": doc_type,
            "date_from": date_from,
            "date_to": date_to,
            "collection": collection,
            "has_redactions": has_redactions,
        }
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        expansions: dict[str, list[str]] = {}
        suggest: dict[str, str] = {}
        capped, estimate = False, None
        facet_data: dict[str, Any] = {}
        with self.engine.connect() as conn:
            values = self._filter_values(conn, given, parsed.filters)
            where, fparams = filters(**values)
            params.update(fparams)
            if parsed.tree is not None:
                # One ranking statement; the best paragraph per document, the count and the
                # document facets come from its rows, so only the page is read from documents.
                row_where = filters(self._sql.row_id, **values)[0]  # on the index rows (SQLite: search_rows)
                docs, expansions, suggest, capped, estimate = self._rank_documents(conn, parsed.tree, fuzzy, row_where, params)
                total = len(docs)
                rows = self._page_rows(conn, docs[offset : offset + limit])
                if facets:
                    facet_data = search_facets.document_facets(docs)
                    # Entities are counted over the best FACET_SAMPLE documents when there are more.
                    sample = [d.id for d in docs[:FACET_SAMPLE]]
                    facet_data.update(search_facets.sample_facets(conn, sample, self._sql, self._expander.entity_labels))
            else:
                if query and not parsed.filters:  # only punctuation: nothing to look for
                    where += " AND 1 = 0"
                # Simple enough for the planner to use the column indexes.
                sql = (
                    f"SELECT d.id AS doc_id, NULL AS idx, 0.0 AS score, 0 AS n, {_FIELDS} FROM documents d "
                    f"WHERE 1 = 1{where} ORDER BY d.doc_date, d.number, d.id LIMIT :limit OFFSET :offset"
                )
                rows = [dict(r) for r in conn.execute(text(sql), params).mappings().all()]
                total, facet_data = self._browse_counts(conn, where, params, facets)
            para = self._best_paragraphs(conn, rows)
            entities = search_facets.matching_entities(conn, terms, expansions, type, self._sql) if terms else []
        words = highlight_words(terms, expansions)
        return SearchResults(
            query=query,
            total=int(total),
            total_exact=not capped,
            total_kind="exact" if not capped else "estimated" if estimate else "lower bound",
            total_estimate=estimate,
            limit=limit,
            offset=offset,
            expansions=expansions,
            results=[hit_from_row(r, para.get((r["doc_id"], r["idx"])), words, bool(terms)) for r in rows],
            facets=facet_data,
            entities=entities,
            suggestion=suggested_query(query, suggest),
            entity_facet_sample=FACET_SAMPLE if facets and parsed.tree is not None and (total > FACET_SAMPLE or capped) else None,
        )

    def _browse_counts(self, conn: Connection, where: str, params: dict[str, Any], facets: bool) -> tuple[int, dict[str, Any]]:
        """The count and facets of browsing (no query): store-wide ones are cached until the index
        changes; with filters they are counted over the documents that pass them."""
        count_sql = f"SELECT COUNT(*) FROM documents d WHERE 1 = 1{where}"
        join = self._sql.join
        if not where:  # every document: counted once, until the index changes
            total = self._expander.cached("browse-total", lambda: conn.execute(text(count_sql)).scalar() or 0)
            if not facets:
                return int(total), {}
            return int(total), self._expander.cached(
                "browse-facets", lambda: search_facets.facets(conn, join, "documents d", "", params, browse=True)
            )
        total = conn.execute(text(count_sql), params).scalar() or 0
        return int(total), (search_facets.facets(conn, join, "documents d", where, params, browse=False) if facets else {})

    def _page_rows(self, conn: Connection, page: list[search_rank.Ranked]) -> list[dict[str, Any]]:
        """The page's matches with their document fields, in rank order (one statement)."""
        if not page:
            return []
        marks, ids = next(_in_lists([d.id for d in page], len(page)))
        found = conn.execute(text(f"SELECT d.id AS doc_id, {_FIELDS} FROM documents d WHERE d.id IN ({marks})"), ids).mappings()
        fields = {r["doc_id"]: dict(r) for r in found}
        return [{**fields[d.id], "idx": d.idx, "score": d.score, "n": d.n} for d in page if d.id in fields]

    def _best_paragraphs(self, conn: Connection, rows: Iterable[Any]) -> dict[tuple[str, int], Any]:
        """(doc id, idx) -> (page, number, text) of the paragraphs shown as snippets."""
        keys = [(r["doc_id"], r["idx"]) for r in rows if r["idx"] is not None]
        if not keys:
            return {}
        # One statement for the page: (doc_id = ? AND idx = ?) pairs, each a primary-key lookup.
        pairs = " OR ".join(f"(doc_id = :d{i} AND idx = :i{i})" for i in range(len(keys)))
        params: dict[str, Any] = {}
        for i, (doc_id, idx) in enumerate(keys):
            params[f"d{i}"], params[f"i{i}"] = doc_id, idx
        found = conn.execute(text(f"SELECT doc_id, idx, page, number, text FROM paragraphs WHERE {pairs}"), params).all()
        return {(d, i): (page, number, body) for d, i, page, number, body in found}

    def _rank_documents(
        self, conn: Connection, tree: Node, fuzzy: bool, where: str, params: dict[str, Any]
    ) -> tuple[list[search_rank.Ranked], dict[str, list[str]], dict[str, str], bool, int | None]:
        """The matching documents, best first, each with its best paragraph; the expansions
        applied, the suggested words, whether the hits were capped and, if so, the estimated
        number of matching documents (None when it cannot be estimated or is no more than found)."""
        # ``a NOT b``: the walk and the scores are a's, the paragraphs with b dropped from them
        # (see search_rank.filtered_walk); elsewhere the backend's own NOT.
        split = search_rank.split_exclusion(tree) if self._sql.excluding_walk else None
        ranked = split[0] if split else tree
        match, expansions, suggest, parts = search_rank.match_expression(self._expander, self._sql, conn, ranked, fuzzy)
        params["match"] = match
        if split:
            excluded = self._sql.either(
                [search_rank.match_expression(self._expander, self._sql, conn, n, False)[0] for n in split[1]]
            )
            params["excluding"] = self._sql.all_of([f"({match})", f"({excluded})"])
            params["match_all"] = self._sql.without(match, excluded)
            params["excluding_wanted"] = match
        scoring = search_rank.scoring(self._expander, self._sql, conn, parts, params)
        # Paragraphs with the words as typed rank above those matching only variants, so
        # "Kandourov" shows the paragraph that prints "Kandourov" first.
        bonus = "0"
        if expansions:
            params["exact"] = search_rank.match_expression(self._expander, self._sql, conn, ranked, False)[0]
            bonus = self._sql.exact_bonus()
        # One pass over the index: the first MAX_CANDIDATES matching paragraphs (with filters, the
        # first MAX_FILTERED_CANDIDATES that pass them) are scored — scoring every match of common
        # words is what made such queries take seconds — and the MAX_HITS best are kept.
        bound = MAX_FILTERED_CANDIDATES if where or split else MAX_CANDIDATES
        params["candidates"] = min(bound, self._sql.max_candidates)
        hits, scored, walk = search_rank.fetch_hits(self._sql, conn, bonus, where, scoring, params)
        capped = scored >= params["candidates"] or scored > MAX_HITS
        docs = search_rank.best_documents(hits, MAX_HITS)
        sample = walk.examined if walk.examined is not None else len(hits)
        estimate = self._estimate(conn, docs, walk, params) if capped and sample >= ESTIMATE_SAMPLE else None
        return docs, expansions, suggest, capped, estimate

    def _estimate(
        self, conn: Connection, docs: list[search_rank.Ranked], walk: search_rank.WalkStats, params: dict[str, Any]
    ) -> int | None:
        """The number of matching documents when the walk was cut off: the documents found,
        scaled by how much of the index the walk covered (SQLite: its rowid range; PostgreSQL:
        the planner's row estimate), at most the store's documents. None when the backend gives
        no estimate or it is no more than the documents found (then the total is a lower bound)."""
        scale = self._sql.estimate_scale(conn, walk, params, self._expander.cached)
        if scale is None:
            return None
        count = "SELECT COUNT(*) FROM documents d WHERE 1 = 1"  # the browse total, cached with it
        stored = int(self._expander.cached("browse-total", lambda: conn.execute(text(count)).scalar() or 0))
        estimate = min(round(len(docs) * scale), stored)
        return estimate if estimate > len(docs) else None

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
            for i in range(0, len(ids), 500):
                for doc_id, *fields in self._sql.paragraph_spans(conn, ids[i : i + 500]):
                    out.setdefault(doc_id, []).append(Paragraph(*fields))
        return out

    def mentions_with_owners(self, doc_ids: Iterable[str]) -> tuple[list[Mention], dict[str, str]]:
        """The mentions of these documents in (document, start) order, and mention id -> entity
        id for those that belong to one (see :meth:`Store.mentions_with_owners`): one statement
        per 500 documents instead of a mention read and an owner read, and rows made into
        mentions without the ORM's row mappings (a dossier of 200 documents at a million
        documents: 1,000 mentions)."""
        mentions: list[Mention] = []
        owner: dict[str, str] = {}
        ids = sorted(set(doc_ids))
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                for row in self._sql.mentions_of_documents(conn, ids[i : i + 500]):
                    mid, doc, label, surface, start, end, page, para, sent, norm, attrs, entity_id = row
                    if isinstance(attrs, str):
                        attrs = json.loads(attrs) if attrs else {}
                    mentions.append(Mention(mid, doc, label, surface, start, end, page, para, sent, norm, attrs or {}))
                    if entity_id is not None:
                        owner[mid] = entity_id
        return mentions, owner

    def text_slices(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """Slices of original text by ``(doc id, start, end)``, 200 to a query (``substr`` counts
        characters on both backends, as Python slicing does)."""
        wanted = sorted(set(spans))
        out: dict[tuple[str, int, int], str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 200):
                chunk = wanted[i : i + 200]
                for k, body in self._sql.text_slices(conn, [(d, max(s, 0) + 1, max(e - max(s, 0), 0)) for d, s, e in chunk]):
                    out[chunk[k]] = body or ""
        return out


def _in_lists(ids: list[str], size: int = 500) -> Iterator[tuple[str, dict[str, str]]]:
    """``IN (...)`` placeholders and their bound values, ``size`` ids at a time."""
    for i in range(0, len(ids), size):
        chunk = ids[i : i + size]
        yield ", ".join(f":i{j}" for j in range(len(chunk))), {f"i{j}": v for j, v in enumerate(chunk)}
