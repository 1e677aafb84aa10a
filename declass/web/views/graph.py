"""Graph page: people and organisations joined by claims and co-mentions, laid out on the server
(networkx spring layout per connected component, packed; cached) and drawn on a canvas by
``static/graph.js`` with pan, zoom and filters."""

from __future__ import annotations

import threading
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from declass.export.graph import build_graph
from declass.model import HEDGES
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


def layout(g: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]: each connected component gets its own spring layout, sized by the
    square root of its node count, and the components are packed in rows, largest first.

    One spring layout over the whole graph pushes the components (often one per document) to the
    edges and squeezes each into an unreadable ball; packing keeps every component legible.
    """
    if not len(g):
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    singles = [c[0] for c in comps if len(c) == 1]
    # (nodes, local positions in [-1, 1], radius); lone nodes share one grid-shaped block
    blocks: list[tuple[list[Any], dict[Any, Any], float]] = []
    for comp in (c for c in comps if len(c) > 1):
        local = nx.spring_layout(g.subgraph(comp), seed=7, iterations=60, weight=None)
        blocks.append((comp, local, len(comp) ** 0.5))
    if singles:
        side = max(1, round(len(singles) ** 0.5))
        step = 2 / side
        grid = {n: (-1 + step * (i % side + 0.5), -1 + step * (i // side + 0.5)) for i, n in enumerate(singles)}
        blocks.append((singles, grid, (len(singles) ** 0.5) * 0.6))
    # Rows about twice as wide as the packing is tall: the graph canvas is a wide rectangle.
    row_width = max((2 * sum((2 * r) ** 2 for _, _, r in blocks)) ** 0.5 * 1.1, 2 * blocks[0][2])
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    gap = 0.6
    for nodes, local, r in blocks:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for n in nodes:
            lx, ly = local[n]
            pos[n] = (x + r + float(lx) * r, y + r + float(ly) * r)
        x += 2 * r + gap
        row_h = max(row_h, 2 * r)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((px - cx) / half, (py - cy) / half) for n, (px, py) in pos.items()}


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
        layouts[lkey] = layout(sub)
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
    return render(request, "graph.html", {"types": types, "limit": limit, "min_weight": min_weight, "hedges": HEDGES})
