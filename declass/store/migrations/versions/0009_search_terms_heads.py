"""term statistics and head indexes for the search (PostgreSQL)

Two costs of a PostgreSQL search grew with the number of matching paragraphs, because a GIN
index builds the bitmap of *every* match before a ``LIMIT`` applies:

* **Term statistics.** The query expansion counted each word's and variant's paragraphs with a
  bounded ``COUNT(*) … LIMIT 1000``, which built the word's whole bitmap (333-395 ms for one
  query's words at a million documents). ``search_terms (lexeme, paragraphs)`` keeps the number
  of paragraphs whose ``tsv`` holds each lexeme — what SQLite's ``fts5vocab`` gives FTS5 — so a
  count is one primary-key read. A statement-level trigger on ``paragraphs`` keeps it current
  for every writer (inserts, deletes, updates, the cascade of a deleted document); the backfill
  is one ``ts_stat`` pass over the existing rows (70 s at 5,000,000 paragraphs).
* **Head indexes.** Two partial GIN indexes over the paragraphs of a fixed 1/256 and 1/16 of the
  documents (chosen by the first byte of ``md5(doc_id)``, which never changes between versions
  or machines): a search looks for its first ``:candidates`` matches there first, so the bitmap
  of a frequent name holds 9,553 paragraphs instead of 152,667 (see
  ``declass.store.search_postgres``). Equality predicates (``… >> 4 = 0``) rather than ``< 16``:
  the planner's default selectivity for an inequality on an expression (one third) made it
  prefer a sequential scan of every paragraph for the 1/16 index. 40-60 s each at a million
  documents (built in this migration's transaction; on a live store, build them beforehand with
  ``CREATE INDEX CONCURRENTLY`` under the same names and this migration skips them).

* **Facet values by index.** Each candidate's document facets (date, classification, type,
  collection, redactions) were a heap lookup in the wide ``documents`` rows: 1,000 lookups,
  87 ms of a 135 ms ranking statement. ``ix_documents_facets`` on ``documents (id)`` INCLUDEs
  them, so the lookups are index-only scans (15 ms; 18 s to build at a million documents).

* **Mention facets by index.** The entity facet reads the mentions of the best 200 documents
  and their entities: ``ix_mentions_doc_cover`` (``doc_id`` INCLUDE ``label, id``) and
  ``ix_entity_members_cover`` (``mention_id`` INCLUDE ``entity_id``) make both index-only
  scans (an ``entity_members`` lookup 45 -> 7 µs on the loaded machine; 46 s for both at a
  million documents, 0.7 GB). An entity's member list is covered by migration 0008
  (``ix_entity_members_entity_mention``, both backends).
* **Entity forms without the document list.** The expansion reads the ``variants`` and
  ``aliases`` of up to 20 entities; on PostgreSQL ``attrs -> 'variants'`` detoasts and parses
  the whole ``json`` value, tens of kilobytes of document ids at a million documents (96-109 ms
  for 20 entities on the loaded machine). ``entities.attrs_variants`` and ``attrs_aliases`` are
  stored generated columns holding just those members.

SQLite: nothing (FTS5 stops at the ``LIMIT`` itself and ``fts5vocab`` gives the counts).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The head of the documents: the same expressions appear in declass.store.search_postgres.
HEAD_256 = "get_byte(decode(md5(doc_id), 'hex'), 0) = 0"
HEAD_16 = "get_byte(decode(md5(doc_id), 'hex'), 0) >> 4 = 0"

_COUNT = """
CREATE FUNCTION search_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE search_terms t SET paragraphs = t.paragraphs - o.n
    FROM (SELECT l AS lexeme, COUNT(*) AS n FROM old_rows, unnest(tsvector_to_array(old_rows.tsv)) AS l
          GROUP BY l) o
    WHERE t.lexeme = o.lexeme;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_terms (lexeme, paragraphs)
    SELECT l, COUNT(*) FROM new_rows, unnest(tsvector_to_array(new_rows.tsv)) AS l GROUP BY l ORDER BY l
    ON CONFLICT (lexeme) DO UPDATE SET paragraphs = search_terms.paragraphs + EXCLUDED.paragraphs;
  END IF;
  RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("CREATE TABLE search_terms (lexeme TEXT PRIMARY KEY, paragraphs INTEGER NOT NULL)")
    op.execute("INSERT INTO search_terms (lexeme, paragraphs) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM paragraphs')")
    op.execute(_COUNT)
    # One trigger per event: a transition table serves one event only when it names both.
    for event, tables in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ):
        op.execute(
            f"CREATE TRIGGER search_terms_{event.lower()} AFTER {event} ON paragraphs REFERENCING {tables} "
            "FOR EACH STATEMENT EXECUTE FUNCTION search_terms_count()"
        )
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_paragraphs_tsv_head256 ON paragraphs USING GIN (tsv) WHERE {HEAD_256}")
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_paragraphs_tsv_head16 ON paragraphs USING GIN (tsv) WHERE {HEAD_16}")
    op.execute("CREATE INDEX IF NOT EXISTS ix_mentions_doc_cover ON mentions (doc_id) INCLUDE (label, id)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_entity_members_cover ON entity_members (mention_id) INCLUDE (entity_id)")
    for key in ("variants", "aliases"):
        op.execute(f"ALTER TABLE entities ADD COLUMN attrs_{key} json GENERATED ALWAYS AS (attrs -> '{key}') STORED")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_documents_facets ON documents (id) "
        "INCLUDE (doc_date, classification, doc_type, collection, redaction_count)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP INDEX ix_documents_facets")
    op.execute("DROP INDEX ix_entity_members_cover")
    op.execute("DROP INDEX ix_mentions_doc_cover")
    op.execute("ALTER TABLE entities DROP COLUMN attrs_variants, DROP COLUMN attrs_aliases")
    op.execute("DROP INDEX ix_paragraphs_tsv_head16")
    op.execute("DROP INDEX ix_paragraphs_tsv_head256")
    for event in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER search_terms_{event} ON paragraphs")
    op.execute("DROP FUNCTION search_terms_count()")
    op.execute("DROP TABLE search_terms")
