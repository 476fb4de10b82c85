"""Follow-up survey calls (回访): jobs, attempts, do-not-call list.

Owned by ticketing.followup (tables defined in ticketing/followup/store.py).

Revision ID: followup_0001
Revises: 0001
Create Date: 2026-11-26 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "followup_0001"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "followup_jobs",
        col.id_column(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("triggered_at", col.TS, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("due_at", col.TS, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_outcome", sa.String(length=16), nullable=True),
        sa.Column("satisfaction", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", col.TS, nullable=True),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("updated_at", col.TS, nullable=False),
        sa.Column("completed_at", col.TS, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        col.references("followup_jobs", "ticket_id", "tickets"),
        col.primary_key("followup_jobs"),
        sa.UniqueConstraint(
            "ticket_id", "triggered_at", name="uq_followup_jobs_ticket_id_triggered_at"
        ),
    )
    col.create_indexes("followup_jobs", "ticket_id", "state", "due_at")

    op.create_table(
        "followup_attempts",
        col.id_column(),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("started_at", col.TS, nullable=False),
        sa.Column("ended_at", col.TS, nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("satisfaction", sa.String(length=32), nullable=True),
        sa.Column("ending", sa.String(length=16), nullable=True),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("recording_path", sa.Text(), nullable=True),
        col.references("followup_attempts", "job_id", "followup_jobs"),
        col.primary_key("followup_attempts"),
    )
    col.create_indexes("followup_attempts", "job_id")

    op.create_table(
        "followup_do_not_call",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("added_at", col.TS, nullable=False),
        col.primary_key("followup_do_not_call", "number"),
    )


def downgrade() -> None:
    op.drop_table("followup_do_not_call")
    col.drop_table("followup_attempts", "job_id")
    col.drop_table("followup_jobs", "due_at", "state", "ticket_id")
