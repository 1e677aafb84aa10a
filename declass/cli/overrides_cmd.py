"""``declass overrides list | export | import``: the corrections of a store, and sharing them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from declass.cli.common import DbOption, Format, FormatOption, app, console, err_console, handle_errors, print_json, store_for
from declass.errors import InputError
from declass.resolve.sharing import export_overrides, import_overrides

overrides_app = typer.Typer(
    help="The corrections (overrides) of a store: list them, export them as JSON Lines, import them into another store.",
    no_args_is_help=True,
)
app.add_typer(overrides_app, name="overrides")


@overrides_app.command("list")
@handle_errors
def list_command(
    limit: Annotated[int, typer.Option(help="How many, newest first")] = 50, db: DbOption = None, fmt: FormatOption = Format.text
) -> None:
    """Every correction, newest first, undone ones marked (as on the web history page).

    Example:  declass overrides list --limit 20
    """
    from declass.web.views.review import history_data  # the history page's rows, so both read alike

    with store_for(db) as store:
        data = history_data(store, limit, 0)
    if fmt == Format.json:
        print_json(data["items"])
        return
    for o in data["items"]:
        undone = f"  [undone by {o['undone_by']}]" if o["undone_at"] else ""
        who = o["reviewer"] or "command line"
        console.print(f"#{o['id']}  {o['created_at']}  {who}: {o['summary']}{undone}", highlight=False, soft_wrap=True)


@overrides_app.command("export")
@handle_errors
def export_command(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSON Lines file to write (default: standard output)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the corrections in force as JSON Lines, mentions named by document sha256 and offsets.

    Example:  declass overrides export -o corrections.jsonl
    """
    with store_for(db) as store:
        if output is None:
            n = export_overrides(store, sys.stdout)
        else:
            try:
                with output.open("w", encoding="utf-8") as fh:
                    n = export_overrides(store, fh)
            except OSError as exc:
                raise InputError(str(output), f"cannot write: {exc.strerror or exc}") from exc
    err_console.print(f"exported {n} correction(s)" + (f" to {output}" if output else ""))


@overrides_app.command("import")
@handle_errors
def import_command(
    file: Annotated[Path, typer.Argument(help="JSON Lines written by `declass overrides export`")],
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Apply another store's corrections to this one (the same documents, matched by sha256 and offsets).

    Example:  declass overrides import corrections.jsonl --db sqlite:///other.db
    """
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(file), f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    with store_for(db) as store:
        report = import_overrides(store, lines, str(file))
    if fmt == Format.json:
        print_json({"added": report.added, "skipped": report.skipped})
        return
    for line in report.skipped:
        err_console.print(f"skipped {line}", highlight=False)
    console.print(f"imported {report.added} correction(s), skipped {len(report.skipped)}")
