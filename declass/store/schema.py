"""The store's tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

Raw facts (documents, their text, mentions with offsets, claims) are written once per document by
the writer. Derived views (entity clusters) are recomputable from judgements and overrides; a
manual override is stored as a row of ``overrides`` and re-applied, never by destroying evidence.

Schema changes are Alembic migrations under ``declass/store/migrations``; this module describes the
head revision and a test checks that the migrations produce exactly it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the file bytes
    Column("source_path", Text, nullable=False),  # path at first sighting
    Column("media_type", String(40), nullable=False),
    Column("size", Integer, nullable=False, default=0),
    Column("encoding", String(40)),
    Column("text", Text, nullable=False),  # original extracted text, unchanged
    Column("clean_text", Text, nullable=False),
    Column("clean_map", JSON, nullable=False),  # list of [clean, orig, length]
    Column("metadata", JSON, nullable=False),  # Metadata as dict
    Column("warnings", JSON, nullable=False),
    # Denormalised metadata for filtering and listing.
    Column("number", String(120), index=True),
    Column("title", Text),
    Column("classification", String(40), index=True),
    Column("doc_type", String(40), index=True),
    Column("doc_date", String(10), index=True),
    Column("release_date", String(10)),
    Column("collection", String(40), index=True),
    Column("page_count", Integer, nullable=False, default=0),
    Column("redaction_count", Integer, nullable=False, default=0),
    Column("pipeline_version", String(20), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sightings = Table(
    "sightings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

pages = Table(
    "pages",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(40)),
    Column("has_text", Boolean, nullable=False, default=True),
)

# One row per page that is not a plain text file's (migration 0005): source, score, the other
# reading, scan facts and the word boxes packed as one JSON array ([start, end, x0, y0, x1, y1]).
page_scans = Table(
    "page_scans",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("source", String(10), nullable=False),
    Column("quality", Float),
    Column("confidence", Float),
    Column("alt_text", Text),
    Column("alt_source", String(10)),
    Column("alt_quality", Float),
    Column("scan", JSON, nullable=False),
    Column("boxes", JSON, nullable=False),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("page", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("clean_start", Integer, nullable=False),
    Column("clean_end", Integer, nullable=False),
    Column("number", String(20)),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),  # clean text of the paragraph, for full-text search
)

boilerplate = Table(
    "boilerplate",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("page", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

redactions = Table(
    "redactions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("page", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("code", String(20)),
    Column("meaning", Text),
    Column("pages_withheld", Integer),
    Column("box", JSON),  # kind "scan": [x0, y0, x1, y1] in 1/10000 of the page image (0005)
)

identifiers = Table(
    "identifiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("scheme", String(40), nullable=False),
    Column("value", String(200), nullable=False, index=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("label", String(20), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("paragraph", Integer),
    Column("sentence", Integer),
    Column("norm", Text),
    Column("attrs", JSON, nullable=False),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("source", String(32), nullable=False, index=True),
    Column("target", String(32), index=True),
    Column("value", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject", String(32), nullable=False, index=True),
    Column("predicate", String(40), nullable=False, index=True),
    Column("object", String(32), index=True),
    Column("value", Text),
    Column("time", String(40)),
    Column("place", String(32), index=True),
    Column("hedge", String(20), nullable=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("speaker", String(20), nullable=False),
    Column("unevaluated", Boolean, nullable=False, default=False),
    Column("citation", JSON),
    Column("attrs", JSON, nullable=False),
)

# Resolution: every pairwise judgement is kept; clusters are assembled from them when read.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left", String(32), nullable=False, index=True),
    Column("right", String(32), nullable=False, index=True),
    Column("same", Boolean),  # NULL = unsure
    Column("score", Float, nullable=False),
    Column("rule", String(60), nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("source", String(10), nullable=False),  # auto | user
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The current clustering: mention -> entity. Recomputable from judgements + overrides.
entity_members = Table(
    "entity_members",
    metadata,
    Column("mention_id", String(32), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(32), nullable=False, index=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(20), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, index=True),  # normalised name for lookup
    Column("mention_count", Integer, nullable=False, default=0),
    Column("doc_count", Integer, nullable=False, default=0),
    Column("attrs", JSON, nullable=False),  # variants, aliases, roles...
)

# Lookup keys of entity names, variants and aliases (declass.types.names.name_keys), kept current by
# replace_entities: a name lookup is an index probe on ``key``, not a scan of names.
entity_names = Table(
    "entity_names",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("entity_id", String(32), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True),
)

overrides = Table(
    "overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(20), nullable=False),  # declass.resolve.corrections.ACTIONS
    Column("args", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Migration 0006 (review): who made a correction and why, whether it was undone (an undone
    # override stays as history and is no longer applied), and how many mentions it changed.
    Column("reviewer", String(80)),
    Column("reason", Text),
    Column("undone_at", DateTime(timezone=True)),
    Column("undone_by", String(80)),
    Column("affected", Integer),
)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("status", String(20), nullable=False),  # ingested | unchanged | skipped | failed
    Column("reason", Text),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Per-document stage status (migration 0004): a row means the stage still has to run for the
# document. The ingest writer sets a document's rows in the transaction that stores it; each stage
# deletes a row when its result is stored, so whatever stops a run, the next one finds what is left.
pending_stages = Table(
    "pending_stages",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("stage", String(20), primary_key=True, index=True),  # extract | claims | resolve (declass.store.base.STAGES)
    Column("since", DateTime(timezone=True), nullable=False),
)

# One counter per derived view (migration 0010): ``entities`` is raised by every entity write, so
# the search's caches of entity names and forms are refreshed in every process (search_expand).
generations = Table(
    "generations",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

Index("ix_mentions_doc_label", mentions.c.doc_id, mentions.c.label)
# An entity's member list from the index alone (migration 0008; get_entity at a million documents).
Index("ix_entity_members_entity_mention", entity_members.c.entity_id, entity_members.c.mention_id)

# Objects of the full-text index (migration 0002), written in SQL the metadata cannot express:
# SQLite FTS5 tables (and the shadow tables FTS5 makes), PostgreSQL's tsvector column and index.
SEARCH_OBJECTS = {"paragraphs_fts", "paragraphs_fts_vocab", "search_rows", "search_vocab", "tsv", "ix_paragraphs_tsv"}
# PostgreSQL's term statistics, head indexes, covering indexes and entity forms (migration 0009).
SEARCH_OBJECTS |= {"search_terms", "ix_paragraphs_tsv_head256", "ix_paragraphs_tsv_head16", "ix_documents_facets"}
SEARCH_OBJECTS |= {"ix_mentions_doc_cover", "ix_entity_members_cover", "attrs_variants", "attrs_aliases"}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic filter: leave the hand-written search index objects out of schema comparison."""
    return not (name and (name in SEARCH_OBJECTS or name.startswith("paragraphs_fts_") or name == "ix_search_rows_doc"))
