"""``declass docs`` and ``declass show``: list documents and read one."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from declass.cli.common import DbOption, Format, FormatOption, app, console, handle_errors, print_json, store_for
from declass.model import Document, to_dict


@app.command()
@handle_errors
def docs(
    db: DbOption = None,
    classification: Annotated[str | None, typer.Option("--classification", "-c", help="e.g. SECRET")] = None,
    doc_type: Annotated[
        str | None, typer.Option("--type", "-t", help="information_report, memorandum, cable, dispatch, letter")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest document date, ISO (1950 or 1950-11)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest document date, ISO")] = None,
    collection: Annotated[str | None, typer.Option("--collection", help="crest or jfk")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many rows (pagination)")] = 0,
    fmt: FormatOption = Format.text,
) -> None:
    """List stored documents, filtered by classification, type, date range or collection.

    Example:  declass docs --classification SECRET --from 1950 --to 1951
    """
    with store_for(db) as store:
        rows = store.list_documents(
            classification=classification,
            doc_type=doc_type,
            date_from=date_from,
            date_to=date_to,
            collection=collection,
            limit=limit,
            offset=offset,
        )
    if fmt is Format.json:
        print_json(rows)
        return
    table = Table("title", "number", "date", "class.", "type", "pages", "redact.", "id")
    table.columns[0].min_width = 20
    for column in table.columns[1:3]:  # number and date stay whole; the rest may wrap
        column.no_wrap = True
    for r in rows:
        table.add_row(
            (r["title"] or "")[:60],
            r["number"] or "-",
            r["doc_date"] or "-",
            r["classification"] or "-",
            r["doc_type"] or "-",
            str(r["page_count"]),
            str(r["redaction_count"]),
            r["id"][:10],
        )
    console.print(table)
    if not rows:
        console.print("no documents match; ingest some with `declass ingest PATH`")


@app.command()
@handle_errors
def show(
    doc: Annotated[str, typer.Argument(help="Document id (or a prefix of 6+ characters), document number, or file name")],
    db: DbOption = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Print the clean text with paragraph numbers")] = True,
    fmt: FormatOption = Format.text,
) -> None:
    """Show a document: metadata, redactions and clean text with paragraph numbers.

    Example:  declass show CIA-RDP82-00457R006100750010-5
    """
    with store_for(db) as store:
        document = store.get_document(doc)
        seen = store.sightings(document.id)
    if fmt is Format.json:
        print_json(document_json(document, seen, with_text=text))
        return
    _print_document(document, seen, text)


def document_json(doc: Document, seen: list[dict[str, Any]], *, with_text: bool = True) -> dict[str, Any]:
    """The stable JSON shape of ``declass show --format json``."""
    return {
        "id": doc.id,
        "source_path": doc.source_path,
        "media_type": doc.media_type,
        "title": doc.title,
        "metadata": to_dict(doc.metadata),
        "pages": [to_dict(p) for p in doc.pages],
        "redactions": [to_dict(r) for r in doc.redactions],
        "redaction_counts": redaction_counts(doc),
        "paragraphs": [
            {
                "index": p.index,
                "number": p.number,
                "page": p.page,
                "kind": p.kind,
                "text": doc.clean_text[p.clean_start : p.clean_end],
            }
            for p in doc.paragraphs
        ]
        if with_text
        else [],
        "sightings": seen,
        "warnings": doc.warnings,
    }


def redaction_counts(doc: Document) -> dict[str, Any]:
    """Redactions per page and in total, by kind."""
    per_page: dict[int, dict[str, int]] = {}
    for r in doc.redactions:
        per_page.setdefault(r.page, {}).setdefault(r.kind, 0)
        per_page[r.page][r.kind] += 1
    total: dict[str, int] = {}
    for r in doc.redactions:
        total[r.kind] = total.get(r.kind, 0) + 1
    return {"total": total, "per_page": {str(k): v for k, v in sorted(per_page.items())}}


def _print_document(doc: Document, seen: list[dict[str, Any]], with_text: bool) -> None:
    m = doc.metadata
    table = Table(show_header=False, title=doc.title, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, Any]] = [
        ("id", doc.id),
        ("numbers", ", ".join(f"{i.value} ({i.scheme})" for i in m.identifiers)),
        ("classification", m.classification),
        ("type", m.doc_type),
        ("subject", m.subject),
        ("country", m.country),
        ("date", m.doc_date),
        ("distributed", m.date_distributed),
        ("released", m.release_date),
        (
            "pages",
            f"{len(doc.pages)} in file"
            + (f", {m.pages_stated} stated" if m.pages_stated else "")
            + (f", {m.pages_withheld} withheld" if m.pages_withheld else ""),
        ),
        ("unevaluated", "yes: THIS IS UNEVALUATED INFORMATION" if m.unevaluated else None),
        ("redactions", _fmt_redactions(doc)),
        ("files", "; ".join(str(s["path"]) for s in seen)),
        ("warnings", "; ".join(doc.warnings)),
    ]
    for key, value in rows:
        if value:
            table.add_row(key, Text(str(value)))
    console.print(table)
    if any(p.source != "text" for p in doc.pages):
        console.print(page_table(doc))
    if with_text:
        page = None
        for p in doc.paragraphs:
            if p.page != page:
                page = p.page
                console.print(Text(f"\n— page {page} —", style="dim"))
            label = f"¶{p.index}" + (f" [{p.number}]" if p.number else "")
            console.print(Text(label, style="cyan"), Text(doc.clean_text[p.clean_start : p.clean_end].strip()))


def page_table(doc: Document) -> Table:
    """Per page of a PDF or scan: where its reading text comes from, its score and the OCR facts."""
    table = Table("page", "source", "quality", "conf.", "other reading", "engine", "dpi", "rot.", "note", title="pages")
    for p in doc.pages:
        scan = p.scan
        engine = f"{scan['engine']} {scan.get('version') or ''} {scan.get('lang') or ''}".strip() if scan.get("engine") else "-"
        other = f"{p.alt_source} {_score(p.alt_quality)}" if p.alt_source else "-"
        note = "blank" if scan.get("blank") else str(scan.get("error") or "")
        table.add_row(
            str(p.number),
            p.source,
            _score(p.quality),
            f"{p.confidence:.0f}" if p.confidence is not None else "-",
            other,
            engine,
            str(scan.get("dpi") or "-"),
            str(scan.get("rotation") or 0) if "rotation" in scan else "-",
            note,
        )
    return table


def _score(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def _fmt_redactions(doc: Document) -> str | None:
    if not doc.redactions:
        return None
    counts = redaction_counts(doc)["total"]
    codes = sorted({r.code for r in doc.redactions if r.code})
    return ", ".join(f"{n} {k}" for k, n in counts.items()) + (f" (codes: {', '.join(codes)})" if codes else "")
