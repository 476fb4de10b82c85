"""Scale-out: job leases on the ASR backlog, and which node wrote each recording.

Owned by the cluster parts (asr.backlog's lease column, ticketing.persistence's
`recordings` table).

Revision ID: scale_0003
Revises: missed_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "scale_0003"
down_revision: str | None = "missed_0003"


def upgrade() -> None:
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", col.TS, nullable=True))
    op.create_table(
        "recordings",
        col.id_column(),
        sa.Column("recording_ref", sa.String(length=500), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        col.primary_key("recordings"),
        col.unique("recordings", "recording_ref"),
    )
    col.create_indexes("recordings", "call_id", "node_id")


def downgrade() -> None:
    col.drop_table("recordings", "node_id", "call_id")
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
