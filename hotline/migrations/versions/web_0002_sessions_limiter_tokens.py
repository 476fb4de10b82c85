"""Server-side console sessions, the shared login limiter, scoped expiring API tokens,
integration accounts.

Owned by ticketing.web (tables in ticketing/web/tables.py). Tokens made before this
revision had every right and no expiry: they keep every scope and expire 90 days
after the upgrade, so running integrations have time to get a new one.

Revision ID: web_0002
Revises: intake_0001
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "web_0002"
down_revision: str | Sequence[str] | None = "intake_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)
_ALL_SCOPES = ["read", "intake", "commands"]

_tokens = sa.table(
    "api_tokens",
    sa.column("id", sa.Integer()),
    sa.column("scopes", sa.JSON()),
    sa.column("expires_at", _TS),
)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("credential", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("last_seen_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("ended_at", _TS, nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_name"), "web_sessions", ["user_name"])

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", _TS, nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_index(op.f("ix_login_throttle_user_name"), "login_throttle", ["user_name"])

    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("prefix", sa.String(length=16), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("expires_at", _TS, nullable=True))
        batch.add_column(
            sa.Column("created_by", sa.String(length=100), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("last_used_at", _TS, nullable=True))
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
    op.drop_index(op.f("ix_login_throttle_user_name"), table_name="login_throttle")
    op.drop_table("login_throttle")
    op.drop_index(op.f("ix_web_sessions_user_name"), table_name="web_sessions")
    op.drop_table("web_sessions")
