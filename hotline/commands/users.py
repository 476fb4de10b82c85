"""`hotline user …`: accounts for operators, leads, unit liaisons and admins."""

from __future__ import annotations

import sys

import click

from hotline.ticketing.persistence.database import Database
from hotline.ticketing.users import HUMAN_ROLES, ROLE_LABELS
from hotline.ticketing.web import auth_store


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
    from hotline.ticketing import services
    from hotline.ticketing.errors import DomainError

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_migrated_database(settings)
    password = _read_password()
    try:
        created = services.add_user(
            database.uow(),
            name,
            role,
            password,
            unit_id=unit_id,
            portfolio=_split(portfolio),
            display_name=display_name,
        )
        if integration:
            _update(database, created.name, integration=True)
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
    """Set a new password for NAME (read from stdin)."""
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit
    from hotline.ticketing import services
    from hotline.ticketing.errors import DomainError

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        services.set_password(database.uow(), name, _read_password())
        ended = auth_store.end_user_sessions(database, name, database.clock(), "password")
        auth_store.audit_now(database, "cli", "admin", "password_changed", details={"user": name})
    except DomainError as exc:
        raise click.ClickException(f"{exc.message_zh} / {exc.message_en}") from None
    finally:
        database.close()
    click.echo(f"密码已更新 / password changed: {name} ({ended} session(s) ended)")


@user.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List user accounts."""
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit
    from hotline.ticketing import services

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        locked = set(auth_store.locked_users(database))
        for u in services.list_users(database.uow()):
            extra = u.unit_id or ",".join(u.portfolio)
            state = "" if u.active else " (disabled)"
            state += " (locked)" if u.name.lower() in locked else ""
            state += " (integration)" if u.integration else ""
            click.echo(f"{u.name}\t{u.role}\t{extra}{state}")
    finally:
        database.close()


def _update(database: Database, name: str, **changes: bool) -> None:
    with database.uow() as uow:
        found = uow.users.get(name)
        if found is None:
            raise click.ClickException(f"用户不存在 / no such user: {name}")
        for key, value in changes.items():
            setattr(found, key, value)
        uow.users.save(found)
        uow.commit()


@user.command("disable")
@click.argument("name")
@click.pass_context
def disable(ctx: click.Context, name: str) -> None:
    """Disable NAME: no login, no API token works, every console session ends."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        _update(database, name, active=False)
        ended = auth_store.end_user_sessions(database, name, database.clock(), "disabled")
        auth_store.audit_now(database, "cli", "admin", "user_disabled", details={"user": name})
    finally:
        database.close()
    click.echo(f"已停用 / disabled: {name} ({ended} session(s) ended)")


@user.command("enable")
@click.argument("name")
@click.pass_context
def enable(ctx: click.Context, name: str) -> None:
    """Enable NAME again (a new login is needed)."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        _update(database, name, active=True)
        auth_store.audit_now(database, "cli", "admin", "user_enabled", details={"user": name})
    finally:
        database.close()
    click.echo(f"已启用 / enabled: {name}")


@user.command("unlock")
@click.argument("name")
@click.pass_context
def unlock(ctx: click.Context, name: str) -> None:
    """Unlock NAME after too many failed logins (clears its failure counts)."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        with database.uow() as uow:
            if uow.users.get(name) is None:
                raise click.ClickException(f"用户不存在 / no such user: {name}")
        held = auth_store.unlock(database, name)
        auth_store.audit_now(
            database, "cli", "admin", "account_unlocked", details={"user": name, "was_locked": held}
        )
    finally:
        database.close()
    click.echo(f"已解锁 / unlocked: {name}" + ("" if held else " (was not locked)"))
