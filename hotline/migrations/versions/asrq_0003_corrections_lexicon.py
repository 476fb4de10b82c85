"""ASR quality: asr_corrections (CER of the machine text against the operator's correction,
one row per corrected ticket, with the model's name) and asr_lexicon (heard → meant entries
learned from frequent corrections; ticketing/quality_store.py).

Revision ID: asrq_0003
Revises: console_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "asrq_0003"
down_revision: str | None = "console_0003"


def upgrade() -> None:
    op.create_table(
        "asr_corrections",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("cer", sa.Float(), nullable=False),
        sa.Column("corrections", sa.JSON(), nullable=False),
        sa.Column("corrected_by", sa.String(length=100), nullable=False),
        sa.Column("corrected_at", col.TS, nullable=False),
        col.references("asr_corrections", "ticket_id", "tickets", ondelete="CASCADE"),
        col.primary_key("asr_corrections", "ticket_id"),
    )
    col.create_indexes("asr_corrections", "corrected_at")
    op.create_table(
        "asr_lexicon",
        col.id_column(),
        sa.Column("heard", sa.String(length=100), nullable=False),
        sa.Column("meant", sa.String(length=100), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("decided_at", col.TS, nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        col.primary_key("asr_lexicon"),
        sa.UniqueConstraint("heard", "meant", name=op.f("uq_asr_lexicon_heard")),
    )
    col.create_indexes("asr_lexicon", "status")


def downgrade() -> None:
    col.drop_table("asr_lexicon", "status")
    col.drop_table("asr_corrections", "corrected_at")
