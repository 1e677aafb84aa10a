"""full-text search index

SQLite: an FTS5 table over paragraph text, its vocabulary view, and the rowid -> document map.
PostgreSQL: a stored tsvector column on paragraphs with a GIN index, and the word vocabulary
used for OCR-tolerant query expansion. Filled by ``SearchMixin.ensure_search_index``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE paragraphs_fts USING fts5("
            "text, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute("CREATE VIRTUAL TABLE paragraphs_fts_vocab USING fts5vocab(paragraphs_fts, 'row')")
        op.execute("CREATE TABLE search_rows (fts_rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL)")
        op.execute("CREATE INDEX ix_search_rows_doc ON search_rows (doc_id)")
    else:
        op.execute("ALTER TABLE paragraphs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
        op.execute("CREATE INDEX ix_paragraphs_tsv ON paragraphs USING GIN (tsv)")
        op.execute("CREATE TABLE search_vocab (term TEXT PRIMARY KEY)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_rows")
        op.execute("DROP TABLE paragraphs_fts_vocab")
        op.execute("DROP TABLE paragraphs_fts")
    else:
        op.execute("DROP TABLE search_vocab")
        op.execute("DROP INDEX ix_paragraphs_tsv")
        op.execute("ALTER TABLE paragraphs DROP COLUMN tsv")
