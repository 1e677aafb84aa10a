"""Exports of a store: GraphML and GEXF (entity graph), FollowTheMoney entities, CSV, JSON Lines.

``export(store, fmt, out)`` writes one format to a binary or text stream; each format lives in its
own module and each round-trips in ``tests/export``.
"""

from __future__ import annotations

from typing import IO, Any

from declass.store.base import Store

FORMATS = ("graphml", "gexf", "ftm", "csv", "jsonl")
CSV_TABLES = ("documents", "entities", "mentions", "claims")


def export(store: Store, fmt: str, out: IO[Any], *, table: str = "entities") -> int:
    """Write the store in ``fmt`` to ``out``; returns how many records (nodes, entities, rows) were written."""
    if fmt in ("graphml", "gexf"):
        from declass.export.graphfile import write_graph

        return write_graph(store, fmt, out)
    if fmt == "ftm":
        from declass.export.ftm import write_ftm

        return write_ftm(store, out)
    if fmt == "csv":
        from declass.export.tables import write_csv

        return write_csv(store, table, out)
    if fmt == "jsonl":
        from declass.export.tables import write_jsonl

        return write_jsonl(store, out)
    from declass.errors import ConfigError

    raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
