"""Graph page: people and organisations joined by claims and co-mentions, laid out on the server
(networkx spring layout, cached) and drawn on a canvas by ``static/graph.js`` with pan, zoom and filters."""

from __future__ import annotations

import threading
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from declass.export.graph import build_graph
from declass.store.base import Store
from declass.web.views import render, store_of

router = APIRouter()

MAX_NODES = 2000
Types = Annotated[str, Query(max_length=60, pattern=r"^[A-Za-z_,]*$", description="Comma-separated entity types")]
_lock = threading.Lock()


def _graph(request: Request, types: tuple[str, ...]) -> nx.Graph:
    """The full graph for these types, rebuilt when the number of documents or entities changes."""
    store: Store = store_of(request)
    key = (types, store.count_documents(), len(store.list_entities(limit=1)))
    cache: dict[Any, nx.Graph] = request.app.state.__dict__.setdefault("graph_cache", {})
    with _lock:
        if key not in cache:
            cache.clear()
            cache[key] = build_graph(store, types=types)
        return cache[key]


def graph_data(request: Request, types: str, limit: int, min_weight: int) -> dict[str, Any]:
    """The ``limit`` most mentioned entities and the edges among them, with layout positions in [-1, 1]."""
    wanted = tuple(t.strip().upper() for t in types.split(",") if t.strip()) or ("PERSON", "ORG")
    full = _graph(request, wanted)
    top = sorted(full.nodes, key=lambda n: (-full.nodes[n].get("mentions", 0), n))[:limit]
    sub = full.subgraph(top).copy()
    sub.remove_edges_from([(a, b) for a, b, w in sub.edges(data="weight") if w < min_weight])
    layouts: dict[Any, dict[str, Any]] = request.app.state.__dict__.setdefault("layout_cache", {})
    lkey = (id(full), tuple(sorted(sub.nodes)), sub.number_of_edges())
    if lkey not in layouts:
        if len(layouts) > 16:
            layouts.clear()
        k = 1.5 / max(len(sub), 1) ** 0.5
        layouts[lkey] = nx.spring_layout(sub, seed=7, k=k, iterations=60, weight=None) if len(sub) else {}
    pos = layouts[lkey]
    degree = dict(sub.degree())
    nodes = [
        {
            "id": n,
            "label": a.get("label"),
            "type": a.get("type"),
            "mentions": a.get("mentions", 0),
            "documents": a.get("documents", 0),
            "degree": degree.get(n, 0),
            "x": round(float(pos[n][0]), 4),
            "y": round(float(pos[n][1]), 4),
        }
        for n, a in sub.nodes(data=True)
    ]
    edges = [{"source": a, "target": b, **{k: v for k, v in d.items()}} for a, b, d in sub.edges(data=True)]
    return {
        "types": list(wanted),
        "limit": limit,
        "min_weight": min_weight,
        "total_nodes": full.number_of_nodes(),
        "total_edges": full.number_of_edges(),
        "nodes": nodes,
        "edges": edges,
    }


@router.get("/api/graph", tags=["graph"], summary="Entity graph (nodes with layout, edges from claims and co-mentions)")
def api_graph(
    request: Request,
    types: Types = "PERSON,ORG",
    limit: Annotated[int, Query(ge=1, le=MAX_NODES)] = 500,
    min_weight: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> dict[str, Any]:
    return graph_data(request, types, limit, min_weight)


@router.get("/graph", response_class=HTMLResponse, include_in_schema=False)
def graph_page(
    request: Request,
    types: Types = "PERSON,ORG",
    limit: Annotated[int, Query(ge=1, le=MAX_NODES)] = 500,
    min_weight: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    return render(request, "graph.html", {"types": types, "limit": limit, "min_weight": min_weight})
