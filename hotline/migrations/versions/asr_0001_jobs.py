"""ASR backlog: transcriptions queued when live capacity is full or no model is installed.

Owned by asr (table defined in asr/backlog.py).

Revision ID: asr_0001
Revises: 0001
Create Date: 2026-11-26 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "asr_0001"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "asr_jobs",
        col.id_column(),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("audio_path", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("updated_at", col.TS, nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        col.primary_key("asr_jobs"),
        col.unique("asr_jobs", "key"),
    )
    col.create_indexes("asr_jobs", "state")


def downgrade() -> None:
    col.drop_table("asr_jobs", "state")
