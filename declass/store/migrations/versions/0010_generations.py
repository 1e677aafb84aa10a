"""generations: a counter per derived view, bumped by every write of it

The search caches what it reads of the entities (the entity forms behind OCR-variant expansion,
the store-wide entity facet of browsing, the entities' names and types for the entity facet)
until the store changes. Re-indexing changes the index's own version, but a re-resolution, a
review merge or split rewrites only ``entities``/``entity_members``, which no cheap statement
could tell apart from the old ones (a merge can leave the row count and the largest rowid as
they were). ``generations('entities')`` is raised in the transaction of every entity write, so
every process sees the change with its next version check (the table is a few rows: one
primary-key read).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "generations",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    op.bulk_insert(table, [{"name": "entities", "value": 0}])


def downgrade() -> None:
    op.drop_table("generations")
