"""The search's side panels: facet counts over the matching documents and the entities whose names
match the query. Shared by both backends; ``join`` is the backend's join keyword
(:attr:`~declass.store.search_query.SearchDialect.join`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from declass.store.results import EntityFacet, FacetCount, MatchedEntity
from declass.store.search_query import SearchDialect

# The mentions of some documents with the entity each belongs to (NULL for none).
_OWNED_MENTIONS = "SELECT m.doc_id, m.label, em.entity_id FROM mentions m LEFT JOIN entity_members em ON em.mention_id = m.id"
# Entity types shown as the entity facet and usable in the type filter.
FACET_ENTITY_TYPES = ("PERSON", "ORG", "LOC", "CRYPTONYM")


def facets(
    conn: Connection, join: str, source: str, cond: str, params: dict[str, Any], *, browse: bool
) -> dict[str, list[FacetCount | EntityFacet]]:
    """Counts of documents per value among the matching documents (``source`` and ``cond`` select
    them as ``d``, with the columns of ``documents`` used here): the browse and filtered-browse
    pages, which have no ranked matches."""
    out: dict[str, list[FacetCount | EntityFacet]] = {}
    for col in ("classification", "doc_type", "collection"):
        rows = conn.execute(
            text(
                f"SELECT d.{col} AS v, COUNT(*) AS n FROM {source} WHERE d.{col} IS NOT NULL{cond} "
                f"GROUP BY d.{col} ORDER BY n DESC, v LIMIT 20"
            ),
            params,
        ).all()
        out[col] = [FacetCount(v, int(n)) for v, n in rows]
    rows = conn.execute(
        text(
            f"SELECT substr(d.doc_date, 1, 3) AS v, COUNT(*) AS n FROM {source} WHERE d.doc_date IS NOT NULL{cond} "
            "GROUP BY substr(d.doc_date, 1, 3) ORDER BY v"
        ),
        params,
    ).all()
    out["decade"] = [FacetCount(f"{v}0s", int(n)) for v, n in rows]
    out.update(mention_facets(conn, join, source, cond, params, browse=browse))
    return out


def document_facets(docs: Iterable[Any]) -> dict[str, list[FacetCount | EntityFacet]]:
    """The same document counts as :func:`facets`, over ranked matches that carry their facet
    values (``classification``, ``doc_type``, ``collection``, ``doc_date`` attributes): no query."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("classification", "doc_type", "collection", "decade")}
    for d in docs:
        for col in ("classification", "doc_type", "collection"):
            value = getattr(d, col)
            if value is not None:
                counts[col][value] += 1
        if d.doc_date is not None:
            counts["decade"][d.doc_date[:3]] += 1
    out: dict[str, list[FacetCount | EntityFacet]] = {}
    for col in ("classification", "doc_type", "collection"):
        ranked = sorted(counts[col].items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        out[col] = [FacetCount(v, n) for v, n in ranked]
    out["decade"] = [FacetCount(f"{v}0s", n) for v, n in sorted(counts["decade"].items())]
    return out


def mention_facets(
    conn: Connection, join: str, source: str, cond: str, params: dict[str, Any], *, browse: bool
) -> dict[str, list[FacetCount | EntityFacet]]:
    """The entity and mention-type counts of the documents ``source``/``cond`` select as ``d``:
    they read mentions, the costly part, so a search passes only its best documents."""
    types = ", ".join(f"'{t}'" for t in FACET_ENTITY_TYPES)
    j = join
    if browse:  # every document: the store-wide counts are already on the entities
        rows = conn.execute(
            text(f"SELECT id, name, type, doc_count FROM entities WHERE type IN ({types}) ORDER BY doc_count DESC, name LIMIT 15")
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
    return {
        "entity": [EntityFacet(i, name, t, int(n)) for i, name, t, n in rows],
        "type": [FacetCount(v, int(n or 0)) for v, n in label_rows],
    }


Labels = Callable[[Connection, list[str]], dict[str, tuple[str, str]]]


def sample_facets(
    conn: Connection, doc_ids: list[str], dialect: SearchDialect, labels: Labels
) -> dict[str, list[FacetCount | EntityFacet]]:
    """The entity and mention-type counts of the documents ``doc_ids`` (a search's best
    FACET_SAMPLE, at most 500), as :func:`mention_facets` counts them, from one read of their
    mentions and owners; ``labels`` gives the (name, type) of entity ids (cached by the caller
    until the entities change: the join to the entities' wide rows for every mention cost a
    third of the read)."""
    if not doc_ids:
        return {"entity": [], "type": []}
    rows = dialect.rows_by_id(conn, _OWNED_MENTIONS, "m.doc_id", doc_ids)
    named = labels(conn, list({ent_id for _, _, ent_id in rows if ent_id is not None}))
    by_label: dict[str, set[str]] = {}
    entities: dict[tuple[str, str, str], set[str]] = {}
    for doc_id, label, ent_id in rows:
        by_label.setdefault(label, set()).add(doc_id)
        if ent_id in named and named[ent_id][1] in FACET_ENTITY_TYPES:
            entities.setdefault((ent_id, *named[ent_id]), set()).add(doc_id)
    top = sorted(entities.items(), key=lambda kv: (-len(kv[1]), kv[0][1]))[:15]
    return {
        "entity": [EntityFacet(i, name, t, len(docs)) for (i, name, t), docs in top],
        "type": [FacetCount(v, len(docs)) for v, docs in sorted(by_label.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
    }


def matching_entities(
    conn: Connection, terms: list[dict[str, Any]], expansions: dict[str, list[str]], etype: str | None, dialect: SearchDialect
) -> list[MatchedEntity]:
    """Entities whose name key contains the longest query word or one of its variants, most mentioned first."""
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
            f"SELECT id, name, type, mention_count, doc_count FROM entities WHERE {dialect.entity_rows(clauses)}{type_sql} "
            "ORDER BY mention_count DESC, name LIMIT 8"
        ),
        params,
    ).all()
    return [MatchedEntity(i, n, t, mc, dc) for i, n, t, mc, dc in rows]
