"""Scale-out: job leases on the ASR backlog, and which node wrote each recording.

Owned by the cluster parts (asr.backlog's lease column, ticketing.persistence's
`recordings` table).

Revision ID: scale_0003
Revises: missed_0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scale_0003"
down_revision: str | Sequence[str] | None = "missed_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", _TS, nullable=True))
    op.create_table(
        "recordings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("recording_ref", sa.String(length=500), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recordings")),
        sa.UniqueConstraint("recording_ref", name=op.f("uq_recordings_recording_ref")),
    )
    op.create_index(op.f("ix_recordings_call_id"), "recordings", ["call_id"])
    op.create_index(op.f("ix_recordings_node_id"), "recordings", ["node_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recordings_node_id"), table_name="recordings")
    op.drop_index(op.f("ix_recordings_call_id"), table_name="recordings")
    op.drop_table("recordings")
    with op.batch_alter_table("asr_jobs", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
