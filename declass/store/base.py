"""The one interface behind which declass keeps its data, whatever the backend.

``open_store(url)`` returns an implementation chosen by the URL (``sqlite:///file.db`` or
``postgresql://...``). Callers never see SQL. Writes of one document happen in one transaction
(:meth:`Store.add_document`), so an interrupted ingest leaves either the whole document or none.

Sections below are owned by the pipeline areas: documents (ingest), mentions and entities
(extraction, resolution), claims (claims and trace), search and citations (web, trace, timeline).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from declass.model import Claim, Document, Entity, Judgement, Mention, Paragraph, Relation
from declass.store.results import MentionCitation, SearchResults

T = TypeVar("T")

# The stages that run after a document is stored, in order. Extraction and claims run together
# today (one spaCy parse); they are separate so a later stage (OCR, a new claims rule set) can be
# left pending on its own. ``declass status`` lists the documents each still has to reach.
STAGES = ("extract", "claims", "resolve")


class Store(ABC):
    """Abstract store: every read and write of declass data goes through these methods."""

    url: str

    # -- lifecycle -------------------------------------------------------------------------
    @abstractmethod
    def migrate(self) -> None:
        """Bring the schema to the head revision (runs automatically on open)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""

    # -- documents ---------------------------------------------------------------------------
    @abstractmethod
    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this sha256 is stored (complete)."""

    @abstractmethod
    def add_document(self, doc: Document, *, pending: Iterable[str] = ()) -> None:
        """Store a processed document with all its spans, mentions and claims, in one transaction.

        Replaces an existing document with the same id (a re-run of the pipeline); records a
        sighting of ``doc.source_path``. ``pending`` names the stages (:data:`STAGES`) the document
        still needs; they replace its earlier pending stages in the same transaction.
        """

    def add_documents(self, docs: Sequence[Document], *, pending: Iterable[str] = ()) -> None:
        """Store several processed documents in one transaction: all of them, or none.

        Each is stored as :meth:`add_document` stores it; the batch saves a commit per document
        and lets rows of one table go in one multi-row insert. This default writes them one by
        one; the SQL store overrides it.
        """
        for doc in docs:
            self.add_document(doc, pending=pending)

    @abstractmethod
    def add_facts(
        self,
        doc_id: str,
        mentions: list[Mention],
        relations: list[Relation],
        claims: list[Claim],
        *,
        pending: Iterable[str] | None = None,
    ) -> None:
        """Append some of a stored document's mentions, relations and claims (one batch of windows
        of a long document) in one transaction; ``pending``, if given, replaces its pending stages
        in the same transaction (the last batch marks the extraction done)."""

    @abstractmethod
    def clear_facts(self, doc_id: str) -> None:
        """Delete a stored document's mentions (and their entity memberships), relations and claims,
        before its extraction is redone: facts a stopped run stored are replaced, never duplicated."""

    # -- stage status ------------------------------------------------------------------------
    @abstractmethod
    def pending_documents(self, stage: str, *, limit: int | None = None) -> list[str]:
        """Ids of the documents that still need ``stage``, in id order."""

    @abstractmethod
    def mark_pending(self, stage: str, doc_ids: Iterable[str]) -> None:
        """Record that stored documents need ``stage`` (again)."""

    @abstractmethod
    def mark_done(self, stage: str, doc_ids: Iterable[str]) -> None:
        """Record that ``stage`` is finished for these documents."""

    @abstractmethod
    def pending_counts(self) -> dict[str, int]:
        """stage -> how many documents still need it, for every stage of :data:`STAGES`."""

    @abstractmethod
    def add_sighting(self, doc_id: str, path: str) -> None:
        """Record that a path was seen holding an already-stored document."""

    @abstractmethod
    def get_document(self, ref: str) -> Document:
        """A document by id, id prefix (>= 6 chars), document number or file name.

        Raises NotFound, or Ambiguous listing the candidates.
        """

    @abstractmethod
    def list_documents(
        self,
        *,
        classification: str | None = None,
        doc_type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        collection: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Summaries (id, number, title, classification, doc_type, doc_date, pages, redactions...)."""

    @abstractmethod
    def document_summaries(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, number, title, doc_date, classification, source_path}, without loading text.

        Unknown ids are left out.
        """

    @abstractmethod
    def count_documents(self) -> int:
        """How many documents are stored."""

    @abstractmethod
    def count_mentions(self) -> int:
        """How many mentions the store holds."""

    @abstractmethod
    def sightings(self, doc_id: str) -> list[dict[str, Any]]:
        """Every (path, seen_at) at which a document was seen."""

    @abstractmethod
    def log_ingest(self, run_id: str, path: str, status: str, reason: str | None = None, sha256: str | None = None) -> None:
        """Append a line to the ingest log (ingested | unchanged | skipped | failed)."""

    @abstractmethod
    def ingest_log(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """Ingest log lines, for one run or all."""

    @abstractmethod
    def summary(self) -> dict[str, Any]:
        """Totals: documents, pages, redactions by code, classifications, doc types, failures."""

    # -- mentions ----------------------------------------------------------------------------
    @abstractmethod
    def iter_mentions(
        self, *, doc_id: str | None = None, label: str | None = None, doc_ids: Iterable[str] | None = None
    ) -> Iterator[Mention]:
        """Stored mentions, optionally for one document, several documents or one label; in
        (document, start) order."""

    @abstractmethod
    def iter_relations(self, *, doc_id: str | None = None) -> Iterator[Relation]:
        """Stored textual relations (alias, acronym, role)."""

    # -- entities (resolution) ---------------------------------------------------------------
    @abstractmethod
    def add_judgements(self, judgements: Iterable[Judgement]) -> None:
        """Append pairwise judgements."""

    @abstractmethod
    def iter_judgements(self) -> Iterator[Judgement]:
        """All stored judgements."""

    @abstractmethod
    def clear_judgements(self, *, source: str = "auto") -> None:
        """Delete the judgements of one source (re-resolution replaces the automatic ones)."""

    @abstractmethod
    def replace_entities(self, entities: Iterable[Entity], *, mention_ids: Iterable[str] | None = None) -> None:
        """Write entity clusters; with ``mention_ids`` only the clusters touching them change."""

    @abstractmethod
    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Append entities whose mentions belong to no stored entity (bounded resolution writes
        its entities bucket by bucket after clearing them all with ``replace_entities([])``)."""

    @abstractmethod
    def get_entity(self, entity_id: str, *, members: bool = True) -> Entity:
        """An entity by id. Raises NotFound. ``members=False`` leaves ``mention_ids`` empty: the
        largest entity of a million-document archive has hundreds of thousands of members, and a
        page that shows a few of them reads them with :meth:`entity_member_ids`."""

    @abstractmethod
    def entity_member_ids(self, entity_id: str, *, limit: int, offset: int = 0) -> list[str]:
        """One page of an entity's mention ids, in id order (an index range, not the whole list)."""

    @abstractmethod
    def list_entities(
        self,
        *,
        type: str | None = None,
        doc_id: str | None = None,
        name: str | None = None,
        limit: int = 100,
        offset: int = 0,
        members: bool = True,
        exact: bool = False,
    ) -> list[Entity]:
        """Entities, most mentioned first. ``name`` matches part of the folded name, or all of it
        with ``exact`` (an index lookup). ``members=False`` leaves ``mention_ids`` empty (one
        query, whatever the entities' sizes): for callers that need only names and attributes."""

    @abstractmethod
    def search_entity_names(self, text: str, *, limit: int = 50, members: bool = True) -> list[Entity]:
        """Entities whose name, variants or aliases share OCR/transliteration-folded keys with
        ``text`` ("Kandourov", "Tretiakov", "MTS"), those sharing most first. An index lookup: the
        caller ranks the candidates (see :func:`declass.trace.find_entities`). ``members=False``
        leaves ``mention_ids`` empty, as in :meth:`list_entities`, and ``doc_ids`` too (a common
        name's 50 candidates would otherwise parse every one's document list)."""

    def mentions_with_owners(self, doc_ids: Iterable[str]) -> tuple[list[Mention], dict[str, str]]:
        """The mentions of these documents, in (document, start) order, and mention id -> entity
        id for those that belong to an entity: what a dossier reads of the documents it shows.
        A store may answer both in one read; this default makes the two reads."""
        mentions = list(self.iter_mentions(doc_ids=doc_ids))
        return mentions, self.entities_of_mentions(m.id for m in mentions)

    @abstractmethod
    def entities_of_mentions(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """mention id -> entity id, for the mentions that belong to an entity."""

    @abstractmethod
    def entity_summaries(self, entity_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, type, name, mention_count, doc_count}, without loading members."""

    @abstractmethod
    def add_override(self, action: str, args: dict[str, Any], *, reviewer: str | None = None, reason: str | None = None) -> int:
        """Record a manual correction (see :mod:`declass.resolve.corrections`); returns its id."""

    @abstractmethod
    def list_overrides(self, *, include_undone: bool = False) -> list[dict[str, Any]]:
        """Manual overrides in force (with ``include_undone`` every one), in the order they were made."""

    @abstractmethod
    def override_history(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Every override, undone ones included, newest first."""

    @abstractmethod
    def get_override(self, override_id: int) -> dict[str, Any]:
        """One override by id. Raises NotFound."""

    @abstractmethod
    def undo_override(self, override_id: int, reviewer: str) -> dict[str, Any]:
        """Stop applying an override; it stays in the history. Raises NotFound or InputError."""

    @abstractmethod
    def set_override_affected(self, override_id: int, affected: int) -> None:
        """Record how many mentions a correction changed."""

    @abstractmethod
    def get_mentions(self, mention_ids: Iterable[str]) -> list[Mention]:
        """The stored mentions with these ids, in (document, start) order; unknown ids are left out."""

    @abstractmethod
    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Store mentions a reviewer added; present ids are left alone. Returns how many were new."""

    # -- claims ------------------------------------------------------------------------------
    @abstractmethod
    def iter_claims(self, *, doc_id: str | None = None, mention_ids: Iterable[str] | None = None) -> Iterator[Claim]:
        """Claims, optionally of one document or whose subject/object is one of the mentions."""

    # -- search and citations (readers: web pages, trace, timeline) -----------------------------
    @abstractmethod
    def search(
        self,
        query: str,
        *,
        entity: str | None = None,
        type: str | None = None,
        classification: str | None = None,
        doc_type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        collection: str | None = None,
        has_redactions: bool | None = None,
        fuzzy: bool = True,
        facets: bool = True,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Documents whose clean text matches ``query`` (every document when it is empty) and the
        filters, best first, one page of ``limit`` from ``offset``.

        Query words are expanded with OCR/transliteration variants unless ``fuzzy`` is false;
        ``"a phrase"``, ``prefix*``, ``AND``/``OR``/``NOT``, parentheses and field filters
        (``classification:SECRET``, ``date:1950..1955``, ``entity:Kandaurov``, ``has:redactions``)
        are understood (:mod:`declass.store.search_syntax`), and no other syntax reaches the backend.
        Each hit carries its best paragraph as a snippet with highlights; ``facets`` adds counts per
        classification, type, collection, decade, entity and mention label. ``date_to`` includes
        the whole period it names ("1950" includes 1950-12-31). Raises QueryError for a malformed
        query, one over 500 characters, ``limit`` outside 1-100 or ``offset`` outside 0-10,000.
        """

    @abstractmethod
    def mention_citations(self, mention_ids: list[str]) -> list[MentionCitation]:
        """The mentions with their document summary and the paragraph each stands in, in the order
        asked (unknown ids are left out): the cited lines of an entity page."""

    @abstractmethod
    def paragraph_spans(self, doc_ids: Iterable[str]) -> dict[str, list[Paragraph]]:
        """doc id -> its paragraphs (offsets, page, number, kind) in order, without any text."""

    @abstractmethod
    def text_slices(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """``(doc id, start, end)`` -> that slice of the document's original text, read without
        loading the documents (a quote around a date, a paragraph). Unknown documents are left out."""


def paged(fetch: Callable[[int, int], list[T]], page: int = 1000) -> Iterator[T]:
    """Every row of a paginated listing: ``fetch(limit, offset)`` is called until a short page.

    Example: ``paged(lambda limit, offset: store.list_entities(limit=limit, offset=offset))``.
    """
    offset = 0
    while True:
        batch = fetch(page, offset)
        yield from batch
        if len(batch) < page:
            return
        offset += page
