"""``declass ingest`` and ``declass summary``: load files into the store and report what is there."""

from __future__ import annotations

import unicodedata
from contextlib import AbstractContextManager, nullcontext
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from declass.cli.common import (
    ClusterOption,
    DbOption,
    Format,
    FormatOption,
    app,
    console,
    err_console,
    handle_errors,
    print_json,
    settings_for,
)
from declass.ingest import IngestReport, Outcome, ingest_paths
from declass.pipeline.ocr import engine
from declass.store import open_store


def printable(text: str) -> str:
    """``text`` safe for one terminal line: control and bidi-format characters shown as escapes.

    File names and failure reasons come from the input; a newline or an ANSI escape in a name must
    not start a forged line or recolour the terminal. Rich markup in them is escaped as well.
    """
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return escape("".join(out))


class ClusterFiles(StrEnum):
    """The ``--cluster-files`` choices."""

    shared = "shared"
    send = "send"


class OcrMode(StrEnum):
    """The ``--ocr`` choices."""

    auto = "auto"
    always = "always"
    never = "never"


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (searched recursively) of .txt, .md, .pdf, .tif/.tiff, .png and .jpg")
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Worker processes (default: CPU count; 1 = no pool)")
    ] = None,
    max_file_mb: Annotated[
        float | None, typer.Option("--max-file-mb", help="Refuse files larger than this (default 200)")
    ] = None,
    extract: Annotated[
        bool | None, typer.Option("--extract/--no-extract", help="Run entity extraction, claims and resolution")
    ] = None,
    ocr: Annotated[
        OcrMode | None,
        typer.Option("--ocr", help="OCR scanned pages: auto (no or poor text layer; default), always, never"),
    ] = None,
    cluster: ClusterOption = None,
    cluster_files: Annotated[
        ClusterFiles | None,
        typer.Option(
            "--cluster-files",
            help="With --cluster: shared (workers read files by path; default) or send (this process sends their bytes)",
        ),
    ] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Ingest documents into the store, then print a summary.

    Each file is hashed; content already stored is recorded as a new sighting and not processed
    again, so running the same command twice, or again after an interruption, is safe. Every run
    ends by finishing what earlier runs left pending (extraction, claims, resolution; see
    `declass status`).

    Exit status: 0 when every file was ingested (or unchanged/skipped), 1 when some files failed
    (each failure is printed as one line naming the file and the reason), 130 when interrupted.

    With `--cluster` the pipeline runs as Dask tasks (docs/scale.md); this process still writes.
    Workers read the files by path unless `--cluster-files send` has this process send their bytes.

    Example:  declass ingest examples/ --db sqlite:///archive.db --workers 2
    """
    settings = settings_for(
        db,
        workers=workers,
        max_file_mb=max_file_mb,
        extract=extract,
        ocr=ocr.value if ocr else None,
        cluster=cluster,
        cluster_files=cluster_files.value if cluster_files else None,
    )
    if settings.ocr != "never" and engine.version() is None:
        err_console.print(f"[yellow]ocr:[/] Tesseract not found, OCR is skipped ({engine.INSTALL_HINT})", highlight=False)
    store = open_store(settings.db)
    try:
        with cluster_session(settings.cluster, settings.workers, quiet=fmt is Format.json):
            report = _run_with_progress(store, paths, settings, quiet=fmt is Format.json)
        summary = store.summary()
        pending = store.pending_counts()
    finally:
        store.close()
    if fmt is Format.json:
        print_json(
            {
                "run_id": report.run_id,
                "interrupted": report.interrupted,
                "outcomes": [_outcome(o) for o in report.outcomes],
                "finished": {"extracted": len(report.extracted), "resolved": len(report.resolved)},
                "stage_errors": report.stage_errors,
                "pending": pending,
                "summary": summary,
            }
        )
    else:
        _print_run(report)
        print_summary(summary)
    raise typer.Exit(report.exit_code)


def cluster_session(address: str | None, workers: int, quiet: bool = False) -> AbstractContextManager[Any]:
    """The Dask session for ``--cluster`` (one for the whole command), or nothing without it."""
    if not address:
        return nullcontext()
    from declass.cluster import session

    return _announced(session(address, workers), quiet)


class _announced(AbstractContextManager[Any]):
    """A session that prints its dashboard address on stderr once it is open."""

    def __init__(self, inner: AbstractContextManager[Any], quiet: bool) -> None:
        self.inner, self.quiet = inner, quiet

    def __enter__(self) -> Any:
        client = self.inner.__enter__()
        if not self.quiet:
            err_console.print(f"cluster: {client.scheduler.address}, dashboard {client.dashboard_link}", highlight=False)
        return client

    def __exit__(self, *exc: Any) -> bool | None:
        return self.inner.__exit__(*exc)


class PageCount:
    """The pages the progress bar shows: those of finished files plus those read so far of files in progress.

    A long scan reports its pages while it is read (``reading``); when its outcome arrives
    (``finished``) the pages already counted are not counted again, and a page event that arrives
    from a worker's queue after the outcome is ignored.
    """

    def __init__(self) -> None:
        self.total = 0
        self.in_progress: dict[str, int] = {}
        self.done: set[str] = set()

    def reading(self, path: str, pages: int) -> int:
        """``pages`` of ``path`` are read so far; returns the new total."""
        if path not in self.done:
            self.total += pages - self.in_progress.get(path, 0)
            self.in_progress[path] = pages
        return self.total

    def finished(self, path: str, pages: int) -> int:
        """``path`` has its outcome, with ``pages`` pages; returns the new total."""
        read = self.in_progress.pop(path, 0)
        self.total += max(pages, read) - read  # a file that failed after some pages keeps them counted
        self.done.add(path)
        return self.total


def _run_with_progress(store: Any, paths: list[str], settings: Any, quiet: bool) -> IngestReport:
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files, {task.fields[pages]} pages"),  # scans: pages are what takes the time
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
        disable=quiet,
    )
    with progress:
        task = progress.add_task("", total=None, pages=0)
        pages = PageCount()

        def on_pages(path: str, read: int) -> None:
            progress.update(task, pages=pages.reading(path, read), description=path.rsplit("/", 1)[-1][:40])

        def on_outcome(outcome: Outcome) -> None:
            total = pages.finished(outcome.path, outcome.pages)
            progress.update(task, advance=1, pages=total, description=outcome.path.rsplit("/", 1)[-1][:40])
            if outcome.status == "failed":
                progress.console.print(
                    f"[red]failed:[/] {printable(outcome.path)}: {printable(outcome.reason or '')}",
                    highlight=False,
                    soft_wrap=True,
                )

        report = ingest_paths(
            store, paths, settings, on_outcome=on_outcome, on_total=lambda n: progress.update(task, total=n), on_pages=on_pages
        )
    if report.interrupted:
        err_console.print("[yellow]interrupted:[/] documents stored so far are complete; run the same command again to resume.")
    return report


def _outcome(o: Outcome) -> dict[str, Any]:
    return {"path": o.path, "status": o.status, "reason": o.reason, "doc_id": o.doc_id, "pages": o.pages}


def _print_run(report: IngestReport) -> None:
    parts = [f"{report.count(s)} {s}" for s in ("ingested", "unchanged", "skipped", "failed") if report.count(s)]
    console.print(f"run {report.run_id}: " + (", ".join(parts) or "no files found"))
    for o in report.outcomes:
        if o.status == "skipped":
            console.print(f"  skipped {printable(o.path)}: {printable(o.reason or '')}", highlight=False, style="dim")
    earlier = len((set(report.extracted) | set(report.resolved)) - set(report.new_doc_ids))
    if earlier:
        console.print(f"finished {earlier} document(s) earlier runs left pending", highlight=False)
    for error in report.stage_errors:
        err_console.print(f"[yellow]pending:[/] {printable(error)}", highlight=False, soft_wrap=True)


def print_summary(summary: dict[str, Any]) -> None:
    """Print the store summary as a table."""
    table = Table(title="declass store", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    red = summary["redactions"]
    codes = ", ".join(f"{k} x{v}" for k, v in sorted(red["codes"].items())) or "none"
    rows = [
        ("documents", str(summary["documents"])),
        ("pages", str(summary["pages"])),
        ("redactions", f"{red['boxes']} boxes; codes: {codes}; {red['pages_withheld']} pages withheld"),
        ("classifications", _fmt_counts(summary["classifications"])),
        ("document types", _fmt_counts(summary["doc_types"])),
        ("collections", _fmt_counts(summary["collections"])),
        ("mentions / entities / claims", f"{summary['mentions']} / {summary['entities']} / {summary['claims']}"),
        ("failures", str(len(summary["failures"]))),
    ]
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
    for failure in summary["failures"]:
        console.print(
            f"  [red]failed[/] {printable(failure['path'])}: {printable(failure['reason'] or '')}",
            highlight=False,
            soft_wrap=True,
        )


def _fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "-"


@app.command()
@handle_errors
def summary(db: DbOption = None, fmt: FormatOption = Format.text) -> None:
    """Print totals of the store: documents, pages, redactions, classifications, failures.

    Example:  declass summary --format json
    """
    store = open_store(settings_for(db).db)
    try:
        data = store.summary()
    finally:
        store.close()
    print_json(data) if fmt is Format.json else print_summary(data)
