"""tickets.call_quality: packet loss, jitter, round-trip time and MOS of the call's audio.

Owned by the console. Written at hang-up from the listener's RTP/RTCP figures; shown on the
ticket page with 音质差 when the audio was too poor to transcribe well. Existing tickets
have none (NULL).

Revision ID: console_0004
Revises: scale_0003
Create Date: 2026-12-03 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "console_0004"
down_revision: str | Sequence[str] | None = "scale_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("call_quality", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("call_quality")
