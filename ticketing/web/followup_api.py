"""回访 in the console: the follow-up jobs, the manual-call list, call now, manual results.

A `WebExtension` (see ticketing/web/context.py): routes under /api/v1/followup,
the 回访 nav entry and the panel script (static/followup.js). Operators and
centre leads only; the cookie API's CSRF check applies as everywhere. The
scheduler itself runs elsewhere (hotline/survey_dialer.py); these handlers go
through the same `FollowupService`, so the job state table is the one in
ticketing/followup/states.py.

Composition: `create_web_app(..., extensions=[followup_web_extension()])`; without a
service the extension builds one from the app's database and settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp import web
from aiohttp_pydantic.decorator import inject_params
from aiohttp_pydantic.oas.typing import r200, r400, r403, r404, r409
from hotline.ticketing import services
from hotline.ticketing.followup import store
from hotline.ticketing.followup.policy import policy_from_settings
from hotline.ticketing.followup.results import MANUAL_RESULT_NAMES
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import FINAL_STATES, JobState
from hotline.ticketing.followup.survey_script import completion
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.model import SATISFACTION_LABELS, Satisfaction, State
from hotline.ticketing.persistence import followup_queries as queries
from hotline.ticketing.persistence.followup_queries import TicketBrief
from hotline.ticketing.web import params
from hotline.ticketing.web import store as web_store
from hotline.ticketing.web.api_tickets import publish
from hotline.ticketing.web.auth import CENTRE_ROLES, Principal, require_role
from hotline.ticketing.web.context import (
    ServiceExtension,
    WebContext,
    ctx,
    extension_service,
)
from hotline.ticketing.web.errors import ApiError, error_response
from hotline.ticketing.web.followup_schemas import (
    CallNowOut,
    CompletionOut,
    ErrorBody,
    FollowupJobListOut,
    JobAttemptsOut,
    ManualResultBody,
    ManualResultOut,
    TicketFollowupOut,
)
from hotline.ticketing.web.followup_views import (
    FILTER_LABELS,
    MANUAL_RESULT_HINT,
    MANUAL_RESULT_LABELS,
    attempt_view,
    job_view,
    jobs_view,
    tickets_view,
    window_view,
)
from hotline.ticketing.web.params import DbInt
from pydantic import ValidationError

PANEL_SCRIPT = "/static/followup.js"
MAX_LIST = 500
S = JobState


# --- the extension --------------------------------------------------------------------------


@dataclass
class FollowupExtension(ServiceExtension[FollowupService]):
    """The 回访 extension; `service` is built from the app's database on first use if absent."""

    def build(self, c: WebContext) -> FollowupService:
        return FollowupService(
            engine=c.db.engine,
            tickets=DatabaseTicketPort(c.db),
            policy=policy_from_settings(c.settings),
            clock=c.db.clock,
            node="web",
            trigger=c.settings.followup.trigger_state,
            deadlines=c.db.policy,
        )


routes = web.RouteTableDef()


def followup_web_extension(service: FollowupService | None = None) -> FollowupExtension:
    """The 回访 API and console panel, which the composition root passes to create_web_app."""
    return FollowupExtension.panel("followup", "回访", routes, PANEL_SCRIPT, service)


def _service(c: WebContext) -> FollowupService:
    return extension_service(
        c, FollowupExtension, "回访功能未启用", "follow-up extension not installed"
    )


_FIELDS_ZH = {
    "result": "回访结果",
    "note": "备注",
    "ticket_id": "工单编号",
    "job_id": "任务编号",
    "state": "状态",
    "limit": "条数",
    "offset": "起始位置",
}


async def _invalid(exc: ValidationError, context: str) -> web.StreamResponse:
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    names = [str(e["loc"][0]) for e in errors if e.get("loc")]
    if "result" in names:
        message = f"回访结果无效，应为：{MANUAL_RESULT_HINT}"
    elif names:
        message = "提交的数据不符合要求：" + "、".join(
            dict.fromkeys(_FIELDS_ZH.get(n, n) for n in names)
        )
    else:
        message = "提交的数据不符合要求"
    detail = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in errors)
    return error_response(400, "invalid_input", message, f"{context}: {detail}")


api = inject_params(on_validation_error=_invalid).and_request


