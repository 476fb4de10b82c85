"""`hotline user …`: accounts for operators, leads, unit liaisons and admins."""

from __future__ import annotations

import sys

import click

from hotline.ticketing.users import HUMAN_ROLES, ROLE_LABELS


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
@click.pass_context
def add(
    ctx: click.Context,
    name: str,
    role: str,
    unit_id: str | None,
    portfolio: str | None,
    display_name: str,
) -> None:
    """Add user NAME; the password is read from stdin."""
    from hotline.serve import load_settings_or_exit, open_migrated_database
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
    from hotline.serve import load_settings_or_exit
    from hotline.ticketing import services
    from hotline.ticketing.errors import DomainError

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        services.set_password(database.uow(), name, _read_password())
    except DomainError as exc:
        raise click.ClickException(f"{exc.message_zh} / {exc.message_en}") from None
    finally:
        database.close()
    click.echo(f"密码已更新 / password changed: {name}")


@user.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List user accounts."""
    from hotline.commands._database import open_existing_database
    from hotline.serve import load_settings_or_exit
    from hotline.ticketing import services

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    try:
        for u in services.list_users(database.uow()):
            extra = u.unit_id or ",".join(u.portfolio)
            state = "" if u.active else " (disabled)"
            click.echo(f"{u.name}\t{u.role}\t{extra}{state}")
    finally:
        database.close()
