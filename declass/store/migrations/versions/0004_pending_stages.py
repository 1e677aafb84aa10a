"""pending stages

``pending_stages(doc_id, stage, since)``: which documents still need extraction, claims or
resolution, so every ingest run finishes what an interrupted or failed earlier run left. A store
from before this revision gets a ``resolve`` row for every document that has a resolvable mention
(person, organisation, place, acronym, cryptonym) outside every entity: exactly the documents an
interrupted run left unresolved.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RESOLVABLE = ("PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM")


def upgrade() -> None:
    op.create_table(
        "pending_stages",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "stage"),
    )
    with op.batch_alter_table("pending_stages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_stages_stage"), ["stage"], unique=False)
    labels = ", ".join(f"'{label}'" for label in RESOLVABLE)
    op.execute(
        "INSERT INTO pending_stages (doc_id, stage, since) "
        "SELECT DISTINCT m.doc_id, 'resolve', CURRENT_TIMESTAMP FROM mentions m "
        f"WHERE m.label IN ({labels}) AND m.id NOT IN (SELECT mention_id FROM entity_members)"
    )


def downgrade() -> None:
    with op.batch_alter_table("pending_stages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_stages_stage"))
    op.drop_table("pending_stages")
