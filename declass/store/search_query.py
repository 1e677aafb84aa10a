"""What the search backends share: query parsing, document filters, snippets, and the interface
each backend's query builder implements (:class:`SearchDialect`).

Pure functions and SQL fragments only; the backends are :mod:`declass.store.search_sqlite` and
:mod:`declass.store.search_postgres`, and :mod:`declass.store.sql_search` runs a search with one.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.results import SearchHit
from declass.store.search_syntax import MAX_TERMS, WORD, lenient_terms

__all__ = [
    "MAX_TERMS",
    "WORD",
    "Cached",
    "SearchDialect",
    "WalkStats",
    "MENTION_COLUMNS",
    "MENTIONS_WITH_OWNERS",
    "parse_query",
    "filters",
    "highlight_words",
    "make_snippet",
    "hit_from_row",
    "suggested_query",
]

SNIPPET_CHARS = 240
# A mention's columns in the order of ``declass.model.Mention``, and its entity (``mentions_of_documents``).
MENTION_COLUMNS = (
    'm.id, m.doc_id, m.label, m.text, m.start, m."end", m.page, m.paragraph, m.sentence, m.norm, m.attrs, em.entity_id'
)
MENTIONS_WITH_OWNERS = "mentions m LEFT JOIN entity_members em ON em.mention_id = m.id"
# Added to the score of paragraphs that match the query as typed (above any bm25 / ts_rank value).
EXACT_BONUS = 1000


#: ``cached(key, compute)``: a value cached until the index changes (``Expander.cached``).
Cached = Callable[[str, Callable[[], Any]], Any]


class WalkStats(NamedTuple):
    """How far a search's bounded walk over the index went: ``examined`` matches in index order
    (whatever the filters; None when the filters were applied inside the walk), the index
    position it stopped at (``end``, where the backend reports one)."""

    examined: int | None
    end: int | None


class SearchDialect(ABC):
    """One backend's full-text SQL: index upkeep, match expressions and the paragraph-hits query.

    Every query a backend builds selects ``doc_id, idx, score`` of matching paragraphs; the shared
    search (:class:`declass.store.sql_search.SearchMixin`) takes the best paragraph per document
    from there, so both backends return the same result shape.
    """

    #: How the search joins its few matching documents to the big tables.
    join: str = " JOIN "
    #: Whether the ranking function first counts every term's matches in the whole index (SQLite's
    #: bm25 computing IDF): then terms matching very many paragraphs are left out of the score.
    ranking_counts_matches: bool = False
    #: At most this many candidate paragraphs are scored (below MAX_CANDIDATES where each costs a
    #: random heap read, as on PostgreSQL).
    max_candidates: int = 1_000_000
    #: Whether a filtered search first examines a bounded number of matches (``candidates(bounded=True)``).
    bounded_filter_walk: bool = False
    #: Whether each candidate row ends with its index position (``pos``, see :meth:`estimate_scale`).
    walk_position: bool = False
    #: Whether ``a NOT b`` is walked as the bounded candidates of ``a`` with those matching
    #: ``:excluding`` (``a AND b``) marked not ``ok`` (``candidates(bounded=True, excluding=True)``).
    excluding_walk: bool = False
    #: The document id of the rows ``candidates`` filters as ``d`` (SQLite: its index rows).
    row_id: str = "d.id"
    #: The index vocabulary (words of 4+ letters) used for OCR-tolerant expansion.
    vocabulary_sql: str
    #: Whether the index holds nothing yet (then it is rebuilt from ``paragraphs``).
    empty_sql: str
    #: A cheap row that changes when the index is written (cache invalidation across processes).
    version_sql: str

    @abstractmethod
    def rebuild(self, conn: Connection) -> None:
        """Re-create the index contents from ``paragraphs``."""

    @abstractmethod
    def index_document(self, conn: Connection, doc_id: str) -> None:
        """Index one document's paragraphs (after :meth:`unindex_document`)."""

    def unindex_document(self, conn: Connection, doc_id: str) -> None:  # noqa: B027 - optional hook
        """Remove one document from the index (a no-op where the index follows its table)."""

    def unindexed_documents(self, conn: Connection) -> list[str]:
        """Documents written without :meth:`index_document` (none where the index follows its table)."""
        return []

    def entity_rows(self, cond: str) -> str:
        """A condition on ``entities`` equivalent to ``cond`` (on ``name_key``), in the form the
        backend answers best (SQLite: through the narrow ``name_key`` index, not the wide rows)."""
        return f"({cond})"

    def estimate_scale(self, conn: Connection, walk: WalkStats, params: dict[str, Any], cached: Cached) -> float | None:
        """How many times more the whole index holds than the walk saw, estimated cheaply (index
        statistics or the walked share of the index), or None where the backend cannot say."""
        return None

    def paragraph_spans(self, conn: Connection, doc_ids: list[str]) -> list[Any]:
        """``doc_id, idx, page, start, end, clean_start, clean_end, number, kind`` of the
        paragraphs of ``doc_ids`` (at most 500), in document and paragraph order."""
        marks = ", ".join(f":i{j}" for j in range(len(doc_ids)))
        sql = (
            'SELECT doc_id, idx, page, start, "end", clean_start, clean_end, number, kind FROM paragraphs '
            f"WHERE doc_id IN ({marks}) ORDER BY doc_id, idx"
        )
        return list(conn.execute(text(sql), {f"i{j}": v for j, v in enumerate(doc_ids)}).all())

    def rows_by_id(self, conn: Connection, select: str, column: str, ids: list[str]) -> list[Any]:
        """The rows of ``select`` (a ``SELECT … FROM …`` without ``WHERE``) whose ``column`` is one
        of ``ids`` (at most 500): the summaries a dossier reads, without the ORM's row mappings."""
        marks = ", ".join(f":i{j}" for j in range(len(ids)))
        return list(conn.execute(text(f"{select} WHERE {column} IN ({marks})"), {f"i{j}": v for j, v in enumerate(ids)}).all())

    def mentions_of_documents(self, conn: Connection, doc_ids: list[str]) -> list[Any]:
        """The mentions of ``doc_ids`` (at most 500) with the entity each belongs to, in
        (document, start) order: ``MENTION_COLUMNS`` then ``entity_id`` (NULL for none)."""
        marks = ", ".join(f":i{j}" for j in range(len(doc_ids)))
        sql = f"SELECT {MENTION_COLUMNS} FROM {MENTIONS_WITH_OWNERS} WHERE m.doc_id IN ({marks}) ORDER BY m.doc_id, m.start, m.id"
        return list(conn.execute(text(sql), {f"i{j}": v for j, v in enumerate(doc_ids)}).all())

    def text_slices(self, conn: Connection, slices: list[tuple[str, int, int]]) -> list[Any]:
        """``(k, text)`` for the ``k``-th ``(doc id, first character (1-based), length)`` of
        ``slices`` (at most 200): one ``substr`` of the document's text each."""
        parts, params = [], {}
        for j, (doc_id, start, length) in enumerate(slices):
            parts.append(f"SELECT {j} AS k, substr(text, :s{j}, :n{j}) AS t FROM documents WHERE id = :d{j}")
            params.update({f"d{j}": doc_id, f"s{j}": start, f"n{j}": length})
        return list(conn.execute(text(" UNION ALL ".join(parts)), params).all())

    @abstractmethod
    def json_member(self, column: str, key: str) -> str:
        """SQL for one top-level member of a JSON column (so the rest is not sent)."""

    def json_members(self, column: str, keys: list[str]) -> str | None:
        """SQL for one JSON array of several top-level members of a JSON column, where the
        backend reads them in one pass over the value (None: use :meth:`json_member` for each)."""
        return None

    @abstractmethod
    def phrase(self, words: list[str]) -> str:
        """Match the words next to each other, in order."""

    @abstractmethod
    def prefix(self, word: str) -> str:
        """Match words starting with ``word``."""

    @abstractmethod
    def any_of(self, variants: list[str]) -> str:
        """Match any one of a word's variants."""

    @abstractmethod
    def all_of(self, parts: list[str]) -> str:
        """Match every part."""

    @abstractmethod
    def either(self, parts: list[str]) -> str:
        """Match at least one of the parts (the query's OR)."""

    @abstractmethod
    def without(self, wanted: str, excluded: str) -> str:
        """Match ``wanted`` but not ``excluded`` (the query's NOT)."""

    @abstractmethod
    def count_sql(self) -> str:
        """SQL counting the paragraphs matching ``:match``, at most ``:k`` of them (a bounded count)."""

    @abstractmethod
    def exact_bonus(self) -> str:
        """A score term adding EXACT_BONUS to paragraphs matching ``:exact`` (the query as typed)."""

    @abstractmethod
    def candidates(self, *, bonus: str, where: str, scoring: str = "all", bounded: bool = False, excluding: bool = False) -> str:
        """The first ``:candidates`` paragraphs matching ``:match`` (and the document filters
        ``where`` on ``d``) in index order, each scored, as ``doc_id, idx, score``. ``scoring``
        (see :attr:`ranking_counts_matches`): "all" weighs every term, "some" only the terms of
        ``:score_match``, "none" none (the score is ``bonus``). ``bounded`` (only where
        :attr:`bounded_filter_walk`): the first ``:candidates`` matches whatever the filters, each
        with ``ok`` saying whether its document passes them; with ``excluding`` (only where
        :attr:`excluding_walk`), ``ok`` is also 0 for a paragraph matching ``:excluding``."""


