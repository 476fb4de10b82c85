"""`hotline followup …`: the 回访 jobs from the shell."""

from __future__ import annotations

import json
import sys

import click

from hotline.ticketing.followup.results import MANUAL_RESULT_NAMES as RESULTS


@click.group()
def followup() -> None:
    """Follow-up survey calls (回访): list, call now, enter results of calls made by hand."""


def _service(ctx: click.Context):  # type: ignore[no-untyped-def]
    from hotline.commands._database import open_existing_database
    from hotline.startup import load_settings_or_exit
    from hotline.survey_dialer import build_followup_service

    settings = load_settings_or_exit(ctx.obj.get("config_path"))
    database = open_existing_database(settings)
    return settings, database, build_followup_service(settings, database)


@followup.command("list")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(
        [
            "planned",
            "dialling",
            "answered",
            "exhausted",
            "opted_out",
            "not_callable",
            "done",
            "cancelled",
        ]
    ),
    help="Only jobs in this state (repeatable).",
)
@click.option("--manual", is_flag=True, help="Only the manual-call list (attempts exhausted).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, one job per line.")
@click.pass_context
def list_(ctx: click.Context, states: tuple[str, ...], manual: bool, as_json: bool) -> None:
    """List follow-up jobs by due time."""
    from zoneinfo import ZoneInfo

    from hotline.ticketing.followup.states import STATE_LABELS_ZH, JobState

    settings, database, service = _service(ctx)
    try:
        if manual:
            jobs = service.manual_call_list()
        else:
            jobs = service.list_jobs([JobState(s) for s in states] or None)
    finally:
        database.close()
    zone = ZoneInfo(settings.followup.timezone)
    for job in jobs:
        if as_json:
            data = job.to_dict()
            data["state_label"] = STATE_LABELS_ZH[job.state]
            click.echo(json.dumps(data, ensure_ascii=False))
            continue
        due = job.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        result = job.satisfaction or "-"
        click.echo(
            f"{job.id}\t工单{job.ticket_id}\t{STATE_LABELS_ZH[job.state]}\t{due}\t"
            f"第{job.attempts}次\t{job.phone or '-'}\t{result}\t{job.note}"
        )


def _fail(exc: Exception) -> None:
    message = getattr(exc, "message_zh", None)
    click.echo(f"错误 / error: {message + ' / ' if message else ''}{exc}", err=True)
    sys.exit(1)


@followup.command("call-now")
@click.argument("ticket_id", type=int)
@click.option("--operator", default="cli", show_default=True, help="Who asks (for the record).")
@click.pass_context
def call_now(ctx: click.Context, ticket_id: int, operator: str) -> None:
    """Dial this ticket's survey at the scheduler's next pass (inside the calling window)."""
    from hotline.ticketing.errors import DomainError
    from hotline.ticketing.users import Actor, Role

    _settings, database, service = _service(ctx)
    try:
        job = service.call_now(ticket_id, Actor(operator, Role.OPERATOR))
    except DomainError as exc:
        _fail(exc)
    finally:
        database.close()
    window_note = "" if service.policy.window.contains(job.due_at) else "（回访时段开始后拨打）"
    click.echo(f"回访任务 {job.id}：将尽快拨打{window_note}")


@followup.command("record")
@click.argument("ticket_id", type=int)
@click.option(
    "--result",
    required=True,
    type=click.Choice(sorted(RESULTS)),
    help="What the caller said on a call made by hand.",
)
@click.option("--note", default="", help="Remarks kept with the result.")
@click.option("--operator", default="cli", show_default=True, help="Who made the call.")
@click.pass_context
def record(ctx: click.Context, ticket_id: int, result: str, note: str, operator: str) -> None:
    """Enter the result of a survey call made by hand (不满意 sends the ticket back)."""
    from hotline.ticketing.errors import DomainError
    from hotline.ticketing.model import SATISFACTION_LABELS
    from hotline.ticketing.users import Actor, Role

    _settings, database, service = _service(ctx)
    try:
        job = service.record_manual(
            ticket_id, RESULTS[result], Actor(operator, Role.OPERATOR), note
        )
    except DomainError as exc:
        _fail(exc)
    finally:
        database.close()
    label = SATISFACTION_LABELS[RESULTS[result]]
    click.echo(f"工单 {ticket_id}：回访结果「{label}」已记录（任务 {job.id}）")
