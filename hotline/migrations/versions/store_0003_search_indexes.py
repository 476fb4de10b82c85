"""Indexes for a city-size ticket store.

- Text search: Chinese has no spaces to split words at, so every text is indexed by its
  overlapping two-character runs (熊岳温泉 → 熊岳 岳温 温泉) in a `simple` tsvector with a
  GIN index. A search of two or more characters looks its runs up in the index and then
  checks the literal substring (LIKE) on the rows found, so results are exactly those of
  the substring search, without reading the table. The function names here are what
  ticketing/persistence/search_sql.py calls: keep them in step.
- Assisting units (a JSON list): a GIN index on its jsonb form for "lead or assisting
  unit" filters (liaison lists, portfolios).
  These two are PostgreSQL's only (SQLite keeps plain LIKE scans) and stay outside the
  ORM model (their names: search_sql.POSTGRES_ONLY_INDEXES).
- On every database: the newest-first list of one unit, and lists of a state ordered by
  receipt (both also in the model, ticketing/persistence/tables.py).

Revision ID: store_0003
Revises: web_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "store_0003"
down_revision: str | None = "web_0002"

_BIGRAMS = """
CREATE OR REPLACE FUNCTION hotline_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(string_agg(substr(t, i, 2), ' '), '')
  FROM generate_series(1, length(t) - 1) AS i
$$
"""
_DOCUMENT = """
CREATE OR REPLACE FUNCTION hotline_search_document(
  summary text, machine_text text, corrected_text text, location_text text,
  caller_number text, callback_number text
) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple'::regconfig, {schema}.hotline_bigrams(
    coalesce(summary, '') || ' ' || coalesce(machine_text, '') || ' ' ||
    coalesce(corrected_text, '') || ' ' || coalesce(location_text, '') || ' ' ||
    coalesce(caller_number, '') || ' ' || coalesce(callback_number, '')))
$$
"""


def upgrade() -> None:
    op.create_index("ix_tickets_lead_unit_received", "tickets", ["lead_unit", "received_at"])
    op.create_index("ix_tickets_state_received", "tickets", ["state", "received_at"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_BIGRAMS)
    # Qualified: pg_restore rebuilds the index with an empty search_path.
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    op.execute(_DOCUMENT.replace("{schema}", '"' + str(schema).replace('"', '""') + '"'))
    op.execute(
        "CREATE INDEX ix_tickets_search ON tickets USING gin (hotline_search_document("
        "summary, machine_text, corrected_text, location_text, caller_number, callback_number))"
    )
    op.execute(
        "CREATE INDEX ix_tickets_assisting_units ON tickets "
        "USING gin ((assisting_units::jsonb) jsonb_path_ops)"
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_state_received", table_name="tickets")
    op.drop_index("ix_tickets_lead_unit_received", table_name="tickets")
    if op.get_bind().dialect.name != "postgresql":
        return
    for index in ("ix_tickets_assisting_units", "ix_tickets_search"):
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.execute(f"DROP FUNCTION IF EXISTS hotline_search_document({', '.join(['text'] * 6)})")
    op.execute("DROP FUNCTION IF EXISTS hotline_bigrams(text)")
