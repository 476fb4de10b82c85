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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from aiohttp import web
from aiohttp_pydantic.decorator import inject_params
from aiohttp_pydantic.oas.typing import r200, r400, r403, r404, r409
from hotline.ticketing import services
from hotline.ticketing.followup import store
from hotline.ticketing.followup.policy import policy_from_settings
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.states import (
    FINAL_STATES,
    MANUAL_CALL_STATES,
    STATE_LABELS_ZH,
    JobState,
)
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.model import (
    SATISFACTION_LABELS,
    STATE_LABELS,
    Satisfaction,
    State,
    mask_number,
)
from hotline.ticketing.persistence.tables import TicketRow
from hotline.ticketing.web.api_tickets import publish
from hotline.ticketing.web.auth import CENTRE_ROLES, require_role
from hotline.ticketing.web.context import NavEntry, WebContext, WebExtension, ctx
from hotline.ticketing.web.errors import ApiError, error_response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

PANEL_SCRIPT = "/static/followup.js"
MAX_LIST = 500
RETRYABLE = ("busy", "no_answer", "failed")

# --- what the console shows -----------------------------------------------------------------

S = JobState
# Filters the list accepts besides the raw job states.
GROUPS: dict[str, tuple[JobState, ...]] = {
    "open": tuple(s for s in JobState if s not in FINAL_STATES),
    "final": tuple(sorted(FINAL_STATES)),
    # A retry is due: planned again after a failed attempt (or a transient state between).
    "retry": (S.PLANNED, S.BUSY, S.NO_ANSWER, S.FAILED),
    "in_call": (S.DIALLING, S.ANSWERED),
    "manual": tuple(sorted(MANUAL_CALL_STATES)),
}
FILTER_LABELS: dict[str, str] = {
    "open": "未完成",
    "retry": "待重拨",
    "in_call": "呼叫中",
    "manual": "需人工回访",
    "final": "已结束",
    **{str(s): label for s, label in STATE_LABELS_ZH.items()},
}
OUTCOME_LABELS: dict[str, str] = {
    "answered": "已接通",
    "busy": "占线",
    "no_answer": "无人接听",
    "failed": "呼叫失败",
    "manual": "人工回访",
}
ENDING_LABELS: dict[str, str] = {
    "answer": "已作答",
    "opted_out": "按键拒绝回访",
    "no_response": "未作有效选择",
    "hung_up": "对方挂机",
}
CHANNEL_LABELS: dict[str, str] = {"auto": "自动呼叫", "manual": "人工回访"}

ManualResult = Literal[
    "satisfied", "basic", "basically_satisfied", "dissatisfied", "no_answer", "declined"
]
_RESULT_ALIASES: dict[str, Satisfaction] = {"basic": Satisfaction.BASICALLY_SATISFIED}
MANUAL_RESULT_LABELS: dict[str, str] = {
    "satisfied": "满意",
    "basic": "基本满意",
    "dissatisfied": "不满意",
    "no_answer": "未接通",
    "declined": "拒绝回访",
}
MANUAL_RESULT_HINT = "、".join(f"{v}({k})" for k, v in MANUAL_RESULT_LABELS.items())


def _local(value: datetime | None, zone: ZoneInfo) -> str | None:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _satisfaction_label(value: str | None) -> str | None:
    try:
        return SATISFACTION_LABELS[Satisfaction(value)] if value else None
    except ValueError:
        return value


def _status(job: store.FollowupJob) -> str:
    """The console's word for where the job stands (finer than the raw state for retries)."""
    if job.state is S.PLANNED and job.attempts > 0 and job.last_outcome in RETRYABLE:
        return "retry"
    return str(job.state)


def _status_label(job: store.FollowupJob) -> str:
    if _status(job) == "retry":
        return f"待重拨（上次{OUTCOME_LABELS.get(job.last_outcome or '', job.last_outcome)}）"
    return STATE_LABELS_ZH[job.state]


