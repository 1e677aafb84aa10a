"""``declass export FORMAT [-o FILE]``: GraphML, GEXF, FollowTheMoney, CSV or JSON Lines."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from declass.cli.common import DbOption, app, err_console, handle_errors, store_for
from declass.export import export


class ExportFormat(StrEnum):
    """Formats ``declass export`` writes."""

    graphml = "graphml"
    gexf = "gexf"
    ftm = "ftm"
    csv = "csv"
    jsonl = "jsonl"


class Table(StrEnum):
    """Tables ``declass export csv`` writes."""

    documents = "documents"
    entities = "entities"
    mentions = "mentions"
    claims = "claims"


BINARY = {ExportFormat.graphml, ExportFormat.gexf}


@app.command("export")
@handle_errors
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Argument(metavar="FORMAT", help="graphml | gexf | ftm | csv | jsonl")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: standard output)")] = None,
    table: Annotated[Table, typer.Option("--table", help="For csv: which table")] = Table.entities,
    db: DbOption = None,
) -> None:
    """Export the knowledge base for other tools.

    Examples:  declass export graphml -o entities.graphml   ·   declass export ftm -o aleph.ftm.json
    ·   declass export csv --table mentions -o mentions.csv   ·   declass export jsonl | gzip > all.jsonl.gz
    """
    binary = fmt in BINARY
    with store_for(db) as store:
        if output is None:
            stream = sys.stdout.buffer if binary else sys.stdout
            n = export(store, fmt.value, stream, table=table.value)
            stream.flush()
        elif binary:
            with open(output, "wb") as bfh:
                n = export(store, fmt.value, bfh, table=table.value)
        else:
            with open(output, "w", encoding="utf-8", newline="") as tfh:
                n = export(store, fmt.value, tfh, table=table.value)
    err_console.print(f"exported {n} {'nodes' if binary else 'records'} as {fmt.value}" + (f" to {output}" if output else ""))
