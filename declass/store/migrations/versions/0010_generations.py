"""generations: a counter per derived view, bumped by every write of it

The search caches what it reads of the entities (the entity forms behind OCR-variant expansion,
the store-wide entity facet of browsing, the entities' names and types for the entity facet)
until the store changes. Re-indexing changes the index's own version, but a re-resolution, a
review merge or split rewrites only ``entities``/``entity_members``, which no cheap statement
could tell apart from the old ones (a merge can leave the row count and the largest rowid as
they were). ``generations('entities')`` is raised in the transaction of every entity write, so
every process sees the change with its next version check (the table is a few rows: one
primary-key read).

PostgreSQL: the statement trigger that keeps ``search_terms`` (migration 0009) first takes a
transaction-level advisory lock, so two writers' updates of the shared word rows never
interleave. Without it, two transactions that each write paragraphs in more than one statement
(a re-ingest deletes then inserts, a batch writes several documents) locked shared words in
opposite orders and one was aborted with "deadlock detected"
(``tests/store/test_search_terms_writers.py``). Writers now wait for each other from their first
paragraph write to their commit. The function's own text is read back and the lock line added
or removed, so its body is written in one place.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


# Taken first in search_terms_count(): one lock, so no cycle between writers' word rows.
_LOCK = "  PERFORM pg_advisory_xact_lock(hashtext('declass.search_terms'));\n"


def _count_function(change: Callable[[str], str]) -> None:
    """Re-create the trigger function of migration 0009 from its stored text, changed."""
    body = op.get_bind().exec_driver_sql("SELECT pg_get_functiondef('search_terms_count'::regproc)").scalar()
    op.execute(change(str(body)))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _count_function(lambda body: body.replace("BEGIN\n", "BEGIN\n" + _LOCK, 1))
    table = op.create_table(
        "generations",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    op.bulk_insert(table, [{"name": "entities", "value": 0}])


def downgrade() -> None:
    op.drop_table("generations")
    if op.get_bind().dialect.name == "postgresql":
        _count_function(lambda body: body.replace(_LOCK, ""))
