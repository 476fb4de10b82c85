"""ASR backlog: transcriptions queued when live capacity is full or no model is installed.

Owned by asr (table defined in asr/backlog.py).

Revision ID: asr_0001
Revises: 0001
Create Date: 2026-11-26 20:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "asr_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "asr_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("audio_path", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asr_jobs")),
        sa.UniqueConstraint("key", name=op.f("uq_asr_jobs_key")),
    )
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asr_jobs_state"), ["state"])


def downgrade() -> None:
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asr_jobs_state"))
    op.drop_table("asr_jobs")
