"""`hotline user …`: accounts for operators, leads, unit liaisons and admins."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import HUMAN_ROLES, ROLE_LABELS
from hotline.ticketing.web import accounts

T = TypeVar("T")


def _read_password(confirm: bool = True) -> str:
    """Hidden prompt on a terminal; otherwise the first line of stdin (for scripts)."""
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=confirm))
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@click.group("user")
def user() -> None:
    """Manage user accounts (passwords are stored as argon2 hashes)."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice([str(r) for r in HUMAN_ROLES]),
    required=True,
    help="; ".join(f"{r}: {ROLE_LABELS[r]}" for r in HUMAN_ROLES),
)
@click.option(
    "--unit", "unit_id", default=None, help="Unit id a liaison speaks for (required for liaisons)."
)
@click.option("--portfolio", default=None, help="Comma-separated unit ids an operator supervises.")
@click.option("--display-name", default="", help="Name shown in the console (default: NAME).")
@click.option(
    "--integration",
    is_flag=True,
    help="A machine account (city platform, 市长信箱…): an admin may mint its API tokens.",
)
@click.pass_context
def add(
    ctx: click.Context,
    name: str,
    role: str,
    unit_id: str | None,
    portfolio: str | None,
    display_name: str,
    integration: bool,
) -> None:
    """Add user NAME; the password is read from stdin."""
    from hotline.startup import load_settings_or_exit, open_migrated_database
    from hotline.ticketing.errors import DomainError

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_migrated_database(settings)
    password = _read_password()
    try:
        created = accounts.add_account(
            database,
            name,
            role,
            password,
            unit_id=unit_id,
            portfolio=_split(portfolio),
            display_name=display_name,
            integration=integration,
        )
    except DomainError as exc:
        raise click.ClickException(f"{exc.message_zh} / {exc.message_en}") from None
    finally:
        database.close()
    where = f", unit {created.unit_id}" if created.unit_id else ""
    click.echo(f"已创建用户 / user added: {created.name} ({created.role}{where})")


@user.command("passwd")
@click.argument("name")
@click.pass_context
def passwd(ctx: click.Context, name: str) -> None:
    """Set a new password for NAME (read from stdin); their console sessions end."""
    ended = _account_change(ctx, lambda db: accounts.reset_password(db, name, _read_password()))
    click.echo(f"密码已更新 / password changed: {name} ({ended} session(s) ended)")


@user.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List user accounts."""
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        for account in accounts.list_accounts(database):
            u = account.user
            extra = u.unit_id or ",".join(u.portfolio)
            state = "" if u.active else " (disabled)"
            state += " (locked)" if account.locked else ""
            state += " (integration)" if u.integration else ""
            click.echo(f"{u.name}\t{u.role}\t{extra}{state}")
    finally:
        database.close()


def _account_change(ctx: click.Context, change: Callable[[Database], T]) -> T:
    """Run one accounts.* change on the configured database; domain errors → exit 1."""
    from hotline.startup import load_settings_or_exit, open_migrated_database
    from hotline.ticketing.errors import DomainError

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        return change(database)
    except DomainError as exc:
        raise click.ClickException(f"{exc.message_zh} / {exc.message_en}") from None
    finally:
        database.close()


@user.command("disable")
@click.argument("name")
@click.pass_context
def disable(ctx: click.Context, name: str) -> None:
    """Disable NAME: no login, no API token works, every console session ends."""
    ended = _account_change(ctx, lambda db: accounts.set_active(db, name, False))
    click.echo(f"已停用 / disabled: {name} ({ended} session(s) ended)")


@user.command("enable")
@click.argument("name")
@click.pass_context
def enable(ctx: click.Context, name: str) -> None:
    """Enable NAME again (a new login is needed)."""
    _account_change(ctx, lambda db: accounts.set_active(db, name, True))
    click.echo(f"已启用 / enabled: {name}")


@user.command("unlock")
@click.argument("name")
@click.pass_context
def unlock(ctx: click.Context, name: str) -> None:
    """Unlock NAME after too many failed logins (clears its failure counts)."""
    held = _account_change(ctx, lambda db: accounts.unlock_account(db, name))
    click.echo(f"已解锁 / unlocked: {name}" + ("" if held else " (was not locked)"))


@user.command("role")
@click.argument("name")
@click.option("--role", type=click.Choice([str(r) for r in HUMAN_ROLES]), required=True)
@click.option("--unit", "unit_id", default=None, help="Unit id (liaisons only).")
@click.pass_context
def role(ctx: click.Context, name: str, role: str, unit_id: str | None) -> None:
    """Give NAME another role (and unit); their console sessions end."""
    changed = _account_change(ctx, lambda db: accounts.change_role(db, name, role, unit_id))
    click.echo(f"已修改角色 / role changed: {name} → {changed.role} {changed.unit_id or ''}")
