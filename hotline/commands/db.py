"""`hotline db …`: schema migrations."""

from __future__ import annotations

from pathlib import Path

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


@db.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup(ctx: click.Context, target: Path) -> None:
    """Write a consistent copy of the database to TARGET (safe while the service runs).

    SQLite: the online backup API; PostgreSQL: pg_dump custom format of the schema in use.
    Copy the recordings volume as well (README, "Backup and restore")."""
    from hotline.backup import BackupError
    from hotline.backup import backup as run_backup
    from hotline.startup import EXIT_DATABASE, fail, load_settings_or_exit, masked_url

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    url = settings.storage.database_url
    try:
        run_backup(url, target)
    except BackupError as exc:
        fail(f"备份失败 / backup failed ({masked_url(url)}): {exc}", EXIT_DATABASE)
    click.echo(f"备份完成 / backed up {masked_url(url)} to {target}")


@db.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
@click.pass_context
def restore(ctx: click.Context, source: Path, yes: bool) -> None:
    """Replace the database with the backup SOURCE (stop every node first)."""
    from hotline.backup import BackupError
    from hotline.backup import restore as run_restore
    from hotline.startup import EXIT_DATABASE, fail, load_settings_or_exit, masked_url

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    url = settings.storage.database_url
    if not yes:
        click.confirm(f"Replace {masked_url(url)} with {source}?", abort=True)
    try:
        run_restore(url, source)
    except BackupError as exc:
        fail(f"恢复失败 / restore failed ({masked_url(url)}): {exc}", EXIT_DATABASE)
    click.echo(f"恢复完成 / restored {masked_url(url)} from {source}")


@db.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be purged.")
@click.pass_context
def purge(ctx: click.Context, dry_run: bool) -> None:
    """Delete recordings and personal data kept past retention.* (finished tickets only;
    audited). Run daily; safe to repeat and on any node."""
    from hotline.commands._database import open_existing_database
    from hotline.retention import purge as run_purge
    from hotline.startup import load_settings_or_exit

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        result = run_purge(settings, database, dry_run=dry_run)
    finally:
        database.close()
    verb = "would purge" if dry_run else "purged"
    click.echo(
        f"{verb}: recordings of {len(result.recordings)} ticket(s) {result.recordings}, "
        f"personal data of {len(result.personal)} ticket(s) {result.personal}"
    )
