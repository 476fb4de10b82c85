"""Server-side console sessions, the shared login limiter, scoped expiring API tokens,
integration accounts.

Owned by ticketing.web (tables in ticketing/web/tables.py). Tokens made before this
revision had every right and no expiry: they keep every scope and expire 90 days
after the upgrade, so running integrations have time to get a new one.

Revision ID: web_0002
Revises: intake_0001
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from hotline.migrations import columns as col

revision: str = "web_0002"
down_revision: str | None = "intake_0001"

_ALL_SCOPES = ["read", "intake", "commands"]

_tokens = sa.table(
    "api_tokens",
    sa.column("id", sa.Integer()),
    sa.column("scopes", sa.JSON()),
    sa.column("expires_at", col.TS),
)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("credential", sa.String(length=64), nullable=False),
        sa.Column("created_at", col.TS, nullable=False),
        sa.Column("last_seen_at", col.TS, nullable=False),
        sa.Column("expires_at", col.TS, nullable=False),
        sa.Column("ended_at", col.TS, nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        col.primary_key("web_sessions", "id_hash"),
    )
    col.create_indexes("web_sessions", "user_name")

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", col.TS, nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        col.primary_key("login_throttle", "key"),
    )
    col.create_indexes("login_throttle", "user_name")

    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("prefix", sa.String(length=16), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("expires_at", col.TS, nullable=True))
        batch.add_column(
            sa.Column("created_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("last_used_at", col.TS, nullable=True))
    op.get_bind().execute(
        sa.update(_tokens).values(
            scopes=_ALL_SCOPES, expires_at=datetime.now(UTC) + timedelta(days=90)
        )
    )

    with op.batch_alter_table("api_tokens") as batch:
        batch.alter_column("scopes", existing_type=sa.JSON(), nullable=False)

    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("integration", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("integration")
    with op.batch_alter_table("api_tokens") as batch:
        for column in ("last_used_at", "created_by", "expires_at", "scopes", "prefix"):
            batch.drop_column(column)
    col.drop_table("login_throttle", "user_name")
    col.drop_table("web_sessions", "user_name")
