"""Retrained routing models and their champion/challenger verdicts (`routing_models`,
ticketing/persistence/routing_models.py).

Revision ID: routing_0004
Revises: console_0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "routing_0004"
down_revision: str | Sequence[str] | None = "console_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "routing_models",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slot", sa.String(length=40), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("finished_at", _TS, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("held_out", sa.Integer(), nullable=False),
        sa.Column("champion_accuracy", sa.Float(), nullable=True),
        sa.Column("challenger_accuracy", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("model", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_models")),
        sa.UniqueConstraint("slot", name=op.f("uq_routing_models_slot")),
    )
    op.create_index(op.f("ix_routing_models_status"), "routing_models", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_routing_models_status"), table_name="routing_models")
    op.drop_table("routing_models")
