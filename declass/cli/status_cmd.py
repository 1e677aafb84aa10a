"""``declass status``: which stored documents still need a stage (extraction, claims, resolution)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from declass.cli.common import DbOption, Format, FormatOption, app, console, handle_errors, print_json, store_for
from declass.cli.ingest_cmd import printable
from declass.store.base import STAGES, Store


def pending_status(store: Store, *, show: int = 10) -> dict[str, Any]:
    """Documents stored, and for every stage how many documents still need it (with the first few)."""
    counts = store.pending_counts()
    docs: dict[str, list[dict[str, Any]]] = {}
    for stage in STAGES:
        ids = store.pending_documents(stage, limit=show) if counts[stage] else []
        summaries = store.document_summaries(ids)
        docs[stage] = [{"id": i, "source_path": summaries.get(i, {}).get("source_path")} for i in ids]
    return {"documents": store.count_documents(), "pending": counts, "examples": docs}


@app.command()
@handle_errors
def status(
    db: DbOption = None,
    show: Annotated[int, typer.Option("--show", min=0, help="List this many pending documents per stage")] = 10,
    fmt: FormatOption = Format.text,
) -> None:
    """Show what the store still has to do: documents pending extraction, claims or resolution.

    Every `declass ingest` ends by finishing all pending stages, whatever stopped an earlier run
    (Ctrl-C, kill -9, a failure in a stage); this command only reads.

    Example:  declass status --db sqlite:///archive.db
    """
    with store_for(db) as store:
        data = pending_status(store, show=show)
    if fmt is Format.json:
        print_json(data)
    else:
        console.print(f"{data['documents']} documents stored")
        for stage in STAGES:
            n = data["pending"][stage]
            console.print(f"  {stage:<8} {'nothing pending' if not n else f'{n} pending'}", highlight=False)
            for doc in data["examples"][stage]:
                console.print(
                    f"    {doc['id'][:12]}  {printable(doc['source_path'] or '')}", highlight=False, markup=False, soft_wrap=True
                )
        if any(data["pending"].values()):
            console.print("run `declass ingest` (any paths, or the same ones again) to finish them", style="dim")
