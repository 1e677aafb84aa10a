"""The graph page's layout: components laid out apart, all positions in [-1, 1]."""

from __future__ import annotations

import networkx as nx

from declass.web.views.graph import layout


def _box(pos: dict, nodes: list) -> tuple[float, float, float, float]:
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def test_components_do_not_overlap_and_fit_the_unit_square() -> None:
    # Three documents' co-mention cliques (sizes like the example archive's) and two lone entities.
    g = nx.Graph()
    sizes = [33, 30, 15]
    start = 0
    comps = []
    for n in sizes:
        nodes = list(range(start, start + n))
        g.add_edges_from((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :])
        comps.append(nodes)
        start += n
    g.add_nodes_from(["lone-1", "lone-2"])
    pos = layout(g)
    assert set(pos) == set(g.nodes)
    assert all(-1.0001 <= c <= 1.0001 for p in pos.values() for c in p)
    boxes = [_box(pos, c) for c in comps]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    # Each clique is spread out, not collapsed into a ball.
    x0, y0, x1, y1 = boxes[0]
    assert x1 - x0 > 0.3 and y1 - y0 > 0.3


def test_empty_and_single_node_graphs() -> None:
    assert layout(nx.Graph()) == {}
    g = nx.Graph()
    g.add_node("a")
    assert layout(g) == {"a": (0.0, 0.0)}
