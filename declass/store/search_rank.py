"""How a search ranks its candidates: the match expression of a query tree, which terms are
weighed, the bounded walk of a filtered search and the best
paragraph of each document (used by :mod:`declass.store.sql_search`).

Invariants: a search runs one ranking statement and fetches its at most ``:candidates`` rows
(``doc_id, idx, score[, ok], <facet values>``, see
:meth:`~declass.store.search_query.SearchDialect.candidates`); ``:candidates`` in ``params`` is
the walk's bound. The best paragraph per document, the count and the document facets are
computed from those rows here, not by further statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_expand import Expander
from declass.store.search_query import SearchDialect, WalkStats

__all__ = [
    "WalkStats",
    "Ranked",
    "fetch_hits",
    "filtered_walk",
    "best_documents",
    "match_expression",
    "scoring",
    "split_exclusion",
]
from declass.store.search_syntax import Node

# A term matching at least this many paragraphs is not weighed by SQLite's bm25 (see scoring).
SCORED_PARAGRAPHS = 20_000


def match_expression(
    expander: Expander, dialect: SearchDialect, conn: Connection, tree: Node, fuzzy: bool
) -> tuple[str, dict[str, list[str]], dict[str, str], list[tuple[str, bool, list[str]]]]:
    """The backend's match expression for a query tree, the expansions applied, the
    suggested replacements ("did you mean") and every term's own expression with whether it
    is wanted (False: excluded by NOT) and the expressions whose matches bm25 would count for
    it. Excluded terms are matched as typed."""
    expansions: dict[str, list[str]] = {}
    suggest: dict[str, str] = {}
    parts: list[tuple[str, bool, list[str]]] = []

    def build(node: Node, expand: bool, wanted: bool = True) -> str:
        kind = node[0]
        if kind == "term":
            expr = term_expression(node[1], expand)
            # A phrase costs bm25 the rows of its rarest word (it walks the words' lists together).
            probes = [dialect.any_of([w]) for w in node[1]["words"]] if node[1]["phrase"] else [expr]
            parts.append((expr, wanted, probes))
            return expr
        if kind == "or":
            return dialect.either([build(c, expand, wanted) for c in node[1]])
        if kind == "not":  # only under "and" (parse_search rejects the rest)
            return build(node[1], False, False)
        keep = [build(c, expand, wanted) for c in node[1] if c[0] != "not"]
        excluded = [build(c, False) for c in node[1] if c[0] == "not"]
        match = dialect.all_of(keep)
        return dialect.without(match, dialect.either(excluded)) if excluded else match

    def term_expression(term: dict[str, Any], expand: bool) -> str:
        words = term["words"]
        if term["phrase"]:
            return dialect.phrase(words)
        if term["prefix"]:
            return dialect.prefix(words[0])
        variants: list[str] = []
        if expand:
            variants, better = expander.expand(conn, words[0])
            if better:
                suggest[words[0]] = better
            if variants:
                expansions[words[0]] = variants
        return dialect.any_of([words[0], *variants])

    return build(tree, fuzzy), expansions, suggest, parts


def split_exclusion(tree: Node) -> tuple[Node, list[Node]] | None:
    """``(wanted, excluded)`` of a query whose top level is ``… NOT …`` (an ``and`` with ``not``
    children): the part that must match and the excluded parts; None for any other query."""
    if tree[0] != "and" or not any(c[0] == "not" for c in tree[1]):
        return None
    keep = [c for c in tree[1] if c[0] != "not"]
    wanted = keep[0] if len(keep) == 1 else ("and", keep)
    return wanted, [c[1] for c in tree[1] if c[0] == "not"]


def scoring(
    expander: Expander, dialect: SearchDialect, conn: Connection, parts: list[tuple[str, bool, list[str]]], params: dict[str, Any]
) -> str:
    """How the candidates are scored: "all" (every term is selective enough for the backend's
    ranking), "some" (only the wanted terms in ``:score_match``) or "none" (index order).

    SQLite's bm25 first counts the rows of *every* term of the match (its IDF), which walks
    each term's whole list of rows: 2 x 2.2 million rows for two common words at a million
    documents, more than the rest of the search. A term matching SCORED_PARAGRAPHS or more
    paragraphs has an IDF near zero (bm25 clamps terms in over half the rows to ~0), so it is
    left out of the score: its matches are still required, only not weighed."""
    if not dialect.ranking_counts_matches:
        return "all"
    bound = SCORED_PARAGRAPHS
    selective = [(expr, wanted) for expr, wanted, probes in parts if min(expander.count(conn, p, bound) for p in probes) < bound]
    if len(selective) == len(parts):
        return "all"
    scored = list(dict.fromkeys(expr for expr, wanted in selective if wanted))
    if not scored:
        return "none"
    params["score_match"] = dialect.either(scored)
    return "some"


class Ranked(NamedTuple):
    """A matching document: its best paragraph, score and number of matching paragraphs among the
    kept hits, with the facet values its hits carried from the index."""

    id: str
    idx: int
    score: float
    n: int
    doc_date: str | None
    classification: str | None
    doc_type: str | None
    collection: str | None


def fetch_hits(
    dialect: SearchDialect, conn: Connection, bonus: str, where: str, scoring: str, params: dict[str, Any]
) -> tuple[list[Any], int, WalkStats]:
    """The scored candidate paragraphs of a search (``doc_id, idx, score, <facet values>``), how
    many of them count as scored (the bound when it was reached: the total is then a lower
    bound) and how far the walk went (for the estimated total). One statement, fetched: at most
    ``:candidates`` rows, so the ranking and the facets are computed in Python instead of by
    further statements over temporary tables."""
    if (where or "excluding" in params) and dialect.bounded_filter_walk:
        return filtered_walk(dialect, conn, bonus, where, scoring, params)
    rows = list(conn.execute(text(dialect.candidates(bonus=bonus, where=where, scoring=scoring)), params).all())
    return rows, len(rows), WalkStats(None if where else len(rows), _end(dialect, rows))


def _end(dialect: SearchDialect, rows: Sequence[Any]) -> int | None:
    """The index position the walk reached (the last column ``pos``), where the backend has one."""
    return max((int(r[-1]) for r in rows), default=None) if dialect.walk_position else None


def filtered_walk(
    dialect: SearchDialect, conn: Connection, bonus: str, where: str, scoring: str, params: dict[str, Any]
) -> tuple[list[Any], int, WalkStats]:
    """The hits of a filtered search from the first ``:candidates`` matches in index order,
    whether they pass the filters or not, so the walk is bounded however narrow the filters are.
    When the bounded walk leaves fewer documents than the page needs, every match is walked until
    the bound have passed, so a narrow filter never shows an empty or short first page while
    matches exist.

    With ``:excluding`` in ``params`` (``a NOT b`` where the backend has ``excluding_walk``),
    ``:match`` is ``a`` alone and a candidate matching ``:excluding`` (``a AND b``) is examined
    but not kept, as one failing the filters; the walk of every match runs ``:match_all``
    (``a NOT b``) with ``a``'s score."""
    excluding = "excluding" in params
    sql = dialect.candidates(bonus=bonus, where=where, scoring=scoring, bounded=True, excluding=excluding)
    examined = conn.execute(text(sql), params).all()
    kept = [(r[0], r[1], r[2], *r[4:]) for r in examined if r[3]]  # drop ``ok``
    walk = WalkStats(len(examined), _end(dialect, examined))
    if len(examined) < params["candidates"]:  # every match was examined: the count is exact
        return kept, len(kept), walk
    if len({r[0] for r in kept}) >= params["limit"] + params["offset"]:
        return kept, len(examined), walk
    if excluding:  # b's rows score nothing for a paragraph without b: a's score, without b's IDF count
        params = {**params, "match": params["match_all"]}
        if scoring == "all":
            scoring, params["score_match"] = "some", params["excluding_wanted"]
    rows = list(conn.execute(text(dialect.candidates(bonus=bonus, where=where, scoring=scoring)), params).all())
    return rows, len(rows), WalkStats(None, _end(dialect, rows))


def best_documents(hits: list[Any], cap: int) -> list[Ranked]:
    """The best paragraph of each document among the ``cap`` best hits, best document first
    (score, then date with undated last, then id: the same order on both backends)."""
    top = sorted(hits, key=lambda h: (-h[2], h[0], h[1]))[:cap]
    best: dict[str, Ranked] = {}
    for doc_id, idx, score, *facets in top:
        seen = best.get(doc_id)
        if seen is None:
            best[doc_id] = Ranked(doc_id, idx, float(score or 0), 1, *facets[:4])  # not ``pos``
        else:
            best[doc_id] = seen._replace(n=seen.n + 1)
    return sorted(best.values(), key=lambda d: (-d.score, d.doc_date is None, d.doc_date or "", d.id))
