"""CSV (one table at a time) and JSON Lines (everything, one record per line with a ``kind``).

CSV cells are protected against formula injection as OWASP recommends: a text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or with the protecting quote itself) is
written with a leading ``'``, so a spreadsheet shows it as text instead of evaluating
``=HYPERLINK(...)``. :func:`unprotect_cell` reverses it exactly (:func:`read_csv`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from declass.errors import ConfigError
from declass.model import to_dict
from declass.store.base import Store, paged

PAGE = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROTECT = "'"


def protect_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (text cells only; numbers pass)."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, PROTECT)):
        return PROTECT + value
    return value


def unprotect_cell(value: str) -> str:
    """The cell text :func:`protect_cell` was given."""
    return value[1:] if value.startswith(PROTECT) else value


def read_csv(lines: IO[str]) -> list[dict[str, str]]:
    """Rows of a declass CSV export with the formula protection removed (the round-trip reader)."""
    return [{k: unprotect_cell(v) for k, v in row.items()} for row in csv.DictReader(lines)]


def iter_documents(store: Store) -> Iterator[dict[str, Any]]:
    """Document summaries, paging through the store."""
    return paged(lambda limit, offset: store.list_documents(limit=limit, offset=offset), PAGE)


def iter_entities(store: Store) -> Iterator[Any]:
    """Every entity, paging through the store."""
    return paged(lambda limit, offset: store.list_entities(limit=limit, offset=offset), PAGE)


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Flat rows of one table, for CSV."""
    if table == "documents":
        for d in iter_documents(store):
            yield {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for k, v in d.items()}
    elif table == "entities":
        for e in iter_entities(store):
            yield {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "mentions": len(e.mention_ids),
                "documents": len(e.doc_ids),
                "variants": "; ".join(e.variants),
                "aliases": "; ".join(e.aliases),
            }
    elif table == "mentions":
        entity_of = {mid: e.id for e in iter_entities(store) for mid in e.mention_ids}
        for m in store.iter_mentions():
            yield {
                "id": m.id,
                "doc_id": m.doc_id,
                "label": m.label,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "page": m.page,
                "paragraph": m.paragraph,
                "norm": m.norm,
                "entity_id": entity_of.get(m.id),
            }
    elif table == "claims":
        for c in store.iter_claims():
            cite = c.citation
            yield {
                "id": c.id,
                "doc_id": c.doc_id,
                "subject": c.subject,
                "predicate": c.predicate,
                "object": c.object,
                "value": c.value,
                "time": c.time,
                "place": c.place,
                "hedge": c.hedge,
                "negated": c.negated,
                "speaker": c.speaker,
                "unevaluated": c.unevaluated,
                "page": cite.page if cite else None,
                "paragraph": cite.paragraph if cite else None,
                "quote": cite.quote if cite else None,
            }
    else:
        raise ConfigError(f"unknown table {table!r}; choose documents, entities, mentions or claims")


def write_csv(store: Store, table: str, out: IO[str]) -> int:
    """One table as CSV with a header row; returns the number of rows."""
    writer: csv.DictWriter[str] | None = None
    n = 0
    for row in rows(store, table):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: protect_cell(v) for k, v in row.items()})
        n += 1
    if writer is None:
        rows_header = {"documents": ["id"], "entities": ["id", "type", "name"], "mentions": ["id"], "claims": ["id"]}[table]
        csv.writer(out).writerow(rows_header)
    return n


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Documents (with clean text), entities, mentions and claims, one JSON object per line."""
    n = 0

    def emit(kind: str, data: dict[str, Any]) -> None:
        nonlocal n
        out.write(json.dumps({"kind": kind, **data}, ensure_ascii=False, default=str) + "\n")
        n += 1

    for d in iter_documents(store):
        doc = store.get_document(d["id"])
        emit("document", {**d, "source_path": doc.source_path, "metadata": to_dict(doc.metadata), "clean_text": doc.clean_text})
    for e in iter_entities(store):
        emit("entity", to_dict(e))
    for m in store.iter_mentions():
        emit("mention", to_dict(m))
    for c in store.iter_claims():
        emit("claim", to_dict(c))
    return n
