"""`hotline config check`."""

from __future__ import annotations

import sys

import click
import yaml

from hotline.secret_key import secret_key_source
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
        key_source = secret_key_source(settings)
    except ConfigError as exc:
        click.echo(f"配置错误 / configuration error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"# effective settings from {settings._source_file}")
    click.echo(f"# data directory: {settings.storage.data_dir}")
    click.echo(f"# web.secret_key: {key_source}")
    if settings.upstream.url and settings.upstream.secret is None:
        click.echo("# upstream: url set but no upstream.secret: report-up (上报) stays off")
    click.echo(yaml.safe_dump(masked_dump(settings), allow_unicode=True, sort_keys=False))