def job_view(
    job: store.FollowupJob,
    ticket: dict[str, Any] | None,
    zone: ZoneInfo,
    max_attempts: int,
) -> dict[str, Any]:
    """One job as the console shows it; times also in the centre's local time."""
    next_at = job.due_at if job.state is S.PLANNED else None
    return {
        "id": job.id,
        "ticket_id": job.ticket_id,
        "state": str(job.state),
        "state_label": STATE_LABELS_ZH[job.state],
        "status": _status(job),
        "status_label": _status_label(job),
        "phone_masked": mask_number(job.phone),
        "attempts": job.attempts,
        "max_attempts": max_attempts,
        "next_attempt_at": _iso(next_at),
        "next_attempt_local": _local(next_at, zone),
        "last_outcome": job.last_outcome,
        "last_outcome_label": OUTCOME_LABELS.get(job.last_outcome or "", job.last_outcome),
        "satisfaction": job.satisfaction,
        "satisfaction_label": _satisfaction_label(job.satisfaction),
        "note": job.note,
        "triggered_at": _iso(job.triggered_at),
        "updated_at": _iso(job.updated_at),
        "updated_local": _local(job.updated_at, zone),
        "completed_at": _iso(job.completed_at),
        "completed_local": _local(job.completed_at, zone),
        "can_call_now": job.state in (S.PLANNED, S.EXHAUSTED),
        "can_record": job.state in (S.PLANNED, S.EXHAUSTED),
        "ticket": ticket or {"id": job.ticket_id},
    }


def attempt_view(attempt: store.FollowupAttempt, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "attempt": attempt.attempt,
        "channel": attempt.channel,
        "channel_label": CHANNEL_LABELS.get(attempt.channel, attempt.channel),
        "actor": attempt.actor,
        "started_at": _iso(attempt.started_at),
        "started_local": _local(attempt.started_at, zone),
        "ended_at": _iso(attempt.ended_at),
        "outcome": attempt.outcome,
        "outcome_label": OUTCOME_LABELS.get(attempt.outcome or "", attempt.outcome),
        "satisfaction": attempt.satisfaction,
        "satisfaction_label": _satisfaction_label(attempt.satisfaction),
        "ending": attempt.ending,
        "ending_label": ENDING_LABELS.get(attempt.ending or "", attempt.ending),
        "heard": attempt.heard,
        "detail": attempt.detail,
        "has_recording": bool(attempt.recording_path),
    }


# --- OpenAPI models -------------------------------------------------------------------------


class TicketRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    state: str | None = None
    state_label: str | None = None
    summary: str | None = None


class FollowupJobOut(BaseModel):
    id: int
    ticket_id: int
    state: str
    state_label: str
    status: str
    status_label: str
    phone_masked: str | None = None
    attempts: int
    max_attempts: int
    next_attempt_at: str | None = None
    next_attempt_local: str | None = None
    last_outcome: str | None = None
    last_outcome_label: str | None = None
    satisfaction: str | None = None
    satisfaction_label: str | None = None
    note: str
    triggered_at: str
    updated_at: str
    updated_local: str
    completed_at: str | None = None
    completed_local: str | None = None
    can_call_now: bool
    can_record: bool
    ticket: TicketRef


class FollowupJobListOut(BaseModel):
    total: int
    items: list[FollowupJobOut]
    counts: dict[str, int]
    filters: dict[str, str]
    timezone: str
    notice: str | None = None  # why surveys are not dialled (no outbound route), else null


class AttemptOut(BaseModel):
    attempt: int
    channel: str
    channel_label: str
    actor: str
    started_at: str
    started_local: str
    ended_at: str | None = None
    outcome: str | None = None
    outcome_label: str | None = None
    satisfaction: str | None = None
    satisfaction_label: str | None = None
    ending: str | None = None
    ending_label: str | None = None
    heard: list[str]
    detail: str
    has_recording: bool


class JobAttemptsOut(BaseModel):
    job: FollowupJobOut
    attempts: list[AttemptOut]


class TicketFollowupOut(BaseModel):
    ticket_id: int
    ticket_state: str
    jobs: list[JobAttemptsOut]
    can_call_now: bool
    can_record: bool
    manual_results: dict[str, str]


