"""Tickets, their append-only history, and users.

Owned by ticketing; other packages (asr.backlog) add their tables in later revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 19:27:09.296896
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "0001"
down_revision: str | None = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        col.id_column(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_at", col.TS, nullable=False),
        sa.Column("caller_number", sa.String(length=40), nullable=True),
        sa.Column("caller_name", sa.String(length=100), nullable=False),
        sa.Column("caller_confidential", sa.Boolean(), nullable=False),
        sa.Column("called_number", sa.String(length=40), nullable=True),
        sa.Column("callback_number", sa.String(length=40), nullable=True),
        sa.Column("call_id", sa.String(length=255), nullable=True),
        sa.Column("recording_ref", sa.String(length=500), nullable=True),
        sa.Column("transcript_words", sa.JSON(), nullable=False),
        sa.Column("machine_text", sa.Text(), nullable=False),
        sa.Column("transcription_pending", sa.Boolean(), nullable=False),
        sa.Column("corrected_text", sa.Text(), nullable=True),
        sa.Column("corrected_by", sa.String(length=100), nullable=True),
        sa.Column("corrected_at", col.TS, nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("request_type", sa.String(length=40), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=False),
        sa.Column("area_id", sa.String(length=40), nullable=True),
        sa.Column("lead_unit", sa.String(length=60), nullable=True),
        sa.Column("assisting_units", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("epidemic", sa.Boolean(), nullable=False),
        sa.Column("routing_suggestion", sa.JSON(), nullable=False),
        sa.Column("missing_info", sa.JSON(), nullable=False),
        sa.Column("duplicate_candidates", sa.JSON(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("reply_text", sa.Text(), nullable=False),
        sa.Column("replied_by", sa.String(length=100), nullable=True),
        sa.Column("satisfaction", sa.String(length=30), nullable=True),
        sa.Column("satisfaction_note", sa.Text(), nullable=False),
        sa.Column("upstream_ref", sa.String(length=100), nullable=True),
        sa.Column("registered_at", col.TS, nullable=True),
        sa.Column("first_dispatched_at", col.TS, nullable=True),
        sa.Column("dispatched_at", col.TS, nullable=True),
        sa.Column("accepted_at", col.TS, nullable=True),
        sa.Column("replied_at", col.TS, nullable=True),
        sa.Column("reviewed_at", col.TS, nullable=True),
        sa.Column("closed_at", col.TS, nullable=True),
        sa.Column("reported_at", col.TS, nullable=True),
        sa.Column("dispatch_due_at", col.TS, nullable=True),
        sa.Column("close_due_at", col.TS, nullable=True),
        sa.Column("followup_due_at", col.TS, nullable=True),
        sa.Column("updated_at", col.TS, nullable=True),
        col.primary_key("tickets"),
        col.unique("tickets", "call_id"),
    )
    col.create_indexes(
        "tickets",
        "area_id",
        "close_due_at",
        "dispatch_due_at",
        "followup_due_at",
        "lead_unit",
        "received_at",
        "request_type",
        "state",
        "transcription_pending",
    )

    op.create_table(
        "users",
        col.id_column(),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.String(length=60), nullable=True),
        sa.Column("portfolio", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        col.primary_key("users"),
        col.unique("users", "name"),
    )
    op.create_table(
        "ticket_history",
        col.id_column(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", col.TS, nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        col.references("ticket_history", "ticket_id", "tickets"),
        col.primary_key("ticket_history"),
        sa.UniqueConstraint("ticket_id", "seq", name="uq_ticket_history_ticket_id_seq"),
    )
    op.create_index("ix_ticket_history_at", "ticket_history", ["at"])
    col.create_indexes("ticket_history", "ticket_id")


def downgrade() -> None:
    op.drop_index("ix_ticket_history_at", table_name="ticket_history")
    col.drop_indexes("ticket_history", "ticket_id")

    op.drop_table("ticket_history")
    op.drop_table("users")
    col.drop_indexes(
        "tickets",
        "transcription_pending",
        "state",
        "request_type",
        "received_at",
        "lead_unit",
        "followup_due_at",
        "dispatch_due_at",
        "close_due_at",
        "area_id",
    )

    op.drop_table("tickets")
