"""Typed results of the store's read-side queries: full-text search and mention citations.

These are views assembled by a query, not domain facts (those are in :mod:`declass.model`): the
store returns them from :meth:`~declass.store.Store.search` and
:meth:`~declass.store.Store.mention_citations`, and readers (the web pages, the benchmarks) use
them. ``to_dict`` gives the JSON shape of the web API, which is documented in docs/web.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class SearchHit:
    """One matching document: its summary and its best paragraph, with a highlighted snippet."""

    id: str
    number: str | None
    title: str | None
    classification: str | None
    doc_type: str | None
    doc_date: str | None
    collection: str | None
    pages: int
    redactions: int
    file: str  # the file name of the source path
    score: float
    hits: int  # matching paragraphs in the document (0 when browsing)
    idx: int | None  # the best paragraph (None when browsing)
    page: int | None = None
    paragraph_number: str | None = None
    snippet: str = ""
    highlights: list[list[int]] = field(default_factory=list)  # [start, end] offsets into the snippet


@dataclass(slots=True)
class FacetCount:
    """How many matching documents carry one value of a document field (or mention label)."""

    value: str
    count: int


@dataclass(slots=True)
class EntityFacet:
    """How many matching documents name one entity."""

    value: str  # entity id
    label: str  # entity name
    type: str
    count: int


@dataclass(slots=True)
class MatchedEntity:
    """An entity whose name matches a query word (shown beside the results)."""

    id: str
    name: str
    type: str
    mentions: int
    documents: int


@dataclass(slots=True)
class SearchResults:
    """A page of search results with the expansions applied, the facets and matching entities."""

    query: str
    total: int
    total_exact: bool  # False when the total is a lower bound (too many matching paragraphs)
    limit: int
    offset: int
    expansions: dict[str, list[str]]  # query word -> OCR/transliteration variants also searched
    results: list[SearchHit]
    facets: dict[str, list[FacetCount | EntityFacet]]  # classification, doc_type, collection, decade, entity, type
    entities: list[MatchedEntity]
    suggestion: str | None = None  # "did you mean": the query with a variant that has more hits
    # Set when the entity and mention-type facets were counted in the best this-many documents
    # only (more documents matched): the page labels those counts as sampled.
    entity_facet_sample: int | None = None
    # "exact", "estimated" (``total_estimate`` is the estimate; ``total`` stays the lower bound
    # counted) or "lower bound" (no estimate: the page shows "1,000+").
    total_kind: str = "exact"
    total_estimate: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``/api/search`` (before the web view adds paging and filters)."""
        return asdict(self)


@dataclass(slots=True)
class MentionCitation:
    """A mention with its document and the paragraph it stands in: a cited line of an entity page."""

    mention_id: str
    doc_id: str
    label: str
    text: str  # the surface form as printed
    start: int  # offset into the document's original text
    mention_page: int
    doc_number: str | None = None
    doc_title: str | None = None
    doc_date: str | None = None
    classification: str | None = None
    paragraph: int | None = None  # the paragraph's index
    page: int | None = None  # the paragraph's page
    paragraph_number: str | None = None  # as printed ("4", "5.a")
    paragraph_start: int | None = None  # original-text offset of the paragraph
    paragraph_text: str | None = None  # the paragraph's clean text
