"""The asrq Alembic revision creates exactly the tables ticketing/quality_store.py maps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hotline.ticketing.persistence.tables import metadata
from hotline.ticketing.quality_store import AsrCorrectionRow, LexiconRow

OURS = {AsrCorrectionRow.__tablename__, LexiconRow.__tablename__}


def _ours(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    table = obj if kind == "table" else getattr(obj, "table", None)
    return table is None or table.name in OURS


def test_migration_matches_table_definitions(tmp_path: Path) -> None:
    from hotline.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'hotline.db'}"
    upgrade(url)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _ours})
        diff = compare_metadata(context, metadata)
    assert diff == []
