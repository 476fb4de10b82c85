"""Follow-up survey calls (回访): jobs, attempts, do-not-call list.

Owned by ticketing.followup (tables defined in ticketing/followup/store.py).

Revision ID: followup_0001
Revises: 0001
Create Date: 2026-11-26 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "followup_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "followup_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("triggered_at", _TS, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("due_at", _TS, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_outcome", sa.String(length=16), nullable=True),
        sa.Column("satisfaction", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", _TS, nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("completed_at", _TS, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_followup_jobs_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_jobs")),
        sa.UniqueConstraint(
            "ticket_id", "triggered_at", name="uq_followup_jobs_ticket_id_triggered_at"
        ),
    )
    with op.batch_alter_table("followup_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followup_jobs_ticket_id"), ["ticket_id"])
        batch_op.create_index(batch_op.f("ix_followup_jobs_state"), ["state"])
        batch_op.create_index(batch_op.f("ix_followup_jobs_due_at"), ["due_at"])

    op.create_table(
        "followup_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("ended_at", _TS, nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("satisfaction", sa.String(length=32), nullable=True),
        sa.Column("ending", sa.String(length=16), nullable=True),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("recording_path", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"], ["followup_jobs.id"], name=op.f("fk_followup_attempts_job_id_followup_jobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_attempts")),
    )
    with op.batch_alter_table("followup_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followup_attempts_job_id"), ["job_id"])

    op.create_table(
        "followup_do_not_call",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("added_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_followup_do_not_call")),
    )


def downgrade() -> None:
    op.drop_table("followup_do_not_call")
    with op.batch_alter_table("followup_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followup_attempts_job_id"))
    op.drop_table("followup_attempts")
    with op.batch_alter_table("followup_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followup_jobs_due_at"))
        batch_op.drop_index(batch_op.f("ix_followup_jobs_state"))
        batch_op.drop_index(batch_op.f("ix_followup_jobs_ticket_id"))
    op.drop_table("followup_jobs")
