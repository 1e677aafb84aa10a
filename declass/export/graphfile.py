"""GraphML and GEXF: the entity graph of :mod:`declass.export.graph`, written with networkx."""

from __future__ import annotations

from typing import IO, Any

import networkx as nx

from declass.export.graph import build_graph
from declass.store.base import Store


def write_graph(store: Store, fmt: str, out: IO[Any], *, types: tuple[str, ...] = ("PERSON", "ORG", "LOC")) -> int:
    """Write the entity graph as GraphML or GEXF (binary stream); returns the number of nodes."""
    g = build_graph(store, types=types)
    if fmt == "graphml":
        nx.write_graphml(g, out, encoding="utf-8")
    else:
        nx.write_gexf(g, out, encoding="utf-8")
    return int(g.number_of_nodes())
