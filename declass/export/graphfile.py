"""GraphML and GEXF: the entity graph of :mod:`declass.export.graph`, written with networkx.

XML 1.0 cannot carry most control characters, not even escaped: one ``\x02`` from a PDF text layer
in a label made the whole file unreadable. Every string attribute passes through
:func:`xml_safe`, which removes the characters XML forbids (C0 controls other than tab, newline
and carriage return, U+FFFE, U+FFFF and unpaired surrogates), so every file written is
well-formed and reads back with ``networkx.read_graphml`` / ``read_gexf``.
"""

from __future__ import annotations

import re
from typing import IO, Any

import networkx as nx

from declass.export.graph import build_graph
from declass.store.base import Store

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot represent."""
    return _XML_ILLEGAL.sub("", text)


def _clean_graph(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose node ids and string attributes are all XML-safe."""
    out = nx.Graph()
    ids = {n: xml_safe(str(n)) for n in g.nodes}
    for n, data in g.nodes(data=True):
        out.add_node(ids[n], **{k: xml_safe(v) if isinstance(v, str) else v for k, v in data.items()})
    for a, b, data in g.edges(data=True):
        out.add_edge(ids[a], ids[b], **{k: xml_safe(v) if isinstance(v, str) else v for k, v in data.items()})
    return out


def write_graph(store: Store, fmt: str, out: IO[Any], *, types: tuple[str, ...] = ("PERSON", "ORG", "LOC")) -> int:
    """Write the entity graph as GraphML or GEXF (binary stream); returns the number of nodes."""
    g = _clean_graph(build_graph(store, types=types))
    if fmt == "graphml":
        nx.write_graphml(g, out, encoding="utf-8")
    else:
        nx.write_gexf(g, out, encoding="utf-8")
    return int(g.number_of_nodes())