def parse_query(query: str) -> list[dict[str, Any]]:
    """Split any text into terms: ``{"words": [...], "phrase": bool, "prefix": bool}``, leniently.

    Quoted text is a phrase; a trailing ``*`` asks for a prefix match. Punctuation, operators and
    field filters are ignored, so no input can produce an index-syntax error (the strict parser
    with AND/OR/NOT and filters is :func:`declass.store.search_syntax.parse_search`).
    """
    return lenient_terms(query)


def filters(id_column: str = "d.id", **f: Any) -> tuple[str, dict[str, Any]]:
    """SQL conditions on ``documents d`` for the search filters (all bound parameters); the
    other tables with these columns name their document id ``id_column``."""
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
            f"{id_column} IN (SELECT m.doc_id FROM mentions m JOIN entity_members em ON em.mention_id = m.id "
            "WHERE em.entity_id = :f_entity)"
        )
        params["f_entity"] = f["entity"]
    if f.get("has_redactions") is not None:
        sql.append("d.redaction_count > 0" if f["has_redactions"] else "COALESCE(d.redaction_count, 0) = 0")
    if f.get("type"):
        sql.append(f"{id_column} IN (SELECT m.doc_id FROM mentions m WHERE m.label = :f_type)")
        params["f_type"] = f["type"]
    return ("".join(" AND " + s for s in sql), params)


