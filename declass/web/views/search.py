"""Search page: full-text over clean text with OCR-tolerant matching, snippets, facets and filters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from declass.store.sql_search import MAX_QUERY_CHARS
from declass.web.views import IsoDate, Limit, Offset, ShortText, render, store_of

router = APIRouter()

QueryText = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description='Words, "a phrase", prefix*; OCR variants are added')]


def search_data(
    request: Request,
    q: str,
    entity: str | None,
    type: str | None,
    classification: str | None,
    doc_type: str | None,
    date_from: str | None,
    date_to: str | None,
    collection: str | None,
    fuzzy: bool,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Run the store's search and add paging information."""
    store = store_of(request)
    result: dict[str, Any] = store.search(  # type: ignore[attr-defined]
        q,
        entity=entity,
        type=type,
        classification=classification,
        doc_type=doc_type,
        date_from=date_from,
        date_to=date_to,
        collection=collection,
        fuzzy=fuzzy,
        limit=limit,
        offset=offset,
    )
    result["filters"] = {
        k: v
        for k, v in {
            "entity": entity,
            "type": type,
            "classification": classification,
            "doc_type": doc_type,
            "date_from": date_from,
            "date_to": date_to,
            "collection": collection,
        }.items()
        if v
    }
    if entity:
        try:
            result["filters"]["entity_name"] = store.get_entity(entity).name
        except Exception:  # noqa: BLE001 - an unknown entity id just shows as its id
            pass
    result["next_offset"] = offset + limit if offset + limit < result["total"] else None
    result["prev_offset"] = max(offset - limit, 0) if offset > 0 else None
    result["documents_total"] = store.count_documents()
    return result


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


@router.get("/api/search", tags=["search"], summary="Full-text search with facets")
def api_search(
    request: Request,
    q: QueryText = "",
    entity: ShortText = None,
    type: ShortText = None,
    classification: ShortText = None,
    doc_type: ShortText = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    collection: ShortText = None,
    fuzzy: bool = True,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents matching the query and filters (all documents when ``q`` is empty), with facets."""
    return search_data(request, q, entity, type, classification, doc_type, date_from, date_to, collection, fuzzy, limit, offset)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: QueryText = "",
    entity: ShortText = None,
    type: ShortText = None,
    classification: ShortText = None,
    doc_type: ShortText = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    collection: ShortText = None,
    fuzzy: bool = True,
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    data = search_data(request, q, entity, type, classification, doc_type, date_from, date_to, collection, fuzzy, limit, offset)
    return render(request, "search.html", data)
