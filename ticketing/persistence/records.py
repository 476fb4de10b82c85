"""Small shared steps between ORM rows and the frozen records the stores hand out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, TypeVar

from hotline.ticketing.persistence.database import Database
from sqlalchemy import (
    Column,
    ColumnElement,
    Executable,
    ForeignKey,
    Integer,
    Select,
    Table,
    select,
)

R = TypeVar("R")


def key_column() -> Column[int]:
    """The autoincrement integer key of a Core table."""
    return Column("id", Integer, primary_key=True, autoincrement=True)


def ticket_column(**options: bool) -> Column[int]:
    """A side table's required reference to its ticket (`index=True` or `unique=True`)."""
    return Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, **options)


def record_from_row(cls: type[R], row: Any, **values: Any) -> R:
    """A dataclass `cls` from `row`: each field is the row's attribute of the same name,
    unless `values` gives it (a conversion, a default)."""
    return cls(
        **{
            f.name: values[f.name] if f.name in values else getattr(row, f.name)
            for f in fields(cls)  # type: ignore[arg-type]
        }
    )


def execute_committed(db: Database, statement: Executable) -> int:
    """Run one UPDATE/DELETE in its own transaction; how many rows it touched."""
    with db.uow() as uow:
        assert uow.session is not None
        result = uow.session.execute(statement)
        uow.commit()
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def due_in_states(
    table: Table, states: Sequence[object] | None, limit: int, *conditions: ColumnElement[bool]
) -> Select[Any]:
    """Rows of a job-like table (columns state, due_at, id), soonest due first; only
    those in `states` when any are given, and matching every one of `conditions`."""
    query = select(table)
    if states:
        query = query.where(table.c.state.in_([str(s) for s in states]))
    for condition in conditions:
        query = query.where(condition)
    return query.order_by(table.c.due_at, table.c.id).limit(limit)
