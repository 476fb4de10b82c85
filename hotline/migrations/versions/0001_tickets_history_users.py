"""Tickets, their append-only history, and users.

Owned by ticketing; other packages (asr.backlog) add their tables in later revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 19:27:09.296896
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
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
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dispatch_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("close_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("followup_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("call_id", name=op.f("uq_tickets_call_id")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tickets_area_id"), ["area_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tickets_close_due_at"), ["close_due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tickets_dispatch_due_at"), ["dispatch_due_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tickets_followup_due_at"), ["followup_due_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tickets_lead_unit"), ["lead_unit"], unique=False)
        batch_op.create_index(batch_op.f("ix_tickets_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_tickets_request_type"), ["request_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_tickets_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tickets_transcription_pending"), ["transcription_pending"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.String(length=60), nullable=True),
        sa.Column("portfolio", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "ticket_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_history_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_history")),
        sa.UniqueConstraint("ticket_id", "seq", name="uq_ticket_history_ticket_id_seq"),
    )
    with op.batch_alter_table("ticket_history", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_history_at", ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ticket_history_ticket_id"), ["ticket_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_history_ticket_id"))
        batch_op.drop_index("ix_ticket_history_at")

    op.drop_table("ticket_history")
    op.drop_table("users")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tickets_transcription_pending"))
        batch_op.drop_index(batch_op.f("ix_tickets_state"))
        batch_op.drop_index(batch_op.f("ix_tickets_request_type"))
        batch_op.drop_index(batch_op.f("ix_tickets_received_at"))
        batch_op.drop_index(batch_op.f("ix_tickets_lead_unit"))
        batch_op.drop_index(batch_op.f("ix_tickets_followup_due_at"))
        batch_op.drop_index(batch_op.f("ix_tickets_dispatch_due_at"))
        batch_op.drop_index(batch_op.f("ix_tickets_close_due_at"))
        batch_op.drop_index(batch_op.f("ix_tickets_area_id"))

    op.drop_table("tickets")