def highlight_words(terms: list[dict[str, Any]], expansions: dict[str, list[str]]) -> list[tuple[str, bool]]:
    """(word, is_prefix) pairs to highlight in snippets."""
    out: list[tuple[str, bool]] = []
    for t in terms:
        for w in t["words"]:
            out.append((w, bool(t["prefix"])))
            out.extend((v, False) for v in expansions.get(w, []))
    return out


@lru_cache(maxsize=256)
def _matcher(words: tuple[tuple[str, bool], ...]) -> Callable[[str], bool]:
    """Whether a token is one of ``words`` (``(word, is_prefix)``) or an inflection of one: the
    words as typed, the prefixes, and for a word of 4+ letters any token that starts with all but
    its last two letters (at least four) and differs in length by at most three, since stemming
    backends match inflections ("report" finds "reported"). Compiled once per search: the three
    tests are a set lookup and two ``str.startswith`` over tuples, instead of a Python loop over
    every word for every token of every snippet (a fifth of a boolean search's CPU at 1M, profiled)."""
    exact = frozenset(w for w, _ in words)
    prefixes = tuple(w for w, prefix in words if prefix)
    stems: dict[str, set[int]] = {}  # stem -> the lengths of the words it stands for
    for w, _ in words:
        if len(w) >= 4:
            stems.setdefault(w[: max(4, len(w) - 2)], set()).add(len(w))
    starts = tuple(stems)

    def matches(token: str) -> bool:
        tok = token.lower()
        if tok in exact or (prefixes and tok.startswith(prefixes)):
            return True
        if not starts or not tok.startswith(starts):
            return False
        n = len(tok)
        return any(tok.startswith(stem) and any(abs(n - k) <= 3 for k in lengths) for stem, lengths in stems.items())

    return matches


def make_snippet(body: str, words: list[tuple[str, bool]], size: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """A window of ``body`` around the first matching word, and the matches' offsets in it."""
    matches = _matcher(tuple(words))
    spans = [m.span() for m in WORD.finditer(body) if matches(m.group())]
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


def hit_from_row(r: Any, p: Any, words: list[tuple[str, bool]], ranked: bool) -> SearchHit:
    """One result row as a SearchHit, with the snippet of its best paragraph ``p`` (if any)."""
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
        hits=int(r["n"]) if ranked else 0,
        idx=r["idx"],
    )
    if p is not None:
        hit.page, hit.paragraph_number = p[0], p[1]
        hit.snippet, hit.highlights = make_snippet(p[2], words)
    return hit


def suggested_query(query: str, suggest: dict[str, str]) -> str | None:
    """The query with each word replaced by its variant with more hits ("did you mean"), or None.
    The replacement keeps the typed word's capitals ("Kandourov" -> "Kandaurov")."""

    def cased(typed: str, better: str) -> str:
        return better.upper() if typed.isupper() else better.capitalize() if typed[:1].isupper() else better

    out = query
    for word, better in suggest.items():
        pattern = rf"(?<![\w-]){re.escape(word)}(?!\w)"
        out = re.sub(pattern, lambda m, b=better: cased(m.group(), b), out, flags=re.IGNORECASE)  # type: ignore[misc]
    return out if suggest and out != query else None
