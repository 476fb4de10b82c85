"""`hotline serve`."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--http-port", type=click.IntRange(0, 65535), default=None, help="Web port (default: web.port)."
)
@click.option(
    "--sip-port", type=click.IntRange(0, 65535), default=None, help="SIP port (default: sip.port)."
)
@click.pass_context
def serve(ctx: click.Context, http_port: int | None, sip_port: int | None) -> None:
    """Run the service: migrate the database, then serve web, SIP and background jobs."""
    from hotline.serve import serve as run

    run(ctx.obj.get("config_path"), http_port=http_port, sip_port=sip_port)
