"""review in the web app

``overrides`` gains who made a correction (``reviewer``), why (``reason``), whether and by whom
it was undone (``undone_at``, ``undone_by``: an undone override stays in the history and is no
longer applied) and how many mentions it changed (``affected``). Rows from before this revision
were made on the command line: their reviewer stays NULL.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewer", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("undone_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("affected", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("overrides", schema=None) as batch_op:
        for column in ("affected", "undone_by", "undone_at", "reason", "reviewer"):
            batch_op.drop_column(column)
