"""`hotline db …`: schema migrations."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Database schema (Alembic migrations; SQLite or PostgreSQL)."""


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Create or upgrade the schema to the newest revision (safe to repeat)."""
    from hotline.migrations import current_heads
    from hotline.startup import load_settings_or_exit, masked_url, migrate_or_exit

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    migrate_or_exit(settings)
    url = settings.storage.database_url
    heads = ", ".join(sorted(current_heads(url)))
    click.echo(f"数据库已更新 / database upgraded: {masked_url(url)} at revision {heads}")


@db.command()
@click.pass_context
def current(ctx: click.Context) -> None:
    """Print the schema revision(s) the database is at."""
    from hotline.migrations import current_heads
    from hotline.settings import sqlite_path
    from hotline.startup import load_settings_or_exit

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    path = sqlite_path(settings.storage.database_url)
    if path is not None and not path.is_file():  # asking must not create the file
        click.echo(f"(no database at {path}: run `hotline db upgrade`)")
        return
    heads = current_heads(settings.storage.database_url)
    click.echo(", ".join(sorted(heads)) or "(empty database: run `hotline db upgrade`)")
