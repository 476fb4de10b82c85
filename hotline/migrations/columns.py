"""Shorthands the revisions share: the timestamp type, the surrogate key, the named
constraints and the one-column indexes every table of ours has.

Each one builds exactly what the revisions spelled out before it existed (the names
follow the metadata's naming convention, so they are given ready-made with op.f);
tests/deploy/test_migration_schema_snapshot.py holds the schema to that. A change here
changes past revisions: add new shorthands, never alter one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

TS = sa.DateTime(timezone=True)


def id_column() -> sa.Column[int]:
    """The autoincrement integer key most tables have."""
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """pk_<table> over `columns` (default: id)."""
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=op.f(f"pk_{table}"))


def unique(table: str, column: str) -> sa.UniqueConstraint:
    """uq_<table>_<column>."""
    return sa.UniqueConstraint(column, name=op.f(f"uq_{table}_{column}"))


def references(table: str, column: str, target: str, **options: str) -> sa.ForeignKeyConstraint:
    """fk_<table>_<column>_<target>: `column` refers to <target>.id."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), **options
    )


def create_indexes(table: str, *columns: str) -> None:
    """One ix_<table>_<column> index per column."""
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def drop_indexes(table: str, *columns: str) -> None:
    """Drop what create_indexes(table, *columns) made."""
    for column in columns:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)


def drop_table(table: str, *indexed: str) -> None:
    """Drop what create_indexes(table, *indexed) made, then the table."""
    drop_indexes(table, *indexed)
    op.drop_table(table)
