"""The entity graph shared by the graph page and the GraphML/GEXF exports.

Nodes are resolved entities (by default people and organisations); an edge joins two entities that
are the subject and object of a claim, or that are mentioned in the same document (co-mention).
Edge attributes are scalars so the graph writes to GraphML and GEXF as is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import networkx as nx

from declass.model import Entity
from declass.store.base import Store, paged

DEFAULT_TYPES = ("PERSON", "ORG")
PAGE = 1000
# A document naming more entities than this adds no co-mention edges (lists, indexes): too noisy.
MAX_ENTITIES_PER_DOC = 60


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def iter_all_entities(store: Store, types: tuple[str, ...]) -> list[Any]:
    """Every entity of the given types, paging through the store."""

    def of_type(t: str) -> Iterator[Entity]:
        return paged(lambda limit, offset: store.list_entities(type=t, limit=limit, offset=offset), PAGE)

    return [e for t in types for e in of_type(t)]


def document_dates(store: Store) -> dict[str, str | None]:
    """doc id -> document date, for every stored document."""
    docs = paged(lambda limit, offset: store.list_documents(limit=limit, offset=offset), PAGE)
    return {d["id"]: d.get("doc_date") for d in docs}


def build_graph(store: Store, *, types: tuple[str, ...] = DEFAULT_TYPES, co_mentions: bool = True) -> nx.Graph:
    """An undirected weighted graph of entities with claim and co-mention edges."""
    g = nx.Graph()
    ents = iter_all_entities(store, types)
    entity_of: dict[str, str] = {}
    docs_of: dict[str, set[str]] = defaultdict(set)
    for e in ents:
        g.add_node(e.id, label=e.name, type=e.type, mentions=len(e.mention_ids), documents=len(e.doc_ids))
        for mid in e.mention_ids:
            entity_of[mid] = e.id
        docs_of[e.id].update(e.doc_ids)
    if any(not e.doc_ids for e in ents):  # resolution did not record doc ids: derive them from mentions
        for m in store.iter_mentions():
            eid = entity_of.get(m.id)
            if eid:
                docs_of[eid].add(m.doc_id)
        for eid, docs in docs_of.items():
            g.nodes[eid]["documents"] = len(docs)
    dates = document_dates(store)
    edges: dict[tuple[str, str], dict[str, Any]] = {}

    def edge(a: str, b: str) -> dict[str, Any]:
        key = (a, b) if a < b else (b, a)
        return edges.setdefault(
            key, {"co_mentions": 0, "claims": 0, "predicates": set(), "hedges": set(), "years": set(), "docs": set()}
        )

    if co_mentions:
        by_doc: dict[str, list[str]] = defaultdict(list)
        for eid, docs in docs_of.items():
            for d in docs:
                by_doc[d].append(eid)
        for doc_id, members in by_doc.items():
            if len(members) > MAX_ENTITIES_PER_DOC:
                continue
            year = _year(dates.get(doc_id))
            for a, b in combinations(sorted(members), 2):
                e = edge(a, b)
                e["co_mentions"] += 1
                e["docs"].add(doc_id)
                if year:
                    e["years"].add(year)
    for c in store.iter_claims():
        sa, sb = entity_of.get(c.subject), entity_of.get(c.object or "")
        if not sa or not sb or sa == sb:
            continue
        a, b = sa, sb
        e = edge(a, b)
        e["claims"] += 1
        e["predicates"].add(c.predicate + (" (negated)" if c.negated else ""))
        e["hedges"].add(c.hedge)
        e["docs"].add(c.doc_id)
        year = _year(c.time) or _year(dates.get(c.doc_id))
        if year:
            e["years"].add(year)
    for (a, b), e in edges.items():
        attrs: dict[str, Any] = {
            "weight": e["claims"] * 3 + e["co_mentions"],
            "co_mentions": e["co_mentions"],
            "claims": e["claims"],
            "kind": "claim" if e["claims"] else "co-mention",
            "predicates": "; ".join(sorted(e["predicates"])),
            "hedges": "; ".join(sorted(e["hedges"])),
            "documents": len(e["docs"]),
        }
        if e["years"]:
            attrs["year_min"], attrs["year_max"] = min(e["years"]), max(e["years"])
        g.add_edge(a, b, **attrs)
    return g
