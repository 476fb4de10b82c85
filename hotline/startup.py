"""Settings, catalogue and database for `hotline serve` and the CLI commands — or an exit
with a code and a message that say what is wrong."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from sqlalchemy.engine import make_url

from hotline.catalog_loader import load_catalog
from hotline.database_gate import first_attempt
from hotline.migrations import upgrade
from hotline.settings import ConfigError, Settings, load_settings
from hotline.ticketing.catalog import Catalog, CatalogError
from hotline.ticketing.deadlines import DeadlinePolicy
from hotline.ticketing.persistence.database import Database, make_engine

EXIT_CONFIG = 2  # bad settings or catalogue
# CLI commands: database unreachable or migration failed. `hotline serve`: only a database
# that can never work (bad driver/URL, SQLite file, refused migration) — an unreachable
# database server is waited for (hotline/database_gate.py).
EXIT_DATABASE = 3
EXIT_STARTUP = 4  # e.g. a port already in use


def fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def load_settings_or_exit(config_path: str | None) -> Settings:
    try:
        return load_settings(config_path)
    except ConfigError as exc:
        fail(f"配置错误 / configuration error: {exc}", EXIT_CONFIG)


def load_catalog_or_exit(settings: Settings) -> Catalog:
    path = Path(settings.catalog_path)
    try:
        return load_catalog(path)
    except (OSError, CatalogError, ValueError) as exc:
        fail(f"配置错误 / configuration error: catalog_path {path}: {exc}", EXIT_CONFIG)


def open_database(settings: Settings, catalog: Catalog | None = None) -> Database:
    """The database named in the settings, with the deadline policy and catalogue."""
    catalog = catalog or load_catalog_or_exit(settings)
    return Database.open(
        settings.storage.database_url,
        catalog=catalog,
        policy=DeadlinePolicy.from_settings(settings.deadlines),
    )


def migrate(url: str) -> None:
    """Bring the schema up to date; a server that does not answer fails within ~10 s."""
    upgrade(url, engine=make_engine(url))  # make_engine sets the connect timeout


def migrate_or_exit(settings: Settings) -> None:
    try:
        upgrade(settings.storage.database_url)
    except Exception as exc:  # any driver/migration error: say which database and why
        fail(
            f"数据库错误 / database error ({masked_url(settings.storage.database_url)}): {exc}",
            EXIT_DATABASE,
        )


def masked_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: say so without echoing a possible password
        return "unreadable database URL"


def open_migrated_database(settings: Settings) -> Database:
    """For CLI commands: settings → catalogue → schema at the newest revision → Database."""
    catalog = load_catalog_or_exit(settings)
    migrate_or_exit(settings)
    return open_database(settings, catalog)


def first_database_attempt(url: str) -> str | None:
    """None when migrated; the reason when the server is unreachable (raises StartupError
    when waiting cannot help)."""
    return first_attempt(url, migrate)
