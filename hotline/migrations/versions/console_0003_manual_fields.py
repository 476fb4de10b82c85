"""tickets.manual_fields: routing-derived fields an operator set by hand.

Owned by the console. Re-routing after a correction leaves these fields alone. Existing
tickets start with none pinned ("[]").

Revision ID: console_0003
Revises: store_0003
Create Date: 2026-12-02 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "console_0003"
down_revision: str | None = "store_0003"


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(
            sa.Column("manual_fields", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("manual_fields")
