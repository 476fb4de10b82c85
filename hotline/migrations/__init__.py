"""Alembic migrations (one chain for SQLite and PostgreSQL) and a programmatic `upgrade()`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from hotline.ticketing.persistence.database import make_engine, normalise_url

MIGRATIONS_DIR = Path(__file__).resolve().parent
_LOCK = 0x686F746C696E65  # "hotline": the advisory lock that serialises migrations


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads", *, engine: Engine | None = None) -> None:
    """Bring the database at `url` to `revision` (creates a SQLite file and its folder).

    "heads": packages add their own revisions on top of 0001, possibly as parallel
    branches; every head is applied.
    """
    config = alembic_config(url)
    engine = engine or make_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Nodes starting at once migrate one after the other (the lock ends with
                # this transaction): the second finds the schema current.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def current_heads(url: str) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
