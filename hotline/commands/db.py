"""`hotline db …`: schema migrations."""

from __future__ import annotations

from collections.abc import Callable
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


def _with_database_file(
    ctx: click.Context, action: Callable[[str, Path], None], path: Path, what: tuple[str, str]
) -> None:
    """Run backup/restore `action` on the configured database; errors exit 3 in both
    languages. `what`: (Chinese, English) name of the action."""
    from hotline.backup import BackupError
    from hotline.startup import EXIT_DATABASE, fail, load_settings_or_exit, masked_url

    url = load_settings_or_exit(ctx.obj.get("config_path")).storage.database_url
    try:
        action(url, path)
    except BackupError as exc:
        fail(f"{what[0]}失败 / {what[1]} failed ({masked_url(url)}): {exc}", EXIT_DATABASE)
    click.echo(f"{what[0]}完成 / {what[1]} done: {masked_url(url)} ↔ {path}")


@db.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup(ctx: click.Context, target: Path) -> None:
    """Write a consistent copy of the database to TARGET (safe while the service runs).

    SQLite: the online backup API; PostgreSQL: pg_dump custom format of the schema in use.
    Copy the recordings volume as well (README, "Backup and restore")."""
    from hotline.backup import backup as run_backup

    _with_database_file(ctx, run_backup, target, ("备份", "backup"))


@db.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
@click.pass_context
def restore(ctx: click.Context, source: Path, yes: bool) -> None:
    """Replace the database with the backup SOURCE (stop every node first)."""
    from hotline.backup import restore as run_restore

    if not yes:
        click.confirm(f"Replace the database with {source}?", abort=True)
    _with_database_file(ctx, run_restore, source, ("恢复", "restore"))


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
