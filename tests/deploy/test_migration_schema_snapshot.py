"""The Alembic chain builds the very schema recorded in migration_schema.<dialect>.json.

The snapshot was taken before the revisions shared their column blocks through
hotline/migrations/columns.py: the refactoring must not change one byte of the schema.
SQLite is compared down to the DDL text it stores; PostgreSQL through the catalogue's
own index and constraint definitions. Later revisions are not part of it: the test
upgrades to SNAPSHOT_REVISION only. To refresh the files on purpose, run it with
HOTLINE_WRITE_SCHEMA_SNAPSHOT=1.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command

from hotline.migrations import alembic_config, upgrade

SNAPSHOT_DIR = Path(__file__).resolve().parent
# The head when the snapshot was taken: later revisions change the schema on purpose.
SNAPSHOT_REVISION = "scale_0003"


def _inspected(engine: sa.Engine) -> dict[str, Any]:
    inspector = sa.inspect(engine)
    tables: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        tables[table] = {
            "columns": [
                {
                    "name": c["name"],
                    "type": repr(c["type"]),
                    "nullable": c["nullable"],
                    "default": c.get("default"),
                    "autoincrement": c.get("autoincrement"),
                }
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table),
            "foreign_keys": sorted(
                (
                    {k: v for k, v in fk.items() if k != "referred_schema"}
                    for fk in inspector.get_foreign_keys(table)
                ),
                key=repr,
            ),
            "indexes": sorted(inspector.get_indexes(table), key=lambda i: str(i["name"])),
            "unique": sorted(inspector.get_unique_constraints(table), key=lambda u: str(u["name"])),
            "checks": sorted(inspector.get_check_constraints(table), key=repr),
        }
    return tables


def _catalogue_ddl(conn: sa.Connection) -> list[list[str]]:
    if conn.dialect.name == "sqlite":
        rows = conn.execute(
            sa.text(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name"
            )
        )
    else:
        rows = conn.execute(
            sa.text(
                "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes"
                " WHERE schemaname = current_schema()"
                " UNION ALL"
                " SELECT 'constraint', c.conname, t.relname, pg_get_constraintdef(c.oid)"
                " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                " WHERE t.relnamespace = current_schema()::regnamespace"
                " UNION ALL"
                " SELECT 'default', column_name, table_name, coalesce(column_default, '')"
                " FROM information_schema.columns WHERE table_schema = current_schema()"
                " ORDER BY 1, 3, 2"
            )
        )
    # PostgreSQL tests run in a schema of a random name: keep it out of the definitions.
    schema = None
    if conn.dialect.name != "sqlite":
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar()
    return [[str(v).replace(f"{schema}.", "") if schema else str(v) for v in row] for row in rows]


def schema_of(url: str) -> dict[str, Any]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            ddl = _catalogue_ddl(conn)
        return {"tables": _inspected(engine), "ddl": ddl}
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_snapshot(db_url: str) -> None:
    upgrade(db_url, SNAPSHOT_REVISION)
    found = json.loads(json.dumps(schema_of(db_url), default=repr, sort_keys=True))
    dialect = sa.make_url(db_url).get_backend_name()
    snapshot = SNAPSHOT_DIR / f"migration_schema.{dialect}.json"
    if os.environ.get("HOTLINE_WRITE_SCHEMA_SNAPSHOT") == "1":
        snapshot.write_text(
            json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    assert found == json.loads(snapshot.read_text(encoding="utf-8"))


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    """Every revision's downgrade undoes its upgrade: nothing is left but Alembic's own
    table, and upgrading again gives the snapshot schema."""
    upgrade(db_url, SNAPSHOT_REVISION)
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(db_url)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert sa.inspect(engine).get_table_names() == ["alembic_version"]
    finally:
        engine.dispose()
    test_migrated_schema_matches_the_snapshot(db_url)
