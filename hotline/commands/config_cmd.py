"""`hotline config check`."""

from __future__ import annotations

import sys

import click
import yaml

from hotline.settings import ConfigError, load_settings, masked_dump


@click.group()
def config() -> None:
    """Inspect the configuration."""


@config.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Validate the settings and print the effective values (secrets masked)."""
    try:
        settings = load_settings(ctx.obj.get("config_path"))
    except ConfigError as exc:
        click.echo(f"配置错误 / configuration error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"# effective settings from {settings._source_file}")
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
