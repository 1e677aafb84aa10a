"""Full-text search over the clean text of paragraphs, for the SQL store (SQLite FTS5, PostgreSQL).

:class:`SearchMixin` is mixed into the SQL store class. It relies only on ``self.engine`` (a
SQLAlchemy Engine) and ``self.dialect_name`` (``"sqlite"`` or ``"postgresql"``) and on the tables of
:mod:`declass.store.schema`.

Invariants:

* ``paragraphs.text`` holds each paragraph's clean text; the search index is derived from it and can
  be rebuilt at any time (:meth:`SearchMixin.rebuild_search_index`).
* SQLite: ``paragraphs_fts(text, doc_id UNINDEXED, idx UNINDEXED)`` is an FTS5 table with its own
  copy of the text; ``search_rows(fts_rowid, doc_id)`` remembers which FTS rows belong to a document
  so re-indexing one document does not scan the index. ``paragraphs_fts_vocab`` (fts5vocab) is the
  vocabulary used for OCR-tolerant matching.
* PostgreSQL: a stored generated column ``paragraphs.tsv`` (``to_tsvector('english', text)``)
  with a GIN index, kept current by PostgreSQL itself, and ``search_vocab(term)`` for the vocabulary.
* The index tables are created by migration 0002; ``SqlStore.migrate`` calls
  :meth:`ensure_search_index`, and ``SqlStore.add_document`` calls :meth:`index_document` inside
  its transaction, after the paragraphs are written.

OCR tolerance: each query word is expanded with (1) words of the index vocabulary within a small
edit distance (RapidFuzz ratio), and (2) the matching words of known variants of resolved entities
("Kandaurov" finds "Kandourov"). The expansions are returned so users see what was searched.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.errors import QueryError

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
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
SNIPPET_CHARS = 240
# Added to the score of paragraphs that match the query as typed (above any bm25 / ts_rank value).
EXACT_BONUS = 1000
# Entity types shown as the entity facet and usable in the type filter.
FACET_ENTITY_TYPES = ("PERSON", "ORG", "LOC", "CRYPTONYM")

_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[dict[str, Any]]:
    """Split a query into terms: ``{"words": [...], "phrase": bool, "prefix": bool}``.

    Quoted text is a phrase; a trailing ``*`` asks for a prefix match. Punctuation is ignored, so
    no input can produce an index-syntax error. An unbalanced quote is read as a plain word.
    """
    terms: list[dict[str, Any]] = []
    for m in _TOKEN.finditer(query):
        if m.group(1) is not None:
            words = [w.lower() for w in _WORD.findall(m.group(1))]
            if words:
                terms.append({"words": words, "phrase": len(words) > 1, "prefix": False})
            continue
        raw = m.group(2)
        prefix = raw.endswith("*")
        for w in _WORD.findall(raw):
            terms.append({"words": [w.lower()], "phrase": False, "prefix": False})
        if prefix and terms and not terms[-1]["phrase"] and len(terms[-1]["words"][0]) >= 2:
            terms[-1]["prefix"] = True
    return terms[:MAX_TERMS]


def _fts5_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SearchMixin:
    """Full-text search, facets and the search index for the SQL store."""

    engine: Any
    dialect_name: str
    _vocab_cache: tuple[float, list[str]] | None = None
    _vocab_lock = threading.Lock()

    @property
    def _join(self) -> str:
        """SQLite's CROSS JOIN keeps the written join order: start from the few matching documents,
        not from every mention (its planner has no statistics for the temporary table)."""
        return " CROSS JOIN " if self.dialect_name == "sqlite" else " JOIN "

    # -- index maintenance ---------------------------------------------------------------------
    def ensure_search_index(self) -> None:
        """Fill the search index (tables made by migration 0002) from ``paragraphs`` when empty. Idempotent."""
        with self.engine.begin() as conn:
            if self.dialect_name == "sqlite":
                empty = conn.exec_driver_sql("SELECT NOT EXISTS (SELECT 1 FROM search_rows)").scalar()
            else:
                empty = conn.exec_driver_sql("SELECT NOT EXISTS (SELECT 1 FROM search_vocab)").scalar()
            has_rows = conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM paragraphs)").scalar()
        if empty and has_rows:
            self.rebuild_search_index()
        elif self.dialect_name == "sqlite" and has_rows:
            # Documents written by a writer that did not call index_document: index them now.
            with self.engine.begin() as conn:
                missing = (
                    conn.exec_driver_sql("SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM search_rows)")
                    .scalars()
                    .all()
                )
                for doc_id in missing:
                    self.index_document(conn, doc_id)

    def rebuild_search_index(self) -> None:
        """Re-create the index contents from ``paragraphs`` (after a bulk load or for repair)."""
        with self.engine.begin() as conn:
            if self.dialect_name == "sqlite":
                conn.exec_driver_sql("DELETE FROM paragraphs_fts")
                conn.exec_driver_sql("DELETE FROM search_rows")
                conn.exec_driver_sql(
                    "INSERT INTO paragraphs_fts (rowid, text, doc_id, idx) SELECT rowid, text, doc_id, idx FROM paragraphs"
                )
                conn.exec_driver_sql("INSERT INTO search_rows (fts_rowid, doc_id) SELECT rowid, doc_id FROM paragraphs")
            else:
                conn.exec_driver_sql(
                    "INSERT INTO search_vocab (term) SELECT DISTINCT lower(w) FROM paragraphs, "
                    r"regexp_split_to_table(text, '\W+') AS w WHERE length(w) >= 4 AND w ~ '^[[:alpha:]]+$' "
                    "ON CONFLICT DO NOTHING"
                )
        self._vocab_cache = None

    def index_document(self, conn: Connection, doc_id: str) -> None:
        """Index (or re-index) one document's paragraphs, inside the writer's transaction."""
        self.unindex_document(conn, doc_id)
        if self.dialect_name == "sqlite":
            rows = conn.execute(text("SELECT rowid, text, idx FROM paragraphs WHERE doc_id = :d"), {"d": doc_id}).all()
            next_id = (conn.exec_driver_sql("SELECT COALESCE(MAX(fts_rowid), 0) FROM search_rows").scalar() or 0) + 1
            for i, (_rowid, body, idx) in enumerate(rows):
                conn.execute(
                    text("INSERT INTO paragraphs_fts (rowid, text, doc_id, idx) VALUES (:r, :t, :d, :i)"),
                    {"r": next_id + i, "t": body, "d": doc_id, "i": idx},
                )
                conn.execute(text("INSERT INTO search_rows (fts_rowid, doc_id) VALUES (:r, :d)"), {"r": next_id + i, "d": doc_id})
        else:
            bodies = conn.execute(text("SELECT text FROM paragraphs WHERE doc_id = :d"), {"d": doc_id}).scalars()
            words = sorted({w.lower() for b in bodies for w in _WORD.findall(b) if len(w) >= 4 and w.isalpha()})
            if words:
                conn.execute(
                    text("INSERT INTO search_vocab (term) VALUES (:t) ON CONFLICT DO NOTHING"), [{"t": w} for w in words]
                )
        self._vocab_cache = None

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        """Remove one document from the index (SQLite; PostgreSQL's index follows its table)."""
        if self.dialect_name == "sqlite":
            conn.execute(
                text("DELETE FROM paragraphs_fts WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE doc_id = :d)"),
                {"d": doc_id},
            )
            conn.execute(text("DELETE FROM search_rows WHERE doc_id = :d"), {"d": doc_id})

    # -- query expansion -----------------------------------------------------------------------
    def _vocabulary(self) -> list[str]:
        cached = self._vocab_cache
        if cached and time.monotonic() - cached[0] < VOCAB_TTL_S:
            return cached[1]
        with self._vocab_lock, self.engine.connect() as conn:
            if self.dialect_name == "sqlite":
                sql = "SELECT term FROM paragraphs_fts_vocab WHERE length(term) >= 4"
            else:
                sql = "SELECT term FROM search_vocab"
            terms = [t for t in conn.exec_driver_sql(sql).scalars() if t.isalpha()]
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
                    for w in _WORD.findall(str(form).lower()):
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
                if self.dialect_name == "sqlite":
                    parts.append(_fts5_quote(" ".join(words)))
                else:
                    parts.append("(" + " <-> ".join(words) + ")")
                continue
            word = words[0]
            if term["prefix"]:
                parts.append(_fts5_quote(word) + " *" if self.dialect_name == "sqlite" else f"{word}:*")
                continue
            variants = self.expand_word(word, fuzzy=fuzzy)
            if len(variants) > 1:
                expansions[word] = variants[1:]
            if self.dialect_name == "sqlite":
                parts.append("(" + " OR ".join(_fts5_quote(v) for v in variants) + ")")
            else:
                parts.append("(" + " | ".join(variants) + ")")
        joiner = " AND " if self.dialect_name == "sqlite" else " & "
        return joiner.join(parts), expansions

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
    ) -> dict[str, Any]:
        """Documents matching ``query`` (all documents when empty) and the filters, best first.

        Returns ``{"query", "total", "limit", "offset", "expansions", "results", "facets",
        "entities"}``; each result has the document summary, its best paragraph ``idx`` and a
        ``snippet`` with ``highlights`` as ``[start, end]`` offsets into the snippet text.
        Raises QueryError for a too long query or out-of-range paging.
        """
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
        where, fparams = _filters(
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
                match, expansions = self._match_expression(terms, fuzzy)
                params["match"] = match
                # Paragraphs with the words as typed rank above those matching only variants, so
                # "Kandourov" shows the paragraph that prints "Kandourov" first.
                exact_bonus = "0"
                if expansions:
                    params["exact"] = self._match_expression(terms, False)[0]
                    if self.dialect_name == "sqlite":
                        exact_bonus = (
                            f"CASE WHEN f.rowid IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH :exact) "
                            f"THEN {EXACT_BONUS} ELSE 0 END"
                        )
                    else:
                        exact_bonus = f"CASE WHEN p.tsv @@ to_tsquery('english', :exact) THEN {EXACT_BONUS} ELSE 0 END"
                # Without filters the documents table is not needed to find hits, and a query of
                # common words ranks only the first MAX_CANDIDATES matching paragraphs (in index
                # order): scoring every match is what made such queries take seconds.
                join = f" JOIN documents d ON d.id = {'f' if self.dialect_name == 'sqlite' else 'p'}.doc_id" if where else ""
                cut = ""
                if not where:
                    params["candidates"] = MAX_CANDIDATES
                    if self.dialect_name == "sqlite":
                        last = conn.execute(
                            text("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH :match LIMIT 1 OFFSET :candidates"),
                            params,
                        ).scalar()
                        if last is not None:
                            cut, params["last"], capped = " AND f.rowid < :last", last, True
                    else:
                        many = conn.execute(
                            text(
                                "SELECT COUNT(*) FROM (SELECT 1 FROM paragraphs WHERE tsv @@ to_tsquery('english', :match) "
                                "LIMIT :candidates + 1) c"
                            ),
                            params,
                        ).scalar()
                        if many and many > MAX_CANDIDATES:
                            capped = True
                if self.dialect_name == "sqlite":
                    hits = (
                        f"SELECT f.doc_id AS doc_id, f.idx AS idx, -bm25(paragraphs_fts) + {exact_bonus} AS score "
                        f"FROM paragraphs_fts f{join} WHERE paragraphs_fts MATCH :match{cut}{where} "
                        "ORDER BY score DESC LIMIT :cap"
                    )
                elif capped:
                    hits = (
                        "SELECT doc_id, idx, ts_rank(tsv, to_tsquery('english', :match)) "
                        f"+ {exact_bonus.replace('p.tsv', 'tsv')} AS score FROM (SELECT p.doc_id, p.idx, p.tsv FROM paragraphs p "
                        "WHERE p.tsv @@ to_tsquery('english', :match) LIMIT :candidates) p "
                        "ORDER BY score DESC LIMIT :cap"
                    )
                else:
                    hits = (
                        "SELECT p.doc_id AS doc_id, p.idx AS idx, "
                        f"ts_rank(p.tsv, to_tsquery('english', :match)) + {exact_bonus} "
                        f"AS score FROM paragraphs p{join} "
                        f"WHERE p.tsv @@ to_tsquery('english', :match){where} "
                        "ORDER BY score DESC LIMIT :cap"
                    )
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
                source, cond = f"search_docs docs{self._join}documents d ON d.id = docs.doc_id", ""
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
            facet_data = self._facets(conn, source, cond, params, browse=not terms and not where) if facets else {}
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
            entities = self._matching_entities(conn, terms, expansions, type) if terms else []
            conn.rollback()  # drops the temporary rows
        words = _highlight_words(terms, expansions)
        results = []
        for r in rows:
            item = {
                "id": r["doc_id"],
                "number": r["number"],
                "title": r["title"],
                "classification": r["classification"],
                "doc_type": r["doc_type"],
                "doc_date": r["doc_date"],
                "collection": r["collection"],
                "pages": r["page_count"],
                "redactions": r["redaction_count"],
                "file": str(r["source_path"]).rsplit("/", 1)[-1],
                "score": round(float(r["score"] or 0), 4),
                "hits": int(r["n"]) if terms else 0,
                "idx": r["idx"],
                "page": None,
                "paragraph_number": None,
                "snippet": "",
                "highlights": [],
            }
            p = para.get((r["doc_id"], r["idx"]))
            if p is not None:
                item["page"], item["paragraph_number"] = p[0], p[1]
                item["snippet"], item["highlights"] = make_snippet(p[2], words)
            results.append(item)
        return {
            "query": query,
            "total": int(total),
            "total_exact": not capped,
            "limit": limit,
            "offset": offset,
            "expansions": expansions,
            "results": results,
            "facets": facet_data,
            "entities": entities,
        }

    def _facets(
        self, conn: Connection, source: str, cond: str, params: dict[str, Any], *, browse: bool
    ) -> dict[str, list[dict[str, Any]]]:
        """Counts of documents per value among the matching documents (``source`` and ``cond`` select them as ``d``)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for col in ("classification", "doc_type", "collection"):
            rows = conn.execute(
                text(
                    f"SELECT d.{col} AS v, COUNT(*) AS n FROM {source} WHERE d.{col} IS NOT NULL{cond} "
                    f"GROUP BY d.{col} ORDER BY n DESC, v LIMIT 20"
                ),
                params,
            ).all()
            out[col] = [{"value": v, "count": int(n)} for v, n in rows]
        rows = conn.execute(
            text(
                f"SELECT substr(d.doc_date, 1, 3) AS v, COUNT(*) AS n FROM {source} WHERE d.doc_date IS NOT NULL{cond} "
                "GROUP BY substr(d.doc_date, 1, 3) ORDER BY v"
            ),
            params,
        ).all()
        out["decade"] = [{"value": f"{v}0s", "count": int(n)} for v, n in rows]
        types = ", ".join(f"'{t}'" for t in FACET_ENTITY_TYPES)
        j = self._join
        if browse:  # every document: the store-wide counts are already on the entities
            rows = conn.execute(
                text(
                    f"SELECT id, name, type, doc_count FROM entities WHERE type IN ({types}) "
                    "ORDER BY doc_count DESC, name LIMIT 15"
                )
            ).all()
            label_rows = conn.execute(text("SELECT type, SUM(doc_count) FROM entities GROUP BY type ORDER BY 2 DESC")).all()
        else:
            rows = conn.execute(
                text(
                    f"SELECT e.id, e.name, e.type, COUNT(DISTINCT m.doc_id) AS n FROM {source}"
                    f"{j}mentions m ON m.doc_id = d.id"
                    f"{j}entity_members em ON em.mention_id = m.id{j}entities e ON e.id = em.entity_id "
                    f"WHERE e.type IN ({types}){cond} "
                    "GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.name LIMIT 15"
                ),
                params,
            ).all()
            label_rows = conn.execute(
                text(
                    f"SELECT m.label AS v, COUNT(DISTINCT m.doc_id) AS n FROM {source}{j}mentions m ON m.doc_id = d.id "
                    f"WHERE 1 = 1{cond} GROUP BY m.label ORDER BY n DESC"
                ),
                params,
            ).all()
        out["entity"] = [{"value": i, "label": name, "type": t, "count": int(n)} for i, name, t, n in rows]
        out["type"] = [{"value": v, "count": int(n or 0)} for v, n in label_rows]
        return out

    def _matching_entities(
        self, conn: Connection, terms: list[dict[str, Any]], expansions: dict[str, list[str]], etype: str | None
    ) -> list[dict[str, Any]]:
        words = [t["words"][0] for t in terms if not t["phrase"] and len(t["words"][0]) >= 3]
        if not words:
            return []
        longest = max(words, key=len)
        pats = [longest, *expansions.get(longest, [])][:4]
        clauses = " OR ".join(f"name_key LIKE :p{i}" for i in range(len(pats)))
        params: dict[str, Any] = {f"p{i}": f"%{p}%" for i, p in enumerate(pats)}
        type_sql = ""
        if etype:
            type_sql, params["etype"] = " AND type = :etype", etype
        rows = conn.execute(
            text(
                f"SELECT id, name, type, mention_count, doc_count FROM entities WHERE ({clauses}){type_sql} "
                "ORDER BY mention_count DESC, name LIMIT 8"
            ),
            params,
        ).all()
        return [{"id": i, "name": n, "type": t, "mentions": mc, "documents": dc} for i, n, t, mc, dc in rows]


def _filters(**f: str | None) -> tuple[str, dict[str, Any]]:
    """SQL conditions on ``documents d`` for the search filters (all bound parameters)."""
    sql: list[str] = []
    params: dict[str, Any] = {}
    for col in ("classification", "doc_type", "collection"):
        if f.get(col):
            sql.append(f"d.{col} = :f_{col}")
            params[f"f_{col}"] = f[col]
    if f.get("date_from"):
        sql.append("d.doc_date >= :f_from")
        params["f_from"] = f["date_from"]
    if f.get("date_to"):
        sql.append("d.doc_date <= :f_to")
        params["f_to"] = str(f["date_to"]) + "\uffff"  # "1950" includes "1950-12-31"
    if f.get("entity"):
        sql.append(
            "d.id IN (SELECT m.doc_id FROM mentions m JOIN entity_members em ON em.mention_id = m.id "
            "WHERE em.entity_id = :f_entity)"
        )
        params["f_entity"] = f["entity"]
    if f.get("type"):
        sql.append("d.id IN (SELECT m.doc_id FROM mentions m WHERE m.label = :f_type)")
        params["f_type"] = f["type"]
    return ("".join(" AND " + s for s in sql), params)


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


def _highlight_words(terms: list[dict[str, Any]], expansions: dict[str, list[str]]) -> list[tuple[str, bool]]:
    """(word, is_prefix) pairs to highlight in snippets."""
    out: list[tuple[str, bool]] = []
    for t in terms:
        for w in t["words"]:
            out.append((w, bool(t["prefix"])))
            out.extend((v, False) for v in expansions.get(w, []))
    return out


def _matches(token: str, words: list[tuple[str, bool]]) -> bool:
    tok = token.lower()
    for w, prefix in words:
        if tok == w or (prefix and tok.startswith(w)):
            return True
        # Stemming backends match inflections ("report" finds "reported"): highlight those too.
        if len(w) >= 4 and tok.startswith(w[: max(4, len(w) - 2)]) and abs(len(tok) - len(w)) <= 3:
            return True
    return False


def make_snippet(body: str, words: list[tuple[str, bool]], size: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """A window of ``body`` around the first matching word, and the matches' offsets in it."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(body) if _matches(m.group(), words)]
    start = 0
    if spans and spans[0][0] > size // 3:
        start = body.rfind(" ", 0, spans[0][0] - size // 3) + 1
    end = min(len(body), start + size)
    if end < len(body):
        cut = body.rfind(" ", start, end)
        end = cut if cut > start else end
    snippet = body[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    shift = len(prefix) - start
    marks = [[s + shift, e + shift] for s, e in spans if s >= start and e <= end]
    return prefix + snippet.replace("\f", " ") + suffix, marks


def mention_citations(store: Any, mention_ids: list[str]) -> list[dict[str, Any]]:
    """Mentions with their document and paragraph (one query per 500), for entity pages."""
    out: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for i in range(0, len(mention_ids), 500):
            chunk = mention_ids[i : i + 500]
            marks = ", ".join(f":m{j}" for j in range(len(chunk)))
            rows = (
                conn.execute(
                    text(
                        "SELECT m.id, m.doc_id, m.label, m.text AS surface, m.start, m.page AS mpage, m.paragraph, "
                        "d.number, d.title, d.doc_date, d.classification, p.idx, p.page, p.number AS pnumber, p.start AS pstart, "
                        "p.text AS ptext FROM mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN paragraphs p "
                        "ON p.doc_id = m.doc_id AND ((m.paragraph IS NOT NULL AND p.idx = m.paragraph) OR "
                        '(m.paragraph IS NULL AND p.start <= m.start AND m.start < p."end")) '
                        f"WHERE m.id IN ({marks})"
                    ),
                    {f"m{j}": mid for j, mid in enumerate(chunk)},
                )
                .mappings()
                .all()
            )
            out.extend(dict(r) for r in rows)
    order = {mid: i for i, mid in enumerate(mention_ids)}
    out.sort(key=lambda r: order.get(r["id"], 0))
    return out
