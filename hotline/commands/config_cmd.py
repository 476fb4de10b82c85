"""`hotline config check`."""

from __future__ import annotations

import sys

import click
import yaml

from hotline.secret_key import secret_key_source
from hotline.settings import ConfigError, Settings, load_settings, masked_dump, sqlite_path
from hotline.startup import masked_url


@click.group()
def config() -> None:
    """Inspect the configuration."""


def _load(ctx: click.Context) -> tuple[Settings, str]:
    """The settings and where web.secret_key comes from; a configuration error exits 2."""
    try:
        settings = load_settings(ctx.obj.get("config_path"))
        return settings, secret_key_source(settings)
    except ConfigError as exc:
        click.echo(f"配置错误 / configuration error: {exc}", err=True)
        sys.exit(2)


@config.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Validate the settings and print the effective values (secrets masked)."""
    settings, key_source = _load(ctx)
    click.echo(f"# effective settings from {settings._source_file}")
    click.echo(f"# data directory: {settings.storage.data_dir}")
    click.echo(f"# web.secret_key: {key_source}")
    if settings.upstream.url and settings.upstream.secret is None:
        click.echo("# upstream: url set but no upstream.secret: report-up (上报) stays off")
    click.echo(yaml.safe_dump(masked_dump(settings), allow_unicode=True, sort_keys=False))
    # Follow-up surveys without an outbound route would ring our own listener: dialling is
    # off then (hotline.ticketing.followup.policy.dialling_off). A warning, not an error.
    from hotline.ticketing.followup.policy import dialling_off

    if settings.followup.enabled and (reason := dialling_off(settings)):
        click.echo(
            f"warning: follow-up survey calls will not be dialled: sip.outbound.proxy is not "
            f"set (the route to the trunk/PBX) / {reason}",
            err=True,
        )


@config.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Where data lives and what is still missing (model, accounts, outbound route), with
    the command that fixes each. Read-only; scripts/start.sh prints it before serving."""
    settings, key_source = _load(ctx)
    for line in status_lines(settings, key_source):
        click.echo(line)


def status_lines(settings: Settings, key_source: str) -> list[str]:
    from hotline.asr.model import ModelError, inspect_model

    storage = settings.storage
    lines = [
        f"data directory:  {storage.data_dir}   (HOTLINE_DATA_DIR)",
        f"database:        {masked_url(storage.database_url)}",
        f"recordings:      {storage.recordings_dir}",
        f"session key:     {key_source}",
    ]
    todo: list[str] = []
    try:
        info = inspect_model(settings.asr.model_path, name=settings.asr.model_name)
    except ModelError:
        todo.append(
            f"speech model:    missing at {settings.asr.model_path} (calls are recorded, "
            f"not transcribed)\n    fix: hotline model install {settings.asr.model_name}   "
            f"(offline: hotline model install --from {settings.asr.model_name}.zip)"
        )
    else:
        if settings.asr.engine == "vosk":
            from hotline.asr.static_graph import (
                COMPILE_COMMAND,
                COMPILE_COST,
                StaticGraphError,
                choose_graph,
            )
            from hotline.commands.asr_cmd import graph_status

            asr = settings.asr
            lines.append(f"speech graph:    {graph_status(asr)}")
            try:
                choose_graph(asr.graph, asr.model_path, asr.graph_cache)
            except StaticGraphError:
                # asr.graph static with nothing compiled: calls are recorded, not transcribed.
                todo.append(
                    "speech graph:    asr.graph static, but no graph compiled for this model "
                    f"(calls are recorded, not transcribed)\n    fix: {COMPILE_COMMAND}   "
                    f"({COMPILE_COST}; or set asr.graph: auto)"
                )
        if not info.language.mandarin:
            todo.append(
                f"speech model:    NOT Mandarin ({info.language.name})\n"
                f"    fix: hotline model install {settings.asr.model_name}"
            )
    accounts = _console_accounts(settings)
    if not accounts:
        todo.append(
            "accounts:        nobody can log in to the console yet\n"
            "    fix: hotline user add admin --role admin   (password on stdin; "
            "then operators: --role operator)"
        )
    if settings.followup.enabled and not settings.sip.outbound.proxy:
        todo.append(
            "outbound route:  none for follow-up survey calls (回访)\n"
            "    fix: set sip.outbound.proxy (e.g. HOTLINE_SIP__OUTBOUND__PROXY=sip:pbx:5060)"
        )
    lines.extend(["missing:"] + [f"  {t}" for t in todo] if todo else ["nothing missing"])
    return lines


def _console_accounts(settings: Settings) -> int:
    """Active admin/operator/lead accounts (0 when there is no database yet)."""
    path = sqlite_path(settings.storage.database_url)
    if path is not None and not path.is_file():
        return 0
    from hotline.catalog_loader import load_catalog
    from hotline.ticketing import services
    from hotline.ticketing.persistence.database import Database

    try:
        database = Database.open(
            settings.storage.database_url, catalog=load_catalog(settings.catalog_path)
        )
        try:
            users = services.list_users(database.read_uow())
        finally:
            database.close()
    except Exception:  # no tables yet, server away: serve will say more
        return 0
    return sum(1 for u in users if u.active and str(u.role) in ("admin", "operator", "lead"))
