"""How a search ranks its candidates: the match expression of a query tree, which terms are
weighed, the bounded walk of a filtered search and the temporary tables the ranking writes (used
by :mod:`declass.store.sql_search`).

Invariants: ``search_hits(doc_id, idx, score, ok, <facet columns>)`` and ``search_docs`` are temporary tables of the
connection, made once per DBAPI connection (committed) and emptied by every search (PostgreSQL
empties them at commit too); ``:candidates`` in ``params`` is the walk's bound.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.search_expand import Expander
from declass.store.search_query import SearchDialect
from declass.store.search_syntax import Node

# A term matching at least this many paragraphs is not weighed by SQLite's bm25 (see scoring).
SCORED_PARAGRAPHS = 20_000
# The facet values every candidate carries from the ranking pass (see SearchDialect.candidates).
FACET_COLUMNS = "doc_date, classification, doc_type, collection"
HITS = f"search_hits (doc_id, idx, score, {FACET_COLUMNS})"
HITS_OK = f"search_hits (doc_id, idx, score, ok, {FACET_COLUMNS})"


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


def temp_tables(dialect: SearchDialect, conn: Connection) -> None:
    """Create the search's temporary tables once per database connection, committed, so a
    search does not pay for catalog writes (10-20 ms on PostgreSQL, where a rolled-back
    CREATE had to be repeated by every search). PostgreSQL empties them at each commit."""
    info = conn.connection.info
    if info.get("declass_search_tables"):
        return
    opts = dialect.temp_options
    facets = "doc_date TEXT, classification TEXT, doc_type TEXT, collection TEXT"
    hits = f"search_hits (doc_id TEXT, idx INTEGER, score REAL, ok INTEGER, {facets})"  # ok: see filtered_walk
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {hits}{opts}")
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS search_docs (id TEXT PRIMARY KEY, idx INTEGER, score REAL, n INTEGER, {facets}){opts}"
    )
    conn.commit()
    info["declass_search_tables"] = True


def filtered_walk(dialect: SearchDialect, conn: Connection, bonus: str, where: str, scoring: str, params: dict[str, Any]) -> int:
    """Fill ``search_hits`` for a filtered search from the first ``:candidates``
    matches in index order, whether they pass the filters or not, so the walk is bounded
    however narrow the filters are; return how many matches count as scored (the bound when
    it was reached: the total is then a lower bound). When the bounded walk leaves fewer
    documents than the page needs, every match is walked until the bound have passed, so a
    narrow filter never shows an empty or short first page while matches exist."""
    sql = dialect.candidates(bonus=bonus, where=where, scoring=scoring, bounded=True)
    conn.execute(text(f"INSERT INTO {HITS_OK} {sql}"), params)
    examined = conn.exec_driver_sql("SELECT COUNT(*) FROM search_hits").scalar() or 0
    conn.exec_driver_sql("DELETE FROM search_hits WHERE ok = 0")
    if examined < params["candidates"]:  # every match was examined: the count is exact
        return int(conn.exec_driver_sql("SELECT COUNT(*) FROM search_hits").scalar() or 0)
    docs = conn.exec_driver_sql("SELECT COUNT(DISTINCT doc_id) FROM search_hits").scalar() or 0
    if docs >= params["limit"] + params["offset"]:
        return int(examined)
    conn.exec_driver_sql("DELETE FROM search_hits")
    sql = dialect.candidates(bonus=bonus, where=where, scoring=scoring)
    conn.execute(text(f"INSERT INTO {HITS} {sql}"), params)
    return int(conn.exec_driver_sql("SELECT COUNT(*) FROM search_hits").scalar() or 0)
