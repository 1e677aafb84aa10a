"""entity name index

``entity_names(key, entity_id)``: OCR/transliteration-folded keys of every entity's name, variants
and aliases (see ``declass.types.names.name_keys``), so the name trace looks names up by index instead
of ``LIKE '%..%'`` scans; and an index on ``claims.place`` so claims by mention are index probes on
all three columns. An existing store's keys are filled when it is next opened
(``SqlStore.ensure_name_index``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_names",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("entity_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "entity_id"),
    )
    with op.batch_alter_table("entity_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_names_entity_id"), ["entity_id"], unique=False)
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_place"), ["place"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_place"))
    with op.batch_alter_table("entity_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_names_entity_id"))
    op.drop_table("entity_names")
