"""Shared pieces of the CLI: the app, the common options, output helpers and error handling."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from declass.errors import Ambiguous, DeclassError
from declass.settings import Settings, load_settings
from declass.store import Store, open_store

app = typer.Typer(
    name="declass",
    help=(
        "Turn archives of declassified documents into a searchable, cited knowledge base.\n\n"
        "Start with:  declass ingest examples/   then   declass docs   and   declass show DOC"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)

console = Console()
err_console = Console(stderr=True)


class Format(StrEnum):
    """Output formats shared by every command that prints results."""

    text = "text"
    json = "json"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store URL (default sqlite:///declass.db; env DECLASS_DB). E.g. postgresql://user@localhost/declass"
    ),
]
ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help="Run on Dask: local, local:N (N worker processes) or tcp://scheduler:8786 (env DECLASS_CLUSTER; docs/deploy.md)",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text for people, json for scripts (stable keys)")]


def settings_for(db: str | None = None, **changes: Any) -> Settings:
    """Settings from the environment with command-line values on top."""
    return load_settings().with_(db=db, **changes)


@contextmanager
def store_for(db: str | None) -> Iterator[Store]:
    """Open the store named by ``--db`` / ``DECLASS_DB`` and close it afterwards."""
    store = open_store(settings_for(db).db)
    try:
        yield store
    finally:
        store.close()


def print_json(data: Any) -> None:
    """Print data as indented JSON on stdout (no rich markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(exc: DeclassError) -> typer.Exit:
    """Print an error as one line on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    if isinstance(exc, Ambiguous):
        for i, cand in enumerate(exc.candidates[:10], start=1):
            err_console.print(f"  {i}. {cand}", highlight=False)
    return typer.Exit(exc.exit_code)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: turn DeclassError into a one-line message and its exit code."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DeclassError as exc:
            raise fail(exc) from None

    return wrapper


def main() -> None:
    """Console-script entry point."""
    import declass.cli  # noqa: F401  (registers the commands)

    app()
