"""Database backup and restore for `hotline db backup/restore`.

SQLite: the online backup API (a consistent copy while the service runs). PostgreSQL:
pg_dump's custom format of the schema in use, restored with pg_restore --clean (the
PostgreSQL client tools must be installed). Recordings are files: copy the recordings
volume alongside (README, "Backup and restore").
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hotline.settings import sqlite_path


class BackupError(Exception):
    pass


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _schema(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT current_schema()")).scalar_one())
    finally:
        engine.dispose()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return path


def _run(argv: list[str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_copy(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup(url: str, target: Path) -> None:
    """Write a consistent copy of the database at `url` to `target`."""
    path = sqlite_path(url)
    if path is not None:
        if not path.is_file():
            raise BackupError(f"no database at {path}")
        _sqlite_copy(path, target)
        return
    schema = _schema(url)
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--schema", schema,
          "--file", str(target), _conninfo(url)])  # fmt: skip


def restore(url: str, source: Path) -> None:
    """Replace the database at `url` with the backup `source` (stop the service first)."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, path)
        return
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
          "--dbname", _conninfo(url), str(source)])  # fmt: skip
