"""未接来电回拨: the missed-call list (ticketing/missed/store.py).

Revision ID: missed_0003
Revises: asrq_0003
Create Date: 2026-12-02 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "missed_0003"
down_revision: str | None = "asrq_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "missed_calls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("caller", sa.String(length=40), nullable=True),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("due_at", _TS, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("called_back_at", _TS, nullable=True),
        sa.Column("called_back_by", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_missed_calls_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missed_calls")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_missed_calls_ticket_id")),
    )
    with op.batch_alter_table("missed_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_missed_calls_received_at"), ["received_at"])
        batch_op.create_index(batch_op.f("ix_missed_calls_state"), ["state"])


def downgrade() -> None:
    with op.batch_alter_table("missed_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_missed_calls_state"))
        batch_op.drop_index(batch_op.f("ix_missed_calls_received_at"))
    op.drop_table("missed_calls")