class CallNowOut(BaseModel):
    job: FollowupJobOut
    message: str


class ManualResultOut(BaseModel):
    job: FollowupJobOut
    ticket: TicketRef
    message: str


class ManualResultBody(BaseModel):
    """The result of a survey call an operator made by hand."""

    model_config = ConfigDict(extra="forbid")
    result: ManualResult = Field(
        description="satisfied 满意 | basic 基本满意 | dissatisfied 不满意 | "
        "no_answer 未接通 | declined 拒绝回访"
    )
    note: str = Field(default="", max_length=500, description="备注（如：来电人反映的情况）")


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: str = ""


# --- the extension --------------------------------------------------------------------------


@dataclass
class FollowupExtension(WebExtension):
    """The 回访 extension; `service` is built from the app's database on first use if absent."""

    service: FollowupService | None = None
    _built: FollowupService | None = field(default=None, repr=False)

    def service_for(self, c: WebContext) -> FollowupService:
        if self.service is not None:
            return self.service
        if self._built is None:
            self._built = FollowupService(
                engine=c.db.engine,
                tickets=DatabaseTicketPort(c.db),
                policy=policy_from_settings(c.settings),
                clock=c.db.clock,
                node="web",
                trigger=c.settings.followup.trigger_state,
                deadlines=c.db.policy,
            )
        return self._built


routes = web.RouteTableDef()


def followup_web_extension(service: FollowupService | None = None) -> FollowupExtension:
    """What the composition root adds to `ctx.extras["web_extensions"]`."""
    return FollowupExtension(
        name="followup",
        routes=routes,
        nav=[NavEntry("回访", "#/followup", "followup")],
        console_scripts=[PANEL_SCRIPT],
        service=service,
    )


def _service(c: WebContext) -> FollowupService:
    for ext in c.extensions:
        if isinstance(ext, FollowupExtension):
            return ext.service_for(c)
    raise ApiError(404, "not_found", "回访功能未启用", "follow-up extension not installed")


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


