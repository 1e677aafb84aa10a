"""``declass trace NAME`` and ``declass timeline [NAME]``: a person's or organisation's dossier,
and dated events in order."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer
from rich.table import Table

from declass.cli.common import DbOption, Format, FormatOption, app, console, handle_errors, print_json, store_for
from declass.model import to_dict
from declass.timeline import build_timeline
from declass.trace import pick_entity, trace
from declass.trace_render import cite, print_text, to_json, to_markdown


class TraceFormat(str, Enum):  # noqa: UP042  (same style as common.Format)
    """Output formats of ``declass trace``."""

    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("trace")
@handle_errors
def trace_cmd(
    name: Annotated[str, typer.Argument(help="A name as printed or transliterated: Belik, Kandaurov, Tretiakov, NTS, MVD")],
    db: DbOption = None,
    pick: Annotated[int | None, typer.Option("--pick", help="Choose candidate N when the name is ambiguous")] = None,
    fmt: Annotated[TraceFormat, typer.Option("--format", "-f", help="text, markdown (research note) or json")] = TraceFormat.text,
) -> None:
    """Trace a name through the archive: variants, aliases, roles, claims with citations, timeline.

    Example:  declass trace Kandaurov --format markdown > kandaurov.md
    """
    with store_for(db) as store:
        dossier = trace(store, name, pick=pick)
    if fmt is TraceFormat.json:
        print_json(to_json(dossier))
    elif fmt is TraceFormat.markdown:
        sys.stdout.write(to_markdown(dossier))
    else:
        print_text(dossier, console)


@app.command("timeline")
@handle_errors
def timeline_cmd(
    name: Annotated[str | None, typer.Argument(help="Only events about this entity (tolerant lookup, as in trace)")] = None,
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest date, ISO (1949 or 1950-05)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date, ISO")] = None,
    pick: Annotated[int | None, typer.Option("--pick", help="Choose candidate N when the name is ambiguous")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Dated events from claims (and, for a NAME, dated sentences), in date order.

    Example:  declass timeline MVD --from 1946 --to 1954
    """
    with store_for(db) as store:
        if name:
            entity, _, _ = pick_entity(store, name, pick, members=True)
            names = {m: entity.name for m in entity.mention_ids}
            events = build_timeline(
                store, mention_ids=entity.mention_ids, doc_ids=entity.doc_ids, names=names, date_from=date_from, date_to=date_to
            )
        else:
            events = build_timeline(store, date_from=date_from, date_to=date_to)
        summaries = store.document_summaries({e.doc_id for e in events})
        numbers = {d: row["number"] or row["source_path"].rsplit("/", 1)[-1] for d, row in summaries.items()}
    if fmt is Format.json:
        print_json([to_dict(e) for e in events])
        return
    table = Table("when", "precision", "event", "hedge", "source")
    for e in events:
        table.add_row(e.time, e.precision, e.text, e.hedge, cite(e.citation, numbers))
    console.print(table)
    if not events:
        console.print("no dated events; ingest documents with `declass ingest PATH`")
