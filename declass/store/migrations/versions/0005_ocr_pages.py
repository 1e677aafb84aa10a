"""ocr pages

``page_scans(doc_id, number, ...)``: per page, where its reading text comes from (text layer or
OCR), its quality score and OCR confidence, the other reading kept as evidence, the scan facts
(engine, version, language, dpi, rotation) and the word boxes, packed as one JSON array of
``[start, end, x0, y0, x1, y1]`` per page (not one row per word). ``redactions.box``: the
rectangle of a redaction found on the page image.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_scans",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("quality", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("alt_text", sa.Text(), nullable=True),
        sa.Column("alt_source", sa.String(length=10), nullable=True),
        sa.Column("alt_quality", sa.Float(), nullable=True),
        sa.Column("scan", sa.JSON(), nullable=False),
        sa.Column("boxes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "number"),
    )
    with op.batch_alter_table("redactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("box", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("redactions", schema=None) as batch_op:
        batch_op.drop_column("box")
    op.drop_table("page_scans")
