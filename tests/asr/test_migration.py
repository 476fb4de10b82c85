"""The Alembic revision creates exactly the `asr_jobs` table that asr/backlog.py describes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hotline.asr.backlog import BacklogQueue, metadata


def test_migration_matches_table_definition(tmp_path: Path) -> None:
    from hotline.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'hotline.db'}"
    upgrade(url)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        # Other packages' tables are in the same database: compare ours only.
        context = MigrationContext.configure(
            conn,
            opts={"include_name": lambda name, kind, _: kind != "table" or name == "asr_jobs"},
        )
        diff = compare_metadata(context, metadata)
    assert diff == []
    queue = BacklogQueue(engine)
    assert queue.enqueue("call-1", "/recordings/1.wav").state == "queued"
