"""Timeline page: dated claims and dated documents in order, filterable by entity and date range.

A thin view over :func:`declass.timeline.build_timeline` (the timeline ``declass timeline`` and the
trace show): this module only pages the events and shapes them for the page and its JSON twin.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from declass.records import TimelineEvent
from declass.store.base import Store
from declass.timeline import build_timeline
from declass.web.views import IsoDate, Limit, Offset, ShortText, render, store_of

router = APIRouter()


def timeline_data(
    store: Store, entity: str | None, date_from: str | None, date_to: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Events (claims with a time, documents with a date) sorted by date, paged, with counts per year.

    With ``entity``, the claims about its mentions and the documents naming it; without, every
    dated claim and document. Dates filter by what an event may cover ("1950" is in 1950-06).
    """
    entity_name = None
    if entity:
        ent = store.get_entity(entity)
        entity_name = ent.name
        doc_ids = ent.doc_ids or sorted({c.doc_id for c in store.mention_citations(ent.mention_ids)})
        events = build_timeline(
            store,
            mention_ids=ent.mention_ids,
            doc_ids=doc_ids,
            names={m: ent.name for m in ent.mention_ids},
            date_from=date_from,
            date_to=date_to,
            dated_sentences=False,
            documents=True,
        )
    else:
        events = build_timeline(store, date_from=date_from, date_to=date_to, dated_sentences=False, documents=True)
    page = events[offset : offset + limit]
    summaries = store.document_summaries({e.doc_id for e in page if e.kind == "document"})
    per_year = Counter(e.time[:4] for e in events if e.time[:4].isdigit())
    peak = max(per_year.values(), default=1)
    return {
        "entity": entity,
        "entity_name": entity_name,
        "date_from": date_from,
        "date_to": date_to,
        "total": len(events),
        "limit": limit,
        "offset": offset,
        "events": [_event(e, summaries.get(e.doc_id, {})) for e in page],
        "next_offset": offset + limit if offset + limit < len(events) else None,
        "prev_offset": max(offset - limit, 0) if offset > 0 else None,
        "years": [{"year": y, "count": n, "share": round(n / peak, 3)} for y, n in sorted(per_year.items())],
    }


def _event(e: TimelineEvent, summary: dict[str, Any]) -> dict[str, Any]:
    """One event as the page shows it: a claim's sides and quote, or a document's title and number."""
    out: dict[str, Any] = {"date": e.time, "kind": e.kind, "precision": e.precision, "text": e.text, "doc_id": e.doc_id}
    if e.kind == "document":
        out.update(title=summary.get("title"), number=summary.get("number"), classification=summary.get("classification"))
        return out
    out.update(
        predicate=e.predicate,
        hedge=e.hedge,
        negated=e.negated,
        subject=e.subject,
        object=e.object,
        paragraph=e.citation.paragraph if e.citation else None,
        quote=e.citation.quote if e.citation else None,
    )
    return out


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
