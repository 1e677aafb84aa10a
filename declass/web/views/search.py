"""Search page: full-text over clean text with OCR-tolerant matching, snippets, facets and filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from declass.store.results import SearchResults
from declass.store.search_syntax import QuerySyntaxError, plain_words
from declass.store.sql_search import FACET_SAMPLE, MAX_QUERY_CHARS
from declass.web.views import IsoDate, Limit, Offset, ShortText, render, store_of

router = APIRouter()
SEARCH_FILTERS = ("entity", "type", "classification", "doc_type", "date_from", "date_to", "collection", "has_redactions")

QueryText = Annotated[
    str,
    Query(
        max_length=MAX_QUERY_CHARS,
        description='Words, "a phrase", prefix*, AND/OR/NOT, (groups), field:value filters; OCR variants are added',
    ),
]


@dataclass
class SearchParams:
    """The query parameters shared by the search page and its JSON twin."""

    q: QueryText = ""
    entity: ShortText = None
    type: ShortText = None
    classification: ShortText = None
    doc_type: ShortText = None
    date_from: IsoDate = None
    date_to: IsoDate = None
    collection: ShortText = None
    has_redactions: bool | None = None
    fuzzy: bool = True
    limit: Limit = 20
    offset: Offset = 0

    def filters(self) -> dict[str, str]:
        """The filters that are set, by name."""
        return {k: v for k in SEARCH_FILTERS if (v := getattr(self, k)) is not None and v != ""}


Params = Annotated[SearchParams, Depends()]


def search_data(request: Request, p: SearchParams) -> dict[str, Any]:
    """Run the store's search and add paging information."""
    store = store_of(request)
    filters = p.filters()
    kwargs: dict[str, Any] = {k: getattr(p, k) for k in SEARCH_FILTERS}
    kwargs.update(fuzzy=p.fuzzy, limit=p.limit, offset=p.offset)
    notice = None
    try:
        found = store.search(p.q, **kwargs)
    except QuerySyntaxError as exc:
        # A query the language cannot read is searched as its plain words, with the reason shown.
        notice = f"{exc}. Searched for the plain words instead."
        plain = plain_words(p.q)
        found = store.search(plain, **kwargs) if plain else SearchResults(p.q, 0, True, p.limit, p.offset, {}, [], {}, [])
        found.query = p.q
    result = found.to_dict()
    result["notice"] = notice
    result["total_label"] = count_label(found.total, found.total_exact, found.total_estimate)
    result["facet_sample"] = FACET_SAMPLE
    result["facet_notes"] = facet_notes(found)
    result["filters"] = filters
    if p.entity:
        try:
            result["filters"]["entity_name"] = store.get_entity(p.entity).name
        except Exception:  # noqa: BLE001 - an unknown entity id just shows as its id
            pass
    result["next_offset"] = p.offset + p.limit if p.offset + p.limit < result["total"] else None
    result["prev_offset"] = max(p.offset - p.limit, 0) if p.offset > 0 else None
    result["documents_total"] = store.count_documents()
    return result


def facet_notes(found: SearchResults) -> dict[str, str]:
    """Facet name -> why its counts are not over every matching document, shown beside the
    facet: the entity and mention-type facets count the best ``entity_facet_sample`` documents when
    more match; every facet counts only the ranked matches when the total is a lower bound."""
    notes: dict[str, str] = {}
    if not found.total_exact:
        for name in ("classification", "doc_type", "collection", "decade"):
            notes[name] = f"in the {found.total:,} ranked documents"
    if found.entity_facet_sample:
        for name in ("entity", "type"):
            notes[name] = f"in the best {found.entity_facet_sample:,} documents"
    return notes


def count_label(total: int, exact: bool, estimate: int | None = None) -> str:
    """How a count is shown: "12,345" when exact, "about 12,000" when estimated (two significant
    figures: the estimate is no more precise), "1,000+" when it is a lower bound (capped)."""
    if exact:
        return f"{total:,}"
    if estimate is not None:
        return f"about {round(estimate, 2 - len(str(estimate))) if estimate >= 100 else estimate:,}"
    return f"{total:,}+"


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


@router.get("/api/search", tags=["search"], summary="Full-text search with facets")
def api_search(request: Request, params: Params) -> dict[str, Any]:
    """Documents matching the query and filters (all documents when ``q`` is empty), with facets."""
    return search_data(request, params)


@router.get("/search/help", response_class=HTMLResponse, include_in_schema=False)
def search_help(request: Request) -> HTMLResponse:
    """The query language with examples: words, phrases, prefixes, AND/OR/NOT, the field
    filters, "did you mean", malformed queries and how counts are labelled."""
    return render(request, "search_help.html", {"facet_sample": FACET_SAMPLE})


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, params: Params) -> HTMLResponse:
    return render(request, "search.html", search_data(request, params))