def _parse_filter(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    names = tuple(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    if "all" in names:
        return ()
    unknown = [n for n in names if n not in FILTER_LABELS]
    if unknown:
        choices = "、".join(f"{k}({v})" for k, v in FILTER_LABELS.items())
        raise ApiError(
            400,
            "invalid_input",
            f"回访状态无效：{'、'.join(unknown)}；可选：{choices}",
            f"unknown state filter {unknown}",
        )
    return names


def _views(
    jobs: list[store.FollowupJob], tickets: dict[int, TicketBrief], service: FollowupService
) -> list[dict[str, Any]]:
    return jobs_view(
        jobs, tickets, service.policy.window, service.policy.max_attempts, service.clock()
    )


def _job_list(
    service: FollowupService,
    total: int,
    jobs: list[store.FollowupJob],
    tickets: dict[int, TicketBrief],
    counts: dict[str, int],
) -> web.Response:
    """A page of jobs with the filter tabs' counts and the calling window (both lists)."""
    return _json(
        {
            "total": total,
            "items": _views(jobs, tickets, service),
            "counts": counts,
            "filters": {"all": "全部", **FILTER_LABELS},
            "timezone": service.policy.window.timezone,
            "notice": service.policy.dialling_off,
            "window": window_view(service.policy.window, service.clock()),
        }
    )


def _centre(request: web.Request) -> tuple[WebContext, Principal, FollowupService]:
    """The context, the centre user (or 403) and the follow-up service of a request."""
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    return c, principal, _service(c)


# --- handlers -------------------------------------------------------------------------------


@routes.get("/api/v1/followup/jobs")
@api
async def list_jobs(
    request: web.Request,
    state: str | None = None,
    ticket_id: DbInt | None = None,
    limit: DbInt = 200,
    offset: DbInt = 0,
) -> r200[FollowupJobListOut] | r400[ErrorBody] | r403[ErrorBody]:
    """Follow-up survey jobs (回访任务), with counts per state for the filter tabs.

    `state`: all, or comma-separated job states (planned, dialling, answered, busy, no_answer,
    failed, exhausted, opted_out, not_callable, done, cancelled) or groups: open (not
    finished), retry (waiting for another attempt after busy/no answer/failure),
    in_call, manual (the manual-call list), final. Times are UTC ISO 8601, with
    `*_local` in the calling window's time zone (Asia/Shanghai by default).

    Tags: followup
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    names = _parse_filter(params.text_param(state, "state", "回访状态"))
    service = _service(c)
    limit = max(1, min(limit, MAX_LIST))
    page = await c.run(
        queries.query_jobs, service.engine, names, ticket_id, limit, max(0, offset), FILTER_LABELS
    )
    return _job_list(service, page.total, page.jobs, page.tickets, page.counts)


@routes.get("/api/v1/followup/manual-calls")
@api
async def manual_calls(
    request: web.Request,
) -> r200[FollowupJobListOut] | r403[ErrorBody]:
    """The manual-call list (呼叫失败需人工回访): surveys whose automatic attempts are used up.

    Operators call these callers by hand and enter the result with
    POST /api/v1/followup/tickets/{ticket_id}/manual-result.

    Tags: followup
    """
    c, _, service = _centre(request)

    def load() -> tuple[list[store.FollowupJob], dict[int, TicketBrief], dict[str, int]]:
        jobs = service.manual_call_list()
        with service.engine.connect() as conn:
            briefs = queries.tickets_brief(conn, (j.ticket_id for j in jobs))
            return jobs, briefs, queries.count_jobs(conn, FILTER_LABELS)

    jobs, tickets, counts = await c.run(load)
    return _job_list(service, len(jobs), jobs, tickets, counts)


@routes.get("/api/v1/followup/stats")
@api
async def followup_stats(
    request: web.Request, days: DbInt = 30
) -> r200[CompletionOut] | r400[ErrorBody] | r403[ErrorBody]:
    """Survey completion over the last `days` days (1–366): of the automatic calls that
    were answered, how many reached the question, got an answer, or were hung up during
    the opening prompt; and the survey results.

    Tags: followup
    """
    c, _, service = _centre(request)
    if not 1 <= days <= 366:
        raise ApiError(400, "invalid_input", "统计天数应为1到366", f"days={days} out of range")
    since = service.clock() - timedelta(days=days)

    def load() -> dict[str, Any]:
        with service.engine.connect() as conn:
            endings = store.ending_counts(conn, since=since)
            results = store.satisfaction_counts(conn, since=since)
        return {**completion(endings), "satisfaction": results}

    return _json(await c.run(load))


@routes.get("/api/v1/followup/jobs/{job_id}/attempts")
@api
async def job_attempts(
    request: web.Request, job_id: DbInt, /
) -> r200[JobAttemptsOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody]:
    """One job with every call made for it (automatic and by hand), oldest first.

    Tags: followup
    """
    c, _, service = _centre(request)

    def load() -> dict[str, Any]:
        with service.engine.connect() as conn:
            job = store.get_job(conn, job_id)
            tickets = queries.tickets_brief(conn, [job.ticket_id])
        return _job_with_attempts(service, job, tickets)

    return _json(await c.run(load))


def _job_with_attempts(
    service: FollowupService, job: store.FollowupJob, tickets: dict[int, TicketBrief]
) -> dict[str, Any]:
    zone = service.policy.window.zone
    return {
        "job": _views([job], tickets, service)[0],
        "attempts": [attempt_view(a, zone) for a in service.attempts(job.id)],
    }


@routes.get("/api/v1/followup/tickets/{ticket_id}")
@api
async def ticket_followup(
    request: web.Request, ticket_id: DbInt, /
) -> r200[TicketFollowupOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody]:
    """The follow-up of one ticket (for the ticket page): its jobs, newest first, with calls.

    Tags: followup
    """
    c, _, service = _centre(request)

    def load() -> dict[str, Any]:
        ticket = services.get_ticket(c.db.read_uow(), ticket_id)
        with service.engine.connect() as conn:
            jobs = list(reversed(store.jobs_for_ticket(conn, ticket_id)))
            tickets = queries.tickets_brief(conn, [ticket_id])
        open_job = next((j for j in jobs if j.state not in FINAL_STATES), None)
        return {
            "ticket_id": ticket_id,
            "ticket_state": str(ticket.state),
            "jobs": [_job_with_attempts(service, j, tickets) for j in jobs],
            "can_call_now": open_job is not None and open_job.state in (S.PLANNED, S.EXHAUSTED),
            # A survey by hand: an open job that waits, or a ticket in 回访中 without one.
            "can_record": (
                open_job.state in (S.PLANNED, S.EXHAUSTED)
                if open_job is not None
                else ticket.state is State.FOLLOW_UP
            ),
            "manual_results": MANUAL_RESULT_LABELS,
        }

    return _json(await c.run(load))


@routes.post("/api/v1/followup/tickets/{ticket_id}/call-now")
@api
async def call_now(
    request: web.Request, ticket_id: DbInt, /
) -> r200[CallNowOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody] | r409[ErrorBody]:
    """立即呼叫: the ticket's waiting survey is dialled at the scheduler's next pass.

    Only inside the calling window (08:00–20:00 local by default); outside it the call
    waits for the window to open. 404 when the ticket has no waiting survey, 409 when
    a call is in progress.

    Tags: followup
    """
    c, principal, service = _centre(request)
    job = await c.run(service.call_now, ticket_id, principal.actor)
    await audit(request, principal, "followup_call_now", ticket_id, job_id=job.id)
    window = service.policy.window
    closed = window.closed_notice(c.now())
    if not c.settings.followup.enabled:
        message = "自动回访未启用，请人工拨打后录入结果"
    elif closed is None:
        message = "已安排立即呼叫，稍后自动拨出"
    else:
        message = f"{closed}（回访时段{window.hours}），届时自动呼叫"
    tickets = await c.run(_brief, service, ticket_id)
    await _publish(c, ticket_id)
    return _json({"job": _views([job], tickets, service)[0], "message": message})


@routes.post("/api/v1/followup/tickets/{ticket_id}/manual-result")
@api
async def manual_result(
    request: web.Request, ticket_id: DbInt, /, body: ManualResultBody
) -> r200[ManualResultOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody] | r409[ErrorBody]:
    """手工录入结果: the result of a survey call made by hand.

    `result`: satisfied | basic (基本满意; basically_satisfied is accepted too) |
    dissatisfied | no_answer | declined. The satisfaction goes onto the ticket, which
    is closed; 不满意 sends it back to review (重新办理) with a history entry.

    Tags: followup
    """
    c, principal, service = _centre(request)
    result = MANUAL_RESULT_NAMES[body.result]
    note = body.note.strip()
    job = await c.run(service.record_manual, ticket_id, result, principal.actor, note)
    await audit(
        request, principal, "followup_manual_result", ticket_id, result=str(result), job_id=job.id
    )
    ticket = await _publish(c, ticket_id)
    tickets = await c.run(_brief, service, ticket_id)
    message = f"已记录回访结果：{SATISFACTION_LABELS[result]}"
    if ticket.state is State.REPLIED and result is Satisfaction.DISSATISFIED:
        message += "，工单已退回重新审核"
    return _json(
        {
            "job": _views([job], tickets, service)[0],
            "ticket": tickets_view(tickets).get(ticket_id, {"id": ticket_id}),
            "message": message,
        }
    )


async def audit(
    request: web.Request, principal: Principal, action: str, ticket_id: int, **details: Any
) -> None:
    """One audit-log row for an operator's action on a ticket (who, from where, via what)."""
    await ctx(request).run(
        web_store.audit,
        ctx(request).db,
        principal.actor,
        action,
        ticket_id=ticket_id,
        remote=request.remote or "",
        details={**details, "via": principal.via},
    )


def _brief(service: FollowupService, ticket_id: int) -> dict[int, TicketBrief]:
    with service.engine.connect() as conn:
        return queries.tickets_brief(conn, [ticket_id])


async def _publish(c: WebContext, ticket_id: int) -> Any:
    """Tell open consoles the ticket changed (their lists refresh on the event)."""
    ticket = await c.run(services.get_ticket, c.db.read_uow(), ticket_id)
    publish(c, "ticket.updated", ticket, followup=True)
    return ticket


def _json(data: dict[str, Any]) -> web.Response:
    return web.json_response(data, dumps=lambda o: json.dumps(o, ensure_ascii=False))


__all__ = ["FollowupExtension", "audit", "followup_web_extension", "job_view", "routes"]
