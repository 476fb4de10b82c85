"""Dead-node takeover: each node's heartbeat and who recovers a silent node (`cluster_nodes`,
hotline/node_registry.py).

Revision ID: cluster_0004
Revises: store_0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cluster_0004"
down_revision: str | Sequence[str] | None = "store_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cluster_nodes",
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("last_seen", _TS, nullable=False),
        sa.Column("recovered_by", sa.String(length=64), nullable=True),
        sa.Column("recovery_until", _TS, nullable=True),
        sa.PrimaryKeyConstraint("node_id", name=op.f("pk_cluster_nodes")),
    )


def downgrade() -> None:
    op.drop_table("cluster_nodes")
