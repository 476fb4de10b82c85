"""tickets.forwarded_from: the number a call was forwarded from (Diversion/History-Info).

Owned by intake. Also joins the parallel heads of 0001 (asr, followup, web) into one.
Tickets drafted before this revision kept the number in routing_suggestion["call"]
["forwarded_from"]; it is copied into the new column (the JSON is left as it was).

Revision ID: intake_0001
Revises: asr_0001, followup_0001, web_0001
Create Date: 2026-11-26 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0001"
down_revision: tuple[str, ...] = ("asr_0001", "followup_0001", "web_0001")

_tickets = sa.table(
    "tickets",
    sa.column("id", sa.Integer()),
    sa.column("routing_suggestion", sa.JSON()),
    sa.column("forwarded_from", sa.String(100)),
)


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("forwarded_from", sa.String(length=100), nullable=True))
    _copy_from_routing_suggestion()


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("forwarded_from")


def _copy_from_routing_suggestion() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_tickets.c.id, _tickets.c.routing_suggestion).where(
            sa.cast(_tickets.c.routing_suggestion, sa.Text).like('%"forwarded_from"%')
        )
    )
    for ticket_id, suggestion in rows.all():
        number = ((suggestion or {}).get("call") or {}).get("forwarded_from")
        if number:
            connection.execute(
                sa.update(_tickets)
                .where(_tickets.c.id == ticket_id)
                .values(forwarded_from=str(number)[:100])
            )