def _tickets_brief(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """State and summary of the jobs' tickets in one query (the list is read-only)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    t = TicketRow.__table__
    rows = conn.execute(
        select(t.c.id, t.c.state, t.c.summary, t.c.corrected_text, t.c.machine_text).where(
            t.c.id.in_(wanted)
        )
    )
    out = {}
    for r in rows:
        text = r.summary or (r.corrected_text or r.machine_text or "")[:40]
        state = State(r.state)
        out[r.id] = {
            "id": r.id,
            "state": str(state),
            "state_label": STATE_LABELS[state],
            "summary": text,
        }
    return out


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


def _condition(names: Sequence[str]) -> Any:
    """SQL for the filter names: OR over raw states and groups (None: everything)."""
    j = store.followup_jobs
    parts = []
    for name in names:
        if name == "retry":
            parts.append(
                j.c.state.in_([str(S.BUSY), str(S.NO_ANSWER), str(S.FAILED)])
                | and_(
                    j.c.state == str(S.PLANNED),
                    j.c.attempts > 0,
                    j.c.last_outcome.in_(RETRYABLE),
                )
            )
        else:
            parts.append(j.c.state.in_([str(s) for s in _states(name)]))
    return or_(*parts) if parts else None


def _states(name: str) -> tuple[JobState, ...]:
    return GROUPS.get(name) or (JobState(name),)


def _query_jobs(
    engine: Any,
    names: Sequence[str],
    ticket_id: int | None,
    limit: int,
    offset: int,
) -> tuple[list[store.FollowupJob], int, dict[str, int], dict[int, dict[str, Any]]]:
    """Jobs for the filter: open ones by due time, finished ones newest first."""
    j = store.followup_jobs
    where = []
    condition = _condition(names)
    if condition is not None:
        where.append(condition)
    if ticket_id is not None:
        where.append(j.c.ticket_id == ticket_id)
    # Waiting work by when it is due; finished (or everything) by the latest change.
    waiting = "retry" in names or any(
        s not in FINAL_STATES for n in names if n != "retry" for s in _states(n)
    )
    order = (j.c.due_at, j.c.id) if waiting else (j.c.updated_at.desc(), j.c.id.desc())
    with engine.connect() as conn:
        rows = conn.execute(
            select(j).where(*where).order_by(*order).limit(limit).offset(offset)
        ).all()
        total = conn.execute(select(func.count()).select_from(j).where(*where)).scalar_one()
        jobs = [store.FollowupJob(**{**r._mapping, "state": JobState(r.state)}) for r in rows]
        counts = _counts(conn)
        tickets = _tickets_brief(conn, (job.ticket_id for job in jobs))
    return jobs, int(total), counts, tickets


def _counts(conn: Connection) -> dict[str, int]:
    """Jobs per raw state and per console group (the panel's filter badges)."""
    j = store.followup_jobs
    retryable = and_(j.c.attempts > 0, j.c.last_outcome.in_(RETRYABLE))
    rows = conn.execute(
        select(j.c.state, retryable.label("retry"), func.count()).group_by(j.c.state, "retry")
    ).all()
    counts: dict[str, int] = {key: 0 for key in FILTER_LABELS}
    total = 0
    for state, retry, n in rows:
        total += n
        counts[state] = counts.get(state, 0) + n
        for group, members in GROUPS.items():
            if JobState(state) in members and (
                group != "retry" or state != str(S.PLANNED) or bool(retry)
            ):
                counts[group] += n
    counts["all"] = total
    return counts


def _views(
    jobs: Sequence[store.FollowupJob],
    tickets: dict[int, dict[str, Any]],
    service: FollowupService,
) -> list[dict[str, Any]]:
    zone = service.policy.window.zone
    return [
        job_view(job, tickets.get(job.ticket_id), zone, service.policy.max_attempts) for job in jobs
    ]


# --- handlers -------------------------------------------------------------------------------


@routes.get("/api/v1/followup/jobs")
@api
async def list_jobs(
    request: web.Request,
    state: str | None = None,
    ticket_id: int | None = None,
    limit: int = 200,
    offset: int = 0,
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
    names = _parse_filter(state)
    service = _service(c)
    limit = max(1, min(limit, MAX_LIST))
    jobs, total, counts, tickets = await c.run(
        _query_jobs, service.engine, names, ticket_id, limit, max(0, offset)
    )
    return _json(
        {
            "total": total,
            "items": _views(jobs, tickets, service),
            "counts": counts,
            "filters": {"all": "全部", **FILTER_LABELS},
            "timezone": service.policy.window.timezone,
            "notice": service.policy.dialling_off,
        }
    )


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
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    service = _service(c)

    def load() -> tuple[list[store.FollowupJob], dict[int, dict[str, Any]], dict[str, int]]:
        jobs = service.manual_call_list()
        with service.engine.connect() as conn:
            return jobs, _tickets_brief(conn, (j.ticket_id for j in jobs)), _counts(conn)

    jobs, tickets, counts = await c.run(load)
    return _json(
        {
            "total": len(jobs),
            "items": _views(jobs, tickets, service),
            "counts": counts,
            "filters": {"all": "全部", **FILTER_LABELS},
            "timezone": service.policy.window.timezone,
            "notice": service.policy.dialling_off,
        }
    )


@routes.get("/api/v1/followup/jobs/{job_id}/attempts")
@api
async def job_attempts(
    request: web.Request, job_id: int, /
) -> r200[JobAttemptsOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody]:
    """One job with every call made for it (automatic and by hand), oldest first.

    Tags: followup
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    service = _service(c)

    def load() -> dict[str, Any]:
        with service.engine.connect() as conn:
            job = store.get_job(conn, job_id)
            tickets = _tickets_brief(conn, [job.ticket_id])
        return _job_with_attempts(service, job, tickets)

    return _json(await c.run(load))


def _job_with_attempts(
    service: FollowupService, job: store.FollowupJob, tickets: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    zone = service.policy.window.zone
    return {
        "job": _views([job], tickets, service)[0],
        "attempts": [attempt_view(a, zone) for a in service.attempts(job.id)],
    }


@routes.get("/api/v1/followup/tickets/{ticket_id}")
@api
async def ticket_followup(
    request: web.Request, ticket_id: int, /
) -> r200[TicketFollowupOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody]:
    """The follow-up of one ticket (for the ticket page): its jobs, newest first, with calls.

    Tags: followup
    """
    c = ctx(request)
    require_role(request, *CENTRE_ROLES)
    service = _service(c)

    def load() -> dict[str, Any]:
        ticket = services.get_ticket(c.db.read_uow(), ticket_id)
        with service.engine.connect() as conn:
            jobs = list(reversed(store.jobs_for_ticket(conn, ticket_id)))
            tickets = _tickets_brief(conn, [ticket_id])
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
    request: web.Request, ticket_id: int, /
) -> r200[CallNowOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody] | r409[ErrorBody]:
    """立即呼叫: the ticket's waiting survey is dialled at the scheduler's next pass.

    Only inside the calling window (08:00–20:00 local by default); outside it the call
    waits for the window to open. 404 when the ticket has no waiting survey, 409 when
    a call is in progress.

    Tags: followup
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    service = _service(c)
    job = await c.run(service.call_now, ticket_id, principal.actor)
    window = service.policy.window
    hours = f"{window.start.strftime('%H:%M')}–{window.end.strftime('%H:%M')}"
    if not c.settings.followup.enabled:
        message = "自动回访未启用，请人工拨打后录入结果"
    elif window.contains(c.now()):
        message = "已安排立即呼叫，稍后自动拨出"
    else:
        message = f"当前不在回访时段（{hours}），将在时段开始后自动呼叫"
    tickets = await c.run(_brief, service, ticket_id)
    await _publish(c, ticket_id)
    return _json({"job": _views([job], tickets, service)[0], "message": message})


@routes.post("/api/v1/followup/tickets/{ticket_id}/manual-result")
@api
async def manual_result(
    request: web.Request, ticket_id: int, /, body: ManualResultBody
) -> r200[ManualResultOut] | r400[ErrorBody] | r403[ErrorBody] | r404[ErrorBody] | r409[ErrorBody]:
    """手工录入结果: the result of a survey call made by hand.

    `result`: satisfied | basic (基本满意; basically_satisfied is accepted too) |
    dissatisfied | no_answer | declined. The satisfaction goes onto the ticket, which
    is closed; 不满意 sends it back to review (重新办理) with a history entry.

    Tags: followup
    """
    c = ctx(request)
    principal = require_role(request, *CENTRE_ROLES)
    service = _service(c)
    result = _RESULT_ALIASES.get(body.result) or Satisfaction(body.result)
    job = await c.run(service.record_manual, ticket_id, result, principal.actor, body.note.strip())
    ticket = await _publish(c, ticket_id)
    tickets = await c.run(_brief, service, ticket_id)
    message = f"已记录回访结果：{SATISFACTION_LABELS[result]}"
    if ticket.state is State.REPLIED and result is Satisfaction.DISSATISFIED:
        message += "，工单已退回重新审核"
    return _json(
        {
            "job": _views([job], tickets, service)[0],
            "ticket": tickets.get(ticket_id, {"id": ticket_id}),
            "message": message,
        }
    )


def _brief(service: FollowupService, ticket_id: int) -> dict[int, dict[str, Any]]:
    with service.engine.connect() as conn:
        return _tickets_brief(conn, [ticket_id])


async def _publish(c: WebContext, ticket_id: int) -> Any:
    """Tell open consoles the ticket changed (their lists refresh on the event)."""
    ticket = await c.run(services.get_ticket, c.db.read_uow(), ticket_id)
    publish(c, "ticket.updated", ticket, followup=True)
    return ticket


def _json(data: dict[str, Any]) -> web.Response:
    import json

    return web.json_response(data, dumps=lambda o: json.dumps(o, ensure_ascii=False))


__all__ = ["FollowupExtension", "followup_web_extension", "job_view", "routes"]
