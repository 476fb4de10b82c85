"""Web layer tables: audit log, API tokens, reply attachments, report-up outbox.

Owned by ticketing.web (tables in ticketing/web/tables.py).

Revision ID: web_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "web_0001"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "audit_log",
        col.id_column(),
        sa.Column("at", col.TS, nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("remote", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        col.primary_key("audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    col.create_indexes("audit_log", "ticket_id")

    op.create_table(
        "api_tokens",
        col.id_column(),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("revoked_at", col.TS, nullable=True),
        col.primary_key("api_tokens"),
        col.unique("api_tokens", "token_hash"),
    )
    col.create_indexes("api_tokens", "user_name")

    op.create_table(
        "ticket_attachments",
        col.id_column(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("unit_id", sa.String(length=60), nullable=True),
        sa.Column("uploaded_at", col.TS, nullable=False),
        col.references("ticket_attachments", "ticket_id", "tickets"),
        col.primary_key("ticket_attachments"),
    )
    col.create_indexes("ticket_attachments", "ticket_id")

    op.create_table(
        "upstream_outbox",
        col.id_column(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", col.TS, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("sent_at", col.TS, nullable=True),
        sa.Column("upstream_ref", sa.String(length=100), nullable=True),
        col.references("upstream_outbox", "ticket_id", "tickets"),
        col.primary_key("upstream_outbox"),
        col.unique("upstream_outbox", "ticket_id"),
        col.unique("upstream_outbox", "idempotency_key"),
    )
    col.create_indexes("upstream_outbox", "status", "next_attempt_at")


def downgrade() -> None:
    op.drop_table("upstream_outbox")
    op.drop_table("ticket_attachments")
    col.drop_table("api_tokens", "user_name")
    col.drop_indexes("audit_log", "ticket_id")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
