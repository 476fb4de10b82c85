"""The database for commands that only work on existing data (tickets, follow-ups, users).

Only `hotline serve`, `hotline db upgrade` and `hotline user add` create a database; a
read command started in the wrong place (or with the wrong HOTLINE_DATA_DIR) says where
it looked and exits 3 instead of silently making a new, empty one there.
"""

from __future__ import annotations

from hotline.settings import Settings, sqlite_path
from hotline.startup import (
    EXIT_DATABASE,
    fail,
    load_catalog_or_exit,
    masked_url,
    migrate_or_exit,
    open_database,
)
from hotline.ticketing.persistence.database import Database


def _where(settings: Settings) -> str:
    return (
        f"data directory {settings.storage.data_dir} (storage.data_dir / HOTLINE_DATA_DIR; "
        "default ./var of the current directory)"
    )


def open_existing_database(settings: Settings) -> Database:
    """settings → catalogue → the existing database, schema brought up to date → Database."""
    from hotline.migrations import current_heads

    url = settings.storage.database_url
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        fail(
            f"没有数据库 / no database: {path} does not exist ({_where(settings)}).\n"
            "Run this command where the service keeps its data, set HOTLINE_DATA_DIR to that "
            "folder, or create a new database with `hotline db upgrade`.",
            EXIT_DATABASE,
        )
    try:
        heads = current_heads(url)
    except Exception as exc:  # unreachable server, bad URL: say which database and why
        fail(f"数据库错误 / database error ({masked_url(url)}): {exc}", EXIT_DATABASE)
    if not heads:
        fail(
            f"数据库为空 / empty database ({masked_url(url)}): no hotline tables yet. "
            "Create them with `hotline db upgrade` (or start `hotline serve`).",
            EXIT_DATABASE,
        )
    catalog = load_catalog_or_exit(settings)
    migrate_or_exit(settings)
    return open_database(settings, catalog)
