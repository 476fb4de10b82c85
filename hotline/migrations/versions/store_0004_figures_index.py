"""The receipt-time index of tickets also carries what the dashboard counts (PostgreSQL).

A year's statistics read ~330 000 tickets of a city; fetching each from the table (rows
of a kilobyte and more with their texts) was most of the time. With the counted columns
INCLUDEd in ix_tickets_received_at, PostgreSQL answers the statistics by an index-only
scan (ticketing/persistence/figures_sql.py); lists ordered by receipt time use the same
index as before. SQLite has no INCLUDE: its index stays as it was.

Revision ID: store_0004
Revises: routing_0004
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "store_0004"
down_revision: str | Sequence[str] | None = "routing_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# TicketRow's ix_tickets_received_at INCLUDEs the same columns (ticketing/persistence/
# tables.py). Written out here, not imported: a revision must build what it built the day
# it was written, whatever the model says later.
FIELDS = ("state", "request_type", "urgency", "lead_unit", "area_id", "epidemic", "satisfaction")
TIMES = ("first_dispatched_at", "dispatched_at", "closed_at")
COUNTED = FIELDS + TIMES


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Built under another name first, so lists keep their index until the swap.
    op.create_index(
        "ix_tickets_received_at_new", "tickets", ["received_at"], postgresql_include=list(COUNTED)
    )
    op.drop_index("ix_tickets_received_at", table_name="tickets")
    op.execute("ALTER INDEX ix_tickets_received_at_new RENAME TO ix_tickets_received_at")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_tickets_received_at", table_name="tickets")
    op.create_index("ix_tickets_received_at", "tickets", ["received_at"])
