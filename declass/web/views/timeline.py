"""Timeline page: dated claims and dated documents in order, filterable by entity and date range."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from declass.export.graph import document_dates
from declass.store.base import Store
from declass.web.views import IsoDate, Limit, Offset, ShortText, render, store_of

router = APIRouter()


def timeline_data(
    store: Store, entity: str | None, date_from: str | None, date_to: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Events (claims with a time, documents with a date) sorted by date, paged, with counts per year."""
    entity_name = None
    if entity:
        ent = store.get_entity(entity)
        entity_name = ent.name
        claims = list(store.iter_claims(mention_ids=ent.mention_ids))
        doc_ids = set(ent.doc_ids) or {m.doc_id for m in store.iter_mentions() if m.id in set(ent.mention_ids)}
    else:
        claims = list(store.iter_claims())
        doc_ids = None
    mention_text = {}
    wanted_docs = {c.doc_id for c in claims if c.time}
    for d in wanted_docs:
        for m in store.iter_mentions(doc_id=d):
            mention_text[m.id] = m.text
    events: list[dict[str, Any]] = []
    for c in claims:
        if not c.time:
            continue
        events.append(
            {
                "date": c.time,
                "kind": "claim",
                "predicate": c.predicate,
                "hedge": c.hedge,
                "negated": c.negated,
                "subject": mention_text.get(c.subject, c.subject),
                "object": mention_text.get(c.object or "", c.value),
                "doc_id": c.doc_id,
                "paragraph": c.citation.paragraph if c.citation else None,
                "quote": c.citation.quote if c.citation else None,
            }
        )
    dates = document_dates(store)
    summaries: dict[str, dict[str, Any]] = {}
    for doc_id, date in dates.items():
        if date and (doc_ids is None or doc_id in doc_ids):
            summaries[doc_id] = {"date": date, "kind": "document", "doc_id": doc_id}
    if summaries:
        for row in _summaries(store, set(summaries)):
            summaries[row["id"]].update(
                {"title": row.get("title"), "number": row.get("number"), "classification": row.get("classification")}
            )
    events.extend(summaries.values())
    if date_from:
        events = [e for e in events if e["date"] >= date_from]
    if date_to:
        events = [e for e in events if e["date"] <= date_to + "\uffff"]
    events.sort(key=lambda e: (e["date"], e["kind"] != "document", e.get("doc_id") or ""))
    per_year = Counter(e["date"][:4] for e in events if e["date"][:4].isdigit())
    peak = max(per_year.values(), default=1)
    return {
        "entity": entity,
        "entity_name": entity_name,
        "date_from": date_from,
        "date_to": date_to,
        "total": len(events),
        "limit": limit,
        "offset": offset,
        "events": events[offset : offset + limit],
        "next_offset": offset + limit if offset + limit < len(events) else None,
        "prev_offset": max(offset - limit, 0) if offset > 0 else None,
        "years": [{"year": y, "count": n, "share": round(n / peak, 3)} for y, n in sorted(per_year.items())],
    }


def _summaries(store: Store, ids: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    offset = 0
    while True:
        batch = store.list_documents(limit=1000, offset=offset)
        out.extend(d for d in batch if d["id"] in ids)
        if len(batch) < 1000:
            return out
        offset += 1000


@router.get("/api/timeline", tags=["timeline"], summary="Dated claims and documents in order")
def api_timeline(
    request: Request,
    entity: ShortText = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    return timeline_data(store_of(request), entity, date_from, date_to, limit, offset)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    entity: ShortText = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> HTMLResponse:
    return render(request, "timeline.html", timeline_data(store_of(request), entity, date_from, date_to, limit, offset))
