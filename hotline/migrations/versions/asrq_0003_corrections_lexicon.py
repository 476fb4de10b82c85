"""ASR quality: asr_corrections (CER of the machine text against the operator's correction,
one row per corrected ticket, with the model's name) and asr_lexicon (heard → meant entries
learned from frequent corrections; ticketing/quality_store.py).

Revision ID: asrq_0003
Revises: console_0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "asrq_0003"
down_revision: str | Sequence[str] | None = "console_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


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
        sa.Column("corrected_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_asr_corrections_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_asr_corrections")),
    )
    op.create_index(op.f("ix_asr_corrections_corrected_at"), "asr_corrections", ["corrected_at"])
    op.create_table(
        "asr_lexicon",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("heard", sa.String(length=100), nullable=False),
        sa.Column("meant", sa.String(length=100), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("decided_at", _TS, nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asr_lexicon")),
        sa.UniqueConstraint("heard", "meant", name=op.f("uq_asr_lexicon_heard")),
    )
    op.create_index(op.f("ix_asr_lexicon_status"), "asr_lexicon", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_asr_lexicon_status"), table_name="asr_lexicon")
    op.drop_table("asr_lexicon")
    op.drop_index(op.f("ix_asr_corrections_corrected_at"), table_name="asr_corrections")
    op.drop_table("asr_corrections")
