"""`hotline` command: the only place where the parts are wired together."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="HOTLINE_CONFIG",
    default=None,
    help="YAML settings file (default: ./hotline.yaml if present, else the packaged defaults).",
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Hotline: telephony and ticketing for government service hotlines."""
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


def _register() -> None:
    # One line per command module; each module owns its subcommands.
    from hotline.commands import config_cmd

    main.add_command(config_cmd.config)
    main.add_command(__import__("hotline.commands.db", fromlist=["db"]).db)
    main.add_command(__import__("hotline.commands.users", fromlist=["user"]).user)
    main.add_command(__import__("hotline.commands.tokens", fromlist=["token"]).token)
    main.add_command(__import__("hotline.commands.tickets", fromlist=["tickets"]).tickets)
    main.add_command(__import__("hotline.commands.serve", fromlist=["serve"]).serve)
    main.add_command(__import__("hotline.commands.routing", fromlist=["x"]).route)
    main.add_command(__import__("hotline.commands.routing", fromlist=["x"]).routing)
    main.add_command(__import__("hotline.commands.call", fromlist=["call"]).call)
    __import__("hotline.commands.asr_cmd", fromlist=["x"]).register(main)
    main.add_command(__import__("hotline.commands.followup", fromlist=["x"]).followup)


_register()
