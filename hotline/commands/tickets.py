"""`hotline tickets …`: look at tickets from the shell."""

from __future__ import annotations

import json
from datetime import datetime

import click

from hotline.ticketing.model import STATE_LABELS, State
from hotline.ticketing.timezone import local_time


@click.group()
def tickets() -> None:
    """List and show tickets (工单)."""


@tickets.command("list")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice([str(s) for s in State]),
    help="Only tickets in this state (repeatable).",
)
@click.option(
    "--unit", "units", multiple=True, help="Only tickets of this unit, lead or assisting."
)
@click.option("--limit", type=click.IntRange(1, 10000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one ticket per line.")
@click.pass_context
def list_(
    ctx: click.Context, states: tuple[str, ...], units: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """List tickets, newest first."""
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit
    from hotline.ticketing import services
    from hotline.ticketing.serialization import ticket_to_dict

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    tz = database.catalog.timezone
    try:
        query = services.TicketQuery(states=states, units=units, limit=limit)
        found = services.list_tickets(database.read_uow(), query)
    finally:
        database.close()
    for t in found:
        if as_json:
            click.echo(json.dumps(ticket_to_dict(t), ensure_ascii=False))
            continue
        received = local_time(t.received_at, tz)
        text = (t.summary or t.text).replace("\n", " ")[:40]
        unit = t.lead_unit or "-"
        click.echo(f"{t.id}\t{received}\t{STATE_LABELS[t.state]}\t{unit}\t{text}")


@tickets.command("show")
@click.argument("ticket_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Every field, transcript words and history.")
@click.pass_context
def show(ctx: click.Context, ticket_id: int, as_json: bool) -> None:
    """Show one ticket with its history."""
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit
    from hotline.ticketing import services
    from hotline.ticketing.errors import NotFoundError
    from hotline.ticketing.serialization import ticket_to_dict

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    tz = database.catalog.timezone
    try:
        ticket = services.get_ticket(database.read_uow(), ticket_id)
    except NotFoundError as exc:
        raise click.ClickException(f"{exc.message_zh} / {exc.message_en}") from None
    finally:
        database.close()
    data = ticket_to_dict(ticket)
    if settings.storage.recordings_dir and ticket.recording_ref:
        data["recording_path"] = str(settings.storage.recordings_dir / ticket.recording_ref)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    skip = {"history", "transcript_words"}
    for key, value in data.items():
        if key not in skip and value not in (None, "", [], {}):
            field = getattr(ticket, key, None)
            if isinstance(field, datetime):  # read by people: the centre's zone, not UTC
                value = local_time(field, tz, seconds=True)
            click.echo(f"{key}: {value}")
    click.echo(f"transcript_words: {len(ticket.transcript_words)}")
    click.echo("history:")
    for h in ticket.history:
        at = local_time(h.at, tz, seconds=True)
        why = f" — {h.reason}" if h.reason else ""
        click.echo(
            f"  {at} {h.actor} ({h.actor_role}) {h.command}: {h.from_state} → {h.to_state}{why}"
        )
