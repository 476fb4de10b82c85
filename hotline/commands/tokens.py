"""`hotline token …`: API tokens for integration accounts — create, list, revoke.

The secret is printed once at creation; only its hash is stored, lists show a prefix.
"""

from __future__ import annotations

from datetime import timedelta

import click

from hotline.ticketing.web import auth_store
from hotline.ticketing.web.auth import hash_token, new_api_token


@click.group("token")
def token() -> None:
    """Manage API tokens (Bearer) for integrations."""


@token.command("create")
@click.argument("user_name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(auth_store.SCOPES),
    default=("read",),
    show_default=True,
    help="read: GET requests; intake: create tickets; commands: every other write. Repeatable.",
)
@click.option("--days", type=click.IntRange(min=1), default=None, help="Lifetime in days.")
@click.option("--label", default="", help="What the token is for (shown in lists).")
@click.pass_context
def create(
    ctx: click.Context, user_name: str, scopes: tuple[str, ...], days: int | None, label: str
) -> None:
    """Create a token for the integration account USER_NAME and print it (once)."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    days = days or settings.web.token_default_days
    if days > settings.web.token_max_days:
        raise click.ClickException(
            f"--days above web.token_max_days ({settings.web.token_max_days})"
        )
    database = open_migrated_database(settings)
    try:
        with database.uow() as uow:
            owner = uow.users.get(user_name)
        if owner is None:
            raise click.ClickException(f"用户不存在 / no such user: {user_name}")
        if not owner.integration or not owner.active:
            raise click.ClickException(
                "只能为启用的集成账号创建令牌 / tokens are made here only for active integration "
                "accounts (`hotline user add NAME --integration`); people create their own in the "
                "console"
            )
        secret = new_api_token()
        record = auth_store.add_token(
            database,
            user_name=owner.name,
            token_hash=hash_token(secret),
            prefix=secret[:10],
            label=label,
            scopes=tuple(s for s in auth_store.SCOPES if s in scopes),
            lifetime=timedelta(days=days),
            created_by=("cli", "admin"),
        )
    finally:
        database.close()
    click.echo(secret)
    click.echo(
        f"token {record.id} for {owner.name}, scopes {','.join(record.scopes)}, "
        f"expires {record.expires_at:%Y-%m-%d %H:%M} UTC",
        err=True,
    )


@token.command("list")
@click.option("--user", "user_name", default=None, help="Only this user's tokens.")
@click.pass_context
def list_(ctx: click.Context, user_name: str | None) -> None:
    """List tokens: id, owner, prefix, scopes, state, expiry, label (never the secret)."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        now = database.clock()
        for r in auth_store.list_tokens(database, user_name):
            expires = f"{r.expires_at:%Y-%m-%d}" if r.expires_at else "-"
            click.echo(
                f"{r.id}\t{r.user_name}\t{r.prefix}…\t{','.join(r.scopes)}\t{r.state(now)}"
                f"\t{expires}\t{r.label}"
            )
    finally:
        database.close()


@token.command("revoke")
@click.argument("token_id", type=int)
@click.pass_context
def revoke(ctx: click.Context, token_id: int) -> None:
    """Revoke token TOKEN_ID (see `hotline token list`)."""
    from hotline.startup import load_settings_or_exit, open_migrated_database

    database = open_migrated_database(load_settings_or_exit(ctx.obj.get("config_path")))
    try:
        record = auth_store.revoke_token(database, token_id, ("cli", "admin"))
    finally:
        database.close()
    if record is None:
        raise click.ClickException(f"令牌不存在或已撤销 / no live token {token_id}")
    click.echo(f"已撤销 / revoked: token {token_id} ({record.user_name}, {record.prefix}…)")
