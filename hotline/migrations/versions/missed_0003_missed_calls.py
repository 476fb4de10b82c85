"""未接来电回拨: the missed-call list (ticketing/missed/store.py).

Revision ID: missed_0003
Revises: asrq_0003
Create Date: 2026-12-02 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "missed_0003"
down_revision: str | None = "asrq_0003"


def upgrade() -> None:
    op.create_table(
        "missed_calls",
        col.id_column(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("caller", sa.String(length=40), nullable=True),
        sa.Column("received_at", col.TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("due_at", col.TS, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("called_back_at", col.TS, nullable=True),
        sa.Column("called_back_by", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        col.references("missed_calls", "ticket_id", "tickets"),
        col.primary_key("missed_calls"),
        col.unique("missed_calls", "ticket_id"),
    )
    col.create_indexes("missed_calls", "received_at", "state")


def downgrade() -> None:
    col.drop_table("missed_calls", "state", "received_at")
